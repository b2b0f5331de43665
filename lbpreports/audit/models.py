"""The append-only audit trail: who did what to which report or account, and when.

This app sits below every app that writes to it (docs/development.md section 3): it imports none
of them. Entries hold no free text (no report text, no patient name, no reasons or comments:
those live on the report and its versions and are purged with them), and cannot be changed or
deleted: not through the model, not through its querysets, and on PostgreSQL not through SQL
either (a trigger refuses UPDATE and DELETE).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def _raw_delete(self, using):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditManager(models.Manager.from_queryset(AuditQuerySet)):
    pass


# An identifier, a code, a hash, a number as text: never a sentence (no spaces), never long.
TOKEN = re.compile(r"[\w.@+:/-]{0,150}")


def check_detail(value, where: str = "detail") -> None:
    """Refuse free text in an entry's detail: strings must be tokens (kinds, keys, hashes)."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_detail(key, where)
            check_detail(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for item in value:
            check_detail(item, where)
    elif isinstance(value, str):
        if not TOKEN.fullmatch(value):
            raise ValueError(f"Audit {where} must be an identifier, not free text.")
    elif value is not None and not isinstance(value, bool | int | float):
        raise ValueError(f"Audit {where} must be plain data.")


class AuditEntry(models.Model):
    """One line of the append-only audit trail.

    The report is kept as a plain id, not a foreign key, so that entries outlive the report when
    the retention command deletes it. The actor's username is kept beside the actor, and a user
    with entries cannot be deleted (PROTECT; deactivate them instead), so that no entry loses who
    made it.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    report_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditManager()

    class Meta:
        db_table = "review_auditentry"
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        default_permissions = ("view",)
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    @classmethod
    def record(cls, actor, action: str, report_id: int | None = None, **detail) -> AuditEntry:
        """Append one entry. `detail` is plain data whose strings are identifiers (problem kinds,
        section keys, hashes, formats): free text raises ValueError."""
        check_detail(action, "action")
        check_detail(detail)
        user = actor if actor is not None and actor.is_authenticated else None
        return cls.objects.create(
            actor=user,
            actor_username=user.get_username() if user else "",
            action=action,
            report_id=report_id,
            detail=detail,
        )
