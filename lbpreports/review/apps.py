from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "lbpreports.review"
    label = "review"
    verbose_name = "Review and audit"
