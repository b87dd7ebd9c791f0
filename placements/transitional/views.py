"""Transitional-jobs pages: the crew sheet for supervisors on a phone, work sites and
assignments, payroll for program admins (periods, run review, approve, export), pay
stubs (page and PDF), and the participant's own hours, ratings and pay."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from jobseekers.models import Participant
from jobseekers.selectors import participants_visible_to
from placements.transitional import charts, permissions, selectors, services, trends
from placements.transitional.forms import (
    AdjustmentForm,
    AssignmentChangeForm,
    AssignmentEndForm,
    AssignmentForm,
    CrewRowForm,
    PayPeriodForm,
    WorkSiteForm,
)
from placements.transitional.models import RATING_DIMENSIONS
from placements.transitional.pdf import pay_stub_pdf_bytes
from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required
from portal.core.selectors import staff_members


def _day(request) -> date:
    """The crew day from ?day= (or the form), today by default; a bad value is today."""
    raw = request.POST.get("day") or request.GET.get("day")
    try:
        return date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


# --- Crew sheet -------------------------------------------------------------------------


def _show_on_row(forms: list[CrewRowForm], error: ApplicationError) -> None:
    """Put a crew-day error next to the row of the person it is about (the page keeps
    the summary at the top as well)."""
    participant_id = getattr(error, "participant_id", None)
    for form in forms:
        if form.member.participant.pk != participant_id:
            continue
        for name, field_messages in error.fields.items():
            if name in form.fields:
                for message in field_messages:
                    form.add_error(name, message)
        form.add_error(None, error.message)


@role_required(Role.STAFF)
def crew_sites(request):
    """The sites the supervisor keeps, with today's crew."""
    crews = selectors.crews_today(user=request.user, today=timezone.localdate())
    return render(request, "placements/transitional/crew_sites.html", {"crews": crews})


@role_required(Role.STAFF)
def crew_sheet(request, worksite_id):
    """Today's crew at a site: mark present, hours and the five ratings for everyone,
    save in one go, then approve the day."""
    site = selectors.worksite_get_supervised(user=request.user, worksite_id=worksite_id)
    day = _day(request)
    crew = selectors.crew_for_day(worksite=site, work_date=day)
    waiting = [member for member in crew if not member.entries]
    data = request.POST if request.method == "POST" else None
    forms = [
        CrewRowForm(data, prefix=f"p{member.participant.pk}", member=member) for member in waiting
    ]
    error = None
    if request.method == "POST" and all(form.is_valid() for form in forms):
        rows = [
            services.CrewRow(
                participant=form.member.participant,
                present=form.cleaned_data["present"],
                clock_in=form.cleaned_data.get("clock_in"),
                clock_out=form.cleaned_data.get("clock_out"),
                crosses_midnight=form.cleaned_data.get("crosses_midnight", False),
                break_minutes=form.cleaned_data.get("break_minutes") or 0,
                ratings={name: form.cleaned_data.get(name) for name in RATING_DIMENSIONS},
                note=form.cleaned_data.get("note", ""),
            )
            for form in forms
        ]
        try:
            entries = services.crew_day_record(
                actor=request.user, worksite=site, work_date=day, rows=rows
            )
        except ApplicationError as exc:
            error = exc.message
            _show_on_row(forms, exc)
        else:
            messages.success(
                request,
                _("Saved %(count)s shifts. Check them, then approve the day.")
                % {"count": len(entries)},
            )
            return redirect(f"{request.path}?day={day.isoformat()}")
    elif request.method == "POST":
        error = _("Some values are not right. Look for the messages below.")
    now = timezone.now()
    waiting = [entry for member in crew for entry in member.entries if entry.approved_by_id is None]
    still_working = [entry for entry in waiting if not permissions.shift_has_ended(entry, now=now)]
    return render(
        request,
        "placements/transitional/crew_sheet.html",
        {
            "site": site,
            "day": day,
            "crew": crew,
            "recorded": [member for member in crew if member.entries],
            "forms": forms,
            "error": error,
            "error_rows": [form for form in forms if form.errors] if error else [],
            "can_approve": bool(waiting) and not still_working,
            "approve_waits": bool(still_working),
            "readiness_chart": charts.readiness_chart(
                trends.readiness_per_week(worksite=site, today=timezone.localdate())
            ),
        },
    )


@require_POST
@role_required(Role.STAFF)
def crew_day_approve(request, worksite_id):
    site = selectors.worksite_get_supervised(user=request.user, worksite_id=worksite_id)
    day = _day(request)
    try:
        count = services.crew_day_approve(actor=request.user, worksite=site, work_date=day)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Approved %(count)s shifts.") % {"count": count})
    url = reverse("placements:transitional-crew-sheet", kwargs={"worksite_id": site.pk})
    return redirect(f"{url}?day={day.isoformat()}")


