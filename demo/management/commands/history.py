"""A year and a half of Northshire's meetings, for the participation figures: young people
whose cases the North worker held before (their memberships have ended), each with a meeting
chaired by the North CSE lead every three months, taking part a little more each time. Like
the rest of the demo, the same rows on every run."""

import uuid
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from advocacy.models import AdvocacyEvent
from collective.models import Opportunity
from figures.models import ServiceChange
from meetings.models import (
    AgendaItem,
    Decision,
    Feedback,
    InformationPack,
    Meeting,
    PreparationRecord,
    PreparationStep,
    YoungPersonViews,
)
from participation.models import CaseTeamMembership, YoungPerson

NAMESPACE = uuid.UUID("0c7d51a2-8f3e-4b6a-9d21-5e4f3a2b1c0d")
NAMES = ["Jamie", "Riley", "Quinn", "Avery", "Rowan", "Charlie", "Frankie", "Dani"]
QUARTERS = 6
TAKING_PART = ["attend", "attend_part", "attend_with_someone", "views_passed_on", "not_this_time"]
ANSWERS = [Feedback.Answer.YES, Feedback.Answer.PARTLY, Feedback.Answer.NO]


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def history_seed() -> None:
    chair = User.objects.select_related("organisation").get(email="lead@example.org")
    assert chair.organisation is not None  # noqa: S101 - the demo's North CSE lead has one
    worker = User.objects.get(email="worker@example.org")
    today = timezone.localdate()
    for index, name in enumerate(NAMES):
        young_person, _ = YoungPerson.objects.update_or_create(
            id=_id("young-person", name),
            defaults={
                "preferred_name": name,
                "legal_name": f"{name} Pastcase",
                "date_of_birth": date(today.year - 15, 1 + index, 5),
                "strengths_and_interests": "Cooking and films.",
            },
        )
        CaseTeamMembership.objects.update_or_create(
            id=_id("case-team", name),
            defaults={
                "young_person": young_person,
                "user": worker,
                "role": CaseTeamMembership.Role.LEAD_PROFESSIONAL,
                "starts_on": today - timedelta(days=QUARTERS * 91 + 60),
                "ends_on": today - timedelta(days=20),
            },
        )
        AdvocacyEvent.objects.update_or_create(
            id=_id("advocacy", name),
            defaults={
                "young_person": young_person,
                "state": AdvocacyEvent.State.ACCEPTED
                if index % 3
                else AdvocacyEvent.State.DECLINED,
                "recorded_by": worker,
            },
        )
        AdvocacyEvent.objects.filter(id=_id("advocacy", name)).update(
            recorded_at=_at(today - timedelta(days=QUARTERS * 91 + 30))
        )
        for quarter in range(QUARTERS):
            # Newer quarters (smaller numbers) go better: the trend the figures should show.
            better = QUARTERS - quarter
            _meeting(young_person, chair, worker, today, index, quarter, better)
    Opportunity.objects.update_or_create(
        id=_id("opportunity", "training"),
        defaults={
            "organisation": chair.organisation,
            "kind": Opportunity.Kind.TRAINING,
            "title": "Help train new social workers",
            "what_it_involves": "Tell new social workers, in your own words, what helps and "
            "what does not. You choose what you share.",
            "when_and_where": "Two Saturday mornings in March, at the youth centre",
            "support_and_recognition": "Travel paid, lunch, a £20 voucher each time, and a "
            "certificate or a reference if you want one.",
            "who_may_be_invited": "14 to 19, whether or not their case is open",
            "what_could_go_wrong": "Talking about hard things can bring up feelings; someone "
            "could be asked a clumsy question.",
            "how_it_is_managed": "You never have to answer a question. We agree a signal to "
            "stop, and Dee is there the whole time.",
            "who_they_can_go_to": "Dee Marsh, participation worker",
            "created_by": User.objects.get(email="participation@example.org"),
        },
    )
    change, _ = ServiceChange.objects.update_or_create(
        id=_id("service-change", "earlier"),
        defaults={
            "organisation": chair.organisation,
            "you_said": "Send the information earlier, not the day before.",
            "we_did": "The information about a meeting now goes out at least five days before it.",
            "recorded_by": chair,
        },
    )
    change.feedback.set(
        Feedback.objects.filter(what_would_make_it_better__startswith="Send the information")
    )


