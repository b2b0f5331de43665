"""FHIR R4 DiagnosticReport JSON, bare or in a Bundle: the text of its presentedForm (text, else
PDF) or conclusion, the exam it names, and its patient (a Patient resource in the Bundle or
contained in the report, else the subject reference's identifier and display)."""

from __future__ import annotations

import json
import re
from datetime import date

from .hl7v2 import decode_base64
from .limits import ACCEPTED, MAX_JSON_DEPTH, ReaderError
from .pdf import pdf_text
from .rtf import rtf_text
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
# Australian identifier systems (AU Base): IHI and Medicare number; the MRN is told by its type
IHI_SYSTEM = "http://ns.electronichealth.net.au/id/hi/ihi/1.0"
MEDICARE_SYSTEM = "http://ns.electronichealth.net.au/id/medicare-number"
IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203"
FHIR_SEXES = {"female": "F", "male": "M", "other": "O", "unknown": "U"}
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
    for kind in ("text/rtf", "application/rtf"):
        texts += [rtf_text(decode_text(data)) for data in _inline_data(forms, kind)]
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


def _bundle_resources(bundle: dict) -> list[tuple[str, dict]]:
    """(fullUrl, resource) of each entry of a Bundle."""
    entries = bundle.get("entry")
    if not isinstance(entries, list):
        raise ReaderError("This FHIR Bundle has no entries.")
    found = []
    for entry in entries:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict):
            url = entry.get("fullUrl")
            found.append((url if isinstance(url, str) else "", resource))
    return found


def _referenced(reference: object, report: dict, others: list[tuple[str, dict]]) -> dict | None:
    """The Patient a subject reference names: contained ("#p1"), in the Bundle by fullUrl or
    "Patient/id", or the Bundle's only Patient."""
    contained = report.get("contained")
    candidates = (
        [("#" + str(r.get("id")), r) for r in contained if isinstance(r, dict)]
        if (isinstance(contained, list))
        else []
    )
    candidates += [(url, r) for url, r in others]
    patients = [(url, r) for url, r in candidates if r.get("resourceType") == "Patient"]
    if isinstance(reference, str) and reference:
        for url, patient in patients:
            if reference in (url, f"Patient/{patient.get('id')}"):
                return patient
    bundled = [patient for url, patient in patients if not url.startswith("#")]
    return bundled[0] if len(bundled) == 1 else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _patient_fields(patient: dict) -> dict:
    """The form's patient fields from a FHIR Patient: the official (else first) name, gender,
    birth date, and the MRN, Medicare number and IHI among its identifiers."""
    names = [n for n in patient.get("name") or [] if isinstance(n, dict)]
    name = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
    given = name.get("given") if isinstance(name.get("given"), list) else []
    fields = {
        "patient_family_name": _text(name.get("family")),
        "patient_given_names": " ".join(filter(None, map(_text, given))),
        "patient_sex": FHIR_SEXES.get(_text(patient.get("gender")), ""),
        "date_of_birth": _fhir_date(patient.get("birthDate")),
    }
    for identifier in patient.get("identifier") or []:
        if not isinstance(identifier, dict) or not _text(identifier.get("value")):
            continue
        value, system = _text(identifier["value"]), identifier.get("system")
        kind = identifier.get("type")
        codes = {
            c.get("code")
            for c in (kind.get("coding") if isinstance(kind, dict) else None) or []
            if isinstance(c, dict)
        }
        if system == IHI_SYSTEM or "NI" in codes:
            fields.setdefault("patient_ihi", value)
        elif system == MEDICARE_SYSTEM or "MC" in codes:
            fields.setdefault("patient_medicare", value)
        elif "MR" in codes:
            fields.setdefault("patient_identifier", value)
    return fields


def _load(data: bytes) -> dict:
    _check_json_depth(data)
    try:
        resource = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ReaderError("This file is not valid JSON.") from None
    return resource if isinstance(resource, dict) else {}


def read_fhir(data: bytes) -> ReadFile:
    resource = _load(data)
    others: list[tuple[str, dict]] = []
    kind = resource.get("resourceType")
    if kind == "Bundle":
        others = _bundle_resources(resource)
        reports = [r for _, r in others if r.get("resourceType") == "DiagnosticReport"]
        if len(reports) > 1:
            raise ReaderError("This FHIR Bundle holds several reports; send one at a time.")
        if not reports:
            raise ReaderError(f"This FHIR Bundle holds no DiagnosticReport. {ACCEPTED}")
        resource, kind = reports[0], "DiagnosticReport"
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
    subject = resource.get("subject")
    reference = subject.get("reference") if isinstance(subject, dict) else None
    patient = _referenced(reference, resource, others)
    fields = _patient_fields(patient) if patient else {}
    if patient:
        names = (fields["patient_given_names"], fields["patient_family_name"])
        name = " ".join(filter(None, names)) or name
        # the Patient's MRN, else an identifier the subject gives (never a resource id)
        stated = subject.get("identifier") if isinstance(subject, dict) else None
        stated = _text(stated.get("value")) if isinstance(stated, dict) else ""
        identifier = fields.pop("patient_identifier", stated)
    period = resource.get("effectivePeriod")
    return ReadFile(
        text,
        "fhir",
        patient_identifier=identifier,
        patient_name=name,
        exam_type=_fhir_exam_type(resource),
        exam_date=_fhir_date(resource.get("effectiveDateTime"))
        or _fhir_date(period.get("start") if isinstance(period, dict) else None),
        **fields,
    )
