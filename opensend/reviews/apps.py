from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def _refresh_after_rule_changes(sender: AppConfig, plan: Any = None, **kwargs: Any) -> None:
    """After `migrate` applies a migration marked ``refresh_due_dates = True`` (one whose rules
    change moves stored dates), recompute every stored due date so queues and letters show the
    corrected dates straight away."""
    applied = [migration for migration, backwards in (plan or []) if not backwards]
    if any(getattr(migration, "refresh_due_dates", False) for migration in applied):
        call_command("refresh_due_dates", verbosity=kwargs.get("verbosity", 1))


class ReviewsConfig(AppConfig):
    name = "opensend.reviews"
    label = "reviews"
    verbose_name = "Reviews, amendments, phase transfers and ceasing"

    def ready(self) -> None:
        post_migrate.connect(_refresh_after_rule_changes, sender=self)
