from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PORTAL_PATH = "/portal/"


class PortalSafetyMiddleware:
    """The portal's protections that hold for every response, whatever the view.

    Nothing under /portal/ is kept by the browser (so Back after "Exit this page" shows
    nothing), and a young person's session ends after a short idle time.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PORTAL_PATH):
            add_never_cache_headers(response)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_young_person:
            # Counted from now: every request saves the session (SESSION_SAVE_EVERY_REQUEST).
            request.session.set_expiry(settings.PORTAL_IDLE_SECONDS)
        return response