# --- Work sites and assignments (program admins) ----------------------------------------


@role_required(Role.ADMIN)
def worksites(request):
    staff = staff_members()
    sites = selectors.worksites_visible_to(user=request.user)
    site_form = WorkSiteForm(
        request.POST if request.POST.get("form") == "site" else None, staff=staff, prefix="site"
    )
    assignment_form = AssignmentForm(
        request.POST if request.POST.get("form") == "assignment" else None,
        # Only people still in the program can join a crew.
        people=participants_visible_to(user=request.user).filter(status="active"),
        sites=sites,
        prefix="assign",
    )
    if request.method == "POST":
        form = site_form if request.POST.get("form") == "site" else assignment_form
        if form.is_valid():
            try:
                if form is site_form:
                    services.worksite_create(actor=request.user, **form.cleaned_data)
                    messages.success(request, _("The work site is added."))
                else:
                    services.assignment_create(actor=request.user, **form.cleaned_data)
                    messages.success(request, _("The participant is on the crew."))
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                return redirect("placements:transitional-worksites")
    assignments = selectors.assignments_visible_to(user=request.user).filter(status="active")
    return render(
        request,
        "placements/transitional/worksites.html",
        {
            "sites": sites,
            "assignments": assignments.order_by("worksite__name", "participant__last_name")[:200],
            "site_form": site_form,
            "assignment_form": assignment_form,
        },
    )


@role_required(Role.STAFF)
def assignment_manage(request, assignment_id):
    """End a participant's assignment, or change their rate or pay schedule from a day
    (program admins, and the supervisors of the assignment's site)."""
    assignment = selectors.assignment_get_managed(user=request.user, assignment_id=assignment_id)
    action = request.POST.get("form")
    end_form = AssignmentEndForm(
        request.POST if action == "end" else None,
        prefix="end",
        initial={"ends_on": timezone.localdate()},
    )
    change_form = AssignmentChangeForm(
        request.POST if action == "change" else None,
        prefix="change",
        initial={
            "hourly_rate": assignment.hourly_rate,
            "pay_schedule": assignment.pay_schedule,
        },
    )
    if request.method == "POST" and action in ("end", "change"):
        form = end_form if action == "end" else change_form
        if form.is_valid():
            try:
                if action == "end":
                    services.assignment_end(
                        actor=request.user, assignment=assignment, **form.cleaned_data
                    )
                    messages.success(request, _("The assignment is ended."))
                else:
                    assignment = services.assignment_change(
                        actor=request.user, assignment=assignment, **form.cleaned_data
                    )
                    messages.success(request, _("The new rate and pay schedule are saved."))
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                return redirect("placements:transitional-assignment", assignment_id=assignment.pk)
    return render(
        request,
        "placements/transitional/assignment.html",
        {
            "assignment": assignment,
            "end_form": end_form,
            "change_form": change_form,
            "can_change": permissions.can_change_assignment(request.user, assignment),
        },
    )


# --- Payroll (program admins) -----------------------------------------------------------


