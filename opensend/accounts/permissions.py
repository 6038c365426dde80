"""Who may do what. Role capabilities here; which *records* a user sees is decided by each
app's querysets (`visible_to(user)`), which read the `Access` computed below.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from opensend.accounts.roles import FAMILY_ROLES, PROFESSIONAL_ROLES, SENAR_ROLES, Role

ALL_STAFF = frozenset(Role) - FAMILY_ROLES
CHILD_RECORD_STAFF = SENAR_ROLES | PROFESSIONAL_ROLES | {Role.SENCO, Role.ADMIN}


class Capability(StrEnum):
    """What a role may do anywhere (object-level rules still apply on top)."""

    SIGNED_IN = "signed_in"
    VIEW_CHILDREN = "view_children"
    SEARCH_CHILDREN = "search_children"
    CREATE_CHILDREN = "create_children"
    EDIT_CHILDREN = "edit_children"
    CLOSE_CHILDREN = "close_children"
    MERGE_CHILDREN = "merge_children"
    REVERSE_MERGES = "reverse_merges"
    VIEW_SETTINGS = "view_settings"
    EDIT_SETTINGS = "edit_settings"
    VIEW_AUDIT = "view_audit"
    VIEW_CASELOAD = "view_caseload"
    VIEW_TEAM = "view_team"
    MANAGE_CASES = "manage_cases"
    REQUEST_ASSESSMENT = "request_assessment"
    ADVICE_WORKSPACE = "advice_workspace"
    MANAGE_USERS = "manage_users"
    MANAGE_DISPUTES = "manage_disputes"
    VIEW_REVIEWS = "view_reviews"
    MANAGE_REVIEWS = "manage_reviews"
    LEAD_REVIEWS = "lead_reviews"
    SETTING_REVIEWS = "setting_reviews"
    VIEW_TIMELINESS = "view_timeliness"
    VIEW_INSIGHTS = "view_insights"
    PREPARE_SEN2 = "prepare_sen2"
    PSEUDONYMISED_EXTRACTS = "pseudonymised_extracts"
    VIEW_IMPROVEMENT = "view_improvement"
    MANAGE_IMPROVEMENT = "manage_improvement"
    COMPLAIN = "complain"


# capability -> roles that have it. Object-level rules still apply on top.
CAPABILITIES: dict[Capability, frozenset[Role]] = {
    Capability.SIGNED_IN: frozenset(Role),
    Capability.VIEW_CHILDREN: CHILD_RECORD_STAFF | FAMILY_ROLES,
    Capability.SEARCH_CHILDREN: CHILD_RECORD_STAFF,
    Capability.CREATE_CHILDREN: frozenset({Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.EDIT_CHILDREN: frozenset({Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.CLOSE_CHILDREN: frozenset({Role.TEAM_MANAGER, Role.ADMIN}),
    # Two records for one child: a manager merges them; only an administrator undoes a merge.
    Capability.MERGE_CHILDREN: frozenset({Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.REVERSE_MERGES: frozenset({Role.ADMIN}),
    Capability.VIEW_SETTINGS: ALL_STAFF,
    Capability.EDIT_SETTINGS: frozenset({Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.VIEW_AUDIT: frozenset({Role.ADMIN}),
    Capability.VIEW_CASELOAD: frozenset({Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.VIEW_TEAM: frozenset({Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.MANAGE_CASES: frozenset({Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.REQUEST_ASSESSMENT: frozenset(
        {Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN, Role.SENCO, Role.PARENT, Role.YOUNG_PERSON}
    ),
    Capability.ADVICE_WORKSPACE: PROFESSIONAL_ROLES | {Role.SENCO},
    Capability.MANAGE_USERS: frozenset({Role.ADMIN}),
    Capability.MANAGE_DISPUTES: frozenset({Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN}),
    # Reviews: caseworkers run council-led reviews and decide; SENCOs run setting-led reviews
    # for pupils on their roll (object-level checks in reviews.selectors).
    Capability.VIEW_REVIEWS: frozenset(
        {Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN, Role.SENCO}
    ),
    Capability.MANAGE_REVIEWS: frozenset({Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.LEAD_REVIEWS: frozenset(
        {Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN, Role.SENCO}
    ),
    # The SENCO's workspace link (staff reach the same reviews from their queue).
    Capability.SETTING_REVIEWS: frozenset({Role.SENCO}),
    # Figures only (no child's details): the timeliness report.
    Capability.VIEW_TIMELINESS: frozenset({Role.TEAM_MANAGER, Role.ADMIN, Role.ANALYST}),
    # The KPI dashboards (insights.access says whose records each role's figures cover).
    Capability.VIEW_INSIGHTS: frozenset(
        {Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN, Role.ANALYST, Role.BOARD_MEMBER}
    ),
    # The DfE SEN2 return: person-level (names, dates of birth, UPNs), so never board members.
    Capability.PREPARE_SEN2: frozenset({Role.TEAM_MANAGER, Role.ADMIN, Role.ANALYST}),
    # Person-level rows with no name or identifier, for analysis (insights.extracts).
    Capability.PSEUDONYMISED_EXTRACTS: frozenset({Role.ADMIN, Role.ANALYST}),
    # Improvement governance (no child's details): board members, analysts and managers read the
    # inspections, recommendations and risks; SENAR managers (the improvement leads) change them.
    Capability.VIEW_IMPROVEMENT: frozenset(
        {Role.TEAM_MANAGER, Role.ADMIN, Role.ANALYST, Role.BOARD_MEMBER}
    ),
    Capability.MANAGE_IMPROVEMENT: frozenset({Role.TEAM_MANAGER, Role.ADMIN}),
    Capability.COMPLAIN: frozenset(
        {Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMIN, Role.PARENT, Role.YOUNG_PERSON}
    ),
}


@dataclass(frozen=True)
class Access:
    """What one signed-in user holds, computed once per request."""

    user_id: int | None
    roles: frozenset[Role] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    setting_ids: frozenset[int] = frozenset()
    team_ids: frozenset[int] = frozenset()
    roles_by_organisation: dict[int, frozenset[Role]] = field(default_factory=dict)
    family_member_id: int | None = None
    # The children this family member holds parental responsibility for: two or three ids,
    # read once, so the visibility rule narrows by primary key instead of checking every
    # child in the area (issue 13: a parent's home page at 100,000 plans).
    parental_child_ids: frozenset[int] = frozenset()
    young_person_child_id: int | None = None

    def has(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def organisations_with(self, *roles: Role) -> frozenset[int]:
        return frozenset(
            org for org, held in self.roles_by_organisation.items() if held.intersection(roles)
        )

    @property
    def is_staff_member(self) -> bool:
        return bool(self.roles - FAMILY_ROLES)

    @property
    def is_family_only(self) -> bool:
        """A parent, carer or young person with no staff role: they see the family's pages,
        write as the family and sign in by link, never as staff."""
        return bool(self.roles & FAMILY_ROLES) and not self.is_staff_member


_CACHE_ATTR = "_opensend_access"


def access_for(user: object) -> Access:
    """The user's roles, organisations, settings and teams (cached on the user object)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:  # type: ignore[attr-defined]
        return Access(user_id=None)
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles: set[Role] = set()
    orgs: set[int] = set()
    settings: set[int] = set()
    teams: set[int] = set()
    by_org: dict[int, set[Role]] = {}
    memberships = user.memberships.current().select_related("organisation")  # type: ignore[attr-defined]
    for m in memberships:
        role = Role(m.role)
        roles.add(role)
        orgs.add(m.organisation_id)
        by_org.setdefault(m.organisation_id, set()).add(role)
        if m.organisation.setting_id:
            settings.add(m.organisation.setting_id)
        if m.team_id:
            teams.add(m.team_id)
    family_member = getattr(user, "family_member", None)
    young_person = getattr(user, "young_person_record", None)
    parental_child_ids: frozenset[int] = frozenset()
    if family_member is not None and not family_member.is_closed:
        roles.add(Role.PARENT)
    if family_member is not None:
        parental_child_ids = frozenset(
            family_member.relationships.filter(has_parental_responsibility=True).values_list(
                "child_id", flat=True
            )
        )
    if young_person is not None and not young_person.is_closed:
        roles.add(Role.YOUNG_PERSON)
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    access = Access(
        user_id=user.pk,  # type: ignore[attr-defined]
        roles=frozenset(roles),
        organisation_ids=frozenset(orgs),
        setting_ids=frozenset(settings),
        team_ids=frozenset(teams),
        roles_by_organisation={k: frozenset(v) for k, v in by_org.items()},
        family_member_id=family_member.pk if family_member is not None else None,
        parental_child_ids=parental_child_ids,
        young_person_child_id=young_person.pk if young_person is not None else None,
    )
    setattr(user, _CACHE_ATTR, access)
    return access


def is_family_only(user: object) -> bool:
    """`Access.is_family_only` for this user."""
    return access_for(user).is_family_only


def user_can(user: object, capability: Capability) -> bool:
    allowed = CAPABILITIES[capability]
    return bool(access_for(user).roles & allowed)


def check_capability(actor: object, capability: Capability) -> None:
    """For services: refuse (PermissionDenied, a 403) an actor without the capability."""
    if not user_can(actor, capability):
        raise PermissionDenied


def primary_role(user: object) -> Role | None:
    """The role a user's home page is built around (the first in Role's order)."""
    roles = access_for(user).roles
    for role in Role:
        if role in roles:
            return role
    return None
