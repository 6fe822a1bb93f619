"""The staff home page: it gathers each person's own work from every app, so it sits on top."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import SignedInRequest, staff_view
from accounts.roles import Role
from advocacy.selectors import young_people_advocated_for
from consent.models import NamingContext
from consent.selectors import names_prefetch
from meetings.selectors import (
    meetings_chaired_upcoming,
    requests_waiting_for,
    young_people_on_case_team,
)
from notifications.selectors import notices_unread
from participation.powers import young_person_register_allowed


@staff_view
def home(request: SignedInRequest) -> HttpResponse:
    user = request.user
    chaired = list(meetings_chaired_upcoming(user=user)[:10])
    names_prefetch([meeting.young_person for meeting in chaired], NamingContext.MEETING_RECORDS)
    return render(
        request,
        "home/home.html",
        {
            "notices": notices_unread(user=user),
            "waiting": requests_waiting_for(user=user),
            "today": timezone.localdate(),
            "young_people": young_people_on_case_team(user=user)[:10],
            "chaired_meetings": chaired,
            "advocated_for": young_people_advocated_for(user=user),
            "is_administrator": user.has_role(Role.ADMINISTRATOR),
            "is_cse_lead": user.has_role(Role.CSE_LEAD),
            "can_register": young_person_register_allowed(actor=user),
        },
    )
