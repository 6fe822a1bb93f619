from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.access import SignedInRequest, staff_view
from audit.services import Action, young_person_open

from . import services
from .forms import MeetingScheduleForm


@staff_view
def meeting_schedule(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    user = request.user
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="meeting scheduling",
    )
    form = MeetingScheduleForm(request.POST or None, chairs=services.chairs_available())
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_schedule(
                actor=user,
                young_person=young_person,
                meeting_type=form.cleaned_data["meeting_type"],
                chair=form.cleaned_data["chair"],
                scheduled_at=form.scheduled_at(),
                venue=form.cleaned_data["venue"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, "Meeting scheduled. The chair has been told.")
            return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "meetings/schedule.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )


def _add_service_errors(form: MeetingScheduleForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: against its field where there is one."""
    fields = {"scheduled_at": "date", "chair": "chair", "venue": "venue"}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(fields.get(name), errors)
    else:
        form.add_error(None, error)
