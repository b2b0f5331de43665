"""Delete reports past their retention period, keeping their audit entries.

Default: 7 years after the exam for adults; for a patient who was a minor at the exam, until they
turn 25 (and at least 7 years after the exam). Both are settings (RETENTION_ADULT_YEARS,
RETENTION_MINOR_UNTIL_AGE). `--dry-run` lists what would go, by id only.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Report


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def keep_until(report: Report) -> datetime.date | None:
    exam = report.exam_date or timezone.localdate(report.created)
    until = add_years(exam, settings.RETENTION_ADULT_YEARS)
    age = report.age_at_exam()
    if age is not None and age < 18:
        if report.date_of_birth:
            adult_date = add_years(report.date_of_birth, settings.RETENTION_MINOR_UNTIL_AGE)
        else:
            adult_date = add_years(exam, settings.RETENTION_MINOR_UNTIL_AGE - age)
        until = max(until, adult_date)
    return until


BATCH = 500
# what keep_until reads: never the report text, the engine's JSON or the handout
FIELDS = ("id", "exam_date", "created", "date_of_birth", "patient_age")


def due(today: datetime.date):
    """Ids of the reports past retention, read in batches of BATCH.

    Every report is kept at least RETENTION_ADULT_YEARS after its exam, so only reports whose
    exam (or, without one, their creation) is older than that are read at all."""
    cutoff = add_years(today, -settings.RETENTION_ADULT_YEARS) + datetime.timedelta(days=1)
    candidates = (
        Report.objects.filter(
            Q(exam_date__lt=cutoff) | Q(exam_date__isnull=True, created__date__lt=cutoff)
        )
        .only(*FIELDS)
        .order_by("pk")
    )
    for report in candidates.iterator(chunk_size=BATCH):
        if keep_until(report) < today:
            yield report.pk


def batches(ids, size: int):
    batch = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Command(BaseCommand):
    help = "Delete reports past their retention period (their audit entries stay)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        ids = list(due(timezone.localdate()))
        if options["dry_run"]:
            self.stdout.write(f"{len(ids)} report(s) past retention: {ids}")
            return
        for batch in batches(ids, BATCH):
            # one transaction a batch: a long purge never holds every row locked at once
            with transaction.atomic():
                Report.objects.filter(pk__in=batch).only("id").delete()
                for pk in batch:
                    AuditEntry.record(None, "report.purged", pk, reason="retention")
        self.stdout.write(f"Deleted {len(ids)} report(s) past retention.")
