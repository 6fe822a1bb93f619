from collections.abc import Callable
from datetime import timedelta
from uuid import UUID, uuid4

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import (
    SignedInRequest,
    power_refused,
    reauthenticate_first,
    reauthenticated,
    staff_view,
)
from accounts.roles import Role
from audit.services import Action, Outcome, access_event_record, access_events_record_many
from collective.powers import opportunity_offer_allowed
from collective.selectors import involvements_for
from config.forms import add_service_errors, saved_by_service
from consent.selectors import WORKING, name_in, reviews_due
from meetings.selectors import (
    goals_with_latest_review,
    meetings_for_young_person,
    young_people_on_case_team,
)

from . import services
from .forms import (
    AccessAnswerForm,
    AccessRequestForm,
    BreakGlassForm,
    CaseloadReassignForm,
    CaseTeamAddForm,
    CaseTeamEndForm,
    DetailsEditForm,
    FindForm,
    GoalForm,
    GoalStepForm,
    GrantForm,
    LegalHoldForm,
    PersonWhoMattersForm,
    RegisterForm,
)
from .models import LegalHold, YoungPerson
from .powers import (
    access_request_answer_allowed,
    case_close_allowed,
    case_team_change_allowed,
    caseload_move_allowed,
    goal_change_allowed,
    grant_allowed,
    legal_hold_allowed,
    record_edit_allowed,
    subject_access_export_allowed,
    young_person_register_allowed,
)
from .selectors import (
    Glimpse,
    access_request_get_for_answer,
    access_requests_mine,
    access_requests_waiting,
    break_glass_for_review,
    break_glass_get_for_review,
    case_closures,
    case_team_for,
    case_team_membership_get_for_user,
    changes_for,
    goal_open,
    goal_step_of,
    is_on_case_team,
    legal_hold_in_force,
    people_who_matter_for,
    person_who_matters_get,
    possible_duplicates,
    records_existing_elsewhere,
    staff_choosable,
    young_people_search,
    young_person_exists,
    young_person_is_visible,
    young_person_open,
)

PAGE_SIZE = 25


@staff_view
def my_young_people(request: SignedInRequest) -> HttpResponse:
    young_people = young_people_on_case_team(user=request.user)
    page = Paginator(young_people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "participation/my_young_people.html", {"page": page})


@staff_view
def young_person_detail(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    user = request.user
    young_person = young_person_open(request=request, young_person_id=young_person_id)
    return render(
        request,
        "participation/young_person.html",
        {
            "young_person": young_person,
            "case_team": case_team_for(young_person=young_person),
            "meetings": meetings_for_young_person(user=user, young_person=young_person),
            "can_schedule": is_on_case_team(user=user, young_person=young_person),
            "is_cse_lead": user.has_role(Role.CSE_LEAD),
            "can_grant": grant_allowed(actor=user, young_person=young_person),
            "can_manage_case_team": case_team_change_allowed(actor=user, young_person=young_person),
            "consent_reviews_due": reviews_due(young_person=young_person),
            "can_edit": record_edit_allowed(actor=user, young_person=young_person),
            "changes": changes_for(young_person=young_person),
            "access_requests": access_requests_waiting(young_person=young_person),
            "can_answer_requests": access_request_answer_allowed(
                actor=user, young_person=young_person
            ),
            "can_close": case_close_allowed(actor=user, young_person=young_person),
            "can_export": subject_access_export_allowed(actor=user, young_person=young_person),
            "can_hold": legal_hold_allowed(actor=user, young_person=young_person),
            "goals": goals_with_latest_review(young_person=young_person),
            "can_change_goals": goal_change_allowed(actor=user, young_person=young_person),
            "legal_hold": legal_hold_in_force(young_person=young_person),
            "closures": case_closures(young_person=young_person),
            "people_who_matter": people_who_matter_for(young_person=young_person),
            "involvements": involvements_for(young_person=young_person),
            "can_offer": opportunity_offer_allowed(actor=user, young_person=young_person),
        },
    )


def _open_case_team(request: SignedInRequest, young_person_id: UUID) -> YoungPerson:
    """The young person whose case team is to change, with the one access event."""
    return young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="case team",
    )


def _back_to_record(young_person: YoungPerson) -> str:
    return reverse("participation:young-person", args=[young_person.pk])


