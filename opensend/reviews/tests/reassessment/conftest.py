"""The same fixtures as the transfer tests: the shared world plus a family."""

from opensend.reviews.tests.transfers.conftest import world

__all__ = ["world"]
