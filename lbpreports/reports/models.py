from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lbpreports import engine, roles


def validate_medicare(value: str) -> None:
    """A Medicare card number: 10 digits (the ninth a check digit over the first eight, weights
    1 3 7 9 1 3 7 9), optionally followed by the patient's reference number (IRN, 1-9)."""
    digits = value.replace(" ", "")
    if not re.fullmatch(r"[2-6]\d{9}[1-9]?", digits):
        raise ValidationError("A Medicare number is 10 digits (11 with the reference number).")
    check = sum(int(d) * w for d, w in zip(digits[:8], (1, 3, 7, 9, 1, 3, 7, 9), strict=True))
    if check % 10 != int(digits[8]):
        raise ValidationError("This Medicare number's check digit is wrong; check for a typo.")


def validate_ihi(value: str) -> None:
    """An Individual Healthcare Identifier: 16 digits from 800360, the last a Luhn check digit."""
    digits = value.replace(" ", "")
    if not re.fullmatch(r"800360\d{10}", digits):
        raise ValidationError("An IHI is 16 digits starting 800360.")
    total = 0
    for position, digit in enumerate(reversed(digits)):
        number = int(digit) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    if total % 10:
        raise ValidationError("This IHI's check digit is wrong; check for a typo.")


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


def urgency_of(result: dict) -> int:
    """The report's urgency from the engine's stored JSON: an emergency finding, any other urgent
    finding, or neither (docs/domain.md section 4.1, docs/contract.md `urgent`). Kept in its own
    indexed column so that the queues sort and filter on it without reading the JSON."""
    if any(f.get("emergency") for f in result.get("findings", [])):
        return Report.Urgency.EMERGENCY
    if result.get("urgent"):
        return Report.Urgency.URGENT
    return Report.Urgency.ROUTINE


