from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db import connection
from django.db.models import Case, F, Prefetch, Q, QuerySet, When
from django.db.models.functions import Upper
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import Action, opened

from .models import (
    AccessRequest,
    CaseClosure,
    CaseTeamMembership,
    Goal,
    GoalStep,
    LegalHold,
    PersonWhoMatters,
    YoungPerson,
    YoungPersonChange,
    YoungPersonUserObjectPermission,
)
from .powers import break_glass_reviewable


def young_person_get_for_user(*, user: User, young_person_id: UUID) -> YoungPerson:
    """The young person if this user may see them; 404 alike for missing and not yours."""
    try:
        return YoungPerson.objects.visible_to(user).get(pk=young_person_id)
    except YoungPerson.DoesNotExist:
        raise Http404 from None


def young_person_open(
    *,
    request: HttpRequest,
    young_person_id: UUID,
    action: str = Action.VIEW,
    what: str = "record",
) -> YoungPerson:
    """A young person's record for this user, with its access event (see `audit.opened`)."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: young_person_get_for_user(user=user, young_person_id=young_person_id),
        young_person_of=lambda young_person: young_person.pk,
        requested_id=young_person_id,
        requested_young_person_id=young_person_id,
        action=action,
        what=what,
    )


def case_team_for(*, young_person: YoungPerson) -> list[CaseTeamMembership]:
    return list(
        CaseTeamMembership.objects.in_force(timezone.localdate())
        .filter(young_person=young_person)
        .select_related("user__organisation")
        .order_by("role", "user__full_name")
    )


def is_on_case_team(*, user: User, young_person: YoungPerson) -> bool:
    return (
        CaseTeamMembership.objects.in_force(timezone.localdate())
        .filter(user=user, young_person=young_person)
        .exists()
    )


def case_team_membership_get_for_user(
    *, user: User, young_person: YoungPerson, membership_id: UUID
) -> CaseTeamMembership:
    """An open membership of this young person's case team; 404 alike for missing and not yours."""
    try:
        return CaseTeamMembership.objects.in_force(timezone.localdate()).get(
            pk=membership_id, young_person=young_person
        )
    except CaseTeamMembership.DoesNotExist:
        raise Http404 from None


def staff_choosable(*, roles: list[Role], organisation_id: UUID | None = None) -> list[User]:
    """Active staff in these roles (of one organisation, if named), for pickers: names and
    organisations only."""
    people = User.objects.filter(
        is_active=True, kind=User.Kind.STAFF, groups__name__in=[r.value for r in roles]
    )
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    return list(people.select_related("organisation").distinct().order_by("full_name"))


def break_glass_for_review(*, user: User) -> list[YoungPersonUserObjectPermission]:
    """The break-glass uses this CSE lead may review, not yet reviewed first."""
    return list(
        break_glass_reviewable(actor=user)
        .select_related("content_object", "user__organisation", "reviewed_by")
        .order_by(F("reviewed_at").desc(nulls_first=True), "-granted_at")[:200]
    )


def break_glass_get_for_review(*, user: User, grant_id: UUID) -> YoungPersonUserObjectPermission:
    """One use this CSE lead may review; 404 alike for missing and not theirs."""
    try:
        return break_glass_reviewable(actor=user).get(pk=grant_id)
    except YoungPersonUserObjectPermission.DoesNotExist:
        raise Http404 from None


def young_person_is_visible(*, user: User, young_person_id: UUID) -> bool:
    return YoungPerson.objects.visible_to(user).filter(pk=young_person_id).exists()


def young_person_exists(*, young_person_id: UUID) -> YoungPerson:
    """For break-glass only: the record by id, whoever asks; 404 if there is none."""
    try:
        return YoungPerson.objects.get(pk=young_person_id)
    except YoungPerson.DoesNotExist:
        raise Http404 from None


def service_figures() -> dict[str, int]:
    """Service-wide counts for CSE leads: numbers only, never whose they are."""
    now = timezone.now()
    return {
        "young people": YoungPerson.objects.count(),
        "temporary access grants in force": YoungPersonUserObjectPermission.objects.filter(
            kind=YoungPersonUserObjectPermission.Kind.GRANT, expires_at__gt=now
        ).count(),
        "break-glass uses not yet reviewed": YoungPersonUserObjectPermission.objects.filter(
            kind=YoungPersonUserObjectPermission.Kind.BREAK_GLASS, reviewed_at__isnull=True
        ).count(),
    }


# Finding a young person ---------------------------------------------------------------------


