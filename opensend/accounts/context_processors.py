"""`may` in every template: what the signed-in user's roles let them do, by capability name.

`{% if may.edit_children %}` asks `accounts.permissions.user_can` once per capability and
request (lazily), so a page never computes its own `can_*` flag and the button a page shows is
always the check the view and service make. A record's state (closed, decided…) is the
workflow's `allowed` check (core.steps), not this.
"""

from typing import Any

from django.http import HttpRequest

from opensend.accounts.permissions import Capability, user_can


class May:
    """Capabilities of one user, read as attributes (`may.view_caseload`)."""

    def __init__(self, user: Any) -> None:
        self._user = user
        self._known: dict[Capability, bool] = {}

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            capability = Capability(name)
        except ValueError:
            raise AttributeError(f"No capability called {name!r}") from None
        if capability not in self._known:
            self._known[capability] = user_can(self._user, capability)
        return self._known[capability]


def may(request: HttpRequest) -> dict[str, May]:
    return {"may": May(getattr(request, "user", None))}
