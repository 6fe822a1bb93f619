from celery import shared_task

from . import reminders, services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notification_send(notification_id: str) -> bool:
    return services.deliver(notification_id=notification_id)


@shared_task
def notifications_send_due() -> int:
    """Every minute: hand due rows to the workers (also those saved while Redis was down)."""
    return services.due_publish()


@shared_task
def reminders_write() -> int:
    """Every hour: write the reminders that time has brought."""
    return reminders.reminders_write()
