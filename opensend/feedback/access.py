"""Who may do what with feedback.

- Answering online: the family (a parent or carer with parental responsibility, or the young
  person) who may see the child, for themselves only.
- Recording an answer given by phone or on paper, and reading a child's answers (with their
  words): the child's caseworker or their SENAR team (the same people who read the family's
  messages, `messaging.access`).
- Keeping "You said, we did": team managers and administrators. Reading it: anyone signed in.
- The figures (counts, never words or names): managers, administrators, analysts and the
  Improvement Board.
"""

from opensend.accounts.permissions import access_for
from opensend.accounts.roles import Role
from opensend.messaging.access import children_rule, writes_as_family, writes_as_team
from opensend.people.models import Child, FamilyMember

__all__ = [
    "children_rule",
    "may_keep_you_said",
    "may_read_figures",
    "respondent_for",
    "writes_as_family",
    "writes_as_team",
]

EDITOR_ROLES = (Role.TEAM_MANAGER, Role.ADMIN)
FIGURES_ROLES = (Role.TEAM_MANAGER, Role.ADMIN, Role.ANALYST, Role.BOARD_MEMBER)


def may_keep_you_said(user: object) -> bool:
    return access_for(user).has(*EDITOR_ROLES)


def may_read_figures(user: object) -> bool:
    return access_for(user).has(*FIGURES_ROLES)


def respondent_for(user: object, child: Child) -> FamilyMember | None:
    """Who this family user answers as: None for the young person themselves, else their family
    record with parental responsibility for the child. LookupError when they are neither."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        raise LookupError("Not signed in")
    if child.user_id == user_id:
        return None
    member = FamilyMember.objects.filter(
        user_id=user_id,
        relationships__child=child,
        relationships__has_parental_responsibility=True,
    ).first()
    if member is None:
        raise LookupError("Not this child's family")
    return member
