from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.models import User
from audit.services import Action, opened
from consent.models import NamingContext
from consent.selectors import NOT_NAMED, name_in, names_prefetch
from participation.models import YoungPerson
from participation.selectors import case_closure_in_force

from .models import (
    Contribution,
    Involvement,
    Opportunity,
    Output,
    ParticipationAccount,
    Question,
)
from .powers import opportunity_manage_allowed


def opportunities_for_staff(*, user: User) -> QuerySet[Opportunity]:
    """Opportunities hold nobody's information, so any member of staff may read them (to
    offer one to a young person they work with), with how many were offered and said yes."""
    if not user.is_active or not user.is_staff_member:
        return Opportunity.objects.none()
    return Opportunity.objects.select_related("organisation").annotate(
        offered=Count("involvements"),
        said_yes=Count("involvements", filter=Q(involvements__answer=Involvement.Answer.YES)),
    )


def opportunity_get_for_user(*, user: User, opportunity_id: UUID) -> Opportunity:
    try:
        return opportunities_for_staff(user=user).get(pk=opportunity_id)
    except Opportunity.DoesNotExist:
        raise Http404 from None


def involvements_for(*, young_person: YoungPerson) -> list[Involvement]:
    """What a young person has been offered, newest first, on their record (not what moved
    to a participation-only account they kept)."""
    return list(
        Involvement.objects.filter(young_person=young_person).select_related(
            "opportunity", "offered_by"
        )
    )


def _theirs(user: User) -> Q:
    """Involvements of the person signed in to the portal: through their case record, or
    through the participation-only account they kept."""
    if not user.is_active or not user.is_young_person:
        return Q(pk__in=[])
    return Q(young_person__portal_user=user) | Q(account__user=user)


def involvement_get_for_portal(*, user: User, involvement_id: UUID) -> Involvement:
    """An offer to the young person signed in; 404 alike for missing and someone else's."""
    try:
        return Involvement.objects.select_related(
            "opportunity", "offered_by", "account", "young_person"
        ).get(_theirs(user), pk=involvement_id)
    except Involvement.DoesNotExist:
        raise Http404 from None


def is_theirs(involvement: Involvement, user: User) -> bool:
    """Whether this involvement belongs to the young person signed in (for services)."""
    if involvement.account is not None:
        return involvement.account.user_id == user.pk
    return involvement.young_person is not None and involvement.young_person.portal_user_id == (
        user.pk
    )


def portal_offers(*, user: User) -> list[Involvement]:
    """What the young person signed in has been offered, newest first."""
    return list(
        Involvement.objects.filter(_theirs(user)).select_related("opportunity", "offered_by")
    )


def portal_user_of(involvement: Involvement) -> User | None:
    """Whom to tell in the portal about their involvement."""
    if involvement.account is not None:
        return involvement.account.user
    return involvement.young_person.portal_user if involvement.young_person else None


def participation_account_of(*, user: User) -> ParticipationAccount | None:
    """The participation-only account this portal user kept, if they kept one."""
    return ParticipationAccount.objects.filter(user=user, user__is_active=True).first()


def involvement_open(*, request: HttpRequest, involvement_id: UUID) -> Involvement:
    """The young person's own offer, with its access event: a change on POST."""
    assert isinstance(request.user, User)  # noqa: S101 - portal views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: involvement_get_for_portal(user=user, involvement_id=involvement_id),
        young_person_of=lambda involvement: involvement.young_person_id,
        requested_id=involvement_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="an opportunity offered, in the portal",
    )


# Who took part, and how they are named --------------------------------------------------------


def naming_context_for(opportunity: Opportunity) -> NamingContext:
    """Training material has its own naming decision; all other group work shares one."""
    if opportunity.kind == Opportunity.Kind.TRAINING:
        return NamingContext.TRAINING
    return NamingContext.COLLECTIVE_WORK


def credit_name_of(involvement: Involvement) -> str:
    """How they are named in this opportunity's work (its outputs, their certificate and
    their reference letter): as their decision in force says, or, with a participation-only
    account, as they wrote it there."""
    if involvement.account is not None:
        return involvement.account.credit_name or NOT_NAMED
    assert involvement.young_person is not None  # noqa: S101 - a record's, or an account's
    return name_in(involvement.young_person, naming_context_for(involvement.opportunity))


def taking_part(*, opportunity: Opportunity) -> list[Involvement]:
    """The young people who said yes, each with their contributions and `credit_name`: how
    their decision in force names them in this opportunity's outputs."""
    involvements = list(
        opportunity.involvements.filter(answer=Involvement.Answer.YES)
        .select_related("young_person", "account", "offered_by")
        .prefetch_related("contributions")
        .order_by("answered_at")
    )
    names_prefetch(
        [i.young_person for i in involvements if i.young_person is not None],
        naming_context_for(opportunity),
    )
    for involvement in involvements:
        involvement.credit_name = credit_name_of(involvement)  # type: ignore[attr-defined]
    return involvements


def credit_line(*, opportunity: Opportunity, taking: list[Involvement] | None = None) -> str:
    """The credit every unpublished output of this opportunity carries: each contributor as
    their decision in force says, and those not named counted, never listed. `taking` is
    `taking_part(opportunity=...)` where the caller has it already."""
    if taking is None:
        taking = taking_part(opportunity=opportunity)
    credited = [i for i in taking if i.contributions.all()]
    named = [i.credit_name for i in credited if i.credit_name != NOT_NAMED]  # type: ignore[attr-defined]
    unnamed = len(credited) - len(named)
    parts = list(named)
    if unnamed:
        parts.append(
            "1 young person who chose not to be named"
            if unnamed == 1
            else f"{unnamed} young people who chose not to be named"
        )
    if not parts:
        return "Made with young people."
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"Made with {listed}" + ("" if listed.endswith(".") else ".")


