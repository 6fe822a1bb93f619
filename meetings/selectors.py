from django.utils import timezone

from accounts.models import User
from participation.models import YoungPerson

from .models import Meeting, MeetingQuerySet, Reminder


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
