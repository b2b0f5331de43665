from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404

from lbpreports import roles


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportQuerySet:
        """The one access rule every view uses.

        A radiologist sees the reports they created; a GP sees the reports addressed to them once
        submitted (never drafts); nobody else sees any report, admins included.
        """
        names = roles.role_names(user)
        rule = Q(pk__in=[])
        if roles.RADIOLOGIST in names:
            rule |= Q(radiologist=user)
        if roles.GP in names:
            rule |= Q(gp=user) & ~Q(status=Report.Status.DRAFT)
        return self.filter(rule)


def get_report_for(user, pk) -> Report:
    """The report if this user may see it, otherwise 404 so that its existence does not leak."""
    return get_object_or_404(Report.objects.visible_to(user), pk=pk)


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_REVIEW = "awaiting_review", "Awaiting GP review"
        RETURNED = "returned", "Returned to radiologist"
        RELEASED = "released", "Released to patient"
        WITHDRAWN = "withdrawn", "Withdrawn"

    radiologist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports_created"
    )
    gp = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reports_addressed",
        null=True,
        blank=True,
        verbose_name="referring GP",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    patient_identifier = models.CharField(max_length=64, blank=True)
    exam_type = models.CharField(max_length=120, blank=True)
    exam_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        permissions = [
            ("submit_report", "Can submit a report to a GP"),
            ("review_report", "Can review, edit, approve and release a report"),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk}"
