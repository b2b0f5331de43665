"""The exports as GP software reads them: every HL7 message parsed back with hl7apy as a v2.4
ORU_R01 and every FHIR Bundle with fhir.resources' R4B models, each field checked, and every text
field carrying CR, LF and the HL7 delimiters (synthetic patients only)."""

import base64
import json
import re
from datetime import date

from django.test import override_settings
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from hl7apy.consts import VALIDATION_LEVEL
from hl7apy.parser import parse_message

from lbpreports import readers
from lbpreports.audit.models import AuditEntry
from lbpreports.handouts import exports
from lbpreports.practice.models import Practitioner
from lbpreports.reports.models import Edit, Report
from tests.personas import PersonaTestCase

NASTY = "a\rb\nc|d^e~f\\g&h"  # CR, LF and every HL7 delimiter
TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."
MEDICARE, IHI = "21234567012", "8003609900000017"
SETTINGS = {
    "PRACTICE_NAME": f"Demo {NASTY} Radiology",
    "HL7_FACILITY_NAMESPACE": "DEMORAD",
    "HL7_FACILITY_ID": "8003621566684455",
    "HL7_FACILITY_ID_TYPE": "AUSHIC",
    "HL7_MRN_AUTHORITY": "DEMORAD",
    "HL7_RECEIVING_APPLICATION": "GPSOFTWARE",
    "FHIR_MRN_SYSTEM": "urn:example:demorad:mrn",
}


def unescape(value: str) -> str:
    """HL7 escapes decoded, written apart from the product's reader.

    hl7apy knows the delimiter escapes only: it keeps a hex (\\X0D\\) or formatting (\\.br\\)
    escape as text and escapes its backslashes (\\E\\X0D\\E\\), which is undone first."""
    value = re.sub(r"\\E\\(X[0-9A-F]+|\.br)\\E\\", r"\\\1\\", value)
    table = {"F": "|", "S": "^", "T": "&", "R": "~", "E": "\\", ".br": "\n"}

    def one(match):
        code = match.group(1)
        if code.startswith("X"):
            return bytes.fromhex(code[1:]).decode("utf-8")
        return table[code]

    return re.sub(r"\\(F|S|T|R|E|\.br|X[0-9A-F]+)\\", one, value)


def lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(message: str, strict: bool = False):
    """hl7apy's reading as ORU_R01 of HL7 v2.4. Strictly, each OBX-5 is shortened first:
    hl7apy's tables cap a text OBX-5 at 199 characters and a PDF at 65,536, which the patient text
    and the localisation's PDFs exceed; the tolerant reading checks their content."""
    if strict:
        message = re.sub(r"\^Base64\^[^|\r]+", "^Base64^JVBERi0xLjQ=", message)
        message = re.sub(r"(OBX\|\d+\|FT\|[^|]*\|[^|]*\|)[^|]*", r"\1Text", message)
    level = VALIDATION_LEVEL.STRICT if strict else VALIDATION_LEVEL.TOLERANT
    parsed = parse_message(message, find_groups=True, validation_level=level)
    if strict:
        parsed.validate()
    return parsed


