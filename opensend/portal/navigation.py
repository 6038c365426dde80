"""The service navigation, built from the signed-in user's roles.

Each app registers its links here rather than in templates so the header stays one place.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from opensend.accounts.permissions import Capability, access_for, primary_role, user_can
from opensend.accounts.roles import STAFF_ROLES, Role
from opensend.messaging.access import writes_as_team
from opensend.notify.alerts import unread_count


@dataclass(frozen=True)
class NavLink:
    text: str
    url_name: str
    capability: Capability


NAV_LINKS: list[NavLink] = [
    NavLink("Home", "portal:home", Capability.SIGNED_IN),
    NavLink("Caseload", "portal:caseload", Capability.VIEW_CASELOAD),
    NavLink("Team", "portal:team", Capability.VIEW_TEAM),
    NavLink("Panels", "casework:panel_list", Capability.MANAGE_CASES),
    NavLink("Reviews", "reviews:queue", Capability.MANAGE_REVIEWS),
    NavLink("Phase transfers", "reviews:transfer_planner", Capability.MANAGE_REVIEWS),
    NavLink("Annual reviews", "reviews:setting_workspace", Capability.SETTING_REVIEWS),
    NavLink("Leavers and transfers", "reviews:transfer_planner", Capability.SETTING_REVIEWS),
    NavLink("Advice requests", "casework:advice_list", Capability.ADVICE_WORKSPACE),
    NavLink("Children and young people", "people:child_list", Capability.VIEW_CHILDREN),
    NavLink("Schools and settings", "people:setting_list", Capability.VIEW_SETTINGS),
    NavLink("Disputes and complaints", "disputes:queue", Capability.MANAGE_DISPUTES),
    NavLink("Performance", "insights:dashboard", Capability.VIEW_INSIGHTS),
    NavLink("Reports", "insights:timeliness_report", Capability.VIEW_TIMELINESS),
    NavLink("Improvement", "improvement:home", Capability.VIEW_IMPROVEMENT),
    NavLink("Audit trail", "audit:event_list", Capability.VIEW_AUDIT),
    NavLink("Users", "accounts:user_list", Capability.MANAGE_USERS),
]


def nav_items_for(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    caseworker = primary_role(user) == Role.CASEWORKER
    access = access_for(user)
    family_only = access.is_family_only
    for link in NAV_LINKS:
        if not user_can(user, link.capability):
            continue
        if family_only and link.url_name == "people:child_list":
            continue  # a family's home lists their children (the list shows staff codes)
        if caseworker and link.url_name == "portal:home":
            continue  # a caseworker's home is their caseload (portal.views.home)
        href = reverse(link.url_name)
        active = request.path == href if href == "/" else request.path.startswith(href)
        items.append({"text": link.text, "href": href, "active": active})
    if access.roles & STAFF_ROLES:
        # The inbox comes after Home, with the number unread (notify.alerts).
        unread = unread_count(user)
        href = reverse("notify:inbox")
        inbox = {
            "text": f"Inbox ({unread} unread)" if unread else "Inbox",
            "href": href,
            "active": request.path.startswith(href),
        }
        items.insert(0 if caseworker else 1, inbox)
    if writes_as_team(user):
        # Families' messages to the team (opensend.messaging), after the inbox.
        href = reverse("messaging:inbox")
        position = 1 if caseworker else 2
        items.insert(
            position,
            {"text": "Messages", "href": href, "active": request.path.startswith(href)},
        )
    return items
