"""An admin cannot borrow an account through its email address: the admin may set the address
only of an account that has never had a password; its owner changes it, confirming from the new
address, and the old address is told."""

import re
import time
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from lbpreports.accounts import workflow
from lbpreports.audit.models import AuditEntry
from tests.accounts.test_accounts import NEW_PASSWORD, AccountTestCase
from tests.personas import PASSWORD

User = get_user_model()
ADMINS_OWN = "admins.own@example.org"
ANY_LINK = re.compile(r"https?://[^/\s]+(/accounts/[^\s]+/)")
SET_PASSWORD = re.compile(r"/accounts/set-password/([^/]+)/[^/]+/")


class AdminCannotBorrowTests(AccountTestCase):
    def reset(self, *users):
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                reverse("admin:auth_user_changelist"),
                {"action": "send_set_password_links", "_selected_action": [u.pk for u in users]},
            )

    def create(self, **fields):
        data = {"username": "twin", "email": ADMINS_OWN, "role": "gp", "_save": "Save"}
        data.update(fields)
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("admin:auth_user_add"), data)

    def test_the_email_of_an_account_with_a_password_is_not_the_admins_to_change(self):
        self.login(self.admin)
        page = self.client.get(reverse("admin:auth_user_change", args=[self.gp.pk]))
        self.assertContains(page, "only its owner can change its email address")
        self.assertRegex(page.content.decode(), r'name="email"[^>]* disabled')
        self.assertEqual(self.change(self.gp, email=ADMINS_OWN).status_code, 302)
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "addressed_gp@example.org")
        self.assertEqual(AuditEntry.objects.filter(action="account_changed").count(), 0)
        # the model's rule, whatever form calls it
        self.gp.email = ADMINS_OWN
        with self.assertRaises(PermissionDenied):
            workflow.change_account(
                mock.Mock(user=self.admin), self.gp, "gp", {"email": "addressed_gp@example.org"}
            )
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "addressed_gp@example.org")

    def test_no_sequence_of_admin_actions_mails_the_admin_a_link_to_an_existing_account(self):
        gp_address = self.gp.email
        # 1. change the GP's email to the admin's own, then send a reset
        self.change(self.gp, email=ADMINS_OWN)
        self.reset(self.gp)
        # 2. a second account with the GP's address (refused) and one with the admin's own
        self.assertContains(self.create(username="gp_twin", email=gp_address), "Another account")
        self.assertEqual(self.create().status_code, 302)
        twin = User.objects.get(username="twin")
        # 3. deactivate, change the email, reactivate, reset
        self.change(self.gp, is_active="")
        self.gp.refresh_from_db()
        self.change(self.gp, email=ADMINS_OWN)
        self.gp.refresh_from_db()
        self.change(self.gp, is_active="on")
        self.reset(self.gp, twin)
        # 4. rename the GP and give the twin the GP's username, then reset both
        self.gp.refresh_from_db()
        self.change(self.gp, username="addressed_gp_old")
        self.gp.refresh_from_db()
        twin.refresh_from_db()
        self.change(twin, username="addressed_gp")
        self.reset(self.gp, twin)

        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, gp_address)
        sent = self.sent()
        to_admin = [m for m in sent if ADMINS_OWN in m.to]
        to_gp = [m for m in sent if gp_address in m.to]
        self.assertTrue(to_admin and to_gp)  # the sequences did send mail
        for message in to_admin:
            for path in ANY_LINK.findall(message.body):
                uid = SET_PASSWORD.match(path)
                self.assertIsNotNone(uid, path)  # no email-confirmation link either
                self.assertEqual(int(force_str(urlsafe_base64_decode(uid.group(1)))), twin.pk)
                # and it cannot set the GP's password
                self.set_password(path)
        self.gp.refresh_from_db()
        self.assertTrue(self.gp.check_password(PASSWORD))
        self.assertFalse(self.gp.check_password(NEW_PASSWORD))
        # the links to the GP's own address still work for the GP
        path = ANY_LINK.findall(to_gp[-1].body)[0]
        self.assertRedirects(self.set_password(path), reverse("set_password_done"))
        self.gp.refresh_from_db()
        self.assertTrue(self.gp.check_password(NEW_PASSWORD))


class OwnEmailTests(AccountTestCase):
    def ask(self, address, password=PASSWORD):
        self.login(self.gp)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                reverse("email_change"), {"email": address, "password": password}
            )

    def test_a_user_changes_their_own_email_by_a_link_sent_to_the_new_address(self):
        self.login(self.gp)
        self.assertContains(self.client.get(reverse("home")), reverse("email_change"))
        response = self.ask("gp.new@example.org")
        self.assertContains(response, "A link was sent to gp.new@example.org")
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "addressed_gp@example.org")  # not before the link
        [entry] = self.entries("email_change_requested")
        self.assertEqual((entry.actor, entry.detail), (self.gp, {}))
        [confirm] = self.sent()
        self.assertEqual(confirm.to, ["gp.new@example.org"])
        path = ANY_LINK.search(confirm.body).group(1)
        mail_count = len(self.sent())

        self.client.logout()  # the link works from any browser, and a GET changes nothing
        self.assertContains(self.client.get(path), "Use this address")
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "addressed_gp@example.org")
        with self.captureOnCommitCallbacks(execute=True):
            self.assertContains(self.client.post(path), "Your old address was told")
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "gp.new@example.org")
        [changed] = self.entries("email_changed")
        self.assertEqual(changed.actor, self.gp)
        notice = self.sent()[mail_count]
        self.assertEqual(notice.to, ["addressed_gp@example.org"])
        self.assertIn("was changed", notice.body)
        # once only
        self.assertContains(self.client.post(path), "This link no longer works")
        self.assertEqual(len(self.entries("email_changed")), 1)

    def test_the_password_is_checked_and_an_address_in_use_is_refused(self):
        self.assertContains(self.ask("gp.new@example.org", "wrong-password"), "incorrect")
        self.assertContains(self.ask(self.other_gp.email), "Another account has this email")
        self.assertContains(self.ask(self.gp.email.upper()), "already your email address")
        self.assertEqual(self.sent(), [])
        self.assertEqual(self.entries("email_change_requested"), [])

    def test_a_tampered_or_stale_link_changes_nothing(self):
        self.ask("gp.new@example.org")
        path = ANY_LINK.search(self.sent()[0].body).group(1)
        self.client.logout()
        self.assertContains(self.client.post(path[:-3] + "xx/"), "This link no longer works")
        # a second request's address replaces nothing until confirmed; the first still works,
        # and once one is confirmed the other is void
        self.ask("gp.other@example.org")
        other = ANY_LINK.search(self.sent()[1].body).group(1)
        self.client.logout()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(other)
        self.assertContains(self.client.post(path), "This link no longer works")
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "gp.other@example.org")

    def test_a_confirmation_link_works_for_a_day(self):
        self.ask("gp.new@example.org")
        path = ANY_LINK.search(self.sent()[0].body).group(1)
        self.client.logout()
        sent_at = time.time()
        with mock.patch("django.core.signing.time.time", return_value=sent_at + 86401):
            self.assertContains(self.client.post(path), "This link no longer works")
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "addressed_gp@example.org")
        with mock.patch("django.core.signing.time.time", return_value=sent_at + 23 * 3600):
            self.assertContains(self.client.post(path), "Your old address was told")
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.email, "gp.new@example.org")
