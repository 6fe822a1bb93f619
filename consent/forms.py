from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from accounts.models import Organisation
from config.forms import date_field

from .models import IdentityDecision, MadeBy, NamingContext, SharingDecision

STAFF_MADE_BY = [
    (MadeBy.WITH_WORKER.value, MadeBy.WITH_WORKER.label),
    (MadeBy.PROFESSIONAL.value, MadeBy.PROFESSIONAL.label),
]


def _radios(label: str, choices: Any, required: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": required},
    )


def _words(label: str, max_length: int, required: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(required),
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": required,
            "max_length": f"Keep it to {max_length:,} characters or fewer",
        },
    )


def _pseudonym(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=60,
        error_messages={"max_length": "Keep the name to 60 characters or fewer"},
    )


def _review_on() -> forms.Field:
    return date_field(
        "Review date",
        "When to check this with them again. For example, 27 3 2027",
        "Enter a review date",
    )


class IdentityDecisionForm(forms.Form):
    context = _radios(
        "Where the name is used", NamingContext.choices, "Select where the name is used"
    )
    choice = _radios(
        "How they want to be named",
        IdentityDecision.Choice.choices,
        "Select how they want to be named",
    )
    pseudonym = _pseudonym("The name they chose", "Only if they chose a name. Not their real name.")
    made_by = _radios("Whose decision", STAFF_MADE_BY, "Select whose decision this is")
    their_words = _words("In their words (optional)", 2000)
    review_on = _review_on()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("context", legend_size=Size.SMALL),
            Field.radios("choice", legend_size=Size.SMALL),
            Field.text("pseudonym", field_width=20),
            Field.radios("made_by", legend_size=Size.SMALL),
            Field.textarea("their_words"),
            Field("review_on"),
            Submit("save", "Record the decision"),
        )


class SharingDecisionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Select the organisation",
            "invalid_choice": "Select the organisation from the list",
        },
    )
    purpose = forms.CharField(
        label="What for",
        help_text="Plain words: the young person reads this. For example, to plan help at school.",
        max_length=300,
        error_messages={
            "required": "Enter what the information is shared for",
            "max_length": "Keep it to 300 characters or fewer",
        },
    )
    share = forms.TypedChoiceField(
        label="Decision",
        choices=[("yes", "Share"), ("no", "Do not share")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether to share",
            "invalid_choice": "Select whether to share",
        },
    )
    basis = forms.ChoiceField(
        label="Lawful basis (for sharing)",
        help_text="Consent is one basis, not the default.",
        choices=SharingDecision.Basis.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select the lawful basis from the list"},
    )
    rationale = _words("Why", 2000, "Enter why this was decided")
    made_by = _radios("Whose decision", STAFF_MADE_BY, "Select whose decision this is")
    their_words = _words("In their words (optional)", 2000)
    review_on = _review_on()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("organisation"),
            Field.text("purpose"),
            Field.radios("share", legend_size=Size.SMALL, inline=True),
            Field.radios("basis", legend_size=Size.SMALL),
            Field.textarea("rationale"),
            Field.radios("made_by", legend_size=Size.SMALL),
            Field.textarea("their_words"),
            Field("review_on"),
            Submit("save", "Record the decision"),
        )


# The portal's words for each choice: the young person's own voice, and never a name's value.
CHOICE_IN_MY_WORDS = {
    IdentityDecision.Choice.FULL_NAME: "My full name",
    IdentityDecision.Choice.FIRST_NAME: "My first name",
    IdentityDecision.Choice.INITIALS: "My initials",
    IdentityDecision.Choice.PSEUDONYM: "A different name that I choose",
    IdentityDecision.Choice.ANONYMOUS: "Do not use my name",
}


class MyNameForm(forms.Form):
    choice = _radios(
        "How do you want to be named?",
        list(CHOICE_IN_MY_WORDS.items()),
        "Choose how you want to be named",
    )
    pseudonym = _pseudonym(
        "The name you want to use",
        "Only if you chose a different name. Pick something that is not your real name.",
    )
    their_words = _words("Anything you want to say about it (optional)", 2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("choice", legend_size=Size.SMALL),
            Field.text("pseudonym", field_width=20),
            Field.textarea("their_words"),
            Submit("save", "Save"),
        )
