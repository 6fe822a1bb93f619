from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from accounts.models import User
from config.forms import StaffChoiceField, date_field

from .models import CaseTeamMembership


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
