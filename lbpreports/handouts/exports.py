"""The released handout for the practice's systems, as Australian GP software files results.

HL7 v2.4 ORU^R01 under HL7 Australia's localisation (AS 4700.2, Australian Diagnostics and
Referral Messaging): MSH addressed to the GP's practice (MSH-6), PID with typed identifiers, PV1,
OBR with fully specified placer and filler numbers (conformance point HL7au:000002: a corrected or
withdrawn result replaces the one with the same identifiers), the requesting GP in OBR-16, the
patient text in FT display segments and the PDF last in an ED segment (OBX-3
`PDF^Display format in PDF^AUSPDI`). OBR-25 and OBX-11 say F (final) on release, C (corrected)
once the handout was amended or reissued, and X (cannot be given) once withdrawn.

FHIR R4 (checked against fhir.resources' R4B models by the tests): a Bundle with the Patient, the
DiagnosticReport (AU Base diagnostic imaging report, the radiologist's report in presentedForm)
and a DocumentReference for the PDF that refers to it.

Every text value is escaped: the separators and the escape character, and line breaks (\\.br\\ in
formatted text, \\X0D\\ and \\X0A\\ elsewhere), so that no value can end a segment or a field.
"""

from __future__ import annotations

import base64
import hashlib
import uuid

from django.conf import settings
from django.utils import timezone

from lbpreports.readers.fhir import IDENTIFIER_TYPES, IHI_SYSTEM, MEDICARE_SYSTEM

