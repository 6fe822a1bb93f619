"""The benchmarks' floor: a signed-in page that renders the base layout and nothing else,
for staff and for a young person, beside every real URL. Used by benchmarks/pages.py only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from accounts.access import staff_view, young_person_view


@staff_view
def staff_floor(request: HttpRequest) -> HttpResponse:
    return render(request, "layouts/staff.html")


@young_person_view
def portal_floor(request: HttpRequest) -> HttpResponse:
    return render(request, "layouts/portal.html")


urlpatterns = [
    path("bench/floor/", staff_floor),
    path("bench/portal-floor/", portal_floor),
    path("", include("config.urls")),
]
