from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import SignedInRequest, power_refused, staff_view
from audit.services import Action
from config.forms import saved_by_service
from participation.selectors import young_person_open

from . import services
from .forms import (
    ContributionForm,
    OfferForm,
    OpportunityForm,
    OutputForm,
    PreparationForm,
    QuestionAnswerForm,
    ReferenceForm,
)
from .models import Opportunity
from .powers import (
    opportunity_create_allowed,
    opportunity_manage_allowed,
    opportunity_offer_allowed,
)
from .selectors import (
    credit_name_of,
    involvement_open_for_manager,
    involvements_for,
    opportunities_for_staff,
    opportunity_get_for_user,
    output_of,
    outputs_for,
    question_open_for_manager,
    questions_about,
    taking_part,
)


@staff_view
def opportunities(request: SignedInRequest) -> HttpResponse:
    """Every opportunity, for any member of staff to read and offer: nobody's information."""
    return render(
        request,
        "collective/opportunities.html",
        {
            "opportunities": opportunities_for_staff(user=request.user),
            "can_create": opportunity_create_allowed(actor=request.user),
        },
    )


@staff_view
def opportunity_add(request: SignedInRequest) -> HttpResponse:
    if not opportunity_create_allowed(actor=request.user):
        raise Http404  # a page for participation workers and CSE leads only
    form = OpportunityForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.opportunity_create(actor=request.user, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, "Opportunity created. Case teams can now offer it.")
        return redirect("collective:opportunity", opportunity_id=saved.pk)
    return render(
        request,
        "collective/opportunity_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_view
def opportunity_detail(request: SignedInRequest, opportunity_id: UUID) -> HttpResponse:
    """What it is, for any member of staff; who took part and what it made, for those who
    run it (each young person named as their decision for this kind of work says)."""
    opportunity = opportunity_get_for_user(user=request.user, opportunity_id=opportunity_id)
    manages = opportunity_manage_allowed(actor=request.user, opportunity=opportunity)
    taking = taking_part(opportunity=opportunity) if manages else []
    return render(
        request,
        "collective/opportunity.html",
        {
            "opportunity": opportunity,
            "manages": manages,
            "taking_part": taking,
            "outputs": outputs_for(opportunity=opportunity, taking=taking) if manages else [],
            "questions": questions_about(opportunity=opportunity) if manages else [],
        },
    )


def _managed(request: SignedInRequest, opportunity_id: UUID) -> Opportunity:
    """An opportunity this user runs; 404 for anyone else (the page is not theirs)."""
    opportunity = opportunity_get_for_user(user=request.user, opportunity_id=opportunity_id)
    if not opportunity_manage_allowed(actor=request.user, opportunity=opportunity):
        raise Http404
    return opportunity


@staff_view
def contribution_add(request: SignedInRequest, involvement_id: UUID) -> HttpResponse:
    """Record a session a young person took part in, and what they contributed."""
    involvement = involvement_open_for_manager(request=request, involvement_id=involvement_id)
    form = ContributionForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.contribution_record(
            actor=request.user, involvement=involvement, **form.cleaned_data
        ),
    )
    back = reverse("collective:opportunity", args=[involvement.opportunity_id])
    if saved is not None:
        messages.success(request, "Saved. They can read it in the portal.")
        return redirect(back)
    return render(
        request,
        "collective/contribution_form.html",
        {"form": form, "involvement": involvement, "back": back},
        status=400 if form.errors else 200,
    )


@staff_view
def output_add(request: SignedInRequest, opportunity_id: UUID) -> HttpResponse:
    opportunity = _managed(request, opportunity_id)
    form = OutputForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.output_add(
            actor=request.user, opportunity=opportunity, **form.cleaned_data
        ),
    )
    back = reverse("collective:opportunity", args=[opportunity.pk])
    if saved is not None:
        messages.success(request, "Added. Its credit line follows each young person's choice.")
        return redirect(back)
    return render(
        request,
        "collective/output_form.html",
        {"form": form, "opportunity": opportunity, "back": back},
        status=400 if form.errors else 200,
    )


