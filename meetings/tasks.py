from celery import shared_task

from . import selectors, services


@shared_task(acks_late=True)
def reminder_send(reminder_id: str) -> bool:
    return services.reminder_deliver(reminder_id=reminder_id)


@shared_task
def reminders_send_due() -> int:
    """The beat sweep: sends whatever is due and pending (e.g. saved while Redis was down)."""
    ids = selectors.reminders_due_ids()
    for reminder_id in ids:
        services.reminder_deliver(reminder_id=reminder_id)
    return len(ids)
