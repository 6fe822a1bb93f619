from datetime import datetime, time
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms
from django.utils import timezone

from accounts.models import Organisation, User
from config.forms import RealDateField, StaffChoiceField
from participation.models import Goal, PersonWhoMatters

from .models import (
    STEP_STATES,
    AgendaItem,
    Decision,
    Feedback,
    Meeting,
    PreparationStep,
    YoungPersonRequest,
    YoungPersonViews,
)


class WhenAndWhereForm(forms.Form):
    """The date, start time and place of a meeting: for scheduling and for moving it."""

    date = RealDateField(
        label="Date",
        help_text="For example, 27 3 2027",
        require_all_fields=False,
    )
    start_time = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 14:30",
        input_formats=["%H:%M", "%H.%M"],
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time as hours and minutes, like 14:30",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    venue = forms.CharField(
        label="Where",
        help_text="Somewhere the young person has chosen, if they have",
        max_length=200,
        error_messages={
            "required": "Enter where the meeting will be held",
            "max_length": "Where the meeting will be held must be 200 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages.update(
            required="Enter the date of the meeting",
            incomplete="Enter the date of the meeting",
            invalid="The date of the meeting must be a real date",
        )

    def scheduled_at(self) -> datetime:
        when: time = self.cleaned_data["start_time"]
        return timezone.make_aware(datetime.combine(self.cleaned_data["date"], when))


class MeetingScheduleForm(WhenAndWhereForm):
    meeting_type = forms.ChoiceField(
        label="Type of meeting",
        choices=Meeting.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of meeting"},
    )
    chair = StaffChoiceField(
        label="Chair",
        queryset=User.objects.none(),
        empty_label="Choose a chair",
        error_messages={
            "required": "Select who will chair the meeting",
            "invalid_choice": "Select who will chair the meeting",
        },
    )

    people = forms.ModelMultipleChoiceField(
        label="Who else is invited, as they wish",
        help_text="Only people they want invited are listed. Someone who must not be told "
        "anything is never listed.",
        queryset=PersonWhoMatters.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the people listed"},
    )

    def __init__(
        self, *args: Any, chairs: list[User], invitable: list[PersonWhoMatters], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        chair = self.fields["chair"]
        assert isinstance(chair, StaffChoiceField)  # noqa: S101 - narrows the type for mypy
        chair.queryset = User.objects.filter(pk__in=[c.pk for c in chairs])
        people = self.fields["people"]
        assert isinstance(people, forms.ModelMultipleChoiceField)  # noqa: S101 - for mypy
        people.queryset = PersonWhoMatters.objects.filter(pk__in=[p.pk for p in invitable])
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("meeting_type", legend_size=Size.SMALL),
            Field.select("chair"),
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("venue"),
            *([Field.checkboxes("people", legend_size=Size.SMALL)] if invitable else []),
            Submit("schedule", "Schedule meeting"),
        )


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label="Item",
        max_length=200,
        error_messages={
            "required": "Enter the agenda item",
            "max_length": "The agenda item must be 200 characters or fewer",
        },
    )
    details = forms.CharField(
        label="More detail (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The detail must be 2,000 characters or fewer"},
    )
    proposed_by = forms.ChoiceField(
        label="Who asked for it",
        choices=[
            (AgendaItem.ProposedBy.YOUNG_PERSON, "The young person"),
            (AgendaItem.ProposedBy.PROFESSIONAL, "A professional"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who asked for this item"},
    )
    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=AgendaItem.Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who can see this item"},
    )
    minutes = forms.IntegerField(
        label="Time for this item, in minutes (optional)",
        required=False,
        min_value=1,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the time as a number of minutes, like 10",
            "min_value": "The time must be between 1 and 180 minutes",
            "max_value": "The time must be between 1 and 180 minutes",
        },
    )
    explanation_for_young_person = forms.CharField(
        label="What the young person is told instead (professionals only)",
        help_text=(
            "For example: part of the meeting is about information from other people. "
            "We will tell you what was decided."
        ),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "The explanation must be 500 characters or fewer"},
    )
    staff_note = forms.CharField(
        label="Your note beside their item (optional)",
        help_text="Shown beside their words, with your name. The young person sees it too.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "The note must be 500 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, submit_label: str, their_words: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not their_words:
            del self.fields["staff_note"]  # a professional's own item is simply edited
        if their_words:
            # The young person's own item: shown, never rewritten (the service refuses too).
            for name in ("title", "details", "proposed_by"):
                self.fields[name].disabled = True
            # An advocate's item shows who raised it, though staff never choose that.
            proposed_by = self.fields["proposed_by"]
            assert isinstance(proposed_by, forms.ChoiceField)  # noqa: S101 - for mypy
            proposed_by.choices = AgendaItem.ProposedBy.choices
            self.fields["title"].help_text = "In their own words: this stays as they wrote it."
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("details"),
            Field.radios("proposed_by", legend_size=Size.SMALL),
            *([Field.textarea("staff_note")] if their_words else []),
            Field.text("minutes", field_width=3),
            Field.radios("visibility", legend_size=Size.SMALL),
            Field.textarea("explanation_for_young_person"),
            "version",
            Submit("save", submit_label),
        )

    def item_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class PreparationForm(forms.Form):
    state = forms.ChoiceField(
        label="What has happened",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what has happened"},
    )
    happened_on = RealDateField(label="When", help_text="For example, 27 3 2027")
    note = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Notes must be 1,000 characters or fewer"},
    )

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state = self.fields["state"]
        assert isinstance(state, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
        state.choices = STEP_STATES[step]
        self.fields["happened_on"].error_messages.update(
            required="Enter the date",
            incomplete="Enter the date",
            invalid="The date must be a real date",
        )
        if step == PreparationStep.RESPECTED:
            self.fields["note"].label = "What was agreed"
            self.fields[
                "note"
            ].help_text = (
                "Breaks, who sits where, who is in the room, words to avoid, someone to bring"
            )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("state", legend_size=Size.SMALL),
            Field("happened_on"),
            Field.textarea("note"),
            Submit("save", "Save"),
        )


