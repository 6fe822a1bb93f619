from dataclasses import dataclass
from datetime import datetime

import segno
from django.utils import timezone

from accounts.models import User
from meetings.models import (
    InformationPack,
    Meeting,
    MeetingChange,
    MeetingQuerySet,
    PreparationRecord,
    PreparationStep,
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


def portal_choices(*, meeting: Meeting) -> dict[str, PreparationRecord]:
    """The newest record of the steps the young person chooses: how they take part, what helps."""
    latest: dict[str, PreparationRecord] = {}
    records = meeting.preparation.filter(
        step__in=[PreparationStep.TAKING_PART, PreparationStep.RESPECTED]
    ).order_by("-recorded_at")
    for record in records:
        latest.setdefault(record.step, record)
    return latest


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


def qr_code_svg(text: str) -> str:
    """A QR code as inline SVG markup, drawn here: no image library, no request elsewhere."""
    return segno.make(text, error="m").svg_inline(scale=5, dark="#0b0c0c", light="#ffffff")