ESCAPES = [("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\")]
HANDOUT_CODE = "PATIENTTEXT^Patient handout text^L"
PDF_CODE = "PDF^Display format in PDF^AUSPDI"
AU_IMAGING_REPORT = "http://hl7.org.au/fhir/StructureDefinition/au-imagingreport"
LOINC = "http://loinc.org"
# HL7 result status (table 0123 for OBR-25, 0085 for OBX-11) and their FHIR equivalents
FINAL, CORRECTED, WITHDRAWN = "F", "C", "X"
FHIR_REPORT_STATUS = {FINAL: "final", CORRECTED: "amended", WITHDRAWN: "cancelled"}
FHIR_DOCUMENT_STATUS = {FINAL: "current", CORRECTED: "current", WITHDRAWN: "entered-in-error"}


def hl7_escape(text: str, formatted: bool = False) -> str:
    """A value safe inside any HL7 field, component or subcomponent.

    In formatted text (FT) a line break is \\.br\\; elsewhere CR and LF keep their bytes as
    \\X0D\\ and \\X0A\\, since no line break may end a segment early."""
    for raw, escaped in ESCAPES:
        text = text.replace(raw, escaped)
    if formatted:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text.replace("\n", "\\.br\\")
    return text.replace("\r", "\\X0D\\").replace("\n", "\\X0A\\")


def _join(*parts: str, separator: str = "^") -> str:
    """Components (or subcomponents) of one value, already escaped, without trailing empties."""
    return separator.join(parts).rstrip(separator)


# the versions that put a handout in the patient's hands (a release, an amendment, a reissue):
# after the first, the message says corrected
RELEASE_KINDS = ("release", "amend", "reissue")


def result_status(report) -> str:
    """F on release, C once a released handout was amended or reissued, X once withdrawn."""
    if report.status == "withdrawn":
        return WITHDRAWN
    releases = report.versions.filter(kind__in=RELEASE_KINDS).count()
    return CORRECTED if releases > 1 else FINAL


def _timestamp(moment) -> str:
    """An HL7 TS with the practice's UTC offset, to the second."""
    return timezone.localtime(moment).strftime("%Y%m%d%H%M%S%z")


def _practitioner(user):
    return getattr(user, "practitioner", None) if user is not None else None


def _provider_number(user) -> str:
    practitioner = _practitioner(user)
    return practitioner.provider_number if practitioner else ""


def _facility() -> tuple[str, str, str]:
    """The practice as an HD/EI tail: namespace, universal id and its type (a local id when no
    HPI-O or other universal id is configured)."""
    namespace = settings.HL7_FACILITY_NAMESPACE
    universal = settings.HL7_FACILITY_ID or namespace
    kind = settings.HL7_FACILITY_ID_TYPE if settings.HL7_FACILITY_ID else "L"
    return namespace, universal, kind


def order_number(report) -> str:
    """OBR-2 and OBR-3: one fully specified entity identifier per report (number, namespace,
    universal id, its type), the same in every message about it."""
    return _join(f"LBP{report.pk}", *(hl7_escape(part) for part in _facility()))


def _xcn(user, provider: str) -> str:
    """A clinician as XCN: provider number, family and given names, the provider number's
    assigning authority (AUSHICPR) and identifier type."""
    if user is None:
        return ""
    family, given = hl7_escape(user.last_name), hl7_escape(user.first_name)
    if not provider:
        return _join("", family, given)
    return _join(
        hl7_escape(provider), family, given, "", "", "", "", "", "AUSHICPR", "L", "", "", "UPIN"
    )


def _ndl(user, provider: str) -> str:
    """The reporting radiologist as OBR-32 (NDL): its first component holds the name as
    subcomponents id&family&given...&assigning authority."""
    if user is None:
        return ""
    parts = [hl7_escape(provider), hl7_escape(user.last_name), hl7_escape(user.first_name)]
    if provider:
        parts += ["", "", "", "", "", "AUSHICPR"]
    return _join(*parts, separator="&")


def _pid(report) -> str:
    identifiers = []
    if report.patient_identifier:
        namespace, universal, kind = _facility()
        authority = _join(
            hl7_escape(settings.HL7_MRN_AUTHORITY),
            hl7_escape(universal),
            hl7_escape(kind),
            separator="&",
        )
        identifiers.append(_join(hl7_escape(report.patient_identifier), "", "", authority, "MR"))
    if report.patient_medicare:
        identifiers.append(_join(hl7_escape(report.patient_medicare), "", "", "AUSHIC", "MC"))
    if report.patient_ihi:
        identifiers.append(_join(hl7_escape(report.patient_ihi), "", "", "AUSHIC", "NI"))
    family, given = report.patient_family_name, report.patient_given_names
    if not (family or given):
        family = report.patient_name  # a name kept whole is never split at a guessed word
    first, _, further = given.strip().partition(" ")
    name = _join(hl7_escape(family), hl7_escape(first), hl7_escape(further.strip()))
    name = _join(name, "", "", "", "", "L") if name else ""
    dob = report.date_of_birth.strftime("%Y%m%d") if report.date_of_birth else ""
    return _join(
        "PID", "1", "", "~".join(identifiers), "", name, "", dob, report.patient_sex, separator="|"
    )


def patient_sections(report) -> list[tuple[str, str]]:
    """The patient text as released: (heading, text) for each section, then the GP's note."""
    if report.mode == "conclusion":
        sections = [("Plain-language conclusion", report.patient_conclusion)]
    else:
        sections = [
            (section["heading"], "\n".join(section["paragraphs"]))
            for section in report.patient_sections
        ]
    if report.gp_note:
        sections.append(("A note from your GP", report.gp_note))
    return sections


def patient_text(report) -> str:
    return "\n\n".join(f"{heading}\n{text}" for heading, text in patient_sections(report))


def hl7_oru(report) -> str:
    """The ORU^R01 for the report's handout: F, C or X (see the module's docstring)."""
    status = result_status(report)
    gp, radiologist = report.gp, report.radiologist
    gp_provider = _provider_number(gp)
    namespace, universal, kind = _facility()
    # HD: namespace (20 characters at most)^universal id^its type; the GP's practice is
    # addressed by the GP's provider number, as Australian secure messaging does
    sender = _join(hl7_escape(namespace), hl7_escape(universal), hl7_escape(kind))
    if gp_provider:
        receiver = _join("", hl7_escape(gp_provider), "AUSHICPR")
    else:
        receiver = "".join(c for c in (gp.get_full_name() if gp else "") if c.isalnum())[:20]
    changed = report.updated if status == WITHDRAWN else (report.released_at or timezone.now())
    exam_date = report.exam_date.strftime("%Y%m%d") if report.exam_date else ""
    control_id = f"LBP{report.pk}.{report.lock_version}{status}"
    msh = _join(
        "MSH",
        "^~\\&",
        hl7_escape(settings.HL7_APPLICATION),
        sender,
        hl7_escape(settings.HL7_RECEIVING_APPLICATION),
        receiver,
        _timestamp(timezone.now()),
        "",
        "ORU^R01^ORU_R01",
        control_id,
        "P",
        "2.4^AUS&Australia&ISO3166_1",
        "",
        "",
        "AL",
        "NE",
        "AUS",
        "UNICODE UTF-8",
        separator="|",
    )
    fields = [""] * 33
    fields[1] = "1"
    fields[2] = fields[3] = order_number(report)
    fields[4] = _join(
        "LBPHANDOUT",
        hl7_escape(f"{report.exam_type or 'Imaging report'} explained for the patient"),
        "L",
    )
    fields[7] = exam_date
    fields[16] = _xcn(gp, gp_provider)
    fields[22] = _timestamp(changed)
    fields[24] = "RAD"
    fields[25] = status
    fields[32] = _ndl(radiologist, _provider_number(radiologist))
    obr = _join("OBR", *fields[1:], separator="|")
    segments = [msh, _pid(report), "PV1|1|O", obr]
    if status == WITHDRAWN:
        note = "This patient handout was withdrawn and should no longer be given to the patient."
        segments.append(f"OBX|1|FT|{HANDOUT_CODE}||{hl7_escape(note, formatted=True)}||||||X")
    else:
        number = 0
        for number, (heading, text) in enumerate(patient_sections(report), 1):
            value = hl7_escape(f"{heading}\n{text}", formatted=True)
            segments.append(f"OBX|{number}|FT|{HANDOUT_CODE}|{number}|{value}||||||{status}")
        pdf = base64.b64encode(bytes(report.handout_pdf or b"")).decode("ascii")
        segments.append(
            f"OBX|{number + 1}|ED|{PDF_CODE}||^application^pdf^Base64^{pdf}||||||{status}"
        )
    return "\r".join(segments) + "\r"


# ---- FHIR -------------------------------------------------------------------------------------


def _urn(kind: str, report) -> str:
    """A stable urn:uuid for one resource of one report, the same in every export of it."""
    name = f"{settings.HL7_FACILITY_NAMESPACE}/{kind}/{report.pk}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _coded(system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": system, "code": code, "display": display}]}


