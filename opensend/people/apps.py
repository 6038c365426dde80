from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give SQLite the name-similarity function the "did you mean" child search uses.

    PostgreSQL has pg_trgm for this (people migration 0003); SQLite has no fuzzy match, so
    people.search_terms.name_similarity is registered on each new connection.
    """
    if connection.vendor != "sqlite":
        return
    from opensend.people.search_terms import SQLITE_SIMILARITY, name_similarity

    connection.connection.create_function(SQLITE_SIMILARITY, 2, name_similarity, deterministic=True)


class PeopleConfig(AppConfig):
    name = "opensend.people"
    label = "people"
    verbose_name = "Children, families and settings"

    def ready(self) -> None:
        connection_created.connect(register_sqlite_functions)
