from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest

from .models import User
from .services import THROTTLED_MESSAGE, sign_in_failure_record, sign_in_throttled


class SignInForm(forms.Form):
    """One sign-in check for both doors; a subclass names the identifying field."""

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
                sign_in_failure_record(**door)
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
