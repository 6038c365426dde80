from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "opensend.reviews"
    label = "reviews"
    verbose_name = "Reviews, amendments, phase transfers and ceasing"
