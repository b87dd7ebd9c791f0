"""HTML pages of the fairs area: a participant's RSVP (opt-in, cancel, book an
interview), staff RSVP for their caseload and check-in at the door (works on a phone,
without JavaScript), and an employer's attendees and interview times."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.selectors import employer_of
from jobseekers.selectors import consent_in_force, participant_for_user_account
from placements.fairs import selectors
from placements.fairs.filters import CheckInFilter
from placements.fairs.forms import RsvpForm, SlotForm, StaffRsvpForm
from placements.fairs.permissions import (
    can_act_for,
    can_act_for_everyone,
    can_check_in,
    employer_sees_booked_person,
)
from placements.fairs.services import (
    SlotDetails,
    fair_register,
    fair_registration_cancel,
    fair_registration_check_in,
    fair_registration_sharing_set,
    interview_book,
    interview_booking_cancel,
    interview_slot_cancel,
    interview_slot_offer,
)
from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import is_staff_member, role_required


def _back(request, default: str) -> str:
    """The `next` address of a POST if it is one of ours, else `default`."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


# --- participant and staff: RSVP -------------------------------------------------------


@role_required(Role.PARTICIPANT, Role.STAFF)
def fair_rsvp(request, fair_pk):
    """RSVP to a fair: a participant for themself (with the opt-in), staff for someone on
    their caseload. A participant who already has an RSVP goes to it."""
    fair = selectors.fair_get_for_user(user=request.user, pk=fair_pk)
    staff = is_staff_member(request.user)
    participant = None if staff else participant_for_user_account(user=request.user)
    if not staff:
        if participant is None:
            raise Http404
        existing = selectors.registration_active_of(fair=fair, participant=participant)
        if existing is not None:
            return redirect("placements:fair-registration", pk=existing.pk)
    data = request.POST if request.method == "POST" else None
    who = request.GET.get("who", "").strip()[:100]
    more = False
    if staff:
        shown, more = selectors.caseload_choices_shown(user=request.user, search=who)
        form = StaffRsvpForm(
            data,
            participants=selectors.caseload_choices(user=request.user, search=who),
            shown=shown,
        )
    else:
        form = RsvpForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            registration = fair_register(
                fair=fair,
                participant=form.cleaned_data.get("participant") or participant,
                actor=request.user,
                share_profile=form.cleaned_data["share_profile"],
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The RSVP is saved. See you at the fair!"))
            return redirect("placements:fair-registration", pk=registration.pk)
    return render(
        request,
        "placements/fairs/rsvp.html",
        {"fair": fair, "form": form, "staff": staff, "who": who, "more_choices": more},
    )


def _registration_context(request, registration) -> dict:
    sharing_now = registration.shares_profile and consent_in_force(
        participant=registration.participant, kind=selectors.FAIR_CONSENT
    )
    can_book = registration.is_active and sharing_now
    return {
        "registration": registration,
        "fair": registration.fair,
        "sharing_now": sharing_now,
        "consent_withdrawn": registration.shares_profile and not sharing_now,
        "bookings": selectors.bookings_of_registration(registration=registration),
        "open_slots": selectors.open_slots_of_fair(fair=registration.fair) if can_book else [],
        "staff": is_staff_member(request.user),
        "can_check_in": can_check_in(request.user, registration.fair),
    }


@role_required(Role.PARTICIPANT, Role.STAFF)
def registration_detail(request, pk):
    """One RSVP: its state, the opt-in, cancel, booked interviews and the free times to
    book (for the participant, their caseload staff and admins; anyone else 404)."""
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "placements/fairs/registration.html",
        _registration_context(request, registration),
    )


def _registration_action(request, pk, action, success: str):
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    try:
        action(registration)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("placements:fair-registration", pk=registration.pk)


@role_required(Role.PARTICIPANT, Role.STAFF)
@require_POST
def registration_sharing(request, pk):
    share = request.POST.get("share") == "yes"
    return _registration_action(
        request,
        pk,
        lambda registration: fair_registration_sharing_set(
            registration=registration, actor=request.user, share=share
        ),
        _("The profile is now shared with this fair's employers.")
        if share
        else _("The profile is no longer shared with this fair's employers."),
    )


@role_required(Role.PARTICIPANT, Role.STAFF)
@require_POST
def registration_cancel(request, pk):
    return _registration_action(
        request,
        pk,
        lambda registration: fair_registration_cancel(
            registration=registration, actor=request.user
        ),
        _("The RSVP is cancelled."),
    )


