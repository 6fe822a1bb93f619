"""Nothing the old outbox had not sent is lost when it is replaced."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.roles import Role
from notifications import services
from notifications.models import Channel, Kind, Notification, Status
from tests.factories import MeetingFactory, StaffFactory, YoungPersonFactory

BEFORE = [
    ("meetings", "0014_views_shared_with_advocate"),
    ("participation", "0001_initial"),
    ("notifications", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_pending_chair_reminders_and_unalerted_break_glass_become_notifications():
    lead = StaffFactory(role=Role.CSE_LEAD)
    meeting = MeetingFactory(chair=lead)
    # Made with today's models, before the database steps back to the old ones.
    sent_meeting = MeetingFactory(chair=lead)
    young_person = YoungPersonFactory()
    leaves = list(MigrationExecutor(connection).loader.graph.leaf_nodes())
    old = _migrate(BEFORE)
    try:
        Reminder = old.get_model("meetings", "Reminder")
        Grant = old.get_model("participation", "YoungPersonUserObjectPermission")
        Reminder.objects.create(
            kind="chair_asked", meeting_id=meeting.pk, recipient_id=lead.pk, due_at=timezone.now()
        )
        Reminder.objects.create(  # already sent: nothing to move
            kind="chair_asked",
            meeting_id=sent_meeting.pk,
            recipient_id=lead.pk,
            due_at=timezone.now(),
            status="sent",
        )
        common = {
            "kind": "break_glass",
            "content_object_id": young_person.pk,
            "user_id": StaffFactory().pk,
            "permission_id": old.get_model("auth", "Permission")
            .objects.get(codename="view_youngperson")
            .pk,
            "reason": "An emergency",
            "granted_by_id": lead.pk,
            "expires_at": timezone.now(),
        }
        unalerted = Grant.objects.create(**common)
        Grant.objects.create(**common, alerted_at=timezone.now())
    finally:
        _migrate(leaves)

    moved = {(n.kind, n.channel, n.meeting_id, n.status) for n in Notification.objects.all()}
    assert moved == {
        (Kind.CHAIR_ASKED, Channel.IN_APP, meeting.pk, Status.PENDING),
        (Kind.CHAIR_ASKED, Channel.EMAIL, meeting.pk, Status.PENDING),
        (Kind.BREAK_GLASS_OPENED, Channel.IN_APP, None, Status.PENDING),
        (Kind.BREAK_GLASS_OPENED, Channel.EMAIL, None, Status.PENDING),
    }
    # The services' own keys: writing the same events again adds nothing.
    assert (
        services.notify(
            kind=Kind.BREAK_GLASS_OPENED,
            recipients=[lead],
            key=f"{Kind.BREAK_GLASS_OPENED}:{unalerted.pk}",
        )
        == 0
    )
