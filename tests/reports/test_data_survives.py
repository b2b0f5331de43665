"""Data that survives the forms: dates in date inputs, line ends, bounded lengths, validated call
times, no caching of patient data, reasons purged with their report, amended handouts marked."""

import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lbpreports.reports.models import Report
from tests.personas import PersonaTestCase
from tests.reports.test_transitions import TEXT, report_in

S = Report.Status
HL7 = (
    b"MSH|^~\\&|RIS|PRAC|GP|CLINIC|202611251200||ORU^R01|1|P|2.4\r"
    b"PID|1||SYN123^^^PRAC||CITIZEN^JANE||19710514|F\r"
    b"OBR|1|||MRI^MRI LUMBAR SPINE|||20261124\r"
    b"OBX|1|FT|RPT||Findings:\\.br\\L4-5 disc bulge.\\.br\\No fracture.||||||F\r"
)


def field_values(html: str) -> dict:
    """The name and value of every input and textarea of a rendered form, as a browser sends."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or (kind and kind.group(1) in ("file", "submit", "radio", "checkbox")):
            continue
        values[name.group(1)] = value.group(1) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values[name] = text.removeprefix("\n")
    return values


class DatesTests(PersonaTestCase):
    def test_the_edit_page_shows_iso_dates_and_saving_it_keeps_them(self):
        report = self.make_report(
            S.DRAFT,
            original_text=TEXT,
            date_of_birth=datetime.date(1971, 5, 14),
            exam_date=datetime.date(2026, 11, 24),
        )
        self.login(self.owner)
        page = self.client.get(reverse("reports:edit", args=[report.pk])).content.decode()
        self.assertIn('value="1971-05-14"', page)
        self.assertIn('value="2026-11-24"', page)
        data = {**field_values(page), "gp": self.gp.pk, "mode": "summary", "action": "save"}
        self.client.post(reverse("reports:edit", args=[report.pk]), data)
        report.refresh_from_db()
        self.assertEqual(report.date_of_birth, datetime.date(1971, 5, 14))
        self.assertEqual(report.exam_date, datetime.date(2026, 11, 24))
        self.assertEqual(report.age_at_exam(), 55)

    def test_dates_from_an_hl7_upload_survive_preview_then_save(self):
        self.login(self.owner)
        upload = SimpleUploadedFile("report.hl7", HL7)
        page = self.client.post(
            reverse("reports:new"),
            {"upload": upload, "gp": self.gp.pk, "mode": "summary", "action": "preview"},
        ).content.decode()
        self.assertIn('value="1971-05-14"', page)
        self.assertIn('value="2026-11-24"', page)
        data = {**field_values(page), "gp": self.gp.pk, "mode": "summary", "action": "save"}
        self.client.post(reverse("reports:new"), data)
        report = Report.objects.get()
        self.assertEqual(report.date_of_birth, datetime.date(1971, 5, 14))
        self.assertEqual(report.exam_date, datetime.date(2026, 11, 24))


class DateValidationTests(PersonaTestCase):
    def test_a_date_in_the_future_or_an_exam_before_birth_is_a_form_error(self):
        self.login(self.owner)
        tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
        for dates, message in (
            ({"date_of_birth": tomorrow}, "The date of birth is in the future."),
            ({"exam_date": tomorrow}, "The exam date is in the future."),
            (
                {"date_of_birth": "1971-05-14", "exam_date": "1970-01-01"},
                "The exam date is before the date of birth.",
            ),
            ({"date_of_birth": "1971-13-45"}, "Enter a valid date."),
        ):
            with self.subTest(dates=dates):
                data = {"original_text": TEXT, "mode": "summary", "action": "save", **dates}
                response = self.client.post(reverse("reports:new"), data)
                self.assertContains(response, message)
        self.assertFalse(Report.objects.exists())


class LineEndTests(PersonaTestCase):
    def test_an_uploaded_text_file_with_crlf_is_kept_with_lf(self):
        self.login(self.owner)
        upload = SimpleUploadedFile("report.txt", TEXT.replace("\n", "\r\n").encode())
        self.client.post(
            reverse("reports:new"),
            {"upload": upload, "gp": self.gp.pk, "mode": "summary", "action": "save"},
        )
        report = Report.objects.get()
        self.assertNotIn("\r", report.original_text)
        start = report.original_text.index("disc bulge")
        self.assertTrue(
            any(
                f["start"] <= start < f["end"] or start <= f["start"] < start + 10
                for f in report.engine_result["findings"]
            )
        )

    def test_a_gp_edit_with_crlf_is_kept_with_lf(self):
        report = report_in(self, S.AWAITING_REVIEW)
        self.login(self.gp)
        self.client.post(
            reverse("review:review", args=[report.pk]),
            {
                "action": "save",
                "lock_version": report.lock_version,
                "gp_note": "First line.\r\nSecond line.",
                "section-0": "One.\r\nTwo.",
            },
        )
        report.refresh_from_db()
        self.assertEqual(report.gp_note, "First line.\nSecond line.")
        self.assertEqual(report.patient_sections[0]["paragraphs"], ["One.", "Two."])


class BoundsTests(PersonaTestCase):
    def test_a_200000_character_gp_edit_is_a_form_error(self):
        report = report_in(self, S.AWAITING_REVIEW)
        self.login(self.gp)
        huge = "The scan shows a disc bulge. " * 7000  # 203,000 characters
        for field in ("section-0", "gp_note", "conclusion", "reason"):
            for action in ("save", "approve"):
                with self.subTest(field=field, action=action):
                    response = self.client.post(
                        reverse("review:review", args=[report.pk]),
                        {"action": action, "lock_version": report.lock_version, field: huge},
                    )
                    self.assertContains(response, "characters (it has 20")
                    response = self.client.post(
                        reverse("review:check", args=[report.pk]), {field: huge}
                    )
                    self.assertContains(response, "characters (it has 20")
        report.refresh_from_db()
        self.assertEqual((report.status, report.versions.count()), (S.AWAITING_REVIEW, 1))

    def test_a_malformed_or_future_call_time_is_a_form_error(self):
        report = report_in(self, S.DRAFT)
        self.login(self.owner)
        future = (timezone.localtime() + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
        for when, message in (
            ("2024-13-45T10:00", "Enter the time of the call as a date and time."),
            ("2099-01-01T10:00", "The time of the call cannot be in the future."),
            (future, "The time of the call cannot be in the future."),
        ):
            with self.subTest(when=when):
                response = self.client.post(
                    reverse("reports:submit", args=[report.pk]),
                    {"called_gp_who": "Dr Syn", "called_gp_at": when, "lock_version": 0},
                    follow=True,
                )
                self.assertContains(response, message)
                report.refresh_from_db()
                self.assertEqual((report.status, report.called_gp_at), (S.DRAFT, None))
        response = self.client.post(
            reverse("reports:submit", args=[report.pk]),
            {"called_gp_who": "Dr Syn", "called_gp_at": "2026-11-30T09:15", "lock_version": 0},
        )
        report.refresh_from_db()
        self.assertEqual(report.status, S.AWAITING_REVIEW)


class NoCacheTests(PersonaTestCase):
    def test_every_page_and_export_with_patient_data_says_no_store(self):
        released = report_in(self, S.RELEASED)
        draft = report_in(self, S.DRAFT)
        pages = {
            self.owner: [
                reverse("home"),
                reverse("reports:new"),
                reverse("reports:detail", args=[draft.pk]),
                reverse("reports:edit", args=[draft.pk]),
                reverse("reports:draft_pdf", args=[draft.pk]),
            ],
            self.gp: [
                reverse("home"),
                reverse("review:review", args=[released.pk]),
                reverse("review:handout", args=[released.pk]),
                reverse("review:export_hl7", args=[released.pk]),
                reverse("review:export_fhir", args=[released.pk]),
            ],
        }
        for user, urls in pages.items():
            self.login(user)
            for url in urls:
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertIn("no-store", response["Cache-Control"])
        self.login(self.owner)
        data = {"original_text": TEXT, "mode": "summary"}
        for name in ("reports:preview", "reports:preview_pdf"):
            with self.subTest(url=name):
                response = self.client.post(reverse(name), data)
                self.assertIn("no-store", response["Cache-Control"])
        self.login(self.gp)
        response = self.client.post(reverse("review:check", args=[released.pk]), {})
        self.assertIn("no-store", response["Cache-Control"])


class PurgeTests(PersonaTestCase):
    def test_a_withdraw_reason_is_gone_after_purge_reports(self):
        from lbpreports.audit.models import AuditEntry
        from lbpreports.reports.models import ReportVersion

        report = report_in(self, S.RELEASED, exam_date=datetime.date(2010, 1, 5))
        reason = "Handed to Zebulon Quixote by mistake."
        report.apply("withdraw", self.gp, reason=reason)
        self.assertTrue(ReportVersion.objects.filter(reason=reason).exists())
        call_command("purge_reports", stdout=io.StringIO())
        self.assertFalse(Report.objects.filter(pk=report.pk).exists())
        self.assertFalse(ReportVersion.objects.filter(reason__contains="Zebulon").exists())
        trail = AuditEntry.objects.filter(report_id=report.pk)
        self.assertTrue(trail.filter(action="report.withdrawn").exists())
        self.assertNotIn("Zebulon", str(list(trail.values_list("detail", flat=True))))


class HandoutNoticeTests(PersonaTestCase):
    def first_page(self, report) -> str:
        report.refresh_from_db()
        text = PdfReader(io.BytesIO(bytes(report.handout_pdf))).pages[0].extract_text()
        return " ".join(text.split())

    def test_an_amended_or_reissued_handout_says_so_on_page_1(self):
        report = report_in(self, S.RELEASED)
        today = timezone.localdate().strftime("%-d %B %Y")
        self.assertNotIn("Amended", self.first_page(report))
        report.apply("amend", self.gp, lock_version=report.lock_version, reason="Clearer wording.")
        self.assertIn(f"Amended on {today}", self.first_page(report))
        report.apply("withdraw", self.gp, reason="Wrong patient.")
        report.apply("reissue", self.gp, reason="Right patient after all.")
        page = self.first_page(report)
        self.assertIn(f"Reissued on {today}", page)
        self.assertIn("replaces the one you were given before", page)
