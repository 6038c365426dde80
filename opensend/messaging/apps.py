from django.apps import AppConfig


class MessagingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opensend.messaging"
    verbose_name = "Messages with families"

    def ready(self) -> None:
        from opensend.messaging import notices  # noqa: F401 - registers the message template
