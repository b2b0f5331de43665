"""Admins who manage accounts but never hold them; set-password links; one's own password."""

import re
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lbpreports import roles
from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Report
from tests.personas import PASSWORD, PersonaTestCase
from tests.reports.test_notifications import run_due

User = get_user_model()
NEW_PASSWORD = "a-brand-new-passphrase-42"
LINK = re.compile(r"https?://[^/\s]+(/accounts/set-password/[^/\s]+/[^/\s]+/)")


class AccountTestCase(PersonaTestCase):
    def entries(self, action):
        return list(AuditEntry.objects.filter(action=action).order_by("id"))

    def sent(self):
        """The emails sent once the task queue has run what is due now."""
        run_due(timezone.now())
        return mail.outbox

    def link_in(self, message):
        return LINK.search(message.body).group(1)

    def set_password(self, link, password=NEW_PASSWORD):
        """Follow a set-password link as its owner would (logged out)."""
        self.client.logout()
        response = self.client.get(link)
        if response.status_code != 302:
            return response
        return self.client.post(
            response["Location"], {"new_password1": password, "new_password2": password}
        )

    def change(self, user, **fields):
        data = {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": roles.role_of(user) or "",
            "is_active": "on" if user.is_active else "",
            "_save": "Save",
        }
        data.update(fields)
        data = {key: value for key, value in data.items() if value != ""}
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("admin:auth_user_change", args=[user.pk]), data)


