from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from meetings import services
from meetings.models import Meeting, MeetingChange
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(client):
    membership = CaseTeamMembershipFactory()
    meeting = MeetingFactory(young_person=membership.young_person)
    client.force_login(meeting.chair)
    return meeting


def _advance(client, meeting, to_status):
    return client.post(
        reverse("meetings:advance", args=[meeting.pk]), {"to_status": to_status}, follow=True
    )


def test_chair_takes_a_meeting_from_preparing_to_closed_one_step_at_a_time(client, meeting):
    for status in ("ready", "held", "outcomes_shared", "closed"):
        _advance(client, meeting, status)
        meeting.refresh_from_db()
        assert meeting.status == status
    assert [c.to_status for c in MeetingChange.objects.order_by("changed_at")] == [
        "ready",
        "held",
        "outcomes_shared",
        "closed",
    ]


@pytest.mark.parametrize("to_status", ["held", "closed", "cancelled", "nonsense", ""])
def test_a_step_out_of_order_is_refused_with_a_message(client, meeting, to_status):
    response = _advance(client, meeting, to_status)
    assert "cannot move to that step" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PREPARING
    assert not MeetingChange.objects.exists()


def test_only_the_chair_moves_a_meeting_along(client, meeting):
    worker = meeting.young_person.case_team.get().user
    client.force_login(worker)
    assert _advance(client, meeting, "ready").status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PREPARING


def _move(client, meeting, when, venue="The library", reason="The chair is ill, so we moved it."):
    return client.post(
        reverse("meetings:move", args=[meeting.pk]),
        {
            "date_0": when.day,
            "date_1": when.month,
            "date_2": when.year,
            "start_time": "15:00",
            "venue": venue,
            "reason_for_young_person": reason,
        },
        follow=True,
    )


def test_chair_moves_a_meeting_and_the_reason_for_the_young_person_is_kept(client, meeting):
    old_when, old_venue = meeting.scheduled_at, meeting.venue
    when = timezone.localdate() + timedelta(days=20)
    html = _move(client, meeting, when).content.decode()
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.scheduled_at).date() == when
    assert meeting.venue == "The library"
    change = MeetingChange.objects.get()
    assert (change.kind, change.from_scheduled_at, change.from_venue) == (
        "moved",
        old_when,
        old_venue,
    )
    assert "The chair is ill, so we moved it." in html


@pytest.mark.parametrize(
    ("days", "reason", "message"),
    [
        (20, "", "Write what the young person will be told"),
        (-2, "The chair is ill.", "The new date must be in the future"),
    ],
)
def test_bad_move_is_refused_and_changes_nothing(client, meeting, days, reason, message):
    before = meeting.scheduled_at
    response = _move(client, meeting, timezone.localdate() + timedelta(days=days), reason=reason)
    assert response.status_code == 400
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.scheduled_at == before
    assert not MeetingChange.objects.exists()


def test_chair_cancels_with_a_reason_and_the_meeting_leaves_upcoming_lists(client, meeting):
    response = client.post(
        reverse("meetings:cancel", args=[meeting.pk]),
        {"reason_for_young_person": "We no longer need to meet: things are going well."},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert not Meeting.objects.upcoming().exists()


def test_a_held_meeting_cannot_be_cancelled_or_moved(client, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    response = client.post(
        reverse("meetings:cancel", args=[meeting.pk]), {"reason_for_young_person": "Because."}
    )
    assert response.status_code == 400
    assert "has not happened yet" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_the_young_person_is_told_in_the_portal_when_a_meeting_is_planned(client):
    from notifications.messages import notice_text, outbound
    from notifications.models import Channel, Kind, Notification
    from tests.factories import YoungPersonAccountFactory

    membership = CaseTeamMembershipFactory(
        young_person=YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    )
    chair = StaffFactory(role=Role.CSE_LEAD)
    meeting = services.meeting_schedule(
        actor=membership.user,
        young_person=membership.young_person,
        meeting_type=Meeting.Type.STRATEGY,
        chair=chair,
        scheduled_at=timezone.now() + timedelta(days=9),
        venue="The youth centre",
    )
    notice = Notification.objects.get(kind=Kind.MEETING_SCHEDULED, channel=Channel.IN_APP)
    assert (notice.recipient, notice.meeting) == (membership.young_person.portal_user, meeting)
    assert "A meeting has been planned for" in notice_text(notice)
    assert outbound(notice).subject == "You have a new message"
