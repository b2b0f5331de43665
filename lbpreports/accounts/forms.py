from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import PasswordChangeForm

from lbpreports import roles

ROLE_CHOICES = [
    (roles.RADIOLOGIST, "Radiologist"),
    (roles.GP, "GP"),
    (roles.ADMIN, "Admin (manages accounts; sees no report)"),
    ("", "No role"),
]


class AccountForm(forms.ModelForm):
    """An admin's form for an account: no password field, no superuser or permission fields."""

    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False)
    acting_user = None  # set by the admin: the admin filling in the form

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "The set-password link is sent here."
        if self.instance.pk:
            self.initial["role"] = roles.role_of(self.instance) or ""

    def clean(self):
        cleaned = super().clean()
        own = self.instance.pk is not None and self.instance.pk == getattr(
            self.acting_user, "pk", None
        )
        if own and (cleaned.get("role") or "") != self.initial.get("role", ""):
            raise forms.ValidationError("You cannot change your own role.")
        if own and "is_active" in self.fields and not cleaned.get("is_active", True):
            raise forms.ValidationError("You cannot deactivate your own account.")
        return cleaned


class OwnPasswordForm(PasswordChangeForm):
    """Changing one's own password: the old password is checked through the login throttle, so
    that a session left open is no way to guess it faster than the login page allows."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        if authenticate(self.request, username=self.user.get_username(), password=old) is None:
            refusal = getattr(self.request, "login_refusal", None)
            if refusal is not None:
                raise forms.ValidationError(
                    f"Too many wrong passwords. Try again in {refusal.seconds} seconds.",
                    code="throttled",
                )
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old
