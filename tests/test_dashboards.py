"""The dashboards as queues that scale: paging, search, the state filter, the urgency column,
and a fixed number of queries that never load a report's text, engine JSON or handout."""

import datetime
import time
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lbpreports.reports.models import Report, urgency_of
from lbpreports.views import PAGE_SIZE
from tests.personas import PersonaTestCase

URGENT = {"urgent": ["fracture"], "findings": [{"concept": "fracture", "emergency": False}]}
EMERGENCY = {
    "urgent": ["cauda_equina_compression"],
    "findings": [{"concept": "cauda_equina_compression", "emergency": True}],
}
# loaded by a list query only if it reads the heavy columns
HEAVY = ("handout_pdf", "engine_result", "original_text", "patient_sections")


def released(gp, radiologist, n: int, start: int = 0) -> list[Report]:
    """n released reports with a stored handout and engine JSON, made in one insert."""
    reports = [
        Report(
            radiologist=radiologist,
            gp=gp,
            status=Report.Status.RELEASED,
            patient_identifier=f"BULK-{start + i:05d}",
            patient_name=f"Bulk Patient {start + i}",
            patient_age=40 + i % 40,
            original_text="Findings: L4-5 disc bulge. " * 40,
            engine_result={"urgent": [], "findings": [{"concept": "disc_bulge"}] * 20},
            handout_pdf=b"%PDF-1.7 " + b"x" * 20_000,
            submitted_at=timezone.now(),
        )
        for i in range(n)
    ]
    return Report.objects.bulk_create(reports, batch_size=500)


class QueueTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.calm = cls.make_report(
            Report.Status.AWAITING_REVIEW,
            patient_identifier="MRN-1001",
            patient_name="Alice Calm",
            date_of_birth=datetime.date(1970, 5, 1),
            exam_date=datetime.date(2026, 4, 30),
            exam_type="MRI lumbar spine",
            submitted_at=timezone.now() - datetime.timedelta(hours=3),
        )
        cls.urgent = cls.make_report(
            Report.Status.AWAITING_REVIEW,
            patient_identifier="MRN-2002",
            patient_name="Bob Urgent",
            patient_age=61,
            engine_result=URGENT,
            urgency=Report.Urgency.URGENT,
            submitted_at=timezone.now() - datetime.timedelta(days=2),
        )
        cls.returned = cls.make_report(
            Report.Status.RETURNED, patient_identifier="MRN-3003", patient_name="Carol Back"
        )
        cls.done = cls.make_report(
            Report.Status.RELEASED,
            patient_identifier="MRN-4004",
            patient_name="Dan Done",
            patient_medicare="29501234561",
        )
        cls.draft = cls.make_report(
            Report.Status.DRAFT, patient_identifier="MRN-5005", patient_name="Eve Draft"
        )

    def rows(self, response) -> list[int]:
        return [r.pk for r in response.context["page"].object_list]

    def test_the_gp_queue_opens_on_reports_awaiting_review_urgent_first(self):
        self.login(self.gp)
        response = self.client.get(reverse("home"))
        self.assertEqual(self.rows(response), [self.urgent.pk, self.calm.pk])
        body = response.content.decode()
        for shown in ("Alice Calm", "MRN-1001", "55", "30 Apr 2026", "urgent", "3\xa0hours"):
            self.assertIn(shown, body)
        self.assertIn("61", body)  # the age given without a date of birth
        self.assertIn("2\xa0days", body)  # waiting since submission

    def test_the_state_filter_shows_one_state_or_all_never_drafts_to_the_gp(self):
        self.login(self.gp)
        response = self.client.get(reverse("home"), {"state": "returned"})
        self.assertEqual(self.rows(response), [self.returned.pk])
        response = self.client.get(reverse("home"), {"state": "released"})
        self.assertEqual(self.rows(response), [self.done.pk])
        response = self.client.get(reverse("home"), {"state": "all"})
        self.assertEqual(
            set(self.rows(response)),
            {self.calm.pk, self.urgent.pk, self.returned.pk, self.done.pk},
        )
        response = self.client.get(reverse("home"), {"state": "draft"})  # not offered: default
        self.assertEqual(self.rows(response), [self.urgent.pk, self.calm.pk])
        counts = {t["value"]: t["count"] for t in response.context["tabs"]}
        self.assertEqual(counts["awaiting_review"], 2)
        self.assertEqual(counts["all"], 4)
        self.assertNotIn("draft", counts)

    def test_the_radiologist_filters_their_drafts(self):
        self.login(self.owner)
        response = self.client.get(reverse("home"), {"state": "draft"})
        self.assertEqual(self.rows(response), [self.draft.pk])
        response = self.client.get(reverse("home"))
        self.assertEqual(len(self.rows(response)), 5)

    def test_search_finds_a_patient_by_name_or_identifier(self):
        self.login(self.gp)
        by_name = self.client.get(reverse("home"), {"state": "all", "q": "carol"})
        self.assertEqual(self.rows(by_name), [self.returned.pk])
        by_id = self.client.get(reverse("home"), {"state": "all", "q": "mrn-400"})
        self.assertEqual(self.rows(by_id), [self.done.pk])
        by_medicare = self.client.get(reverse("home"), {"state": "all", "q": "2950123"})
        self.assertEqual(self.rows(by_medicare), [self.done.pk])
        nothing = self.client.get(reverse("home"), {"state": "all", "q": "Zed"})
        self.assertEqual(self.rows(nothing), [])
        self.assertContains(nothing, "No reports match")
        # search does not reach past the access rule: another GP's patient and drafts stay out
        self.assertEqual(self.rows(self.client.get(reverse("home"), {"q": "Eve"})), [])

    def test_it_pages_and_keeps_the_search_and_state_in_the_links(self):
        released(self.gp, self.owner, PAGE_SIZE + 5)
        self.login(self.gp)
        first = self.client.get(reverse("home"), {"state": "released", "q": "Bulk"})
        self.assertEqual(len(self.rows(first)), PAGE_SIZE)
        self.assertContains(first, "Page 1 of 2")
        self.assertContains(first, "?state=released&amp;q=Bulk&amp;page=2")
        second = self.client.get(reverse("home"), {"state": "released", "q": "Bulk", "page": 2})
        self.assertEqual(len(self.rows(second)), 5)
        self.assertFalse(set(self.rows(first)) & set(self.rows(second)))
        beyond = self.client.get(reverse("home"), {"state": "released", "page": 99})
        self.assertEqual(beyond.context["page"].number, 2)


