from django.apps import AppConfig


class LbpreportsConfig(AppConfig):
    name = "lbpreports"
    verbose_name = "lbpreports"
