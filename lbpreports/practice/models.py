"""The practice's systems: clinicians' identifiers in HL7 messages, and the messages received
from a RIS (kept without patient details, so that admins can see what arrived and why one was
not filed)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lbpreports.reports.models import Report


def validate_provider_number(value: str) -> None:
    """A Medicare provider number: a 5- or 6-digit stem, a location character and a check
    character (for example 2054781W)."""
    if not re.fullmatch(r"\d{5,6}[0-9A-HJ-NP-Y][ABFHJKLTWXY]", value.strip().upper()):
        raise ValidationError(
            "A provider number is 6 digits, a location character and a check letter "
            "(for example 2054781W)."
        )


class Practitioner(models.Model):
    """A GP's or radiologist's identifiers: the provider number goes in exported messages
    (OBR-16 for the requesting GP, MSH-6 to address the GP's practice) and matches OBR-16 and
    OBR-32 in messages received; `ris_identifier` is a radiologist's code in the RIS, when the
    RIS does not send provider numbers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practitioner"
    )
    provider_number = models.CharField(
        max_length=8, blank=True, validators=[validate_provider_number]
    )
    ris_identifier = models.CharField(
        "identifier in the RIS",
        max_length=64,
        blank=True,
        help_text="The radiologist's code in OBR-32 of the RIS's messages, if not the provider "
        "number.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider_number"],
                condition=~Q(provider_number=""),
                name="unique_provider_number",
            ),
            models.UniqueConstraint(
                fields=["ris_identifier"],
                condition=~Q(ris_identifier=""),
                name="unique_ris_identifier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} {self.provider_number}".strip()

    def clean(self) -> None:
        self.provider_number = self.provider_number.strip().upper()
        self.ris_identifier = self.ris_identifier.strip()


class InboundMessage(models.Model):
    """One HL7 message received over MLLP: accepted (a draft was made) or put on the intake list
    for an admin (with the reason). No patient details are kept here."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Draft made"
        INTAKE = "intake", "Not filed"

    received = models.DateTimeField(auto_now_add=True, db_index=True)
    sender = models.CharField(max_length=200)  # MSH-3 and MSH-4: application and facility
    control_id = models.CharField(max_length=64)  # MSH-10
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=300, blank=True)
    report = models.ForeignKey(Report, on_delete=models.SET_NULL, null=True, blank=True)
    # the RIS's filler order number (OBR-3) of a filed report, to match its corrections
    order = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-received", "-id"]
        constraints = [
            # a control id repeated by its sender is acknowledged again, never filed twice
            models.UniqueConstraint(
                fields=["sender", "control_id"],
                condition=Q(outcome="accepted"),
                name="one_draft_per_control_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender} {self.control_id} {self.outcome}"
