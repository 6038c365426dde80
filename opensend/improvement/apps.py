from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "opensend.improvement"
    label = "improvement"
    verbose_name = "Improvement governance"
