"""Delete reports past their retention period, keeping their audit entries.

Default: 7 years after the exam for adults; for a patient who was a minor at the exam, until they
turn 25 (and at least 7 years after the exam). Both are settings (RETENTION_ADULT_YEARS,
RETENTION_MINOR_UNTIL_AGE). `--dry-run` lists what would go, by id only.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
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


class Command(BaseCommand):
    help = "Delete reports past their retention period (their audit entries stay)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = [r for r in Report.objects.all() if keep_until(r) < today]
        if options["dry_run"]:
            self.stdout.write(f"{len(due)} report(s) past retention: {[r.pk for r in due]}")
            return
        with transaction.atomic():
            for report in due:
                pk = report.pk
                report.delete()
                AuditEntry.record(None, "report.purged", pk, reason="retention")
        self.stdout.write(f"Deleted {len(due)} report(s) past retention.")
