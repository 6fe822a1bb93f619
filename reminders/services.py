"""The reminders time brings, written by an hourly scan.

Each reminder's key names what it is about (and, for a meeting, the date it is set for),
so a scan that runs again, or twice at once, writes nothing new; a meeting moved to a
new date is a new reminder.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import staff_in_role
from consent.models import IdentityDecision, SharingDecision
from consent.selectors import identity_decisions_in_force, sharing_in_force
from meetings.models import (
    CAN_MOVE_OR_CANCEL,
    Action,
    AgendaItem,
    Feedback,
    InformationPack,
    Meeting,
    PreparationRecord,
    PreparationStep,
    YoungPersonRequest,
)
from meetings.services import HAPPENED_STATUSES
from notifications.models import Kind
from notifications.services import notify
from participation.models import CaseTeamMembership, YoungPerson, YoungPersonUserObjectPermission

# How far back the scan looks for things still undone: it runs every hour, so older ones
# were reminded of then (and a first run after deploying does not flood anyone).
LOOK_BACK = timedelta(days=7)


def _meeting_key(kind: Kind, meeting: Meeting) -> str:
    return f"{kind}:{meeting.pk}:{meeting.scheduled_at:%Y%m%d%H%M}"


def _to_chairs(kind: Kind, meetings: Iterable[Meeting]) -> int:
    return sum(
        notify(kind=kind, recipients=[m.chair], key=_meeting_key(kind, m), meeting=m)
        for m in meetings
    )


def _case_teams(young_person_ids: Iterable[Any]) -> dict[Any, list[User]]:
    teams: dict[Any, list[User]] = defaultdict(list)
    memberships = CaseTeamMembership.objects.in_force(timezone.localdate()).filter(
        young_person_id__in=list(young_person_ids)
    )
    for membership in memberships.select_related("user"):
        teams[membership.young_person_id].append(membership.user)
    return teams


def before_meetings() -> int:
    """Within N days of a meeting: information, meeting the chair, the young person's items."""
    now = timezone.now()
    upcoming = Meeting.objects.filter(
        status__in=CAN_MOVE_OR_CANCEL,
        scheduled_at__gt=now,
        scheduled_at__lte=now + timedelta(days=settings.NOTIFICATIONS_DAYS_BEFORE_MEETING),
    ).select_related("chair")

    def latest_state(step: PreparationStep) -> Subquery:
        return Subquery(
            PreparationRecord.objects.filter(meeting=OuterRef("pk"), step=step)
            .order_by("-recorded_at")
            .values("state")[:1]
        )

    not_yet = Q(state__isnull=True) | Q(state="not_yet")
    their_items = AgendaItem.objects.filter(
        meeting=OuterRef("pk"),
        proposed_by__in=[AgendaItem.ProposedBy.YOUNG_PERSON, AgendaItem.ProposedBy.ADVOCATE],
    )
    return (
        # Shared in the service, or recorded as shared in person, as a leaflet, ...
        _to_chairs(
            Kind.INFORMATION_NOT_SHARED,
            upcoming.annotate(state=latest_state(PreparationStep.INFORMATION))
            .filter(not_yet)
            .filter(~Exists(InformationPack.objects.filter(meeting=OuterRef("pk")))),
        )
        + _to_chairs(
            Kind.CHAIR_MEETING_NOT_OFFERED,
            upcoming.annotate(state=latest_state(PreparationStep.MEET_CHAIR)).filter(not_yet),
        )
        + _to_chairs(Kind.NO_YOUNG_PERSON_ITEM, upcoming.filter(~Exists(their_items)))
    )


def feedback_not_asked() -> int:
    """A meeting that happened days ago with no feedback recorded: its case team is told."""
    now = timezone.now()
    held = list(
        Meeting.objects.filter(
            status__in=HAPPENED_STATUSES,
            scheduled_at__lte=now - timedelta(days=settings.NOTIFICATIONS_DAYS_AFTER_MEETING),
            scheduled_at__gt=now - LOOK_BACK,
        ).filter(~Exists(Feedback.objects.filter(meeting=OuterRef("pk"))))
    )
    teams = _case_teams(meeting.young_person_id for meeting in held)
    kind = Kind.FEEDBACK_NOT_ASKED
    return sum(
        notify(
            kind=kind,
            recipients=teams[meeting.young_person_id],
            key=_meeting_key(kind, meeting),
            meeting=meeting,
        )
        for meeting in held
    )


