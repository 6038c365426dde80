"""The audit trail in plain English: "Simran Mistry changed Shane Gill's address".

`describe_event` is a pure function of what an event holds (its action, what kind of record, the
names of the fields it changed) and the names of who did it and whose record it was. `words_for`
turns an event's `object_type` ("people.child") and field keys into the words people use (the
models' verbose names), so no page shows a model or field name.
"""

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

# Records that are the person themselves: "Shane Gill's record", "Amir Khan's account".
_OWN_RECORD = {"people.child": "record", "accounts.user": "account"}
_VERBS = {
    "view": "viewed",
    "list": "saw",
    "create": "added",
    "update": "changed",
    "close": "closed",
    "export": "exported",
}


@dataclass(frozen=True)
class Words:
    thing: str  # "record", "EHC plan", "family relationship"
    fields: tuple[str, ...]  # "address", "date of birth"
    is_own_record: bool  # the record is the child (or the user) itself


def words_for(object_type: str, field_keys: Sequence[str]) -> Words:
    """The plain words for a record type and the fields an event changed."""
    if object_type in _OWN_RECORD:
        thing, own = _OWN_RECORD[object_type], True
    else:
        thing, own = object_type.rsplit(".", 1)[-1], False
    model = None
    with suppress(LookupError, ValueError):
        model = apps.get_model(object_type)
    if model is not None and not own:
        thing = str(model._meta.verbose_name)
    fields = []
    for key in field_keys:
        name = key.replace("_", " ")
        if model is not None:
            with suppress(FieldDoesNotExist):
                name = str(model._meta.get_field(key).verbose_name)
        fields.append(name)
    return Words(thing=_sentence_case(thing), fields=tuple(fields), is_own_record=own)


def _sentence_case(text: str) -> str:
    # Keep acronyms ("EHC plan", "SEN team"); lower a capitalised ordinary word.
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" and not word.isupper() else "a"


def _and_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe_event(
    *,
    action: str,
    words: Words,
    actor_name: str,
    child_name: str = "",
    object_label: str = "",
) -> str:
    """One sentence for one event.

    >>> w = Words(thing="record", fields=("address",), is_own_record=True)
    >>> describe_event(action="update", words=w, actor_name="Simran Mistry",
    ...                child_name="Shane Gill")
    "Simran Mistry changed Shane Gill's address"
    """
    actor = actor_name or "The system"
    verb = _VERBS.get(action, "changed")
    owner = child_name or (object_label if words.is_own_record else "")
    fields = _and_list(words.fields)
    if words.is_own_record and owner:
        whose = _possessive(owner)
        if action == "update" and fields:
            return f"{actor} changed {whose} {fields}"
        if action == "list":
            return f"{actor} saw {whose} {words.thing} in a list of search results"
        return f"{actor} {verb} {whose} {words.thing}"
    if owner:
        target = f"{_possessive(owner)} {words.thing}"
    elif object_label:
        target = f"the {words.thing} “{object_label}”"
    else:
        target = f"{_article(words.thing)} {words.thing}"
    if action == "update" and fields:
        return f"{actor} changed the {fields} on {target}"
    if action == "create" and owner:
        return f"{actor} added {_article(words.thing)} {words.thing} to {_possessive(owner)} record"
    if action == "list":
        return f"{actor} saw {target} in a list of search results"
    return f"{actor} {verb} {target}"
