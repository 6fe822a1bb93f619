from accounts.models import User
from meetings.models import Meeting, MeetingQuerySet
from participation.models import YoungPerson


def portal_young_person(*, user: User) -> YoungPerson | None:
    """The young person this portal account belongs to, and no one else."""
    return YoungPerson.objects.visible_to(user).first()


def portal_meetings_upcoming(*, user: User) -> MeetingQuerySet:
    return Meeting.objects.visible_to(user).upcoming()
