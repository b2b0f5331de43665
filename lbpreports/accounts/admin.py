"""Accounts in the admin site, for admins who manage accounts but never hold them.

Django's UserAdmin is replaced: there is no password field or password form (the URL answers
404), no superuser, staff or permission field (a role sets them), and no delete (deactivate
instead, so that the audit trail keeps its names). Creating an account or choosing "Send a
set-password link" mails the user a one-time link; every change is an audit entry.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import Http404
from django.urls import path

from lbpreports import roles

from . import workflow
from .forms import AccountForm

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)  # the roles' permissions are set by migrations, not edited


def no_password_form(request, *args, **kwargs):
    raise Http404


@admin.register(User)
class AccountAdmin(admin.ModelAdmin):
    form = AccountForm
    list_display = ("username", "first_name", "last_name", "email", "role", "is_active")
    list_filter = ("is_active", "is_staff", "groups")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    actions = ["send_set_password_links"]

    @admin.display(description="role")
    def role(self, obj):
        return roles.role_of(obj) or "none"

    def get_fields(self, request, obj=None):
        fields = ["username", "first_name", "last_name", "email", "role"]
        return fields + ["is_active", "last_login", "date_joined"] if obj else fields

    def get_readonly_fields(self, request, obj=None):
        return ("last_login", "date_joined") if obj else ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.acting_user = request.user
        return form

    def get_queryset(self, request):
        accounts = super().get_queryset(request)
        return accounts if request.user.is_superuser else accounts.filter(is_superuser=False)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_password"
        password = path("<path:object_id>/password/", no_password_form, name=name)
        return [password, *super().get_urls()]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        role = form.cleaned_data.get("role") or None
        if change:
            workflow.change_account(request, obj, role, form.initial)
        else:
            workflow.create_account(request, obj, role)
            self.message_user(request, f"A set-password link is being sent to {obj.email}.")

    def save_related(self, request, form, formsets, change):
        pass  # the role is the account's only relation, set in save_model

    @admin.action(description="Send a set-password link")
    def send_set_password_links(self, request, queryset):
        sent = 0
        for user in queryset:
            if user.email and user.is_active:
                workflow.send_set_password_link(request, user)
                sent += 1
        self.message_user(request, f"Set-password links sent: {sent}.", messages.SUCCESS)
        if sent < queryset.count():
            self.message_user(
                request,
                "Deactivated accounts and accounts without an email address got no link.",
                messages.WARNING,
            )
