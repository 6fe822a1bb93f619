"""Move what the old outbox had not yet sent into this one, before the old one goes.

Pending "you have been asked to chair" reminders (meetings.Reminder) and break-glass uses
whose CSE leads were not yet told (participation's `alerted_at` still empty) become
pending notifications, with the idempotency keys the services write, so the sweep sends
each once.
"""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Reminder = apps.get_model("meetings", "Reminder")
    Grant = apps.get_model("participation", "YoungPersonUserObjectPermission")
    Notification = apps.get_model("notifications", "Notification")
    User = apps.get_model("accounts", "User")
    now = timezone.now()
    rows = [
        Notification(
            idempotency_key=f"chair_asked:{reminder.meeting_id}:{reminder.recipient_id}:{channel}",
            kind="chair_asked",
            channel=channel,
            recipient_id=reminder.recipient_id,
            meeting_id=reminder.meeting_id,
            due_at=reminder.due_at,
        )
        for reminder in Reminder.objects.filter(status="pending")
        for channel in ("in_app", "email")
    ]
    leads = list(
        User.objects.filter(is_active=True, kind="staff", groups__name="cse_lead").distinct()
    )
    rows += [
        Notification(
            idempotency_key=f"break_glass_opened:{grant.pk}:{lead.pk}:{channel}",
            kind="break_glass_opened",
            channel=channel,
            recipient_id=lead.pk,
            due_at=now,
        )
        for grant in Grant.objects.filter(kind="break_glass", alerted_at__isnull=True)
        for lead in leads
        for channel in ("in_app", "email")
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
