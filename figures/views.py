import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import SignedInRequest, power_refused, staff_view
from advocacy.selectors import advocacy_offer_figures
from audit.services import Action, Outcome, access_event_record
from config.forms import saved_by_service
from meetings.selectors import meeting_figures
from participation.selectors import service_figures

from . import services
from .charts import chart_for
from .forms import FiguresFilterForm, ServiceChangeForm
from .powers import service_change_allowed
from .selectors import (
    BY_KEY,
    chairs_in_scope,
    collective_figures,
    feedback_to_link,
    figures_allowed,
    meetings_behind,
    opportunities_linkable,
    participation_figures,
    service_changes_for,
)


def _filters(request: SignedInRequest) -> FiguresFilterForm:
    """The figures' filters, from the address; 404 for anyone but a CSE lead."""
    if not figures_allowed(user=request.user):
        raise Http404
    return FiguresFilterForm(request.GET or {}, chairs=chairs_in_scope(user=request.user))


def _query(request: SignedInRequest) -> str:
    """The filters as chosen, to carry from the figures to the meetings and the CSV."""
    return urlencode([(k, v) for k, v in request.GET.items() if k != "figure"])


@staff_view
def figures_page(request: SignedInRequest) -> HttpResponse:
    """Participation figures under Lundy's four headings, with trends, for a CSE lead."""
    form = _filters(request)
    if not form.is_valid():
        return render(request, "figures/figures.html", {"form": form}, status=400)
    period, chair, days, word = form.chosen()
    headings = participation_figures(user=request.user, period=period, chair=chair, days=days)
    return render(
        request,
        "figures/figures.html",
        {
            "form": form,
            "period": period,
            "chair": chair,
            "word": word,
            "headings": [(heading, chart_for(heading)) for heading in headings],
            "query": _query(request),
            "service": {**service_figures(), **meeting_figures()},
            "offers": advocacy_offer_figures(since=period.bounds()[0]),
            "changes": service_changes_for(user=request.user),
            "collective": collective_figures(user=request.user, period=period),
            "can_record_change": service_change_allowed(actor=request.user),
        },
    )


@staff_view
def figure_meetings(request: SignedInRequest) -> HttpResponse:
    """The meetings behind one figure, those this CSE lead may open."""
    form = _filters(request)
    definition = BY_KEY.get(request.GET.get("figure", ""))
    if definition is None or not form.is_valid():
        raise Http404
    period, chair, days, _word = form.chosen()
    return render(
        request,
        "figures/meetings.html",
        {
            "definition": definition,
            "counts": definition.counts.format(days=days),
            "period": period,
            "chair": chair,
            "behind": meetings_behind(
                user=request.user, definition=definition, period=period, chair=chair, days=days
            ),
            "query": _query(request),
        },
    )


@staff_view
def figures_csv(request: SignedInRequest) -> HttpResponse:
    """The same figures as a CSV file; every download is an access event."""
    form = _filters(request)
    if not form.is_valid():
        return render(request, "figures/figures.html", {"form": form}, status=400)
    period, chair, days, _word = form.chosen()
    headings = participation_figures(user=request.user, period=period, chair=chair, days=days)
    access_event_record(
        request=request,
        action=Action.EXPORT,
        outcome=Outcome.ALLOWED,
        what=f"participation figures (CSV), {period}",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="participation-figures-{period.start}-{period.end}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["Heading", "Figure", "What it counts", "From", "To", "Number", "Out of", "Per cent"]
    )
    chaired_by = chair.full_name if chair else "Anyone in the organisation"
    for heading in headings:
        rows = [(f, period) for f in heading.figures] + [
            (point.figure, point.period) for point in heading.trend[:-1]
        ]
        for figure, when in rows:
            writer.writerow(
                [
                    heading.name,
                    figure.definition.label,
                    f"{figure.counts} Chaired by: {chaired_by}.",
                    when.start.isoformat(),
                    when.end.isoformat(),
                    "fewer than 5" if figure.number is None else figure.number,
                    "fewer than 5" if figure.out_of is None else figure.out_of,
                    "" if figure.percent is None else figure.percent,
                ]
            )
    return response


@staff_view
def service_change_add(request: SignedInRequest) -> HttpResponse:
    """A CSE lead records something the service changed because of young people's feedback."""
    if not figures_allowed(user=request.user):
        raise Http404
    if not service_change_allowed(actor=request.user):
        return power_refused(request, services.SERVICE_CHANGE_REFUSED)
    form = ServiceChangeForm(
        request.POST if request.method == "POST" else None,
        feedback=feedback_to_link(user=request.user),
        opportunities=list(opportunities_linkable(user=request.user)),
    )
    saved = saved_by_service(
        request,
        form,
        lambda: services.service_change_record(
            actor=request.user,
            you_said=form.cleaned_data["you_said"],
            we_did=form.cleaned_data["we_did"],
            feedback=list(form.cleaned_data["feedback"]),
            opportunity=form.cleaned_data["opportunity"],
        ),
    )
    if saved is not None:
        messages.success(request, "Saved. Young people can read it in the portal.")
        return redirect("figures:page")
    return render(
        request,
        "figures/service_change_form.html",
        {"form": form, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )
