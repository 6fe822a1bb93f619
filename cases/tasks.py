from celery import shared_task

from . import services


@shared_task
def closed_case_portals_switch_off() -> int:
    return services.closed_case_portals_switch_off()
