from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "opensend.demo"
    label = "demo"
    verbose_name = "Demo data"
