from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import (
    SignedInRequest,
    power_refused,
    reauthenticate_first,
    reauthenticated,
    staff_view,
)
from accounts.roles import Role
from audit.models import RetentionRun
from audit.services import Action, opened
from config.forms import saved_by_service
from participation.powers import case_close_allowed
from participation.selectors import young_person_open

from . import services
from .forms import CloseForm, ReopenForm, SubjectAccessForm
from .retention import SCHEDULE
from .selectors import (
    closed_case_get_for_user,
    closed_cases_for,
    subject_access_open,
    transfer_summary,
    transfer_summary_open,
)
from .subject_access import subject_access_export, subject_access_json


@staff_view
def case_close(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="closing the case",
    )
    back = reverse("participation:young-person", args=[young_person.pk])
    if not case_close_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.CLOSE_REFUSED, back)
    form = CloseForm(request.POST if request.method == "POST" else None)
    closure = saved_by_service(
        request,
        form,
        lambda: services.case_close(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
    )
    if closure is not None:
        messages.success(
            request,
            f"The case is closed. {closure.organisation or 'Your organisation'}'s CSE leads can "
            "reopen it.",
        )
        return redirect("home")
    return render(
        request,
        "cases/close.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )


@staff_view
def closed_cases(request: SignedInRequest) -> HttpResponse:
    """A CSE lead's closed cases, with what is needed to choose one to reopen."""
    if not request.user.has_role(Role.CSE_LEAD):
        raise Http404
    return render(request, "cases/closed.html", {"closures": closed_cases_for(user=request.user)})


@staff_view
def case_reopen(request: SignedInRequest, closure_id: UUID) -> HttpResponse:
    user = request.user
    closure = opened(
        request=request,
        load=lambda: closed_case_get_for_user(user=user, closure_id=closure_id),
        young_person_of=lambda closure: closure.young_person_id,
        requested_id=closure_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="reopening the case",
    )
    form = ReopenForm(request.POST if request.method == "POST" else None)
    reopened = saved_by_service(
        request,
        form,
        lambda: services.case_reopen(actor=request.user, closure=closure, **form.cleaned_data),
    )
    if reopened is not None:
        messages.success(request, "The case is open again. You are its lead professional.")
        return redirect("participation:young-person", young_person_id=closure.young_person_id)
    return render(
        request,
        "cases/reopen.html",
        {"form": form, "closure": closure},
        status=400 if form.errors else 200,
    )


@staff_view
def transfer_summary_page(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """A printable summary for the area a young person moves to; making it is recorded as
    an export."""
    young_person = transfer_summary_open(request=request, young_person_id=young_person_id)
    return render(
        request,
        "cases/transfer_summary.html",
        {"young_person": young_person, **transfer_summary(young_person=young_person)},
    )


@staff_view
def subject_access(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """A copy of everything held about a young person, for their subject access request:
    the page says what it is; making it asks the member of staff to confirm who they are,
    and is recorded as an export."""
    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    chosen = request.method == "POST" and form.is_valid()
    exporting = chosen and reauthenticated(request)
    young_person = subject_access_open(
        request=request, young_person_id=young_person_id, exporting=exporting
    )
    if chosen and not exporting:
        return reauthenticate_first(request, then=request.path)
    if not exporting:
        return render(
            request,
            "cases/subject_access.html",
            {"form": form, "young_person": young_person},
            status=400 if form.errors else 200,
        )
    sections = subject_access_export(young_person=young_person)
    if form.cleaned_data["format"] == "json":
        response: HttpResponse = JsonResponse(
            subject_access_json(young_person=young_person, sections=sections),
            json_dumps_params={"indent": 2, "ensure_ascii": False},
        )
        # The file's name says nothing about who it is about.
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-{young_person.pk}.json"'
        )
    else:
        response = render(
            request,
            "cases/subject_access_copy.html",
            {"young_person": young_person, "sections": sections, "made_at": timezone.now()},
        )
    return response


@staff_view
def retention(request: SignedInRequest) -> HttpResponse:
    """The retention schedule, and what its last runs did, in counts: for CSE leads."""
    if not request.user.has_role(Role.CSE_LEAD):
        raise Http404
    runs = [
        (
            run.ran_at,
            [(rule.record, run.counts[rule.key]) for rule in SCHEDULE if rule.key in run.counts],
        )
        for run in RetentionRun.objects.order_by("-ran_at")[:14]
    ]
    return render(request, "cases/retention.html", {"schedule": SCHEDULE, "runs": runs})
