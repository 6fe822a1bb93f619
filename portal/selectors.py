from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from accounts.models import User
from consent.forms import CHOICE_IN_MY_WORDS
from consent.models import IdentityDecision, NamingContext, SharingDecision
from consent.selectors import DEFAULT_CHOICE, identity_decisions_in_force, sharing_in_force
from meetings.models import (
    InformationPack,
    Meeting,
    MeetingChange,
    MeetingQuerySet,
    YoungPersonRequest,
)
from participation.models import YoungPerson

from .models import PortalInvitation


def portal_young_person(*, user: User) -> YoungPerson | None:
    """The young person this portal account belongs to, and no one else."""
    return YoungPerson.objects.visible_to(user).first()


def portal_meetings_upcoming(*, user: User) -> MeetingQuerySet:
    return Meeting.objects.visible_to(user).upcoming()


def portal_meetings_past(*, user: User, limit: int = 5) -> list[Meeting]:
    """The latest meetings that have happened: where decisions and feedback are."""
    return list(
        Meeting.objects.visible_to(user)
        .filter(scheduled_at__lt=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-scheduled_at")[:limit]
    )


def portal_information(*, meeting: Meeting) -> InformationPack | None:
    """The newest shared version of the pre-meeting information."""
    return meeting.information_packs.order_by("-version").first()


def portal_latest_change(*, meeting: Meeting) -> MeetingChange | None:
    """The latest move or cancellation, with the reason the young person is told."""
    return (
        meeting.changes.filter(kind__in=[MeetingChange.Kind.MOVED, MeetingChange.Kind.CANCELLED])
        .order_by("-changed_at")
        .first()
    )


@dataclass(frozen=True)
class PortalAccess:
    """What the case team sees about a young person's way into the portal."""

    username: str
    is_active: bool
    open_code_expires_at: datetime | None


def portal_access_for(*, young_person: YoungPerson) -> PortalAccess:
    account = young_person.portal_user
    code = (
        PortalInvitation.objects.filter(
            young_person=young_person,
            used_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-issued_at")
        .first()
    )
    return PortalAccess(
        username=account.username or "" if account else "",
        is_active=bool(account and account.is_active),
        open_code_expires_at=code.expires_at if code else None,
    )


# Where a name may travel, in the young person's words.
PLACES_IN_MY_WORDS = {
    NamingContext.MEETING_RECORDS: "When notes from your meetings go to other teams",
    NamingContext.COLLECTIVE_WORK: "When you take part in group work, or help make services better",
    NamingContext.TRAINING: "In training, or in things that help other people learn",
}
# Why information was shared, in the young person's words, for each lawful basis.
BASIS_IN_MY_WORDS = {
    SharingDecision.Basis.CONSENT: "because you said yes",
    SharingDecision.Basis.PUBLIC_TASK: "because it is part of our job to help keep you safe",
    SharingDecision.Basis.LEGAL_OBLIGATION: "because the law says we must",
    SharingDecision.Basis.VITAL_INTERESTS: "because someone's life or safety was at serious risk",
}


@dataclass(frozen=True)
class MyNaming:
    context: str
    place: str
    choice: str  # in their words; never the value of a name they have not chosen


def portal_naming(*, young_person: YoungPerson) -> list[MyNaming]:
    in_force = identity_decisions_in_force(young_person=young_person)
    rows = []
    for context, place in PLACES_IN_MY_WORDS.items():
        decision = in_force.get(context)
        choice = decision.choice if decision else DEFAULT_CHOICE[context]
        words = CHOICE_IN_MY_WORDS[IdentityDecision.Choice(choice)]
        if decision and decision.choice == IdentityDecision.Choice.PSEUDONYM:
            words = f"The name you chose: {decision.pseudonym}"
        rows.append(MyNaming(context=context.value, place=place, choice=words))
    return rows


@dataclass(frozen=True)
class MySharing:
    organisation: str
    shared: bool
    purpose: str
    why: str


def portal_sharing(*, young_person: YoungPerson) -> list[MySharing]:
    return [
        MySharing(
            organisation=str(decision.organisation),
            shared=decision.share,
            purpose=decision.purpose,
            why=BASIS_IN_MY_WORDS.get(SharingDecision.Basis(decision.basis), "")
            if decision.share
            else "",
        )
        for decision in sharing_in_force(young_person=young_person)
    ]


# What they asked, in their own terms: the portal never shows staff labels.
REQUEST_IN_MY_WORDS = {
    YoungPersonRequest.Kind.MEET_CHAIR: "You asked to meet the person who runs your meeting",
    YoungPersonRequest.Kind.DISAGREE: "You said you do not agree with a decision",
    YoungPersonRequest.Kind.TALK: "You asked to talk about a decision",
    YoungPersonRequest.Kind.ADVOCATE: "You asked for an advocate",
    YoungPersonRequest.Kind.PEER_SUPPORTER: "You asked for a peer supporter",
    YoungPersonRequest.Kind.NOT_LISTENED: "You said you did not feel listened to",
    YoungPersonRequest.Kind.RESPECTED: "You told us what would help you feel respected",
}


@dataclass(frozen=True)
class MyRequest:
    kind: str
    said: str
    meeting_id: Any
    reply_by: date
    answer: str
    answered_by: str
    commitment: str = ""


# The chair's answer to what would help them feel respected, as the young person reads it.
COMMITMENT_IN_MY_WORDS: dict[str, str] = {
    YoungPersonRequest.Commitment.WILL_DO: "We will do this.",
    YoungPersonRequest.Commitment.CANNOT: "We cannot do this, because:",
}


def portal_requests(*, young_person: YoungPerson) -> list[MyRequest]:
    """What they asked or told us, and each answer, newest first (one query)."""
    return [
        MyRequest(
            kind=asked.kind,
            said=REQUEST_IN_MY_WORDS[YoungPersonRequest.Kind(asked.kind)],
            meeting_id=asked.meeting_id,
            reply_by=asked.reply_by,
            answer=asked.answer,
            answered_by=asked.answered_by.first_name if asked.answered_by else "",
            commitment=COMMITMENT_IN_MY_WORDS.get(asked.commitment, ""),
        )
        for asked in young_person.requests.select_related("answered_by").order_by("-opened_at")[:50]
    ]
