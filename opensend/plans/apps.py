from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "opensend.plans"
    label = "plans"
    verbose_name = "EHC plans"
