from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opensend.feedback"
    verbose_name = "Feedback from families"
