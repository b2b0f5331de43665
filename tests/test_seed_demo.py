from io import StringIO

from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory, TestCase, override_settings

from lbpreports import roles
from lbpreports.management.commands.seed_demo import DEMO_ACCOUNTS


class SeedDemoTests(TestCase):
    @override_settings(DEBUG=True)
    def test_it_creates_the_demo_accounts_and_is_idempotent(self):
        call_command("seed_demo", stdout=StringIO())
        out = StringIO()
        call_command("seed_demo", stdout=out)
        User = get_user_model()
        self.assertEqual(User.objects.count(), len(DEMO_ACCOUNTS))
        from lbpreports.reports.models import Report

        self.assertEqual(
            sorted(Report.objects.values_list("status", flat=True)),
            sorted(Report.Status.values),
        )
        urgent = Report.objects.get(status=Report.Status.AWAITING_REVIEW)
        self.assertIn("fracture", urgent.urgent)
        for username, password, _first, _last, role in DEMO_ACCOUNTS:
            with self.subTest(username=username):
                request = RequestFactory().post("/accounts/login/")
                user = authenticate(request, username=username, password=password)
                self.assertIsNotNone(user)
                self.assertEqual(roles.role_of(user), role)
                self.assertIn(password, out.getvalue())
        from lbpreports.practice.models import Practitioner

        self.assertEqual(
            dict(Practitioner.objects.values_list("user__username", "provider_number")),
            {"radiologist": "0123456J", "gp": "2054781W", "gp2": "2054792X"},
        )
        admin = User.objects.get(username="admin")
        self.assertTrue(admin.is_staff)
        self.assertFalse(admin.is_superuser)
        self.assertFalse([p for p in admin.get_all_permissions() if p.startswith("reports.")])
        self.assertTrue(admin.has_perm("auth.change_user"))

    @override_settings(DEBUG=False)
    def test_it_refuses_to_run_with_debug_off(self):
        with self.assertRaisesMessage(CommandError, "only runs with DEBUG=true"):
            call_command("seed_demo", stdout=StringIO())
        self.assertFalse(get_user_model().objects.exists())
