from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django_otp.models import Device

from accounts.models import User

from .services import (
    STAFF_DOOR,
    THROTTLED_MESSAGE,
    second_factor_verify,
    sign_in_failure_record,
    sign_in_throttled,
)


class SignInForm(forms.Form):
    """The first check at both sign-in doors; a subclass names the identifying field."""

    identifier = "email"
    failed_message = "Enter a correct email address and password"

    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None
        self.helper = FormHelper()
        self.helper.label_size = Size.MEDIUM
        self.helper.layout = Layout(self.identifier, "password", Submit("sign_in", "Sign in"))

    def _account(self, who: str) -> User | None:
        """The account tried, if there is one (for the record of a failure; it decides nothing)."""
        return User.objects.filter(
            **{f"{self.identifier}__iexact": who.strip()},
            kind=User.Kind.STAFF if self.identifier == STAFF_DOOR else User.Kind.YOUNG_PERSON,
        ).first()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            who = cleaned[self.identifier]
            door = {"request": self.request, "door": self.identifier, "who": who}
            if sign_in_throttled(**door):
                raise forms.ValidationError(THROTTLED_MESSAGE)
            user = authenticate(
                self.request, password=cleaned["password"], **{self.identifier: who}
            )
            if not isinstance(user, User):
                sign_in_failure_record(**door, account=self._account(who))
                raise forms.ValidationError(self.failed_message)
            self.user = user
        return cleaned


class StaffSignInForm(SignInForm):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    field_order = ["email", "password"]


CODE_REQUIRED = "Enter the 6-digit code from your authenticator app"
CODE_WRONG = "The code is not right, or has been used already. Enter the code showing now"


def _code_field(*, recovery: bool) -> forms.CharField:
    """The GOV.UK security-code input: numeric keypad, and the phone may offer the code."""
    return forms.CharField(
        label="Code from your authenticator app",
        help_text=(
            "The 6-digit code the app shows now. If you do not have your phone, enter one of "
            "your recovery codes instead."
            if recovery
            else "The 6-digit code the app shows for Partners now."
        ),
        max_length=20,
        error_messages={"required": CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text" if recovery else "numeric",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input--width-10",
            }
        ),
    )


class SecondStepForm(forms.Form):
    """A code from the member of staff's authenticator, or a recovery code. Wrong codes count
    against the account, as wrong passwords do."""

    def __init__(
        self, *args: Any, request: HttpRequest, user: User, recovery: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user
        self.device: Device | None = None
        self.fields["code"] = _code_field(recovery=recovery)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout("code", Submit("continue", "Continue"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        door: dict[str, Any] = {
            "request": self.request,
            "door": STAFF_DOOR,
            "who": self.user.email or "",
        }
        if sign_in_throttled(**door):
            raise forms.ValidationError(THROTTLED_MESSAGE)
        self.device = second_factor_verify(
            request=self.request, user=self.user, code=cleaned["code"]
        )
        if self.device is None:
            if sign_in_failure_record(**door, account=self.user):
                raise forms.ValidationError(THROTTLED_MESSAGE)
            self.add_error("code", CODE_WRONG)
        return cleaned


class SetUpForm(forms.Form):
    """The first code from a new authenticator, which proves it is set up."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"] = _code_field(recovery=False)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout("code", Submit("continue", "Continue"))


class ConfirmForm(SecondStepForm):
    """Confirm it is you: the password again, and a current code."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("password", "code", Submit("continue", "Continue"))

    def clean(self) -> dict[str, Any]:
        password = self.cleaned_data.get("password")
        if password is not None and not self.user.check_password(password):
            door: dict[str, Any] = {
                "request": self.request,
                "door": STAFF_DOOR,
                "who": self.user.email or "",
            }
            if sign_in_throttled(**door) or sign_in_failure_record(**door, account=self.user):
                raise forms.ValidationError(THROTTLED_MESSAGE)
            self.add_error("password", "Your password is not right")
            return self.cleaned_data
        return super().clean()


class SecondFactorResetForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Whose second factor needs resetting?",
        queryset=User.objects.none(),
        empty_label="Choose a member of staff",
        error_messages={
            "required": "Choose a member of staff",
            "invalid_choice": "Choose a member of staff",
        },
    )
    confirm = forms.BooleanField(
        label="I have checked with them, in person or by phone, that they have lost their device",
        error_messages={"required": "Confirm that you have checked with them"},
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            "user",
            "confirm",
            Submit("reset", "Reset their second factor", css_class="govuk-button--warning"),
        )
