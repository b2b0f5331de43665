from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "lbpreports.practice"
    label = "practice"
    verbose_name = "Practice systems"
