import logging
from datetime import date, datetime
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .models import (
    STEP_STATES,
    AgendaItem,
    Meeting,
    PreparationRecord,
    PreparationStep,
    Reminder,
)
from .selectors import meeting_can_prepare

logger = logging.getLogger(__name__)


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    young_person: YoungPerson,
    meeting_type: str,
    chair: User,
    scheduled_at: datetime,
    venue: str,
) -> Meeting:
    """Schedule a meeting about a young person; the chair's reminder is saved with it."""
    if not is_on_case_team(user=actor, young_person=young_person):
        raise ValidationError("Only someone on the young person's case team can schedule a meeting")
    if not (chair.is_active and chair.is_staff_member and chair.has_role(Role.CSE_LEAD)):
        raise ValidationError({"chair": "Choose a chair from the list"})
    if scheduled_at <= timezone.now():
        raise ValidationError({"scheduled_at": "The date of the meeting must be in the future"})

    meeting = Meeting(
        young_person=young_person,
        meeting_type=meeting_type,
        chair=chair,
        scheduled_at=scheduled_at,
        venue=venue.strip(),
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()

    reminder = Reminder(
        kind=Reminder.Kind.CHAIR_ASKED, meeting=meeting, recipient=chair, due_at=timezone.now()
    )
    reminder.full_clean()
    reminder.save()
    transaction.on_commit(lambda: _queue_reminder(reminder.pk))
    return meeting


def _queue_reminder(reminder_id: object) -> None:
    from .tasks import reminder_send

    try:
        reminder_send.delay(str(reminder_id))
    except Exception:
        # The row is saved; the beat task sends it once the broker answers again.
        logger.warning(
            "Broker unavailable: reminder %s left for the next sweep", reminder_id, exc_info=True
        )


def reminder_deliver(*, reminder_id: str) -> bool:
    """Send one due reminder exactly once; a second call, or a concurrent one, does nothing."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True)
            .select_related("recipient", "meeting")
            .filter(pk=reminder_id, status=Reminder.Status.PENDING, due_at__lte=timezone.now())
            .first()
        )
        if reminder is None:
            return False
        reminder.attempts += 1
        # Staff email, yet still no young person's name: mail leaves the system.
        send_mail(
            subject=f"{settings.SERVICE_NAME}: {reminder.get_kind_display().lower()}",
            message=(
                f"{reminder.get_kind_display()} on "
                f"{timezone.localtime(reminder.meeting.scheduled_at):%A %d %B %Y at %H:%M}.\n\n"
                f"Sign in to see it: {settings.SITE_URL}{reverse('home')}\n"
            ),
            from_email=None,
            # Reminders go to staff, who always have an email (a check constraint).
            recipient_list=[cast(str, reminder.recipient.email)],
        )
        reminder.status = Reminder.Status.SENT
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["attempts", "status", "sent_at"])
        return True


STALE_EDIT = (
    "Someone else changed this item while you were editing it. "
    "Your changes have not been saved: check their version below, then make yours again."
)


def _agenda_item_check(
    *, actor: User, meeting: Meeting, visibility: str, explanation_for_young_person: str
) -> None:
    if not meeting_can_prepare(user=actor, meeting=meeting):
        raise ValidationError("Only the chair and the case team can change the agenda")
    if (
        visibility == AgendaItem.Visibility.PROFESSIONALS_ONLY
        and not explanation_for_young_person.strip()
    ):
        raise ValidationError(
            {
                "explanation_for_young_person": (
                    "Tell the young person, in a plain sentence, that this part is held "
                    "without them and why"
                )
            }
        )


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    details: str,
    proposed_by: str,
    visibility: str,
    explanation_for_young_person: str,
) -> AgendaItem:
    _agenda_item_check(
        actor=actor,
        meeting=meeting,
        visibility=visibility,
        explanation_for_young_person=explanation_for_young_person,
    )
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    item = AgendaItem(
        meeting=meeting,
        title=title.strip(),
        details=details.strip(),
        proposed_by=proposed_by,
        visibility=visibility,
        explanation_for_young_person=explanation_for_young_person.strip(),
        position=0 if last is None else last + 1,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: User,
    item: AgendaItem,
    expected_version: int,
    title: str,
    details: str,
    proposed_by: str,
    visibility: str,
    explanation_for_young_person: str,
) -> AgendaItem:
    """Save an edit made from `expected_version`; refuse it if the item moved on since."""
    _agenda_item_check(
        actor=actor,
        meeting=item.meeting,
        visibility=visibility,
        explanation_for_young_person=explanation_for_young_person,
    )
    changes = {
        "title": title.strip(),
        "details": details.strip(),
        "proposed_by": proposed_by,
        "visibility": visibility,
        "explanation_for_young_person": explanation_for_young_person.strip(),
    }
    candidate = AgendaItem(pk=item.pk, meeting=item.meeting, **changes)
    candidate.full_clean(exclude=["meeting"], validate_unique=False)
    saved = AgendaItem.objects.filter(pk=item.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if not saved:
        raise ValidationError(STALE_EDIT)
    item.refresh_from_db()
    return item


def preparation_record(
    *,
    actor: User,
    meeting: Meeting,
    step: str,
    state: str,
    happened_on: date,
    note: str,
) -> PreparationRecord:
    """Record a preparation step's state now (a new record: the history is kept)."""
    if not meeting_can_prepare(user=actor, meeting=meeting):
        raise ValidationError("Only the chair and the case team can record preparation")
    if step not in STEP_STATES or state not in dict(STEP_STATES[step]):
        raise ValidationError({"state": "Select what has happened"})
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": "The date must be today or in the past"})
    if step == PreparationStep.RESPECTED and state != "not_yet" and not note.strip():
        raise ValidationError(
            {"note": "Say what was agreed, for example breaks, who is in the room, words to avoid"}
        )
    record = PreparationRecord(
        meeting=meeting,
        step=step,
        state=state,
        happened_on=happened_on,
        note=note.strip(),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    return record