class UrgencyColumnTests(PersonaTestCase):
    def test_the_engine_sets_the_urgency_column(self):
        report = self.make_report(original_text="Findings: Acute L1 compression fracture.")
        report.run_engine()
        self.assertEqual(report.urgency, Report.Urgency.URGENT)
        report.original_text = "Findings: L4-5 disc bulge."
        report.run_engine()
        self.assertEqual(report.urgency, Report.Urgency.ROUTINE)
        report.original_text = (
            "Findings: Large L4-5 extrusion severely compressing the cauda equina."
        )
        report.run_engine()
        self.assertEqual(report.urgency, Report.Urgency.EMERGENCY)

    def test_the_data_migration_fills_it_from_the_stored_json(self):
        import importlib

        from django.apps import apps

        migration = importlib.import_module("lbpreports.reports.migrations.0007_report_urgency")
        urgent = self.make_report(engine_result=URGENT)
        emergency = self.make_report(engine_result=EMERGENCY)
        calm = self.make_report(engine_result={"urgent": [], "findings": []})
        Report.objects.update(urgency=Report.Urgency.ROUTINE)
        migration.fill_urgency(apps, None)
        got = dict(Report.objects.values_list("pk", "urgency"))
        self.assertEqual(
            got,
            {urgent.pk: 1, emergency.pk: 2, calm.pk: 0},
        )
        for result in (URGENT, EMERGENCY, {}):
            self.assertEqual(
                urgency_of(result), {True: 2, False: 1 if result else 0}[result is EMERGENCY]
            )


class QueryCountTests(PersonaTestCase):
    """The issue's measure: 9.5 ms with one report, 1.5 s with 2,000 before; now the same
    queries whatever the number, none reading a heavy column."""

    def dashboard(self, user, **params):
        self.login(user)
        self.client.get(reverse("home"), params)  # warm: session, templates
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = self.client.get(reverse("home"), params)
            elapsed = time.perf_counter() - start
        self.assertEqual(response.status_code, 200)
        selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
        for sql in selects:
            for column in HEAVY:
                self.assertNotIn(f'"{column}"', sql, sql)
        return len(queries.captured_queries), elapsed, len(response.content)

    def test_the_dashboards_make_the_same_queries_with_10_or_2000_reports(self):
        released(self.gp, self.owner, 10)
        small = {
            "gp": self.dashboard(self.gp, state="released"),
            "radiologist": self.dashboard(self.owner),
            "gp search": self.dashboard(self.gp, state="all", q="Bulk"),
        }
        released(self.gp, self.owner, 1990, start=10)
        self.assertEqual(Report.objects.count(), 2000)
        large = {
            "gp": self.dashboard(self.gp, state="released"),
            "radiologist": self.dashboard(self.owner),
            "gp search": self.dashboard(self.gp, state="all", q="Bulk"),
        }
        for name in small:
            self.assertEqual(small[name][0], large[name][0], name)
            self.assertLess(large[name][0], 12, name)
            # one page either way: the page does not grow with the number of reports
            self.assertLess(large[name][2], 2 * small[name][2] + 20_000, name)


class PurgeBatchTests(PersonaTestCase):
    def test_purge_reads_only_its_date_fields_and_deletes_in_batches(self):
        from lbpreports.management.commands import purge_reports

        old = timezone.localdate() - datetime.timedelta(days=365 * 9)
        made = released(self.gp, self.owner, 12)
        Report.objects.filter(pk__in=[r.pk for r in made[:7]]).update(exam_date=old)
        keep = {r.pk for r in made[7:]}
        original = purge_reports.BATCH
        purge_reports.BATCH = 3
        try:
            with CaptureQueriesContext(connection) as queries:
                call_command("purge_reports", stdout=StringIO())
        finally:
            purge_reports.BATCH = original
        self.assertEqual(set(Report.objects.values_list("pk", flat=True)), keep)
        deletes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DELETE")]
        report_deletes = [sql for sql in deletes if 'FROM "reports_report"' in sql]
        self.assertEqual(len(report_deletes), 3)  # 7 reports in batches of 3
        for q in queries.captured_queries:
            if q["sql"].startswith("SELECT"):
                for column in HEAVY:
                    self.assertNotIn(f'"{column}"', q["sql"])
