from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "opensend.disputes"
    label = "disputes"
    verbose_name = "Disputes and complaints"
