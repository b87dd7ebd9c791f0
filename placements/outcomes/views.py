"""The outcomes pages: the program report for staff and admins (`/reports/`), its CSV
per section, the funder summary (page and PDF), and an employer's own results. Thin:
read the filter form, build the report through `report.outcomes_report`, render."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from placements.outcomes import exports, permissions, report
from placements.outcomes.charts import hires_chart, report_charts
from placements.outcomes.forms import ReportFilterForm
from placements.outcomes.selectors import Scope, hires_per_month, people
from portal.core.models import Role
from portal.core.permissions import role_required

staff_only = role_required(Role.STAFF)


def _report_from(request, *, with_facilitator: bool = True):
    form = ReportFilterForm(request.GET, with_facilitator=with_facilitator)
    if not form.is_valid():
        return form, None
    return form, report.outcomes_report(period=form.report_period, scope=form.scope)


def _previous_of(form, outcomes):
    """The same report for the period of the same length just before, to compare."""
    return report.outcomes_report(period=outcomes.period.previous(), scope=form.scope)


def _query(request) -> str:
    return request.GET.urlencode()


@staff_only
def reports(request):
    form, outcomes = _report_from(request)
    context = {"form": form, "report": outcomes, "query": _query(request)}
    if outcomes is not None:
        previous = _previous_of(form, outcomes)
        context["previous_period"] = previous.period
        context["charts"] = report_charts(outcomes)
        context["sections"] = exports.page_sections(outcomes, previous=previous)
    return render(
        request, "placements/outcomes/reports.html", context, status=200 if outcomes else 400
    )


@staff_only
def report_csv(request, section):
    if section not in report.SECTIONS:
        raise Http404
    form, outcomes = _report_from(request)
    if outcomes is None:
        errors = "; ".join(message for messages in form.errors.values() for message in messages)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        exports.section_csv(outcomes, section, previous=_previous_of(form, outcomes)),
        content_type="text/csv; charset=utf-8",
    )
    name = f"outcomes-{section}-{outcomes.period.start}-{outcomes.period.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_only
def funder(request):
    form, outcomes = _report_from(request, with_facilitator=False)
    context = {
        "form": form,
        "report": outcomes,
        "query": _query(request),
        "suppression_note": exports.suppression_note(),
    }
    if outcomes is not None:
        context["sections"] = exports.page_sections(outcomes, public=True)
    return render(
        request, "placements/outcomes/funder.html", context, status=200 if outcomes else 400
    )


@staff_only
def funder_pdf(request):
    form, outcomes = _report_from(request, with_facilitator=False)
    if outcomes is None:
        errors = "; ".join(message for messages in form.errors.values() for message in messages)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(exports.funder_pdf(outcomes), content_type="application/pdf")
    name = f"funder-report-{outcomes.period.start}-{outcomes.period.end}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@staff_only
def people_list(request, figure):
    """The people a figure counts (staff: their caseload; admins: all)."""
    if not people.list_in_use(figure):
        raise Http404
    form = ReportFilterForm(request.GET)
    context = {"form": form, "query": _query(request), "figure_key": figure}
    if form.is_valid():
        rows, cut_short = people.people_behind(
            viewer=request.user,
            figure_key=figure,
            period=form.report_period,
            scope=form.scope,
        )
        context.update(
            rows=rows,
            cut_short=cut_short,
            limit=people.LIST_LIMIT,
            period=form.report_period,
            counted_label=people.PEOPLE_LISTS[figure].counted_label,
            title=exports.figure_title(figure),
        )
    return render(
        request,
        "placements/outcomes/people.html",
        context,
        status=200 if form.is_valid() else 400,
    )


@login_required
def employer_results(request):
    employer_id = permissions.employer_results_scope(request.user)
    if employer_id is None:
        raise Http404
    form = ReportFilterForm(request.GET, with_facilitator=False, with_cuts=False)
    context = {
        "form": form,
        "title": _("Your results"),
        # The last 12 months whatever the period chosen below: the trend at a glance.
        "hires_chart": hires_chart(hires_per_month(scope=Scope(employer_id=employer_id))),
    }
    if form.is_valid():
        context["results"] = exports.employer_rows(
            period=form.report_period, scope=Scope(employer_id=employer_id)
        )
        context["period"] = form.report_period
    return render(
        request,
        "placements/outcomes/employer_results.html",
        context,
        status=200 if form.is_valid() else 400,
    )