def fhir_patient(report) -> dict:
    identifiers = []
    if report.patient_identifier:
        identifiers.append(
            {
                "type": _coded(IDENTIFIER_TYPES, "MR", "Medical record number"),
                "system": settings.FHIR_MRN_SYSTEM,
                "value": report.patient_identifier,
                "assigner": {"display": settings.PRACTICE_NAME},
            }
        )
    if report.patient_medicare:
        identifiers.append(
            {
                "type": _coded(IDENTIFIER_TYPES, "MC", "Patient's Medicare number"),
                "system": MEDICARE_SYSTEM,
                "value": report.patient_medicare,
            }
        )
    if report.patient_ihi:
        identifiers.append(
            {
                "type": _coded(IDENTIFIER_TYPES, "NI", "National unique individual identifier"),
                "system": IHI_SYSTEM,
                "value": report.patient_ihi,
            }
        )
    patient: dict = {"resourceType": "Patient", "identifier": identifiers}
    if report.patient_family_name or report.patient_given_names:
        name: dict = {"use": "official", "text": report.patient_name}
        if report.patient_family_name:
            name["family"] = report.patient_family_name
        if report.patient_given_names:
            name["given"] = report.patient_given_names.split()
        patient["name"] = [name]
    elif report.patient_name:
        patient["name"] = [{"text": report.patient_name}]
    sexes = {"F": "female", "M": "male", "O": "other", "U": "unknown"}
    if report.patient_sex in sexes:
        patient["gender"] = sexes[report.patient_sex]
    if report.date_of_birth:
        patient["birthDate"] = report.date_of_birth.isoformat()
    if not identifiers:
        del patient["identifier"]
    return patient


