"""What each person's home page shows, read from the domain apps."""

from typing import Any

from django.urls import reverse

from opensend.accounts.models import Organisation
from opensend.accounts.permissions import Capability, access_for, primary_role, user_can
from opensend.accounts.roles import FAMILY_ROLES, Role
from opensend.core.types import Actor
from opensend.directory.access import may_manage as may_manage_local_offer
from opensend.directory.selectors import term_exists
from opensend.feedback.access import may_keep_you_said, may_read_figures
from opensend.people.models import Child, ParentSharing
from opensend.people.sharing import young_people_hiding_from

# (capability, link text, URL name): the home page's links, in order, for whoever may use them.
HOME_LINKS: list[tuple[Capability, str, str]] = [
    (Capability.VIEW_CASELOAD, "Your caseload", "portal:caseload"),
    (Capability.VIEW_TEAM, "Team workload", "portal:team"),
    (Capability.MANAGE_CASES, "Panels", "casework:panel_list"),
    (Capability.MANAGE_REVIEWS, "Annual reviews and amendments", "reviews:queue"),
    (Capability.MANAGE_REVIEWS, "Phase transfer planner", "reviews:transfer_planner"),
    (Capability.SETTING_REVIEWS, "Annual reviews for your pupils", "reviews:setting_workspace"),
    (
        Capability.SETTING_REVIEWS,
        "Pupils moving to a new school or college",
        "reviews:transfer_planner",
    ),
    (Capability.ADVICE_WORKSPACE, "Advice requests for your organisation", "casework:advice_list"),
    (Capability.SEARCH_CHILDREN, "Find a child or young person", "people:child_list"),
    (Capability.CREATE_CHILDREN, "Add a child or young person", "people:child_create"),
    (Capability.VIEW_SETTINGS, "Schools, colleges and settings", "people:setting_list"),
    (Capability.VIEW_AUDIT, "Search the audit trail", "audit:event_list"),
    (Capability.MANAGE_USERS, "Users and invitations", "accounts:user_list"),
    (Capability.VIEW_TIMELINESS, "Timeliness report", "insights:timeliness_report"),
]


def home_summary_for_user(*, user: Actor) -> dict[str, Any]:
    access = access_for(user)
    role = primary_role(user)
    sees_children = user_can(user, Capability.VIEW_CHILDREN)
    links = [
        {"text": text, "href": reverse(url_name)}
        for capability, text, url_name in HOME_LINKS
        if user_can(user, capability)
    ]
    if access.roles & FAMILY_ROLES and user_can(user, Capability.COMPLAIN):
        links.append(
            {
                "text": "Make a complaint or see your complaints",
                "href": reverse("disputes:complaint_list"),
            }
        )
    if access.young_person_child_id is not None:
        links.insert(0, _sharing_link(access.young_person_child_id))
    if access.roles & FAMILY_ROLES:
        links.insert(
            0,
            {"text": "Your details and how we contact you", "href": reverse("portal:your_details")},
        )
        links.extend(_local_offer_links())
    else:
        links.append({"text": "API documentation", "href": reverse("api-docs")})
    if access.roles & FAMILY_ROLES or may_keep_you_said(user):
        links.append({"text": "You said, we did", "href": reverse("feedback:you_said")})
    if may_read_figures(user):
        links.append(
            {
                "text": "What families tell us after each stage",
                "href": reverse("feedback:satisfaction"),
            }
        )
    if may_manage_local_offer(user):
        links.append({"text": "Local Offer entries you keep", "href": reverse("directory:manage")})
    family_children: list[Child] = []
    if access.roles & FAMILY_ROLES:
        family_children = list(Child.objects.visible_to(user).open()[:20])
        family_children += list(young_people_hiding_from(user).open())
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


def _sharing_link(child_id: int) -> dict[str, str]:
    """The young person's choice of what their parents see (people.sharing)."""
    chosen = ParentSharing.objects.filter(child_id=child_id, closed_at__isnull=True).exists()
    text = (
        "What your parents or carers can see"
        if chosen
        else ("Choose what your parents or carers can see")
    )
    return {"text": text, "href": reverse("portal:parent_sharing")}


WAITING_WELL = "type-waiting-well"


def _local_offer_links() -> list[dict[str, str]]:
    """A family's way into the Local Offer: everything, the support while they wait for a
    therapy or an assessment (weakness 10 in the seeds), and the short breaks checker."""
    search = reverse("directory:search")
    links = [{"text": "Find help and activities near you (Local Offer)", "href": search}]
    if term_exists(WAITING_WELL):
        waiting = f"{search}?service_type={WAITING_WELL}"
        links.append({"text": "Support while you wait", "href": waiting})
    return [
        *links,
        {
            "text": "Short breaks and personal budgets: who can get them",
            "href": reverse("directory:short_breaks"),
        },
    ]
