"""Two requests at once (a double click, two tabs): one transition, one version, one audit entry.

Each thread works as a request does (ATOMIC_REQUESTS): it reads the report and applies the
transition inside one transaction, on its own database connection. On PostgreSQL the second
conditional UPDATE waits for the first to commit, then finds the report changed."""

import threading

from django.db import connection, connections, transaction
from django.test import TransactionTestCase

from lbpreports import roles
from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Edit, Report, TransitionError
from tests.personas import make_user

TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."
TRIALS = 10  # the issue saw two versions in 10 of 10 double clicks


def at_once(work, count: int = 2) -> list:
    """Run `work()` in `count` threads released together; what each returned or raised."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = work()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


class ConcurrentTransitionTests(TransactionTestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("concurrent writers are a PostgreSQL matter; SQLite runs one at a time")
        roles.ensure_groups()
        self.owner = make_user("owner_radiologist", roles.RADIOLOGIST)
        self.gp = make_user("addressed_gp", roles.GP)

    def draft(self) -> Report:
        report = Report.objects.create(
            radiologist=self.owner, gp=self.gp, original_text=TEXT, patient_age=60
        )
        report.run_engine()
        report.save()
        return report

    def test_two_concurrent_submits_make_one_version_and_one_audit_entry(self):
        for trial in range(TRIALS):
            report = self.draft()

            def submit(pk=report.pk):
                with transaction.atomic():
                    mine = Report.objects.get(pk=pk)
                    return mine.submit(by=self.owner, lock_version=0)

            results = at_once(submit)
            with self.subTest(trial=trial):
                self.assertFalse([r for r in results if isinstance(r, Exception)], results)
                self.assertEqual(sorted(r.repeated for r in results), [False, True])
                self.assertEqual(report.versions.count(), 1)
                entries = AuditEntry.objects.filter(report_id=report.pk, action="report.submitted")
                self.assertEqual(entries.count(), 1)
                report.refresh_from_db()
                self.assertEqual((report.status, report.lock_version), ("awaiting_review", 1))

    def test_two_concurrent_approvals_release_once(self):
        report = self.draft()
        report.submit(by=self.owner)

        def approve(pk=report.pk):
            with transaction.atomic():
                mine = Report.objects.get(pk=pk)
                return mine.apply("approve", self.gp, lock_version=1, edit=mine.current_edit())

        results = at_once(approve)
        self.assertFalse([r for r in results if isinstance(r, Exception)], results)
        self.assertEqual(report.versions.filter(kind="release").count(), 1)
        self.assertEqual(AuditEntry.objects.filter(action="report.released").count(), 1)

    def test_two_different_saves_at_once_keep_one_and_refuse_the_other(self):
        report = self.draft()
        report.submit(by=self.owner)
        notes = iter(["First GP tab.", "Second GP tab."])
        lock = threading.Lock()

        def save(pk=report.pk):
            with lock:
                note = next(notes)
            with transaction.atomic():
                mine = Report.objects.get(pk=pk)
                edit = Edit(mine.patient_sections, mine.patient_conclusion, note)
                return mine.apply("save", self.gp, lock_version=1, edit=edit)

        results = at_once(save)
        refused = [r for r in results if isinstance(r, TransitionError)]
        self.assertEqual(len(refused), 1, results)
        self.assertEqual(report.versions.filter(kind="gp_edit").count(), 1)
        report.refresh_from_db()
        self.assertIn(report.gp_note, ("First GP tab.", "Second GP tab."))
