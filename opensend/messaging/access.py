"""Who may read and write a child's messages.

The family: a parent or carer with parental responsibility, or the young person, who may see
the child (`people.querysets.child_visibility`) and holds no staff role. The team: a caseworker
or team manager who may see the child (the child's caseworker, or their SENAR team, who answer
when the caseworker is away). Schools, health, social care and administrators do not read a
family's private messages."""

from django.db.models import Q

from opensend.accounts.permissions import access_for, is_family_only
from opensend.accounts.roles import Role
from opensend.people.querysets import child_visibility

TEAM_ROLES = (Role.CASEWORKER, Role.TEAM_MANAGER)


def writes_as_family(user: object) -> bool:
    """Writes as the family (`accounts.permissions.is_family_only`)."""
    return is_family_only(user)


def writes_as_team(user: object) -> bool:
    return access_for(user).has(*TEAM_ROLES)


def may_message(user: object) -> bool:
    """May this user use messages at all (for the links on their pages)."""
    return writes_as_family(user) or writes_as_team(user)


def children_rule(user: object, *, via: str = "") -> Q:
    """The children whose thread this user may read: the one visibility rule, for the roles
    above only (no rows for anyone else)."""
    if not may_message(user):
        return Q(pk__in=[])
    return child_visibility(user, via=via)
