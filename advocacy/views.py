from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import SignedInRequest, staff_view
from accounts.roles import Role
from audit.services import Action
from config.forms import saved_by_service
from meetings.selectors import meeting_open, meetings_for_young_person
from meetings.services import agenda_item_propose_on_behalf
from meetings.views import meeting_form_page
from participation.models import YoungPerson
from participation.selectors import is_on_case_team, staff_choosable, young_person_open

from . import selectors, services
from .forms import (
    AdvocacyEventForm,
    AssignForm,
    AssignmentEndForm,
    OnBehalfItemForm,
    RepresentationForm,
)
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
            "assignments": selectors.assignments_for(young_person=young_person),
            "peer_asked": selectors.peer_support_asked(young_person=young_person),
            "form": form,
            "can_record": is_on_case_team(user=request.user, young_person=young_person),
        },
        status=400 if form.errors else 200,
    )


def _case_team_form(
    request: SignedInRequest, young_person: YoungPerson, form: object, heading: str
) -> HttpResponse:
    return render(
        request,
        "advocacy/form.html",
        {"young_person": young_person, "form": form, "heading": heading},
        status=400 if getattr(form, "errors", None) else 200,
    )


@staff_view
def assign(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="advocate assignment",
    )
    form = AssignForm(
        request.POST if request.method == "POST" else None,
        advocates=staff_choosable(roles=[Role.ADVOCATE]),
        initial={
            "starts_on": timezone.localdate(),
            # From "Match a peer supporter": the kind already chosen.
            "advocate_type": request.GET.get("advocate_type", ""),
        },
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.advocate_assign(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, "Advocate assigned.")
        return redirect("advocacy:advocacy", young_person_id=young_person.pk)
    return _case_team_form(request, young_person, form, "Assign an advocate")


@staff_view
def assignment_end(
    request: SignedInRequest, young_person_id: UUID, assignment_id: UUID
) -> HttpResponse:
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="advocate assignment",
    )
    assignment = selectors.assignment_get(young_person=young_person, assignment_id=assignment_id)
    form = AssignmentEndForm(
        request.POST if request.method == "POST" else None,
        initial={"ends_on": timezone.localdate()},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.advocate_assignment_end(
            actor=request.user, assignment=assignment, ends_on=form.cleaned_data["ends_on"]
        ),
    )
    if saved is not None:
        messages.success(request, "Assignment ended. From the end date they see nothing more.")
        return redirect("advocacy:advocacy", young_person_id=young_person.pk)
    return _case_team_form(request, young_person, form, f"End: {assignment}")


@staff_view
def representation_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = meeting_open(
        request=request, meeting_id=meeting_id, what="views presented by an advocate"
    )
    form = RepresentationForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.representation_record(
            actor=request.user, meeting=meeting, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, "Saved. The young person can read it and agree the wording.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Their views, presented by you")


@staff_view
def agenda_on_behalf(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="agenda")
    form = OnBehalfItemForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: agenda_item_propose_on_behalf(
            actor=request.user, meeting=meeting, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, "Added to the agenda, shown as from their advocate.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Add an item on their behalf")
