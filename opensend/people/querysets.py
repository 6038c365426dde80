"""Chainable filters for children and settings, including who may see which child.

`ChildQuerySet.visible_to` is the one predicate for "may this user see this child":
lists and detail pages both use it, so they can never disagree.
"""

from datetime import date

from django.apps import apps
from django.db import connections
from django.db.models import F, FloatField, Func, Q, Value
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


class ChildQuerySet(ClosableQuerySet):
    def visible_to(self, user: object) -> "ChildQuerySet":
        access = access_for(user)
        if access.has(Role.ADMIN):
            return self.all()
        rule = Q(pk__in=[])
        if access.has(Role.CASEWORKER, Role.TEAM_MANAGER):
            rule |= Q(caseworker_id=access.user_id)
            senar_teams = access.team_ids
            if senar_teams:
                rule |= Q(senar_team_id__in=senar_teams)
        if access.has(Role.SENCO) and access.setting_ids:
            enrolment = apps.get_model("people", "Enrolment")
            on_roll = enrolment.objects.filter(ended_on__isnull=True).filter(
                Q(setting_id__in=access.setting_ids)
                | Q(setting__host_setting_id__in=access.setting_ids)
            )
            rule |= Q(pk__in=on_roll.values("child_id"))
        professional_orgs = access.organisations_with(
            Role.HEALTH, Role.SOCIAL_CARE, Role.EDUCATIONAL_PSYCHOLOGIST
        )
        if professional_orgs:
            involvement = apps.get_model("people", "ProfessionalInvolvement")
            rule |= Q(
                pk__in=involvement.objects.filter(
                    organisation_id__in=professional_orgs, closed_at__isnull=True
                ).values("child_id")
            )
        if access.family_member_id is not None:
            relationship = apps.get_model("people", "FamilyRelationship")
            rule |= Q(
                pk__in=relationship.objects.filter(
                    family_member_id=access.family_member_id, has_parental_responsibility=True
                ).values("child_id")
            )
        if access.young_person_child_id is not None:
            rule |= Q(pk=access.young_person_child_id)
        return self.filter(rule)

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
