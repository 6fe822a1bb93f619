"""Every page a young person sees. Neutral words only: their phone may be watched."""

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.access import SignedInRequest, public_view, young_person_view

from .forms import YoungPersonSignInForm
from .selectors import portal_meetings_upcoming, portal_young_person


@public_view
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_young_person:
        return redirect("portal:home")
    form = YoungPersonSignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None  # noqa: S101 - is_valid() guarantees it
        login(request, form.user)
        return redirect("portal:home")
    return render(
        request, "portal/sign_in.html", {"form": form}, status=400 if form.errors else 200
    )


@public_view
@never_cache
def exit_page(request: HttpRequest) -> HttpResponse:
    """'Exit this page' lands here: end the session at once, then leave for a neutral site."""
    logout(request)
    return redirect(settings.PORTAL_EXIT_URL)


@young_person_view
def home(request: SignedInRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "portal/home.html",
        {
            "young_person": portal_young_person(user=user),
            "meetings": portal_meetings_upcoming(user=user),
        },
    )
