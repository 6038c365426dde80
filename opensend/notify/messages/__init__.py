"""Message templates as code: what we say to families and professionals, and when.

Bodies use GOV.UK Notify's `((placeholder))` syntax, so the same text can be pasted into a
Notify template. Paragraphs are separated by a blank line; a line starting "* " is a bullet.
Family-facing text is plain English (reading age about 9): say what happened, then what
happens next, with a date. Dates arrive already formatted (`opensend.statutory.long_date`).

Placeholders filled by `notification_send` for every message, unless the caller sets them:
`recipient_name`, `child_name`, `council_name` and `contact_details`.

The registry is in `registry.py`; the messages by journey in `assessments.py`, `disputes.py`,
`reviews.py` and `transfers.py`, registered in that order when this package is imported. (The
package is not called `templates`: Django would take a `templates` folder in an app for a folder of
page templates.)
"""

from opensend.notify.messages import assessments, disputes, reviews, transfers  # noqa: F401 - registers
from opensend.notify.messages.registry import (
    PLACEHOLDER,
    REGISTRY,
    MessageTemplate,
    MissingPersonalisationError,
    RenderedMessage,
    UnknownTemplateError,
    fill,
    get_template,
    register,
    render,
)

__all__ = [
    "PLACEHOLDER",
    "REGISTRY",
    "MessageTemplate",
    "MissingPersonalisationError",
    "RenderedMessage",
    "UnknownTemplateError",
    "fill",
    "get_template",
    "register",
    "render",
]
