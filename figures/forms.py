from datetime import date, timedelta
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from accounts.models import User
from collective.models import Opportunity
from config.forms import RealDateField, StaffChoiceField
from meetings.models import Feedback

from .selectors import INFORMATION_DAYS_DEFAULT, Period

# The periods a CSE lead can choose, each ending today; "custom" takes two dates.
PERIOD_DAYS = {"month": 30, "quarter": 91, "year": 365}
# The years a custom period may cover: Partners holds nothing older, and no later date means
# anything yet.
FIRST_YEAR, LAST_YEAR = 2000, 2100
PERIOD_CHOICES = [
    ("month", "The last month"),
    ("quarter", "The last 3 months"),
    ("year", "The last year"),
    ("custom", "Dates I choose"),
]


class FiguresFilterForm(forms.Form):
    """What the figures cover, read from the address, so a page of figures can be shared
    and bookmarked. Bad input is answered on the form and shows no figures."""

    period = forms.ChoiceField(
        label="Period",
        choices=PERIOD_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose a period from the list"},
    )
    start = RealDateField(label="From", help_text="For example, 1 9 2026", required=False)
    end = RealDateField(label="To", help_text="For example, 30 11 2026", required=False)
    chair = StaffChoiceField(
        label="Chaired by",
        queryset=User.objects.none(),
        required=False,
        empty_label="Anyone in the organisation",
        error_messages={"invalid_choice": "Choose a chair from the list"},
    )
    days = forms.IntegerField(
        label="Information counts as in good time when shared at least this many days before",
        required=False,
        min_value=1,
        max_value=28,
        error_messages={
            "invalid": "Enter a number of days, like 5",
            "min_value": "Enter a number of days from 1 to 28",
            "max_value": "Enter a number of days from 1 to 28",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
    )

    def __init__(self, *args: Any, chairs: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chair = self.fields["chair"]
        assert isinstance(chair, StaffChoiceField)  # noqa: S101 - narrows the type for mypy
        chair.queryset = User.objects.filter(pk__in=[c.pk for c in chairs]).select_related(
            "organisation"
        )
        for name, message in (("start", "the start"), ("end", "the end")):
            self.fields[name].error_messages.update(
                incomplete=f"Enter the whole date for {message}",
                invalid=f"Enter a real date for {message}",
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("period"),
            Field("start"),
            Field("end"),
            Field.select("chair"),
            Field.text("days"),
            Submit("show", "Show the figures"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") == "custom":
            start, end = data.get("start"), data.get("end")
            if not start and "start" not in self.errors:
                self.add_error("start", "Enter the date the figures start from")
            if not end and "end" not in self.errors:
                self.add_error("end", "Enter the date the figures go up to")
            for name, day in (("start", start), ("end", end)):
                if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                    self.add_error(name, f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}")
            if start and end and start > end:
                self.add_error("end", "The end must be on or after the start")
            if start and end and (end - start).days > 3 * 365:
                self.add_error("end", "Choose a period of 3 years or less")
        return data

    def chosen(self) -> tuple[Period, User | None, int, str]:
        """The period, the chair (or anyone) and the information days, from a valid form."""
        data = self.cleaned_data
        word = data.get("period") or "quarter"
        if word == "custom":
            period = Period(data["start"], data["end"])
        else:
            today: date = timezone.localdate()
            period = Period(today - timedelta(days=PERIOD_DAYS[word] - 1), today)
        return period, data.get("chair"), data.get("days") or INFORMATION_DAYS_DEFAULT, word


class FeedbackChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        """Their words and the date, never whose."""
        return (
            f"“{obj.what_would_make_it_better}” (a meeting on {obj.meeting.scheduled_at:%-d %B %Y})"
        )


class ServiceChangeForm(forms.Form):
    you_said = forms.CharField(
        label="What young people said",
        help_text="In their words where you can. Young people will read this: name no one, "
        "and nothing that could tell someone who said it.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Write what young people said",
            "max_length": "Keep this to 500 characters or fewer",
        },
    )
    we_did = forms.CharField(
        label="What we changed",
        help_text="Plain words. For example: we now send the information a week before, "
        "not the day before.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Write what was changed",
            "max_length": "Keep this to 500 characters or fewer",
        },
    )
    feedback = FeedbackChoiceField(
        label="The feedback it answers (optional)",
        queryset=Feedback.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose feedback from the list"},
    )

    opportunity = forms.ModelChoiceField(
        label="The opportunity it came from (optional)",
        help_text="Where young people shaping the service together led to this change.",
        queryset=Opportunity.objects.none(),
        required=False,
        empty_label="Not from an opportunity",
        error_messages={"invalid_choice": "Choose an opportunity from the list"},
    )

    def __init__(
        self,
        *args: Any,
        feedback: list[Feedback],
        opportunities: list[Opportunity],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        linked = self.fields["feedback"]
        assert isinstance(linked, FeedbackChoiceField)  # noqa: S101 - narrows the type for mypy
        linked.queryset = Feedback.objects.filter(pk__in=[f.pk for f in feedback])
        came_from = self.fields["opportunity"]
        assert isinstance(came_from, forms.ModelChoiceField)  # noqa: S101
        came_from.queryset = Opportunity.objects.filter(pk__in=[o.pk for o in opportunities])
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("you_said"),
            Field.textarea("we_did"),
            *([Field.checkboxes("feedback", legend_size=Size.SMALL)] if feedback else []),
            *([Field.select("opportunity")] if opportunities else []),
            Submit("save", "Save"),
        )
