from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.access import SignedInRequest, staff_view
from audit.services import Action, young_person_open
from config.forms import saved_by_service
from meetings.selectors import meetings_for_young_person
from participation.selectors import is_on_case_team

from . import selectors, services
from .forms import AdvocacyEventForm
from .models import NEXT_ADVOCACY_STATES


@staff_view
def advocacy(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """Where advocacy stands for a young person, its history, and the next step."""
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="advocacy",
    )
    latest = selectors.advocacy_latest(young_person=young_person)
    form = AdvocacyEventForm(
        request.POST if request.method == "POST" else None,
        states=sorted(NEXT_ADVOCACY_STATES[latest.state if latest else None]),
        meetings=list(meetings_for_young_person(user=request.user, young_person=young_person)),
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.advocacy_event_record(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, f"Recorded: {saved.get_state_display().lower()}.")
        return redirect("advocacy:advocacy", young_person_id=young_person.pk)
    return render(
        request,
        "advocacy/advocacy.html",
        {
            "young_person": young_person,
            "latest": latest,
            "history": selectors.advocacy_history(user=request.user, young_person=young_person),
            "form": form,
            "can_record": is_on_case_team(user=request.user, young_person=young_person),
        },
        status=400 if form.errors else 200,
    )
