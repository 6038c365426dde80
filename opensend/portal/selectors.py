"""What each person's home page shows, read from the domain apps."""

from typing import Any

from django.urls import reverse

from opensend.accounts.models import Organisation
from opensend.accounts.permissions import access_for, primary_role, user_can
from opensend.accounts.roles import FAMILY_ROLES, Role
from opensend.people.models import Child


def home_summary_for_user(*, user: Any) -> dict[str, Any]:
    access = access_for(user)
    role = primary_role(user)
    sees_children = user_can(user, "view_children")
    links = []
    if user_can(user, "view_caseload"):
        links.append({"text": "Your caseload", "href": reverse("casework:caseload")})
    if user_can(user, "view_team"):
        links.append({"text": "Team workload", "href": reverse("casework:team")})
    if user_can(user, "manage_cases"):
        links.append({"text": "Panels", "href": reverse("casework:panel_list")})
    if user_can(user, "advice_workspace"):
        links.append(
            {
                "text": "Advice requests for your organisation",
                "href": reverse("casework:advice_list"),
            }
        )
    if user_can(user, "search_children"):
        links.append({"text": "Find a child or young person", "href": reverse("people:child_list")})
    if user_can(user, "create_children"):
        links.append(
            {"text": "Add a child or young person", "href": reverse("people:child_create")}
        )
    if user_can(user, "view_settings"):
        links.append(
            {"text": "Schools, colleges and settings", "href": reverse("people:setting_list")}
        )
    if user_can(user, "view_audit"):
        links.append({"text": "Search the audit trail", "href": reverse("audit:event_list")})
    links.append({"text": "API documentation", "href": reverse("api-docs")})
    family_children: list[Child] = []
    if access.roles & FAMILY_ROLES:
        family_children = list(Child.objects.visible_to(user).open()[:20])
    return {
        "role_label": role.label if role else "",
        "organisations": list(
            Organisation.objects.filter(pk__in=access.organisation_ids).values_list(
                "name", flat=True
            )
        ),
        "child_count": Child.objects.visible_to(user).open().count()
        if sees_children and not (access.roles & FAMILY_ROLES)
        else None,
        "family_children": family_children,
        "no_personal_data": role in (Role.BOARD_MEMBER, Role.ANALYST, Role.LOCAL_OFFER_EDITOR),
        "links": links,
    }
