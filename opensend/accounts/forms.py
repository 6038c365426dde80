from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from opensend.accounts.models import Organisation, Team
from opensend.accounts.roles import FAMILY_ROLES, Role
from opensend.core.forms import GovukForm, GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been closed",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class TokenForm(GovukForm):
    token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the 6-digit security code",
            "min_length": "The security code must be 6 digits",
            "max_length": "The security code must be 6 digits",
        },
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("The security code must be 6 digits")
        return token


class RecoveryCodeForm(GovukForm):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the recovery codes you saved when you set up your authenticator app, "
        "for example abcd-efgh-ijkl. Each code works once.",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter a recovery code"},
    )


class PasswordConfirmForm(GovukForm):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):  # type: ignore[attr-defined]
            raise forms.ValidationError("The password is not right")
        return password


class UserSearchForm(GovukForm):
    q = forms.CharField(label="Name or email address", required=False, max_length=200, strip=True)


class SecondFactorResetForm(GovukForm):
    reason = forms.CharField(
        label="Why are you resetting it?",
        help_text="For example: lost phone, confirmed by phone call with their manager. "
        "This goes in the audit trail.",
        max_length=200,
        error_messages={"required": "Enter why you are resetting their second factor"},
    )


# Administrators: invitations, roles, deactivating.


def _staff_roles() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role if role not in FAMILY_ROLES]


class _TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Team) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.organisation.name})"


class MembershipForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.open(),
        error_messages={
            "required": "Select the organisation they work for",
            "invalid_choice": "Select an organisation from the list",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "Choose one"), *_staff_roles()],
        error_messages={
            "required": "Select their role",
            "invalid_choice": "Select their role from the list",
        },
    )
    team = _TeamChoiceField(
        label="SEN team (optional)",
        help_text="Only for SENAR caseworkers and team managers",
        queryset=Team.objects.open().select_related("organisation"),
        required=False,
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=120, required=False)


class InvitationForm(MembershipForm):
    """Who to invite, and their first role (none for a parent or carer)."""

    field_order = ["first_name", "last_name", "email", "role", "organisation", "team", "job_title"]

    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter their last name"}
    )
    email = forms.EmailField(
        label="Email address",
        help_text="The invitation goes here. They sign in with it.",
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": "Enter their email address"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role, organisation = self.fields["role"], self.fields["organisation"]
        role.help_text = (
            "For a parent or carer, choose 'Parent or carer': you link their account to the "
            "child next"
        )
        role.choices = [*role.choices, (Role.PARENT.value, Role.PARENT.label)]  # type: ignore[attr-defined]
        organisation.required = False
        organisation.help_text = "Leave this for a parent or carer"

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role and role not in FAMILY_ROLES and not data.get("organisation"):
            self.add_error("organisation", "Select the organisation they work for")
        return data


class ReasonForm(GovukForm):
    """A confirmation page's one question: why (it goes in the audit trail)."""

    reason = forms.CharField(
        label="Why?",
        help_text="This goes in the audit trail.",
        max_length=200,
        error_messages={"required": "Enter why"},
    )

    def __init__(self, *args: Any, label: str, hint: str, required: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label, field.help_text = label, hint
        field.error_messages["required"] = required


class InvitationPasswordForm(GovukFormMixin, SetPasswordForm):  # type: ignore[misc]
    """Set your password, from the invitation link."""

    error_messages = {
        "password_mismatch": "The passwords do not match. Enter the same password twice"
    }

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = "Create a password"
        first.help_text = (
            "At least 8 characters. Do not use a common password, a password that is only "
            "numbers, or one like your name or email address."
        )
        first.error_messages["required"] = "Enter a password"
        second.label = "Enter the password again"
        second.help_text = ""
        second.error_messages["required"] = "Enter the password again"


class SignInLinkForm(GovukForm):
    """The address a family's one-time sign-in link goes to (accounts.sign_in_links)."""

    email = forms.EmailField(
        label="Email address",
        help_text="The email address the SEND team has for you",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
        },
    )
