from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import SignedInRequest, power_refused, staff_view
from accounts.roles import Role
from advocacy.selectors import preparation_checklist, representations_for
from audit.services import Action
from config.forms import add_service_errors, saved_by_service
from participation.models import Goal
from participation.powers import meeting_schedule_allowed, request_answer_allowed
from participation.selectors import (
    goals_for,
    people_invitable,
    staff_choosable,
    young_person_is_visible,
    young_person_open,
)
from participation.services import CASE_WORKER_ROLES

from . import selectors, services
from .forms import (
    AgendaItemForm,
    ChairIntroductionForm,
    DecisionForm,
    DecisionResponseForm,
    FeedbackForm,
    GoalReviewForm,
    InformationPackForm,
    InvitationForm,
    MeetingCancelForm,
    MeetingMoveForm,
    MeetingScheduleForm,
    PreparationForm,
    RequestAnswerForm,
    YoungPersonViewsForm,
)
from .models import (
    CAN_MOVE_OR_CANCEL,
    NEXT_STATUSES,
    STEP_STATES,
    AgendaItem,
    Meeting,
    PreparationStep,
    YoungPersonViews,
)
from .selectors import meeting_open
from .services import DECIDED_STATUSES, HAPPENED_STATUSES


@staff_view
def meeting_schedule(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    user = request.user
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="meeting scheduling",
    )
    if not meeting_schedule_allowed(actor=user, young_person=young_person):
        return power_refused(
            request,
            "Only someone on the young person's case team can schedule a meeting about them.",
            reverse("participation:young-person", args=[young_person.pk]),
        )
    form = MeetingScheduleForm(
        request.POST if request.method == "POST" else None,
        # Nobody chairs a meeting they arrange.
        chairs=[chair for chair in staff_choosable(roles=[Role.CSE_LEAD]) if chair.pk != user.pk],
        invitable=people_invitable(young_person=young_person),
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.meeting_schedule(
            actor=user,
            young_person=young_person,
            meeting_type=form.cleaned_data["meeting_type"],
            chair=form.cleaned_data["chair"],
            scheduled_at=form.scheduled_at(),
            venue=form.cleaned_data["venue"],
            people=form.cleaned_data["people"],
        ),
        fields={"scheduled_at": "date"},
    )
    if saved is not None:
        messages.success(request, "Meeting scheduled. The chair has been told.")
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "meetings/schedule.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )


@staff_view
def meeting_detail(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="meeting")
    user = request.user
    can_open_record = young_person_is_visible(user=user, young_person_id=meeting.young_person_id)
    # What they asked is for their record's readers, never an advocate's view of the meeting.
    asked = selectors.requests_about_meeting(meeting=meeting) if can_open_record else []
    agenda = selectors.agenda_for(user=user, meeting=meeting)
    decisions = selectors.decisions_for(user=user, meeting=meeting)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "can_prepare": selectors.meeting_can_prepare(user=user, meeting=meeting),
            "checklist": preparation_checklist(meeting=meeting),
            "due_soon": selectors.preparation_due_soon(meeting=meeting),
            "is_chair": meeting.chair_id == user.pk,
            "information_outdated": meeting.chair_id == user.pk
            and selectors.information_outdated(meeting=meeting),
            "next_statuses": [Meeting.Status(s) for s in NEXT_STATUSES[meeting.status]],
            "can_move_or_cancel": meeting.status in CAN_MOVE_OR_CANCEL,
            "changes": selectors.meeting_changes(meeting=meeting),
            "views": selectors.young_person_views_for(user=user, meeting=meeting),
            "representations": representations_for(user=user, meeting=meeting),
            "is_advocate": selectors.meeting_is_advocated_by(user=user, meeting=meeting),
            "decisions": decisions,
            "outcomes": selectors.you_said_we_did(
                meeting=meeting, agenda=agenda, decisions=decisions
            ),
            "can_decide": meeting.chair_id == user.pk and meeting.status in DECIDED_STATUSES,
            "feedback": selectors.feedback_for(user=user, meeting=meeting),
            "goals_item_offered": selectors.goals_item_offered(meeting=meeting),
            "goal_reviews": selectors.goal_reviews_for(meeting=meeting) if can_open_record else [],
            "after_meeting": meeting.status in HAPPENED_STATUSES,
            "outcome_choices": AgendaItem.Outcome.choices,
            "invitations": selectors.invitations_for(meeting=meeting),
            "people_invited": selectors.people_invited_for(meeting=meeting),
            "can_open_record": can_open_record,
            "asked": asked,
            "how_they_come": selectors.how_they_come(meeting=meeting, asked=asked),
            "words_changes": selectors.their_words_changes(meeting=meeting)
            if can_open_record
            else [],
        },
    )