@staff_view
def case_team_add(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    young_person = _open_case_team(request, young_person_id)
    if not case_team_change_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.CASE_TEAM_REFUSED, _back_to_record(young_person))
    form = CaseTeamAddForm(
        request.POST if request.method == "POST" else None,
        people=staff_choosable(roles=services.CASE_WORKER_ROLES),
        initial={"starts_on": timezone.localdate()},
    )
    membership = saved_by_service(
        request,
        form,
        lambda: services.case_team_member_add(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
    )
    if membership is not None:
        messages.success(request, f"{membership.user} added to the case team.")
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "participation/case_team_add.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )


@staff_view
def case_team_end(
    request: SignedInRequest, young_person_id: UUID, membership_id: UUID
) -> HttpResponse:
    young_person = _open_case_team(request, young_person_id)
    if not case_team_change_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.CASE_TEAM_REFUSED, _back_to_record(young_person))
    membership = case_team_membership_get_for_user(
        user=request.user, young_person=young_person, membership_id=membership_id
    )
    form = CaseTeamEndForm(
        request.POST if request.method == "POST" else None,
        initial={"ends_on": timezone.localdate()},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.case_team_member_end(
            actor=request.user, membership=membership, ends_on=form.cleaned_data["ends_on"]
        ),
    )
    if saved is not None:
        messages.success(request, f"{membership.user}'s membership of the case team ends.")
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "participation/case_team_end.html",
        {"form": form, "young_person": young_person, "membership": membership},
        status=400 if form.errors else 200,
    )


@staff_view
def caseload_reassign(request: SignedInRequest) -> HttpResponse:
    """A CSE lead moves a leaver's whole caseload, within their own organisation; they see
    counts, not the young people."""
    if not request.user.has_role(Role.CSE_LEAD):
        raise Http404
    if not caseload_move_allowed(actor=request.user):
        return power_refused(request, services.CASELOAD_REFUSED)
    people = staff_choosable(
        roles=services.CASE_WORKER_ROLES, organisation_id=request.user.organisation_id
    )
    form = CaseloadReassignForm(
        request.POST if request.method == "POST" else None,
        people=people,
        # Nobody moves a caseload to themselves.
        successors=[person for person in people if person.pk != request.user.pk],
    )
    moved = saved_by_service(
        request,
        form,
        lambda: services.case_team_reassign(actor=request.user, **form.cleaned_data),
    )
    if moved is not None:
        access_events_record_many(
            request=request, action=Action.CHANGE, what="case team", young_person_ids=moved
        )
        messages.success(
            request,
            f"Moved {len(moved)} young people from {form.cleaned_data['leaver']} "
            f"to {form.cleaned_data['successor']}.",
        )
        return redirect("participation:caseload-reassign")
    return render(
        request,
        "participation/caseload_reassign.html",
        {"form": form, "organisation": request.user.organisation},
        status=400 if form.errors else 200,
    )


@staff_view
def grant_create(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """A CSE lead who leads the case grants one practitioner temporary access."""
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="access grant",
    )
    if not grant_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.GRANT_REFUSED, _back_to_record(young_person))
    form = GrantForm(
        request.POST if request.method == "POST" else None,
        people=staff_choosable(roles=services.CASE_WORKER_ROLES),
    )
    grant = saved_by_service(
        request,
        form,
        lambda: services.young_person_grant(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
    )
    if grant is not None:
        messages.success(
            request, f"{grant.user} can see this record until {grant.expires_at:%d %B %Y}."
        )
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "participation/grant_create.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )


@staff_view
def legal_hold(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """A CSE lead working with the young person sets a legal hold, or lifts the one in force:
    while it is in force, nothing about them is deleted on the retention schedule."""
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="legal hold",
    )
    if not legal_hold_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.HOLD_REFUSED, _back_to_record(young_person))
    hold = legal_hold_in_force(young_person=young_person)
    form = LegalHoldForm(request.POST if request.method == "POST" else None, lifting=bool(hold))

    def set_or_lift() -> LegalHold:
        reason = form.cleaned_data["reason"]
        if hold is not None:
            return services.legal_hold_lift(
                actor=request.user, young_person=young_person, reason=reason
            )
        return services.legal_hold_set(actor=request.user, young_person=young_person, reason=reason)

    saved = saved_by_service(request, form, set_or_lift)
    if saved is not None:
        messages.success(
            request,
            "The legal hold is lifted." if hold else "The record is on legal hold.",
        )
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "participation/legal_hold.html",
        {"form": form, "young_person": young_person, "hold": hold},
        status=400 if form.errors else 200,
    )


