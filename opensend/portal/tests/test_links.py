"""No link to a closed door: every page, as every role, links only to pages that role can open.

The crawler (testsupport.crawl) starts at each role's home page and follows every same-site
link, at most a few per route and query shape, and fails on any linked page that answers
4xx or 5xx, saying which page linked where.
"""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from testsupport.crawl import crawl, link_pattern, links_in, signed_in_client


def _crawl_all(users: dict[str, Any]) -> list[str]:
    failures = []
    for role, user in users.items():
        result = crawl(signed_in_client(user), per_pattern=3)
        assert len(result.visited) > 3, f"{role} reached almost nothing: {result.visited}"
        if result.broken:
            failures.append(f"As {role}: {result.report()}")
    return failures


def test_no_role_sees_a_link_it_cannot_open_in_the_demo_area(db: None) -> None:
    from opensend.accounts.models import User
    from opensend.demo.generator import DEMO_LOGINS, build_demo_area

    build_demo_area(children=300, seed=1, today=timezone.localdate(), progress=False)
    users = {login.role.value: User.objects.get(email=login.email) for login in DEMO_LOGINS}
    failures = _crawl_all(users)
    assert not failures, "\n".join(failures)


def test_no_role_sees_a_link_it_cannot_open_in_the_world(world: Any) -> None:
    failures = _crawl_all(world.users)
    assert not failures, "\n".join(failures)


def test_links_are_deduplicated_by_route_and_query_shape() -> None:
    a = link_pattern("/plans/1/versions/compare/?from=1&to=2")
    b = link_pattern("/plans/7/versions/compare/?from=3&to=4")
    c = link_pattern("/plans/7/versions/compare/?from=3&to=None")
    assert a == b != c
    assert link_pattern("/no/such/page/") is None
    assert links_in('<a href="/a/">A</a><a>no href</a><a href="#x">B</a>') == ["/a/", "#x"]


def test_the_crawler_reports_a_linked_closed_door(world: Any) -> None:
    # The parent's child page links to their school: before the public page, that was a 403.
    result = crawl(signed_in_client(world.users["parent"]))
    assert not result.broken, result.report()
    public = reverse("people:setting_public", args=[world.other_setting.pk])
    assert result.visited.get(public) == 200
    staff_page = reverse("people:setting_detail", args=[world.other_setting.pk])
    assert staff_page not in result.visited


def test_families_see_a_public_page_for_their_childs_school(world: Any) -> None:
    parent = signed_in_client(world.users["parent"])
    page = parent.get(reverse("people:child_detail", args=[world.parents_child.pk]))
    public = reverse("people:setting_public", args=[world.other_setting.pk])
    assert public in page.content.decode()
    response = parent.get(public)
    assert response.status_code == 200
    body = response.content.decode()
    assert world.other_setting.name in body
    assert world.parents_child.family_name not in body
    assert "on roll" not in body
    # Anyone may read it; a missing setting is a 404.
    from django.test import Client

    assert Client().get(public).status_code == 200
    assert Client().get(reverse("people:setting_public", args=[999999])).status_code == 404
    # Staff still get the staff page from the child's record.
    staff = signed_in_client(world.users["caseworker"])
    page = staff.get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    assert reverse("people:setting_detail", args=[world.setting.pk]) in page.content.decode()


@pytest.mark.parametrize("role", ["senco", "caseworker", "parent", "board_member", "health"])
def test_every_navigation_and_home_link_opens(world: Any, role: str) -> None:
    client = signed_in_client(world.users[role])
    home = client.get("/", follow=True)  # a caseworker's home is their caseload
    assert home.status_code == 200
    for href in {h for h in links_in(home.content.decode()) if h.startswith("/")}:
        if href.startswith(("/static/", reverse("accounts:logout"))):
            continue
        assert client.get(href, follow=True).status_code == 200, href
