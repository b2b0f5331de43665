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
        if self.instance.pk and self.instance.has_usable_password():
            # workflow.change_account refuses it too: see there why
            self.fields["email"].disabled = True
            self.fields["email"].help_text = (
                "This account has a password: only its owner can change its email address, "
                "from their own account page, confirming it from the new address."
            )
        if self.instance.pk:
            self.initial["role"] = roles.role_of(self.instance) or ""

    def clean_email(self):
        if self.fields["email"].disabled:
            return self.instance.email
        return unused_address(self.cleaned_data["email"], self.instance)

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


def unused_address(address: str, account) -> str:
    """`address`, unless another account has it (then a link for one could reach the other)."""
    others = get_user_model().objects.exclude(pk=account.pk).filter(email__iexact=address)
    if address and others.exists():
        raise forms.ValidationError("Another account has this email address.", code="taken")
    return address


def check_own_password(request, user, password: str) -> None:
    """Check a logged-in user's password through the login throttle, so that a session left
    open is no way to guess it faster than the login page allows."""
    if authenticate(request, username=user.get_username(), password=password) is None:
        refusal = getattr(request, "login_refusal", None)
        if refusal is not None:
            raise forms.ValidationError(
                f"Too many wrong passwords. Try again in {refusal.seconds} seconds.",
                code="throttled",
            )
        raise forms.ValidationError(
            PasswordChangeForm.error_messages["password_incorrect"], code="password_incorrect"
        )


class OwnPasswordForm(PasswordChangeForm):
    """Changing one's own password, the old one checked through the login throttle."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        check_own_password(self.request, self.user, old)
        return old


class OwnEmailForm(forms.Form):
    """Changing one's own email address: the password, then a link sent to the new address."""

    email = forms.EmailField(label="New email address")
    password = forms.CharField(label="Your password", strip=False, widget=forms.PasswordInput)

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.request = user, request

    def clean_email(self):
        address = self.cleaned_data["email"]
        if address.casefold() == (self.user.email or "").casefold():
            raise forms.ValidationError("This is already your email address.", code="same")
        return unused_address(address, self.user)

    def clean_password(self):
        password = self.cleaned_data["password"]
        check_own_password(self.request, self.user, password)
        return password