@override_settings(**SETTINGS)
class ExportTests(PersonaTestCase):
    def setUp(self):
        for user, provider, first, last in (
            (self.gp, "2054781W", f"Sam{NASTY}", f"Nguyen{NASTY}"),
            (self.owner, "0123456J", f"Riya{NASTY}", f"Desai{NASTY}"),
        ):
            user.first_name, user.last_name = first, last
            user.save()
            Practitioner.objects.create(user=user, provider_number=provider)
        self.report = self.make_report(
            Report.Status.DRAFT,
            original_text=TEXT,
            patient_identifier=f"SYN{NASTY}",
            patient_family_name=f"van der Berg{NASTY}",
            patient_given_names=f"Mary Ann{NASTY}",
            patient_sex="F",
            date_of_birth=date(1961, 5, 30),
            patient_medicare=MEDICARE,
            patient_ihi=IHI,
            exam_type=f"MRI lumbar spine{NASTY}",
            exam_date=date(2026, 11, 20),
        )
        self.report.name_from_parts()
        self.report.save()
        self.report.submit(by=self.owner)
        self.release(note=f"Call me{NASTY}")

    def release(self, note=""):
        self.report.refresh_from_db()
        amending = self.report.status == Report.Status.RELEASED
        self.report.apply(
            "amend" if amending else "approve",
            self.gp,
            lock_version=self.report.lock_version,
            edit=Edit(self.report.patient_sections, self.report.patient_conclusion, note),
            reason="A clearer note." if amending else "",
        )
        self.report.refresh_from_db()

    def export(self, user=None) -> str:
        self.login(user or self.gp)
        response = self.client.get(reverse("review:export_hl7", args=[self.report.pk]))
        self.assertEqual(response.status_code, 200)
        return response.content.decode("utf-8")

    def test_the_oru_is_a_v24_oru_r01_addressed_to_the_gp(self):
        message = self.export()
        parsed = parse(message, strict=True)
        self.assertEqual((parsed.name, parsed.version), ("ORU_R01", "2.4"))
        msh = parse(message).msh
        self.assertEqual(msh.msh_3.to_er7(), "LBPREPORTS")
        self.assertEqual(msh.msh_4.hd_1.to_er7(), "DEMORAD")
        self.assertEqual(msh.msh_4.hd_2.to_er7(), "8003621566684455")
        self.assertEqual(msh.msh_5.to_er7(), "GPSOFTWARE")
        self.assertEqual(
            (msh.msh_6.hd_2.to_er7(), msh.msh_6.hd_3.to_er7()), ("2054781W", "AUSHICPR")
        )
        self.assertEqual(msh.msh_9.to_er7(), "ORU^R01^ORU_R01")
        self.assertTrue(msh.msh_10.to_er7())
        self.assertEqual(msh.msh_12.vid_1.to_er7(), "2.4")
        self.assertEqual(
            [msh.msh_15.to_er7(), msh.msh_16.to_er7(), msh.msh_17.to_er7(), msh.msh_18.to_er7()],
            ["AL", "NE", "AUS", "UNICODE UTF-8"],
        )
        self.assertRegex(msh.msh_7.to_er7(), r"^\d{14}[+-]\d{4}$")

    def test_the_patient_has_typed_identifiers_split_names_sex_and_a_visit(self):
        result = parse(self.export()).oru_r01_patient_result
        pid = result.oru_r01_patient.pid
        identifiers = {r.cx_5.to_er7(): r for r in pid.pid_3}
        self.assertEqual(set(identifiers), {"MR", "MC", "NI"})
        self.assertEqual(unescape(identifiers["MR"].cx_1.to_er7()), f"SYN{NASTY}")
        self.assertEqual(identifiers["MR"].cx_4.to_er7(), "DEMORAD&8003621566684455&AUSHIC")
        self.assertEqual(identifiers["MC"].to_er7(), f"{MEDICARE}^^^AUSHIC^MC")
        self.assertEqual(identifiers["NI"].to_er7(), f"{IHI}^^^AUSHIC^NI")
        name = pid.pid_5
        self.assertEqual(unescape(name.xpn_1.to_er7()), f"van der Berg{NASTY}")
        self.assertEqual(unescape(name.xpn_2.to_er7()), "Mary")
        self.assertEqual(unescape(name.xpn_3.to_er7()), f"Ann{NASTY}")
        self.assertEqual((pid.pid_7.to_er7(), pid.pid_8.to_er7()), ("19610530", "F"))
        self.assertEqual(result.oru_r01_patient.oru_r01_visit.pv1.pv1_2.to_er7(), "O")

    def test_the_order_names_the_practice_the_gp_and_the_radiologist(self):
        order = parse(self.export()).oru_r01_patient_result.oru_r01_order_observation
        obr = order.obr
        expected = f"LBP{self.report.pk}^DEMORAD^8003621566684455^AUSHIC"
        self.assertEqual((obr.obr_2.to_er7(), obr.obr_3.to_er7()), (expected, expected))
        self.assertEqual(
            unescape(obr.obr_4.ce_2.to_er7()), f"MRI lumbar spine{NASTY} explained for the patient"
        )
        self.assertEqual(obr.obr_7.to_er7(), "20261120")
        gp = obr.obr_16
        self.assertEqual((gp.xcn_1.to_er7(), gp.xcn_9.to_er7()), ("2054781W", "AUSHICPR"))
        self.assertEqual(unescape(gp.xcn_2.to_er7()), f"Nguyen{NASTY}")
        self.assertEqual(unescape(gp.xcn_3.to_er7()), f"Sam{NASTY}")
        self.assertEqual((obr.obr_24.to_er7(), obr.obr_25.to_er7()), ("RAD", "F"))
        radiologist = obr.obr_32.to_er7().split("&")
        self.assertEqual(radiologist[0], "0123456J")
        self.assertEqual(unescape(radiologist[1]), f"Desai{NASTY}")
        self.assertEqual(radiologist[-1], "AUSHICPR")

    def test_a_gp_edit_with_every_delimiter_in_a_section_round_trips(self):
        self.report.refresh_from_db()
        sections = [dict(section) for section in self.report.patient_sections]
        sections[0]["paragraphs"] = [*sections[0]["paragraphs"], f"Edited{NASTY}"]
        self.report.apply(
            "amend",
            self.gp,
            lock_version=self.report.lock_version,
            edit=Edit(sections, self.report.patient_conclusion, ""),
            reason="An added line.",
        )
        message = self.export()
        self.assertEqual(len(message.rstrip("\r").split("\r")), 4 + len(sections) + 1)
        order = parse(message).oru_r01_patient_result.oru_r01_order_observation
        first = unescape(order.oru_r01_observation[0].obx.obx_5.to_er7())
        self.assertTrue(first.endswith(lines(f"Edited{NASTY}")), first)

    def test_the_patient_text_is_in_ft_segments_and_the_pdf_last(self):
        order = parse(self.export()).oru_r01_patient_result.oru_r01_order_observation
        observations = [o.obx for o in order.oru_r01_observation]
        texts = [unescape(o.obx_5.to_er7()) for o in observations[:-1]]
        self.assertTrue(all(o.obx_2.to_er7() == "FT" for o in observations[:-1]))
        sections = self.report.patient_sections
        self.assertEqual(len(texts), len(sections) + 1)  # and the GP's note
        for text, section in zip(texts, sections, strict=False):
            self.assertEqual(text, "\n".join([section["heading"], *section["paragraphs"]]))
        self.assertEqual(texts[-1], lines(f"A note from your GP\nCall me{NASTY}"))
        pdf = observations[-1]
        self.assertEqual(pdf.obx_2.to_er7(), "ED")
        self.assertEqual(pdf.obx_3.to_er7(), "PDF^Display format in PDF^AUSPDI")
        value = pdf.obx_5.to_er7().split("^")
        self.assertEqual(value[:4], ["", "application", "pdf", "Base64"])
        self.assertEqual(base64.b64decode(value[4]), bytes(self.report.handout_pdf))
        self.assertEqual({o.obx_11.to_er7() for o in observations}, {"F"})
        self.assertEqual(
            [o.obx_1.to_er7() for o in observations],
            [str(i) for i in range(1, len(observations) + 1)],
        )

    def test_no_text_field_can_end_a_segment(self):
        message = self.export()
        segments = message.rstrip("\r").split("\r")
        self.assertEqual(
            [s[:3] for s in segments],
            ["MSH", "PID", "PV1", "OBR", *["OBX"] * (len(self.report.patient_sections) + 2)],
        )
        self.assertNotIn("\n", message)
        # and the product's own reader takes the same message back, patient and all
        read = readers.read_bytes(message.encode())
        self.assertEqual(read.patient_identifier, f"SYN{NASTY}")
        self.assertEqual(read.patient_family_name, f"van der Berg{NASTY}")
        self.assertEqual(read.patient_given_names, f"Mary Ann{NASTY}")
        self.assertEqual((read.patient_medicare, read.patient_ihi), (MEDICARE, IHI))
        self.assertEqual(read.gp_id, "2054781W")

    def test_amended_withdrawn_and_reissued_handouts_say_c_x_and_c_for_the_same_order(self):
        first = parse(self.export()).oru_r01_patient_result.oru_r01_order_observation.obr
        first_id = parse(self.export()).msh.msh_10.to_er7()
        self.release(note="Amended note")
        amended = parse(self.export())
        obr = amended.oru_r01_patient_result.oru_r01_order_observation.obr
        self.assertEqual(obr.obr_25.to_er7(), "C")
        observations = amended.oru_r01_patient_result.oru_r01_order_observation.oru_r01_observation
        self.assertEqual({o.obx.obx_11.to_er7() for o in observations}, {"C"})
        self.assertNotEqual(amended.msh.msh_10.to_er7(), first_id)
        self.report.apply("withdraw", self.gp, reason="Sent to the wrong patient")
        self.report.refresh_from_db()
        withdrawn = parse(self.export(self.owner), strict=True)
        order = withdrawn.oru_r01_patient_result.oru_r01_order_observation
        self.assertEqual(order.obr.obr_25.to_er7(), "X")
        for field in ("obr_2", "obr_3"):
            self.assertEqual(
                getattr(order.obr, field).to_er7(), getattr(first, field).to_er7(), field
            )
            self.assertEqual(getattr(order.obr, field).to_er7(), getattr(obr, field).to_er7())
        observations = [o.obx for o in order.oru_r01_observation]
        self.assertEqual([o.obx_11.to_er7() for o in observations], ["X"])
        self.assertNotIn("Base64", withdrawn.to_er7())
        self.assertTrue(
            AuditEntry.objects.filter(action="handout.exported", detail__status="X").exists()
        )
        self.report.apply("reissue", self.gp, reason="Withdrawn by mistake")
        self.report.refresh_from_db()
        reissued = parse(self.export(), strict=True)
        order = reissued.oru_r01_patient_result.oru_r01_order_observation
        self.assertEqual(order.obr.obr_25.to_er7(), "C")
        self.assertEqual(order.obr.obr_3.to_er7(), first.obr_3.to_er7())
        observations = [o.obx for o in order.oru_r01_observation]
        self.assertEqual({o.obx_11.to_er7() for o in observations}, {"C"})
        self.assertEqual(observations[-1].obx_2.to_er7(), "ED")

    def test_a_first_release_is_final(self):
        obr = parse(self.export()).oru_r01_patient_result.oru_r01_order_observation.obr
        self.assertEqual(obr.obr_25.to_er7(), "F")
        self.assertEqual(exports.result_status(self.report), "F")

    def test_the_fhir_bundle_validates_and_links_report_handout_and_patient(self):
        self.login(self.owner)
        response = self.client.get(reverse("review:export_fhir", args=[self.report.pk]))
        data = json.loads(response.content)
        bundle = Bundle.model_validate(data)
        resources = {e.resource.get_resource_type(): e for e in bundle.entry}
        self.assertEqual(set(resources), {"Patient", "DiagnosticReport", "DocumentReference"})
        patient = resources["Patient"].resource
        systems = {i.system: i.value for i in patient.identifier}
        self.assertEqual(systems["http://ns.electronichealth.net.au/id/hi/ihi/1.0"], IHI)
        self.assertEqual(systems["http://ns.electronichealth.net.au/id/medicare-number"], MEDICARE)
        self.assertEqual(systems["urn:example:demorad:mrn"], f"SYN{NASTY}")
        self.assertEqual(patient.name[0].family, f"van der Berg{NASTY}")
        self.assertEqual((patient.gender, str(patient.birthDate)), ("female", "1961-05-30"))
        report = resources["DiagnosticReport"].resource
        self.assertEqual(
            report.meta.profile, ["http://hl7.org.au/fhir/StructureDefinition/au-imagingreport"]
        )
        self.assertEqual(report.status, "final")
        self.assertEqual(report.subject.reference, resources["Patient"].fullUrl)
        self.assertEqual(report.presentedForm[0].data.decode(), TEXT)  # decoded by the model
        document = resources["DocumentReference"].resource
        self.assertEqual(
            document.context.related[0].reference, resources["DiagnosticReport"].fullUrl
        )
        self.assertEqual(document.subject.reference, resources["Patient"].fullUrl)
        coding = document.type.coding[0]
        self.assertEqual((coding.system, coding.code), ("http://loinc.org", "34895-3"))
        attachment = document.content[0].attachment
        self.assertEqual(attachment.data, bytes(self.report.handout_pdf))
        # read back by the product's own reader, the Bundle gives the report and its patient
        read = readers.read_bytes(response.content, "bundle.json")
        self.assertEqual(read.text, TEXT)
        self.assertEqual((read.patient_identifier, read.patient_ihi), (f"SYN{NASTY}", IHI))

    def test_the_fhir_bundle_of_an_amended_handout_says_amended(self):
        self.release(note="Amended note")
        bundle = Bundle.model_validate(exports.fhir_bundle(self.report))
        statuses = {e.resource.get_resource_type(): e.resource for e in bundle.entry}
        self.assertEqual(statuses["DiagnosticReport"].status, "amended")
        self.assertEqual(statuses["DocumentReference"].docStatus, "amended")

    def test_exports_only_for_the_gp_and_the_radiologist(self):
        for persona in (self.other_gp, self.other_radiologist, self.admin, self.outsider):
            self.login(persona)
            for name in ("review:export_hl7", "review:export_fhir"):
                response = self.client.get(reverse(name, args=[self.report.pk]))
                self.assertEqual(response.status_code, 404)
