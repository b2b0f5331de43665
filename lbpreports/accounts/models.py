"""Login throttling that keeps real users in.

Failed logins are counted per (client address, username): the fifth within `LOGIN_LOCK_MINUTES`
locks that pair for `LOGIN_LOCK_MINUTES` from that failure, and attempts made while it is locked
are refused unchecked, so they neither count nor extend the lock. Per username alone, failures
from any address only slow logins down: past `LOGIN_SLOWDOWN_AFTER` failures within the same
window, each attempt must wait a delay after the latest failure (1 second, doubling, at most
`LOGIN_SLOWDOWN_MAX_SECONDS`). That is never a lockout: the wait is short and bounded, a right
password after it always logs in, and a browser that has logged in as that user before (a signed
cookie) does not wait at all. The client address comes from
`lbpreports.accounts.backends.client_address` (the trusted-proxy settings).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils import timezone

from lbpreports.reports.models import Delivery


def now() -> datetime:
    """The throttle's clock (tests replace it with a fake one)."""
    return timezone.now()


def username_key(username: str | None) -> str:
    """One key for the spellings of a username, so that case games do not dodge the count."""
    return (username or "").strip().casefold()[:150]


class LoginFailure(models.Model):
    """One checked login attempt that failed. Refused attempts are not recorded."""

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "address", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} from {self.address}"


class LoginLock(models.Model):
    """An (address, username) pair that may not log in until `until`."""

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=45, blank=True)
    until = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "address", "until"])]

    def __str__(self) -> str:
        return f"{self.username} from {self.address} until {self.until:%Y-%m-%d %H:%M:%S}"


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused unchecked: its pair is locked, or its username slowed down."""

    locked: bool
    until: datetime

    @property
    def seconds(self) -> int:
        return max(1, math.ceil((self.until - now()).total_seconds()))

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCK_MINUTES)


def slowdown_delay(failures: int) -> timedelta:
    """The wait after the latest failure, given the username's failures in the window."""
    over = failures - settings.LOGIN_SLOWDOWN_AFTER
    if over < 0:
        return timedelta(0)
    return timedelta(seconds=min(2**over, settings.LOGIN_SLOWDOWN_MAX_SECONDS))


def refusal(username: str | None, address: str, *, known: bool = False) -> Refusal | None:
    """Refuse the attempt unchecked, or None to check the password.

    A browser `known` to have logged in as this username before is never slowed down: a
    stranger's failures then cannot keep the user's own browser waiting.
    """
    at, key = now(), username_key(username)
    lock = (
        LoginLock.objects.filter(username=key, address=address, until__gt=at)
        .order_by("-until")
        .first()
    )
    if lock is not None:
        return Refusal(locked=True, until=lock.until)
    if known:
        return None
    recent = LoginFailure.objects.filter(username=key, at__gt=at - window())
    delay = slowdown_delay(recent.count())
    if delay:
        latest = recent.aggregate(latest=Max("at"))["latest"]
        if at < latest + delay:
            return Refusal(locked=False, until=latest + delay)
    return None


def record_failure(username: str | None, address: str) -> None:
    """Count a failed check; the pair's fifth failure in the window locks it."""
    at, key = now(), username_key(username)
    LoginFailure.objects.filter(at__lt=at - window()).delete()
    LoginLock.objects.filter(until__lt=at - window()).delete()
    LoginFailure.objects.create(username=key, address=address, at=at)
    pair = {"username": key, "address": address}
    last_lock = LoginLock.objects.filter(**pair).aggregate(end=Max("until"))["end"]
    since = max(at - window(), last_lock) if last_lock else at - window()
    if LoginFailure.objects.filter(**pair, at__gt=since).count() >= settings.LOGIN_FAILURE_LIMIT:
        LoginLock.objects.create(**pair, until=at + window())


def record_success(username: str | None, address: str) -> None:
    """A right password clears its pair's count (the username's slowdown still sees others)."""
    LoginFailure.objects.filter(username=username_key(username), address=address).delete()


class AccountEmail(Delivery):
    """An email about an account, sent by the task queue after the change that caused it commits
    (`accounts/tasks.py`), retried with backoff and marked failed after the last try, when the
    admins see it on their dashboard. It never holds a link: a set-password link is made when
    the email is sent, to the account's address at that moment."""

    class Kind(models.TextChoices):
        NEW = "new", "Set-password link for a new account"
        RESET = "reset", "Set-password link"
        CONFIRM = "confirm", "Link to confirm a new email address"
        CHANGED = "changed", "Notice that the email address changed"

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The address of a confirmation (the new one) or of a notice (the old one); a set-password
    # link always goes to the account's own address when it is sent.
    to = models.EmailField(blank=True)

    def __str__(self) -> str:
        return f"Account email {self.pk} ({self.kind}) for account {self.account_id}"