@dataclass(frozen=True)
class OutputCredit:
    output: Output
    credit: str  # the credit it carries: now if unpublished, as published otherwise
    changed_since_published: bool  # someone's choice has changed since it went out


def outputs_for(
    *, opportunity: Opportunity, taking: list[Involvement] | None = None
) -> list[OutputCredit]:
    now = credit_line(opportunity=opportunity, taking=taking)
    return [
        OutputCredit(
            output=output,
            credit=output.credit_when_published if output.published_at else now,
            changed_since_published=bool(output.published_at)
            and output.credit_when_published != now,
        )
        for output in opportunity.outputs.all()
    ]


def involvement_get_for_manager(*, user: User, involvement_id: UUID) -> Involvement:
    """A yes to an opportunity this user manages; 404 alike for missing and not theirs."""
    try:
        involvement = Involvement.objects.select_related(
            "opportunity", "young_person", "account"
        ).get(pk=involvement_id, answer=Involvement.Answer.YES)
    except Involvement.DoesNotExist:
        raise Http404 from None
    if not opportunity_manage_allowed(actor=user, opportunity=involvement.opportunity):
        raise Http404
    return involvement


def things_i_have_been_part_of(*, user: User) -> list[Involvement]:
    """What they said yes to, with what they contributed: their record of it, in the portal."""
    return list(
        Involvement.objects.filter(_theirs(user), answer=Involvement.Answer.YES)
        .select_related("opportunity")
        .prefetch_related("contributions")
    )


def output_of(*, opportunity: Opportunity, output_id: UUID) -> Output:
    """An output of an opportunity already opened for this user; 404 for any other's."""
    try:
        return opportunity.outputs.get(pk=output_id)
    except Output.DoesNotExist:
        raise Http404 from None


def involvement_open_for_manager(*, request: HttpRequest, involvement_id: UUID) -> Involvement:
    """A young person's yes to an opportunity this user runs, with its access event."""
    assert isinstance(request.user, User)  # noqa: S101 - staff views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: involvement_get_for_manager(user=user, involvement_id=involvement_id),
        young_person_of=lambda involvement: involvement.young_person_id,
        requested_id=involvement_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="contributions to an opportunity",
    )


# Counts for the participation figures --------------------------------------------------------


@dataclass(frozen=True)
class CollectiveCounts:
    opportunities: int  # created in the period, or with a session in it
    kinds: list[tuple[str, int]]  # those opportunities by kind
    young_people_offered: int  # offered one in the period
    young_people_involved: int  # took part in a session in the period
    sessions: int


def collective_counts(*, organisation_id: UUID | None, start: date, end: date) -> CollectiveCounts:
    """Collective participation run by one organisation over a period: counts only."""
    if organisation_id is None:
        return CollectiveCounts(0, [], 0, 0, 0)
    ours = Opportunity.objects.filter(organisation_id=organisation_id)
    contributions = Contribution.objects.filter(
        involvement__opportunity__in=ours, session_on__range=(start, end)
    )
    run = ours.filter(
        Q(created_at__date__range=(start, end))
        | Q(pk__in=contributions.values("involvement__opportunity_id"))
    )
    labels = dict(Opportunity.Kind.choices)
    kinds = [
        (labels[row["kind"]], row["n"])
        for row in run.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    ]
    return CollectiveCounts(
        opportunities=sum(n for _kind, n in kinds),
        kinds=kinds,
        young_people_offered=Involvement.objects.filter(
            opportunity__in=ours, offered_at__date__range=(start, end)
        ).aggregate(n=Count(Coalesce("young_person_id", "account_id"), distinct=True))["n"],
        young_people_involved=contributions.aggregate(
            n=Count(
                Coalesce("involvement__young_person_id", "involvement__account_id"), distinct=True
            )
        )["n"],
        sessions=contributions.count(),
    )


# A participation-only account -----------------------------------------------------------------

ADULT_AGE = 18


def participation_account_open_to(*, young_person: YoungPerson) -> bool:
    """A young person may keep a participation-only account once they are 18, or once their
    case is closed."""
    today = timezone.localdate()
    born = young_person.date_of_birth
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age >= ADULT_AGE or case_closure_in_force(young_person_id=young_person.pk) is not None


# Questions about an opportunity ---------------------------------------------------------------


def questions_about(*, opportunity: Opportunity) -> list[Question]:
    """Young people's questions about an opportunity, for those who run it: never whose."""
    return list(
        Question.objects.filter(involvement__opportunity=opportunity).select_related("answered_by")
    )


def question_get_for_manager(*, user: User, question_id: UUID) -> Question:
    """A question about an opportunity this user runs; 404 alike for missing and not theirs."""
    try:
        question = Question.objects.select_related(
            "involvement__opportunity", "involvement__account", "answered_by"
        ).get(pk=question_id)
    except Question.DoesNotExist:
        raise Http404 from None
    if not opportunity_manage_allowed(actor=user, opportunity=question.involvement.opportunity):
        raise Http404
    return question


def question_open_for_manager(*, request: HttpRequest, question_id: UUID) -> Question:
    """A question about an opportunity this user runs, with its access event."""
    assert isinstance(request.user, User)  # noqa: S101 - staff views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: question_get_for_manager(user=user, question_id=question_id),
        young_person_of=lambda question: question.involvement.young_person_id,
        requested_id=question_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="a young person's question about an opportunity",
    )
