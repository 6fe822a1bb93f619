from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import SignedInRequest, power_refused, staff_view
from audit.services import Action
from config.forms import saved_by_service
from participation.selectors import young_person_open

from . import services
from .forms import OfferForm, OpportunityForm
from .powers import opportunity_create_allowed, opportunity_offer_allowed
from .selectors import involvements_for, opportunities_for_staff, opportunity_get_for_user


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
    opportunity = opportunity_get_for_user(user=request.user, opportunity_id=opportunity_id)
    return render(request, "collective/opportunity.html", {"opportunity": opportunity})


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