@role_required(Role.PARTICIPANT, Role.STAFF)
@require_POST
def slot_book(request, pk):
    """Book an interview time for the RSVP named in the form (own, or caseload)."""
    slot = selectors.slot_get_for_user(user=request.user, pk=pk)
    registration = selectors.registration_get_for_user(
        user=request.user, pk=request.POST.get("registration")
    )
    try:
        interview_book(slot=slot, registration=registration, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The interview is booked."))
    return redirect("placements:fair-registration", pk=registration.pk)


@role_required(Role.PARTICIPANT, Role.STAFF, Role.EMPLOYER)
@require_POST
def booking_cancel(request, pk):
    booking = selectors.booking_get_for_user(user=request.user, pk=pk)
    try:
        interview_booking_cancel(booking=booking, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The interview is cancelled."))
    default = (
        reverse("placements:fair-attendees", args=[booking.slot.fair_id])
        if request.user.is_employer
        else reverse("placements:fair-registration", args=[booking.registration_id])
    )
    return redirect(_back(request, default))


# --- staff: check-in at the door --------------------------------------------------------


@role_required(Role.STAFF)
def fair_check_in(request, fair_pk):
    """The door list, for the staff working the fair and admins: every RSVP with a large
    "Check in" button, a name search, and the walk-in form (register and check in at
    once). Other staff see their caseload's RSVPs only, without the door's tools."""
    fair = selectors.fair_get_for_user(user=request.user, pk=fair_pk)
    at_the_door = can_check_in(request.user, fair)
    if request.method == "POST" and not at_the_door:
        raise PermissionDenied
    who = request.GET.get("who", "").strip()[:100]
    shown, more_choices = selectors.caseload_choices_shown(user=request.user, search=who)
    form = StaffRsvpForm(
        request.POST if request.method == "POST" else None,
        participants=selectors.caseload_choices(user=request.user, search=who),
        shown=shown,
        prefix="walk_in",
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = fair_register(
                fair=fair,
                participant=form.cleaned_data["participant"],
                actor=request.user,
                share_profile=form.cleaned_data["share_profile"],
                walk_in=True,
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered and checked in.")
                % {"name": registration.participant.display_name},
            )
            return redirect("placements:fair-check-in", fair_pk=fair.pk)
    door_list = CheckInFilter(
        request.GET, queryset=selectors.registrations_of_fair(user=request.user, fair=fair)
    )
    rows = list(door_list.qs)
    for row in rows:
        row.can_act = can_act_for(request.user, row.participant)
    return render(
        request,
        "placements/fairs/check_in.html",
        {
            "fair": fair,
            "registrations": rows,
            "checked_in": sum(row.status == "checked_in" for row in rows),
            "registered": sum(row.status != "cancelled" for row in rows),
            "search": request.GET.get("q", "").strip(),
            "search_errors": door_list.form["q"].errors,
            "acts_for_everyone": can_act_for_everyone(request.user),
            "at_the_door": at_the_door,
            "form": form,
            "who": who,
            "more_choices": more_choices,
        },
    )


@role_required(Role.STAFF)
@require_POST
def registration_check_in(request, pk):
    registration = selectors.registration_get_for_check_in(user=request.user, pk=pk)
    try:
        fair_registration_check_in(registration=registration, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is checked in.") % {"name": registration.participant.display_name},
        )
    url = reverse("placements:fair-check-in", args=[registration.fair_id])
    search = request.POST.get("q", "").strip()
    return redirect(f"{url}?{urlencode({'q': search})}" if search else url)


# --- employer: attendees and interview times ---------------------------------------------


@role_required(Role.EMPLOYER)
def fair_attendees(request, fair_pk):
    """For an organization with a confirmed booth: the people who RSVP'd and share their
    profile with the fair's employers, the form to offer an interview time, and the
    times offered with their bookings."""
    fair = selectors.fair_get_for_booth_employer(user=request.user, pk=fair_pk)
    form = SlotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            interview_slot_offer(
                fair=fair,
                employer=employer_of(user=request.user),
                details=SlotDetails(**form.cleaned_data),
                actor=request.user,
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The interview time is offered."))
            return redirect("placements:fair-attendees", fair_pk=fair.pk)
    slots = list(selectors.slots_of_employer(user=request.user, fair=fair))
    for slot in slots:
        for booking in slot.live_bookings:
            booking.shows_person = employer_sees_booked_person(booking)
    return render(
        request,
        "placements/fairs/attendees.html",
        {
            "fair": fair,
            "attendees": list(selectors.attendees_for_employer(user=request.user, fair=fair)),
            "slots": slots,
            "form": form,
        },
    )


@role_required(Role.EMPLOYER)
def attendee_resume(request, fair_pk, registration_pk):
    """The latest résumé version of an attendee who shares their profile (404 once they
    stop sharing or withdraw their consent)."""
    fair = selectors.fair_get_for_booth_employer(user=request.user, pk=fair_pk)
    version = selectors.attendee_resume_version(
        user=request.user, fair=fair, registration_pk=registration_pk
    )
    return render(
        request,
        "placements/fairs/attendee_resume.html",
        {"fair": fair, "version": version, "content": version.content},
    )


@role_required(Role.EMPLOYER, Role.STAFF)
@require_POST
def slot_cancel(request, pk):
    slot = selectors.slot_get_for_user(user=request.user, pk=pk)
    try:
        interview_slot_cancel(slot=slot, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The interview time is cancelled."))
    return redirect(_back(request, reverse("placements:fair-attendees", args=[slot.fair_id])))
