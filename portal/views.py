"""Every page a young person sees. Neutral words only: their phone may be watched."""

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.access import SignedInRequest, public_view, young_person_view
from accounts.views import sign_in_page
from audit.selectors import organisations_that_looked

from .forms import YoungPersonSignInForm
from .selectors import portal_meetings_upcoming, portal_young_person


@public_view
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    return sign_in_page(
        request,
        form_class=YoungPersonSignInForm,
        template="portal/sign_in.html",
        already_in=request.user.is_authenticated and request.user.is_young_person,
        destination="portal:home",
    )


@public_view
@never_cache
def exit_page(request: HttpRequest) -> HttpResponse:
    """'Exit this page' lands here: end the session at once, then leave for a neutral site."""
    logout(request)
    return redirect(settings.PORTAL_EXIT_URL)


@young_person_view
def who_has_looked(request: SignedInRequest) -> HttpResponse:
    young_person = portal_young_person(user=request.user)
    looked = organisations_that_looked(young_person=young_person) if young_person else []
    return render(request, "portal/who_has_looked.html", {"looked": looked})


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