def meeting_form_page(
    request: SignedInRequest,
    meeting: Meeting,
    form: forms.Form,
    heading: str,
    saved: AgendaItem | None = None,
    saved_views: YoungPersonViews | None = None,
) -> HttpResponse:
    """A form about one meeting; `saved…` is the other person's version after a stale save."""
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": heading,
            "saved": saved,
            "saved_views": saved_views,
        },
        status=400 if form.errors else 200,
    )


@staff_view
def agenda_item_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="agenda")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    form = AgendaItemForm(
        request.POST if request.method == "POST" else None,
        submit_label="Add to the agenda",
        initial={"visibility": AgendaItem.Visibility.SHARED},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.agenda_item_add(actor=request.user, meeting=meeting, **form.item_fields()),
    )
    if saved is not None:
        messages.success(request, "Item added to the agenda.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Add an agenda item")


@staff_view
def agenda_item_edit(request: SignedInRequest, meeting_id: UUID, item_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="agenda")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    item = selectors.agenda_item_get_for_user(user=request.user, meeting=meeting, item_id=item_id)
    current = {name: getattr(item, name) for name in AgendaItemForm.base_fields}
    their_words = item.proposed_by in services.THEIR_OWN_ITEMS
    form = AgendaItemForm(
        request.POST if request.method == "POST" else None,
        submit_label="Save changes",
        initial=current,
        their_words=their_words,
    )
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
            form = AgendaItemForm(
                data, submit_label="Save changes", initial=current, their_words=their_words
            )
            form.is_valid()
            add_service_errors(form, error)
            return meeting_form_page(request, meeting, form, "Change an agenda item", item)
        messages.success(request, "Agenda item saved.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Change an agenda item")


