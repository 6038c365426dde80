"""Type aliases every app shares, so a signature says what a thing is."""

from typing import Any, TypeAlias

Actor: TypeAlias = Any
"""The person a service acts for or a selector reads for: an `accounts.User` (staff, parent or
young person), or Django's `AnonymousUser` on a public page. Typed loosely because Django types
`request.user` as a union and the permission rules (`accounts.permissions.access_for`) decide
what each one may do; the alias keeps the meaning visible in every signature."""
