"""The one resolver of how a young person is named, and the scoped reads of their decisions."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal
from uuid import UUID

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.models import User
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .models import IdentityDecision, NamingContext, SharingDecision

# Where a name is shown: the three contexts a young person decides, or among the people who
# work with them directly (their case team, and the young person themselves), where the name
# they use is shown.
Context = NamingContext | Literal["working"]
WORKING: Context = "working"
NOT_NAMED = "A young person"
# Before any decision: meeting records use the name they use; nothing else names them.
DEFAULT_CHOICE = {
    NamingContext.MEETING_RECORDS: IdentityDecision.Choice.FIRST_NAME,
    NamingContext.COLLECTIVE_WORK: IdentityDecision.Choice.ANONYMOUS,
    NamingContext.TRAINING: IdentityDecision.Choice.ANONYMOUS,
}


def _initials(young_person: YoungPerson) -> str:
    """The initial of the name they use and of their family name: never the name they left."""
    family = young_person.legal_name.split()[-1:] or [""]
    return " ".join(
        f"{part[0].upper()}." for part in [young_person.preferred_name, *family] if part
    )


def name_as_chosen(young_person: YoungPerson, choice: str, pseudonym: str) -> str:
    match choice:
        case IdentityDecision.Choice.FULL_NAME:
            return young_person.legal_name
        case IdentityDecision.Choice.FIRST_NAME:
            return young_person.preferred_name
        case IdentityDecision.Choice.INITIALS:
            return _initials(young_person)
        case IdentityDecision.Choice.PSEUDONYM if pseudonym:
            return pseudonym
        case _:
            return NOT_NAMED


def _cache(young_person: YoungPerson) -> dict[str, str]:
    if not hasattr(young_person, "_names_in_context"):
        young_person._names_in_context = {}  # type: ignore[attr-defined]
    return young_person._names_in_context  # type: ignore[attr-defined]


def names_prefetch(young_people: Iterable[YoungPerson], context: Context) -> None:
    """Work out the name in `context` for many young people in one query (for lists)."""
    people = [yp for yp in young_people if context not in _cache(yp)]
    if not people or context == WORKING:
        return
    latest = IdentityDecision.objects.filter(young_person=OuterRef("pk"), context=context).order_by(
        "-recorded_at"
    )
    rows = YoungPerson.objects.filter(pk__in=[yp.pk for yp in people]).annotate(
        choice=Subquery(latest.values("choice")[:1]),
        pseudonym=Subquery(latest.values("pseudonym")[:1]),
    )
    found = {row.pk: (row.choice, row.pseudonym) for row in rows}
    for young_person in people:
        choice, pseudonym = found.get(young_person.pk, (None, None))
        _cache(young_person)[context] = name_as_chosen(
            young_person, choice or DEFAULT_CHOICE[NamingContext(context)], pseudonym or ""
        )


def name_in(young_person: YoungPerson, context: Context) -> str:
    """How this young person is named in `context`, by their decision in force right now.

    Every template, print view and export names a young person through this (the `named`
    template filter), so a new decision or a withdrawal shows on the very next page.
    """
    if context == WORKING:
        return young_person.preferred_name
    if context not in _cache(young_person):
        names_prefetch([young_person], context)
    return _cache(young_person)[context]


def identity_decisions_in_force(*, young_person: YoungPerson) -> dict[str, IdentityDecision]:
    """The newest identity decision for each context (a context with none is left out)."""
    in_force: dict[str, IdentityDecision] = {}
    for decision in IdentityDecision.objects.filter(young_person=young_person).order_by(
        "-recorded_at"
    ):
        in_force.setdefault(decision.context, decision)
    return in_force


@dataclass(frozen=True)
class NamingRow:
    context: str
    label: str
    name: str
    decision: IdentityDecision | None


def naming_overview(*, young_person: YoungPerson) -> list[NamingRow]:
    in_force = identity_decisions_in_force(young_person=young_person)
    return [
        NamingRow(
            context=context.value,
            label=context.label,
            name=name_in(young_person, context),
            decision=in_force.get(context.value),
        )
        for context in NamingContext
    ]


def identity_history(*, young_person: YoungPerson) -> list[IdentityDecision]:
    return list(
        IdentityDecision.objects.filter(young_person=young_person)
        .select_related("recorded_by")
        .order_by("-recorded_at")
    )


def sharing_log(*, young_person: YoungPerson) -> list[SharingDecision]:
    """Every sharing decision, newest first: the case team's readable log."""
    return list(
        SharingDecision.objects.filter(young_person=young_person)
        .select_related("organisation", "recorded_by")
        .order_by("-recorded_at")
    )


def sharing_in_force(*, young_person: YoungPerson) -> list[SharingDecision]:
    """The newest decision for each organisation and purpose."""
    in_force: dict[tuple[UUID, str], SharingDecision] = {}
    for decision in sharing_log(young_person=young_person):
        in_force.setdefault((decision.organisation_id, decision.purpose.lower()), decision)
    return list(in_force.values())


def reviews_due(*, young_person: YoungPerson, on: date | None = None) -> list[str]:
    """Decisions in force whose review date has come: what the case team should look at."""
    today = on or timezone.localdate()
    due = [
        f"How they are named in {d.get_context_display().lower()}"
        for d in identity_decisions_in_force(young_person=young_person).values()
        if d.review_on <= today
    ]
    due += [
        f"Sharing with {d.organisation} for {d.purpose}"
        for d in sharing_in_force(young_person=young_person)
        if d.review_on <= today
    ]
    return due


def consent_can_record(*, user: User, young_person: YoungPerson) -> bool:
    """The case team records decisions with the young person; the young person, in the portal."""
    return is_on_case_team(user=user, young_person=young_person) or (
        user.is_young_person and young_person.portal_user_id == user.pk
    )
