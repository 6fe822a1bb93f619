"""What a young person asks for, or tells us, reaches a named person who answers, by a date
they were promised; the answer comes back to them in the portal."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from meetings.models import Decision, Meeting, YoungPersonRequest
from meetings.services import working_days_after
from notifications.models import Channel, Kind, Notification
from participation.models import CaseTeamMembership
from reminders import services as reminders
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def robin():
    north = OrganisationFactory(name="North")
    young_person = YoungPersonFactory(
        preferred_name="Robin", portal_user=YoungPersonAccountFactory()
    )
    lead = CaseTeamMembershipFactory(
        young_person=young_person,
        user=StaffFactory(organisation=north, full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    CaseTeamMembershipFactory(young_person=young_person)  # another member, not the owner
    chair = StaffFactory(role=Role.CSE_LEAD, organisation=north, full_name="Lee Chair")
    upcoming = MeetingFactory(young_person=young_person, chair=chair)
    held = MeetingFactory(
        young_person=young_person,
        chair=chair,
        status=Meeting.Status.OUTCOMES_SHARED,
        scheduled_at=timezone.now() - timedelta(days=2),
    )
    decision = Decision.objects.create(
        meeting=held,
        decision="Stay with nan at weekends",
        reason="Safer",
        explanation_for_young_person="You can stay at your nan's at weekends.",
        recorded_by=chair,
    )
    return young_person, lead, chair, upcoming, held, decision


def _waiting_notice(owner):
    return Notification.objects.filter(
        kind=Kind.REQUEST_WAITING, recipient=owner, channel=Channel.IN_APP
    )


def _reply_by():
    return working_days_after(timezone.localdate(), 3)


@pytest.mark.parametrize(("response", "kind"), [("disagree", "disagree"), ("talk", "talk")])
def test_disagreeing_or_asking_to_talk_about_a_decision_goes_to_the_lead_professional(
    client, robin, response, kind
):
    young_person, lead, _chair, _upcoming, held, decision = robin
    client.force_login(young_person.portal_user)
    client.post(
        reverse("portal:decision-response", args=[held.pk, decision.pk]),
        {"response": response, "in_their_words": "I want to stay at home"},
    )
    asked = YoungPersonRequest.objects.get()
    assert (asked.kind, asked.owner, asked.decision, asked.reply_by) == (
        kind,
        lead,
        decision,
        _reply_by(),
    )
    assert asked.their_words == "I want to stay at home"
    assert _waiting_notice(lead).count() == 1


def test_agreeing_with_a_decision_asks_nothing_of_anyone(client, robin):
    young_person, _lead, _chair, _upcoming, held, decision = robin
    client.force_login(young_person.portal_user)
    client.post(
        reverse("portal:decision-response", args=[held.pk, decision.pk]), {"response": "agree"}
    )
    assert not YoungPersonRequest.objects.exists()


def test_not_feeling_listened_to_goes_to_the_lead_professional(client, robin):
    young_person, lead, _chair, _upcoming, held, _decision = robin
    client.force_login(young_person.portal_user)
    client.post(
        reverse("portal:feedback", args=[held.pk]),
        {
            "felt_listened_to": "no",
            "understood_decisions": "yes",
            "had_a_say": "partly",
            "what_would_make_it_better": "Fewer people talking over me",
        },
    )
    asked = YoungPersonRequest.objects.get()
    assert (asked.kind, asked.owner, asked.their_words) == (
        "not_listened",
        lead,
        "Fewer people talking over me",
    )


def test_what_would_help_them_feel_respected_goes_to_the_chair(client, robin):
    young_person, _lead, chair, upcoming, *_ = robin
    client.force_login(young_person.portal_user)
    client.post(
        reverse("portal:taking-part", args=[upcoming.pk]),
        {"how": "attend", "what_would_help": "Call me Robin, not by my surname"},
    )
    asked = YoungPersonRequest.objects.get()
    assert (asked.kind, asked.owner, asked.meeting) == ("respected", chair, upcoming)


def test_asking_for_an_advocate_goes_to_the_lead_professional(client, robin):
    young_person, lead, *_ = robin
    client.force_login(young_person.portal_user)
    client.post(reverse("portal:advocate"), {"ask": "yes"})
    asked = YoungPersonRequest.objects.get()
    assert (asked.kind, asked.owner) == ("advocate", lead)


def test_asking_to_meet_the_chair_goes_to_the_chair_once_and_says_when_they_will_hear(
    client, robin
):
    young_person, _lead, chair, upcoming, *_ = robin
    client.force_login(young_person.portal_user)
    url = reverse("portal:meet-chair", args=[upcoming.pk])
    assert client.post(url, {"how": "by_pigeon"}).status_code == 400
    assert client.post(url, {"how": "phone_or_video", "their_words": "x" * 1001}).status_code == 400
    assert not YoungPersonRequest.objects.exists()
    answered = client.post(url, {"how": "with_worker", "their_words": "After school"})
    assert answered.status_code == 302
    asked = YoungPersonRequest.objects.get()
    assert (asked.kind, asked.owner, asked.their_words) == (
        "meet_chair",
        chair,
        "With my worker there. After school",
    )
    again = client.post(url, {"how": "in_person"})
    assert again.status_code == 400 and "You have already asked" in again.content.decode()
    page = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "You asked to meet the person who runs your meeting." in page
    assert f"We will reply by {asked.reply_by:%A %-d %B}" in page
    assert url not in page  # not offered again while waiting


def test_the_request_and_its_notice_are_saved_together_or_not_at_all(client, robin):
    young_person, _lead, _chair, _upcoming, held, decision = robin
    client.force_login(young_person.portal_user)
    client.raise_request_exception = False
    with mock.patch("meetings.services.notifications.notify", side_effect=RuntimeError("down")):
        client.post(
            reverse("portal:decision-response", args=[held.pk, decision.pk]),
            {"response": "disagree"},
        )
    assert not YoungPersonRequest.objects.exists()
    decision.refresh_from_db()
    assert decision.young_person_response == ""


def test_three_working_days_skip_the_weekend():
    friday = date(2026, 12, 4)
    assert working_days_after(friday, 3) == date(2026, 12, 9)
    assert working_days_after(date(2026, 12, 1), 3) == date(2026, 12, 4)


def _ask(robin):
    young_person, _lead, _chair, upcoming, *_ = robin
    from meetings import services

    return services.chair_meeting_ask(
        actor=young_person.portal_user, meeting=upcoming, how="in_person", their_words=""
    )


def test_the_owner_answers_and_the_young_person_reads_it_in_the_portal(client, robin):
    young_person, _lead, chair, upcoming, *_ = robin
    asked = _ask(robin)
    client.force_login(chair)
    home = client.get(reverse("home")).content.decode()
    url = reverse("meetings:request-answer", args=[asked.pk])
    assert "Waiting for your answer" in home and url in home
    assert client.post(url, {"answer": ""}).status_code == 400
    blaming = client.post(url, {"answer": "You keep putting yourself at risk."})
    assert blaming.status_code == 400
    assert (
        client.post(url, {"answer": "Yes! Tuesday at 4, at the youth centre."}).status_code == 302
    )
    asked.refresh_from_db()
    assert (asked.answered_by, asked.answer) == (chair, "Yes! Tuesday at 4, at the youth centre.")
    assert url not in client.get(reverse("home")).content.decode()
    assert Notification.objects.filter(
        kind=Kind.REQUEST_ANSWERED, recipient=young_person.portal_user, channel=Channel.IN_APP
    ).exists()
    client.force_login(young_person.portal_user)
    page = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "Lee replied: Yes! Tuesday at 4, at the youth centre." in page
    home = client.get(reverse("portal:home")).content.decode()
    assert "Lee replied" in home


def test_only_the_owner_answers_and_only_once(client, robin):
    _young_person, lead, chair, *_ = robin
    asked = _ask(robin)
    url = reverse("meetings:request-answer", args=[asked.pk])
    client.force_login(lead)  # can see the record, but it is the chair's to answer
    refused = client.post(url, {"answer": "I will sort it"})
    assert refused.status_code == 403 and "Lee Chair" in refused.content.decode()
    client.force_login(StaffFactory())  # cannot see the record at all
    assert client.get(url).status_code == 404
    client.force_login(chair)
    client.post(url, {"answer": "Tuesday"})
    assert client.post(url, {"answer": "Wednesday"}).status_code == 400
    asked.refresh_from_db()
    assert asked.answer == "Tuesday"


def test_the_owner_is_reminded_on_the_day_and_the_cse_leads_told_once_it_has_passed(robin):
    _young_person, _lead, chair, *_ = robin
    other_lead = StaffFactory(role=Role.CSE_LEAD, organisation=chair.organisation)
    StaffFactory(role=Role.CSE_LEAD)  # another organisation: not told
    asked = _ask(robin)
    assert reminders.requests_due() == 0
    YoungPersonRequest.objects.update(reply_by=timezone.localdate())
    reminders.requests_due()
    due = Notification.objects.filter(kind=Kind.REQUEST_DUE, channel=Channel.IN_APP)
    assert [n.recipient for n in due] == [chair]
    assert reminders.requests_due() == 0
    YoungPersonRequest.objects.update(reply_by=timezone.localdate() - timedelta(days=1))
    reminders.requests_due()
    overdue = Notification.objects.filter(kind=Kind.REQUEST_OVERDUE, channel=Channel.IN_APP)
    assert [n.recipient for n in overdue] == [other_lead]
    assert reminders.requests_due() == 0
    asked.refresh_from_db()
    assert asked.reminded_at and asked.escalated_at


def test_home_and_meeting_pages_cost_the_same_queries_with_one_and_thirty_open_requests(
    client, robin
):
    from meetings.models import TheirWordsChange

    young_person, lead, _chair, _upcoming, held, decision = robin

    def ask_once():
        YoungPersonRequest.objects.create(
            young_person=young_person,
            meeting=held,
            decision=decision,
            kind="disagree",
            owner=lead,
            reply_by=timezone.localdate(),
        )
        TheirWordsChange.objects.create(
            meeting=held,
            decision=decision,
            what="decision_response",
            before="I agree",
            after="I do not agree",
            reason="We talked",
            changed_by=lead,
        )

    def queries(user, url):
        client.force_login(user)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def all_pages():
        return (
            queries(lead, reverse("home")),
            queries(lead, reverse("meetings:meeting", args=[held.pk])),
            queries(lead, reverse("meetings:print-pack", args=[held.pk])),
            queries(young_person.portal_user, reverse("portal:home")),
            queries(young_person.portal_user, reverse("portal:meeting", args=[held.pk])),
        )

    ask_once()
    one = all_pages()
    for _ in range(29):
        ask_once()
    assert all_pages() == one


def test_the_meeting_page_and_the_pack_show_what_they_asked_but_an_advocate_does_not_see_it(
    client, robin
):
    from tests.factories import AdvocateAssignmentFactory

    young_person, lead, chair, upcoming, *_ = robin
    client.force_login(young_person.portal_user)
    client.post(
        reverse("portal:taking-part", args=[upcoming.pk]),
        {"how": "attend", "what_would_help": "Call me Robin, not by my surname"},
    )
    for user, url in (
        (chair, reverse("meetings:meeting", args=[upcoming.pk])),
        (lead, reverse("meetings:print-pack", args=[upcoming.pk])),
    ):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "What would help them feel respected" in page
        assert "Call me Robin, not by my surname" in page
        assert "Waiting for Lee Chair" in page
    advocate = AdvocateAssignmentFactory(young_person=young_person).advocate
    client.force_login(advocate)
    page = client.get(reverse("meetings:meeting", args=[upcoming.pk])).content.decode()
    assert "Call me Robin, not by my surname" not in page


def _checklist_state(meeting, step):
    from meetings.selectors import preparation_steps

    return preparation_steps(meeting=meeting)[step].state


def test_the_information_and_chair_steps_follow_sharing_reading_asking_and_arranging(client, robin):
    young_person, _lead, chair, upcoming, *_ = robin
    from meetings import services

    assert _checklist_state(upcoming, "meet_chair") == "Not offered yet"
    services.information_pack_share(
        actor=chair, meeting=upcoming, text="Hello", easy_read_text="Hi"
    )
    assert _checklist_state(upcoming, "meet_chair") == "Offered"
    assert _checklist_state(upcoming, "information") == "Shared in the portal"
    services.information_mark_read(actor=young_person.portal_user, meeting=upcoming)
    assert _checklist_state(upcoming, "information") == "Shared, and the young person has read it"
    asked = _ask(robin)
    assert _checklist_state(upcoming, "meet_chair") == "Accepted"
    services.information_pack_share(
        actor=chair, meeting=upcoming, text="Again", easy_read_text="Hi"
    )
    assert _checklist_state(upcoming, "meet_chair") == "Accepted"  # a new version does not undo it
    assert _checklist_state(upcoming, "information") == "Shared in the portal"  # not read yet
    client.force_login(chair)
    client.post(reverse("meetings:request-answer", args=[asked.pk]), {"answer": "Tuesday at 4"})
    assert _checklist_state(upcoming, "meet_chair") == "A time is arranged"


def _respected(robin):
    young_person, _lead, _chair, upcoming, *_ = robin
    from meetings import services

    services.taking_part_choose(
        actor=young_person.portal_user,
        meeting=upcoming,
        how="attend",
        what_would_help="A break halfway",
    )
    return YoungPersonRequest.objects.get(kind="respected")


def test_the_chair_says_we_will_do_this_and_the_young_person_and_the_checklist_see_it(
    client, robin
):
    young_person, _lead, chair, upcoming, *_ = robin
    asked = _respected(robin)
    url = reverse("meetings:request-answer", args=[asked.pk])
    client.force_login(chair)
    assert "Will you do this?" in client.get(url).content.decode()
    missing = client.post(url, {"answer": "We will stop at half time"})
    assert (
        missing.status_code == 400 and "Choose whether you will do this" in missing.content.decode()
    )
    client.post(url, {"commitment": "will_do", "answer": "We will stop at half time"})
    asked.refresh_from_db()
    assert asked.commitment == "will_do"
    assert _checklist_state(upcoming, "respected") == "Agreed"
    client.force_login(young_person.portal_user)
    page = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "Lee replied: <strong>We will do this.</strong> We will stop at half time" in page


def test_we_cannot_needs_the_reason_and_says_so_to_the_young_person(client, robin):
    young_person, _lead, chair, upcoming, *_ = robin
    asked = _respected(robin)
    url = reverse("meetings:request-answer", args=[asked.pk])
    client.force_login(chair)
    no_reason = client.post(url, {"commitment": "cannot", "answer": ""})
    assert no_reason.status_code == 400
    client.post(url, {"commitment": "cannot", "answer": "The room is booked for an hour only."})
    assert _checklist_state(upcoming, "respected").startswith("Cannot be done")
    client.force_login(young_person.portal_user)
    page = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "<strong>We cannot do this, because:</strong> The room is booked" in page


def test_only_what_would_help_them_feel_respected_is_answered_will_or_cannot(robin):
    from django.core.exceptions import ValidationError

    from meetings import services

    _young_person, _lead, chair, *_ = robin
    asked = _ask(robin)
    with pytest.raises(ValidationError):
        services.request_answer(actor=chair, request=asked, answer="Tuesday", commitment="will_do")
    asked.refresh_from_db()
    assert asked.answered_at is None


def test_the_chairs_agenda_and_the_pack_say_how_they_take_part_and_what_was_agreed(client, robin):
    _young_person, lead, chair, upcoming, *_ = robin
    asked = _respected(robin)
    client.force_login(chair)
    agenda = client.get(reverse("meetings:meeting", args=[upcoming.pk])).content.decode()
    agenda = agenda[agenda.index('id="agenda"') :]
    assert "How they will take part</dt>" in agenda and "Will attend" in agenda
    assert "“A break halfway”" in agenda
    client.post(
        reverse("meetings:request-answer", args=[asked.pk]),
        {"commitment": "will_do", "answer": "We will stop at half time"},
    )
    client.force_login(lead)
    pack = client.get(reverse("meetings:print-pack", args=[upcoming.pk])).content.decode()
    assert "“A break halfway”<br>We will do this: We will stop at half time" in pack


def test_the_portal_shows_what_would_help_in_their_words_never_the_chairs_answer_as_theirs(
    client, robin
):
    young_person, _lead, chair, upcoming, *_ = robin
    asked = _respected(robin)
    client.force_login(chair)
    client.post(
        reverse("meetings:request-answer", args=[asked.pk]),
        {"commitment": "will_do", "answer": "We will stop at half time"},
    )
    client.force_login(young_person.portal_user)
    page = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "What would help: A break halfway" in page
    assert "What would help: We will stop" not in page
    form = client.get(reverse("portal:taking-part", args=[upcoming.pk])).content.decode()
    assert "A break halfway</textarea>" in form
