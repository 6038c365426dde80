from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opensend.accounts"
    label = "accounts"
    verbose_name = "Accounts and permissions"

    def ready(self) -> None:
        from opensend.accounts import signals  # noqa: F401  (session start times)
