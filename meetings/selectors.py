from uuid import UUID

from django.http import Http404
from django.utils import timezone

from accounts.models import User
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .models import AgendaItem, Meeting, MeetingQuerySet, Reminder


def meetings_chaired_upcoming(*, user: User) -> MeetingQuerySet:
    return (
        Meeting.objects.upcoming()
        .filter(chair=user)
        .select_related("young_person")
        .order_by("scheduled_at")
    )


def meetings_for_young_person(*, user: User, young_person: YoungPerson) -> MeetingQuerySet:
    return (
        Meeting.objects.visible_to(user)
        .filter(young_person=young_person)
        .select_related("chair__organisation")
        .order_by("-scheduled_at")
    )


def reminders_due_ids(*, limit: int = 500) -> list[str]:
    """Pending reminders whose time has come, oldest first (not user-scoped: the sweep's read)."""
    due = Reminder.objects.filter(status=Reminder.Status.PENDING, due_at__lte=timezone.now())
    return [str(pk) for pk in due.order_by("due_at").values_list("pk", flat=True)[:limit]]


def meeting_get_for_user(*, user: User, meeting_id: UUID) -> Meeting:
    """The meeting if this user may see it; 404 alike for missing and not yours."""
    try:
        return (
            Meeting.objects.visible_to(user)
            .select_related("young_person", "chair__organisation")
            .get(pk=meeting_id)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None


def agenda_for(*, user: User, meeting: Meeting) -> list[AgendaItem]:
    """The items of this meeting that this user may see, in agenda order."""
    return list(
        AgendaItem.objects.visible_to(user)
        .filter(meeting=meeting)
        .order_by("position", "created_at")
    )


def agenda_item_get_for_user(*, user: User, meeting: Meeting, item_id: UUID) -> AgendaItem:
    try:
        return AgendaItem.objects.visible_to(user).get(pk=item_id, meeting=meeting)
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def meeting_can_edit_agenda(*, user: User, meeting: Meeting) -> bool:
    """The chair and the young person's case team build the agenda with the young person."""
    return meeting.chair_id == user.pk or is_on_case_team(
        user=user, young_person=meeting.young_person
    )
