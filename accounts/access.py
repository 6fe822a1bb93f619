"""Every view declares who may reach it. A URL test fails any view without one of these.

Reaching a view is only the first gate: objects are then loaded through the user's
scoped selectors, which answer "missing" and "not yours" with the same 404.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .models import User

View = Callable[..., HttpResponseBase]


class SignedInRequest(HttpRequest):
    """The request a staff or portal view receives: its decorator has checked who `user` is."""

    user: User


class Access(StrEnum):
    PUBLIC = "public"  # no sign-in: the sign-in pages and the health check
    STAFF = "staff"  # a signed-in member of staff, of any role
    YOUNG_PERSON = "young_person"  # a signed-in young person, in the portal


def _mark(view: View, rule: Access) -> View:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def public_view(view: View) -> View:
    return _mark(login_not_required(view), Access.PUBLIC)


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The `next` address posted or asked for, if it is a path on this site; else `default`
    (a URL name or path). Anything else, however odd, is ignored."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and target.isprintable()
        and len(target) <= 500
    ):
        return target
    return default


def staff_signed_in(request: HttpRequest) -> bool:
    """A member of staff who has passed both steps of signing in (password, then a code from
    their second factor: OTPMiddleware reads which device the session holds)."""
    user = request.user
    verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and user.is_staff_member and verified and verified())


def staff_view(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not staff_signed_in(request):
            raise Http404
        return view(request, *args, **kwargs)

    return _mark(wrapped, Access.STAFF)


def young_person_view(view: View) -> View:
    """Portal pages: signed in through the portal's own door (PortalSafetyMiddleware adds
    no-store and the idle time-out to every portal response)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not (request.user.is_authenticated and request.user.is_young_person):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.login_url = "portal:sign-in"  # type: ignore[attr-defined]
    return _mark(wrapped, Access.YOUNG_PERSON)


def power_refused(request: HttpRequest, message: str, back: str = "") -> HttpResponse:
    """The answer where the object is visible to the user but the power is not theirs: a 403
    that says who can do it, with a way back. (Where it is not visible, the answer is 404.)"""
    return render(request, "power_refused.html", {"message": message, "back": back}, status=403)


# When the session passed its last sign-in step: a staff session's absolute limit counts
# from it (accounts.middleware).
SIGNED_IN_AT = "signed_in_at"

# The most sensitive actions (break-glass, a new second factor, a portal invitation code) ask
# again for the password and a current code, and then allow them for a few minutes.
REAUTH_AT = "reauthenticated_at"
REAUTH_SECONDS = 5 * 60


def reauthenticated(request: HttpRequest) -> bool:
    """Has this member of staff confirmed who they are in the last 5 minutes?"""
    at = request.session.get(REAUTH_AT)
    return at is not None and timezone.now().timestamp() - at < REAUTH_SECONDS


def reauthenticate_first(request: HttpRequest, then: str = "") -> HttpResponse:
    """Send them to confirm who they are, and back to `then` (this page) afterwards."""
    query = urlencode({"next": then or request.get_full_path()})
    return redirect(f"{reverse('signin:confirm')}?{query}")
