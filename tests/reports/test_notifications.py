"""Emails about reports go through the task queue: the request never talks to the mail server,
the send is enqueued on commit, a failed send is retried with backoff (a fake clock), and after
the last try the failure is shown to the radiologist and the admins."""

import datetime
import socket
import socketserver
import threading
from unittest import mock

from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Notification, Report, ReportVersion
from lbpreports.reports.tasks import notify
from tests.personas import PersonaTestCase

URGENT = "Findings: Acute L1 compression fracture."
CALM = "Findings: L4-5 disc bulge."
SMTP = "django.core.mail.backends.smtp.EmailBackend"
START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


class MailServer(socketserver.ThreadingTCPServer):
    """A real local socket server that counts connections: `refuse` answers every client with
    SMTP's 554 and hangs up; otherwise it accepts and never says a word."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, refuse: bool):
        self.refuse = refuse
        self.connections = 0
        self.closing = threading.Event()
        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def stop(self):
        self.closing.set()
        self.shutdown()
        self.server_close()


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        self.server.connections += 1
        if self.server.refuse:
            self.request.sendall(b"554 No SMTP service here\r\n")
            return
        self.server.closing.wait(30)  # hang: accept and never answer


def due(at: datetime.datetime):
    return DBTaskResult.objects.ready().filter(Q(run_after=get_date_max()) | Q(run_after__lte=at))


def run_due(at: datetime.datetime) -> int:
    """Run the queued tasks that are due at `at`, with the task code's clock set to `at`, the
    way `manage.py db_worker` runs them (claim, then the worker's run_task)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    with mock.patch("lbpreports.reports.tasks.now", return_value=at):
        for result in list(due(at).order_by("enqueued_at")):
            result.claim(worker.worker_id)
            worker.run_task(result)
            ran += 1
    return ran


class NotificationTests(PersonaTestCase):
    def submit(self, report) -> object:
        self.login(self.owner)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(reverse("reports:submit", args=[report.pk]))
        self.callbacks = callbacks
        return response

    def mail_server(self, refuse: bool) -> MailServer:
        server = MailServer(refuse)
        self.addCleanup(server.stop)
        settings = override_settings(
            EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=server.port, EMAIL_TIMEOUT=1
        )
        settings.enable()
        self.addCleanup(settings.disable)
        return server

    def assert_submitted_without_mail_server(self, server: MailServer):
        report = self.make_report(original_text=URGENT, patient_name="Syn Patient")
        response = self.submit(report)
        self.assertEqual(response.status_code, 302)
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.AWAITING_REVIEW)
        self.assertTrue(ReportVersion.objects.filter(report=report).exists())
        self.assertTrue(AuditEntry.objects.filter(report_id=report.pk, action="report.submitted"))
        self.assertEqual(server.connections, 0)  # the request opened no SMTP connection
        notification = Notification.objects.get(report=report)
        self.assertEqual(notification.state, Notification.State.PENDING)
        self.assertEqual(due(START).count(), 1)  # enqueued for the worker
        return report, notification

    def test_with_smtp_refusing_the_urgent_submission_succeeds_and_retries_then_fails(self):
        server = self.mail_server(refuse=True)
        report, notification = self.assert_submitted_without_mail_server(server)
        clock = START
        for delay in (30, 120, 600):  # NOTIFY_RETRY_SECONDS
            self.assertEqual(run_due(clock), 1)
            notification.refresh_from_db()
            self.assertEqual(notification.state, Notification.State.PENDING)
            self.assertEqual(notification.last_error, "SMTPConnectError")
            # the retry waits its backoff: nothing is due a second before it
            self.assertEqual(run_due(clock + datetime.timedelta(seconds=delay - 1)), 0)
            clock += datetime.timedelta(seconds=delay)
        self.assertEqual(run_due(clock), 1)
        notification.refresh_from_db()
        self.assertEqual(notification.state, Notification.State.FAILED)
        self.assertEqual(notification.attempts, 4)
        self.assertEqual(server.connections, 4)
        self.assertEqual(run_due(clock + datetime.timedelta(days=1)), 0)  # no more tries
        self.assertTrue(
            AuditEntry.objects.filter(report_id=report.pk, action="notification.failed")
        )
        self.assert_failure_shown(report)

    def assert_failure_shown(self, report):
        # the radiologist: on the report, with the GP's contact and link, and on the dashboard
        self.login(self.owner)
        page = self.client.get(reverse("reports:detail", args=[report.pk]))
        self.assertContains(page, "The email to the GP could not be sent")
        self.assertContains(page, self.gp.email)
        self.assertContains(page, self.gp.get_full_name())
        self.assertContains(page, f"/review/{report.pk}/")
        home = self.client.get(reverse("home"))
        self.assertContains(home, "Emails to the GP could not be sent")
        # another radiologist sees nothing of it
        self.login(self.other_radiologist)
        self.assertNotContains(self.client.get(reverse("home")), "could not be sent")
        # the admin: report number and state, no patient details
        self.login(self.admin)
        body = self.client.get(reverse("home")).content.decode()
        self.assertIn("Emails that could not be sent", body)
        self.assertIn(f"<td>{report.pk}</td><td>Awaiting GP review</td>", body)
        for private in ("Syn Patient", "SYN-", "fracture", self.gp.email):
            self.assertNotIn(private, body)

    def test_with_smtp_hanging_the_request_succeeds_and_the_worker_gives_up_in_time(self):
        server = self.mail_server(refuse=False)
        _, notification = self.assert_submitted_without_mail_server(server)
        started = timezone.now()
        self.assertEqual(run_due(START), 1)
        self.assertLess((timezone.now() - started).total_seconds(), 10)  # EMAIL_TIMEOUT=1
        notification.refresh_from_db()
        self.assertEqual(notification.attempts, 1)
        self.assertEqual(notification.state, Notification.State.PENDING)
        # smtplib reports a greeting that never came as a disconnection ("timed out")
        self.assertIn(notification.last_error, ("SMTPServerDisconnected", "TimeoutError"))
        self.assertEqual(server.connections, 1)

    def test_a_send_that_works_is_sent_once_with_no_patient_details(self):
        report = self.make_report(original_text=URGENT, patient_name="Syn Patient")
        self.submit(report)
        self.assertEqual(mail.outbox, [])  # not in the request
        run_due(START)
        run_due(START + datetime.timedelta(days=1))
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.gp.email])
        self.assertIn(f"/review/{report.pk}/", message.body)
        self.assertNotIn("Syn Patient", message.body + message.subject)
        self.assertNotIn("fracture", message.body.lower())
        notification = Notification.objects.get(report=report)
        self.assertEqual(notification.state, Notification.State.SENT)
        self.assertTrue(AuditEntry.objects.filter(report_id=report.pk, action="notification.sent"))

    def test_the_send_is_enqueued_on_commit_and_not_when_the_transaction_rolls_back(self):
        report = self.make_report(original_text=URGENT)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            try:
                with transaction.atomic():
                    notify(report, Notification.Kind.URGENT)
                    self.assertEqual(due(START).count(), 0)  # not before commit
                    raise RuntimeError("the request failed")
            except RuntimeError:
                pass
        self.assertEqual(callbacks, [])
        self.assertFalse(Notification.objects.filter(report=report).exists())
        with self.captureOnCommitCallbacks(execute=True) as callbacks, transaction.atomic():
            notify(report, Notification.Kind.URGENT)
            self.assertEqual(due(START).count(), 0)
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(due(START).count(), 1)

    def test_a_calm_first_submission_sends_nothing(self):
        report = self.make_report(original_text=CALM)
        self.submit(report)
        self.assertFalse(Notification.objects.exists())
        self.assertEqual(due(START).count(), 0)

    def test_returning_a_report_emails_the_radiologist(self):
        report = self.make_report(original_text=CALM)
        self.submit(report)
        self.login(self.gp)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("review:review", args=[report.pk]),
                {"action": "return", "comment": "Please add the exam date."},
            )
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.RETURNED)
        run_due(START)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.owner.email])
        self.assertIn("returned", message.subject)
        self.assertIn(f"/reports/{report.pk}/", message.body)
        self.assertNotIn("exam date", message.body)  # the comment stays in the app

    def test_resubmitting_a_returned_report_emails_the_gp(self):
        report = self.make_report(original_text=CALM)
        self.submit(report)
        Report.objects.filter(pk=report.pk).update(status=Report.Status.RETURNED)
        self.submit(report)
        run_due(START)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.gp.email])
        self.assertIn("sent back for your review", message.subject)
        self.assertIn(f"/review/{report.pk}/", message.body)
        self.assertEqual(Notification.objects.get().kind, Notification.Kind.RESUBMITTED)

    def test_a_notification_already_sent_is_never_sent_again(self):
        from lbpreports.reports.tasks import send_notification

        report = self.make_report(original_text=URGENT)
        with self.captureOnCommitCallbacks(execute=True):
            notification = notify(report, Notification.Kind.URGENT)
        run_due(START)
        self.assertEqual(send_notification.call(notification.pk), Notification.State.SENT)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_notification_whose_report_was_purged_is_dropped_quietly(self):
        from lbpreports.reports.tasks import send_notification

        report = self.make_report(original_text=URGENT)
        with self.captureOnCommitCallbacks(execute=True):
            notification = notify(report, Notification.Kind.URGENT)
        report.delete()
        self.assertEqual(send_notification.call(notification.pk), "gone")
        self.assertEqual(mail.outbox, [])


class TimeoutSettingTests(PersonaTestCase):
    def test_email_timeout_is_set_and_reaches_the_smtp_backend(self):
        from django.conf import settings
        from django.core.mail import get_connection

        self.assertGreater(settings.EMAIL_TIMEOUT, 0)
        self.assertEqual(get_connection(SMTP).timeout, settings.EMAIL_TIMEOUT)

    def test_the_hanging_server_really_hangs(self):
        server = MailServer(refuse=False)
        self.addCleanup(server.stop)
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=0.5)
        self.addCleanup(sock.close)
        with self.assertRaises(TimeoutError):
            sock.recv(1)