@staff_view
def goal_add(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """The case team writes down a goal with the young person, in their words."""
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="goals",
    )
    if not goal_change_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.GOAL_REFUSED, _back_to_record(young_person))
    form = GoalForm(request.POST if request.method == "POST" else None, for_young_person=False)
    saved = saved_by_service(
        request,
        form,
        lambda: services.goal_add(
            actor=request.user,
            young_person=young_person,
            in_their_words=form.cleaned_data["in_their_words"],
            who_helps=form.cleaned_data["who_helps"],
        ),
    )
    if saved is not None:
        messages.success(request, "Goal saved. They can see it in My goals.")
        return redirect(f"{_back_to_record(young_person)}#goals")
    return render(
        request,
        "participation/goal_form.html",
        {"form": form, "young_person": young_person, "heading": "Add a goal with them"},
        status=400 if form.errors else 200,
    )


@staff_view
def goal_step_add(request: SignedInRequest, goal_id: UUID) -> HttpResponse:
    """A small step towards one of their goals, owned by them or someone on their team."""
    goal = goal_open(
        request=request,
        goal_id=goal_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
    )
    young_person = goal.young_person
    if not goal_change_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.GOAL_REFUSED, _back_to_record(young_person))
    form = GoalStepForm(
        request.POST if request.method == "POST" else None,
        young_person_name=young_person.preferred_name,
        team=[membership.user for membership in case_team_for(young_person=young_person)],
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.goal_step_add(actor=request.user, goal=goal, **form.step_fields()),
    )
    if saved is not None:
        messages.success(request, "Step added.")
        return redirect(f"{_back_to_record(young_person)}#goals")
    return render(
        request,
        "participation/goal_form.html",
        {"form": form, "young_person": young_person, "heading": "Add a step", "goal": goal},
        status=400 if form.errors else 200,
    )


