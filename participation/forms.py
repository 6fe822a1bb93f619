from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from accounts.models import User
from config.forms import StaffChoiceField, date_field

from .models import CaseTeamMembership, PersonWhoMatters
from .services import LONGEST_TEXT


def _staff_field(label: str, empty_label: str, required_message: str) -> StaffChoiceField:
    return StaffChoiceField(
        label=label,
        queryset=User.objects.none(),
        empty_label=empty_label,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def _limit(field: forms.Field, people: list[User]) -> None:
    assert isinstance(field, StaffChoiceField)  # noqa: S101 - narrows the type for mypy
    field.queryset = User.objects.filter(pk__in=[p.pk for p in people])


class CaseTeamAddForm(forms.Form):
    user = _staff_field("Who", "Choose a person", "Select who is joining the case team")
    role = forms.ChoiceField(
        label="Their role on the case team",
        choices=CaseTeamMembership.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role on the case team"},
    )
    starts_on = date_field("Start date", "For example, 27 3 2027", "Enter the start date")

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["user"], people)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("user"),
            Field.radios("role", legend_size=Size.SMALL),
            Field("starts_on"),
            Submit("add", "Add to case team"),
        )


class CaseTeamEndForm(forms.Form):
    ends_on = date_field(
        "End date",
        "They lose access from this day. For example, 27 3 2027",
        "Enter the end date",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field("ends_on"), Submit("end", "End membership"))


class CaseloadReassignForm(forms.Form):
    leaver = _staff_field("Person leaving", "Choose a person", "Select the person who is leaving")
    successor = _staff_field(
        "Person taking over", "Choose a person", "Select the person taking over"
    )

    def __init__(
        self, *args: Any, people: list[User], successors: list[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["leaver"], people)
        _limit(self.fields["successor"], successors)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("leaver"), Field.select("successor"), Submit("move", "Move caseload")
        )


class GrantForm(forms.Form):
    user = _staff_field("Who", "Choose a practitioner", "Select who needs access")
    reason = forms.CharField(
        label="Why they need access",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why they need access"},
    )
    expires_on = date_field(
        "Last day of access", "At most 30 days from today", "Enter the last day of access"
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["user"], people)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("user"),
            Field.textarea("reason"),
            Field("expires_on"),
            Submit("grant", "Grant access"),
        )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need this record now?",
        help_text="The CSE leads will be told and will review this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Explain in a sentence why you need this record now"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("reason"),
            Submit("open", "Open the record for 4 hours", css_class="govuk-button--warning"),
        )


def _text(
    label: str,
    *,
    help_text: str = "",
    required: str = "",
    rows: int = 0,
    longest: int = LONGEST_TEXT,
) -> forms.CharField:
    """A free-text field with GOV.UK messages: required when `required` says what to enter."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required),
        max_length=longest,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": required,
            "max_length": f"Keep this to {longest} characters or fewer",
        },
    )


class DetailsForm(forms.Form):
    """The details on a young person's record, as the case team keeps them."""

    preferred_name = _text(
        "Preferred name",
        longest=100,
        help_text="The name they like to be called",
        required="Enter the name they like to be called",
    )
    legal_name = _text("Full legal name", required="Enter their full legal name", longest=200)
    date_of_birth = date_field(
        "Date of birth", "For example, 17 5 2011", "Enter their date of birth"
    )
    pronouns = _text(
        "Pronouns", help_text="Optional. For example, she/her or they/them", longest=40
    )
    communication_needs = _text(
        "Communication and access needs",
        help_text="What helps them take part: for example, easy-read, a quiet room, short meetings",
        rows=3,
    )
    interpreter_language = _text(
        "Interpreter needed for", help_text="Leave empty if none", longest=80
    )
    strengths_and_interests = _text(
        "Strengths and interests, in their own words",
        help_text="Write what they said, as they said it",
        rows=3,
    )

    def _layout(self) -> list[Any]:
        return [
            Field.text("preferred_name", field_width=20),
            Field.text("legal_name", field_width=30),
            Field("date_of_birth"),
            Field.text("pronouns", field_width=10),
            Field.textarea("communication_needs"),
            Field.text("interpreter_language", field_width=20),
            Field.textarea("strengths_and_interests"),
        ]


