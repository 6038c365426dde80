from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "opensend.people"
    label = "people"
    verbose_name = "Children, families and settings"
