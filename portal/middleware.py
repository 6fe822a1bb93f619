from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PORTAL_PATH = "/portal/"


class PortalSafetyMiddleware:
    """Nothing under /portal/ is kept by the browser, signed in or not (so Back after "Exit
    this page" shows nothing). Signed-in pages everywhere are no-store, and sessions end when
    idle, in accounts.middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PORTAL_PATH):
            add_never_cache_headers(response)
        return response