@staff_view
def output_publish(request: SignedInRequest, opportunity_id: UUID, output_id: UUID) -> HttpResponse:
    """Mark an output published (a POST from the opportunity's page)."""
    opportunity = _managed(request, opportunity_id)
    output = output_of(opportunity=opportunity, output_id=output_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.output_publish(actor=request.user, output=output)
    messages.success(request, "Marked published, with the credit line it went out with.")
    return redirect("collective:opportunity", opportunity_id=opportunity.pk)


@staff_view
def offer(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """Someone on their case team offers a young person an opportunity, from their record."""
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="opportunities offered",
    )
    back = reverse("participation:young-person", args=[young_person.pk])
    if not opportunity_offer_allowed(actor=request.user, young_person=young_person):
        return power_refused(request, services.OFFER_REFUSED, back)
    offered = {i.opportunity_id for i in involvements_for(young_person=young_person)}
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        opportunities=[
            o for o in opportunities_for_staff(user=request.user) if o.pk not in offered
        ],
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.opportunity_offer(
            actor=request.user,
            opportunity=form.cleaned_data["opportunity"],
            young_person=young_person,
        ),
    )
    if saved is not None:
        messages.success(request, "Offered. They can answer in the portal, or tell you.")
        return redirect(f"{back}#opportunities")
    return render(
        request,
        "collective/offer_form.html",
        {"form": form, "young_person": young_person},
        status=400 if form.errors else 200,
    )


@staff_view
def preparation(request: SignedInRequest, involvement_id: UUID) -> HttpResponse:
    """Getting a young person ready for public or political work: the checklist."""
    involvement = involvement_open_for_manager(request=request, involvement_id=involvement_id)
    form = PreparationForm(
        request.POST if request.method == "POST" else None,
        initial={
            "what_others_may_know": involvement.what_others_may_know,
            "risks_and_benefits_talked_through": involvement.risks_and_benefits_talked_through,
            "clumsy_questions_talked_through": involvement.clumsy_questions_talked_through,
            "group_statement": involvement.group_statement,
        },
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.involvement_preparation_save(
            actor=request.user, involvement=involvement, **form.cleaned_data
        ),
    )
    back = reverse("collective:opportunity", args=[involvement.opportunity_id])
    if saved is not None:
        messages.success(request, "Saved.")
        return redirect(back)
    return render(
        request,
        "collective/preparation_form.html",
        {"form": form, "involvement": involvement, "back": back},
        status=400 if form.errors else 200,
    )


@staff_view
def reference(request: SignedInRequest, involvement_id: UUID) -> HttpResponse:
    """Write the reference letter a young person asked for, or put it right."""
    involvement = involvement_open_for_manager(request=request, involvement_id=involvement_id)
    form = ReferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"letter": involvement.reference_letter},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.reference_write(
            actor=request.user, involvement=involvement, letter=form.cleaned_data["letter"]
        ),
    )
    back = reverse("collective:opportunity", args=[involvement.opportunity_id])
    if saved is not None:
        messages.success(request, "Saved. They can read it and print it in the portal.")
        return redirect(back)
    return render(
        request,
        "collective/reference_form.html",
        {
            "form": form,
            "involvement": involvement,
            "back": back,
            "credit_name": credit_name_of(involvement),
        },
        status=400 if form.errors else 200,
    )


@staff_view
def question_answer(request: SignedInRequest, question_id: UUID) -> HttpResponse:
    """Answer a young person's question about an opportunity this user runs."""
    question = question_open_for_manager(request=request, question_id=question_id)
    form = QuestionAnswerForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: services.question_answer(
            actor=request.user, question=question, answer=form.cleaned_data["answer"]
        ),
    )
    back = reverse("collective:opportunity", args=[question.involvement.opportunity_id])
    if saved is not None:
        messages.success(request, "Sent. They can read it in the portal.")
        return redirect(back)
    return render(
        request,
        "collective/question_answer_form.html",
        {"form": form, "question": question, "back": back},
        status=400 if form.errors else 200,
    )
