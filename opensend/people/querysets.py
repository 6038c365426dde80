"""Chainable filters for children and settings, including who may see which child.

`child_visibility` is the one predicate for "may this user see this child":
`Child.objects.visible_to(user)` uses it, and so does every other app's selectors
(`Record.objects.filter(child_visibility(user, via="child"))`), lists and detail pages alike,
so they can never disagree.
"""

from datetime import date

from django.apps import apps
from django.db import connections
from django.db.models import Exists, F, FloatField, Func, OuterRef, Q, QuerySet, Value
from django.db.models.lookups import Exact, GreaterThanOrEqual

from opensend.accounts.permissions import access_for
from opensend.accounts.roles import Role
from opensend.core.models import ClosableQuerySet
from opensend.people.search_terms import (
    SIMILAR_ENOUGH,
    SQLITE_SIMILARITY,
    ChildSearchTerms,
    parse_child_search,
)

# Matches every row and compiles to no SQL at all (Django drops an always-true condition),
# so "no restriction" can still be combined with `|` like any other rule.
EVERY_CHILD = ~Q(pk__in=[])


def child_visibility(user: object, *, via: str = "") -> Q:
    """The one rule for "may this user see this child", as a filter.

    `via` is the path from the filtered model to the child ("" for `Child` itself, "child"
    for a record with a `child` foreign key, "plan__child" and so on). The rule is written
    so that the database can apply it per row, cheaply, on SQLite and PostgreSQL alike:
    the child's own columns (caseworker, SENAR team, the young person's own record) through
    the foreign key's join; a parent's children by the few ids `access_for` read once; and
    the relationships (on roll at the SENCO's setting, a professional's open involvement)
    as correlated `EXISTS` subqueries on indexed child ids. Nothing builds the list of every visible
    child (`child_id IN (SELECT ...)`), which SQLite rebuilt for every query, one-row
    lookups included (issue 13). A missing and a forbidden record still give one 404: the
    rule only narrows the rows a selector may return.
    """
    access = access_for(user)
    if access.has(Role.ADMIN):
        return EVERY_CHILD
    column = f"{via}__" if via else ""
    child_id = OuterRef(via or "pk")
    rule = Q(pk__in=[])
    if access.has(Role.CASEWORKER, Role.TEAM_MANAGER) and access.user_id is not None:
        rule |= Q(**{f"{column}caseworker_id": access.user_id})
        if access.team_ids:
            rule |= Q(**{f"{column}senar_team_id__in": sorted(access.team_ids)})
    if access.has(Role.SENCO) and access.setting_ids:
        enrolment = apps.get_model("people", "Enrolment")
        settings = sorted(access.setting_ids)
        rule |= Q(
            Exists(
                enrolment.objects.filter(child_id=child_id, ended_on__isnull=True).filter(
                    Q(setting_id__in=settings) | Q(setting__host_setting_id__in=settings)
                )
            )
        )
    professional_orgs = access.organisations_with(
        Role.HEALTH, Role.SOCIAL_CARE, Role.EDUCATIONAL_PSYCHOLOGIST
    )
    if professional_orgs:
        involvement = apps.get_model("people", "ProfessionalInvolvement")
        rule |= Q(
            Exists(
                involvement.objects.filter(
                    child_id=child_id,
                    organisation_id__in=sorted(professional_orgs),
                    closed_at__isnull=True,
                )
            )
        )
    if access.family_member_id is not None:
        # Parental responsibility, by the ids read once in `access_for`: a primary-key lookup
        # of two or three children, not a check of every child in the area (issue 13).
        ids = sorted(access.parental_child_ids)
        parent = Q(**{f"{via}_id__in" if via else "pk__in": ids})
        # A young person who keeps their plan and papers from their parents (people.sharing):
        # their record and every record about them are not the parent's to see. The family's
        # page still tells the parent so (`sharing.child_for_family_page`).
        rule |= parent & ~Q(Exists(hidden_from_parents(child_id)))
    if access.young_person_child_id is not None:
        rule |= Q(**{f"{via}_id" if via else "pk": access.young_person_child_id})
    return rule


