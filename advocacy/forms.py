from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from accounts.models import User
from config.forms import StaffChoiceField, date_field
from meetings.models import Meeting

from .models import AdvocacyEvent, AdvocateAssignment


def _words(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 2,000 characters or fewer"},
    )


class AdvocacyEventForm(forms.Form):
    """The case team records the next step; the choices are the steps that can follow."""

    state = forms.ChoiceField(label="What happened", widget=forms.RadioSelect)
    meeting = forms.ModelChoiceField(
        label="For a meeting (optional)",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="Not for one meeting",
        error_messages={"invalid_choice": "Choose one of their meetings from the list"},
    )
    in_their_words = _words("In their words (optional)", "For example, why they declined.")
    note = _words("Note (optional)")

    def __init__(
        self, *args: Any, states: list[str], meetings: list[Meeting], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        state = self.fields["state"]
        assert isinstance(state, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
        state.choices = [(s, AdvocacyEvent.State(s).label) for s in states]
        state.error_messages.update(
            required="Select what happened", invalid_choice="Select what happened"
        )
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)  # noqa: S101
        meeting.queryset = Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("state", legend_size=Size.SMALL),
            Field.select("meeting"),
            Field.textarea("in_their_words"),
            Field.textarea("note"),
            Submit("save", "Record"),
        )


# The young person's answers, in their own voice.
ANSWERS_IN_MY_WORDS = {
    AdvocacyEvent.State.ACCEPTED: "Yes, I would like an advocate",
    AdvocacyEvent.State.THINKING: "I want to think about it",
    AdvocacyEvent.State.DECLINED: "No, thank you",
}


class AdvocacyAnswerForm(forms.Form):
    state = forms.ChoiceField(
        label="Would you like an advocate?",
        choices=list(ANSWERS_IN_MY_WORDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an answer", "invalid_choice": "Choose an answer"},
    )
    in_their_words = _words(
        "Anything you want to say about it (optional)", "You do not have to say why."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("state", legend_size=Size.SMALL),
            Field.textarea("in_their_words"),
            Submit("save", "Send"),
        )


class PeerSupportAskForm(forms.Form):
    what_would_help = forms.CharField(
        label="What would help? (optional)",
        help_text="For example, someone to talk to before going to court.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 500 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.textarea("what_would_help"))


class AssignForm(forms.Form):
    advocate_type = forms.ChoiceField(
        label="Kind of advocate",
        choices=AdvocateAssignment.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of advocate"},
    )
    advocate = StaffChoiceField(
        label="Advocate",
        queryset=User.objects.none(),
        required=False,
        empty_label="Choose an advocate",
        error_messages={"invalid_choice": "Choose the advocate from the list"},
    )
    named_person = forms.CharField(
        label="Or, for a trusted adult with no account: their name",
        required=False,
        max_length=120,
        error_messages={"max_length": "Keep the name to 120 characters or fewer"},
    )
    starts_on = date_field("Start date", "For example, 27 3 2027", "Enter the start date")

    def __init__(self, *args: Any, advocates: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        advocate = self.fields["advocate"]
        assert isinstance(advocate, StaffChoiceField)  # noqa: S101 - narrows the type for mypy
        advocate.queryset = User.objects.filter(pk__in=[a.pk for a in advocates])
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("advocate_type", legend_size=Size.SMALL),
            Field.select("advocate"),
            Field.text("named_person", field_width=20),
            Field("starts_on"),
            Submit("save", "Assign"),
        )


class AssignmentEndForm(forms.Form):
    ends_on = date_field(
        "End date",
        "The first day they no longer see anything. For example, 27 3 2027",
        "Enter the end date",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field("ends_on"), Submit("save", "End the assignment"))


class RepresentationForm(forms.Form):
    text = forms.CharField(
        label="Their views, as they want them put",
        help_text="Their words and wishes, not your own professional view.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Write the young person's views",
            "max_length": "Keep it to 5,000 characters or fewer",
        },
    )
    non_instructed = forms.BooleanField(
        label="Non-instructed: they could not tell me their views, so this is my account of "
        "their wishes and interests",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("text"), Field.checkbox("non_instructed"), Submit("save", "Save")
        )


class OnBehalfItemForm(forms.Form):
    title = forms.CharField(
        label="What they want to talk about",
        max_length=200,
        error_messages={
            "required": "Enter what they want to talk about",
            "max_length": "Keep it to 200 characters or fewer",
        },
    )
    details = _words("Details (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("title"), Field.textarea("details"), Submit("save", "Add to the agenda")
        )
