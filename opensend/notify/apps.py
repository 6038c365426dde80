from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "opensend.notify"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opensend.notify.account_messages import register_messages

        register_messages()  # and connects the receiver that sends them