@staff_view
def goal_step_done(request: SignedInRequest, goal_id: UUID, step_id: UUID) -> HttpResponse:
    """Tick a step off with them (or back on): a POST from their record."""
    goal = goal_open(request=request, goal_id=goal_id, action=Action.CHANGE)
    step = goal_step_of(goal=goal, step_id=step_id)
    back = f"{_back_to_record(goal.young_person)}#goals"
    if not goal_change_allowed(actor=request.user, young_person=goal.young_person):
        return power_refused(request, services.GOAL_REFUSED, back)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        done = services.goal_step_done(actor=request.user, step=step)
        messages.success(request, "Step ticked off." if done.done_at else "Step marked not done.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


def _sent_for_a_record_unseen(
    request: SignedInRequest,
    form: Form,
    young_person_id: UUID,
    send: Callable[[YoungPerson], object],
    *,
    action: str,
    what: str,
) -> bool:
    """For a record the user cannot see (break-glass, asking for access): run a posted,
    valid form through its service and record the access event, allowed or refused. The
    record is looked up only now, so the form itself reveals nothing of it."""
    if request.method != "POST" or not form.is_valid():
        return False
    young_person = young_person_exists(young_person_id=young_person_id)
    try:
        send(young_person)
    except ValidationError as error:
        add_service_errors(form, error)
    access_event_record(
        request=request,
        action=action,
        outcome=Outcome.DENIED if form.errors else Outcome.ALLOWED,
        what=what,
        young_person_id=young_person_id,
    )
    return not form.errors


@staff_view
def break_glass(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """Emergency access for someone with no relationship: they confirm who they are (password
    and a current code), give a reason, and have 4 hours.

    The form shows nothing about the record, so it reveals nothing before access is given.
    """
    if young_person_is_visible(user=request.user, young_person_id=young_person_id):
        return redirect("participation:young-person", young_person_id=young_person_id)
    if not reauthenticated(request):
        return reauthenticate_first(request)
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if _sent_for_a_record_unseen(
        request,
        form,
        young_person_id,
        lambda young_person: services.break_glass_open(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
        action=Action.VIEW,
        what="break-glass",
    ):
        return redirect("participation:young-person", young_person_id=young_person_id)
    return render(
        request,
        "participation/break_glass.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_view
def break_glass_review(request: SignedInRequest) -> HttpResponse:
    """The uses this CSE lead may review; opening the list is an access event for each record
    it names."""
    if not request.user.has_role(Role.CSE_LEAD):
        raise Http404
    grants = break_glass_for_review(user=request.user)
    access_events_record_many(
        request=request,
        action=Action.VIEW,
        what="break-glass review",
        young_person_ids=[grant.content_object_id for grant in grants],
    )
    return render(
        request,
        "participation/break_glass_review.html",
        {"grants": grants, "now": timezone.now()},
    )


@staff_view
def break_glass_reviewed(request: SignedInRequest, grant_id: UUID) -> HttpResponse:
    grant = break_glass_get_for_review(user=request.user, grant_id=grant_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.break_glass_mark_reviewed(actor=request.user, grant=grant)
    access_event_record(
        request=request,
        action=Action.CHANGE,
        outcome=Outcome.ALLOWED,
        what="break-glass review",
        young_person_id=grant.content_object_id,
        object_id=grant.pk,
    )
    messages.success(request, "Marked as reviewed.")
    return redirect("participation:break-glass-review")


# Registering, finding and keeping a record true -------------------------------------------


@staff_view
def young_person_register(request: SignedInRequest) -> HttpResponse:
    """Record a new young person. Possible duplicates (same date of birth, a similar name)
    are shown, as glimpses, before anything is saved."""
    if not young_person_register_allowed(actor=request.user):
        return power_refused(request, services.REGISTER_REFUSED)
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        initial={"young_person_id": uuid4()},
    )
    # What to look for duplicates of, read before a refusal takes fields out of cleaned_data.
    typed = (
        {key: form.cleaned_data[key] for key in ("preferred_name", "legal_name", "date_of_birth")}
        if request.method == "POST" and form.is_valid()
        else None
    )
    young_person = saved_by_service(
        request,
        form,
        lambda: services.young_person_register(
            actor=request.user,
            young_person_id=form.cleaned_data["young_person_id"],
            details={
                field: form.cleaned_data[field] for field in (*services.DETAILS, *services.REFERRAL)
            },
            confirmed_new=form.cleaned_data["confirmed_new"],
        ),
    )
    if young_person is not None:
        access_event_record(
            request=request,
            action=Action.CHANGE,
            outcome=Outcome.ALLOWED,
            what="registration",
            young_person_id=young_person.pk,
        )
        messages.success(
            request,
            f"{name_in(young_person, WORKING)} is recorded. You are their lead professional.",
        )
        return redirect("participation:young-person", young_person_id=young_person.pk)
    # Not saved: show any records like this one, as glimpses, and ask if this is someone new.
    duplicates: list[Glimpse] = []
    if typed is not None:
        duplicates = possible_duplicates(user=request.user, **typed)
    if duplicates:
        form.offer_confirmation()
        access_events_record_many(
            request=request,
            action=Action.VIEW,
            what="possible duplicate",
            young_person_ids=[glimpse.young_person_id for glimpse in duplicates],
        )
    return render(
        request,
        "participation/register.html",
        {"form": form, "duplicates": duplicates},
        status=400 if form.errors else 200,
    )


@staff_view
def young_person_edit(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="details",
    )
    if not record_edit_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.EDIT_REFUSED, _back_to_record(young_person))
    form = DetailsEditForm(
        request.POST if request.method == "POST" else None,
        initial={
            "version": young_person.version,
            **{field: getattr(young_person, field) for field in services.DETAILS},
        },
    )
    changes = saved_by_service(
        request,
        form,
        lambda: services.young_person_update(
            actor=request.user,
            young_person=young_person,
            version=form.cleaned_data["version"],
            details={field: form.cleaned_data[field] for field in services.DETAILS},
        ),
    )
    if changes is not None:
        messages.success(
            request,
            f"{len(changes)} detail{'s' if len(changes) != 1 else ''} changed."
            if changes
            else "Nothing was changed.",
        )
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "participation/details_edit.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )


@staff_view
def young_people_find(request: SignedInRequest) -> HttpResponse:
    """Find a young person by name and date of birth. The form is posted, so what was typed
    stays out of addresses, browser history and server logs."""
    form = FindForm(request.POST if request.method == "POST" else None)
    found: list[YoungPerson] | None = None
    elsewhere: list[Glimpse] = []
    if request.method == "POST" and form.is_valid():
        name, born = form.cleaned_data["name"], form.cleaned_data["date_of_birth"]
        found = young_people_search(user=request.user, name=name, date_of_birth=born)
        elsewhere = records_existing_elsewhere(user=request.user, name=name, date_of_birth=born)
        access_events_record_many(
            request=request,
            action=Action.VIEW,
            what="search: a record exists",
            young_person_ids=[glimpse.young_person_id for glimpse in elsewhere],
        )
    return render(
        request,
        "participation/find.html",
        {"form": form, "found": found, "elsewhere": elsewhere},
        status=400 if form.errors else 200,
    )


@staff_view
def access_request_create(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """Ask for access to a record found by search. Like break-glass, the form shows nothing
    of the record, so it reveals nothing before access is given."""
    if young_person_is_visible(user=request.user, young_person_id=young_person_id):
        return redirect("participation:young-person", young_person_id=young_person_id)
    form = AccessRequestForm(request.POST if request.method == "POST" else None)
    if _sent_for_a_record_unseen(
        request,
        form,
        young_person_id,
        lambda young_person: services.access_request_make(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
        action=Action.CHANGE,
        what="access request",
    ):
        messages.success(request, "Your request was sent. You will be told the answer.")
        return redirect("participation:access-requests-mine")
    return render(
        request,
        "participation/access_request.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_view
def access_request_answer(
    request: SignedInRequest, young_person_id: UUID, request_id: UUID
) -> HttpResponse:
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="access request",
    )
    asked = access_request_get_for_answer(
        user=request.user, young_person=young_person, request_id=request_id
    )
    if not access_request_answer_allowed(
        actor=request.user, young_person=young_person, requester=asked.requested_by
    ):
        return power_refused(request, services.ANSWER_REFUSED, _back_to_record(young_person))
    form = AccessAnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"expires_on": timezone.localdate() + timedelta(days=7)},
    )
    answered = saved_by_service(
        request,
        form,
        lambda: services.access_request_answer(
            actor=request.user,
            request=asked,
            give=form.cleaned_data["answer"] == "give",
            expires_on=form.cleaned_data["expires_on"],
            reason=form.cleaned_data["reason"],
        ),
    )
    if answered is not None:
        messages.success(request, f"{asked.requested_by} has been told your answer.")
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "participation/access_answer.html",
        {"form": form, "young_person": young_person, "asked": asked},
        status=400 if form.errors else 200,
    )


@staff_view
def access_requests_mine_page(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "participation/access_requests_mine.html",
        {"requests": access_requests_mine(user=request.user), "now": timezone.now()},
    )


PERSON_FIELDS = (
    "name",
    "relationship",
    "may_be_contacted",
    "how_to_contact",
    "meetings",
    "must_not_be_told",
)


@staff_view
def person_who_matters(
    request: SignedInRequest, young_person_id: UUID, person_id: UUID | None = None
) -> HttpResponse:
    """Add someone who matters to the young person (no `person_id`), or change them."""
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="people who matter",
    )
    person = (
        None
        if person_id is None
        else person_who_matters_get(young_person=young_person, person_id=person_id)
    )
    if not record_edit_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.EDIT_REFUSED, _back_to_record(young_person))
    form = PersonWhoMattersForm(
        request.POST if request.method == "POST" else None,
        initial={field: getattr(person, field) for field in PERSON_FIELDS} if person else None,
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.person_who_matters_save(
            actor=request.user,
            young_person=young_person,
            person=person,
            details={field: form.cleaned_data[field] for field in PERSON_FIELDS},
        ),
    )
    if saved is not None:
        messages.success(request, f"{saved.name} saved.")
        return redirect("participation:young-person", young_person_id=young_person.pk)
    return render(
        request,
        "participation/person_who_matters.html",
        {"form": form, "young_person": young_person, "person": person},
        status=400 if form.errors else 200,
    )
