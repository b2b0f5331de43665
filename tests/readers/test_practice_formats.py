"""What practice systems send: RTF text in HL7, FHIR Bundles and contained Patients, PID names and
typed identifiers (synthetic patients only)."""

import base64
import json
from datetime import date

import pytest

from lbpreports.readers import ReaderError, read_bytes

RTF = (
    r"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}{\b MRI LUMBAR SPINE}\par "
    r"Findings: Mild L4-5 disc bulge \'96 no fracture.\par "
    r"Impression: Mild L4-5 disc bulge.\par }"
)
TEXT = (
    "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge – no fracture.\n"
    "Impression: Mild L4-5 disc bulge."
)
MSH = "MSH|^~\\&|RIS|DEMO RAD|GP|CLINIC|20240302090000||ORU^R01^ORU_R01|MSG0001|P|2.4"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def segment(name: str, fields: dict[int, str]) -> str:
    return "|".join([name, "1", *(fields.get(i, "") for i in range(2, max(fields) + 1))])


def hl7(*segments: str) -> bytes:
    return "\r".join([MSH, *segments]).encode() + b"\r"


@pytest.mark.parametrize(
    "kind", ["^text^rtf^Base64^", "^TEXT^RTF^Base64^", "^application^rtf^Base64^"]
)
def test_rtf_in_an_hl7_obx_is_read_as_plain_text(kind):
    result = read_bytes(hl7(f"OBX|1|ED|RPT^Report||{kind}{b64(RTF.encode())}||||||F"))
    assert result.text == TEXT
    assert "\\rtf" not in result.text and "{" not in result.text


def test_rtf_markup_in_a_text_obx_is_read_as_plain_text():
    escaped = RTF.replace("\\", "\\E\\").replace("|", "\\F\\")
    result = read_bytes(hl7(f"OBX|1|FT|RPT^Report||{escaped}||||||F"))
    assert result.text == TEXT


@pytest.mark.parametrize("kind", ["text/rtf", "application/rtf"])
def test_rtf_in_a_fhir_presented_form_is_read_as_plain_text(kind):
    form = [{"contentType": kind, "data": b64(RTF.encode())}]
    assert read_bytes(json.dumps(report(presentedForm=form)).encode()).text == TEXT


def test_pid_names_sex_and_identifiers_by_type():
    result = read_bytes(
        hl7(
            "PID|1||21234567012^^^AUSHIC^MC~SYN-1^^^DEMORAD^MR~8003609900000017^^^AUSHIC^NI||"
            "Berg&van der^Mary^Ann~ALIAS^Other||19610530|A",
            segment(
                "OBR",
                {3: "ACC1^RIS", 4: "MRLS^MRI Lumbar Spine^L", 7: "20240301"}
                | {16: "2054781W^Nguyen^Sam", 32: "RAD01&Desai&Riya"},
            ),
            "OBX|1|TX|RPT||Findings: Mild L4-5 disc bulge.||||||F",
        )
    )
    assert (result.patient_family_name, result.patient_given_names) == ("van der Berg", "Mary Ann")
    assert result.patient_name == "Mary Ann van der Berg"
    assert (result.patient_identifier, result.patient_medicare, result.patient_ihi) == (
        "SYN-1",
        "21234567012",
        "8003609900000017",
    )
    assert (result.patient_sex, result.date_of_birth) == ("O", date(1961, 5, 30))
    assert (result.gp_id, result.radiologist_id) == ("2054781W", "RAD01")
    assert (result.order, result.result_status) == ("ACC1^RIS", "")


def test_an_untyped_pid_identifier_is_the_mrn_or_an_ihi_by_its_number():
    result = read_bytes(
        hl7("PID|1||SYN-2~8003609900000017||CITIZEN^Jane", "OBX|1|TX|RPT||No fracture.||||||F")
    )
    assert (result.patient_identifier, result.patient_ihi) == ("SYN-2", "8003609900000017")


def report(**fields) -> dict:
    return {
        "resourceType": "DiagnosticReport",
        "status": "final",
        "code": {"text": "MRI Lumbar Spine"},
        "presentedForm": [{"contentType": "text/plain", "data": b64(TEXT.encode())}],
        **fields,
    }


PATIENT = {
    "resourceType": "Patient",
    "id": "p1",
    "identifier": [
        {"type": {"coding": [{"code": "MR"}]}, "value": "SYN-3"},
        {"system": "http://ns.electronichealth.net.au/id/hi/ihi/1.0", "value": "8003609900000017"},
    ],
    "name": [
        {"use": "usual", "given": ["Jo"]},
        {"use": "official", "family": "Citizen", "given": ["Joanne", "Q"]},
    ],
    "gender": "female",
    "birthDate": "1970-03-02",
}


def test_a_fhir_bundle_is_read_like_a_bare_diagnostic_report():
    bare = read_bytes(json.dumps(report(subject={"display": "Joanne Citizen"})).encode())
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"fullUrl": "urn:uuid:0b1c", "resource": PATIENT},
            {"resource": report(subject={"reference": "Patient/p1"})},
            {"resource": {"resourceType": "DocumentReference", "status": "current"}},
        ],
    }
    bundled = read_bytes(json.dumps(bundle).encode())
    assert bundled.text == bare.text == TEXT
    assert bundled.exam_type == bare.exam_type == "MRI Lumbar Spine"
    assert bundled.patient_name == "Joanne Q Citizen"
    assert (bundled.patient_family_name, bundled.patient_given_names) == ("Citizen", "Joanne Q")
    assert (bundled.patient_identifier, bundled.patient_ihi, bundled.patient_sex) == (
        "SYN-3",
        "8003609900000017",
        "F",
    )
    assert bundled.date_of_birth == date(1970, 3, 2)


def test_a_contained_patient_is_read():
    result = read_bytes(
        json.dumps(report(contained=[PATIENT], subject={"reference": "#p1"})).encode()
    )
    assert (result.patient_family_name, result.patient_identifier) == ("Citizen", "SYN-3")


@pytest.mark.parametrize(
    ("bundle", "match"),
    [
        ({"resourceType": "Bundle", "entry": [{"resource": PATIENT}]}, "no DiagnosticReport"),
        (
            {"resourceType": "Bundle", "entry": [{"resource": report()}, {"resource": report()}]},
            "several",
        ),
        ({"resourceType": "Bundle"}, "no entries"),
    ],
)
def test_a_bundle_without_exactly_one_report_is_refused(bundle, match):
    with pytest.raises(ReaderError, match=match):
        read_bytes(json.dumps(bundle).encode())
