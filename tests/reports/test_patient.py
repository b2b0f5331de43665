"""The patient as practice systems know them: names, sex, date of birth and typed identifiers,
editable in the form and read from HL7 and FHIR uploads (synthetic patients only)."""

import base64
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lbpreports.reports.models import Report
from tests.personas import PersonaTestCase

REPORT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."
MEDICARE = "21234567012"  # check digit 0 over 21234567, reference number 2
IHI = "8003609900000017"  # Luhn check digit 7


class PatientFieldTests(PersonaTestCase):
    def post(self, **fields):
        data = {
            "original_text": REPORT,
            "gp": self.gp.pk,
            "mode": "summary",
            "action": "save",
            "patient_family_name": "van der Berg",
            "patient_given_names": "Mary Ann",
            "patient_sex": "F",
            "date_of_birth": "1961-05-30",
            "patient_identifier": "SYN-77",
            "patient_medicare": "2123 45670 1 2",
            "patient_ihi": "8003 6099 0000 0017",
        }
        data.update(fields)
        self.login(self.owner)
        return self.client.post(reverse("reports:new"), data)

    def test_the_form_keeps_names_sex_and_every_identifier(self):
        self.post()
        report = Report.objects.get()
        self.assertEqual(
            (report.patient_family_name, report.patient_given_names, report.patient_sex),
            ("van der Berg", "Mary Ann", "F"),
        )
        self.assertEqual(report.patient_name, "Mary Ann van der Berg")
        self.assertEqual(
            (report.patient_identifier, report.patient_medicare, report.patient_ihi),
            ("SYN-77", MEDICARE, IHI),
        )

    def test_a_medicare_number_with_a_wrong_check_digit_is_refused(self):
        response = self.post(patient_medicare="21234567112")
        self.assertContains(response, "check digit is wrong")
        self.assertFalse(Report.objects.exists())

    def test_an_ihi_with_a_wrong_check_digit_or_prefix_is_refused(self):
        for wrong in ("8003609900000018", "1234567890123456"):
            response = self.post(patient_ihi=wrong)
            self.assertContains(response, "IHI")
            self.assertFalse(Report.objects.exists())

    def test_a_name_kept_whole_is_shown_whole_for_the_user_to_split(self):
        report = self.make_report(original_text=REPORT, patient_name="Old Whole Name")
        self.login(self.owner)
        response = self.client.get(reverse("reports:edit", args=[report.pk]))
        self.assertContains(response, 'name="patient_family_name" value="Old Whole Name"')

    def test_an_hl7_upload_fills_names_sex_and_typed_identifiers(self):
        hl7 = (
            "MSH|^~\\&|RIS|PRAC|GP|CLINIC|202611251200||ORU^R01^ORU_R01|1|P|2.4\r"
            f"PID|1||SYN-88^^^PRAC^MR~{MEDICARE}^^^AUSHIC^MC~{IHI}^^^AUSHIC^NI||"
            "Berg&van der^Mary^Ann||19610530|F\r"
            "OBR|1|||MRI^MRI LUMBAR SPINE|||20261124\r"
            "OBX|1|FT|RPT||Findings: Mild L4-5 disc bulge.\\.br\\No fracture.||||||F\r"
        ).encode()
        self.login(self.owner)
        self.client.post(
            reverse("reports:new"),
            {
                "upload": SimpleUploadedFile("r.hl7", hl7),
                "gp": self.gp.pk,
                "action": "save",
                "mode": "summary",
            },
        )
        report = Report.objects.get()
        self.assertEqual(
            (report.patient_family_name, report.patient_given_names, report.patient_sex),
            ("van der Berg", "Mary Ann", "F"),
        )
        self.assertEqual(
            (report.patient_identifier, report.patient_medicare, report.patient_ihi),
            ("SYN-88", MEDICARE, IHI),
        )

    def test_a_fhir_bundle_upload_fills_the_patient_from_its_patient_resource(self):
        bundle = {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {
                    "fullUrl": "urn:uuid:9a3c0d5e-0000-4000-8000-000000000001",
                    "resource": {
                        "resourceType": "Patient",
                        "identifier": [
                            {
                                "type": {"coding": [{"code": "MR"}]},
                                "system": "urn:example:mrn",
                                "value": "SYN-99",
                            },
                            {
                                "system": "http://ns.electronichealth.net.au/id/medicare-number",
                                "value": MEDICARE,
                            },
                            {
                                "system": "http://ns.electronichealth.net.au/id/hi/ihi/1.0",
                                "value": IHI,
                            },
                        ],
                        "name": [{"use": "official", "family": "O'Neil", "given": ["Lee", "J"]}],
                        "gender": "male",
                        "birthDate": "1950-01-02",
                    },
                },
                {
                    "resource": {
                        "resourceType": "DiagnosticReport",
                        "status": "final",
                        "code": {"text": "MRI Lumbar Spine"},
                        "subject": {"reference": "urn:uuid:9a3c0d5e-0000-4000-8000-000000000001"},
                        "presentedForm": [
                            {
                                "contentType": "text/plain",
                                "data": base64.b64encode(REPORT.encode()).decode(),
                            }
                        ],
                    }
                },
            ],
        }
        upload = SimpleUploadedFile("bundle.json", json.dumps(bundle).encode())
        self.login(self.owner)
        self.client.post(
            reverse("reports:new"),
            {"upload": upload, "gp": self.gp.pk, "action": "save", "mode": "summary"},
        )
        report = Report.objects.get()
        self.assertEqual(report.original_text, REPORT)
        self.assertEqual(
            (report.patient_family_name, report.patient_given_names, report.patient_sex),
            ("O'Neil", "Lee J", "M"),
        )
        self.assertEqual(str(report.date_of_birth), "1950-01-02")
        self.assertEqual(
            (report.patient_identifier, report.patient_medicare, report.patient_ihi),
            ("SYN-99", MEDICARE, IHI),
        )
