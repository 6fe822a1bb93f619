from collections.abc import Iterator
from typing import Any, ClassVar

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest

from .models import User


class StaffPasswordResetForm(PasswordResetForm):
    """Asks for a link to set a password. Staff accounts only, including new ones that have
    no password yet (an administrator never sets one for them)."""

    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    EMAIL: ClassVar[dict[str, Any]] = {
        "subject_template_name": "signin/password_link_subject.txt",
        "email_template_name": "signin/password_link_email.txt",
        "extra_email_context": {"service_name": settings.SERVICE_NAME},
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.MEDIUM
        self.helper.layout = Layout("email", Submit("send", "Send me a link"))

    def get_users(self, email: str) -> Iterator[User]:
        yield from User.objects.filter(email__iexact=email, kind=User.Kind.STAFF, is_active=True)

    @classmethod
    def send_to(cls, *, request: HttpRequest, user: User) -> bool:
        """Send one member of staff a link to set their password (an administrator's action).
        False, and nothing sent, for an account that is switched off."""
        form = cls({"email": user.email})
        if not (form.is_valid() and user in form.get_users(user.email or "")):
            return False
        form.save(request=request, use_https=request.is_secure(), **cls.EMAIL)
        return True


def _new_password_in_plain_words(form: forms.Form) -> None:
    """GOV.UK-style labels and messages for choosing a new password (the rules are in the
    page's own words above the form, not in Django's list)."""
    form.fields["new_password1"].label = "New password"
    form.fields["new_password2"].label = "Type the new password again"
    form.fields["new_password1"].error_messages["required"] = "Enter a new password"
    form.fields["new_password2"].error_messages["required"] = "Type the new password again"
    for name in ("new_password1", "new_password2"):
        form.fields[name].help_text = ""


PASSWORDS_DIFFER = "The two new passwords are not the same"


class GovukSetPasswordForm(SetPasswordForm):
    """Choosing a new password from a link, in GOV.UK form."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": PASSWORDS_DIFFER,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _new_password_in_plain_words(self)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            "new_password1", "new_password2", Submit("save", "Save the new password")
        )


class GovukPasswordChangeForm(PasswordChangeForm):
    """A signed-in member of staff changes their own password."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": PASSWORDS_DIFFER,
        "password_incorrect": "Your current password is not right",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _new_password_in_plain_words(self)
        self.fields["old_password"].label = "Your current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            "old_password", "new_password1", "new_password2", Submit("save", "Change password")
        )
