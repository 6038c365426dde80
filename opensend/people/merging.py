"""What merging two child records touches, found from the models themselves (issue 12, item 5).

`people` comes before every journey app (docs/architecture.md), so nothing here imports them:
the rows that point at a child are found through `Child._meta.related_objects`, and the two
journeys a child can have only one of at a time are read through the related names those apps
give the child (`assessment_requests`, `ehc_plans`). A new app's foreign key to `Child` moves
with a merge without any change here.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from opensend.people.models import CHILD_FIELDS, Child, ChildMerge

SAME_RECORD = "You cannot merge a record with itself. Choose the other record for this child"
BOTH_OPEN_REQUESTS = (
    "Both records have an open request for an EHC needs assessment, and a child can have only "
    "one. Withdraw or close the request that was made by mistake (from its case page), then "
    "merge the records"
)
BOTH_PLANS_IN_FORCE = (
    "Both records have an EHC plan in force, and a child can have only one. Cease the plan that "
    "was made by mistake (from its plan page), then merge the records"
)
BOTH_SIGN_INS = (
    "Both records have the young person's own sign-in. Ask an administrator to close one of the "
    "sign-ins, then merge the records"
)

# The one journey of each kind a child may have open at a time: the related name the journey
# app gives the child, how to narrow it to the open ones, and the refusal when both have one.
ONE_AT_A_TIME: list[tuple[str, str, dict[str, Any], str]] = [
    ("assessment_requests", "open", {}, BOTH_OPEN_REQUESTS),
    ("ehc_plans", "filter", {"status": "final"}, BOTH_PLANS_IN_FORCE),
]


@dataclass(frozen=True)
class ChildLink:
    """A table with a foreign key to a child: rows found by `field`."""

    model: type[models.Model]
    field: str

    @property
    def label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"

    @property
    def name(self) -> str:
        name = str(self.model._meta.verbose_name_plural)
        return name[:1].upper() + name[1:]

    def rows(self, child: Child) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.field: child}).order_by("pk")


def child_links() -> list[ChildLink]:
    """Every table whose rows belong to a child, in the apps' order, merge records aside.

    A many-to-many through a model of its own (a family member's `children`, through
    FamilyRelationship) is that model's foreign key, already in the list; an automatic
    many-to-many table is listed by its own foreign key to the child."""
    links: list[ChildLink] = []
    for rel in Child._meta.related_objects:
        model: Any = rel.related_model
        if model in (Child, ChildMerge):  # merged_into, and the record of merges itself
            continue
        if rel.many_to_many:
            through: Any = getattr(rel, "through", None)
            if through is not None and through._meta.auto_created:
                links.append(ChildLink(through, rel.field.m2m_reverse_field_name()))  # type: ignore[attr-defined]
            continue
        links.append(ChildLink(model, rel.field.name))
    for field in Child._meta.many_to_many:
        through = getattr(field.remote_field, "through", None)
        if through is not None and through._meta.auto_created:
            links.append(ChildLink(through, field.m2m_field_name()))  # type: ignore[union-attr]
    return links


def link_for(label: str) -> ChildLink:
    """The link named by `ChildLink.label` (as a merge recorded it)."""
    from django.apps import apps

    model_label, _, field = label.rpartition(".")
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError) as exc:
        raise ValidationError(
            f"The merge moved records of a kind that no longer exists: {label}"
        ) from exc
    return ChildLink(model, field)


def would_clash(row: models.Model) -> bool:
    """Would saving `row` as it now is break one of its unique rules (the same parent linked to
    the kept record twice)? Django's own checks, so conditional constraints count too."""
    try:
        row.validate_unique()
        row.validate_constraints()
    except ValidationError:
        return True
    return False


def record_problems(child: Child) -> list[str]:
    """Why this record cannot take part in a merge at all (it is closed, or merged already)."""
    if child.merged_into_id:
        return [
            f"{child.full_name}'s record (record {child.pk}) has already been merged into "
            f"record {child.merged_into_id}. Merge with record {child.merged_into_id} instead"
        ]
    if child.is_closed:
        return [
            f"{child.full_name}'s record (record {child.pk}) is closed. Only open records can "
            "be merged: ask an administrator if a closed record needs to be reopened"
        ]
    return []


