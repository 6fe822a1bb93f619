import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from accounts.access import public_view

logger = logging.getLogger(__name__)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database did not answer")
        return False


def _broker_answers() -> bool:
    if not settings.REDIS_URL:
        return True  # tasks run in-process: there is no broker to ask
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        return bool(client.ping())
    except Exception:
        logger.exception("Health check: the broker did not answer")
        return False


@public_view
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Whether the database and the broker answer: yes or no, no details."""
    checks = {"database": _database_answers(), "broker": _broker_answers()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse(
        {name: "ok" if ok else "unavailable" for name, ok in checks.items()}, status=status
    )
