from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opensend.accounts"
    label = "accounts"
    verbose_name = "Accounts and permissions"
