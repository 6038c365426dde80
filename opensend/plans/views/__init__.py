"""Plan pages for SENAR staff (write and issue), schools and professionals (read), and families
(read, and comment on the draft). Thin: selectors and services do the work.

`pages` is the list, the PDF and the versions, with what every plan page shares; `content` is
the needs, outcomes and provision; `steps` serves the plan's steps (declared in `plans.steps`)
that show the plan's own page. The plan page itself, the final issue and the family's page
need the reviews app, so they are `reviews.plan_pages`, which uses the three shared helpers.
"""

from opensend.plans.views.pages import plan_for, plan_form_page, plan_page_context

__all__ = ["plan_for", "plan_form_page", "plan_page_context"]
