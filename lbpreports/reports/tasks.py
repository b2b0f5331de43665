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
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from lbpreports.audit.models import AuditEntry

from .models import Notification, OutboundMessage, Report

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


def one_try(record, send: Callable[[], object], again, describe, audit: str, **detail) -> str:
    """One try of a queued send (a `Notification`, an `OutboundMessage`, an account's email):
    `send()` raises on failure; the next try is then enqueued on `again` after its delay of
    NOTIFY_RETRY_SECONDS, and after the last the record is marked failed. `describe(error)` is
    what is kept of a failure (never a message's content). Returns the record's state."""
    record.attempts += 1
    try:
        send()
    except Exception as error:  # any failure of the other side is retried, then shown
        record.last_error = describe(error)[:100]
        name = type(record).__name__.lower()
        log.warning("%s %s try %s failed: %s", name, record.pk, record.attempts, record.last_error)
        delays = settings.NOTIFY_RETRY_SECONDS
        if record.attempts <= len(delays):
            record.save(update_fields=["attempts", "last_error"])
            at = now() + datetime.timedelta(seconds=delays[record.attempts - 1])
            again.using(run_after=at).enqueue(record.pk)
            return record.state
        record.state = record.State.FAILED
    else:
        record.state = record.State.SENT
    record.finished_at = now()
    record.save(update_fields=["attempts", "last_error", "state", "finished_at"])
    report_id = getattr(record, "report_id", None)  # an account's email has no report
    AuditEntry.record(
        None, f"{audit}.{record.state}", report_id, attempts=record.attempts, **detail
    )
    return record.state


def one_email_try(record, make: Callable[[], EmailMessage], again, audit: str, **detail) -> str:
    """`one_try` for an email made by `make()` (at the try: a link in it is made then), unless
    the record was already sent or given up: never send twice. EMAIL_TIMEOUT bounds a hung
    server; what is kept of a failure is its type."""
    if record.state != record.State.PENDING:
        return record.state
    return one_try(
        record,
        lambda: make().send(fail_silently=False),
        again,
        lambda error: type(error).__name__,
        audit,
        **detail,
    )


@task()
def send_notification(notification_id: int) -> str:
    """One try at sending; on failure the next try is enqueued, or after the last the
    notification is marked failed. Returns the notification's state."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id)
    notification = notification.first()
    if notification is None:  # its report was purged while the email waited
        return "gone"
    return one_email_try(
        notification,
        partial(message, notification),
        send_notification,
        "notification",
        kind=notification.kind,
    )


def send_result_later(report: Report) -> OutboundMessage:
    """Make the report's HL7 message now (its status as of this transition) and send it to the
    GP's system after the current transaction commits."""
    from lbpreports.handouts.exports import hl7_oru, result_status

    status = result_status(report)
    try:
        text = hl7_oru(report)
    except Exception as error:  # a message that cannot be made never blocks the release
        log.exception("The HL7 message of report %s could not be made", report.pk)
        return OutboundMessage.objects.create(
            report=report,
            control_id="",
            result_status=status,
            state=OutboundMessage.State.FAILED,
            last_error=f"could not be made ({type(error).__name__})",
            finished_at=now(),
        )
    outbound = OutboundMessage.objects.create(
        report=report,
        control_id=text.split("\r", 1)[0].split("|")[9][:20],
        result_status=status,
        message=text,
    )
    transaction.on_commit(partial(send_result.enqueue, outbound.pk))
    return outbound


@task()
def send_result(outbound_id: int) -> str:
    """One try at sending an HL7 message over MLLP (HL7_OUTBOUND_HOST, HL7_OUTBOUND_PORT); an
    answer other than AA, no answer within HL7_OUTBOUND_TIMEOUT_SECONDS, or no connection is
    retried after NOTIFY_RETRY_SECONDS, then marked failed. Returns the message's state."""
    from lbpreports.mllp import SendError, send

    outbound = OutboundMessage.objects.get(pk=outbound_id)
    if outbound.state != OutboundMessage.State.PENDING:
        return outbound.state  # already sent or given up: never send twice
    address = (settings.HL7_OUTBOUND_HOST, settings.HL7_OUTBOUND_PORT)
    return one_try(
        outbound,
        lambda: send(
            outbound.message.encode("utf-8"), address, settings.HL7_OUTBOUND_TIMEOUT_SECONDS
        ),
        send_result,
        lambda error: str(error) if isinstance(error, SendError) else type(error).__name__,
        "hl7",
        status=outbound.result_status,
    )
