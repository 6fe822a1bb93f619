from django import forms

from accounts.forms import SignInForm


class YoungPersonSignInForm(SignInForm):
    identifier = "username"
    failed_message = "Your username or password is not right. Check them and try again."

    username = forms.CharField(
        label="Username",
        max_length=40,
        error_messages={"required": "Enter your username"},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
    field_order = ["username", "password"]
