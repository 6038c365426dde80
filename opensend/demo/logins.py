"""The demo logins: one per role, all with the published demo password (docs/demo-area.md)."""

from __future__ import annotations

from dataclasses import dataclass

from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.demo.vocabulary import DEMO_DOMAIN, DEMO_PASSWORD
from opensend.people.models import (
    Child,
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: Role
    sees: str


def _login(local: str, role: Role, sees: str) -> DemoLogin:
    return DemoLogin(f"{local}@{DEMO_DOMAIN}", role, sees)


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    _login("caseworker", Role.CASEWORKER, "their caseload and their team's cases"),
    _login("manager", Role.TEAM_MANAGER, "their team's cases"),
    _login("ep", Role.EDUCATIONAL_PSYCHOLOGIST, "children the EP service works with"),
    _login("health", Role.HEALTH, "children the community health trust works with"),
    _login("socialcare", Role.SOCIAL_CARE, "children the children's trust works with"),
    _login("senco", Role.SENCO, "pupils on roll at their school"),
    _login(
        "parent",
        Role.PARENT,
        "their own two children: one being assessed, with a draft plan coming; one whose plan "
        "is being changed after its review",
    ),
    _login("youngperson", Role.YOUNG_PERSON, "their own record"),
    _login("editor", Role.LOCAL_OFFER_EDITOR, "Local Offer entries; no child records"),
    _login("board", Role.BOARD_MEMBER, "aggregates only; no child records"),
    _login("analyst", Role.ANALYST, "KPIs and pseudonymised exports; no child records"),
    _login("admin", Role.ADMIN, "everything (configuration and all records)"),
)
LOGIN_BY_ROLE = {login.role: login for login in DEMO_LOGINS}


def demo_parent_children() -> list[int]:
    """The demo parent's two children, oldest first: the random stages leave them alone, and
    `demo.showcase` gives each a telling stage (the older one a plan)."""
    return list(
        Child.objects.filter(
            relationships__family_member__user__email=LOGIN_BY_ROLE[Role.PARENT].email
        )
        .order_by("date_of_birth", "pk")
        .values_list("pk", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class LoginRow:
    email: str
    password: str
    role: str
    sees: str
    child_records: int | None  # None when the login is not in the database


def demo_login_rows() -> list[LoginRow]:
    """One row per demo login, with how many child records each can see right now."""
    users = {u.email: u for u in User.objects.filter(email__in=[d.email for d in DEMO_LOGINS])}
    rows = []
    for login in DEMO_LOGINS:
        user = users.get(login.email)
        count = Child.objects.visible_to(user).count() if user is not None else None
        rows.append(LoginRow(login.email, DEMO_PASSWORD, login.role.label, login.sees, count))
    return rows
