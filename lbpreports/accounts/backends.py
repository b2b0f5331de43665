"""The client's address behind the configured proxies, and the login backend that throttles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
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
        address = client_address(request)
        refused = throttle.refusal(username, address)
        if refused is not None:
            request.login_refusal = refused
            raise PermissionDenied
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            throttle.record_failure(username, address)
        else:
            throttle.record_success(username, address)
        return user
