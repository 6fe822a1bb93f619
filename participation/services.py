from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import staff_in_role
from notifications import services as notifications
from notifications.models import Kind

from .models import (
    AccessRequest,
    CaseTeamMembership,
    Goal,
    GoalChange,
    GoalStep,
    LegalHold,
    PersonWhoMatters,
    YoungPerson,
    YoungPersonChange,
    YoungPersonUserObjectPermission,
)
from .powers import (
    access_request_answer_allowed,
    break_glass_review_allowed,
    break_glass_reviewers,
    case_team_change_allowed,
    caseload_move_allowed,
    goal_change_allowed,
    grant_allowed,
    legal_hold_allowed,
    record_edit_allowed,
    young_person_register_allowed,
)
from .selectors import (
    case_closure_in_force,
    is_on_case_team,
    legal_hold_in_force,
    possible_duplicates,
)
from .wording import blaming_message

CASE_WORKER_ROLES = [Role.PRACTITIONER, Role.CSE_LEAD, Role.PARTICIPATION_WORKER]

# What a refusal says, where the person can see the record but the power is not theirs.
CASE_TEAM_REFUSED = (
    "Only the young person's lead professional, or the chair of an open meeting about them, "
    "can change their case team."
)
ADDING_YOURSELF_REFUSED = (
    "You cannot add yourself to a case team. Ask the lead professional or the chair."
)
GRANT_REFUSED = (
    "Only a CSE lead who chairs an open meeting about the young person, or is their lead "
    "professional, can give temporary access."
)
CASELOAD_REFUSED = "Only a CSE lead can move a caseload, between staff of their own organisation."
REVIEW_REFUSED = (
    "You can review break-glass uses by staff of your own organisation, or on young people "
    "whose meetings you chair, but not your own."
)


def _refuse_unless_leads_the_case(actor: User, young_person: YoungPerson) -> None:
    if not case_team_change_allowed(actor=actor, young_person=young_person):
        raise ValidationError(CASE_TEAM_REFUSED)


