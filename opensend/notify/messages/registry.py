"""The message template registry: `MessageTemplate`, `register`, `get_template` and `render`
(filling GOV.UK Notify's `((placeholder))` syntax). The messages themselves are in the modules
next to this one, by journey."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from opensend import statutory

PLACEHOLDER = re.compile(r"\(\(\s*([A-Za-z0-9_]+)\s*\)\)")


class UnknownTemplateError(KeyError):
    """No message template has this key."""

    def __str__(self) -> str:
        return f"There is no message template called {self.args[0]!r}"


class MissingPersonalisationError(ValueError):
    """A template needs placeholder values that the caller did not give."""

    def __init__(self, template_key: str, missing: list[str]) -> None:
        self.template_key = template_key
        self.missing = missing
        names = ", ".join(f"(({name}))" for name in missing)
        super().__init__(f"Template {template_key!r} needs a value for {names}")


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    subject: str
    body: str
    description: str
    audience: str = "family"  # "family" or "professional"

    @property
    def placeholders(self) -> list[str]:
        """Every placeholder in the subject and body, in order of first use."""
        seen: dict[str, None] = {}
        for match in PLACEHOLDER.finditer(self.subject + "\n" + self.body):
            seen.setdefault(match.group(1), None)
        return list(seen)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    personalisation: dict[str, str] = field(default_factory=dict)


def _plain(value: object) -> str:
    if isinstance(value, statutory.AppealDeadline):
        # The real last day, and why it is not the plain count (Tribunal rule 12).
        text = statutory.long_date(value.last_day)
        if value.tribunal_day.moved:
            text += f" ({value.reason[0].lower()}{value.reason[1:]})"
        return text
    if isinstance(value, date):
        return statutory.long_date(value)
    return str(value)


def fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render(
    template: "MessageTemplate | str", personalisation: Mapping[str, object]
) -> RenderedMessage:
    """Fill every ((placeholder)); raise MissingPersonalisationError naming any that are missing.

    Dates given as `date` objects are written out in full ("Monday 12 January 2026").
    Values that are None or blank count as missing. Extra values are kept but unused.
    """
    tpl = get_template(template) if isinstance(template, str) else template
    values = {k: _plain(v) for k, v in personalisation.items() if v is not None}
    missing = [name for name in tpl.placeholders if not values.get(name, "").strip()]
    if missing:
        raise MissingPersonalisationError(tpl.key, missing)
    return RenderedMessage(
        subject=fill(tpl.subject, values), body=fill(tpl.body, values), personalisation=values
    )


REGISTRY: dict[str, MessageTemplate] = {}


def register(template: MessageTemplate) -> MessageTemplate:
    if template.key in REGISTRY:
        raise ValueError(f"A message template called {template.key!r} already exists")
    REGISTRY[template.key] = template
    return template


def get_template(key: str) -> MessageTemplate:
    try:
        return REGISTRY[key]
    except KeyError as exc:
        raise UnknownTemplateError(key) from exc
