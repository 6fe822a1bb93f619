from uuid import UUID

from django.http import Http404

from accounts.models import User
from meetings.models import Meeting
from participation.models import YoungPerson

from .models import AdvocacyEvent, AdvocateAssignment, Representation


def advocacy_latest(*, young_person: YoungPerson) -> AdvocacyEvent | None:
    """Where advocacy stands now for this young person: the newest event, or nothing yet."""
    return AdvocacyEvent.objects.filter(young_person=young_person).order_by("-recorded_at").first()


def advocacy_history(*, user: User, young_person: YoungPerson) -> list[AdvocacyEvent]:
    return list(
        AdvocacyEvent.objects.visible_to(user)
        .filter(young_person=young_person)
        .select_related("recorded_by", "meeting")
        .order_by("-recorded_at")
    )


def assignments_for(*, young_person: YoungPerson) -> list[AdvocateAssignment]:
    """For pages that already checked the user may see this young person's record."""
    return list(
        AdvocateAssignment.objects.filter(young_person=young_person)
        .select_related("advocate__organisation")
        .order_by("-starts_on")
    )


def assignment_get(*, young_person: YoungPerson, assignment_id: UUID) -> AdvocateAssignment:
    """One of this young person's assignments (their record is already the user's to see)."""
    try:
        return AdvocateAssignment.objects.select_related("young_person", "advocate").get(
            pk=assignment_id, young_person=young_person
        )
    except AdvocateAssignment.DoesNotExist:
        raise Http404 from None


def representations_for(*, user: User, meeting: Meeting) -> list[Representation]:
    return list(
        Representation.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("assignment")
        .order_by("recorded_at")
    )


def representation_get(*, user: User, meeting: Meeting, representation_id: UUID) -> Representation:
    try:
        return (
            Representation.objects.visible_to(user)
            .select_related("meeting__young_person")
            .get(pk=representation_id, meeting=meeting)
        )
    except Representation.DoesNotExist:
        raise Http404 from None
