"""Powers are rules too: every management action, tried by every kind of user.

Visibility is tested by the leak matrix (test_url_access.py). This is its twin for what
people may *do*: for each management action, every user kind of the matrix, plus a CSE
lead at another agency, someone holding break-glass, someone holding a temporary grant and
a second administrator, tries it through the browser on a young person of the first
organisation. Only the rule's users change anything; everyone else is refused (404 where
they cannot see the record, a clear 403 or form error where they can) and nothing changes.

A new management view without a row fails the suite: any view that calls a power, or a
service that checks one, is a management view.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import powers as account_powers
from accounts.models import RoleChange
from accounts.roles import Role
from administration import services as administration_services
from administration.services import roles_change
from advocacy import powers as advocacy_powers
from advocacy import services as advocacy_services
from advocacy.models import AdvocateAssignment
from audit.models import AccessEvent
from cases import selectors as cases_selectors
from cases import services as cases_services
from collective import powers as collective_powers
from collective import services as collective_services
from collective.models import Contribution, Involvement, Opportunity, Output, Question
from figures import powers as figures_powers
from figures import services as figures_services
from figures.models import ServiceChange
from meetings import services as meetings_services
from meetings.models import Meeting, YoungPersonRequest
from participation import powers as case_powers
from participation import services as participation_services
from participation.models import (
    AccessRequest,
    CaseClosure,
    CaseTeamMembership,
    Goal,
    GoalStep,
    LegalHold,
    PersonWhoMatters,
    YoungPerson,
    YoungPersonUserObjectPermission,
)
from portal import services as portal_services
from portal.models import PortalInvitation
from signin import services as signin_services
from tests.factories import (
    AdvocateAssignmentFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)
from tests.signin.phone import confirmed_just_now, phone_for
from tests.test_url_access import APP_PATTERNS

USERS = [
    # The leak matrix's kinds (the in-scope practitioner is the lead professional)...
    "in_scope_practitioner",
    "out_of_scope_practitioner",
    "chair",
    "advocate_of_this_young_person",
    "advocate_of_another",
    "this_young_person",
    "another_young_person",
    "administrator",
    "deactivated_practitioner",
    "anonymous",
    # ...and the ways into access that must never become power.
    "social_worker_on_the_team",
    "cse_lead_at_another_agency",
    "break_glass_user",
    "grant_holder",
    "second_administrator",
]


@dataclass
class World:
    young_person: Any
    users: dict[str, Any]
    colleague: Any  # a practitioner at the first organisation, off the case team
    social_worker_membership: Any
    break_glass_use: Any
    waiting_role_change: Any
    other_young_person: Any


@pytest.fixture
def world():
    north, south, east = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    young_person = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    other = YoungPersonFactory(portal_user=YoungPersonAccountFactory())

    def on_team(role=CaseTeamMembership.Role.SOCIAL_WORKER, **kwargs):
        return CaseTeamMembershipFactory(
            young_person=young_person, user=StaffFactory(organisation=north), role=role, **kwargs
        )

    lead_professional = on_team(CaseTeamMembership.Role.LEAD_PROFESSIONAL).user
    social_worker_membership = on_team()
    ended = on_team(starts_on=timezone.localdate() - timedelta(days=90))
    ended.ends_on = timezone.localdate()
    ended.save()
    deactivated = on_team().user
    deactivated.is_active = False
    deactivated.save()
    chair = StaffFactory(role=Role.CSE_LEAD, organisation=north)
    MeetingFactory(young_person=young_person, chair=chair)
    administrator = StaffFactory(role=Role.ADMINISTRATOR, is_staff=True, organisation=north)
    colleague = StaffFactory(organisation=north, full_name="Casey Colleague")
    grant_holder = StaffFactory(role=Role.CSE_LEAD, organisation=south)
    participation_services.young_person_grant(
        actor=chair,
        young_person=young_person,
        user=grant_holder,
        reason="Covering",
        expires_on=timezone.localdate() + timedelta(days=3),
    )
    break_glass_user = StaffFactory(organisation=east)
    break_glass_use = participation_services.break_glass_open(
        actor=break_glass_user,
        young_person=young_person,
        reason="Missing tonight, police called",
    )
    users = {
        "in_scope_practitioner": lead_professional,
        "out_of_scope_practitioner": ended.user,
        "chair": chair,
        "advocate_of_this_young_person": AdvocateAssignmentFactory(
            young_person=young_person
        ).advocate,
        "advocate_of_another": AdvocateAssignmentFactory(young_person=other).advocate,
        "this_young_person": young_person.portal_user,
        "another_young_person": other.portal_user,
        "administrator": administrator,
        "deactivated_practitioner": deactivated,
        "anonymous": None,
        "social_worker_on_the_team": social_worker_membership.user,
        "cse_lead_at_another_agency": StaffFactory(role=Role.CSE_LEAD, organisation=south),
        "break_glass_user": break_glass_user,
        "grant_holder": grant_holder,
        "second_administrator": StaffFactory(
            role=Role.ADMINISTRATOR, is_staff=True, organisation=north
        ),
    }
    phone_for(colleague)
    [waiting] = roles_change(
        actor=administrator, user=colleague, roles={Role.PRACTITIONER.value, Role.CSE_LEAD.value}
    )
    return World(
        young_person, users, colleague, social_worker_membership, break_glass_use, waiting, other
    )


def _date(name: str, day) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _admin_roles_form(user, roles: list[str]) -> dict[str, Any]:
    return {
        "email": user.email or "",
        "full_name": user.full_name,
        "organisation": str(user.organisation_id),
        "is_active": "on",
        "roles": roles,
        "_save": "Save",
    }


@dataclass
class Row:
    """One management action: where it is posted, what is posted (for this world and the
    user trying), who may do it, and how to tell that it happened."""

    url: Callable[[World, Any], str]
    form: Callable[[World, Any], dict[str, Any]]
    allowed: set[str]
    happened: Callable[[World, Any], bool]
    power: Callable[..., Any]


def _yp_url(name):
    return lambda w, _who: reverse(name, args=[w.young_person.pk])


def _a_goal(w) -> Goal:
    """Their goal, in their words, as the case team wrote it down with them."""
    goal, _ = Goal.objects.get_or_create(
        young_person=w.young_person,
        in_their_words="Go back to college",
        defaults={"added_by": w.users["in_scope_practitioner"]},
    )
    return goal


OPPORTUNITY_FORM = {
    "kind": "consultation",
    "title": "Sequence group",
    "what_it_involves": "Talk about the service",
    "when_and_where": "Tuesdays at the youth centre",
    "support_and_recognition": "Travel paid",
    "who_may_be_invited": "14 to 19",
    "what_could_go_wrong": "Hard feelings",
    "how_it_is_managed": "Stop any time",
    "who_they_can_go_to": "The participation worker",
}


def _an_opportunity(w) -> Opportunity:
    """An opportunity anyone on the case team could offer (made by the chair's organisation)."""
    opportunity, _ = Opportunity.objects.get_or_create(
        title="A group to offer",
        defaults={
            **{k: v for k, v in OPPORTUNITY_FORM.items() if k != "title"},
            "organisation": w.users["chair"].organisation,
            "created_by": w.users["chair"],
        },
    )
    return opportunity


def _a_yes(w, *, asked: bool = False) -> Involvement:
    """The young person's yes to the opportunity, offered by their lead professional (and,
    if `asked`, their ask for a reference letter)."""
    involvement, _ = Involvement.objects.get_or_create(
        opportunity=_an_opportunity(w),
        young_person=w.young_person,
        defaults={
            "offered_by": w.users["in_scope_practitioner"],
            "answer": "yes",
            "reference_asked_at": timezone.now() if asked else None,
        },
    )
    return involvement


def _a_peer_supporter_asked_for(w, _who) -> dict[str, Any]:
    """The young person asked for a peer supporter; the form matches one (an advocate)."""
    YoungPersonRequest.objects.get_or_create(
        young_person=w.young_person,
        kind=YoungPersonRequest.Kind.PEER_SUPPORTER,
        defaults={"owner": w.users["in_scope_practitioner"], "reply_by": timezone.localdate()},
    )
    return {
        "advocate_type": AdvocateAssignment.Type.PEER_SUPPORTER,
        "advocate": str(w.users["advocate_of_another"].pk),
        **_date("starts_on", timezone.localdate()),
    }


def _a_question(w) -> Question:
    """The young person's question about the opportunity offered to them."""
    return Question.objects.get_or_create(
        involvement=_a_yes(w), defaults={"in_their_words": "Is there lunch?"}
    )[0]


def _an_output(w) -> Output:
    output, _ = Output.objects.get_or_create(
        opportunity=_an_opportunity(w),
        title="A report to publish",
        defaults={"kind": "report", "created_by": w.users["chair"]},
    )
    return output


def _a_step(w) -> GoalStep:
    """A step towards their goal, not yet done, owned by the young person."""
    step, _ = GoalStep.objects.get_or_create(
        goal=_a_goal(w),
        what="Ring the college",
        defaults={"added_by": w.users["in_scope_practitioner"]},
    )
    return step


def _step_done_url(name: str, w) -> str:
    step = _a_step(w)
    return reverse(name, args=[step.goal_id, step.pk])


def _on_team(w, user) -> bool:
    return CaseTeamMembership.objects.filter(
        young_person=w.young_person, user=user, ends_on__isnull=True, starts_on=timezone.localdate()
    ).exists()


def _grant_to(w, user) -> bool:
    return (
        YoungPersonUserObjectPermission.objects.filter(
            kind="grant", user=user, content_object=w.young_person, expires_at__gt=timezone.now()
        )
        .exclude(user=w.users["grant_holder"])
        .exists()
    )


def _grant_form(user) -> dict[str, Any]:
    return {
        "user": str(user.pk),
        "reason": "Covering this week",
        **_date("expires_on", timezone.localdate() + timedelta(days=30)),
    }


def _schedule_form(chair) -> dict[str, Any]:
    return {
        "meeting_type": Meeting.Type.STRATEGY,
        "chair": str(chair.pk) if chair else "",
        **_date("date", timezone.localdate() + timedelta(days=14)),
        "start_time": "10:30",
        "venue": "Sequence venue",
    }


def _register_form(_w, _who) -> dict[str, Any]:
    return {
        "young_person_id": "5a0e4c8e-3f7b-4f8e-9a51-0c2d6b7e9f10",
        "preferred_name": "Sequence Person",
        "legal_name": "Sequence Person Legalname",
        **_date("date_of_birth", date(2011, 6, 1)),
        "referred_by": "A school",
        "referral_reason": "Worries about an older adult they meet after school.",
    }


def _young_persons_ask(w) -> YoungPersonRequest:
    """The young person disagreed with a decision: their lead professional owns the answer."""
    return YoungPersonRequest.objects.get_or_create(
        young_person=w.young_person,
        kind=YoungPersonRequest.Kind.DISAGREE,
        defaults={
            "owner": w.users["in_scope_practitioner"],
            "reply_by": timezone.localdate(),
            "their_words": "I do not agree",
        },
    )[0]


def _access_request(w, asker=None) -> AccessRequest:
    return AccessRequest.objects.get_or_create(
        young_person=w.young_person,
        requested_by=asker or w.colleague,
        status=AccessRequest.Status.WAITING,
        defaults={"reason": "Supporting them at school"},
    )[0]


def _answer_form(_w, _who) -> dict[str, Any]:
    return {"answer": "give", **_date("expires_on", timezone.localdate() + timedelta(days=7))}


def _closed_elsewhere(w) -> CaseClosure:
    """A case the first organisation held and closed (another young person's)."""
    return CaseClosure.objects.get_or_create(
        young_person=w.other_young_person,
        defaults={
            "organisation": w.users["chair"].organisation,
            "reason": CaseClosure.Reason.MOVED_AREA,
            "closed_by": w.users["chair"],
        },
    )[0]


SEQUENCE: dict[str, Row] = {
    "cases:close": Row(
        url=_yp_url("cases:close"),
        form=lambda _w, _who: {"reason": CaseClosure.Reason.NO_FURTHER_CONCERNS},
        allowed={"in_scope_practitioner", "chair"},
        happened=lambda w, _who: CaseClosure.objects.filter(young_person=w.young_person).exists(),
        power=case_powers.case_close_allowed,
    ),
    "cases:subject-access": Row(
        url=lambda w, _who: reverse("cases:subject-access", args=[w.young_person.pk]),
        form=lambda _w, _who: {"format": "json"},
        allowed={"in_scope_practitioner", "chair"},
        happened=lambda w, _who: AccessEvent.objects.filter(
            young_person_id=w.young_person.pk,
            action=AccessEvent.Action.EXPORT,
            outcome=AccessEvent.Outcome.ALLOWED,
        ).exists(),
        power=case_powers.subject_access_export_allowed,
    ),
    "cases:reopen": Row(
        url=lambda w, _who: reverse("cases:reopen", args=[_closed_elsewhere(w).pk]),
        form=lambda _w, _who: {"reason": "Moved back to the area last week"},
        allowed={"chair"},
        happened=lambda w, _who: CaseClosure.objects.filter(
            young_person=w.other_young_person, reopened_at__isnull=False
        ).exists(),
        power=case_powers.case_reopen_allowed,
    ),
    "participation:register": Row(
        url=lambda _w, _who: reverse("participation:register"),
        form=_register_form,
        # A practitioner or CSE lead, and so every staff kind here but the advocates and
        # administrators; derived access plays no part (nothing exists yet to derive from).
        allowed={
            "in_scope_practitioner",
            "out_of_scope_practitioner",
            "chair",
            "social_worker_on_the_team",
            "cse_lead_at_another_agency",
            "break_glass_user",
            "grant_holder",
        },
        happened=lambda _w, _who: YoungPerson.objects.filter(
            preferred_name="Sequence Person"
        ).exists(),
        power=case_powers.young_person_register_allowed,
    ),
    "participation:details-edit": Row(
        url=_yp_url("participation:details-edit"),
        form=lambda w, _who: {
            "version": str(w.young_person.version),
            "preferred_name": w.young_person.preferred_name,
            "legal_name": w.young_person.legal_name,
            **_date("date_of_birth", w.young_person.date_of_birth),
            "communication_needs": "Sequence needs",
        },
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: YoungPerson.objects.filter(
            pk=w.young_person.pk, communication_needs="Sequence needs"
        ).exists(),
        power=case_powers.record_edit_allowed,
    ),
    "participation:person-add": Row(
        url=_yp_url("participation:person-add"),
        form=lambda _w, _who: {
            "name": "Sequence Nan",
            "relationship": "Nan",
            "meetings": "invited",
        },
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: w.young_person.people_who_matter.filter(
            name="Sequence Nan"
        ).exists(),
        power=case_powers.record_edit_allowed,
    ),
    "participation:person-edit": Row(
        url=lambda w, _who: reverse(
            "participation:person-edit",
            args=[
                w.young_person.pk,
                PersonWhoMatters.objects.get_or_create(
                    young_person=w.young_person,
                    name="Sequence Uncle",
                    defaults={"relationship": "Uncle", "added_by": w.users["chair"]},
                )[0].pk,
            ],
        ),
        form=lambda _w, _who: {
            "name": "Sequence Uncle",
            "relationship": "Uncle",
            "meetings": "not_told",
            "must_not_be_told": "on",
        },
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: w.young_person.people_who_matter.filter(
            name="Sequence Uncle", must_not_be_told=True
        ).exists(),
        power=case_powers.record_edit_allowed,
    ),
    # The young person's own words, in the portal: theirs alone (another young person's
    # account edits only their own record).
    "portal:about-me": Row(
        url=lambda _w, _who: reverse("portal:about-me"),
        form=lambda _w, _who: {"version": "1", "strengths_and_interests": "Sequence words"},
        allowed={"this_young_person"},
        happened=lambda w, _who: YoungPerson.objects.filter(
            pk=w.young_person.pk, strengths_and_interests="Sequence words"
        ).exists(),
        power=case_powers.record_edit_allowed,
    ),
    "meetings:request-answer": Row(
        url=lambda w, _who: reverse("meetings:request-answer", args=[_young_persons_ask(w).pk]),
        form=lambda _w, _who: {"answer": "Yes, let us meet on Tuesday after school."},
        allowed={"in_scope_practitioner"},
        happened=lambda w, _who: YoungPersonRequest.objects.filter(
            young_person=w.young_person, answered_at__isnull=False
        ).exists(),
        power=case_powers.request_answer_allowed,
    ),
    "participation:access-answer": Row(
        url=lambda w, _who: reverse(
            "participation:access-answer", args=[w.young_person.pk, _access_request(w).pk]
        ),
        form=_answer_form,
        allowed={"in_scope_practitioner", "chair"},
        happened=lambda w, _who: AccessRequest.objects.filter(
            young_person=w.young_person, requested_by=w.colleague, status="granted"
        ).exists(),
        power=case_powers.access_request_answer_allowed,
    ),
    "participation:access-answer (their own)": Row(
        url=lambda w, who: reverse(
            "participation:access-answer",
            args=[
                w.young_person.pk,
                _access_request(w, who).pk if who and who.is_staff_member else w.young_person.pk,
            ],
        ),
        form=_answer_form,
        allowed=set(),
        happened=lambda w, who: (
            AccessRequest.objects.filter(
                young_person=w.young_person, requested_by=who, status="granted"
            ).exists()
            if who
            else False
        ),
        power=case_powers.access_request_answer_allowed,
    ),
    # Their case team matches a peer supporter, once they have asked for one.
    "advocacy:assign (a peer supporter)": Row(
        url=_yp_url("advocacy:assign"),
        form=_a_peer_supporter_asked_for,
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: AdvocateAssignment.objects.filter(
            young_person=w.young_person, advocate_type=AdvocateAssignment.Type.PEER_SUPPORTER
        ).exists(),
        power=advocacy_powers.peer_supporter_match_allowed,
    ),
    "participation:case-team-add": Row(
        url=_yp_url("participation:case-team-add"),
        form=lambda w, _who: {
            "user": str(w.colleague.pk),
            "role": "police",
            **_date("starts_on", timezone.localdate()),
        },
        allowed={"in_scope_practitioner", "chair"},
        happened=lambda w, _who: _on_team(w, w.colleague),
        power=case_powers.case_team_change_allowed,
    ),
    "participation:case-team-add (themselves)": Row(
        url=_yp_url("participation:case-team-add"),
        form=lambda _w, who: {
            "user": str(who.pk) if who else "",
            "role": "other",
            **_date("starts_on", timezone.localdate()),
        },
        allowed=set(),
        happened=lambda w, who: who is not None and _on_team(w, who),
        power=case_powers.case_team_change_allowed,
    ),
    "participation:case-team-end": Row(
        url=lambda w, _who: reverse(
            "participation:case-team-end", args=[w.young_person.pk, w.social_worker_membership.pk]
        ),
        form=lambda _w, _who: _date("ends_on", timezone.localdate()),
        allowed={"in_scope_practitioner", "chair"},
        happened=lambda w, _who: CaseTeamMembership.objects.filter(
            pk=w.social_worker_membership.pk, ends_on__isnull=False
        ).exists(),
        power=case_powers.case_team_change_allowed,
    ),
    "meetings:schedule": Row(
        url=_yp_url("meetings:schedule"),
        form=lambda w, _who: _schedule_form(w.users["chair"]),
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: Meeting.objects.filter(
            young_person=w.young_person, venue="Sequence venue"
        ).exists(),
        power=case_powers.meeting_schedule_allowed,
    ),
    "meetings:schedule (chaired by themselves)": Row(
        url=_yp_url("meetings:schedule"),
        form=lambda _w, who: _schedule_form(who),
        allowed=set(),
        happened=lambda w, _who: Meeting.objects.filter(
            young_person=w.young_person, venue="Sequence venue"
        ).exists(),
        power=case_powers.meeting_schedule_allowed,
    ),
    "participation:grant-create": Row(
        url=_yp_url("participation:grant-create"),
        form=lambda w, _who: _grant_form(w.colleague),
        allowed={"chair"},
        happened=lambda w, _who: _grant_to(w, w.colleague),
        power=case_powers.grant_allowed,
    ),
    "participation:goal-add": Row(
        url=_yp_url("participation:goal-add"),
        form=lambda _w, _who: {"in_their_words": "Sequence goal", "who_helps": ""},
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: Goal.objects.filter(in_their_words="Sequence goal").exists(),
        power=case_powers.goal_change_allowed,
    ),
    "participation:goal-step-add": Row(
        url=lambda w, _who: reverse("participation:goal-step-add", args=[_a_goal(w).pk]),
        form=lambda _w, _who: {"what": "Sequence step", "owner": "young_person"},
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: GoalStep.objects.filter(what="Sequence step").exists(),
        power=case_powers.goal_change_allowed,
    ),
    "portal:goal-add": Row(
        url=lambda _w, _who: reverse("portal:goal-add"),
        form=lambda _w, _who: {"in_their_words": "My sequence goal", "who_helps": ""},
        allowed={"this_young_person"},
        happened=lambda w, _who: Goal.objects.filter(
            young_person=w.young_person, in_their_words="My sequence goal"
        ).exists(),
        power=case_powers.goal_change_allowed,
    ),
    "portal:goal-edit": Row(
        url=lambda w, _who: reverse("portal:goal-edit", args=[_a_goal(w).pk]),
        form=lambda _w, _who: {"in_their_words": "Changed goal", "who_helps": "", "version": "1"},
        allowed={"this_young_person"},
        happened=lambda w, _who: Goal.objects.filter(in_their_words="Changed goal").exists(),
        power=case_powers.goal_change_allowed,
    ),
    "participation:goal-step-done": Row(
        url=lambda w, _who: _step_done_url("participation:goal-step-done", w),
        form=lambda _w, _who: {},
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: _a_step(w).done_at is not None,
        power=case_powers.goal_change_allowed,
    ),
    "portal:goal-step-done": Row(
        url=lambda w, _who: _step_done_url("portal:goal-step-done", w),
        form=lambda _w, _who: {},
        allowed={"this_young_person"},
        happened=lambda w, _who: _a_step(w).done_at is not None,
        power=case_powers.goal_change_allowed,
    ),
    # A participation worker or CSE lead creates opportunities for their organisation.
    "collective:opportunity-add": Row(
        url=lambda _w, _who: reverse("collective:opportunity-add"),
        form=lambda _w, _who: OPPORTUNITY_FORM,
        allowed={"chair", "cse_lead_at_another_agency", "grant_holder"},
        happened=lambda _w, _who: Opportunity.objects.filter(title="Sequence group").exists(),
        power=collective_powers.opportunity_create_allowed,
    ),
    # Someone on their case team offers a young person an opportunity.
    "collective:offer": Row(
        url=_yp_url("collective:offer"),
        form=lambda w, _who: {"opportunity": str(_an_opportunity(w).pk)},
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: Involvement.objects.filter(young_person=w.young_person).exists(),
        power=collective_powers.opportunity_offer_allowed,
    ),
    # Those who run an opportunity record sessions and what it made (here, the chair: a CSE
    # lead of the organisation that runs it).
    "collective:contribution-add": Row(
        url=lambda w, _who: reverse("collective:contribution-add", args=[_a_yes(w).pk]),
        form=lambda _w, _who: {
            **_date("session_on", timezone.localdate()),
            "in_their_words": "Sequence words",
        },
        allowed={"chair"},
        happened=lambda _w, _who: Contribution.objects.filter(
            in_their_words="Sequence words"
        ).exists(),
        power=collective_powers.opportunity_manage_allowed,
    ),
    "collective:reference": Row(
        url=lambda w, _who: reverse("collective:reference", args=[_a_yes(w, asked=True).pk]),
        form=lambda _w, _who: {"letter": "Sequence letter"},
        allowed={"chair"},
        happened=lambda _w, _who: Involvement.objects.filter(
            reference_letter="Sequence letter"
        ).exists(),
        power=collective_powers.opportunity_manage_allowed,
    ),
    "collective:question-answer": Row(
        url=lambda w, _who: reverse("collective:question-answer", args=[_a_question(w).pk]),
        form=lambda _w, _who: {"answer": "Sequence answer"},
        allowed={"chair"},
        happened=lambda _w, _who: Question.objects.filter(answer="Sequence answer").exists(),
        power=collective_powers.opportunity_manage_allowed,
    ),
    "collective:preparation": Row(
        url=lambda w, _who: reverse("collective:preparation", args=[_a_yes(w).pk]),
        form=lambda _w, _who: {"risks_and_benefits_talked_through": "on"},
        allowed={"chair"},
        happened=lambda _w, _who: Involvement.objects.filter(
            risks_and_benefits_talked_through=True
        ).exists(),
        power=collective_powers.opportunity_manage_allowed,
    ),
    "collective:output-add": Row(
        url=lambda w, _who: reverse("collective:output-add", args=[_an_opportunity(w).pk]),
        form=lambda _w, _who: {"kind": "report", "title": "Sequence report"},
        allowed={"chair"},
        happened=lambda _w, _who: Output.objects.filter(title="Sequence report").exists(),
        power=collective_powers.opportunity_manage_allowed,
    ),
    "collective:output-publish": Row(
        url=lambda w, _who: reverse(
            "collective:output-publish", args=[_an_opportunity(w).pk, _an_output(w).pk]
        ),
        form=lambda _w, _who: {},
        allowed={"chair"},
        happened=lambda w, _who: Output.objects.filter(published_at__isnull=False).exists(),
        power=collective_powers.opportunity_manage_allowed,
    ),
    # A CSE lead records what their organisation changed because of young people's feedback.
    "figures:change-add": Row(
        url=lambda _w, _who: reverse("figures:change-add"),
        form=lambda _w, _who: {"you_said": "Sequence said", "we_did": "Sequence did"},
        allowed={"chair", "cse_lead_at_another_agency", "grant_holder"},
        happened=lambda _w, _who: ServiceChange.objects.filter(we_did="Sequence did").exists(),
        power=figures_powers.service_change_allowed,
    ),
    "participation:legal-hold": Row(
        url=_yp_url("participation:legal-hold"),
        form=lambda _w, _who: {"reason": "A claim has been made; keep everything"},
        allowed={"chair"},
        happened=lambda w, _who: LegalHold.objects.filter(young_person=w.young_person).exists(),
        power=case_powers.legal_hold_allowed,
    ),
    "participation:grant-create (to themselves)": Row(
        url=_yp_url("participation:grant-create"),
        form=lambda _w, who: _grant_form(who) if who else {},
        allowed=set(),
        happened=lambda w, who: who is not None and _grant_to(w, who),
        power=case_powers.grant_allowed,
    ),
    "participation:caseload-reassign": Row(
        url=lambda _w, _who: reverse("participation:caseload-reassign"),
        form=lambda w, _who: {
            "leaver": str(w.users["in_scope_practitioner"].pk),
            "successor": str(w.colleague.pk),
        },
        allowed={"chair"},
        happened=lambda w, _who: _on_team(w, w.colleague),
        power=case_powers.caseload_move_allowed,
    ),
    "participation:caseload-reassign (to themselves)": Row(
        url=lambda _w, _who: reverse("participation:caseload-reassign"),
        form=lambda w, who: {
            "leaver": str(w.users["in_scope_practitioner"].pk),
            "successor": str(who.pk) if who else "",
        },
        allowed=set(),
        happened=lambda w, who: who is not None and _on_team(w, who),
        power=case_powers.caseload_move_allowed,
    ),
    "participation:break-glass-reviewed": Row(
        url=lambda w, _who: reverse(
            "participation:break-glass-reviewed", args=[w.break_glass_use.pk]
        ),
        form=lambda _w, _who: {},
        allowed={"chair"},
        happened=lambda w, _who: YoungPersonUserObjectPermission.objects.filter(
            pk=w.break_glass_use.pk, reviewed_at__isnull=False
        ).exists(),
        power=case_powers.break_glass_review_allowed,
    ),
    "portal-staff:access (make a code)": Row(
        url=_yp_url("portal-staff:access"),
        form=lambda _w, _who: {"action": "code"},
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: PortalInvitation.objects.filter(
            young_person=w.young_person
        ).exists(),
        power=case_powers.portal_access_change_allowed,
    ),
    "portal-staff:access (switch off)": Row(
        url=_yp_url("portal-staff:access"),
        form=lambda _w, _who: {"action": "off"},
        allowed={"in_scope_practitioner", "social_worker_on_the_team"},
        happened=lambda w, _who: (
            not type(w.young_person.portal_user)
            .objects.get(pk=w.young_person.portal_user_id)
            .is_active
        ),
        power=case_powers.portal_access_change_allowed,
    ),
    "signin:second-factor-reset": Row(
        url=lambda _w, _who: reverse("signin:second-factor-reset"),
        form=lambda w, _who: {"user": str(w.colleague.pk), "confirm": "on"},
        allowed={"chair", "administrator", "second_administrator"},
        happened=lambda w, _who: not TOTPDevice.objects.filter(user=w.colleague).exists(),
        power=account_powers.second_factor_reset_allowed,
    ),
    "signin:second-factor-reset (their own)": Row(
        url=lambda _w, _who: reverse("signin:second-factor-reset"),
        form=lambda _w, who: {"user": str(who.pk) if who else "", "confirm": "on"},
        allowed=set(),
        happened=lambda _w, who: (
            who is not None
            and who.is_staff_member
            and not TOTPDevice.objects.filter(user=who).exists()
        ),
        power=account_powers.second_factor_reset_allowed,
    ),
    "admin:accounts_user_change (another person's roles)": Row(
        url=lambda w, _who: reverse("admin:accounts_user_change", args=[w.colleague.pk]),
        form=lambda w, _who: _admin_roles_form(
            w.colleague, [Role.PRACTITIONER.value, Role.ADVOCATE.value]
        ),
        allowed={"administrator", "second_administrator"},
        happened=lambda w, _who: w.colleague.groups.filter(name=Role.ADVOCATE.value).exists(),
        power=account_powers.role_change_allowed,
    ),
    "admin:accounts_user_change (their own roles)": Row(
        url=lambda _w, who: reverse("admin:accounts_user_change", args=[who.pk if who else 0]),
        form=lambda _w, who: _admin_roles_form(who, list(Role.values)) if who else {},
        allowed=set(),
        happened=lambda _w, who: (
            who is not None
            and (
                RoleChange.objects.filter(user=who).exists()
                or who.groups.count() == len(Role.values)
            )
        ),
        power=account_powers.role_change_allowed,
    ),
    "admin:accounts_user_change (switch another account off)": Row(
        url=lambda w, _who: reverse("admin:accounts_user_change", args=[w.colleague.pk]),
        form=lambda w, _who: {
            **_admin_roles_form(w.colleague, [Role.PRACTITIONER.value]),
            "is_active": "",
        },
        allowed={"administrator", "second_administrator"},
        happened=lambda w, _who: not type(w.colleague).objects.get(pk=w.colleague.pk).is_active,
        power=account_powers.account_administer_allowed,
    ),
    "admin:accounts_rolechange_changelist (approve)": Row(
        url=lambda _w, _who: reverse("admin:accounts_rolechange_changelist"),
        form=lambda w, _who: {
            "action": "approve",
            "_selected_action": [str(w.waiting_role_change.pk)],
        },
        allowed={"second_administrator"},
        happened=lambda w, _who: w.colleague.groups.filter(name=Role.CSE_LEAD.value).exists(),
        power=account_powers.role_change_decide_allowed,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("action", sorted(SEQUENCE))
def test_only_the_rules_users_can_do_each_management_action(client, world, action, who):
    row = SEQUENCE[action]
    user = world.users[who]
    if user is not None:
        client.force_login(user)
        # The sensitive ones ask the user to confirm it is them first (tests/signin): here
        # everyone has, so that only the power decides.
        confirmed_just_now(client)
    assert not row.happened(world, user), f"{action} had already happened before {who} tried"
    response = client.post(row.url(world, user), row.form(world, user))
    if who in row.allowed:
        assert response.status_code in (200, 302), f"{who} could not {action}"
        assert row.happened(world, user), f"{who} could not {action}"
    else:
        assert response.status_code in (302, 400, 403, 404), f"{who} {action}"
        assert not row.happened(world, user), f"{who} was able to {action}"


def _powers() -> set[Callable[..., Any]]:
    return {
        function
        for module in (
            case_powers,
            account_powers,
            figures_powers,
            collective_powers,
            advocacy_powers,
        )
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if name.endswith("_allowed") and function.__module__ == module.__name__
    }


def test_every_power_has_a_row_in_the_sequence_test():
    assert _powers() == {row.power for row in SEQUENCE.values()}


def _calls(function: Callable[..., Any], names: set[str]) -> bool:
    source = inspect.getsource(inspect.unwrap(function))
    return any(f"{name}(" in source for name in names)


def _services_checking_a_power() -> set[str]:
    """Every service (and helper) that checks a power, directly or through another."""
    functions = {
        name: function
        for module in (
            cases_services,
            cases_selectors,
            figures_services,
            advocacy_services,
            collective_services,  # opening a record to export it checks the power to
            participation_services,
            meetings_services,
            portal_services,
            administration_services,
            signin_services,
        )
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
    }
    checking = {function.__name__ for function in _powers()} | {"break_glass_reviewable"}
    while True:
        more = {name for name, function in functions.items() if _calls(function, checking)}
        if more <= checking:
            return checking
        checking |= more


def test_every_management_url_has_a_row_in_the_sequence_test():
    """A view that calls a service which checks a power is a management view."""
    writes = _services_checking_a_power() - {f.__name__ for f in _powers()}
    management = {
        name for _route, name, pattern in APP_PATTERNS if _calls(pattern.callback, writes)
    }
    assert management, "no management views were found: the search itself is broken"
    assert management == {action.split(" ")[0] for action in SEQUENCE} - {
        "admin:accounts_user_change",
        "admin:accounts_rolechange_changelist",
    }
