"""The service navigation, built from the signed-in user's roles.

Each app registers its links here rather than in templates so the header stays one place.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class NavLink:
    text: str
    url_name: str
    capability: str


# capability names are checked with accounts.permissions.user_can
NAV_LINKS: list[NavLink] = [
    NavLink("Home", "portal:home", "signed_in"),
    NavLink("Caseload", "casework:caseload", "view_caseload"),
    NavLink("Team", "casework:team", "view_team"),
    NavLink("Panels", "casework:panel_list", "manage_cases"),
    NavLink("Reviews", "reviews:queue", "manage_reviews"),
    NavLink("Phase transfers", "reviews:transfer_planner", "manage_reviews"),
    NavLink("Annual reviews", "reviews:setting_workspace", "setting_reviews"),
    NavLink("Leavers and transfers", "reviews:transfer_planner", "setting_reviews"),
    NavLink("Advice requests", "casework:advice_list", "advice_workspace"),
    NavLink("Children and young people", "people:child_list", "view_children"),
    NavLink("Settings", "people:setting_list", "view_settings"),
    NavLink("Disputes and complaints", "disputes:queue", "manage_disputes"),
    NavLink("Reports", "casework:timeliness_report", "view_timeliness"),
    NavLink("Audit trail", "audit:event_list", "view_audit"),
    NavLink("Users", "accounts:user_list", "manage_users"),
]


def nav_items_for(request: HttpRequest) -> list[dict[str, object]]:
    from opensend.accounts.permissions import user_can

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for link in NAV_LINKS:
        if not user_can(user, link.capability):
            continue
        href = reverse(link.url_name)
        active = request.path == href if href == "/" else request.path.startswith(href)
        items.append({"text": link.text, "href": href, "active": active})
    return items
