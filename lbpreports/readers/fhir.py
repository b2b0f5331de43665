"""FHIR R4 DiagnosticReport JSON: the text of its presentedForm (text, else PDF) or conclusion,
and the patient and exam it names."""

from __future__ import annotations

import json
import re
from datetime import date

from .hl7v2 import decode_base64
from .limits import ACCEPTED, MAX_JSON_DEPTH, ReaderError
from .pdf import pdf_text
from .text import ReadFile, decode_text

FHIR_STATUSES = frozenset(
    (
        "registered",
        "partial",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "appended",
        "cancelled",
        "entered-in-error",
        "unknown",
    )
)
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*+"?', re.DOTALL)  # possessive: linear on any input
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _check_json_depth(data: bytes) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH, counted on the raw bytes before parsing
    (so a file of 10,000 nested arrays never reaches the recursive parser)."""
    brackets = _JSON_STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    depth = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise ReaderError(f"This JSON is nested more than {MAX_JSON_DEPTH} levels deep.")


def _inline_data(forms: list, content_type: str) -> list[bytes]:
    """The decoded inline data of the presentedForm attachments of one content type."""
    found = []
    for attachment in forms:
        if not isinstance(attachment, dict) or not isinstance(attachment.get("data"), str):
            continue  # a url-only attachment: nothing is fetched
        if str(attachment.get("contentType", "")).split(";")[0].strip().lower() == content_type:
            found.append(
                decode_base64(attachment["data"], "An attachment of this DiagnosticReport")
            )
    return found


def _fhir_report_text(resource: dict) -> str:
    """presentedForm text attachments, else its PDFs, else the conclusion.

    A report often comes as text and as a PDF copy: reading both would give every finding twice,
    and the PDFs are only parsed when there is no text.
    """
    forms = resource.get("presentedForm") or []
    if not isinstance(forms, list):
        raise ReaderError("The presentedForm of this DiagnosticReport is not a list.")
    texts = [decode_text(data) for data in _inline_data(forms, "text/plain")]
    if not any(text.strip() for text in texts):
        texts = [pdf_text(data) for data in _inline_data(forms, "application/pdf")]
    if texts:
        return "\n\n".join(texts)
    conclusion = resource.get("conclusion")
    if isinstance(conclusion, str) and conclusion.strip():
        return conclusion
    raise ReaderError(
        "This DiagnosticReport has no report text (no text or PDF presentedForm, no conclusion)."
    )


def _fhir_date(value: object) -> date | None:
    """The date of a FHIR date or dateTime; None when absent or partial (2024-03)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fhir_subject(resource: dict) -> tuple[str, str]:
    """(identifier, display name) of the subject reference."""
    subject = resource.get("subject")
    if not isinstance(subject, dict):
        return "", ""
    identifier = subject.get("identifier")
    value = identifier.get("value") if isinstance(identifier, dict) else None
    reference = subject.get("reference")
    if not isinstance(value, str) and isinstance(reference, str):
        value = reference.removeprefix("Patient/")
    display = subject.get("display")
    return (value or "").strip(), (display if isinstance(display, str) else "").strip()


def _fhir_exam_type(resource: dict) -> str:
    code = resource.get("code")
    if not isinstance(code, dict):
        return ""
    if isinstance(code.get("text"), str):
        return code["text"].strip()
    codings = code.get("coding")
    for coding in codings if isinstance(codings, list) else []:
        if isinstance(coding, dict) and isinstance(coding.get("display"), str):
            return coding["display"].strip()
    return ""


def read_fhir(data: bytes) -> ReadFile:
    _check_json_depth(data)
    try:
        resource = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ReaderError("This file is not valid JSON.") from None
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    if kind != "DiagnosticReport":
        sent = f"a FHIR {kind}" if isinstance(kind, str) and kind else "JSON"
        raise ReaderError(f"This file is {sent}, not a FHIR DiagnosticReport. {ACCEPTED}")
    status = resource.get("status")
    if status not in FHIR_STATUSES:
        raise ReaderError(f"This DiagnosticReport has an invalid status ({status!r}).")
    if status in ("cancelled", "entered-in-error"):
        raise ReaderError(f"This DiagnosticReport is marked {status} and must not be used.")
    text = _fhir_report_text(resource)
    identifier, name = _fhir_subject(resource)
    period = resource.get("effectivePeriod")
    return ReadFile(
        text,
        "fhir",
        patient_identifier=identifier,
        patient_name=name,
        exam_type=_fhir_exam_type(resource),
        exam_date=_fhir_date(resource.get("effectiveDateTime"))
        or _fhir_date(period.get("start") if isinstance(period, dict) else None),
    )