def actions_past_due() -> int:
    today = timezone.localdate()
    past_due = (
        Action.objects.filter(due_on__lt=today, due_on__gte=today - LOOK_BACK)
        .exclude(decision__meeting__status=Meeting.Status.CANCELLED)
        .select_related("owner", "decision__meeting")
    )
    return sum(
        notify(
            kind=Kind.ACTION_PAST_DUE,
            recipients=[action.owner],
            key=f"{Kind.ACTION_PAST_DUE}:{action.pk}",
            meeting=action.decision.meeting,
        )
        for action in past_due
    )


def consent_reviews_due() -> int:
    """Naming or sharing choices whose review date has come: the case team is told."""
    today = timezone.localdate()
    window = {"review_on__lte": today, "review_on__gt": today - LOOK_BACK}
    candidates = set(
        IdentityDecision.objects.filter(**window).values_list("young_person_id", flat=True)
    ) | set(SharingDecision.objects.filter(**window).values_list("young_person_id", flat=True))
    teams = _case_teams(candidates)
    written = 0
    for young_person in YoungPerson.objects.filter(pk__in=candidates):
        due = [
            decision.review_on
            for decision in identity_decisions_in_force(young_person=young_person).values()
            if decision.review_on <= today
        ] + [
            decision.review_on
            for decision in sharing_in_force(young_person=young_person)
            if decision.review_on <= today
        ]
        if due:
            written += notify(
                kind=Kind.CONSENT_REVIEW_DUE,
                recipients=teams[young_person.pk],
                key=f"{Kind.CONSENT_REVIEW_DUE}:{young_person.pk}:{max(due):%Y%m%d}",
                young_person=young_person,
            )
    return written


def grants_expiring() -> int:
    now = timezone.now()
    expiring = YoungPersonUserObjectPermission.objects.filter(
        kind=YoungPersonUserObjectPermission.Kind.GRANT,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=1),
    ).select_related("user", "content_object")
    return sum(
        notify(
            kind=Kind.GRANT_EXPIRING,
            recipients=[grant.user],
            key=f"{Kind.GRANT_EXPIRING}:{grant.pk}",
            young_person=grant.content_object,
        )
        for grant in expiring
    )


def meetings_tomorrow() -> int:
    """The day before a meeting, the young person is reminded (a portal notice, and the
    discreet "new message" where they chose one). A moved meeting is a new reminder."""
    now = timezone.now()
    tomorrow = Meeting.objects.filter(
        status__in=CAN_MOVE_OR_CANCEL,
        scheduled_at__gt=now,
        scheduled_at__lte=now + timedelta(days=1),
        young_person__portal_user__isnull=False,
    ).select_related("young_person__portal_user")
    return sum(
        notify(
            kind=Kind.MEETING_TOMORROW,
            recipients=[m.young_person.portal_user],
            key=_meeting_key(Kind.MEETING_TOMORROW, m),
            meeting=m,
        )
        for m in tomorrow
        if m.young_person.portal_user is not None
    )


def requests_due() -> int:
    """A young person was promised a reply by a date: on that day the owner is reminded;
    once it has passed, their organisation's CSE leads are told. Each once."""
    today, now = timezone.localdate(), timezone.now()
    waiting = YoungPersonRequest.objects.filter(answered_at__isnull=True, reply_by__lte=today)
    written = 0
    for asked in waiting.filter(reminded_at__isnull=True).select_related("owner"):
        written += notify(
            kind=Kind.REQUEST_DUE, recipients=[asked.owner], key=f"{Kind.REQUEST_DUE}:{asked.pk}"
        )
    waiting.filter(reminded_at__isnull=True).update(reminded_at=now)
    overdue = waiting.filter(reply_by__lt=today, escalated_at__isnull=True)
    for asked in overdue.select_related("owner"):
        leads = staff_in_role(role=Role.CSE_LEAD, organisation_id=asked.owner.organisation_id)
        written += notify(
            kind=Kind.REQUEST_OVERDUE,
            recipients=leads.exclude(pk=asked.owner_id) if asked.owner.organisation_id else [],
            key=f"{Kind.REQUEST_OVERDUE}:{asked.pk}",
        )
    overdue.update(escalated_at=now)
    return written


def reminders_write() -> int:
    """Every reminder time has brought; returns how many rows were new."""
    return (
        before_meetings()
        + requests_due()
        + meetings_tomorrow()
        + feedback_not_asked()
        + actions_past_due()
        + consent_reviews_due()
        + grants_expiring()
    )
