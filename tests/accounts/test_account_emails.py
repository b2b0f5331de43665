"""Emails about accounts go through the task queue: with the mail server refusing, the admin's
change succeeds and is audited, the email is retried, sent when the server is back, or after the
last try shown to the admins. No link is stored: the task makes it when it runs."""

import datetime

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from lbpreports import roles
from lbpreports.accounts.models import AccountEmail
from lbpreports.audit.models import AuditEntry
from tests.accounts.test_accounts import LINK, NEW_PASSWORD, AccountTestCase
from tests.reports.test_notifications import SMTP, START, MailServer, due, run_due

User = get_user_model()
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class AccountEmailQueueTests(AccountTestCase):
    def setUp(self):
        super().setUp()
        self.server = MailServer(refuse=True)
        self.addCleanup(self.server.stop)
        smtp = override_settings(
            EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=self.server.port, EMAIL_TIMEOUT=1
        )
        smtp.enable()
        self.addCleanup(smtp.disable)

    def create_while_smtp_refuses(self):
        self.login(self.admin)
        data = {"username": "new_gp", "email": "nora@example.org", "role": roles.GP}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("admin:auth_user_add"), {**data, "_save": "Save"})
        self.assertEqual(response.status_code, 302)  # no error page
        user = User.objects.get(username="new_gp")
        self.assertEqual(roles.role_of(user), roles.GP)
        self.assertTrue(AuditEntry.objects.filter(action="account_created"))
        self.assertTrue(AuditEntry.objects.filter(action="account_link_sent"))
        self.assertEqual(self.server.connections, 0)  # the request opened no SMTP connection
        [email] = AccountEmail.objects.all()
        self.assertEqual((email.account, email.kind, email.to), (user, "new", ""))
        # the queued task holds the email's id, nothing that opens the account
        [result] = due(START)
        self.assertEqual(result.args_kwargs["args"], [email.pk])
        return user, email

    def test_with_smtp_refusing_the_link_is_sent_when_the_server_returns(self):
        user, email = self.create_while_smtp_refuses()
        self.assertEqual(run_due(START), 1)
        email.refresh_from_db()
        self.assertEqual((email.state, email.attempts), (AccountEmail.State.PENDING, 1))
        self.assertEqual(email.last_error, "SMTPConnectError")
        self.assertEqual(self.server.connections, 1)
        self.assertEqual(run_due(START + datetime.timedelta(seconds=29)), 0)  # its backoff
        with override_settings(EMAIL_BACKEND=LOCMEM):  # the mail server is back
            self.assertEqual(run_due(START + datetime.timedelta(seconds=30)), 1)
        email.refresh_from_db()
        self.assertEqual((email.state, email.attempts), (AccountEmail.State.SENT, 2))
        [message] = mail.outbox
        self.assertEqual(message.to, ["nora@example.org"])
        link = LINK.search(message.body).group(1)
        # the token was made when the email was sent, and stored nowhere
        token = link.rstrip("/").rsplit("/", 1)[1]
        for result in DBTaskResult.objects.all():
            self.assertNotIn(token, str(result.args_kwargs) + str(result.return_value))
        self.assertNotIn(token, str(list(AccountEmail.objects.values())))
        self.assertRedirects(self.set_password(link), reverse("set_password_done"))
        user.refresh_from_db()
        self.assertTrue(user.check_password(NEW_PASSWORD))
        entry = AuditEntry.objects.get(action="account_email.sent")
        self.assertEqual(entry.detail, {"attempts": 2, "kind": "new", "account": user.pk})

    def test_after_the_last_try_the_admins_see_it(self):
        user, email = self.create_while_smtp_refuses()
        clock = START
        for delay in (30, 120, 600):  # NOTIFY_RETRY_SECONDS
            self.assertEqual(run_due(clock), 1)
            clock += datetime.timedelta(seconds=delay)
        self.assertEqual(run_due(clock), 1)
        email.refresh_from_db()
        self.assertEqual((email.state, email.attempts), (AccountEmail.State.FAILED, 4))
        self.assertEqual(self.server.connections, 4)
        self.assertEqual(run_due(clock + datetime.timedelta(days=1)), 0)  # no more tries
        self.assertTrue(AuditEntry.objects.filter(action="account_email.failed"))
        self.login(self.admin)
        body = self.client.get(reverse("home")).content.decode()
        self.assertIn("Emails about accounts that could not be sent", body)
        self.assertIn("<td>new_gp</td><td>Set-password link for a new account</td><td>4</td>", body)
        self.assertNotIn("nora@example.org", body)
        # the admin sends a new link once the server works: it goes through the queue again
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("admin:auth_user_changelist"),
                {"action": "send_set_password_links", "_selected_action": [user.pk]},
            )
        with override_settings(EMAIL_BACKEND=LOCMEM):
            self.assertEqual(run_due(clock), 1)
        [message] = mail.outbox
        self.assertEqual(message.to, ["nora@example.org"])

    def test_a_queued_link_goes_to_the_address_the_account_has_when_it_is_sent(self):
        user, email = self.create_while_smtp_refuses()
        self.assertEqual(run_due(START), 1)  # refused: waits for its retry
        self.change(user, email="nora.lee@example.org")  # a typo corrected meanwhile
        with override_settings(EMAIL_BACKEND=LOCMEM):
            run_due(START + datetime.timedelta(seconds=30))
        to = sorted(address for message in mail.outbox for address in message.to)
        self.assertEqual(to, ["nora.lee@example.org", "nora@example.org"])
        [link_mail] = [m for m in mail.outbox if LINK.search(m.body)]
        self.assertEqual(link_mail.to, ["nora.lee@example.org"])  # the notice went to the old
