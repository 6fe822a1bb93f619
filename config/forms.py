"""Form pieces shared by every app."""

from collections.abc import Callable
from datetime import date

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.models import User


class RealDateField(DateInputField):
    """GOV.UK date input that answers an impossible date (31 2 2027) with a plain message."""

    def compress(self, data_list: list[str]) -> date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def date_field(label: str, help_text: str, required_message: str) -> RealDateField:
    """A required GOV.UK date, with messages that name it."""
    field = RealDateField(label=label, help_text=help_text, require_all_fields=False)
    field.error_messages.update(
        required=required_message,
        incomplete=required_message,
        invalid=f"{label} must be a real date",
    )
    return field


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.organisation})" if obj.organisation else obj.full_name


def add_service_errors(
    form: forms.Form, error: ValidationError, fields: dict[str, str] | None = None
) -> None:
    """Show a service's refusal on the form: against its field where there is one.

    `fields` maps a service's field names to the form's where they differ.
    """
    fields = fields or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = fields.get(name, name)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error)


def saved_by_service[T](
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], T],
    fields: dict[str, str] | None = None,
) -> T | None:
    """Run a posted, valid form through its service: the result, or None with the service's
    refusal shown on the form (nothing is saved when a service refuses)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        add_service_errors(form, error, fields)
        return None
