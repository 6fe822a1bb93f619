from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import SignedInRequest, staff_view
from accounts.roles import Role
from audit.services import Action, opened, young_person_open
from config.forms import add_service_errors
from participation.selectors import staff_choosable, young_person_is_visible

from . import selectors, services
from .forms import AgendaItemForm, MeetingScheduleForm, PreparationForm
from .models import STEP_STATES, AgendaItem, Meeting, PreparationStep


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


def _open_meeting(request: SignedInRequest, meeting_id: UUID, what: str) -> Meeting:
    user = request.user
    return opened(
        request=request,
        load=lambda: selectors.meeting_get_for_user(user=user, meeting_id=meeting_id),
        young_person_of=lambda meeting: meeting.young_person_id,
        requested_id=meeting_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what=what,
    )


@staff_view
def meeting_detail(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _open_meeting(request, meeting_id, "meeting")
    user = request.user
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "agenda": selectors.agenda_for(user=user, meeting=meeting),
            "can_prepare": selectors.meeting_can_prepare(user=user, meeting=meeting),
            "checklist": selectors.preparation_checklist(meeting=meeting),
            "due_soon": selectors.preparation_due_soon(meeting=meeting),
            "can_open_record": young_person_is_visible(
                user=user, young_person_id=meeting.young_person_id
            ),
        },
    )


def _agenda_item_page(
    request: SignedInRequest,
    meeting: Meeting,
    form: AgendaItemForm,
    heading: str,
    saved: AgendaItem | None = None,
) -> HttpResponse:
    """The add and edit form; `saved` is the other person's version after a stale save."""
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"form": form, "meeting": meeting, "heading": heading, "saved": saved},
        status=400 if form.errors else 200,
    )


@staff_view
def agenda_item_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _open_meeting(request, meeting_id, "agenda")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    form = AgendaItemForm(
        request.POST or None,
        submit_label="Add to the agenda",
        initial={"visibility": AgendaItem.Visibility.SHARED},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, **form.item_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Item added to the agenda.")
            return redirect("meetings:meeting", meeting_id=meeting.pk)
    return _agenda_item_page(request, meeting, form, "Add an agenda item")


@staff_view
def agenda_item_edit(request: SignedInRequest, meeting_id: UUID, item_id: UUID) -> HttpResponse:
    meeting = _open_meeting(request, meeting_id, "agenda")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    item = selectors.agenda_item_get_for_user(user=request.user, meeting=meeting, item_id=item_id)
    current = {name: getattr(item, name) for name in AgendaItemForm.base_fields}
    form = AgendaItemForm(request.POST or None, submit_label="Save changes", initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(
                actor=request.user,
                item=item,
                expected_version=form.cleaned_data["version"] or 0,
                **form.item_fields(),
            )
        except ValidationError as error:
            # Keep this person's edit, show the other person's version; a save from here
            # is made on top of it.
            item.refresh_from_db()
            data = request.POST.copy()
            data["version"] = str(item.version)
            form = AgendaItemForm(data, submit_label="Save changes")
            form.is_valid()
            add_service_errors(form, error)
            return _agenda_item_page(request, meeting, form, "Change an agenda item", item)
        messages.success(request, "Agenda item saved.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return _agenda_item_page(request, meeting, form, "Change an agenda item")


@staff_view
def preparation_update(request: SignedInRequest, meeting_id: UUID, step: str) -> HttpResponse:
    meeting = _open_meeting(request, meeting_id, "preparation")
    if step not in STEP_STATES or not selectors.meeting_can_prepare(
        user=request.user, meeting=meeting
    ):
        raise Http404
    form = PreparationForm(
        request.POST or None, step=step, initial={"happened_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preparation_record(
                actor=request.user, meeting=meeting, step=step, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{PreparationStep(step).label}: saved.")
            return redirect("meetings:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/preparation_form.html",
        {"form": form, "meeting": meeting, "heading": PreparationStep(step).label},
        status=400 if form.errors else 200,
    )
