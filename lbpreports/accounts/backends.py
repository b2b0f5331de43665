"""The client's address behind the configured proxies, and the login backend that throttles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core import signing
from django.core.exceptions import PermissionDenied
from ipware import get_client_ip

from . import models as throttle


def client_address(request) -> str:
    """The address the request came from.

    With `TRUSTED_PROXY_COUNT` 0 (the default) it is the socket's address and `X-Forwarded-For`
    is never read, so a client cannot choose its own address. Behind N trusted proxies each one
    appends the address it was reached from, so the client is the N-th entry from the right;
    whatever a client wrote to the left of that is ignored. With `TRUSTED_PROXIES` set, the
    header is read only from a connection that comes from one of those addresses.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies < 1 or (settings.TRUSTED_PROXIES and remote not in settings.TRUSTED_PROXIES):
        return remote
    # python-ipware counts the proxies listed in the header, which leaves out the nearest one
    # (its address is REMOTE_ADDR); too short a chain falls back to the socket's address.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote


# A browser that logged in as a user carries this signed cookie for KNOWN_DEVICE_DAYS, and is then
# exempt from that username's slowdown (OWASP's "device cookies").
KNOWN_DEVICE_COOKIE = "lbp_known_device"
KNOWN_DEVICE_SALT = "lbpreports.accounts.known-device"
KNOWN_DEVICE_DAYS = 90


def known_device_cookie(user) -> str:
    return signing.dumps(throttle.username_key(user.get_username()), salt=KNOWN_DEVICE_SALT)


def is_known_device(request, username: str | None) -> bool:
    value = request.COOKIES.get(KNOWN_DEVICE_COOKIE)
    if not value:
        return False
    try:
        key = signing.loads(value, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_DAYS * 86400)
    except signing.BadSignature:
        return False
    return key == throttle.username_key(username)


class ThrottledModelBackend(ModelBackend):
    """Django's backend, behind the login throttle of `lbpreports.accounts.models`.

    Every login form (ours and the admin's) goes through `authenticate()`, so every one is
    throttled. A refused attempt raises PermissionDenied, which ends authentication without
    checking the password; the login view reads `request.login_refusal` to say why.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:  # not a web login (e.g. a test client's login()): nothing to count
            return super().authenticate(request, username, password, **kwargs)
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        address = client_address(request)[:45]  # an IPv6 address is at most 45 characters
        refused = throttle.refusal(username, address, known=is_known_device(request, username))
        if refused is not None:
            request.login_refusal = refused
            raise PermissionDenied
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            throttle.record_failure(username, address)
        else:
            throttle.record_success(username, address)
        return user
