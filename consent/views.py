from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.access import SignedInRequest, staff_view
from audit.services import Action
from config.forms import saved_by_service
from participation.models import YoungPerson
from participation.selectors import is_on_case_team, young_person_open

from . import selectors, services
from .forms import IdentityDecisionForm, SharingDecisionForm


def _open(request: SignedInRequest, young_person_id: UUID, what: str) -> YoungPerson:
    return young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what=what,
    )


@staff_view
def overview(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    young_person = _open(request, young_person_id, "consent and identity")
    return render(
        request,
        "consent/overview.html",
        {
            "young_person": young_person,
            "naming": selectors.naming_overview(young_person=young_person),
            "identity_history": selectors.identity_history(young_person=young_person),
            "sharing": selectors.sharing_log(young_person=young_person),
            "reviews_due": selectors.reviews_due(young_person=young_person),
            "can_record": is_on_case_team(user=request.user, young_person=young_person),
        },
    )


def _form_page(
    request: SignedInRequest, young_person: YoungPerson, form: object, heading: str
) -> HttpResponse:
    return render(
        request,
        "consent/decision_form.html",
        {"young_person": young_person, "form": form, "heading": heading},
        status=400 if getattr(form, "errors", None) else 200,
    )


@staff_view
def identity_record(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    young_person = _open(request, young_person_id, "how they are named")
    form = IdentityDecisionForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.identity_decision_record(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, "Decision recorded. It applies from now on, everywhere.")
        return redirect("consent:overview", young_person_id=young_person.pk)
    return _form_page(request, young_person, form, "How they want to be named")


@staff_view
def sharing_record(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    young_person = _open(request, young_person_id, "information sharing")
    form = SharingDecisionForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.sharing_decision_record(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(request, "Sharing decision recorded.")
        return redirect("consent:overview", young_person_id=young_person.pk)
    return _form_page(request, young_person, form, "Sharing information")
