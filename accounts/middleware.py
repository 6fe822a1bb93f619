from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .access import SIGNED_IN_AT
from .models import User
from .services import sessions_end


class SignedInSessionMiddleware:
    """What holds for every signed-in request, staff and portal alike.

    - Nothing sent to a signed-in person is kept by the browser (`no-store`): on a shared
      computer, Back after signing out shows nothing.
    - A session ends after a short idle time (staff 30 minutes, a young person 15), counted
      from each request.
    - A staff session ends STAFF_SESSION_MAX_SECONDS after signing in, however busy.

    It sits after AuthenticationMiddleware and OTPMiddleware, before LoginRequiredMiddleware
    (so a session ended here is sent to sign in).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        signed_in = user.is_authenticated
        if isinstance(user, User) and user.is_staff_member:
            started = request.session.get(SIGNED_IN_AT)
            now = timezone.now().timestamp()
            if started is None or now - started > settings.STAFF_SESSION_MAX_SECONDS:
                key = request.session.session_key
                logout(request)
                sessions_end(user=user, only=key)
        response = self.get_response(request)
        if signed_in:
            add_never_cache_headers(response)
        user = request.user
        if isinstance(user, User):
            # Counted from now: every request saves the session (SESSION_SAVE_EVERY_REQUEST).
            request.session.set_expiry(
                settings.STAFF_IDLE_SECONDS
                if user.is_staff_member
                else settings.PORTAL_IDLE_SECONDS
            )
        return response
