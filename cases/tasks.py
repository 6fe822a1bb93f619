from celery import shared_task
from django.utils import timezone

from . import retention, services


@shared_task
def closed_case_portals_switch_off() -> int:
    return services.closed_case_portals_switch_off()


@shared_task
def retention_apply() -> dict[str, int]:
    """Once a day: the retention schedule (cases/retention.py), in counts only."""
    return retention.retention_apply(now=timezone.now()).counts
