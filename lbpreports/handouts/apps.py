from django.apps import AppConfig


class HandoutsConfig(AppConfig):
    name = "lbpreports.handouts"
    label = "handouts"
    verbose_name = "Handouts"
