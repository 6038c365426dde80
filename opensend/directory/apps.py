from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "opensend.directory"
    label = "directory"
    verbose_name = "Local Offer directory"

    def ready(self) -> None:
        # Registers the reminder's message template with notify.
        from opensend.directory import reminders  # noqa: F401
