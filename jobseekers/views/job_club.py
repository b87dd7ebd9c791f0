"""Job club pages for staff: the sessions, scheduling one, and taking attendance from a
phone."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required

from .. import selectors, services
from ..forms import AttendanceForm, SessionForm


@role_required(Role.STAFF)
def sessions(request):
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.job_club_session_create(
                actor=request.user,
                starts_at=form.starts_at(),
                place=form.cleaned_data["place"],
                topic=form.cleaned_data["topic"],
                capacity=form.cleaned_data["capacity"],
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect("jobseekers:job-club-session", session_id=session.pk)
    upcoming = selectors.job_club_sessions_for(user=request.user, upcoming=True)
    past = Paginator(selectors.job_club_sessions_for(user=request.user, upcoming=False), 20)
    return render(
        request,
        "jobseekers/staff/job_club.html",
        {
            "form": form,
            "upcoming": upcoming[:50],
            "past": past.get_page(request.GET.get("page")),
        },
    )


@role_required(Role.STAFF)
def session_attendance(request, session_id):
    """One session: mark each person of the caseload present, absent or excused."""
    session = selectors.job_club_session_get_for_staff(user=request.user, session_id=session_id)
    roster = selectors.session_roster(session=session, user=request.user)
    form = AttendanceForm(request.POST if request.method == "POST" else None, roster=roster)
    if request.method == "POST" and form.is_valid():
        try:
            for participant, status, note in form.marks():
                services.attendance_record(
                    session=session,
                    actor=request.user,
                    participant=participant,
                    status=status,
                    note=note,
                )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("Attendance is saved."))
            return redirect("jobseekers:job-club-session", session_id=session.pk)
    return render(
        request,
        "jobseekers/staff/session.html",
        {"session": session, "form": form, "roster": roster},
    )