def merge_problems(*, kept: Child, merged: Child) -> list[str]:
    """Why these two records cannot be merged (nothing: they can)."""
    if kept.pk == merged.pk:
        return [SAME_RECORD]
    problems = record_problems(kept) + record_problems(merged)
    for related_name, narrow, filters, message in ONE_AT_A_TIME:
        if not hasattr(kept, related_name):  # the journey app is not installed
            continue
        if all(
            getattr(getattr(c, related_name), narrow)(**filters).exists() for c in (kept, merged)
        ):
            problems.append(message)
    if kept.user_id and merged.user_id:
        problems.append(BOTH_SIGN_INS)
    return problems


def to_json(value: Any) -> Any:
    """A field's raw value as JSON (a date as ISO text; ids, text and booleans as they are)."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def child_field(name: str) -> models.Field:
    """One of the child's own fields, by name or by stored column name (`caseworker_id`)."""
    for field in Child._meta.concrete_fields:
        if name in (field.name, field.attname):
            return field
    raise ValueError(f"A child's record has no field {name}")


def raw_value(child: Child, name: str) -> Any:
    """The stored value of one of CHILD_FIELDS (an id for a record it points to)."""
    return getattr(child, child_field(name).attname)


def shown_value(child: Child, name: str) -> str:
    """One of CHILD_FIELDS as a person reads it."""
    field = child_field(name)
    value = getattr(child, name)
    if getattr(field, "choices", None):
        return str(getattr(child, f"get_{name}_display")()) or "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    if value in (None, ""):
        return "Not recorded"
    return str(value)


def shown_raw(name: str, raw: Any) -> str:
    """A stored value a merge recorded (an id, a code, ISO date text) as a person reads it."""
    field = child_field(name)
    if raw in (None, ""):
        return "Not recorded"
    target: Any = field.related_model
    if field.is_relation and target is not None:
        related = target._base_manager.filter(pk=raw).first()
        return str(related) if related is not None else f"Number {raw}"
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    if isinstance(field, models.DateField):
        return f"{field.to_python(raw):%-d %B %Y}"
    return str(raw)


def field_label(name: str) -> str:
    label = str(child_field(name).verbose_name)
    return label if label[:2].isupper() else label[0].upper() + label[1:]


def differing_fields(a: Child, b: Child) -> list[str]:
    """The CHILD_FIELDS where the two records say different things."""
    return [name for name in CHILD_FIELDS if raw_value(a, name) != raw_value(b, name)]


@dataclass(frozen=True)
class ComparedRow:
    label: str
    first: str
    second: str
    differs: bool


def compare(a: Child, b: Child) -> list[ComparedRow]:
    """Both records side by side: every detail, then how many of each kind of record each has."""
    rows = [
        ComparedRow(
            field_label(name),
            shown_value(a, name),
            shown_value(b, name),
            raw_value(a, name) != raw_value(b, name),
        )
        for name in CHILD_FIELDS
    ]
    rows.append(
        ComparedRow(
            "School, college or setting now",
            _settings_now(a),
            _settings_now(b),
            _settings_now(a) != _settings_now(b),
        )
    )
    rows.append(
        ComparedRow(
            "Young person's own sign-in",
            "Yes" if a.user_id else "No",
            "Yes" if b.user_id else "No",
            bool(a.user_id) != bool(b.user_id),
        )
    )
    for link in child_links():
        first, second = link.rows(a).count(), link.rows(b).count()
        if first or second or link.model._meta.app_label == "people":
            rows.append(ComparedRow(link.name, str(first), str(second), False))
    return rows


def _settings_now(child: Child) -> str:
    names = [
        str(e.setting)
        for e in child.enrolments.filter(ended_on__isnull=True).select_related("setting")
    ]
    return ", ".join(sorted(names)) or "None recorded"


def describe(rows: dict[str, list[Any]]) -> list[tuple[str, list[Any]]]:
    """A merge's {"app.model.field": [pk, ...]} as (what they are, their ids), for a page."""
    described = []
    for label, pks in rows.items():
        try:
            name = link_for(label).name
        except ValidationError:
            name = label
        described.append((name, pks))
    return described
