"""Privacy: no report text or patient name in the logs of a full workflow; retention."""

import datetime
import logging
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Report, ReportVersion
from tests.personas import PersonaTestCase

SECRET_TEXT = "Findings: Acute L1 compression fracture in Zebulon Quixote."


class LogTests(PersonaTestCase):
    def test_no_report_text_or_patient_name_in_the_logs(self):
        stream = StringIO()
        handler = logging.StreamHandler(stream)
        root = logging.getLogger()
        old_level = root.level
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        try:
            self.login(self.owner)
            self.client.post(
                reverse("reports:new"),
                {
                    "original_text": SECRET_TEXT,
                    "patient_name": "Zebulon Quixote",
                    "patient_age": 40,
                    "gp": self.gp.pk,
                    "mode": "summary",
                    "action": "save",
                },
            )
            report = Report.objects.get()
            self.client.post(reverse("reports:submit", args=[report.pk]))
            self.client.get(reverse("reports:draft_pdf", args=[report.pk]))
            self.login(self.gp)
            self.client.get(reverse("review:review", args=[report.pk]))
            report.refresh_from_db()
            data = {"action": "approve", "lock_version": report.lock_version, "reason": "ok"}
            self.client.post(reverse("review:review", args=[report.pk]), data)
            self.client.get(reverse("review:handout", args=[report.pk]))
            self.client.get("/no-such-page/")
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
        logs = stream.getvalue()
        self.assertNotIn("Zebulon", logs)
        self.assertNotIn("compression fracture", logs)
        self.assertTrue(AuditEntry.objects.filter(action="report.viewed").exists())


class RetentionTests(PersonaTestCase):
    def make(self, exam, **fields):
        return self.make_report(
            Report.Status.RELEASED, original_text="Findings: normal.", exam_date=exam, **fields
        )

    def test_it_deletes_reports_past_retention_and_keeps_their_audit(self):
        today = datetime.date.today()
        old_adult = self.make(today - datetime.timedelta(days=365 * 8), patient_age=50)
        recent = self.make(today - datetime.timedelta(days=365 * 2), patient_age=50)
        minor = self.make(
            today - datetime.timedelta(days=365 * 8),
            date_of_birth=today - datetime.timedelta(days=365 * 20),
        )
        ReportVersion.record(old_adult, self.owner, ReportVersion.Kind.SUBMISSION)
        AuditEntry.record(self.owner, "report.submitted", old_adult.pk)
        out = StringIO()
        call_command("purge_reports", "--dry-run", stdout=out)
        self.assertIn(str([old_adult.pk]), out.getvalue())
        self.assertEqual(Report.objects.count(), 3)
        call_command("purge_reports", stdout=StringIO())
        self.assertEqual(set(Report.objects.values_list("pk", flat=True)), {recent.pk, minor.pk})
        self.assertTrue(
            AuditEntry.objects.filter(report_id=old_adult.pk, action="report.submitted").exists()
        )
        self.assertTrue(
            AuditEntry.objects.filter(report_id=old_adult.pk, action="report.purged").exists()
        )