@staff_view
def preparation_update(request: SignedInRequest, meeting_id: UUID, step: str) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="preparation")
    if step not in STEP_STATES or not selectors.meeting_can_prepare(
        user=request.user, meeting=meeting
    ):
        raise Http404
    form = PreparationForm(
        request.POST if request.method == "POST" else None,
        step=step,
        initial={"happened_on": timezone.localdate()},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.preparation_record(
            actor=request.user, meeting=meeting, step=step, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, f"{PreparationStep(step).label}: saved.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, PreparationStep(step).label)


def _open_meeting_as_chair(request: SignedInRequest, meeting_id: UUID, what: str) -> Meeting:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what=what)
    if meeting.chair_id != request.user.pk:
        raise Http404
    return meeting


@staff_view
def meeting_advance(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    """The chair moves the meeting to its next step (a POST from the meeting page)."""
    meeting = _open_meeting_as_chair(request, meeting_id, "meeting status")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        meeting = services.meeting_status_advance(
            actor=request.user, meeting=meeting, to_status=request.POST.get("to_status", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The meeting is now {meeting.get_status_display().lower()}.")
    return redirect("meetings:meeting", meeting_id=meeting.pk)


@staff_view
def meeting_move(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _open_meeting_as_chair(request, meeting_id, "meeting move")
    local = timezone.localtime(meeting.scheduled_at)
    form = MeetingMoveForm(
        request.POST if request.method == "POST" else None,
        initial={
            "date": local.date(),
            "start_time": local.strftime("%H:%M"),
            "venue": meeting.venue,
        },
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.meeting_move(
            actor=request.user,
            meeting=meeting,
            scheduled_at=form.scheduled_at(),
            venue=form.cleaned_data["venue"],
            reason_for_young_person=form.cleaned_data["reason_for_young_person"],
        ),
        fields={"scheduled_at": "date"},
    )
    if saved is not None:
        messages.success(request, "The meeting has been moved.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Move the meeting")


@staff_view
def meeting_cancel(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _open_meeting_as_chair(request, meeting_id, "meeting cancellation")
    form = MeetingCancelForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.meeting_cancel(actor=request.user, meeting=meeting, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, "The meeting has been cancelled.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Cancel the meeting")


@staff_view
def young_person_views_edit(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="young person's views")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    current = selectors.young_person_views_for(user=request.user, meeting=meeting)
    initial = (
        {"text": current.text, "source": current.source, "version": current.version}
        if current
        else {"version": 0}
    )
    form = YoungPersonViewsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        changing=current is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.young_person_views_save(
                actor=request.user,
                meeting=meeting,
                text=form.cleaned_data["text"],
                source=form.cleaned_data["source"],
                expected_version=form.cleaned_data["version"] or 0,
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            saved = selectors.young_person_views_for(user=request.user, meeting=meeting)
            data = request.POST.copy()
            data["version"] = str(saved.version if saved else 0)
            form = YoungPersonViewsForm(data, changing=saved is not None)
            form.is_valid()
            add_service_errors(form, error)
            return meeting_form_page(
                request, meeting, form, "The young person's views", saved_views=saved
            )
        messages.success(request, "Their views are saved.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "The young person's views")


@staff_view
def decision_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _open_meeting_as_chair(request, meeting_id, "decisions")
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        people=staff_choosable(roles=CASE_WORKER_ROLES),
        goals=_goals_in_hand(meeting),
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.decision_record(actor=request.user, meeting=meeting, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, "Decision recorded.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Record a decision")


@staff_view
def decision_response(
    request: SignedInRequest, meeting_id: UUID, decision_id: UUID
) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="decisions")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    decision = selectors.decision_get_for_user(
        user=request.user, meeting=meeting, decision_id=decision_id
    )
    answered = bool(decision.young_person_response)
    form = DecisionResponseForm(
        request.POST if request.method == "POST" else None,
        initial={
            "response": decision.young_person_response,
            "in_their_words": decision.response_in_their_words,
        },
        changing=answered,
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.decision_response_record(
            actor=request.user, decision=decision, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, "Their response is saved.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Their response to a decision")


@staff_view
def agenda_item_outcome(request: SignedInRequest, meeting_id: UUID, item_id: UUID) -> HttpResponse:
    """The chair marks an item discussed or carried forward (a POST from the meeting page)."""
    meeting = _open_meeting_as_chair(request, meeting_id, "agenda")
    item = selectors.agenda_item_get_for_user(user=request.user, meeting=meeting, item_id=item_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.agenda_item_outcome_set(
            actor=request.user, item=item, outcome=request.POST.get("outcome", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("meetings:meeting", meeting_id=meeting.pk)


def _goals_in_hand(meeting: Meeting) -> list[Goal]:
    return [g for g in goals_for(young_person=meeting.young_person) if g.archived_at is None]


@staff_view
def goals_agenda_item_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    """Put "Your goals" on the agenda (a POST from the meeting page)."""
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="agenda")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.goals_agenda_item_add(actor=request.user, meeting=meeting)
        messages.success(request, "Their goals are on the agenda.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('meetings:meeting', args=[meeting.pk])}#agenda")


@staff_view
def goal_review(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    """Review their goals with them at a held meeting: their words, and their number."""
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="goals review")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    goals = _goals_in_hand(meeting)
    form = GoalReviewForm(
        request.POST if request.method == "POST" else None,
        goals=goals,
        initial_reviews={r.goal_id: r for r in selectors.goal_reviews_for(meeting=meeting)},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.goal_reviews_record(
            actor=request.user, meeting=meeting, reviews=form.reviews()
        ),
    )
    if saved is not None:
        messages.success(request, "The review of their goals is saved.")
        return redirect(f"{reverse('meetings:meeting', args=[meeting.pk])}#goals")
    return meeting_form_page(request, meeting, form, "Review their goals")


@staff_view
def feedback_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="feedback")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.feedback_record(actor=request.user, meeting=meeting, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, "Their feedback is saved. Thank them for it.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Their feedback on the meeting")


@staff_view
def print_young_persons_agenda(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    """The young person's agenda to print: shared items only, under a neutral title."""
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="printed agenda")
    return render(
        request,
        "meetings/print_young_persons_agenda.html",
        {"meeting": meeting, **selectors.young_persons_agenda(meeting=meeting)},
    )


@staff_view
def print_professionals_pack(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="professionals' pack")
    user = request.user
    if not young_person_is_visible(user=user, young_person_id=meeting.young_person_id):
        raise Http404
    asked = selectors.requests_about_meeting(meeting=meeting)
    return render(
        request,
        "meetings/print_professionals_pack.html",
        {
            "meeting": meeting,
            "agenda": selectors.agenda_for(user=user, meeting=meeting),
            "views": selectors.young_person_views_for(user=user, meeting=meeting),
            "representations": representations_for(user=user, meeting=meeting),
            "checklist": preparation_checklist(meeting=meeting),
            "decisions": selectors.decisions_for(user=user, meeting=meeting),
            "asked": asked,
            "how_they_come": selectors.how_they_come(meeting=meeting, asked=asked),
            "goals": selectors.goals_with_latest_review(young_person=meeting.young_person),
        },
    )


@staff_view
def information_pack(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    """Pre-meeting information: the chair edits and shares it; every shared version is kept."""
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="pre-meeting information")
    user = request.user
    if not selectors.meeting_can_prepare(user=user, meeting=meeting):
        raise Http404
    packs = selectors.information_packs(meeting=meeting)
    form = None
    update = None
    if meeting.chair_id == user.pk:
        # The last version shared, brought up to date with the meeting: the chair reads what
        # changed and shares it as it is, or edits it first.
        update = (
            selectors.information_pack_update(meeting=meeting, last=packs[0])
            if packs and meeting.status in CAN_MOVE_OR_CANCEL
            else None
        )
        if update is not None:
            text, easy_read = update.text, update.easy_read_text
        elif packs:
            text, easy_read = packs[0].text, packs[0].easy_read_text
        else:
            text, easy_read = selectors.information_pack_draft(meeting=meeting)
        form = InformationPackForm(
            request.POST if request.method == "POST" else None,
            initial={"text": text, "easy_read_text": easy_read},
            next_version=packs[0].version + 1 if packs else 1,
        )
        if request.method == "POST" and form.is_valid():
            try:
                pack = services.information_pack_share(
                    actor=user, meeting=meeting, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Version {pack.version} is shared.")
                return redirect("meetings:information", meeting_id=meeting.pk)
    elif request.method == "POST":
        return HttpResponseNotAllowed(["GET"])  # the case team reads; the chair shares
    return render(
        request,
        "meetings/information_pack.html",
        {"meeting": meeting, "form": form, "packs": packs, "update": update},
        status=400 if form is not None and form.errors else 200,
    )


@staff_view
def invitation_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _open_meeting_as_chair(request, meeting_id, "invitations")
    form = InvitationForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.invitation_add(actor=request.user, meeting=meeting, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, "Agency invited.")
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    return meeting_form_page(request, meeting, form, "Invite an agency")


@staff_view
def agenda_item_move_up(request: SignedInRequest, meeting_id: UUID, item_id: UUID) -> HttpResponse:
    meeting = meeting_open(request=request, meeting_id=meeting_id, what="agenda")
    if not selectors.meeting_can_prepare(user=request.user, meeting=meeting):
        raise Http404
    item = selectors.agenda_item_get_for_user(user=request.user, meeting=meeting, item_id=item_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.agenda_item_move_up(actor=request.user, item=item)
    return redirect(f"{reverse('meetings:meeting', args=[meeting.pk])}#agenda")


@staff_view
def chair_introduction(request: SignedInRequest) -> HttpResponse:
    """A CSE lead's introduction of themselves, for the young people whose meetings they run."""
    if not request.user.has_role(Role.CSE_LEAD):
        raise Http404
    introduction = selectors.chair_introduction_for(chair=request.user)
    form = ChairIntroductionForm(
        request.POST if request.method == "POST" else None,
        initial={"first_name": introduction.first_name, "about": introduction.about}
        if introduction
        else {"first_name": request.user.first_name},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.chair_introduction_save(actor=request.user, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, "Your introduction is saved. Young people will see it.")
        return redirect("home")
    return render(
        request,
        "meetings/chair_introduction.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_view
def request_answer(request: SignedInRequest, asked_id: UUID) -> HttpResponse:
    """The owner answers what a young person asked, in words written for them."""
    asked = selectors.request_open_for_user(
        request=request,
        request_id=asked_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
    )
    back = reverse("participation:young-person", args=[asked.young_person_id])
    if not request_answer_allowed(actor=request.user, owner=asked.owner):
        return power_refused(
            request,
            f"{services.ANSWER_REFUSED} This was given to {asked.owner.full_name}.",
            back,
        )
    form = RequestAnswerForm(request.POST if request.method == "POST" else None, kind=asked.kind)
    answered = saved_by_service(
        request,
        form,
        lambda: services.request_answer(actor=request.user, request=asked, **form.cleaned_data),
    )
    if answered is not None:
        messages.success(request, "Your answer is sent. They will see it in Your say.")
        return redirect("home")
    return render(
        request,
        "meetings/request_answer.html",
        {"form": form, "asked": asked},
        status=400 if form.errors else 200,
    )