class RegisterForm(DetailsForm):
    # Made when the form is first shown: sending the form twice registers the person once.
    young_person_id = forms.UUIDField(widget=forms.HiddenInput)
    referred_by = _text(
        "Referring organisation", required="Enter the organisation that referred them", longest=200
    )
    referral_reason = _text(
        "Why they were referred",
        help_text=(
            "In neutral words that do not blame them: describe what is happening to them, "
            "not what they are doing"
        ),
        required="Enter why they were referred",
        rows=4,
    )
    confirmed_new = forms.BooleanField(
        label="This is a new person, not one of the records above",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(*self._fields_shown(), self._submit())

    def _fields_shown(self) -> list[Any]:
        return [
            "young_person_id",
            *self._layout(),
            Field.text("referred_by", field_width=30),
            Field.textarea("referral_reason"),
        ]

    def _submit(self) -> Submit:
        return Submit("register", "Record this young person")

    def offer_confirmation(self) -> None:
        """Possible duplicates are on the page: ask whether this is someone new."""
        self.helper.layout = Layout(
            *self._fields_shown(), Field.checkbox("confirmed_new"), self._submit()
        )


class DetailsEditForm(DetailsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout("version", *self._layout(), Submit("save", "Save changes"))


class FindForm(forms.Form):
    name = _text("Name", help_text="Their first name, last name or both", required="Enter a name")
    date_of_birth = date_field(
        "Date of birth",
        "Optional, but needed to learn whether someone else holds their record. "
        "For example, 17 5 2011",
        "Enter their date of birth",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].required = False
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("name", field_width=30), Field("date_of_birth"), Submit("find", "Find")
        )


class AccessRequestForm(forms.Form):
    reason = _text(
        "Why do you need access?",
        help_text="The young person's lead professional will read this and answer.",
        required="Explain in a sentence why you need access",
        rows=3,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.textarea("reason"), Submit("ask", "Ask for access"))


class AccessAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer",
        choices=[("give", "Give access until a date"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to give access"},
    )
    expires_on = date_field(
        "Last day of access", "At most 30 days from today", "Enter the last day of access"
    )
    reason = _text(
        "Your reason",
        help_text="Needed if you decline. The person who asked will read it.",
        rows=3,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].required = False
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("answer", legend_size=Size.SMALL),
            Field("expires_on"),
            Field.textarea("reason"),
            Submit("send", "Send answer"),
        )


class PersonWhoMattersForm(forms.Form):
    name = _text("Name", required="Enter their name", longest=200)
    relationship = _text(
        "Relationship to the young person",
        help_text="In the young person's words: for example, nan, foster carer, youth worker",
        required="Enter how they know the young person",
        longest=100,
    )
    may_be_contacted = forms.BooleanField(label="We may contact them", required=False)
    how_to_contact = _text(
        "How to contact them", help_text="For example, a phone number and when", rows=2
    )
    meetings = forms.ChoiceField(
        label="Meetings, as the young person wishes",
        choices=PersonWhoMatters.Meetings.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what they may be told about meetings"},
    )
    must_not_be_told = forms.BooleanField(
        label="They must not be told anything",
        help_text="For example, someone who may be harming the young person. They will never be "
        "invited or contacted through Partners.",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("name", field_width=30),
            Field.text("relationship", field_width=20),
            Field.checkbox("may_be_contacted"),
            Field.textarea("how_to_contact"),
            Field.radios("meetings", legend_size=Size.SMALL),
            Field.checkbox("must_not_be_told"),
            Submit("save", "Save"),
        )


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": "Say why, for example the claim or inquiry it is for",
            "max_length": "Keep this to 2000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, lifting: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if lifting:
            self.fields["reason"].label = "Why the hold can be lifted"
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("reason"),
            Submit("hold", "Lift the legal hold" if lifting else "Put on legal hold"),
        )


class GoalForm(forms.Form):
    """A goal in the young person's words: they write it in the portal, or the case team
    writes it down with them."""

    in_their_words = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to 500 characters or fewer"},
    )
    who_helps = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep this to 500 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, for_young_person: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        words, helps = self.fields["in_their_words"], self.fields["who_helps"]
        if for_young_person:
            words.label = "What do you want to work towards?"
            words.help_text = "In your own words. For example: go back to college in September."
            words.error_messages["required"] = "Write what you want to work towards"
            helps.label = "Who can help you with it? (optional)"
        else:
            words.label = "The goal, in their words"
            words.help_text = "Write it as they say it. For example: go back to college."
            words.error_messages["required"] = "Write the goal, in their words"
            helps.label = "Who helps (optional)"
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("in_their_words"),
            Field.textarea("who_helps"),
            "version",
            Submit("save", "Save the goal"),
        )


class GoalStepForm(forms.Form):
    what = forms.CharField(
        label="A small step",
        max_length=300,
        error_messages={
            "required": "Write the step",
            "max_length": "Keep the step to 300 characters or fewer",
        },
    )
    owner = forms.TypedChoiceField(
        label="Who will do it",
        widget=forms.RadioSelect,
        coerce=str,
        error_messages={
            "required": "Choose who will do it",
            "invalid_choice": "Choose who will do it",
        },
    )
    due_on = date_field("By when (optional)", "For example, 27 3 2027", "Enter the whole date")

    def __init__(self, *args: Any, young_person_name: str, team: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)  # noqa: S101 - for mypy
        owner.choices = [("young_person", young_person_name)] + [
            (str(member.pk), member.full_name) for member in team
        ]
        self.fields["due_on"].required = False
        self.team = {str(member.pk): member for member in team}
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("what"),
            Field.radios("owner", legend_size=Size.SMALL),
            Field("due_on"),
            Submit("save", "Add the step"),
        )

    def step_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "what": data["what"],
            "owner": self.team.get(data["owner"]),
            "due_on": data["due_on"],
        }