class AdminHoldsNoAccountTests(AccountTestCase):
    def test_the_admin_is_staff_without_superuser_rights_or_report_permissions(self):
        self.assertTrue(self.admin.is_staff)
        self.assertFalse(self.admin.is_superuser)
        permissions = self.admin.get_all_permissions()
        self.assertEqual([p for p in permissions if p.startswith("reports.")], [])
        self.assertEqual(permissions, set(roles.ADMIN_PERMISSIONS))
        self.assertIn("auth.change_user", permissions)

    def test_the_admin_cannot_open_a_users_password_form(self):
        self.login(self.admin)
        url = f"/admin/auth/user/{self.gp.pk}/password/"
        self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        self.assertEqual(response.status_code, 404)
        self.gp.refresh_from_db()
        self.assertTrue(self.gp.check_password(PASSWORD))
        page = self.client.get(reverse("admin:auth_user_change", args=[self.gp.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'type="password"')
        self.assertNotContains(page, "password/")
        add = self.client.get(reverse("admin:auth_user_add"))
        self.assertNotContains(add, 'type="password"')

    def test_the_admin_cannot_view_a_report(self):
        report = self.make_report(Report.Status.DRAFT, original_text="Findings: L4-5 disc bulge.")
        report.submit(by=self.owner)
        self.login(self.admin)
        for name in ("reports:detail", "review:review", "reports:draft_pdf"):
            with self.subTest(url=name):
                self.assertEqual(self.client.get(reverse(name, args=[report.pk])).status_code, 404)
        self.assertEqual(self.client.get("/admin/reports/report/").status_code, 404)

    def test_the_admin_cannot_give_rights_the_form_does_not_offer(self):
        response = self.change(self.gp, is_superuser="on", is_staff="on", user_permissions="1")
        self.assertEqual(response.status_code, 302)
        self.gp.refresh_from_db()
        self.assertFalse(self.gp.is_superuser)
        self.assertFalse(self.gp.is_staff)
        self.assertFalse(self.gp.user_permissions.exists())

    def test_the_admin_cannot_take_a_role_or_deactivate_themselves(self):
        response = self.change(self.admin, role=roles.GP)
        self.assertContains(response, "You cannot change your own role.")
        response = self.change(self.admin, is_active="")
        self.assertContains(response, "You cannot deactivate your own account.")
        self.admin.refresh_from_db()
        self.assertEqual(roles.role_of(self.admin), roles.ADMIN)
        self.assertTrue(self.admin.is_active)
        self.assertFalse(AuditEntry.objects.filter(action__startswith="account_").exists())

    def test_accounts_are_deactivated_not_deleted(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("admin:auth_user_delete", args=[self.gp.pk]), {"post": "yes"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertTrue(User.objects.filter(pk=self.gp.pk).exists())


class AccountChangeAuditTests(AccountTestCase):
    def create(self, **fields):
        data = {
            "username": "new_gp",
            "first_name": "Nora",
            "last_name": "Lee",
            "email": "nora@example.org",
            "role": roles.GP,
            "_save": "Save",
        }
        data.update(fields)
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("admin:auth_user_add"), data)

    def test_creating_an_account_sends_a_set_password_link_and_audits_both(self):
        response = self.create()
        self.assertEqual(response.status_code, 302)
        user = User.objects.get(username="new_gp")
        self.assertFalse(user.has_usable_password())
        self.assertEqual(roles.role_of(user), roles.GP)
        self.assertFalse(user.is_staff or user.is_superuser)

        [message] = self.sent()
        self.assertEqual(message.to, ["nora@example.org"])
        self.assertIn("new_gp", message.body)
        self.assertIn("24 hours", message.body)

        [created] = self.entries("account_created")
        self.assertEqual(created.actor, self.admin)
        self.assertEqual(
            created.detail, {"account": user.pk, "account_username": "new_gp", "role": "gp"}
        )
        [sent] = self.entries("account_link_sent")
        self.assertEqual(sent.detail, {"account": user.pk, "account_username": "new_gp"})

        # the link sets a password once, then fails
        response = self.set_password(self.link_in(message))
        self.assertRedirects(response, reverse("set_password_done"))
        user.refresh_from_db()
        self.assertTrue(user.check_password(NEW_PASSWORD))
        again = self.set_password(self.link_in(message), "another-passphrase-77")
        self.assertContains(again, "This link no longer works")
        user.refresh_from_db()
        self.assertTrue(user.check_password(NEW_PASSWORD))
        self.assertEqual(self.entries("password_set")[0].actor, user)
        self.client.logout()
        response = self.client.post(
            reverse("login"), {"username": "new_gp", "password": NEW_PASSWORD}
        )
        self.assertRedirects(response, reverse("home"))

    def test_an_account_needs_an_email_address_for_its_link(self):
        response = self.create(email="")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(username="new_gp").exists())
        self.assertEqual(self.sent(), [])

    def test_an_admin_account_is_staff_without_superuser_rights(self):
        self.create(username="new_admin", role=roles.ADMIN)
        user = User.objects.get(username="new_admin")
        self.assertTrue(user.is_staff)
        self.assertFalse(user.is_superuser)
        self.assertEqual(roles.role_of(user), roles.ADMIN)

    def test_a_reset_sends_a_link_that_works_once_and_is_audited(self):
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:auth_user_changelist"),
                {"action": "send_set_password_links", "_selected_action": [self.gp.pk]},
            )
        self.assertEqual(response.status_code, 302)
        [message] = self.sent()
        self.assertEqual(message.to, [self.gp.email])
        [sent] = self.entries("account_link_sent")
        self.assertEqual(sent.actor, self.admin)
        self.assertEqual(sent.detail, {"account": self.gp.pk, "account_username": "addressed_gp"})

        link = self.link_in(message)
        self.assertRedirects(self.set_password(link), reverse("set_password_done"))
        self.gp.refresh_from_db()
        self.assertTrue(self.gp.check_password(NEW_PASSWORD))
        self.assertContains(self.set_password(link), "This link no longer works")

    def test_a_deactivated_account_gets_no_link(self):
        self.change(self.gp, is_active="")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:auth_user_changelist"),
                {"action": "send_set_password_links", "_selected_action": [self.gp.pk]},
                follow=True,
            )
        self.assertContains(response, "Deactivated accounts")
        self.assertEqual(self.sent(), [])
        self.assertEqual(self.entries("account_link_sent"), [])

    def test_a_link_is_valid_for_a_day(self):
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("admin:auth_user_changelist"),
                {"action": "send_set_password_links", "_selected_action": [self.gp.pk]},
            )
        link = self.link_in(self.sent()[0])
        sent_at = PasswordResetTokenGenerator()._now()
        later = mock.patch.object(PasswordResetTokenGenerator, "_now")
        with later as clock:
            clock.return_value = sent_at + timedelta(days=1, seconds=1)
            self.assertContains(self.set_password(link), "This link no longer works")
            clock.return_value = sent_at + timedelta(hours=23)
            self.assertRedirects(self.set_password(link), reverse("set_password_done"))

    def test_deactivating_an_account_is_audited_and_ends_its_logins(self):
        gp_browser = Client()
        gp_browser.force_login(self.gp)
        self.assertEqual(gp_browser.get(reverse("home")).status_code, 200)
        self.assertEqual(self.change(self.gp, is_active="").status_code, 302)
        self.assertRedirects(
            gp_browser.get(reverse("home")), "/accounts/login/?next=/", target_status_code=200
        )
        self.gp.refresh_from_db()
        self.assertFalse(self.gp.is_active)
        [entry] = self.entries("account_deactivated")
        self.assertEqual(entry.actor, self.admin)
        self.assertEqual(entry.detail, {"account": self.gp.pk, "account_username": "addressed_gp"})
        self.client.logout()
        response = self.client.post(
            reverse("login"), {"username": "addressed_gp", "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 200)
        self.change(self.gp, is_active="on")
        self.assertEqual(len(self.entries("account_reactivated")), 1)

    def test_changing_a_role_is_audited(self):
        self.assertEqual(self.change(self.gp, role=roles.RADIOLOGIST).status_code, 302)
        self.gp = User.objects.get(pk=self.gp.pk)
        self.assertEqual(roles.role_of(self.gp), roles.RADIOLOGIST)
        [entry] = self.entries("account_role_changed")
        self.assertEqual(
            entry.detail,
            {
                "account": self.gp.pk,
                "account_username": "addressed_gp",
                "before": "gp",
                "after": "radiologist",
            },
        )
        self.assertEqual(self.entries("account_deactivated"), [])
        self.assertEqual(self.entries("account_changed"), [])

    def test_other_changes_name_the_fields_not_their_values(self):
        self.change(self.gp, first_name="Someone", last_name="Changed")
        [entry] = self.entries("account_changed")
        self.assertEqual(entry.detail["fields"], ["first_name", "last_name"])
        self.assertNotIn("Someone", str(entry.detail))
        self.assertNotIn("Changed", str(entry.detail))

    def test_the_email_of_a_new_account_can_be_corrected_and_the_old_address_is_told(self):
        self.create(email="nora.typo@example.org")
        new = User.objects.get(username="new_gp")
        [first_link] = self.sent()
        mail.outbox.clear()
        self.assertEqual(self.change(new, email="nora@example.org").status_code, 302)
        new.refresh_from_db()
        self.assertEqual(new.email, "nora@example.org")
        [entry] = self.entries("account_changed")
        self.assertEqual(entry.detail["fields"], ["email"])
        self.assertNotIn("nora", str(entry.detail["fields"]))
        [notice] = self.sent()
        self.assertEqual(notice.to, ["nora.typo@example.org"])
        self.assertIn("email address of your lbpreports account", notice.body)
        # the link that went to the wrong address no longer works (the token covers the email)
        self.assertContains(self.set_password(self.link_in(first_link)), "no longer works")


class OwnPasswordTests(AccountTestCase):
    def test_a_user_changes_their_own_password(self):
        self.login(self.gp)
        self.assertContains(self.client.get(reverse("home")), reverse("password_change"))
        url = reverse("password_change")
        response = self.client.post(
            url,
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
        self.assertRedirects(response, reverse("password_change_done"))
        self.gp.refresh_from_db()
        self.assertTrue(self.gp.check_password(NEW_PASSWORD))
        self.assertEqual(self.entries("password_changed")[0].actor, self.gp)
        # still logged in, on the new password's session hash
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)

    def test_the_validators_and_the_old_password_are_checked(self):
        self.login(self.gp)
        url = reverse("password_change")
        for old, new, error in [
            (PASSWORD, "short-1", "too short"),
            (PASSWORD, "password1234", "too common"),
            (PASSWORD, "736492815530", "entirely numeric"),
            ("not-the-password", NEW_PASSWORD, "old password was entered incorrectly"),
        ]:
            with self.subTest(new=new):
                response = self.client.post(
                    url, {"old_password": old, "new_password1": new, "new_password2": new}
                )
                self.assertContains(response, error)
        self.gp.refresh_from_db()
        self.assertTrue(self.gp.check_password(PASSWORD))
        self.assertEqual(self.entries("password_changed"), [])

    def test_guessing_the_old_password_is_throttled_like_a_login(self):
        self.login(self.gp)
        url = reverse("password_change")
        data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        for _ in range(5):
            response = self.client.post(url, {"old_password": "a-wrong-guess", **data})
            self.assertContains(response, "old password was entered incorrectly")
        response = self.client.post(url, {"old_password": PASSWORD, **data})
        self.assertContains(response, "Too many wrong passwords")
        self.gp.refresh_from_db()
        self.assertTrue(self.gp.check_password(PASSWORD))

    def test_the_admin_sites_password_page_is_the_users_own(self):
        self.login(self.admin)
        response = self.client.get("/admin/password_change/")
        self.assertRedirects(response, reverse("password_change"))