def _name_matches(name: str, *, any_word: bool = False) -> Q:
    """Names like `name`: every word typed (or, with `any_word`, any word) begins a word of
    the preferred or legal name, or (on PostgreSQL) the name is trigram-similar to what was
    typed, so "Sam Tayler" finds "Samantha Taylor". Needs the `legal_upper` and
    `preferred_upper` annotations."""
    typed = " ".join(name.upper().split())
    match = Q(pk=None)
    for field in ("legal_upper", "preferred_upper"):
        words = Q(pk=None) if any_word else Q()
        for word in typed.split():
            begins = Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
            words = (words | begins) if any_word else (words & begins)
        match |= words
        if connection.vendor == "postgresql":
            match |= Q(**{f"{field}__trigram_similar": typed})
    return match


def _with_upper_names(young_people: QuerySet[YoungPerson]) -> QuerySet[YoungPerson]:
    # The same expressions as the trigram indexes of migration 0003.
    return young_people.annotate(
        legal_upper=Upper("legal_name"), preferred_upper=Upper("preferred_name")
    )


@dataclass(frozen=True)
class Glimpse:
    """All that is shown of a record someone cannot see: an initial, the date of birth and
    who holds it."""

    young_person_id: UUID
    initial: str
    date_of_birth: date
    held_by: str
    visible: bool


def lead_professional_first(
    memberships: QuerySet[CaseTeamMembership],
) -> QuerySet[CaseTeamMembership]:
    """Memberships with the lead professional first, then the longest-standing."""
    return memberships.order_by(
        Case(When(role=CaseTeamMembership.Role.LEAD_PROFESSIONAL, then=0), default=1),
        "starts_on",
    )


def _holders(young_person_ids: list[UUID]) -> QuerySet[CaseTeamMembership]:
    """Case-team memberships in force that name an organisation, lead professionals first."""
    return lead_professional_first(
        CaseTeamMembership.objects.in_force(timezone.localdate()).filter(
            young_person_id__in=young_person_ids, user__organisation__isnull=False
        )
    )


def holding_organisation_id(*, young_person: YoungPerson) -> UUID | None:
    """The organisation that holds the record now: its lead professional's, else any
    case-team member's."""
    return _holders([young_person.pk]).values_list("user__organisation_id", flat=True).first()


def holding_organisations(*, young_person_ids: list[UUID]) -> dict[UUID, str]:
    """Who holds each record: the lead professional's organisation, else any case-team
    member's, else (a closed case) the organisation that closed it. One statement each."""
    held: dict[UUID, str] = {}
    for young_person_id, organisation in _holders(young_person_ids).values_list(
        "young_person_id", "user__organisation__name"
    ):
        held.setdefault(young_person_id, organisation)
    closed = CaseClosure.objects.filter(
        young_person_id__in=young_person_ids, reopened_at__isnull=True, organisation__isnull=False
    ).values_list("young_person_id", "organisation__name")
    for young_person_id, organisation in closed:
        held.setdefault(young_person_id, organisation)
    return held


