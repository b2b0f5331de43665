from django.apps import AppConfig


class LbpreportsConfig(AppConfig):
    name = "lbpreports"
    verbose_name = "lbpreports"

    def ready(self):
        from lbpreports import checks  # noqa: F401  (registers the system checks)
