"""The radiologist's workspace: paste or upload, preview, save, submit, draft PDF."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from lbpreports import readers
from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Report, ReportVersion
from tests.personas import PersonaTestCase

REPORT = (
    "MRI LUMBAR SPINE\nFindings:\nL4-5: mild disc bulge indenting the thecal sac.\n"
    "No fracture.\nImpression: Mild L4-5 disc bulge."
)
URGENT = "MRI LUMBAR SPINE\nFindings: Acute L1 compression fracture. L4-5 disc bulge."


class WorkspaceTests(PersonaTestCase):
    def form_data(self, **overrides):
        data = {
            "original_text": REPORT,
            "patient_identifier": "SYN-001",
            "patient_family_name": "Patient",
            "patient_given_names": "Synthetic",
            "date_of_birth": "1970-03-02",
            "exam_type": "MRI lumbar spine",
            "exam_date": "2026-11-20",
            "modality": "mri",
            "gp": self.gp.pk,
            "mode": "summary",
            "action": "save",
        }
        data.update(overrides)
        return data

    def test_a_radiologist_saves_a_draft_and_the_engine_result_is_kept(self):
        self.login(self.owner)
        response = self.client.post(reverse("reports:new"), self.form_data())
        report = Report.objects.get()
        self.assertRedirects(response, reverse("reports:detail", args=[report.pk]))
        self.assertEqual(report.status, Report.Status.DRAFT)
        self.assertEqual(report.radiologist, self.owner)
        self.assertEqual(report.age_at_exam(), 56)
        self.assertEqual(report.engine_result["age"], 56)
        self.assertTrue(report.engine_version and len(report.engine_data_sha256) == 64)
        self.assertEqual(report.patient_sections[0]["heading"], "What the scan looked at")
        self.assertEqual(report.source_type, "paste")
        self.assertTrue(
            AuditEntry.objects.filter(action="report.saved", report_id=report.pk).exists()
        )

    def test_text_sent_with_crlf_line_ends_keeps_the_engine_offsets(self):
        self.login(self.owner)
        self.client.post(
            reverse("reports:new"), self.form_data(original_text=REPORT.replace("\n", "\r\n"))
        )
        report = Report.objects.get()
        self.assertNotIn("\r", report.original_text)
        self.assertEqual(report.original_text, report.engine_result["text"])
        for finding in report.engine_result["findings"]:
            start, end = finding["start"], finding["end"]
            self.assertEqual(report.original_text[start:end], finding["text"])

    def test_the_live_preview_returns_a_fragment_and_saves_nothing(self):
        self.login(self.owner)
        response = self.client.post(
            reverse("reports:preview"), self.form_data(original_text=URGENT), HTTP_HX_REQUEST="true"
        )
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertNotIn("<html", body)
        self.assertIn("Urgent finding", body)
        self.assertIn("cannot rule out" if "cannot" in body else "broken bone", body)
        self.assertIn("Grade", body)
        self.assertIn('class="hl-urgent"', body)
        self.assertFalse(Report.objects.exists())

    def test_the_preview_says_plainly_when_the_text_is_a_clinic_letter(self):
        self.login(self.owner)
        letter = (
            "Dear Dr Okafor,\n\nThank you for referring Mr Petrov, whom I saw in clinic today "
            "with low back pain.\n\nOn examination, straight leg raise was 70 degrees.\n\n"
            "MRI L-spine: normal.\n\nPlan: physiotherapy.\n\nYours sincerely,\nDr H. Lindqvist\n"
        )
        response = self.client.post(
            reverse("reports:preview"), self.form_data(original_text=letter), HTTP_HX_REQUEST="true"
        )
        body = response.content.decode()
        self.assertIn("This looks like a clinic letter, not an imaging report.", body)
        self.assertLess(body.index("clinic letter, not an imaging report"), body.index("Grade"))
        self.assertFalse(Report.objects.exists())
        # an imaging report gets no such notice
        response = self.client.post(
            reverse("reports:preview"), self.form_data(), HTTP_HX_REQUEST="true"
        )
        self.assertNotIn("clinic letter", response.content.decode())

    def test_without_javascript_the_preview_button_shows_the_same(self):
        self.login(self.owner)
        response = self.client.post(reverse("reports:new"), self.form_data(action="preview"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "What the scan looked at")
        self.assertContains(response, "<h1>New report</h1>", html=True)
        self.assertFalse(Report.objects.exists())

    def test_report_text_with_html_shows_as_text(self):
        self.login(self.owner)
        hostile = REPORT + "\n<script>alert(1)</script><b>bold</b>"
        response = self.client.post(
            reverse("reports:preview"), self.form_data(original_text=hostile)
        )
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;")

    def test_upload_a_text_file_in_cp1252(self):
        self.login(self.owner)
        upload = SimpleUploadedFile("report.txt", "L4–5 disc bulge.".encode("cp1252"))
        self.client.post(reverse("reports:new"), self.form_data(original_text="", upload=upload))
        report = Report.objects.get()
        self.assertIn("–", report.original_text)
        self.assertEqual((report.source_name, report.source_type), ("report.txt", "text"))

    def test_bad_input_gets_a_clear_message_and_nothing_is_saved(self):
        self.login(self.owner)
        cases = [
            ({"original_text": ""}, "The report is empty"),
            (
                {"original_text": "", "upload": SimpleUploadedFile("x.bin", b"\x00\x01\x02" * 10)},
                "binary",
            ),
            (
                {
                    "original_text": "",
                    "upload": SimpleUploadedFile("big.txt", b"a" * (readers.MAX_FILE_BYTES + 1)),
                },
                "too large",
            ),
            ({"gp": 999999}, "Select a valid choice"),
            ({"gp": self.other_radiologist.pk}, "Select a valid choice"),
        ]
        for overrides, message in cases:
            with self.subTest(message=message):
                response = self.client.post(reverse("reports:new"), self.form_data(**overrides))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertFalse(Report.objects.exists())

    def test_submit_locks_the_original_and_keeps_a_version(self):
        self.login(self.owner)
        self.client.post(reverse("reports:new"), self.form_data())
        report = Report.objects.get()
        self.client.post(reverse("reports:submit", args=[report.pk]))
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.AWAITING_REVIEW)
        self.assertEqual(ReportVersion.objects.filter(report=report).count(), 1)
        # locked: the edit page is gone and a second submit changes nothing
        self.assertEqual(
            self.client.get(reverse("reports:edit", args=[report.pk])).status_code, 404
        )
        self.client.post(reverse("reports:submit", args=[report.pk]))
        self.assertEqual(ReportVersion.objects.filter(report=report).count(), 1)
        self.login(self.gp)
        self.assertContains(self.client.get(reverse("home")), "SYN-001")

    def test_a_returned_report_is_unlocked_and_resubmitted_as_a_new_version(self):
        self.login(self.owner)
        self.client.post(reverse("reports:new"), self.form_data())
        report = Report.objects.get()
        self.client.post(reverse("reports:submit", args=[report.pk]))
        Report.objects.filter(pk=report.pk).update(status=Report.Status.RETURNED)
        response = self.client.post(
            reverse("reports:edit", args=[report.pk]), self.form_data(original_text=URGENT)
        )
        self.assertRedirects(response, reverse("reports:detail", args=[report.pk]))
        self.client.post(reverse("reports:submit", args=[report.pk]))
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.AWAITING_REVIEW)
        self.assertEqual(report.engine_result["urgent"], ["fracture"])
        self.assertEqual(list(report.versions.values_list("number", flat=True)), [1, 2])

    def test_submit_needs_a_gp(self):
        self.login(self.owner)
        self.client.post(reverse("reports:new"), self.form_data(gp=""))
        report = Report.objects.get()
        response = self.client.post(reverse("reports:submit", args=[report.pk]), follow=True)
        self.assertContains(response, "Choose the referring GP")
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.DRAFT)

    def test_the_draft_pdf_is_marked_on_every_page_and_not_stored(self):
        self.login(self.owner)
        self.client.post(
            reverse("reports:new"), self.form_data(original_text=URGENT + "\n" + REPORT * 8)
        )
        report = Report.objects.get()
        response = self.client.get(reverse("reports:draft_pdf", args=[report.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        pdf = PdfReader(io.BytesIO(response.content))
        self.assertGreaterEqual(len(pdf.pages), 1)
        for page in pdf.pages:
            self.assertIn("Draft: not yet reviewed by your GP", page.extract_text())
        self.assertIn("broken bone", "".join(p.extract_text() for p in pdf.pages))
        self.assertEqual(pdf.metadata.title, "Your scan report explained (draft)")

    def test_a_draft_pdf_from_the_unsaved_preview(self):
        self.login(self.owner)
        response = self.client.post(reverse("reports:preview_pdf"), self.form_data())
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertFalse(Report.objects.exists())


class WorkspaceAccessTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.draft = cls.make_report(Report.Status.DRAFT, original_text=REPORT)
        cls.draft.run_engine()
        cls.draft.save()

    def test_only_the_owner_sees_a_draft(self):
        expected = {
            "anonymous": 302,
            "owner": 200,
            "other_radiologist": 404,
            "gp": 404,
            "other_gp": 404,
            "outsider": 404,
            "admin": 404,
        }
        for name, persona in self.personas().items():
            with self.subTest(persona=name):
                self.login(persona)
                for url in ("reports:detail", "reports:draft_pdf"):
                    response = self.client.get(reverse(url, args=[self.draft.pk]))
                    self.assertEqual(response.status_code, expected[name], url)

    def test_only_radiologists_create_reports(self):
        for persona in (self.gp, self.outsider, self.admin):
            self.login(persona)
            self.assertEqual(self.client.get(reverse("reports:new")).status_code, 403)
        self.login(self.owner)
        self.assertEqual(self.client.get(reverse("reports:new")).status_code, 200)

    def test_another_radiologist_cannot_submit_or_edit(self):
        self.login(self.other_radiologist)
        self.assertEqual(
            self.client.post(reverse("reports:submit", args=[self.draft.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("reports:edit", args=[self.draft.pk])).status_code, 404
        )


class UploadFormatTests(PersonaTestCase):
    def test_an_hl7_upload_prefills_the_patient_and_exam(self):
        self.login(self.owner)
        hl7 = (
            b"MSH|^~\\&|RIS|PRAC|GP|CLINIC|202611251200||ORU^R01|1|P|2.4\r"
            b"PID|1||SYN123^^^PRAC||CITIZEN^JANE||19700302|F\r"
            b"OBR|1|||MRI^MRI LUMBAR SPINE|||20261124\r"
            b"OBX|1|FT|RPT||Findings:\\.br\\L4-5 disc bulge.\\.br\\No fracture.||||||F\r"
        )
        upload = SimpleUploadedFile("report.hl7", hl7)
        response = self.client.post(
            reverse("reports:new"),
            {"upload": upload, "gp": self.gp.pk, "mode": "summary", "action": "save"},
        )
        report = Report.objects.get()
        self.assertRedirects(response, reverse("reports:detail", args=[report.pk]))
        self.assertEqual(report.source_type, "hl7")
        self.assertEqual(report.patient_identifier, "SYN123")
        self.assertIn("CITIZEN", report.patient_name)
        self.assertEqual(str(report.date_of_birth), "1970-03-02")
        self.assertEqual(str(report.exam_date), "2026-11-24")
        self.assertIn("No fracture.", report.original_text)

    def test_a_wrong_file_type_names_what_is_accepted(self):
        self.login(self.owner)
        png = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        response = self.client.post(
            reverse("reports:new"), {"upload": png, "mode": "summary", "action": "save"}
        )
        self.assertContains(response, "Accepted: .txt, .pdf, .docx")
        self.assertFalse(Report.objects.exists())


class PreviewThenSaveTests(PersonaTestCase):
    def test_an_uploaded_file_previewed_then_saved_keeps_its_text(self):
        self.login(self.owner)
        upload = SimpleUploadedFile("report.txt", REPORT.encode())
        response = self.client.post(
            reverse("reports:new"),
            {"upload": upload, "gp": self.gp.pk, "mode": "summary", "action": "preview"},
        )
        body = response.content.decode()
        self.assertIn("mild disc bulge indenting the thecal sac.", body)  # now in the text box
        self.assertIn('name="source_type" value="text"', body)
        response = self.client.post(
            reverse("reports:new"),
            {
                "original_text": REPORT,
                "gp": self.gp.pk,
                "mode": "summary",
                "action": "save",
                "source_name": "report.txt",
                "source_type": "text",
            },
        )
        report = Report.objects.get()
        self.assertEqual((report.source_name, report.source_type), ("report.txt", "text"))
