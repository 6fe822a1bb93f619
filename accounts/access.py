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
from django.shortcuts import render

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


def staff_view(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not (request.user.is_authenticated and request.user.is_staff_member):
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
