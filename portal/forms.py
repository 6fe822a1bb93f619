"""The portal's forms, in the young person's own voice: short sentences, no jargon."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.conf import settings

from meetings.models import Feedback
from meetings.services import CHAIR_MEETING_WAYS, RESPONSE_IN_MY_WORDS, TAKING_PART_CHOICES
from participation.services import LONGEST_TEXT, TOO_LONG
from signin.forms import SignInForm


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


def _helper(*fields: Any, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.label_size = Size.SMALL
    helper.layout = Layout(*fields, Submit("save", submit))
    return helper


def _words(
    label: str, *, max_length: int, required: str = "", help_text: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required),
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": required,
            "max_length": f"That is too long. Keep it to {max_length:,} characters or fewer.",
        },
    )


class InvitationRedeemForm(forms.Form):
    code = forms.CharField(
        label="Your code",
        help_text="Your worker gave you this code. It looks like ABCD-2345.",
        max_length=20,
        error_messages={
            "required": "Enter the code your worker gave you",
            "max_length": "That code is too long. Check it and try again.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    username = forms.CharField(
        label="Choose a username",
        help_text="3 to 40 letters or numbers. Do not use your real name.",
        max_length=40,
        error_messages={
            "required": "Choose a username",
            "max_length": "That username is too long. Use 40 characters or fewer.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
    passphrase = forms.CharField(
        label="Choose a passphrase",
        help_text="At least 12 characters. Three or four words you will remember work well.",
        strip=False,
        max_length=200,
        error_messages={
            "required": "Choose a passphrase",
            "max_length": "That passphrase is too long. Use 200 characters or fewer.",
        },
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    passphrase_again = forms.CharField(
        label="Type your passphrase again",
        strip=False,
        max_length=200,
        error_messages={"required": "Type your passphrase again"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("code", field_width=10),
            Field.text("username", field_width=20),
            "passphrase",
            "passphrase_again",
            Submit("start", "Start"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, again = cleaned.get("passphrase"), cleaned.get("passphrase_again")
        if first and again and first != again:
            self.add_error("passphrase_again", "The two passphrases are different. Type it again.")
        return cleaned


class AgendaProposeForm(forms.Form):
    title = forms.CharField(
        label="What do you want to talk about?",
        max_length=200,
        error_messages={
            "required": "Write what you want to talk about",
            "max_length": "That is too long. Keep it to 200 characters or fewer.",
        },
    )
    details = _words("Anything else you want to say about it (optional)", max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("title"), Field.textarea("details"), submit="Add it")


# What each way of taking part says in the portal; the keys are the preparation step's states.
TAKING_PART_IN_MY_WORDS = {
    "attend": "I will come to the meeting",
    "attend_part": "I will come to part of the meeting",
    "attend_with_someone": "I will come with someone I trust",
    "views_passed_on": "Someone I trust, or an advocate, will tell them what I think",
    "written_or_recorded": "I will write down or record what I think",
    "not_this_time": "I do not want to take part this time",
}


class TakingPartForm(forms.Form):
    how = forms.ChoiceField(
        label="How do you want to take part?",
        choices=[(state, TAKING_PART_IN_MY_WORDS[state]) for state, _ in TAKING_PART_CHOICES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you want to take part",
            "invalid_choice": "Choose how you want to take part",
        },
    )
    what_would_help = _words(
        "What would help you feel listened to and respected? (optional)",
        max_length=1000,
        help_text=(
            "For example: breaks, who is in the room, somewhere quiet to wait, "
            "words you do not want people to use."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("how", legend_size=Size.SMALL),
            Field.textarea("what_would_help"),
            submit="Save",
        )


class ViewsForm(forms.Form):
    text = _words(
        "What do you want the meeting to know?",
        max_length=5000,
        required="Write what you want the meeting to know",
        help_text="Use your own words. The people at the meeting will read it as you wrote it.",
    )
    shared_with_advocate = forms.BooleanField(
        label="Let my advocate read this",
        help_text="If you have an advocate, they can help you say it. Only if you want.",
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 8
        self.helper = _helper(
            Field.textarea("text"), Field.checkbox("shared_with_advocate"), "version", submit="Save"
        )


class DecisionResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="What do you think?",
        choices=list(RESPONSE_IN_MY_WORDS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you think",
            "invalid_choice": "Choose what you think",
        },
    )
    in_their_words = _words("Anything you want to say about it (optional)", max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("response", legend_size=Size.SMALL),
            Field.textarea("in_their_words"),
            submit="Send",
        )


def _answer(label: str, required: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Feedback.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": required},
    )


class FeedbackForm(forms.Form):
    felt_listened_to = _answer("Did you feel listened to?", "Choose if you felt listened to")
    understood_decisions = _answer(
        "Did you understand what was decided?", "Choose if you understood what was decided"
    )
    had_a_say = _answer("Did you have a say?", "Choose if you had a say")
    what_would_make_it_better = _words(
        "What would make it better next time? (optional)", max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("felt_listened_to", legend_size=Size.SMALL, inline=True),
            Field.radios("understood_decisions", legend_size=Size.SMALL, inline=True),
            Field.radios("had_a_say", legend_size=Size.SMALL, inline=True),
            Field.textarea("what_would_make_it_better"),
            submit="Send",
        )


class SafeContactForm(forms.Form):
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    email_is_safe = forms.BooleanField(label="Nobody else reads this email", required=False)
    mobile = forms.RegexField(
        label="Mobile number (optional)",
        required=False,
        regex=r"^\+?[0-9 ]{10,16}$",
        max_length=20,
        error_messages={"invalid": "Enter a mobile number like 07700 900 982"},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    mobile_is_safe = forms.BooleanField(
        label="Nobody else reads texts on this phone", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = [Field.text("email"), Field.checkbox("email_is_safe")]
        if settings.TEXT_MESSAGES_OFFERED:
            fields += [Field.text("mobile", field_width=20), Field.checkbox("mobile_is_safe")]
        else:
            del self.fields["mobile"], self.fields["mobile_is_safe"]
        self.helper = _helper(*fields, submit="Save")

    def clean_mobile(self) -> str:
        return "".join(self.cleaned_data["mobile"].split())

    def contacts(self) -> dict[str, Any]:
        """What the service takes: no mobile when texts are not offered."""
        return {"mobile": "", "mobile_is_safe": False, **self.cleaned_data}


class AboutMeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    strengths_and_interests = forms.CharField(
        label="What you are good at, and what you enjoy",
        help_text="In your own words. Your worker and the people at your meetings will read this.",
        required=False,
        max_length=LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("version", Field.textarea("strengths_and_interests"), submit="Save")


class MeetChairForm(forms.Form):
    how = forms.ChoiceField(
        label="How would you like to meet?",
        choices=CHAIR_MEETING_WAYS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you would like to meet"},
    )
    their_words = forms.CharField(
        label="Anything you want them to know first (optional)",
        help_text="For example, a time that suits you, or what you would like to talk about.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to 1000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("how", legend_size=Size.SMALL),
            Field.textarea("their_words"),
            submit="Ask to meet them",
        )
