from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from accounts.access import SignedInRequest, staff_view
from accounts.roles import Role
from audit.services import young_person_open
from meetings.selectors import meetings_for_young_person

from .selectors import (
    case_team_for,
    is_on_case_team,
    young_people_on_case_team,
)

PAGE_SIZE = 25


@staff_view
def my_young_people(request: SignedInRequest) -> HttpResponse:
    young_people = young_people_on_case_team(user=request.user)
    page = Paginator(young_people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "participation/my_young_people.html", {"page": page})


@staff_view
def young_person_detail(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    user = request.user
    young_person = young_person_open(request=request, young_person_id=young_person_id)
    return render(
        request,
        "participation/young_person.html",
        {
            "young_person": young_person,
            "case_team": case_team_for(young_person=young_person),
            "meetings": meetings_for_young_person(user=user, young_person=young_person),
            "can_schedule": is_on_case_team(user=user, young_person=young_person),
            "can_see_access_log": user.has_role(Role.CSE_LEAD),
        },
    )
