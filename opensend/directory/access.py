"""Who may keep which Local Offer entries.

A Local Offer editor at the council (the role `local_offer_editor` in an organisation of kind
council) and an administrator are **council editors**: they change any entry directly and approve
or refuse providers' changes. A Local Offer editor at any other organisation (a provider) keeps
the entries of the directory organisations that name it as `owner`; their changes wait for a
council editor before they are public.
"""

from django.core.exceptions import PermissionDenied

from opensend.accounts.models import Organisation
from opensend.accounts.permissions import access_for
from opensend.accounts.roles import OrganisationKind, Role


def is_council_editor(user: object) -> bool:
    access = access_for(user)
    if access.has(Role.ADMIN):
        return True
    editing = access.organisations_with(Role.LOCAL_OFFER_EDITOR)
    return (
        bool(editing)
        and Organisation.objects.filter(pk__in=editing, kind=OrganisationKind.COUNCIL).exists()
    )


def owner_organisation_ids(user: object) -> frozenset[int]:
    """The organisations whose entries this user keeps (as a Local Offer editor there)."""
    return access_for(user).organisations_with(Role.LOCAL_OFFER_EDITOR)


def may_manage(user: object) -> bool:
    return is_council_editor(user) or bool(owner_organisation_ids(user))


def require_keeper(user: object, owner_id: int | None) -> None:
    """PermissionDenied unless the user keeps entries of this owner (or is a council editor)."""
    if not is_council_editor(user) and owner_id not in owner_organisation_ids(user):
        raise PermissionDenied
