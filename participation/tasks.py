from celery import shared_task

from . import selectors, services


@shared_task(acks_late=True)
def break_glass_alert(grant_id: str) -> bool:
    return services.break_glass_alert_send(grant_id=grant_id)


@shared_task
def break_glass_alerts_send_due() -> int:
    """The beat sweep: alerts for break-glass grants saved while the broker was down."""
    ids = selectors.break_glass_unalerted_ids()
    for grant_id in ids:
        services.break_glass_alert_send(grant_id=grant_id)
    return len(ids)
