"""The released handout for the practice's systems: an HL7 v2 ORU^R01 message carrying the patient
text and the PDF (OBX of type ED), as Australian GP systems receive documents, and a FHIR R4
DocumentReference for the PDF that refers to the report's DiagnosticReport."""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings
from django.utils import timezone

ESCAPES = [("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\")]


def hl7_escape(text: str) -> str:
    for raw, escaped in ESCAPES:
        text = text.replace(raw, escaped)
    return text.replace("\r\n", "\n").replace("\n", "\\.br\\")


def _name(report) -> str:
    parts = report.patient_name.split()
    if not parts:
        return ""
    return f"{hl7_escape(parts[-1])}^{hl7_escape(' '.join(parts[:-1]))}"


def patient_text(report) -> str:
    if report.mode == "conclusion":
        return report.patient_conclusion
    blocks = []
    for section in report.patient_sections:
        blocks.append("\n".join([section["heading"], *section["paragraphs"]]))
    if report.gp_note:
        blocks.append("A note from your GP\n" + report.gp_note)
    return "\n\n".join(blocks)


def hl7_oru(report) -> str:
    now = timezone.localtime().strftime("%Y%m%d%H%M%S")
    released = timezone.localtime(report.released_at or timezone.now()).strftime("%Y%m%d%H%M")
    dob = report.date_of_birth.strftime("%Y%m%d") if report.date_of_birth else ""
    exam_date = report.exam_date.strftime("%Y%m%d") if report.exam_date else ""
    pdf = base64.b64encode(bytes(report.handout_pdf or b"")).decode("ascii")
    segments = [
        f"MSH|^~\\&|LBPREPORTS|{hl7_escape(settings.PRACTICE_NAME)}|||{now}||ORU^R01|"
        f"LBP{report.pk}-{report.lock_version}|P|2.4",
        f"PID|1||{hl7_escape(report.patient_identifier)}||{_name(report)}||{dob}",
        f"OBR|1||LBP{report.pk}|HANDOUT^{hl7_escape(report.exam_type or 'Imaging report')} "
        f"explained for the patient|||{exam_date}|||||||||||||||{released}||OTH|F",
        f"OBX|1|FT|HANDOUT^Patient handout text||{hl7_escape(patient_text(report))}||||||F",
        f"OBX|2|ED|PDF^Patient handout (PDF)||^application^pdf^Base64^{pdf}||||||F",
    ]
    return "\r".join(segments) + "\r"


def fhir_document_reference(report) -> dict:
    pdf = bytes(report.handout_pdf or b"")
    released = report.released_at or timezone.now()
    return {
        "resourceType": "DocumentReference",
        "id": f"lbp-handout-{report.pk}",
        "status": "current",
        "docStatus": "final",
        "type": {"text": "Patient handout explaining an imaging report"},
        "subject": {
            "identifier": {"value": report.patient_identifier},
            "display": report.patient_name,
        },
        "date": released.isoformat(),
        "description": "Plain-language handout, reviewed and released by the GP",
        "context": {"related": [{"reference": f"DiagnosticReport/lbp-report-{report.pk}"}]},
        "content": [
            {
                "attachment": {
                    "contentType": "application/pdf",
                    "language": "en-AU",
                    "data": base64.b64encode(pdf).decode("ascii"),
                    "size": len(pdf),
                    "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode("ascii"),  # noqa: S324
                    "title": "Your scan report explained",
                    "creation": released.isoformat(),
                }
            }
        ],
    }
