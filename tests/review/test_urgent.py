"""Urgent reports: the direct call for emergencies and the overdue list."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from lbpreports.reports.models import Report, add_working_day
from tests.personas import PersonaTestCase

EMERGENCY = "Findings: Large L4-5 extrusion severely compressing the cauda equina."
URGENT = "Findings: Acute L1 compression fracture."
MELBOURNE = ZoneInfo("Australia/Melbourne")


class UrgentTests(PersonaTestCase):
    def test_an_emergency_cannot_be_sent_before_the_call_is_recorded(self):
        report = self.make_report(
            Report.Status.DRAFT, original_text=EMERGENCY, patient_name="Syn P"
        )
        report.run_engine()
        report.save()
        self.login(self.owner)
        response = self.client.post(reverse("reports:submit", args=[report.pk]), follow=True)
        self.assertContains(response, "record your direct call to the GP")
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.DRAFT)
        self.client.post(
            reverse("reports:submit", args=[report.pk]),
            {"called_gp_who": "Dr Sam Nguyen", "called_gp_at": "2026-11-30T09:15"},
        )
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.AWAITING_REVIEW)
        self.assertEqual(report.called_gp_who, "Dr Sam Nguyen")

    # the emails to the GP: tests/reports/test_notifications.py

    def test_working_days_skip_the_weekend(self):
        friday = datetime.datetime(2026, 11, 27, 16, 0, tzinfo=MELBOURNE)
        self.assertEqual(add_working_day(friday).weekday(), 0)  # Monday
        self.assertEqual(add_working_day(friday).hour, 16)

    def test_urgent_reports_waiting_more_than_a_working_day_are_listed_for_admins(self):
        report = self.make_report(Report.Status.DRAFT, original_text=URGENT)
        report.submit(by=self.owner)
        friday = datetime.datetime(2026, 11, 27, 16, 0, tzinfo=MELBOURNE)
        Report.objects.filter(pk=report.pk).update(submitted_at=friday)
        self.assertEqual(Report.objects.overdue_urgent(now=friday + datetime.timedelta(days=2)), [])
        monday_late = datetime.datetime(2026, 11, 30, 17, 0, tzinfo=MELBOURNE)
        self.assertEqual(
            [r.pk for r in Report.objects.overdue_urgent(now=monday_late)], [report.pk]
        )
        self.login(self.admin)
        Report.objects.filter(pk=report.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=5)
        )
        body = self.client.get(reverse("home")).content.decode()
        self.assertIn("Urgent reports waiting more than one working day", body)
        self.assertNotIn("fracture", body.lower())
