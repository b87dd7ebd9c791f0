"""Reads of the fairs area, scoped to who asks (someone else's row is simply not in the
queryset, so it is a 404). The `can_*` predicates are in permissions.py.

Who sees what (DESIGN.md, "Roles and what each may see"):

- a participant: their own RSVPs and bookings, and the open interview times of a fair
  they registered for;
- staff: the RSVPs of their caseload; the staff assigned to work a fair (and admins)
  every RSVP of it, for the check-in at the door (name and status only); the details of
  an RSVP (and booking for someone) only for their caseload, admins for all;
- an employer with a *confirmed* booth at the fair: the people who RSVP'd, chose to share
  their profile with this fair's employers, and whose fair consent is in force *now*
  (read in the same query, so a withdrawal hides them at once): a profile summary and
  their latest résumé version, never record, supervision or notes.
"""

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from employers.models import BoothStatus, FairBooth, FairStatus, HiringFair
from employers.permissions import employer_id_of
from employers.selectors import fairs_visible_to
from jobseekers.models import (
    Consent,
    ConsentKind,
    Participant,
    ParticipantStatus,
    ResumeVersion,
)
from jobseekers.selectors import CaseloadFilters, caseload_for, participants_visible_to
from placements.fairs.models import (
    REGISTRATION_ACTIVE,
    BookingStatus,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
    RegistrationStatus,
    SlotStatus,
)
from placements.fairs.permissions import (
    can_act_for,
    can_cancel_booking,
    can_check_in,
    can_manage_slot,
)
from portal.core.models import User
from portal.core.permissions import is_staff_member

FAIR_CONSENT = ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS


def employer_has_confirmed_booth(*, employer_id: int | None, fair_id: int) -> bool:
    """Whether the employer's booth at the fair is confirmed (its fee paid)."""
    if employer_id is None:
        return False
    return FairBooth.objects.filter(
        fair_id=fair_id, employer_id=employer_id, status=BoothStatus.CONFIRMED
    ).exists()


# --- fairs ----------------------------------------------------------------------------


def fair_get_for_user(*, user: User, pk) -> HiringFair:
    """A fair the user may see (published ones; staff: any), or Http404. For staff the
    fair comes with its `staff_working` (read by `can_check_in`)."""
    fairs = fairs_visible_to(user=user)
    if is_staff_member(user):
        fairs = fairs.prefetch_related("staff_working")
    fair = fairs.filter(pk=pk).first()
    if fair is None:
        raise Http404
    return fair


def fair_get_for_booth_employer(*, user: User, pk) -> HiringFair:
    """A fair where the user's organization has a confirmed booth, or Http404 (another
    employer, a booth not paid yet, anyone else)."""
    fair = HiringFair.objects.filter(
        pk=pk,
        booths__employer_id=employer_id_of(user) or 0,
        booths__status=BoothStatus.CONFIRMED,
    ).first()
    if fair is None:
        raise Http404
    return fair


def _fair_consent_given(participant_ref: str = "participant_id") -> Subquery:
    """The participant's fair consent as it stands now: the newest row of that kind."""
    return Subquery(
        Consent.objects.filter(participant=OuterRef(participant_ref), kind=FAIR_CONSENT)
        .order_by("-recorded_at", "-id")
        .values("given")[:1]
    )


# --- registrations --------------------------------------------------------------------


