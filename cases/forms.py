from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from participation.models import CaseClosure
from participation.services import LONGEST_TEXT, TOO_LONG


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is the case closing?",
        choices=CaseClosure.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the case is closing"},
    )
    details = forms.CharField(
        label="More about why",
        help_text="Needed if you chose Other. Where they have moved to, or who now supports them.",
        required=False,
        max_length=LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("reason", legend_size=Size.SMALL),
            Field.textarea("details"),
            Submit("close", "Close the case", css_class="govuk-button--warning"),
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why is the case reopening?",
        max_length=LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Explain in a sentence why the case is reopening",
            "max_length": TOO_LONG,
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.textarea("reason"), Submit("reopen", "Reopen the case"))


class SubjectAccessForm(forms.Form):
    format = forms.ChoiceField(
        label="What do you want to make?",
        choices=[
            ("html", "A readable copy, to check and print"),
            ("json", "The data, as a file a computer can read (JSON)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to make", "invalid_choice": "Choose what to make"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("format", legend_size=Size.MEDIUM), Submit("make", "Make the export")
        )
