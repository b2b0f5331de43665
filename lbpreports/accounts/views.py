from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from lbpreports.audit.models import AuditEntry

from . import backends, tasks, workflow
from .forms import OwnEmailForm, OwnPasswordForm


class LoginView(auth_views.LoginView):
    """Django's login, answering 429 with the wait when the throttle refused the attempt."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        response.set_cookie(
            backends.KNOWN_DEVICE_COOKIE,
            backends.known_device_cookie(form.get_user()),
            max_age=backends.KNOWN_DEVICE_DAYS * 86400,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form):
        refusal = getattr(self.request, "login_refusal", None)
        if refusal is None:
            return super().form_invalid(form)
        response = render(
            self.request, "registration/locked_out.html", {"refusal": refusal}, status=429
        )
        response["Retry-After"] = str(refusal.seconds)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """A logged-in user changes their own password (the validators of AUTH_PASSWORD_VALIDATORS)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("password_change_done")
    form_class = OwnPasswordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        AuditEntry.record(self.request.user, "password_changed")
        return response


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The page a set-password link opens: once, within PASSWORD_RESET_TIMEOUT."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("set_password_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        AuditEntry.record(form.user, "password_set")
        return response


@sensitive_post_parameters("password")
@never_cache
@login_required
def email_change(request):
    """A user changes their own email address: nothing changes until they follow the link sent
    to the new address (so a typo or a borrowed session cannot redirect their links)."""
    form = OwnEmailForm(request.user, request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        workflow.request_email_change(request.user, form.cleaned_data["email"])
        context = {"address": form.cleaned_data["email"]}
        return render(request, "accounts/email_change_sent.html", context)
    return render(request, "accounts/email_change.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """The link sent to a new address: a button (a mail scanner's GET changes nothing)."""
    found = tasks.confirmed(token)
    if found is None:
        return render(request, "accounts/confirm_email.html", {"valid": False})
    user, address = found
    if request.method == "POST":
        workflow.confirm_email_change(user, address)
        return render(request, "accounts/confirm_email.html", {"done": True, "address": address})
    return render(request, "accounts/confirm_email.html", {"valid": True, "address": address})
