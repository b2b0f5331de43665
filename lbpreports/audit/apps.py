from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lbpreports.audit"
    label = "audit"
    verbose_name = "Audit trail"