def _practitioner_reference(user) -> dict:
    reference = {"display": user.get_full_name() or user.get_username()}
    provider = _provider_number(user)
    if provider:
        reference["identifier"] = {
            "system": "http://ns.electronichealth.net.au/id/medicare-provider-number",
            "value": provider,
        }
    return reference


def fhir_diagnostic_report(report, status: str) -> dict:
    """The radiologist's report, unchanged, as an AU Base diagnostic imaging report."""
    text = report.original_text.encode("utf-8")
    resource = {
        "resourceType": "DiagnosticReport",
        "meta": {"profile": [AU_IMAGING_REPORT]},
        "identifier": [
            {
                "system": f"urn:lbpreports:report:{settings.HL7_FACILITY_NAMESPACE.lower()}",
                "value": f"LBP{report.pk}",
            }
        ],
        "status": FHIR_REPORT_STATUS[status],
        "category": [
            _coded("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology"),
            _coded(LOINC, "LP29684-5", "Radiology"),
        ],
        "code": {
            **_coded(LOINC, "18748-4", "Diagnostic imaging study"),
            "text": report.exam_type or "Imaging report",
        },
        "subject": {"reference": _urn("Patient", report)},
        "resultsInterpreter": [_practitioner_reference(report.radiologist)],
        "presentedForm": [
            {
                "contentType": "text/plain; charset=utf-8",
                "language": "en-AU",
                "data": base64.b64encode(text).decode("ascii"),
                "title": report.exam_type or "Imaging report",
            }
        ],
    }
    if report.exam_date:
        resource["effectiveDateTime"] = report.exam_date.isoformat()
    if report.submitted_at:
        resource["issued"] = timezone.localtime(report.submitted_at).isoformat()
    return resource


def fhir_document_reference(report, status: str) -> dict:
    """The released handout (PDF), typed by LOINC, for the same patient and report."""
    pdf = bytes(report.handout_pdf or b"")
    released = timezone.localtime(report.released_at or timezone.now())
    attachment = {
        "contentType": "application/pdf",
        "language": "en-AU",
        "size": len(pdf),
        "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode("ascii"),  # noqa: S324
        "title": "Your scan report explained",
        "creation": released.isoformat(),
    }
    if status != WITHDRAWN:
        attachment["data"] = base64.b64encode(pdf).decode("ascii")
    resource = {
        "resourceType": "DocumentReference",
        "status": FHIR_DOCUMENT_STATUS[status],
        "docStatus": "amended" if status == CORRECTED else "final",
        "type": {
            **_coded(LOINC, "34895-3", "Education note"),
            "text": "Patient handout explaining an imaging report",
        },
        "category": [_coded(LOINC, "LP29684-5", "Radiology")],
        "subject": {"reference": _urn("Patient", report)},
        "date": released.isoformat(),
        "description": "Plain-language handout, reviewed and released by the GP",
        "context": {"related": [{"reference": _urn("DiagnosticReport", report)}]},
        "content": [{"attachment": attachment}],
    }
    if report.gp is not None:
        resource["authenticator"] = _practitioner_reference(report.gp)
    return resource


def fhir_bundle(report) -> dict:
    """Patient, DiagnosticReport and DocumentReference in one Bundle, each referring to the
    others by the urn:uuid of its entry."""
    status = result_status(report)
    resources = [
        ("Patient", fhir_patient(report)),
        ("DiagnosticReport", fhir_diagnostic_report(report, status)),
        ("DocumentReference", fhir_document_reference(report, status)),
    ]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.localtime().isoformat(),
        "entry": [
            {"fullUrl": _urn(kind, report), "resource": resource} for kind, resource in resources
        ],
    }
