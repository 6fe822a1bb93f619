"""Their words are theirs: a member of staff who changes what the young person said gives
the reason, the earlier words are kept, and the young person is told in the portal."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Decision, Meeting, TheirWordsChange, YoungPersonViews
from notifications.models import Channel, Kind, Notification
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def robin():
    young_person = YoungPersonFactory(
        preferred_name="Robin", portal_user=YoungPersonAccountFactory()
    )
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    upcoming = MeetingFactory(young_person=young_person)
    return young_person.portal_user, worker, upcoming


def _views_url(meeting):
    return reverse("meetings:young-person-views", args=[meeting.pk])


def _robin_writes(account, meeting, text="I want to go back to school"):
    return services.young_person_views_save(
        actor=account, meeting=meeting, text=text, source="written", expected_version=0
    )


def _told(account):
    return Notification.objects.filter(
        kind=Kind.WORDS_CHANGED, recipient=account, channel=Channel.IN_APP
    )


def test_staff_who_change_their_views_give_a_reason_and_the_young_person_reads_it(client, robin):
    account, worker, upcoming = robin
    _robin_writes(account, upcoming)
    client.force_login(worker)
    form = client.get(_views_url(upcoming)).content.decode()
    assert "Why you are changing their words" in form
    changed = {"text": "I want to go back to college", "source": "written", "version": 1}
    refused = client.post(_views_url(upcoming), changed)
    assert refused.status_code == 400 and "Say why you are changing their words" in (
        refused.content.decode()
    )
    assert YoungPersonViews.objects.get().text == "I want to go back to school"
    assert not _told(account).exists()

    client.post(
        _views_url(upcoming), {**changed, "reason": "You told me it is college, not school."}
    )
    assert YoungPersonViews.objects.get().text == "I want to go back to college"
    change = TheirWordsChange.objects.get()
    assert (change.what, change.before, change.after, change.changed_by) == (
        "views",
        "I want to go back to school",
        "I want to go back to college",
        worker,
    )
    assert _told(account).count() == 1
    staff_page = client.get(reverse("meetings:meeting", args=[upcoming.pk])).content.decode()
    assert "Before: “I want to go back to school”" in staff_page

    client.force_login(account)
    portal = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "Changes to what you said" in portal
    assert f"{worker.first_name} changed what you want the meeting to know." in portal
    assert "Why: You told me it is college, not school." in portal
    assert "Before, it said: “I want to go back to school”" in portal


def test_their_own_changes_and_the_first_words_recorded_need_no_reason(client, robin):
    account, worker, upcoming = robin
    client.force_login(worker)
    assert "Why you are changing" not in client.get(_views_url(upcoming)).content.decode()
    first = {"text": "She wants to see her brother", "source": "spoken", "version": 0}
    assert client.post(_views_url(upcoming), first).status_code == 302
    # Only how the words were got changes: the words are the same, nothing to tell.
    same = {"text": "She wants to see her brother", "source": "written", "version": 1}
    assert client.post(_views_url(upcoming), same).status_code == 302
    services.young_person_views_save(
        actor=account,
        meeting=upcoming,
        text="I want to see my brother",
        source="written",
        expected_version=2,
    )
    assert not TheirWordsChange.objects.exists() and not _told(account).exists()


def test_a_changed_answer_to_a_decision_keeps_what_they_said_and_tells_them(client, robin):
    account, worker, _upcoming = robin
    held = MeetingFactory(
        young_person=worker.case_team_memberships.get().young_person,
        status=Meeting.Status.OUTCOMES_SHARED,
        scheduled_at=timezone.now() - timedelta(days=2),
    )
    decision = Decision.objects.create(
        meeting=held,
        decision="Weekends at nan's",
        reason="Safer",
        explanation_for_young_person="You can stay at your nan's at weekends.",
        recorded_by=held.chair,
    )
    services.decision_response_record(
        actor=account, decision=decision, response="disagree", in_their_words="I want home"
    )
    url = reverse("meetings:decision-response", args=[held.pk, decision.pk])
    client.force_login(worker)
    form = client.get(url).content.decode()
    assert "Why you are changing their words" in form and "I want home" in form
    refused = client.post(url, {"response": "talk", "in_their_words": "I want home"})
    assert refused.status_code == 400
    decision.refresh_from_db()
    assert decision.young_person_response == "disagree"
    client.post(
        url, {"response": "talk", "in_their_words": "I want home", "reason": "We talked today."}
    )
    change = TheirWordsChange.objects.get()
    assert (change.what, change.decision, change.before, change.after) == (
        "decision_response",
        decision,
        "I do not agree: I want home",
        "I want to talk about it: I want home",
    )
    assert _told(account).count() == 1


def test_the_change_and_its_notice_are_kept_together_or_not_at_all(robin):
    account, worker, upcoming = robin
    _robin_writes(account, upcoming)
    with (
        mock.patch("meetings.services.notifications.young_person_told", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        services.young_person_views_save(
            actor=worker,
            meeting=upcoming,
            text="Changed",
            source="written",
            expected_version=1,
            reason="A reason",
        )
    assert YoungPersonViews.objects.get().text == "I want to go back to school"
    assert not TheirWordsChange.objects.exists()
