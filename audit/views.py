from uuid import UUID

from django.http import Http404, HttpResponse
from django.shortcuts import render

from accounts.access import SignedInRequest, staff_view
from accounts.roles import Role
from participation.selectors import young_person_open

from .selectors import access_events_for_young_person
from .services import Action, Outcome, access_event_record


@staff_view
def young_person_access_log(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """Who has viewed this record: for CSE leads with a relationship to the young person."""
    what = "access log"
    if not request.user.has_role(Role.CSE_LEAD):
        access_event_record(
            request=request,
            action=Action.VIEW,
            outcome=Outcome.DENIED,
            what=what,
            young_person_id=young_person_id,
        )
        raise Http404
    young_person = young_person_open(request=request, young_person_id=young_person_id, what=what)
    return render(
        request,
        "audit/young_person_access_log.html",
        {
            "young_person": young_person,
            "events": access_events_for_young_person(young_person_id=young_person.pk),
        },
    )
