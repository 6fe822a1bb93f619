from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from config.forms import date_field

from .models import Involvement, Opportunity, Output


def _text(label: str, required: str, limit: int, help_text: str = "", rows: int = 3) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": required,
            "max_length": f"Keep this to {limit:,} characters or fewer",
        },
    )


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of opportunity is it?",
        choices=Opportunity.Kind.choices,
        error_messages={"required": "Choose what kind of opportunity it is"},
        widget=forms.RadioSelect,
    )
    title = _text("Its name", "Give it a name", 120, "Young people will read this.", rows=0)
    what_it_involves = _text(
        "What it involves", "Say what it involves", 1000, "Plain words: what they would do."
    )
    when_and_where = _text("When and where", "Say when and where", 300, rows=0)
    support_and_recognition = _text(
        "Support and recognition offered",
        "Say what support and recognition is offered",
        500,
        "For example: travel paid, a voucher, a certificate, a reference.",
    )
    who_may_be_invited = _text(
        "Who may be invited",
        "Say who may be invited",
        300,
        "For example: 14 to 19, whether or not their case is open.",
        rows=0,
    )
    what_could_go_wrong = _text(
        "What could go wrong", "Say what could go wrong", 1000, "So it can be planned for."
    )
    how_it_is_managed = _text("How it is managed", "Say how it is managed", 1000)
    who_they_can_go_to = _text(
        "Who they can go to", "Say who they can go to", 300, "A name and a role.", rows=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("title"),
            Field.textarea("what_it_involves"),
            Field.text("when_and_where"),
            Field.textarea("support_and_recognition"),
            Field.text("who_may_be_invited"),
            Field.textarea("what_could_go_wrong"),
            Field.textarea("how_it_is_managed"),
            Field.text("who_they_can_go_to"),
            Submit("save", "Create the opportunity"),
        )


class OpportunityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_kind_display()}, {obj.organisation})"


class OfferForm(forms.Form):
    opportunity = OpportunityChoiceField(
        label="Which opportunity?",
        queryset=Opportunity.objects.none(),
        empty_label="Choose one",
        error_messages={
            "required": "Choose an opportunity",
            "invalid_choice": "Choose an opportunity from the list",
        },
    )

    def __init__(self, *args: Any, opportunities: list[Opportunity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opportunity"]
        assert isinstance(field, OpportunityChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = Opportunity.objects.filter(
            pk__in=[o.pk for o in opportunities]
        ).select_related("organisation")
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.select("opportunity"), Submit("save", "Offer it"))


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Would you like to take part?",
        choices=[
            (Involvement.Answer.YES, "Yes, I'd like to"),
            (Involvement.Answer.NO, "No thanks"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )
    reason = forms.CharField(
        label="Anything you want to tell us about why? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to 500 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("answer", legend_size=Size.SMALL),
            Field.textarea("reason"),
            Submit("save", "Send"),
        )


class ContributionForm(forms.Form):
    session_on = date_field(
        "The session's date", "For example, 14 3 2027", "Enter the session's date"
    )
    in_their_words = _text(
        "What they contributed, in their words",
        "Write what they contributed, in their words",
        1000,
        "As they would say it. They can read it in the portal.",
    )
    support_given = forms.CharField(
        label="Support given (optional)",
        required=False,
        max_length=300,
        help_text="For example: travel paid, a voucher.",
        error_messages={"max_length": "Keep this to 300 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field("session_on"),
            Field.textarea("in_their_words"),
            Field.text("support_given"),
            Submit("save", "Save"),
        )


class OutputForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=Output.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it is"},
    )
    title = _text("Its title", "Give it a title", 200, rows=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("title"),
            Submit("save", "Add it"),
        )


class PreparationForm(forms.Form):
    """Getting ready for public or political work, talked through with the young person."""

    what_others_may_know = forms.CharField(
        label="What they want others to know about them, now and in the future",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to 1,000 characters or fewer"},
    )
    risks_and_benefits_talked_through = forms.BooleanField(
        label="We have talked through the risks and the benefits", required=False
    )
    clumsy_questions_talked_through = forms.BooleanField(
        label="We have talked through how to handle clumsy questions", required=False
    )
    group_statement = forms.CharField(
        label="A group statement they are happy to share",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to 1,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("what_others_may_know"),
            Field.checkbox("risks_and_benefits_talked_through"),
            Field.checkbox("clumsy_questions_talked_through"),
            Field.textarea("group_statement"),
            Submit("save", "Save"),
        )


class ReferenceForm(forms.Form):
    letter = _text(
        "Their reference letter",
        "Write their reference letter",
        3000,
        "What they did and what they brought, for a college, a job or a course. The letter "
        "names them only as they chose; do not write their name in it.",
        rows=10,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.textarea("letter"), Submit("save", "Save the letter"))


class ReferenceAskForm(forms.Form):
    """No fields: pressing the button is the ask. Its helper shows a refusal as an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()


class CreditNameForm(forms.Form):
    credit_name = forms.CharField(
        label="How do you want to be credited? (optional)",
        help_text="Exactly as you want it on reports, films, slides, certificates and letters: "
        "your name, your initials, or a name you choose. Leave it empty not to be named.",
        required=False,
        max_length=120,
        error_messages={"max_length": "Keep this to 120 characters or fewer"},
    )

    def __init__(self, *args: Any, keeping: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("credit_name", field_width=20),
            Submit("save", "Keep taking part" if keeping else "Save"),
        )


class QuestionForm(forms.Form):
    in_their_words = _text(
        "Your question",
        "Write your question",
        500,
        "The people who run it will read it and answer you here. They will not see your name.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.textarea("in_their_words"))


class QuestionAnswerForm(forms.Form):
    answer = _text(
        "Your answer",
        "Write your answer",
        1000,
        "In plain words. They read it in the portal.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.textarea("answer"), Submit("save", "Send the answer"))
