import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"


def _from_proxy(request: HttpRequest) -> str:
    """A trusted proxy's request id, if there is a trusted proxy and the id is a UUID; a
    client's own header is never believed (it is stored in access events)."""
    if not settings.TRUSTED_PROXY_COUNT:
        return ""
    try:
        return str(uuid.UUID(request.headers.get(HEADER, "")))
    except ValueError:
        return ""


class RequestIdMiddleware:
    """Gives every request an id that its access events and logs carry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = _from_proxy(request) or uuid.uuid4().hex  # type: ignore[attr-defined]
        response = self.get_response(request)
        response[HEADER] = request.request_id  # type: ignore[attr-defined]
        return response