@transaction.atomic
def case_team_member_add(
    *, actor: User, young_person: YoungPerson, user: User, role: str, starts_on: date
) -> CaseTeamMembership:
    _refuse_unless_leads_the_case(actor, young_person)
    if not case_team_change_allowed(actor=actor, young_person=young_person, member=user):
        raise ValidationError({"user": ADDING_YOURSELF_REFUSED})
    if not (
        user.is_active
        and user.is_staff_member
        and user.role_names & {r.value for r in CASE_WORKER_ROLES}
    ):
        raise ValidationError({"user": "Choose a practitioner from the list"})
    if CaseTeamMembership.objects.filter(
        user=user, young_person=young_person, ends_on__isnull=True
    ).exists():
        raise ValidationError({"user": f"{user} is already on the case team"})
    if starts_on > timezone.localdate() + timedelta(days=365):
        raise ValidationError({"starts_on": "The start date must be within the next year"})
    membership = CaseTeamMembership(
        young_person=young_person, user=user, role=role, starts_on=starts_on
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def case_team_member_end(
    *, actor: User, membership: CaseTeamMembership, ends_on: date
) -> CaseTeamMembership:
    """End a membership: from `ends_on` the person has no access through it."""
    _refuse_unless_leads_the_case(actor, membership.young_person)
    if ends_on < membership.starts_on:
        raise ValidationError(
            {"ends_on": f"The end date must be on or after {membership.starts_on:%d %B %Y}"}
        )
    membership.ends_on = ends_on
    membership.full_clean()
    membership.save(update_fields=["ends_on"])
    return membership


@transaction.atomic
def case_team_reassign(*, actor: User, leaver: User, successor: User) -> list[UUID]:
    """Move all of a leaver's young people to a successor, today, in a few statements.

    The leaver's memberships end today (history kept); the successor joins each case team
    in the same role, unless already on it. Returns the young people moved. The leaver,
    the successor and the organisation's other CSE leads are told.
    """
    if not caseload_move_allowed(actor=actor):
        raise ValidationError(CASELOAD_REFUSED)
    organisation = actor.organisation
    if not caseload_move_allowed(actor=actor, leaver=leaver):
        raise ValidationError({"leaver": f"Choose someone from {organisation}"})
    if successor.pk == actor.pk:
        raise ValidationError({"successor": "You cannot move a caseload to yourself"})
    if not caseload_move_allowed(actor=actor, leaver=leaver, successor=successor):
        raise ValidationError({"successor": f"Choose someone from {organisation}"})
    if leaver.pk == successor.pk:
        raise ValidationError({"successor": "Choose someone other than the person leaving"})
    if not (successor.is_active and successor.is_staff_member):
        raise ValidationError({"successor": "Choose an active member of staff"})
    today = timezone.localdate()
    moving = list(
        CaseTeamMembership.objects.in_force(today)
        .filter(user=leaver)
        .select_for_update()
        .values_list("pk", "young_person_id", "role")
    )
    if not moving:
        raise ValidationError({"leaver": f"{leaver} is not on any case team"})
    already = set(
        CaseTeamMembership.objects.filter(
            user=successor, ends_on__isnull=True, young_person_id__in=[m[1] for m in moving]
        ).values_list("young_person_id", flat=True)
    )
    # Memberships that began today are ended today too: ends_on may equal starts_on.
    CaseTeamMembership.objects.filter(pk__in=[m[0] for m in moving]).update(ends_on=today)
    CaseTeamMembership.objects.bulk_create(
        CaseTeamMembership(young_person_id=yp_id, user=successor, role=role, starts_on=today)
        for _pk, yp_id, role in moving
        if yp_id not in already
    )
    leads = staff_in_role(role=Role.CSE_LEAD, organisation_id=actor.organisation_id)
    notifications.notify(
        kind=Kind.CASELOAD_MOVED,
        recipients={leaver, successor, *leads.exclude(pk=actor.pk)},
        key=f"{Kind.CASELOAD_MOVED}:{leaver.pk}:{successor.pk}:{moving[0][0]}",
    )
    return [yp_id for _pk, yp_id, _role in moving]


BREAK_GLASS_HOURS = 4
GRANT_LONGEST_DAYS = 30


def _grant(
    *,
    kind: str,
    young_person: YoungPerson,
    user: User,
    granted_by: User,
    reason: str,
    expires_at: datetime,
) -> YoungPersonUserObjectPermission:
    grant = YoungPersonUserObjectPermission(
        kind=kind,
        content_object=young_person,
        user=user,
        permission=Permission.objects.get(
            content_type__app_label="participation", codename="view_youngperson"
        ),
        granted_by=granted_by,
        reason=reason.strip(),
        expires_at=expires_at,
    )
    grant.full_clean()
    grant.save()
    return grant


@transaction.atomic
def young_person_grant(
    *, actor: User, young_person: YoungPerson, user: User, reason: str, expires_on: date
) -> YoungPersonUserObjectPermission:
    """A CSE lead lets one practitioner see one young person until the end of a day."""
    if not grant_allowed(actor=actor, young_person=young_person):
        raise ValidationError(GRANT_REFUSED)
    if not grant_allowed(actor=actor, young_person=young_person, grantee=user):
        raise ValidationError({"user": "You cannot give access to yourself"})
    if not (user.is_active and user.is_staff_member):
        raise ValidationError({"user": "Choose a practitioner from the list"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why they need access"})
    return _grant(
        kind=YoungPersonUserObjectPermission.Kind.GRANT,
        young_person=young_person,
        user=user,
        granted_by=actor,
        reason=reason,
        expires_at=_end_of_last_day(expires_on),
    )


def _end_of_last_day(expires_on: date) -> datetime:
    """When a grant whose last day is `expires_on` stops: the start of the next day. The
    last day must be within GRANT_LONGEST_DAYS."""
    today = timezone.localdate()
    if not today <= expires_on <= today + timedelta(days=GRANT_LONGEST_DAYS):
        raise ValidationError(
            {"expires_on": f"The last day must be between today and {GRANT_LONGEST_DAYS} days away"}
        )
    return timezone.make_aware(datetime.combine(expires_on + timedelta(days=1), time.min))


def break_glass_open(
    *, actor: User, young_person: YoungPerson, reason: str
) -> YoungPersonUserObjectPermission:
    """Emergency read access to one record for four hours, and nothing else (no power comes
    with it). The view has had the user confirm who they are (password and a current code)
    first. The CSE leads who may review it are told."""
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Explain in a sentence why you need this record now"})
    with transaction.atomic():
        grant = _grant(
            kind=YoungPersonUserObjectPermission.Kind.BREAK_GLASS,
            young_person=young_person,
            user=actor,
            granted_by=actor,
            reason=reason,
            expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
        )
        notifications.notify(
            kind=Kind.BREAK_GLASS_OPENED,
            recipients=break_glass_reviewers(user=actor, young_person=young_person),
            key=f"{Kind.BREAK_GLASS_OPENED}:{grant.pk}",
        )
    return grant


def break_glass_mark_reviewed(
    *, actor: User, grant: YoungPersonUserObjectPermission
) -> YoungPersonUserObjectPermission:
    if not break_glass_review_allowed(actor=actor, grant=grant):
        raise ValidationError(REVIEW_REFUSED)
    if grant.reviewed_at is None:
        grant.reviewed_at = timezone.now()
        grant.reviewed_by = actor
        grant.save(update_fields=["reviewed_at", "reviewed_by"])
    return grant


# Registering a young person, and keeping their details true ---------------------------------

REGISTER_REFUSED = "Only a practitioner or a CSE lead can record a new young person."
EDIT_REFUSED = "Only the young person's case team can change their details."
# The details on the record, in the order the forms ask for them.
DETAILS = (
    "preferred_name",
    "legal_name",
    "date_of_birth",
    "pronouns",
    "communication_needs",
    "interpreter_language",
    "strengths_and_interests",
)
# What the young person may change themselves, in the portal (About me).
THEIR_OWN_DETAILS = ("strengths_and_interests",)
REFERRAL = ("referred_by", "referral_reason")
LONGEST_TEXT = 2000
TOO_LONG = f"Keep this to {LONGEST_TEXT} characters or fewer"
OLDEST_YEARS = 26


def _details_checked(young_person: YoungPerson) -> None:
    """The rules every version of the record keeps, with messages that say what to do."""
    errors: dict[str, str] = {}
    for field in ("preferred_name", "legal_name"):
        setattr(young_person, field, " ".join(getattr(young_person, field).split()))
    for field in (*DETAILS, *REFERRAL):
        value = getattr(young_person, field)
        if isinstance(value, str):
            value = value.strip()
            setattr(young_person, field, value)
            if len(value) > LONGEST_TEXT:
                errors[field] = TOO_LONG
    today = timezone.localdate()
    born = young_person.date_of_birth
    if born is not None and born > today:
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    elif born is not None and born < today.replace(year=today.year - OLDEST_YEARS):
        errors["date_of_birth"] = f"Date of birth must be within the last {OLDEST_YEARS} years"
    if message := blaming_message(young_person.referral_reason):
        errors["referral_reason"] = message
    if errors:
        raise ValidationError(errors)
    young_person.full_clean(exclude=["portal_user"])


@transaction.atomic
def young_person_register(
    *, actor: User, young_person_id: UUID, details: dict[str, Any], confirmed_new: bool
) -> YoungPerson:
    """Record a new young person, with the one who registers them as lead professional.

    `young_person_id` comes from the form, so sending it twice registers them once.
    Where records with the same date of birth and a similar name exist, the person must
    have said this is someone new.
    """
    if not young_person_register_allowed(actor=actor):
        raise ValidationError(REGISTER_REFUSED)
    if YoungPerson.objects.filter(pk=young_person_id).exists():
        raise ValidationError(REGISTERED_ALREADY)
    young_person = YoungPerson(pk=young_person_id, **details)
    _details_checked(young_person)
    if not confirmed_new and possible_duplicates(
        user=actor,
        preferred_name=young_person.preferred_name,
        legal_name=young_person.legal_name,
        date_of_birth=young_person.date_of_birth,
    ):
        raise ValidationError(
            {"confirmed_new": "Say whether this is a new person, or ask for access to the record"}
        )
    young_person.save(force_insert=True)
    CaseTeamMembership.objects.create(
        young_person=young_person,
        user=actor,
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
        starts_on=timezone.localdate(),
    )
    return young_person


REGISTERED_ALREADY = "This young person has already been recorded: this form was sent before."
STALE = (
    "Someone else changed these details while you were editing. Check them below, then make "
    "your change again."
)


@transaction.atomic
def young_person_update(
    *, actor: User, young_person: YoungPerson, version: int, details: dict[str, Any]
) -> list[YoungPersonChange]:
    """Change details on the record, keeping each change (who, when, before and after).

    The case team may change any of `DETAILS`; the young person, in the portal, only
    their own words (`THEIR_OWN_DETAILS`). An edit made from an older version is refused.
    """
    allowed = (
        THEIR_OWN_DETAILS
        if actor.is_young_person and young_person.portal_user_id == actor.pk
        else DETAILS
        if record_edit_allowed(actor=actor, young_person=young_person)
        else ()
    )
    if not allowed:
        raise ValidationError(EDIT_REFUSED)
    current = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if current.version != version:
        raise ValidationError(STALE)
    before = {field: getattr(current, field) for field in allowed}
    for field, value in details.items():
        if field in allowed:
            setattr(current, field, value)
    _details_checked(current)
    changes = [
        YoungPersonChange(
            young_person=current,
            changed_by=actor,
            field=field,
            before=_shown(before[field]),
            after=_shown(getattr(current, field)),
        )
        for field in allowed
        if getattr(current, field) != before[field]
    ]
    if changes:
        current.version += 1
        current.save(update_fields=[*(change.field for change in changes), "version"])
        YoungPersonChange.objects.bulk_create(changes)
    return changes


def _shown(value: object) -> str:
    return f"{value:%d %B %Y}" if isinstance(value, date) else str(value)


# Asking for access to a record, and answering -------------------------------------------------

ASKED_ALREADY = "You have already asked for access to this record. You will be told the answer."


@transaction.atomic
def access_request_make(*, actor: User, young_person: YoungPerson, reason: str) -> AccessRequest:
    """A member of staff asks for access to a record they found but cannot see. Whoever
    may answer (the lead professional, or the chair of an open meeting) is told."""
    if not (actor.is_active and actor.is_staff_member):
        raise ValidationError("Only staff can ask for access to a record")
    if YoungPerson.objects.visible_to(actor).filter(pk=young_person.pk).exists():
        raise ValidationError("You can already see this record")
    if case_closure_in_force(young_person_id=young_person.pk):
        raise ValidationError(
            "This young person's case is closed, so nobody can answer a request. Ask a CSE "
            "lead at the organisation that held it."
        )
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Explain in a sentence why you need access"})
    if len(reason) > LONGEST_TEXT:
        raise ValidationError({"reason": TOO_LONG})
    if AccessRequest.objects.filter(
        requested_by=actor, young_person=young_person, status=AccessRequest.Status.WAITING
    ).exists():
        raise ValidationError(ASKED_ALREADY)
    request = AccessRequest.objects.create(
        young_person=young_person, requested_by=actor, reason=reason.strip()
    )
    notifications.notify(
        kind=Kind.ACCESS_REQUESTED,
        recipients=access_request_answerers(young_person=young_person),
        key=f"{Kind.ACCESS_REQUESTED}:{request.pk}",
        young_person=young_person,
    )
    return request


@transaction.atomic
def access_request_answer(
    *,
    actor: User,
    request: AccessRequest,
    give: bool,
    expires_on: date | None,
    reason: str,
) -> AccessRequest:
    """Give timed access (a grant, ending at the end of `expires_on`) or decline with a
    reason. The person who asked is told either way."""
    young_person = request.young_person
    if not access_request_answer_allowed(
        actor=actor, young_person=young_person, requester=request.requested_by
    ):
        raise ValidationError(ANSWER_REFUSED)
    request = AccessRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AccessRequest.Status.WAITING:
        raise ValidationError("This request has already been answered")
    if give:
        if expires_on is None:
            raise ValidationError({"expires_on": "Enter the last day of access"})
        request.grant = _grant(
            kind=YoungPersonUserObjectPermission.Kind.GRANT,
            young_person=young_person,
            user=request.requested_by,
            granted_by=actor,
            reason=f"Asked for: {request.reason}",
            expires_at=_end_of_last_day(expires_on),
        )
        return _access_request_settle(
            request=request, actor=actor, status=AccessRequest.Status.GRANTED, reason=reason
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why you are declining, for the person who asked"})
    if len(reason) > LONGEST_TEXT:
        raise ValidationError({"reason": TOO_LONG})
    return _access_request_settle(
        request=request, actor=actor, status=AccessRequest.Status.DECLINED, reason=reason
    )


def access_request_close(*, actor: User, request: AccessRequest, reason: str) -> AccessRequest:
    """Decline a waiting request because the case is closing (no power of its own: only
    `cases.services.case_close` calls this, after checking its power). The asker is told."""
    return _access_request_settle(
        request=request, actor=actor, status=AccessRequest.Status.DECLINED, reason=reason
    )


def _access_request_settle(
    *, request: AccessRequest, actor: User, status: str, reason: str
) -> AccessRequest:
    """Record the answer, and tell the person who asked."""
    request.status = status
    request.answer_reason = reason.strip()
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    notifications.notify(
        kind=Kind.ACCESS_REQUEST_ANSWERED,
        recipients=[request.requested_by],
        key=f"{Kind.ACCESS_REQUEST_ANSWERED}:{request.pk}",
    )
    return request


ANSWER_REFUSED = (
    "Only the young person's lead professional, or the chair of an open meeting about them, "
    "can answer a request for access, and never their own."
)


def access_request_answerers(*, young_person: YoungPerson) -> list[User]:
    """Who is told of a request: everyone who may answer it."""
    today = timezone.localdate()
    leads = User.objects.filter(
        case_team_memberships__in=CaseTeamMembership.objects.in_force(today).filter(
            young_person=young_person, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
        )
    )
    chairs = User.objects.filter(
        chaired_meetings__young_person=young_person, chaired_meetings__ended_at__isnull=True
    )
    return list((leads | chairs).filter(is_active=True).distinct())


# People who matter to them -------------------------------------------------------------------

NOT_TOLD_IS_NEVER_REACHED = (
    "Someone who must not be told anything cannot be contacted, told about meetings or invited"
)


@transaction.atomic
def person_who_matters_save(
    *,
    actor: User,
    young_person: YoungPerson,
    person: PersonWhoMatters | None,
    details: dict[str, Any],
) -> PersonWhoMatters:
    """Add someone who matters to the young person, or change what is recorded about them.

    Marking someone as not to be told anything also withdraws them from every meeting not
    yet held, so nothing can reach them through Partners.
    """
    if not record_edit_allowed(actor=actor, young_person=young_person):
        raise ValidationError(EDIT_REFUSED)
    if person is None:
        person = PersonWhoMatters(young_person=young_person, added_by=actor)
    elif person.young_person_id != young_person.pk:
        raise ValidationError("This person is on another young person's record")
    for field, value in details.items():
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    if person.must_not_be_told and (
        person.may_be_contacted or person.meetings != PersonWhoMatters.Meetings.NOT_TOLD
    ):
        raise ValidationError({"must_not_be_told": NOT_TOLD_IS_NEVER_REACHED})
    if not person.may_be_contacted:
        person.how_to_contact = ""
    if len(person.how_to_contact) > LONGEST_TEXT:
        raise ValidationError({"how_to_contact": TOO_LONG})
    person.full_clean()
    person.save()
    if person.meetings != PersonWhoMatters.Meetings.INVITED:
        # Read through the relation meetings declare, as the access rules do.
        person.invitations.filter(meeting__ended_at__isnull=True).delete()
    return person


HOLD_REFUSED = (
    "Only a CSE lead on their case team, or chairing an open meeting about them, can set or "
    "lift a legal hold."
)


@transaction.atomic
def legal_hold_set(*, actor: User, young_person: YoungPerson, reason: str) -> LegalHold:
    """Stop every deletion of the young person's information until the hold is lifted."""
    if not legal_hold_allowed(actor=actor, young_person=young_person):
        raise ValidationError(HOLD_REFUSED)
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if legal_hold_in_force(young_person=young_person) is not None:
        raise ValidationError("A legal hold is already in force")
    hold = LegalHold(young_person=young_person, reason=_hold_reason(reason), set_by=actor)
    hold.full_clean()
    hold.save()
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: User, young_person: YoungPerson, reason: str) -> LegalHold:
    """Lift the hold: the retention schedule applies to them again from the next run."""
    if not legal_hold_allowed(actor=actor, young_person=young_person):
        raise ValidationError(HOLD_REFUSED)
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    hold = legal_hold_in_force(young_person=young_person)
    if hold is None:
        raise ValidationError("There is no legal hold to lift")
    hold.lift_reason = _hold_reason(reason)
    hold.lifted_by = actor
    hold.lifted_at = timezone.now()
    hold.save(update_fields=["lift_reason", "lifted_by", "lifted_at"])
    return hold


def _hold_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why, for example the claim or inquiry it is for"})
    if len(reason) > LONGEST_TEXT:
        raise ValidationError({"reason": TOO_LONG})
    return reason


# Goals, in the young person's words -------------------------------------------------------

GOAL_REFUSED = (
    "Only the young person, or someone on their case team with them, can change their goals."
)
GOAL_ARCHIVED = "This goal is archived: it can be read, and not changed"
STALE_GOAL = (
    "Someone else changed this goal while you were editing it. Your changes have not been "
    "saved: read theirs, then make yours again."
)


def _goal_words(in_their_words: str, who_helps: str) -> dict[str, str]:
    words = {"in_their_words": in_their_words.strip(), "who_helps": who_helps.strip()}
    if not words["in_their_words"]:
        raise ValidationError({"in_their_words": "Write the goal, in their words"})
    for field, value in words.items():
        if len(value) > 500:
            raise ValidationError({field: "Keep this to 500 characters or fewer"})
    return words


@transaction.atomic
def goal_add(
    *, actor: User, young_person: YoungPerson, in_their_words: str, who_helps: str
) -> Goal:
    if not goal_change_allowed(actor=actor, young_person=young_person):
        raise ValidationError(GOAL_REFUSED)
    return Goal.objects.create(
        young_person=young_person, added_by=actor, **_goal_words(in_their_words, who_helps)
    )


@transaction.atomic
def goal_update(
    *, actor: User, goal: Goal, version: int, in_their_words: str, who_helps: str
) -> Goal:
    """Change a goal's words, keeping each change; an edit from an older version is refused."""
    if not goal_change_allowed(actor=actor, young_person=goal.young_person):
        raise ValidationError(GOAL_REFUSED)
    current = Goal.objects.select_for_update().get(pk=goal.pk)
    if current.archived_at is not None:
        raise ValidationError(GOAL_ARCHIVED)
    if current.version != version:
        raise ValidationError(STALE_GOAL)
    words = _goal_words(in_their_words, who_helps)
    changes = [
        GoalChange(
            goal=current, field=field, before=getattr(current, field), after=value, changed_by=actor
        )
        for field, value in words.items()
        if getattr(current, field) != value
    ]
    GoalChange.objects.bulk_create(changes)
    Goal.objects.filter(pk=current.pk).update(version=F("version") + 1, **words)
    current.refresh_from_db()
    return current


@transaction.atomic
def goal_archive(*, actor: User, goal: Goal) -> Goal:
    """Put a goal away: it stays, with its steps and history, and is shown as archived."""
    if not goal_change_allowed(actor=actor, young_person=goal.young_person):
        raise ValidationError(GOAL_REFUSED)
    current = Goal.objects.select_for_update().get(pk=goal.pk)
    if current.archived_at is not None:
        return current
    current.archived_at = timezone.now()
    current.archived_by = actor
    current.version += 1
    current.save(update_fields=["archived_at", "archived_by", "version"])
    GoalChange.objects.create(
        goal=current, field="archived", before="", after="archived", changed_by=actor
    )
    return current


@transaction.atomic
def goal_step_add(
    *, actor: User, goal: Goal, what: str, owner: User | None, due_on: date | None
) -> GoalStep:
    """A small step, owned by the young person (no owner) or someone on their case team.
    The young person adds steps of their own."""
    if not goal_change_allowed(actor=actor, young_person=goal.young_person):
        raise ValidationError(GOAL_REFUSED)
    if goal.archived_at is not None:
        raise ValidationError(GOAL_ARCHIVED)
    if owner is not None and (
        actor.is_young_person or not is_on_case_team(user=owner, young_person=goal.young_person)
    ):
        raise ValidationError({"owner": "Choose the young person, or someone on their case team"})
    what = what.strip()
    if not what:
        raise ValidationError({"what": "Write the step"})
    step = GoalStep(goal=goal, what=what, owner=owner, due_on=due_on, added_by=actor)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def goal_step_done(*, actor: User, step: GoalStep) -> GoalStep:
    """Mark a small step done (or, pressed again, not done after all)."""
    current = GoalStep.objects.select_for_update().select_related("goal").get(pk=step.pk)
    goal = current.goal
    if not goal_change_allowed(actor=actor, young_person=goal.young_person):
        raise ValidationError(GOAL_REFUSED)
    if goal.archived_at is not None:
        raise ValidationError(GOAL_ARCHIVED)
    current.done_at = None if current.done_at else timezone.now()
    current.save(update_fields=["done_at"])
    GoalChange.objects.create(
        goal=goal,
        field="step done" if current.done_at else "step not done",
        before="",
        after=current.what,
        changed_by=actor,
    )
    return current
