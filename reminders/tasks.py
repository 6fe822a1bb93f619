from celery import shared_task

from . import services


@shared_task
def reminders_write() -> int:
    """Every hour: write the reminders that time has brought."""
    return services.reminders_write()