def registration_get_for_user(*, user: User, pk) -> FairRegistration:
    """An RSVP of a participant the user may act for (self, caseload, admin), or Http404."""
    try:
        return (
            FairRegistration.objects.select_related("fair", "participant")
            .filter(participant__in=participants_visible_to(user=user).values("pk"))
            .get(pk=int(pk))
        )
    except (FairRegistration.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def registration_get_for_check_in(*, user: User, pk) -> FairRegistration:
    """An RSVP to check in: any of a fair the user works (admins: any fair), or one the
    user may act for (the service then refuses a check-in by someone not working the
    fair). Http404 for anyone else."""
    try:
        registration = (
            FairRegistration.objects.select_related("fair", "participant")
            .prefetch_related("fair__staff_working")
            .get(pk=int(pk))
        )
    except (FairRegistration.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    if can_check_in(user, registration.fair) or can_act_for(user, registration.participant):
        return registration
    raise Http404


def registration_active_of(
    *, fair: HiringFair, participant: Participant
) -> FairRegistration | None:
    return (
        FairRegistration.objects.filter(
            fair=fair, participant=participant, status__in=REGISTRATION_ACTIVE
        )
        .select_related("fair", "participant")
        .first()
    )


def registrations_of_fair(*, user: User, fair: HiringFair) -> QuerySet[FairRegistration]:
    """The RSVP list of a fair (cancelled last): admins and the staff working the fair
    every RSVP (for the door: names and status), other staff their caseload's, a
    participant their own, anyone else none. Fixed number of queries whatever its
    length."""
    registrations = FairRegistration.objects.filter(fair=fair).select_related(
        "participant", "checked_in_by"
    )
    if is_staff_member(user):
        if not can_check_in(user, fair):
            registrations = registrations.filter(
                participant__in=participants_visible_to(user=user).values("pk")
            )
        return registrations.annotate(
            is_cancelled=ExpressionWrapper(
                Q(status=RegistrationStatus.CANCELLED), output_field=BooleanField()
            ),
        ).order_by("is_cancelled", "participant__last_name", "participant__first_name", "id")
    if user.is_authenticated and user.is_participant:
        return registrations.filter(participant__user=user).order_by("-created_at", "-id")
    return FairRegistration.objects.none()


def registrations_of_participant_user(*, user: User) -> QuerySet[FairRegistration]:
    """A signed-in participant's RSVPs to fairs that are not over, soonest first."""
    if not (user.is_authenticated and user.is_participant):
        return FairRegistration.objects.none()
    return (
        FairRegistration.objects.filter(
            participant__user=user,
            status__in=REGISTRATION_ACTIVE,
            fair__ends_at__gte=timezone.now(),
        )
        .exclude(fair__status=FairStatus.CANCELLED)
        .select_related("fair")
        .order_by("fair__starts_at", "id")
    )


def bookings_of_participant_user(*, user: User) -> QuerySet[InterviewBooking]:
    """A signed-in participant's booked interviews that have not ended."""
    if not (user.is_authenticated and user.is_participant):
        return InterviewBooking.objects.none()
    return (
        InterviewBooking.objects.filter(
            participant__user=user,
            status=BookingStatus.BOOKED,
            slot__ends_at__gte=timezone.now(),
        )
        .select_related("slot__employer", "slot__fair")
        .order_by("slot__starts_at", "id")
    )


def bookings_of_registration(*, registration: FairRegistration) -> QuerySet[InterviewBooking]:
    return (
        registration.bookings.filter(status=BookingStatus.BOOKED)
        .select_related("slot__employer")
        .order_by("slot__starts_at", "id")
    )


def open_slots_of_fair(*, fair: HiringFair) -> QuerySet[InterviewSlot]:
    """Interview times still free at a fair (offered, in the future, not booked), with
    their employer: what a participant who shares their profile may book."""
    taken = InterviewBooking.objects.filter(slot=OuterRef("pk"), status=BookingStatus.BOOKED)
    return (
        InterviewSlot.objects.filter(
            fair=fair, status=SlotStatus.OPEN, starts_at__gt=timezone.now()
        )
        .exclude(Exists(taken))
        .select_related("employer")
        .order_by("starts_at", "employer__display_name", "id")
    )


# --- what an employer with a confirmed booth sees -------------------------------------


def attendees_for_employer(*, user: User, fair: HiringFair) -> QuerySet[FairRegistration]:
    """The people an employer may see at a fair: active RSVPs that share their profile
    with the fair's employers and whose fair consent is in force now. Only for a member
    of an organization with a confirmed booth at the fair (anyone else: none).

    Each row has `participant` (with `skills` prefetched) and `latest_resume_version_id`
    (the newest saved version of any of their résumés, or None). Two queries whatever
    the length (plus one for the booth check)."""
    if not employer_has_confirmed_booth(employer_id=employer_id_of(user), fair_id=fair.pk):
        return FairRegistration.objects.none()
    latest_version = (
        ResumeVersion.objects.filter(resume__participant=OuterRef("participant_id"))
        .order_by("-created_at", "-id")
        .values("pk")[:1]
    )
    return (
        FairRegistration.objects.filter(
            fair=fair, status__in=REGISTRATION_ACTIVE, shares_profile=True
        )
        .annotate(consent_given=_fair_consent_given(), latest_resume_version_id=latest_version)
        .filter(consent_given=True)
        .select_related("participant")
        .prefetch_related("participant__skills")
        .order_by("participant__last_name", "participant__first_name", "id")
    )


def attendee_resume_version(*, user: User, fair: HiringFair, registration_pk) -> ResumeVersion:
    """The latest résumé version of one attendee the employer may see, or Http404 (no
    consent any more, no résumé, not sharing, another fair)."""
    try:
        attendee = attendees_for_employer(user=user, fair=fair).get(pk=int(registration_pk))
    except (FairRegistration.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    if attendee.latest_resume_version_id is None:
        raise Http404
    return ResumeVersion.objects.select_related("resume").get(pk=attendee.latest_resume_version_id)


def slots_of_employer(*, user: User, fair: HiringFair) -> QuerySet[InterviewSlot]:
    """The user's organization's interview times at a fair (cancelled ones too), each
    with `live_bookings` (0 or 1 booking) whose `consent_given` says whether the person
    may still be shown to the employer. Fixed number of queries."""
    own = employer_id_of(user)
    if own is None:
        return InterviewSlot.objects.none()
    return (
        InterviewSlot.objects.filter(fair=fair, employer_id=own)
        .prefetch_related(_live_bookings())
        .order_by("starts_at", "id")
    )


def _live_bookings() -> Prefetch:
    live = (
        InterviewBooking.objects.filter(status=BookingStatus.BOOKED)
        .select_related("participant", "registration")
        .annotate(consent_given=_fair_consent_given())
    )
    return Prefetch("bookings", queryset=live, to_attr="live_bookings")


def slots_visible_to(*, user: User, fair: HiringFair) -> QuerySet[InterviewSlot]:
    """For the API's slot list: staff every slot of the fair; an employer its own; a
    participant with an active RSVP the free ones; anyone else none."""
    if is_staff_member(user):
        return (
            InterviewSlot.objects.filter(fair=fair)
            .select_related("employer")
            .prefetch_related(_live_bookings())
            .order_by("starts_at", "id")
        )
    if employer_id_of(user) is not None:
        return slots_of_employer(user=user, fair=fair).select_related("employer")
    if (
        user.is_authenticated
        and user.is_participant
        and FairRegistration.objects.filter(
            fair=fair, participant__user=user, status__in=REGISTRATION_ACTIVE
        ).exists()
    ):
        return open_slots_of_fair(fair=fair)
    return InterviewSlot.objects.none()


def slot_get_for_user(*, user: User, pk) -> InterviewSlot:
    """An interview slot the user may act on: its employer's members and staff any; a
    participant (or their staff) one at a fair they have an active RSVP for. Http404
    otherwise."""
    try:
        slot = InterviewSlot.objects.select_related("fair", "employer").get(pk=int(pk))
    except (InterviewSlot.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    if can_manage_slot(user, slot):
        return slot
    if (
        user.is_authenticated
        and user.is_participant
        and FairRegistration.objects.filter(
            fair_id=slot.fair_id, participant__user=user, status__in=REGISTRATION_ACTIVE
        ).exists()
    ):
        return slot
    raise Http404


def booking_get_for_user(*, user: User, pk) -> InterviewBooking:
    """A live booking the user may cancel: the participant, their caseload staff, an
    admin, or a member of the slot's employer. Http404 otherwise."""
    try:
        booking = InterviewBooking.objects.select_related(
            "slot__employer", "slot__fair", "participant"
        ).get(pk=int(pk))
    except (InterviewBooking.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    if can_cancel_booking(user, booking):
        return booking
    raise Http404


def booking_live_of_slot(*, slot: InterviewSlot) -> InterviewBooking | None:
    return (
        slot.bookings.filter(status=BookingStatus.BOOKED)
        .select_related("participant", "slot__employer", "slot__fair")
        .first()
    )


def upcoming_fairs_with_confirmed_booth(*, user: User) -> QuerySet[HiringFair]:
    """Fairs not over where the user's organization has a confirmed booth."""
    own = employer_id_of(user)
    if own is None:
        return HiringFair.objects.none()
    return HiringFair.objects.filter(
        booths__employer_id=own,
        booths__status=BoothStatus.CONFIRMED,
        ends_at__gte=timezone.now(),
    ).order_by("starts_at", "id")


# How many people the RSVP and walk-in pickers list at once (a phone-sized list); a
# search by name or phone narrows it, as on the caseload page.
PARTICIPANT_CHOICES_SHOWN = 50


def caseload_choices(*, user: User, search: str = "") -> QuerySet[Participant]:
    """Who a staff member may pick on the RSVP and walk-in forms: the active (or placed)
    participants they may see, as on the caseload page (staff their own caseload, admins
    everyone), narrowed by `search` (name or phone) the same way. Unsliced: the forms
    check a posted id against it."""
    if not is_staff_member(user):
        return Participant.objects.none()
    return (
        caseload_for(user=user, filters=CaseloadFilters(search=search))
        .filter(status__in=(ParticipantStatus.ACTIVE, ParticipantStatus.PLACED))
        .order_by("last_name", "first_name", "id")
    )


def caseload_choices_shown(*, user: User, search: str = "") -> tuple[list[Participant], bool]:
    """The first PARTICIPANT_CHOICES_SHOWN of `caseload_choices` (one query) and whether
    there are more (then the page asks for a few letters of the name)."""
    rows = list(caseload_choices(user=user, search=search)[: PARTICIPANT_CHOICES_SHOWN + 1])
    return rows[:PARTICIPANT_CHOICES_SHOWN], len(rows) > PARTICIPANT_CHOICES_SHOWN