def _meeting(
    young_person: YoungPerson,
    chair: User,
    worker: User,
    today: date,
    index: int,
    quarter: int,
    better: int,
) -> None:
    name = young_person.preferred_name
    key = f"{name}/{quarter}"
    held_on = today - timedelta(days=quarter * 91 + 8 + index * 9)
    meeting, _ = Meeting.objects.update_or_create(
        id=_id("meeting", key),
        defaults={
            "young_person": young_person,
            "meeting_type": Meeting.Type.EXPLOITATION_RISK,
            "chair": chair,
            "scheduled_at": _at(held_on),
            "venue": "The youth centre, Market Street",
            "status": Meeting.Status.CLOSED,
            "created_by": worker,
        },
    )
    # Information: shared a week before when things go better, the day before otherwise.
    InformationPack.objects.update_or_create(
        id=_id("pack", key),
        defaults={
            "meeting": meeting,
            "version": 1,
            "text": "What the meeting is for, who will be there, and how you can take part.",
            "easy_read_text": "A meeting about you. You can have a say.",
            "shared_by": chair,
        },
    )
    early = index % 6 < better
    InformationPack.objects.filter(id=_id("pack", key)).update(
        shared_at=_at(held_on - timedelta(days=7 if early else 1))
    )
    steps = [(PreparationStep.MEET_CHAIR, "held" if (index + better) % 3 else "offered")]
    steps.append((PreparationStep.TAKING_PART, TAKING_PART[(index + quarter) % len(TAKING_PART)]))
    for step, state in steps:
        PreparationRecord.objects.update_or_create(
            id=_id("preparation", key, step),
            defaults={
                "meeting": meeting,
                "step": step,
                "state": state,
                "happened_on": held_on - timedelta(days=10),
                "recorded_by": worker,
            },
        )
    items = [("How things are at home", AgendaItem.ProposedBy.PROFESSIONAL, "")]
    if index % 6 < better + 1:
        items.append(("Something I want to talk about", AgendaItem.ProposedBy.YOUNG_PERSON, ""))
    if index % 2:
        items.append(
            (
                "Information from another agency",
                AgendaItem.ProposedBy.PROFESSIONAL,
                "Part of the meeting is about information from other people.",
            )
        )
    for position, (title, proposed_by, explanation) in enumerate(items):
        AgendaItem.objects.update_or_create(
            id=_id("agenda", key, str(position)),
            defaults={
                "meeting": meeting,
                "title": title,
                "proposed_by": proposed_by,
                "visibility": AgendaItem.Visibility.PROFESSIONALS_ONLY
                if explanation
                else AgendaItem.Visibility.SHARED,
                "explanation_for_young_person": explanation,
                "position": position,
            },
        )
    if (index + better) % 3:
        YoungPersonViews.objects.update_or_create(
            meeting=meeting,
            defaults={
                "text": "I want to be asked, not told.",
                "source": YoungPersonViews.Source.SPOKEN,
                "recorded_by": worker,
            },
        )
    Decision.objects.update_or_create(
        id=_id("decision", key),
        defaults={
            "meeting": meeting,
            "decision": "Keep meeting every three months.",
            "reason": "Things are steadier.",
            "explanation_for_young_person": "We will meet again in three months.",
            "recorded_by": chair,
            "young_person_response": [
                Decision.Response.AGREE,
                Decision.Response.TALK,
                Decision.Response.DISAGREE,
            ][(index + quarter) % 3],
        },
    )
    listened = ANSWERS[0] if index % 6 < better + 1 else ANSWERS[(index + quarter) % 3]
    Feedback.objects.update_or_create(
        meeting=meeting,
        defaults={
            "felt_listened_to": listened,
            "understood_decisions": ANSWERS[(index + quarter + 1) % 3],
            "had_a_say": Feedback.Answer.YES,
            "what_would_make_it_better": "Send the information earlier, not the day before."
            if quarter >= 3 and index < 3
            else "",
            "recorded_by": worker,
        },
    )
    Feedback.objects.filter(meeting=meeting).update(recorded_at=_at(held_on + timedelta(days=2)))