@role_required(Role.ADMIN)
def payroll_periods(request):
    form = PayPeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pay_period_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The pay period is added."))
            return redirect("placements:transitional-payroll")
    page = Paginator(selectors.pay_periods_visible_to(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    for period in page:
        period.can_start_run = permissions.can_start_run(request.user, period, today=today)
    return render(request, "placements/transitional/payroll.html", {"form": form, "periods": page})


@require_POST
@role_required(Role.ADMIN)
def payroll_run_start(request, period_id):
    period = selectors.pay_periods_visible_to(user=request.user).filter(pk=period_id).first()
    if period is None:
        raise Http404
    try:
        run = services.payroll_run_create(actor=request.user, period=period)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("placements:transitional-payroll")
    messages.success(request, _("The payroll run is ready for review."))
    return redirect("placements:transitional-run", run_id=run.pk)


@role_required(Role.ADMIN)
def payroll_run(request, run_id):
    """Review a run: totals, anomalies, stubs; review, approve, recalculate, export;
    adjustments once approved."""
    run = selectors.payroll_run_get(user=request.user, run_id=run_id)
    stubs = list(run.stubs.select_related("participant"))
    # A correction is for someone who has been on a crew, not any of 50,000 people.
    crew_people = Participant.objects.filter(work_assignments__isnull=False).distinct()
    adjustment_form = AdjustmentForm(
        request.POST if request.method == "POST" else None, people=crew_people
    )
    if request.method == "POST" and adjustment_form.is_valid():
        try:
            services.pay_adjustment_create(
                actor=request.user,
                corrects_run=run,
                participant=crew_people.get(pk=adjustment_form.cleaned_data["participant"]),
                amount=adjustment_form.cleaned_data["amount"],
                hours=adjustment_form.cleaned_data["hours"] or 0,
                reason=adjustment_form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            show_error_on_form(adjustment_form, error)
        else:
            messages.success(request, _("The adjustment will be paid in the next run."))
            return redirect("placements:transitional-run", run_id=run.pk)
    return render(
        request,
        "placements/transitional/run.html",
        {
            "run": run,
            "stubs": stubs,
            "anomalies": selectors.payroll_run_anomalies(run=run),
            "corrections": run.corrections.select_related("participant"),
            "adjustment_form": adjustment_form,
            "can_review": permissions.can_review_run(request.user, run),
            "can_approve": permissions.can_approve_run(request.user, run),
            "can_recalculate": permissions.can_recalculate_run(request.user, run),
            "can_export": permissions.can_export_run(request.user, run),
            "can_adjust": permissions.can_adjust_run(request.user, run),
        },
    )


# Lazy: built once at import, shown in each request's language.
ACTIONS = {
    "review": (services.payroll_run_review, gettext_lazy("The run is marked reviewed.")),
    "approve": (services.payroll_run_approve, gettext_lazy("The run is approved and locked.")),
    "recalculate": (services.payroll_run_recalculate, gettext_lazy("The run is built again.")),
}


@require_POST
@role_required(Role.ADMIN)
def payroll_run_action(request, run_id, action):
    if action not in ACTIONS:
        raise Http404
    service, done = ACTIONS[action]
    run = selectors.payroll_run_get(user=request.user, run_id=run_id)
    try:
        service(actor=request.user, run=run)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("placements:transitional-run", run_id=run.pk)


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def payroll_run_export(request, run_id):
    """POST (the button, with the CSRF token) exports the run: marks it exported, once,
    and sends the CSV; a link or a prefetch can never spend the one export. GET downloads
    the file of a run already exported again and changes nothing."""
    run = selectors.payroll_run_get(user=request.user, run_id=run_id)
    service = (
        services.payroll_run_export
        if request.method == "POST"
        else services.payroll_run_export_download
    )
    try:
        body = service(actor=request.user, run=run)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("placements:transitional-run", run_id=run.pk)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payroll-run-{run.pk}.csv"'
    return response


# --- Pay stubs --------------------------------------------------------------------------


@login_required
def pay_stub(request, stub_id):
    stub = selectors.pay_stub_get(user=request.user, stub_id=stub_id)
    return render(
        request,
        "placements/transitional/stub.html",
        {"stub": stub, "entries": selectors.stub_entries(stub=stub).order_by("work_date")},
    )


@login_required
def pay_stub_pdf(request, stub_id):
    stub = selectors.pay_stub_get(user=request.user, stub_id=stub_id)
    response = HttpResponse(pay_stub_pdf_bytes(stub), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pay-stub-{stub.pk}.pdf"'
    return response


# --- The participant's own pages --------------------------------------------------------


def _me(request):
    participant = selectors.participant_of(request.user)
    if participant is None:
        raise Http404
    return participant


@role_required(Role.PARTICIPANT)
def my_hours(request):
    participant = _me(request)
    entries = Paginator(
        selectors.time_entries_visible_to(user=request.user).order_by("-work_date", "clock_in"), 30
    )
    return render(
        request,
        "placements/transitional/my_hours.html",
        {
            "entries": entries.get_page(request.GET.get("page")),
            "summary": selectors.my_hours_summary(
                participant=participant, today=timezone.localdate()
            ),
            "hours_chart": charts.hours_chart(
                trends.hours_and_pay_per_week(participant=participant, today=timezone.localdate())
            ),
        },
    )


@role_required(Role.PARTICIPANT)
def my_ratings(request):
    participant = _me(request)
    ratings = Paginator(selectors.ratings_visible_to(user=request.user).order_by("-work_date"), 30)
    return render(
        request,
        "placements/transitional/my_ratings.html",
        {
            "ratings": ratings.get_page(request.GET.get("page")),
            "summary": selectors.readiness_summaries(participant_ids=[participant.pk]).get(
                participant.pk
            ),
        },
    )


@role_required(Role.PARTICIPANT)
def my_pay(request):
    _me(request)
    stubs = Paginator(
        selectors.pay_stubs_visible_to(user=request.user).order_by("-run__period__pay_date"), 30
    )
    return render(
        request,
        "placements/transitional/my_pay.html",
        {"stubs": stubs.get_page(request.GET.get("page"))},
    )
