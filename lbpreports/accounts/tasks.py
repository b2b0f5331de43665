"""Emails about accounts, sent by the task queue like the emails about reports
(`reports/tasks.py`): a mail server that refuses or hangs never turns an admin's change into an
error page. The change and its audit entry are saved; the email is filed as an `AccountEmail`
and enqueued when the transaction commits, retried after NOTIFY_RETRY_SECONDS, and after the last
try shown to the admins as failed.

No link is stored: the task gets the account and makes the set-password token (or the signed
email confirmation) when it runs, so a queued row or a task argument is never a key to an
account, and a set-password link goes to the account's address as it is at that moment.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lbpreports.reports.tasks import one_email_try, task

from .models import AccountEmail

EMAIL_SALT = "lbpreports.accounts.confirm-email"


def queue(account, kind: str, to: str = "") -> AccountEmail:
    """File an email about `account` and send it after the current transaction commits."""
    email = AccountEmail.objects.create(account=account, kind=kind, to=to)
    transaction.on_commit(partial(send_account_email.enqueue, email.pk))
    return email


def email_token(user, new_address: str) -> str:
    """A signed confirmation of `new_address` for `user`: void once the address changes."""
    return signing.dumps({"u": user.pk, "e": new_address, "o": user.email}, salt=EMAIL_SALT)


def confirmed(token: str):
    """(account, new address) that `token` confirms, or None if it is void, stale or spent."""
    try:
        data = signing.loads(token, salt=EMAIL_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
        user = get_user_model().objects.get(pk=data["u"], is_active=True)
    except (signing.BadSignature, KeyError, TypeError, ObjectDoesNotExist):
        return None
    if data.get("o") != user.email or not data.get("e"):
        return None  # the address changed since: the link was used, or another replaced it
    return user, data["e"]


def link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def message(email: AccountEmail) -> EmailMessage:
    """The email, with its link made now (never stored)."""
    user, kind = email.account, email.kind
    context = {"practice_name": settings.PRACTICE_NAME, "user": user}
    if kind in (AccountEmail.Kind.NEW, AccountEmail.Kind.RESET):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        subject, template, to = "Set your lbpreports password", "set_password_email", user.email
        context |= {
            "link": link(reverse("set_password", args=[uid, token])),
            "new": kind == AccountEmail.Kind.NEW,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
    elif kind == AccountEmail.Kind.CONFIRM:
        subject, template, to = "Confirm your new email address", "confirm_email_email", email.to
        context |= {
            "link": link(reverse("confirm_email", args=[email_token(user, email.to)])),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
    else:
        subject = "The email address of your lbpreports account was changed"
        template, to = "email_changed_email", email.to
    if not to:
        raise ValueError("no address")
    body = render_to_string(f"accounts/{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])


@task()
def send_account_email(email_id: int) -> str:
    """One try at sending; on failure the next try is enqueued, or after the last the email is
    marked failed. Returns the email's state."""
    email = AccountEmail.objects.select_related("account").get(pk=email_id)
    return one_email_try(
        email,
        partial(message, email),
        send_account_email,
        "account_email",
        kind=email.kind,
        account=email.account_id,
    )
