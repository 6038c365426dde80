"""Chainable filters for children and settings, including who may see which child.

`ChildQuerySet.visible_to` is the one predicate for "may this user see this child":
lists and detail pages both use it, so they can never disagree.
"""

from datetime import date

from django.apps import apps
from django.db.models import Q

from opensend.accounts.permissions import access_for
from opensend.accounts.roles import Role
from opensend.core.models import ClosableQuerySet


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
        qs = self
        for term in name.split():
            qs = qs.filter(
                Q(given_name__icontains=term)
                | Q(family_name__icontains=term)
                | Q(preferred_name__icontains=term)
            )
        if date_of_birth is not None:
            qs = qs.filter(date_of_birth=date_of_birth)
        if upn:
            qs = qs.filter(upn=upn.strip().upper())
        return qs


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
