"""Create the demo accounts (and, as later features land, sample reports).

Refuses to run with DEBUG off, so demo passwords never reach a production database. Running it
again resets the demo accounts to the state below and creates nothing twice.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from lbpreports import roles
from lbpreports.practice.models import Practitioner
from lbpreports.reports.models import Report

DEMO_ACCOUNTS = [
    # username, password, first name, last name, role; the admin is staff like production's,
    # never a superuser, with no report permission
    ("radiologist", "demo-radiologist-pass", "Riya", "Desai", roles.RADIOLOGIST),
    ("gp", "demo-gp-pass", "Sam", "Nguyen", roles.GP),
    ("gp2", "demo-gp2-pass", "Alex", "Walker", roles.GP),
    ("admin", "demo-admin-pass", "Pat", "Admin", roles.ADMIN),
]

# made-up provider numbers (and the radiologist's code in a RIS), so that the demo's HL7 exports
# carry them and a RIS can send the demo radiologist reports over MLLP
DEMO_IDENTIFIERS = {
    "radiologist": ("0123456J", "RAD-DEMO"),
    "gp": ("2054781W", ""),
    "gp2": ("2054792X", ""),
}


class Command(BaseCommand):
    help = "Create demo accounts for local use (refuses to run when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with published passwords; it only runs with DEBUG=true."
            )
        with transaction.atomic():
            self.groups = roles.ensure_groups()
            users = {}
            for username, password, first, last, role in DEMO_ACCOUNTS:
                users[username] = self._account(username, password, first, last, role)
            for username, (provider, ris) in DEMO_IDENTIFIERS.items():
                Practitioner.objects.update_or_create(
                    user=users[username],
                    defaults={"provider_number": provider, "ris_identifier": ris},
                )
            made = self._reports(users)
        self.stdout.write(f"Sample reports: {made} (one in each state).")
        self.stdout.write(self.style.SUCCESS("Demo accounts ready. Log in with:"))
        for username, password, _first, _last, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:12} {username:12} {password}")

    def _account(self, username, password, first, last, role):
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=username)
        user.first_name = first
        user.last_name = last
        user.email = f"{username}@example.org"
        user.is_active = True
        user.set_password(password)
        user.save()
        roles.set_role(user, role)
        return user

    def _bring_to(self, report: Report, status: str, users) -> None:
        """Through the lifecycle's own transitions, as a radiologist and a GP would."""
        S = Report.Status
        if status == S.DRAFT:
            return
        if report.has_emergency:
            report.called_gp_who = report.gp.get_full_name()
            report.called_gp_at = timezone.now()
        report.submit(by=users["radiologist"])
        gp = report.gp
        if status == S.RETURNED:
            report.apply("return", gp, reason="Please check the levels.")
        if status in (S.RELEASED, S.WITHDRAWN):
            report.apply("approve", gp, lock_version=report.lock_version, reason="Demo data.")
        if status == S.WITHDRAWN:
            report.apply("withdraw", gp, reason="Given to the wrong patient (demo).")

    def _reports(self, users) -> int:
        """Synthetic sample reports, one in each state; running again changes nothing."""
        path = Path(__file__).with_name("demo_reports.yaml")
        samples = yaml.safe_load(path.read_text(encoding="utf-8"))
        for sample in samples:
            report, created = Report.objects.get_or_create(
                patient_identifier=sample["patient_identifier"],
                radiologist=users["radiologist"],
                defaults={"original_text": sample["text"]},
            )
            if not created:
                continue
            for field in (
                "patient_family_name",
                "patient_given_names",
                "exam_type",
                "modality",
                "mode",
            ):
                setattr(report, field, sample[field])
            report.name_from_parts()
            report.date_of_birth = sample["date_of_birth"]
            report.exam_date = sample["exam_date"]
            report.gp = users[sample["gp"]]
            report.run_engine()
            report.save()
            self._bring_to(report, sample["status"], users)
        return len(samples)