# What the dashboards read of a report: no original text, engine JSON, patient text or handout.
LIST_FIELDS = (
    "id",
    "status",
    "urgency",
    "patient_identifier",
    "patient_name",
    "date_of_birth",
    "patient_age",
    "exam_type",
    "exam_date",
    "submitted_at",
    "created",
    "updated",
    "radiologist",
    "gp",
)


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

    class Urgency(models.IntegerChoices):
        ROUTINE = 0, "Routine"
        URGENT = 1, "Urgent"
        EMERGENCY = 2, "Emergency"

    class Mode(models.TextChoices):
        SUMMARY = "summary", "Separate lay summary"
        CONCLUSION = "conclusion", "Plain-language conclusion after the report"

    class Modality(models.TextChoices):
        MRI = "mri", "MRI"
        CT = "ct", "CT"
        XRAY = "xray", "X-ray"

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    original_text = models.TextField(blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    source_type = models.CharField(max_length=20, blank=True)  # text, pdf, docx, hl7, fhir, paste

    class Sex(models.TextChoices):  # HL7 table 0001, as Australian practice systems send it
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        OTHER = "O", "Other"
        UNKNOWN = "U", "Unknown"

    patient_identifier = models.CharField("MRN", max_length=64, blank=True)
    # given names then family name, for pages and the handout; from the two fields below
    patient_name = models.CharField(max_length=200, blank=True)
    patient_family_name = models.CharField("family name", max_length=100, blank=True)
    patient_given_names = models.CharField("given names", max_length=100, blank=True)
    patient_sex = models.CharField("sex", max_length=1, choices=Sex.choices, blank=True)
    patient_medicare = models.CharField(
        "Medicare number", max_length=14, blank=True, validators=[validate_medicare]
    )
    patient_ihi = models.CharField("IHI", max_length=19, blank=True, validators=[validate_ihi])
    date_of_birth = models.DateField(null=True, blank=True)
    patient_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Only when the date of birth is not known."
    )
    exam_type = models.CharField(max_length=120, blank=True)
    exam_date = models.DateField(null=True, blank=True)
    modality = models.CharField(max_length=10, choices=Modality.choices, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.SUMMARY)
    # The engine's output (docs/contract.md) and the rules that wrote it, so that any patient text
    # can be traced; the patient text itself as structured sections, never as HTML.
    engine_result = models.JSONField(default=dict, blank=True)
    urgency = models.PositiveSmallIntegerField(
        choices=Urgency.choices, default=Urgency.ROUTINE, db_index=True, editable=False
    )
    engine_version = models.CharField(max_length=20, blank=True)
    engine_data_sha256 = models.CharField(max_length=64, blank=True)
    patient_sections = models.JSONField(default=list, blank=True)
    patient_conclusion = models.TextField(blank=True)
    called_gp_who = models.CharField("GP spoken to", max_length=200, blank=True)
    called_gp_at = models.DateTimeField("time of the call", null=True, blank=True)
    gp_note = models.TextField(blank=True)
    return_comment = models.TextField(blank=True)
    override_reason = models.TextField(blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    handout_pdf = models.BinaryField(null=True, blank=True, editable=False)
    handout_sha256 = models.CharField(max_length=64, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        indexes = [
            # the GP's queue: their reports in a state, urgent first, then newest
            models.Index(fields=["gp", "status", "-urgency", "-updated"], name="gp_queue"),
            models.Index(fields=["radiologist", "-updated"], name="radiologist_queue"),
        ]
        permissions = [
            ("submit_report", "Can submit a report to a GP"),
            ("review_report", "Can review, edit, approve and release a report"),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk}"

    @property
    def is_editable_by_radiologist(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def name_from_parts(self) -> None:
        """The displayed name: the given names, then the family name."""
        parts = (self.patient_given_names.strip(), self.patient_family_name.strip())
        self.patient_name = " ".join(filter(None, parts))

    def age_at_exam(self) -> int | None:
        """Age in whole years at the exam date (or today), else the age given, else None."""
        if self.date_of_birth:
            on = self.exam_date or timezone.localdate()
            years = on.year - self.date_of_birth.year
            if (on.month, on.day) < (self.date_of_birth.month, self.date_of_birth.day):
                years -= 1
            return max(years, 0)
        return self.patient_age

    def run_engine(self) -> dict:
        """Read the original text and keep the result with the engine's version and data hash."""
        reading = engine.read(
            self.original_text, age=self.age_at_exam(), modality=self.modality or None
        )
        result = {**engine.to_contract(reading), **engine.patient_texts(reading)}
        self.engine_result = result
        self.urgency = urgency_of(result)
        self.engine_version = result["engine"]["version"]
        self.engine_data_sha256 = result["engine"]["data_sha256"]
        self.patient_sections = result["summary"]["sections"]
        self.patient_conclusion = result["conclusion"]
        return result

    def waiting_since(self):
        """Since when the report has waited for someone: the GP from its submission, the
        radiologist from its return; None in other states."""
        if self.status == self.Status.AWAITING_REVIEW:
            return self.submitted_at
        if self.status == self.Status.RETURNED:
            return self.updated
        return None

    @property
    def urgent(self) -> list[str]:
        return list(self.engine_result.get("urgent", []))

    @property
    def has_emergency(self) -> bool:
        return any(f.get("emergency") for f in self.engine_result.get("findings", []))

    def submit(self, by) -> ReportVersion:
        """Send to the GP: draft or returned becomes awaiting review and the original is locked."""
        if not self.is_editable_by_radiologist:
            raise ValueError("Only a draft or a returned report can be submitted.")
        if self.gp_id is None:
            raise ValueError("Choose the referring GP before submitting.")
        self.run_engine()
        if self.has_emergency and not (self.called_gp_who and self.called_gp_at):
            raise ValueError(
                "This report has an emergency finding: record your direct call to the GP "
                "(who you spoke to and when) before sending it."
            )
        self.status = self.Status.AWAITING_REVIEW
        self.submitted_at = timezone.now()
        self.lock_version += 1
        self.save()
        return ReportVersion.record(self, by, ReportVersion.Kind.SUBMISSION)


class ReportVersion(models.Model):
    """Every submission and every saved GP edit, kept."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", "Submitted by the radiologist"
        GP_EDIT = "gp_edit", "Edited by the GP"
        RELEASE = "release", "Released to the patient"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    original_text = models.TextField()
    patient_sections = models.JSONField(default=list)
    patient_conclusion = models.TextField(blank=True)
    mode = models.CharField(max_length=20)
    engine_version = models.CharField(max_length=20, blank=True)
    engine_data_sha256 = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"Report {self.report_id} version {self.number}"

    @classmethod
    def record(cls, report: Report, author, kind: str) -> ReportVersion:
        last = cls.objects.filter(report=report).aggregate(models.Max("number"))["number__max"]
        return cls.objects.create(
            report=report,
            number=(last or 0) + 1,
            kind=kind,
            author=author,
            original_text=report.original_text,
            patient_sections=report.patient_sections,
            patient_conclusion=report.patient_conclusion,
            mode=report.mode,
            engine_version=report.engine_version,
            engine_data_sha256=report.engine_data_sha256,
        )
