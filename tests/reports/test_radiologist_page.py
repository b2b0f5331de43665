"""The radiologist's pages as a radiologist meets them: one error for a refused file, the Edit
page opening with its preview, no draft handout from an empty form, the confirmation naming the
patient and the GP, the released handout on the report's page, the browser's upload limit, and a
413 that is a page of the app."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from lbpreports import readers
from lbpreports.reports.models import Report
from tests.personas import PersonaTestCase

TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture.\nImpression: L4-5 bulge."


class RadiologistPageTests(PersonaTestCase):
    def saved(self, **fields):
        fields.setdefault("original_text", TEXT)
        fields.setdefault("patient_name", "Synthetic Pat")
        report = self.make_report(Report.Status.DRAFT, **fields)
        report.run_engine()
        report.save()
        return report

    def test_a_refused_file_gets_one_error(self):
        self.login(self.owner)
        for name, content in [
            ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            ("empty.txt", b""),
            ("x.bin", b"\x00\x01\x02" * 10),
        ]:
            with self.subTest(name=name):
                response = self.client.post(
                    reverse("reports:new"),
                    {"upload": SimpleUploadedFile(name, content), "mode": "summary"},
                )
                html = response.content.decode()
                errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', html, re.S)
                self.assertEqual(len(errors), 1, errors)
                self.assertEqual(errors[0].count("<li>"), 1, errors)
                self.assertNotIn("The report is empty", html)

    def test_an_empty_form_still_says_the_report_is_empty(self):
        self.login(self.owner)
        response = self.client.post(reverse("reports:new"), {"mode": "summary"})
        self.assertContains(response, "The report is empty")

    def test_the_edit_page_opens_with_its_preview(self):
        report = self.saved()
        self.login(self.owner)
        html = self.client.get(reverse("reports:edit", args=[report.pk])).content.decode()
        preview = html[html.index('id="preview"') :]
        self.assertIn("What it found", preview)
        self.assertNotIn("Paste a report to see", preview)
        new = self.client.get(reverse("reports:new")).content.decode()
        self.assertIn("Paste a report to see", new)

    def test_no_draft_handout_from_an_empty_form_and_no_second_workspace(self):
        self.login(self.owner)
        response = self.client.post(reverse("reports:preview_pdf"), {"mode": "summary"})
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("No draft handout", html)
        self.assertIn("The report is empty", html)
        self.assertNotIn('class="report-form"', html)
        page = self.client.get(reverse("reports:new")).content.decode()
        self.assertRegex(page, r"formaction=\"/reports/preview.pdf\"[^>]*data-needs-report")

    def test_send_asks_for_confirmation_naming_the_patient_and_the_gp(self):
        report = self.saved()
        self.login(self.owner)
        html = self.client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        confirm = re.search(r'data-confirm="([^"]*)">Send to the GP', html).group(1)
        self.assertIn("Synthetic Pat", confirm)
        self.assertIn(self.gp.get_full_name(), confirm)

    def test_the_released_handout_and_its_status_are_on_the_radiologists_page(self):
        report = self.saved()
        report.submit(by=self.owner)
        report.apply("approve", self.gp, lock_version=report.lock_version)
        self.login(self.owner)
        html = self.client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        self.assertIn("Released to the patient on", html)
        link = reverse("review:handout", args=[report.pk])
        self.assertIn(f'href="{link}"', html)
        self.assertTrue(self.client.get(link).content.startswith(b"%PDF"))
        self.assertIn(f"Submitted by the radiologist: {self.owner.get_full_name()}", html)
        self.assertNotIn("radiologist by", html)

    def test_the_upload_limit_is_given_to_the_browser(self):
        self.login(self.owner)
        html = self.client.get(reverse("reports:new")).content.decode()
        limit = int(re.search(r'type="file"[^>]*data-max-bytes="(\d+)"', html).group(1))
        self.assertEqual(limit, readers.MAX_FILE_BYTES)

    @override_settings(MAX_REQUEST_BYTES=1000)
    def test_a_request_over_the_limit_gets_the_apps_413_page_with_its_navigation(self):
        self.login(self.owner)
        response = self.client.post(
            reverse("reports:new"),
            {"original_text": TEXT * 20, "mode": "summary"},
        )
        self.assertEqual(response.status_code, 413)
        html = response.content.decode()
        self.assertIn("<title>Too large · lbpreports</title>", html)
        self.assertIn("Log out", html)
        self.assertIn('class="brand"', html)
        self.assertIn("Content-Security-Policy", response.headers)
        self.assertFalse(Report.objects.exists())

    def test_the_patient_text_defines_the_reports_words_and_escapes_everything(self):
        report = self.saved(
            original_text="MRI LUMBAR SPINE\nFindings: Acute L1 compression fracture. "
            "Mild L4-5 disc bulge."
        )
        self.login(self.owner)
        html = self.client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        patient = html[html.index('class="patient-text"') : html.index("<h3>Findings</h3>")]
        self.assertRegex(
            patient,
            r'\(<span class="term" tabindex="0" aria-describedby="pdef-\d+">fracture'
            r'<span class="definition" role="tooltip" id="pdef-\d+">A broken bone.</span>',
        )
        # the glossary's own lines are not defined again
        self.assertIn("<p>fracture: A broken bone.</p>", patient)

    def test_definitions_never_let_markup_through(self):
        from lbpreports.templatetags.lbp import defined

        glossary = [{"term": "bulge", "definition": "<script>x</script>"}]
        html = defined("A <b>disc</b> bulge.", glossary)
        self.assertNotIn("<b>", html)
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
