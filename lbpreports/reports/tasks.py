"""Emails about reports, sent in the background so that a mail server that refuses or hangs
never holds up care (docs/development.md section 3: side effects run after commit).

`notify` files a `Notification` inside the caller's transaction and enqueues its task only when
that transaction commits (none when it rolls back). The task tries once; Django's tasks API has
no retries, so a failed try enqueues the next one itself, `NOTIFY_RETRY_SECONDS` later, and after
the last it marks the notification failed: the radiologist then sees it on the report with the
GP's contact and link, and admins see the report number and state.
"""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from lbpreports.audit.models import AuditEntry

from .models import Notification, Report

try:  # Django 6 has the tasks API built in; Django 5.2 takes it from the django-tasks backport
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

log = logging.getLogger(__name__)

LINKS = {
    Notification.Kind.URGENT: "/review/{pk}/",
    Notification.Kind.RESUBMITTED: "/review/{pk}/",
    Notification.Kind.RETURNED: "/reports/{pk}/",
}


def now() -> datetime.datetime:
    """The clock the retries are scheduled by (tests replace it)."""
    return timezone.now()


def notify(report: Report, kind: str) -> Notification:
    """File an email about `report` and send it after the current transaction commits."""
    recipient = report.radiologist if kind == Notification.Kind.RETURNED else report.gp
    notification = Notification.objects.create(
        report=report,
        kind=kind,
        recipient=recipient,
        link=settings.SITE_URL.rstrip("/") + LINKS[kind].format(pk=report.pk),
    )
    transaction.on_commit(partial(send_notification.enqueue, notification.pk))
    return notification


def message(notification: Notification) -> EmailMessage:
    """The email: a link and the report number, no report text and no patient name."""
    pk, link = notification.report_id, notification.link
    practice = settings.PRACTICE_NAME
    subject, body = {
        Notification.Kind.URGENT: (
            f"Urgent imaging finding awaiting your review (report {pk})",
            f"A report from {practice} with an urgent finding is waiting for your review.",
        ),
        Notification.Kind.RESUBMITTED: (
            f"Report {pk} was corrected and sent back for your review",
            f"The radiologist at {practice} has answered your comments on report {pk}.",
        ),
        Notification.Kind.RETURNED: (
            f"Report {pk} was returned to you",
            f"The GP returned report {pk} with a comment for you.",
        ),
    }[notification.kind]
    return EmailMessage(
        subject=subject,
        body=f"{body}\n\nOpen it here after logging in: {link}\n",
        to=[notification.recipient.email],
    )


@task()
def send_notification(notification_id: int) -> str:
    """One try at sending; on failure the next try is enqueued, or after the last the
    notification is marked failed. Returns the notification's state."""
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.state != Notification.State.PENDING:
        return notification.state  # already sent or given up: never send twice
    notification.attempts += 1
    try:
        message(notification).send(fail_silently=False)  # EMAIL_TIMEOUT bounds a hung server
    except Exception as error:  # any failure of the mail server is retried, then shown
        notification.last_error = type(error).__name__[:100]
        log.warning(
            "notification %s try %s failed: %s",
            notification.pk,
            notification.attempts,
            notification.last_error,
        )
        delays = settings.NOTIFY_RETRY_SECONDS
        if notification.attempts <= len(delays):
            notification.save(update_fields=["attempts", "last_error"])
            at = now() + datetime.timedelta(seconds=delays[notification.attempts - 1])
            send_notification.using(run_after=at).enqueue(notification.pk)
            return notification.state
        notification.state = Notification.State.FAILED
    else:
        notification.state = Notification.State.SENT
    notification.finished_at = now()
    notification.save(update_fields=["attempts", "last_error", "state", "finished_at"])
    AuditEntry.record(
        None,
        f"notification.{notification.state}",
        notification.report_id,
        kind=notification.kind,
        attempts=notification.attempts,
    )
    return notification.state
