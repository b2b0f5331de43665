from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lbpreports.reports"
    label = "reports"
    verbose_name = "Reports"
