"""An admin's changes to accounts, each an audit entry; set-password links mailed after commit.

An admin never sets or sees a password: a new account has none until its owner follows the
one-time link (Django's password reset token, valid for `PASSWORD_RESET_TIMEOUT`, void once the
password changes), and a reset mails a fresh link. Audit entries name the account and what
changed, never the values typed (docs/development.md section 3).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lbpreports import roles
from lbpreports.audit.models import AuditEntry

# Fields an admin may change besides the role and whether the account is active.
DETAILS = ("username", "first_name", "last_name", "email")


def audit(actor, action: str, account, **detail) -> None:
    AuditEntry.record(
        actor, action, account=account.pk, account_username=account.get_username(), **detail
    )


def mail_after_commit(subject: str, template: str, context: dict, to: str) -> None:
    body = render_to_string(template, {"practice_name": settings.PRACTICE_NAME, **context})
    transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


def send_set_password_link(request, user, *, new: bool = False) -> None:
    """Mail the user a one-time link to set their password, and audit that it was sent."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(reverse("set_password", args=[uid, token]))
    mail_after_commit(
        "Set your lbpreports password",
        "accounts/set_password_email.txt",
        {
            "user": user,
            "link": link,
            "new": new,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
        user.email,
    )
    audit(request.user, "account_link_sent", user)


def create_account(request, user, role: str | None) -> None:
    """A new account with no usable password, its role, and a set-password link."""
    user.set_unusable_password()
    user.is_superuser = False
    user.save()
    roles.set_role(user, role)
    audit(request.user, "account_created", user, role=role or "none")
    send_set_password_link(request, user, new=True)


def change_account(request, user, role: str | None, old: dict) -> None:
    """Save an admin's edit of an account: `old` holds the values before the form changed it."""
    user.is_superuser = False
    user.save()
    before = old.get("role") or None
    if role != before:
        roles.set_role(user, role)
        audit(
            request.user,
            "account_role_changed",
            user,
            before=before or "none",
            after=role or "none",
        )
    if old.get("is_active") and not user.is_active:
        audit(request.user, "account_deactivated", user)
    elif old.get("is_active") is False and user.is_active:
        audit(request.user, "account_reactivated", user)
    changed = [name for name in DETAILS if old.get(name) != getattr(user, name)]
    if changed:
        audit(request.user, "account_changed", user, fields=changed)
    if "email" in changed and old.get("email"):
        # A changed address could receive a reset link meant for the owner: tell the old one.
        mail_after_commit(
            "The email address of your lbpreports account was changed",
            "accounts/email_changed_email.txt",
            {"user": user},
            old["email"],
        )
