from django import forms
from django.utils.translation import gettext_lazy as _


def _authenticator_code_field(label):
    return forms.CharField(
        label=label,
        max_length=12,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


def _password_field():
    return forms.CharField(
        label=_("Your password, to confirm it is you"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AuthenticatorCodeForm(forms.Form):
    """The code step of signing in, with the authenticator app."""

    code = _authenticator_code_field(_("Code from your app"))


class RecoveryCodeForm(forms.Form):
    """The code step of signing in, with a recovery code instead (letters and digits)."""

    recovery_code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        help_text=_("One of the codes you saved when you set up two-factor sign-in."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    """Confirm a new authenticator with its first code; replacing one also needs the
    password."""

    code = _authenticator_code_field(_("Code the app shows"))

    def __init__(self, *args, needs_password: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_password:
            self.fields["password"] = _password_field()


class PasswordAndCodeForm(forms.Form):
    """What making new recovery codes or removing the factor asks for."""

    password = _password_field()
    code = forms.CharField(
        label=_("Current code"),
        max_length=20,
        help_text=_("The code your authenticator app shows now, or an unused recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
