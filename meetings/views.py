from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.access import SignedInRequest, staff_view
from accounts.roles import Role
from audit.services import Action, young_person_open
from config.forms import add_service_errors
from participation.selectors import staff_choosable

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
    form = MeetingScheduleForm(request.POST or None, chairs=staff_choosable(roles=[Role.CSE_LEAD]))
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
            add_service_errors(form, error, {"scheduled_at": "date"})
        else:
            messages.success(request, "Meeting scheduled. The chair has been told.")
            return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "meetings/schedule.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )
