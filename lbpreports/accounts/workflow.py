"""An admin's changes to accounts, each an audit entry; emails about them queued after commit.

An admin never sets or sees a password: a new account has none until its owner follows the
one-time link (Django's password reset token, valid for `PASSWORD_RESET_TIMEOUT`, void once the
password changes), and a reset mails a fresh link. Audit entries name the account and what
changed, never the values typed (docs/development.md section 3).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from lbpreports import roles
from lbpreports.audit.models import AuditEntry

from .models import AccountEmail
from .tasks import queue

# Fields an admin may change besides the role and whether the account is active.
DETAILS = ("username", "first_name", "last_name", "email")


def audit(actor, action: str, account, **detail) -> None:
    AuditEntry.record(
        actor, action, account=account.pk, account_username=account.get_username(), **detail
    )


def send_set_password_link(request, user, *, new: bool = False) -> None:
    """Queue a one-time link to set the user's password, and audit that it was asked for."""
    queue(user, AccountEmail.Kind.NEW if new else AccountEmail.Kind.RESET)
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
    """Save an admin's edit of an account: `old` holds the values before the form changed it.

    An admin may set the email address only of an account that has never had a password: on
    any other, a new address would let the admin send themselves a set-password link and log in
    as its owner. Its owner changes it instead (`request_email_change`)."""
    changed = [name for name in DETAILS if old.get(name) != getattr(user, name)]
    if "email" in changed and user.has_usable_password():
        raise PermissionDenied("Only its owner can change the email address of this account.")
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
    if changed:
        audit(request.user, "account_changed", user, fields=changed)
    if "email" in changed and old.get("email"):
        # the old address is told (a link sent to it before is void: the token covers the email)
        queue(user, AccountEmail.Kind.CHANGED, old["email"])


def request_email_change(user, address: str) -> None:
    """A user asks for a new address: a link to confirm it goes there; nothing changes yet."""
    queue(user, AccountEmail.Kind.CONFIRM, address)
    AuditEntry.record(user, "email_change_requested")


def confirm_email_change(user, address: str) -> None:
    """The link sent to the new address was followed: it is the account's address now, and the
    old address is told."""
    old = user.email
    user.email = address
    user.save(update_fields=["email"])
    AuditEntry.record(user, "email_changed")
    if old:
        queue(user, AccountEmail.Kind.CHANGED, old)