def possible_duplicates(
    *, user: User, preferred_name: str, legal_name: str, date_of_birth: date
) -> list[Glimpse]:
    """Records that may be the same young person as a new referral: the same date of birth
    and a similar name, or a name in common (a misspelt first name with the same surname).
    Shown as glimpses whether or not the user may see them."""
    found = list(
        _with_upper_names(YoungPerson.objects.filter(date_of_birth=date_of_birth))
        .filter(
            _name_matches(legal_name, any_word=True) | _name_matches(preferred_name, any_word=True)
        )
        .values_list("pk", "preferred_name")[:10]
    )
    ids = [pk for pk, _name in found]
    held = holding_organisations(young_person_ids=ids)
    visible = set(
        YoungPerson.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return [
        Glimpse(
            pk, name[:1].upper(), date_of_birth, held.get(pk, "nobody at present"), pk in visible
        )
        for pk, name in found
    ]


SEARCH_RESULTS = 50


def young_people_search(*, user: User, name: str, date_of_birth: date | None) -> list[YoungPerson]:
    """The young people this user may see whose name is like `name` (and born that day, if
    given). Never anyone else."""
    found = _with_upper_names(YoungPerson.objects.visible_to(user)).filter(_name_matches(name))
    if date_of_birth is not None:
        found = found.filter(date_of_birth=date_of_birth)
    return list(found.order_by("preferred_name", "id")[:SEARCH_RESULTS])


def records_existing_elsewhere(
    *, user: User, name: str, date_of_birth: date | None
) -> list[Glimpse]:
    """Exact matches on full legal name *and* date of birth that the user cannot see: only
    who holds them. A partial match, or a name without a date of birth, finds nothing."""
    if date_of_birth is None:
        return []
    typed = " ".join(name.upper().split())
    exact = (
        _with_upper_names(YoungPerson.objects.filter(date_of_birth=date_of_birth))
        .filter(Q(legal_upper=typed))
        .exclude(pk__in=YoungPerson.objects.visible_to(user).values("pk"))
        .values_list("pk", flat=True)[:5]
    )
    ids = list(exact)
    held = holding_organisations(young_person_ids=ids)
    return [Glimpse(pk, "", date_of_birth, held.get(pk, "nobody at present"), False) for pk in ids]


# The record's history, and requests for access -------------------------------------------------


def changes_for(*, young_person: YoungPerson) -> list[YoungPersonChange]:
    return list(young_person.changes.select_related("changed_by__organisation")[:100])


def access_requests_waiting(*, young_person: YoungPerson) -> list[AccessRequest]:
    return list(
        young_person.access_requests.filter(status=AccessRequest.Status.WAITING).select_related(
            "requested_by__organisation"
        )
    )


def access_request_get_for_answer(
    *, user: User, young_person: YoungPerson, request_id: UUID
) -> AccessRequest:
    """A request waiting on this young person's record, for someone who may see the record;
    404 alike for missing and not theirs (whether they may answer it is a power)."""
    try:
        return young_person.access_requests.select_related("requested_by__organisation").get(
            pk=request_id, status=AccessRequest.Status.WAITING
        )
    except AccessRequest.DoesNotExist:
        raise Http404 from None


def access_requests_mine(*, user: User) -> list[AccessRequest]:
    """What this person asked for, newest first, with the answers."""
    return list(
        user.access_requests.select_related("young_person", "grant").order_by("-requested_at")[:50]
    )


def case_closures(*, young_person: YoungPerson) -> list[CaseClosure]:
    """Each time the case was closed (and reopened), newest first."""
    return list(young_person.closures.select_related("closed_by", "reopened_by"))


def case_closure_in_force(*, young_person_id: UUID) -> CaseClosure | None:
    """The closure of a case that is closed now; None while it is open."""
    return CaseClosure.objects.filter(
        young_person_id=young_person_id, reopened_at__isnull=True
    ).first()


def people_who_matter_for(*, young_person: YoungPerson) -> list[PersonWhoMatters]:
    return list(young_person.people_who_matter.all())


def people_invitable(*, young_person: YoungPerson) -> list[PersonWhoMatters]:
    """Those the young person wants invited to their meetings; never anyone who must not be
    told anything."""
    return list(
        young_person.people_who_matter.filter(
            meetings=PersonWhoMatters.Meetings.INVITED, must_not_be_told=False
        )
    )


def person_who_matters_get(*, young_person: YoungPerson, person_id: UUID) -> PersonWhoMatters:
    """Someone on this young person's record; 404 alike for missing and another's."""
    try:
        return young_person.people_who_matter.get(pk=person_id)
    except PersonWhoMatters.DoesNotExist:
        raise Http404 from None


def goals_for(*, young_person: YoungPerson) -> list[Goal]:
    """Their goals, those in hand first, each with its steps and their owners (two queries
    however many)."""
    return list(
        Goal.objects.filter(young_person=young_person)
        .prefetch_related(Prefetch("steps", queryset=GoalStep.objects.select_related("owner")))
        .order_by(F("archived_at").asc(nulls_first=True), "added_at", "id")
    )


def goal_open(*, request: HttpRequest, goal_id: UUID, action: str = Action.VIEW) -> Goal:
    """A goal of a young person this user may see (the young person: their own); 404 alike
    for missing and not theirs; one access event."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user

    def load() -> Goal:
        try:
            return Goal.objects.select_related("young_person").get(
                pk=goal_id, young_person__in=YoungPerson.objects.visible_to(user).values("pk")
            )
        except Goal.DoesNotExist:
            raise Http404 from None

    return opened(
        request=request,
        load=load,
        young_person_of=lambda goal: goal.young_person_id,
        requested_id=goal_id,
        action=action,
        what="goal",
    )


def legal_holds_in_force() -> QuerySet[LegalHold]:
    """The one rule for a legal hold in force: set, and not yet lifted."""
    return LegalHold.objects.filter(lifted_at__isnull=True)


def legal_hold_in_force(*, young_person: YoungPerson) -> LegalHold | None:
    return legal_holds_in_force().filter(young_person=young_person).select_related("set_by").first()


def goal_step_of(*, goal: Goal, step_id: UUID) -> GoalStep:
    """A step of a goal already opened for this user; 404 for a step of any other goal."""
    try:
        return goal.steps.get(pk=step_id)
    except GoalStep.DoesNotExist:
        raise Http404 from None
