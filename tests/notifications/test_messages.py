"""Nothing that leaves the system names a young person, or says what the service is for.

Every kind of notification is sent for real (to the test mail outbox, and to a text
backend that keeps what it is given), for every type of meeting, with planted names.
"""

import re

import pytest
from django.core import mail

from meetings.models import Meeting
from notifications import delivery, services
from notifications.messages import PORTAL_NOTICES, STAFF_NOTICES, notice_text
from notifications.models import YOUNG_PERSON_KINDS, Channel, Kind, Notification, Status
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

PLANTED = ["Robinplanted", "Legalplanted", "Chosenplanted", "Chairplanted", "Venueplanted"]
BANNED = [
    "exploit",
    "abuse",
    "cse",
    "sexual",
    "police",
    "social worker",
    "safeguarding",
    "child protection",
    "risk",
    "grooming",
    "trafficking",
    "victim",
    "strategy",
    "conference",
]

TEXTS: list[dict[str, str]] = []
THEIR_ADDRESS = "their.own.address@example.test"


class KeptTexts:
    def send(self, *, phone_number: str, body: str, reference: str) -> None:
        TEXTS.append({"to": phone_number, "body": body, "reference": reference})


def _banned_in(text: str) -> list[str]:
    lowered = text.lower()
    found = [word for word in BANNED if re.search(rf"\b{re.escape(word)}", lowered)]
    return found + [name for name in PLANTED if name.lower() in lowered]


@pytest.fixture
def everything_sent(settings):
    """Every kind, to staff and to a young person with a safe email and phone, sent."""
    settings.TEXT_MESSAGE_BACKEND = "tests.notifications.test_messages.KeptTexts"
    # The staff service's own sender and ids may say what it is: none of it may reach a
    # young person.
    settings.DEFAULT_FROM_EMAIL = "CSE Team <cse-team@safeguarding.example>"
    settings.SERVICE_MESSAGE_DOMAIN = "cse.safeguarding.example"
    TEXTS.clear()
    young_person = YoungPersonFactory(
        preferred_name="Robinplanted Chosenplanted",
        legal_name="Robinplanted Legalplanted",
        portal_user=YoungPersonAccountFactory(username="robinplanted"),
    )
    services.safe_contact_save(
        actor=young_person.portal_user,
        email=THEIR_ADDRESS,
        email_is_safe=True,
        mobile="07700900982",
        mobile_is_safe=True,
    )
    staff = CaseTeamMembershipFactory(young_person=young_person).user
    chair = StaffFactory(full_name="Chairplanted Person")
    for meeting_type in Meeting.Type.values:
        meeting = MeetingFactory(
            young_person=young_person, meeting_type=meeting_type, chair=chair, venue="Venueplanted"
        )
        for kind in Kind:
            recipient = young_person.portal_user if kind in YOUNG_PERSON_KINDS else staff
            services.notify(
                kind=kind,
                recipients=[recipient],
                key=f"{kind}:{meeting_type}",
                meeting=meeting,
                young_person=young_person,
            )
    for notification in Notification.objects.all():
        delivery.deliver(notification_id=str(notification.pk))
    return young_person


def _everything_in(message) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in message.message().items())
    return f"{headers}\n{message.body}"


def test_nothing_sent_to_a_young_person_carries_a_name_or_a_banned_word(everything_sent):
    assert Notification.objects.exclude(status=Status.SENT).count() == 0
    kinds = len(Kind) * len(Meeting.Type.values)
    assert len(mail.outbox) == kinds, "every kind, for every type of meeting, was emailed"
    to_them = [m for m in mail.outbox if m.to == [THEIR_ADDRESS]]
    assert len(to_them) == len(YOUNG_PERSON_KINDS) * len(Meeting.Type.values)
    assert len(TEXTS) == len(to_them)
    for message in to_them:  # every header (sender, ids) and the body
        assert _banned_in(_everything_in(message)) == [], _everything_in(message)
    for text in TEXTS:
        assert _banned_in(text["body"] + text["reference"]) == [], text


def test_staff_mail_names_no_young_person_and_says_nothing_sensitive_in_its_words(
    everything_sent,
):
    to_staff = [m for m in mail.outbox if m.to != [THEIR_ADDRESS]]
    assert len(to_staff) == (len(Kind) - len(YOUNG_PERSON_KINDS)) * len(Meeting.Type.values)
    for message in to_staff:
        everything = _everything_in(message)
        assert not [name for name in PLANTED if name.lower() in everything.lower()], everything
        assert _banned_in(f"{message.subject}\n{message.body}") == [], everything


def test_a_young_persons_email_and_text_say_only_that_there_is_a_new_message(everything_sent):
    to_them = [m for m in mail.outbox if m.to == [THEIR_ADDRESS]]
    assert {m.from_email for m in to_them} == {"messages@example.org"}
    assert {(m.subject, m.body) for m in to_them} == {
        ("You have a new message", "You have a new message in Your say. Sign in to read it.")
    }
    assert {t["body"] for t in TEXTS} == {"You have a new message in Your say. Sign in to read it."}


def test_notices_inside_the_service_name_no_one_either(everything_sent):
    for notification in Notification.objects.filter(channel=Channel.IN_APP).select_related(
        "meeting"
    ):
        text = notice_text(notification)
        assert not [name for name in PLANTED if name in text], text
        if notification.kind in YOUNG_PERSON_KINDS:
            assert _banned_in(text) == [], text


def test_the_banned_word_check_catches_what_it_should():
    assert _banned_in("Your Exploitation risk meeting") == ["exploit", "risk"]
    assert _banned_in("Hello Robinplanted") == ["Robinplanted"]
    assert _banned_in("You have a new message") == []


def test_every_kind_has_words():
    assert set(STAFF_NOTICES) | set(PORTAL_NOTICES) == set(Kind)
    assert set(PORTAL_NOTICES) == YOUNG_PERSON_KINDS
