"""On the embedded SQLite database, a transition waits for another writer (the task worker that
`bin/run` starts beside the server) instead of failing with "database is locked".

SQLite gives a reader that then wants to write no wait at all when another connection holds
the write lock: it fails at once. A request that read the report inside a request-wide
transaction and then approved it (the handout takes about a second to make) failed whenever the
worker was writing. Transitions therefore run outside the request's transaction: their heavy
work (the engine, the handout) first, then one short transaction that starts with its write and
waits its turn for the lock."""

import sqlite3
import threading

from django.db import connection
from django.test import Client, TransactionTestCase
from django.urls import reverse

from lbpreports import roles
from lbpreports.reports.models import Report
from tests.personas import PASSWORD, make_user
from tests.reports.test_concurrency import at_once

TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."
HELD_SECONDS = 1.5  # well inside the test database's 20 s busy timeout


class OtherWriter:
    """Another connection to the same database file holding its write lock (as the task worker
    does while it records a task) from now until `HELD_SECONDS` later."""

    def __enter__(self):
        path = connection.settings_dict["NAME"]
        self.other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.other.execute("BEGIN IMMEDIATE")
        self.released = threading.Event()
        self.timer = threading.Timer(HELD_SECONDS, self.release)
        self.timer.start()
        return self

    def release(self):
        self.other.execute("COMMIT")
        self.released.set()

    def __exit__(self, *exc):
        self.timer.join()
        self.other.close()


class WaitsForTheWorkerTests(TransactionTestCase):
    def setUp(self):
        if connection.vendor != "sqlite":
            self.skipTest("the embedded database's locking")
        roles.ensure_groups()
        self.owner = make_user("owner_radiologist", roles.RADIOLOGIST)
        self.gp = make_user("addressed_gp", roles.GP)
        self.report = Report.objects.create(
            radiologist=self.owner, gp=self.gp, original_text=TEXT, patient_age=60
        )

    def review_form(self, action: str) -> dict:
        report = self.report
        report.refresh_from_db()
        data = {"action": action, "lock_version": report.lock_version}
        for i, section in enumerate(report.patient_sections):
            data[f"section-{i}"] = "\n".join(section["paragraphs"])
        data["conclusion"] = report.patient_conclusion
        data["keep_prevalence"] = [str(i) for i in range(len(report.engine_result["prevalence"]))]
        return data

    def test_submit_approve_and_withdraw_wait_for_a_writer(self):
        self.client.force_login(self.owner)
        with OtherWriter() as writer:
            response = self.client.post(
                reverse("reports:submit", args=[self.report.pk]), {"lock_version": 0}
            )
            self.assertTrue(writer.released.is_set())  # it waited for the lock
        self.assertEqual(response.status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.AWAITING_REVIEW)

        self.client.force_login(self.gp)
        url = reverse("review:review", args=[self.report.pk])
        with OtherWriter() as writer:
            response = self.client.post(url, self.review_form("approve"))
            self.assertTrue(writer.released.is_set())
        self.assertEqual(response.status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        self.assertTrue(self.report.handout_pdf.startswith(b"%PDF"))
        self.assertEqual(self.report.versions.count(), 2)

        with OtherWriter():
            response = self.client.post(
                reverse("review:withdraw", args=[self.report.pk]),
                {"lock_version": self.report.lock_version, "reason": "Wrong patient."},
            )
        self.assertEqual(response.status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.WITHDRAWN)

    def test_four_people_logging_in_at_once_all_get_in(self):
        """Each login reads the user and then writes (the session, the last login): four at
        once, while the worker writes, all get in."""
        gps = [make_user(f"gp_at_once_{i}", roles.GP) for i in range(4)]
        pairs = iter([(Client(), gp.username) for gp in gps])

        def log_in():
            client, username = next(pairs)
            response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
            return response.status_code, client.get(reverse("home")).status_code

        with OtherWriter():
            results = at_once(log_in, count=4)
        self.assertEqual(results, [(302, 200)] * 4)