def hidden_from_parents(child_id: OuterRef | str) -> QuerySet:
    """The young person's current choice, where it keeps their plan and papers from their
    parents and they have the capacity to make it (models.ParentSharing)."""
    sharing = apps.get_model("people", "ParentSharing")
    return sharing.objects.filter(
        child_id=child_id, closed_at__isnull=True, parent_sees_plan=False, lacks_capacity=False
    )


class ChildQuerySet(ClosableQuerySet):
    def visible_to(self, user: object) -> "ChildQuerySet":
        """The children this user may see (`child_visibility`)."""
        return self.filter(child_visibility(user))

    def search(
        self, *, name: str = "", date_of_birth: date | None = None, upn: str = ""
    ) -> "ChildQuerySet":
        """Children matching what was typed: names, a date of birth, a UPN or NHS number.

        `name` is read by people.search_terms ("Surname, Forename", a date in any common
        form, a UPN or NHS number inside the text); the separate date and UPN fields win.
        """
        terms = parse_child_search(name)
        qs = self._identifiers(terms, date_of_birth=date_of_birth, upn=upn)
        for term in terms.names:
            qs = qs.filter(
                Q(given_name__icontains=term)
                | Q(family_name__icontains=term)
                | Q(preferred_name__icontains=term)
            )
        if terms.family_name:
            qs = qs.filter(family_name__icontains=terms.family_name)
        if terms.given_name:
            qs = qs.filter(
                Q(given_name__icontains=terms.given_name)
                | Q(preferred_name__icontains=terms.given_name)
            )
        return qs

    def similar_names(
        self, *, name: str = "", date_of_birth: date | None = None, upn: str = ""
    ) -> "ChildQuerySet":
        """Children whose names are close to what was typed (small typos), for "did you mean".

        PostgreSQL uses pg_trgm's similarity (`%`, threshold 0.3, GIN-indexed); SQLite a
        similarity function registered by people.apps, limited to names with the same first
        letter so it stays cheap. Identifiers still have to match exactly.
        """
        terms = parse_child_search(name)
        words = [*terms.names, terms.family_name, terms.given_name]
        words = [w for w in words if len(w) >= 3]
        if not words:
            return self.none()
        qs = self._identifiers(terms, date_of_birth=date_of_birth, upn=upn)
        postgres = connections[self.db].vendor == "postgresql"
        for word in words:
            if postgres:
                qs = qs.filter(
                    Q(given_name__trigram_similar=word)
                    | Q(family_name__trigram_similar=word)
                    | Q(preferred_name__trigram_similar=word)
                )
            else:
                qs = qs.filter(
                    _similar_sqlite("given_name", word)
                    | _similar_sqlite("family_name", word)
                    | _similar_sqlite("preferred_name", word)
                )
        return qs

    def _identifiers(
        self, terms: ChildSearchTerms, *, date_of_birth: date | None, upn: str
    ) -> "ChildQuerySet":
        qs = self
        born = date_of_birth or terms.date_of_birth
        if born is not None:
            qs = qs.filter(date_of_birth=born)
        pupil_number = (upn or terms.upn).strip().upper()
        if pupil_number:
            qs = qs.filter(upn=pupil_number)
        if terms.nhs_number:
            qs = qs.filter(nhs_number=terms.nhs_number)
        if terms.unread:
            qs = qs.none()
        return qs


def _similar_sqlite(field: str, word: str) -> Q:
    similarity = Func(F(field), Value(word), function=SQLITE_SIMILARITY, output_field=FloatField())
    return Q(**{f"{field}__istartswith": word[0]}) & Q(
        Exact(GreaterThanOrEqual(similarity, Value(SIMILAR_ENOUGH)), True)
    )


class SettingQuerySet(ClosableQuerySet):
    def search(
        self,
        *,
        name: str = "",
        kind: str = "",
        phase: str = "",
        locality_id: int | None = None,
        need: str = "",
    ) -> "SettingQuerySet":
        qs = self
        for term in name.split():
            qs = qs.filter(Q(name__icontains=term) | Q(urn=term) | Q(ukprn=term))
        if kind:
            qs = qs.filter(kind=kind)
        if phase:
            qs = qs.filter(phase=phase)
        if locality_id:
            qs = qs.filter(locality_id=locality_id)
        if need:
            qs = qs.filter(need_types__code=need)
        return qs