def _text(
    label: str, required_message: str, max_length: int, help_text: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": required_message,
            "max_length": f"Keep it to {max_length:,} characters or fewer",
        },
    )


def _reason_field() -> forms.CharField:
    return _text(
        "What the young person will be told",
        "Write what the young person will be told, and why",
        500,
        "In plain words, and why. For example: the chair is ill, so we have moved it.",
    )


class MeetingMoveForm(WhenAndWhereForm):
    reason_for_young_person = _reason_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("venue"),
            Field.textarea("reason_for_young_person"),
            Submit("move", "Move the meeting"),
        )


class MeetingCancelForm(forms.Form):
    reason_for_young_person = _reason_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("reason_for_young_person"),
            Submit("cancel", "Cancel the meeting", css_class="govuk-button--warning"),
        )


def _change_reason() -> forms.CharField:
    return forms.CharField(
        label="Why you are changing their words",
        help_text="They are told their words were changed, and read this reason in the portal.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the reason to 500 characters or fewer"},
    )


class YoungPersonViewsForm(forms.Form):
    text = forms.CharField(
        label="What they want the meeting to know, in their own words",
        help_text="Write what they said, as they said it. Do not add your own view here.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Write what the young person wants the meeting to know",
            "max_length": "Keep it to 5,000 characters or fewer",
        },
    )
    source = forms.ChoiceField(
        label="How you got their words",
        choices=YoungPersonViews.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you got their words"},
    )
    reason = _change_reason()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, changing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not changing:
            del self.fields["reason"]  # first words recorded: nothing of theirs is changed
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("text"),
            Field.radios("source", legend_size=Size.SMALL),
            *([Field.textarea("reason")] if changing else []),
            "version",
            Submit("save", "Save their views"),
        )


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.in_their_words)


class DecisionForm(forms.Form):
    decision = _text("What was decided", "Enter what was decided", 2000)
    reason = _text("Why", "Enter why it was decided", 2000)
    explanation_for_young_person = _text(
        "What the young person is told",
        "Write what the young person is told, in plain words",
        1000,
        "Plain words, no jargon. For example: you said you feel safer at your nan's, so we "
        "will ask if you can stay there at weekends.",
    )
    action = forms.CharField(
        label="An action (optional)",
        required=False,
        max_length=300,
        error_messages={"max_length": "Keep the action to 300 characters or fewer"},
    )
    action_owner = StaffChoiceField(
        label="Who will do it",
        queryset=User.objects.none(),
        required=False,
        empty_label="Choose a person",
        error_messages={"invalid_choice": "Choose who will do it from the list"},
    )
    action_due_on = RealDateField(
        label="By when", help_text="For example, 27 3 2027", required=False
    )

    goal = GoalChoiceField(
        label="Which of their goals does it serve? (optional)",
        queryset=Goal.objects.none(),
        required=False,
        empty_label="None of them",
        error_messages={"invalid_choice": "Choose one of their goals from the list"},
    )

    def __init__(
        self, *args: Any, people: list[User], goals: list[Goal] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        assert isinstance(goal, GoalChoiceField)  # noqa: S101 - narrows the type for mypy
        goal.queryset = Goal.objects.filter(pk__in=[g.pk for g in goals or []])
        owner = self.fields["action_owner"]
        assert isinstance(owner, StaffChoiceField)  # noqa: S101 - narrows the type for mypy
        owner.queryset = User.objects.filter(pk__in=[p.pk for p in people])
        self.fields["action_due_on"].error_messages.update(
            incomplete="Enter the whole due date", invalid="The due date must be a real date"
        )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("decision"),
            Field.textarea("reason"),
            Field.textarea("explanation_for_young_person"),
            Field.text("action"),
            Field.select("action_owner"),
            Field("action_due_on"),
            *([Field.select("goal")] if goals else []),
            Submit("save", "Record the decision"),
        )


class DecisionResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="What does the young person think?",
        choices=Decision.Response.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the young person thinks"},
    )
    in_their_words = forms.CharField(
        label="In their words (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 2,000 characters or fewer"},
    )
    reason = _change_reason()

    def __init__(self, *args: Any, changing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not changing:
            del self.fields["reason"]
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("response", legend_size=Size.SMALL),
            Field.textarea("in_their_words"),
            *([Field.textarea("reason")] if changing else []),
            Submit("save", "Save their response"),
        )


def _answer(label: str, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Feedback.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


class FeedbackForm(forms.Form):
    felt_listened_to = _answer("Did you feel listened to?", "Select if they felt listened to")
    understood_decisions = _answer(
        "Did you understand what was decided?", "Select if they understood what was decided"
    )
    had_a_say = _answer("Did you have a say?", "Select if they had a say")
    what_would_make_it_better = forms.CharField(
        label="What would make it better next time? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("felt_listened_to", legend_size=Size.SMALL, inline=True),
            Field.radios("understood_decisions", legend_size=Size.SMALL, inline=True),
            Field.radios("had_a_say", legend_size=Size.SMALL, inline=True),
            Field.textarea("what_would_make_it_better"),
            Submit("save", "Save their feedback"),
        )


SCALE_CHOICES = [("", "Not reviewed"), *[(str(n), str(n)) for n in range(11)]]


class GoalReviewForm(forms.Form):
    """For each goal in hand: where it stands in their words, and their number from 0 to 10."""

    def __init__(self, *args: Any, goals: list[Goal], initial_reviews: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        fieldsets = []
        for goal in goals:
            review = initial_reviews.get(goal.pk)
            self.fields[f"words_{goal.pk}"] = forms.CharField(
                label="Where it stands, in their words",
                required=False,
                max_length=500,
                initial=review.where_it_stands if review else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": "Keep this to 500 characters or fewer"},
            )
            self.fields[f"scale_{goal.pk}"] = forms.TypedChoiceField(
                label="The number they chose, from 0 (not started) to 10 (done)",
                choices=SCALE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(review.scale) if review else "",
            )
            fieldsets.append(
                Fieldset(
                    Field.textarea(f"words_{goal.pk}"),
                    Field.select(f"scale_{goal.pk}"),
                    legend=f"“{goal.in_their_words}”",
                    legend_size=Size.SMALL,
                )
            )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(*fieldsets, Submit("save", "Save the review"))

    def reviews(self) -> list[tuple[Goal, str, int | None]]:
        return [
            (goal, self.cleaned_data[f"words_{goal.pk}"], self.cleaned_data[f"scale_{goal.pk}"])
            for goal in self.goals
        ]


class InformationPackForm(forms.Form):
    text = _text("The information", "Write the information for the young person", 10_000)
    easy_read_text = _text(
        "The easy-read version",
        "Write the easy-read version",
        5_000,
        "Short lines, one idea each, everyday words.",
    )

    def __init__(self, *args: Any, next_version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("text", "easy_read_text"):
            self.fields[name].widget.attrs["rows"] = 14
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("text"),
            Field.textarea("easy_read_text"),
            Submit("share", f"Share version {next_version} with the young person"),
        )


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Agency",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Choose an agency",
        error_messages={
            "required": "Select the agency",
            "invalid_choice": "Select the agency from the list",
        },
    )
    role = forms.CharField(
        label="Role of the person coming",
        help_text="Their role, not their name. For example, school nurse.",
        max_length=120,
        error_messages={
            "required": "Enter the role of the person coming",
            "max_length": "Keep the role to 120 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("organisation"), Field.text("role"), Submit("invite", "Invite")
        )


class ChairIntroductionForm(forms.Form):
    first_name = forms.CharField(
        label="Your first name, as young people will call you",
        max_length=60,
        error_messages={
            "required": "Enter your first name",
            "max_length": "Keep your name to 60 characters or fewer",
        },
    )
    about = forms.CharField(
        label="What you do, in plain words",
        help_text="For example: I make sure everyone at the meeting listens to you, and that "
        "we agree what will help. Keep it short and warm.",
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say in a sentence what you do",
            "max_length": "Keep this to 600 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("first_name", field_width=20),
            Field.textarea("about"),
            Submit("save", "Save"),
        )


class RequestAnswerForm(forms.Form):
    commitment = forms.ChoiceField(
        label="Will you do this?",
        choices=YoungPersonRequest.Commitment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you will do this"},
    )
    answer = forms.CharField(
        label="Your answer, written for them",
        help_text="They read this in Your say. Use plain, warm words, and say what happens next.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Write your answer for the young person",
            "max_length": "Keep your answer to 2000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: list[Any] = [Field.textarea("answer")]
        if kind == YoungPersonRequest.Kind.RESPECTED:
            self.fields["answer"].label = "What you will do, or why you cannot, written for them"
            fields.insert(0, Field.radios("commitment", legend_size=Size.SMALL))
        else:
            del self.fields["commitment"]
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(*fields, Submit("send", "Send answer"))
