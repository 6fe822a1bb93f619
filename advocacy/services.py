from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from meetings.models import Meeting
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .models import NEXT_ADVOCACY_STATES, YOUNG_PERSONS_OWN, AdvocacyEvent
from .selectors import advocacy_latest


@transaction.atomic
def advocacy_event_record(
    *,
    actor: User,
    young_person: YoungPerson,
    state: str,
    meeting: Meeting | None = None,
    in_their_words: str = "",
    note: str = "",
) -> AdvocacyEvent:
    """The next step in offering advocacy: the case team offers, refers and ends; the young
    person (in the portal, or with their worker) asks, thinks about it, accepts or declines."""
    own = actor.is_young_person and young_person.portal_user_id == actor.pk
    if not (own or is_on_case_team(user=actor, young_person=young_person)):
        raise ValidationError("Only the case team can record advocacy")
    if own and state not in YOUNG_PERSONS_OWN:
        raise ValidationError({"state": "Choose an answer"})
    if meeting is not None and meeting.young_person_id != young_person.pk:
        raise ValidationError({"meeting": "Choose one of their meetings"})
    # Serialise steps for one young person, so two answers cannot both follow one offer.
    YoungPerson.objects.select_for_update().filter(pk=young_person.pk).first()
    latest = advocacy_latest(young_person=young_person)
    allowed = NEXT_ADVOCACY_STATES[latest.state if latest else None]
    if state not in allowed:
        if own and state in {AdvocacyEvent.State.ACCEPTED, AdvocacyEvent.State.DECLINED}:
            raise ValidationError({"state": "There is no offer to answer just now"})
        where = latest.get_state_display().lower() if latest else "nothing recorded yet"
        raise ValidationError({"state": f"That cannot follow where things stand ({where})"})
    event = AdvocacyEvent(
        young_person=young_person,
        meeting=meeting,
        state=state,
        in_their_words=in_their_words.strip(),
        note="" if own else note.strip(),
        recorded_by=actor,
    )
    event.full_clean()
    event.save()
    return event
