"""Services of the fairs area: every rule, and bad input that changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from employers.models import BoothStatus, FairKind, FairStatus
from jobseekers.models import Consent
from jobseekers.selectors import consent_in_force
from placements.fairs.exceptions import (
    AlreadyRegisteredError,
    CheckInClosedError,
    FairFullError,
    InterviewOverlapError,
    NoConfirmedBoothError,
    NotPreReleaseError,
    NotReleasedByFairError,
    NotSharingError,
    RegistrationClosedError,
    SlotClosedError,
    SlotTakenError,
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
from placements.models import (
    BookingStatus,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
    RegistrationStatus,
    SlotStatus,
)
from portal.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from portal.core.models import AuditEvent
from portal.core.transitions import InvalidTransition
from tests.factories.employers import FairFactory, MembershipFactory
from tests.factories.fairs import (
    BookingFactory,
    ConfirmedBoothFactory,
    RegistrationFactory,
    SlotFactory,
)
from tests.factories.jobseekers import ParticipantFactory

from .conftest import FAIR_CONSENT, give_consent


def today_fair(**kwargs):
    """A fair happening now (started an hour ago, ends in three)."""
    start = timezone.now() - dt.timedelta(hours=1)
    return FairFactory(starts_at=start, ends_at=start + dt.timedelta(hours=4), **kwargs)


# --- RSVP -------------------------------------------------------------------------------


def test_participant_rsvps_with_opt_in_recorded_as_the_fair_consent(fair, person, participant):
    registration = fair_register(
        fair=fair, participant=person, actor=participant, share_profile=True
    )

    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.shares_profile is True
    assert registration.registered_by == participant
    assert consent_in_force(participant=person, kind=FAIR_CONSENT)
    assert AuditEvent.objects.filter(action="fair_registration.created").count() == 1


def test_opt_in_adds_no_second_consent_row_when_already_given(fair, person, participant):
    give_consent(person)
    fair_register(fair=fair, participant=person, actor=participant, share_profile=True)
    assert Consent.objects.filter(participant=person, kind=FAIR_CONSENT).count() == 1


def test_rsvp_without_opt_in_gives_no_consent(fair, person, participant):
    fair_register(fair=fair, participant=person, actor=participant, share_profile=False)
    assert not Consent.objects.filter(participant=person).exists()


def test_caseload_staff_and_admin_rsvp_for_a_participant(fair, person, staff_user, admin_user):
    assert fair_register(fair=fair, participant=person, actor=staff_user, share_profile=False)
    other = ParticipantFactory()
    assert fair_register(fair=fair, participant=other, actor=admin_user, share_profile=False)


@pytest.mark.parametrize("who", ["other_staff", "other_participant", "employer_user"])
def test_someone_else_gets_not_found_and_nothing_is_saved(request, fair, person, who):
    actor = (
        request.getfixturevalue("other_person").user
        if who == "other_participant"
        else request.getfixturevalue(who)
    )
    with pytest.raises(NotFoundError):
        fair_register(fair=fair, participant=person, actor=actor, share_profile=True)
    assert not FairRegistration.objects.exists()
    assert not Consent.objects.exists()


def test_rsvp_after_the_deadline_is_refused(person, participant):
    fair = FairFactory(registration_deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(RegistrationClosedError, match="closed on"):
        fair_register(fair=fair, participant=person, actor=participant, share_profile=True)
    assert not FairRegistration.objects.exists()
    assert not Consent.objects.exists()


@pytest.mark.parametrize("status", [FairStatus.DRAFT, FairStatus.CANCELLED, FairStatus.COMPLETED])
def test_rsvp_to_a_fair_not_published_is_refused(person, participant, status):
    fair = FairFactory(status=status)
    with pytest.raises(RegistrationClosedError, match="not taking RSVPs"):
        fair_register(fair=fair, participant=person, actor=participant, share_profile=False)
    assert not FairRegistration.objects.exists()


def test_rsvp_twice_is_refused(fair, person, participant):
    fair_register(fair=fair, participant=person, actor=participant, share_profile=False)
    with pytest.raises(AlreadyRegisteredError):
        fair_register(fair=fair, participant=person, actor=participant, share_profile=True)
    assert FairRegistration.objects.count() == 1


def test_full_fair_refuses_the_next_rsvp_with_a_clear_message(person, participant):
    fair = FairFactory(participant_capacity=1)
    RegistrationFactory(fair=fair)
    with pytest.raises(FairFullError, match="full"):
        fair_register(fair=fair, participant=person, actor=participant, share_profile=False)
    assert FairRegistration.objects.count() == 1


def test_a_cancelled_rsvp_frees_its_place_and_the_person_may_rsvp_again(person, participant):
    fair = FairFactory(participant_capacity=1)
    first = fair_register(fair=fair, participant=person, actor=participant, share_profile=False)
    fair_registration_cancel(registration=first, actor=participant)
    again = fair_register(fair=fair, participant=person, actor=participant, share_profile=False)
    assert again.pk != first.pk


def test_facility_fair_is_for_pre_release_participants_only(participant, staff_user):
    fair = FairFactory(kind=FairKind.FACILITY)
    released = ParticipantFactory(facilitator=staff_user)
    unknown = ParticipantFactory(facilitator=staff_user, release_date=None)
    inside = ParticipantFactory(
        facilitator=staff_user, release_date=timezone.localdate() + dt.timedelta(days=40)
    )
    for someone in (released, unknown):
        with pytest.raises(NotPreReleaseError):
            fair_register(fair=fair, participant=someone, actor=staff_user, share_profile=False)
    assert not FairRegistration.objects.exists()
    assert fair_register(fair=fair, participant=inside, actor=staff_user, share_profile=False)


def test_someone_still_inside_cannot_rsvp_for_a_community_fair_before_their_release(
    staff_user,
):
    fair = FairFactory(kind=FairKind.COMMUNITY)  # in 20 days
    fair_day = timezone.localdate(fair.ends_at)
    inside = ParticipantFactory(
        facilitator=staff_user,
        first_name="Rico",
        preferred_name="",
        release_date=fair_day + dt.timedelta(days=30),
    )
    with pytest.raises(NotReleasedByFairError) as error:
        fair_register(fair=fair, participant=inside, actor=staff_user, share_profile=True)
    assert error.value.code == "not_released_by_fair"
    assert "is not released until" in error.value.message
    assert "Virtual fairs and fairs inside the facility are open to them" in error.value.message
    assert not FairRegistration.objects.exists()
    assert not AuditEvent.objects.filter(action="fair_registration.created").exists()
    assert not Consent.objects.filter(participant=inside).exists()


@pytest.mark.parametrize(
    ("kind", "release_in_days"),
    [
        (FairKind.VIRTUAL, 30),  # a video fair reaches them inside
        (FairKind.FACILITY, 30),  # a fair inside the facility
        (FairKind.COMMUNITY, 0),  # released on the fair's day
        (FairKind.COMMUNITY, -5),  # out before the fair
    ],
)
def test_fairs_that_stay_open_to_someone_not_released_yet(staff_user, kind, release_in_days):
    fair = FairFactory(kind=kind)
    fair_day = timezone.localdate(fair.ends_at)
    inside = ParticipantFactory(
        facilitator=staff_user, release_date=fair_day + dt.timedelta(days=release_in_days)
    )
    assert fair_register(fair=fair, participant=inside, actor=staff_user, share_profile=False)


def test_walk_in_is_registered_and_checked_in_on_the_day_even_after_the_deadline(
    person, staff_user
):
    fair = today_fair()
    fair.staff_working.add(staff_user)
    registration = fair_register(
        fair=fair, participant=person, actor=staff_user, share_profile=False, walk_in=True
    )
    assert registration.status == RegistrationStatus.CHECKED_IN
    assert registration.walk_in and registration.checked_in_by == staff_user


def test_walk_in_before_the_day_or_by_a_participant_is_refused(
    fair, person, participant, staff_user
):
    fair.staff_working.add(staff_user)
    with pytest.raises(CheckInClosedError, match="day of the fair"):
        fair_register(
            fair=fair, participant=person, actor=staff_user, share_profile=False, walk_in=True
        )
    for actor in (participant, staff_user):
        # staff_user works `fair`, not this one: their caseload's walk-in is refused too.
        with pytest.raises(PermissionDeniedError):
            fair_register(
                fair=today_fair(),
                participant=person,
                actor=actor,
                share_profile=False,
                walk_in=True,
            )
    assert not FairRegistration.objects.exists()


# --- sharing, cancel, check-in ---------------------------------------------------------


def test_sharing_off_and_on(fair, person, participant):
    registration = RegistrationFactory(fair=fair, participant=person, shares_profile=False)
    fair_registration_sharing_set(registration=registration, actor=participant, share=True)
    registration.refresh_from_db()
    assert registration.shares_profile and consent_in_force(participant=person, kind=FAIR_CONSENT)
    fair_registration_sharing_set(registration=registration, actor=participant, share=False)
    registration.refresh_from_db()
    assert registration.shares_profile is False


def test_sharing_on_someone_elses_rsvp_is_not_found(fair, other_person, participant):
    registration = RegistrationFactory(fair=fair, participant=other_person)
    with pytest.raises(NotFoundError):
        fair_registration_sharing_set(registration=registration, actor=participant, share=True)
    registration.refresh_from_db()
    assert registration.shares_profile is False


def test_cancel_rsvp_cancels_its_interviews(fair, person, participant):
    registration = RegistrationFactory(fair=fair, participant=person, shares_profile=True)
    booking = BookingFactory(registration=registration, slot=SlotFactory(fair=fair))
    fair_registration_cancel(registration=registration, actor=participant)
    registration.refresh_from_db()
    booking.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert booking.status == BookingStatus.CANCELLED


def test_cancel_rules(fair, person, participant, other_staff):
    registration = RegistrationFactory(fair=fair, participant=person)
    with pytest.raises(NotFoundError):
        fair_registration_cancel(registration=registration, actor=other_staff)
    fair_registration_cancel(registration=registration, actor=participant)
    with pytest.raises(InvalidTransition, match="already cancelled"):
        fair_registration_cancel(registration=registration, actor=participant)
    checked = RegistrationFactory(participant=person, status=RegistrationStatus.CHECKED_IN)
    with pytest.raises(InvalidTransition, match="checked in"):
        fair_registration_cancel(registration=checked, actor=participant)
    started = RegistrationFactory(fair=today_fair(), participant=person)
    with pytest.raises(RegistrationClosedError, match="started"):
        fair_registration_cancel(registration=started, actor=participant)
    started.refresh_from_db()
    assert started.status == RegistrationStatus.REGISTERED


def test_check_in_on_the_day(person, staff_user, other_staff):
    registration = RegistrationFactory(fair=today_fair(), participant=person)
    # The person's own staff member does not work this fair: refused, nothing changes.
    with pytest.raises(PermissionDeniedError, match="staff working this fair"):
        fair_registration_check_in(registration=registration, actor=staff_user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED
    # Whoever works the fair checks people in, whoever's caseload they are on.
    registration.fair.staff_working.add(other_staff, staff_user)
    fair_registration_check_in(registration=registration, actor=other_staff)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CHECKED_IN
    assert registration.checked_in_by == other_staff
    with pytest.raises(InvalidTransition, match="already checked in"):
        fair_registration_check_in(registration=registration, actor=staff_user)


def test_check_in_refused_before_the_day_for_cancelled_rsvps_and_for_non_staff(
    fair, person, participant, staff_user
):
    fair.staff_working.add(staff_user)
    early = RegistrationFactory(fair=fair, participant=person)
    with pytest.raises(CheckInClosedError):
        fair_registration_check_in(registration=early, actor=staff_user)
    cancelled = RegistrationFactory(
        fair=today_fair(), participant=person, status=RegistrationStatus.CANCELLED
    )
    cancelled.fair.staff_working.add(staff_user)
    with pytest.raises(InvalidTransition, match="walk-in"):
        fair_registration_check_in(registration=cancelled, actor=staff_user)
    with pytest.raises(PermissionDeniedError):
        fair_registration_check_in(registration=early, actor=participant)
    assert not FairRegistration.objects.filter(status=RegistrationStatus.CHECKED_IN).exists()


# --- interview slots ------------------------------------------------------------------


def details(fair, *, minutes_in=30, length=20, mode="in_person", place="Table 4"):
    return SlotDetails(
        starts_at=fair.starts_at + dt.timedelta(minutes=minutes_in),
        length_minutes=length,
        mode=mode,
        place=place,
    )


def test_employer_with_a_confirmed_booth_offers_a_slot(fair, booth, employer, employer_user):
    slot = interview_slot_offer(
        fair=fair, employer=employer, details=details(fair), actor=employer_user
    )
    assert slot.status == SlotStatus.OPEN
    assert slot.ends_at - slot.starts_at == dt.timedelta(minutes=20)


def test_employer_without_a_confirmed_booth_cannot_offer_slots(fair, employer, employer_user):
    with pytest.raises(NoConfirmedBoothError):
        interview_slot_offer(
            fair=fair, employer=employer, details=details(fair), actor=employer_user
        )
    ConfirmedBoothFactory(fair=fair, employer=employer, status=BoothStatus.PENDING_PAYMENT)
    with pytest.raises(NoConfirmedBoothError):
        interview_slot_offer(
            fair=fair, employer=employer, details=details(fair), actor=employer_user
        )
    assert not InterviewSlot.objects.exists()


def test_slot_for_another_organization_is_not_found(fair, booth, employer, other_employer_user):
    with pytest.raises(NotFoundError):
        interview_slot_offer(
            fair=fair, employer=employer, details=details(fair), actor=other_employer_user
        )
    assert not InterviewSlot.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"minutes_in": -30}, "starts_at"),
        ({"minutes_in": 235}, "starts_at"),
        ({"length": 5}, "length_minutes"),
        ({"length": 240}, "length_minutes"),
        ({"mode": "video", "place": "zoom"}, "place"),
        ({"mode": "video", "place": "http://meet.example.org/x"}, "place"),
        ({"place": "  "}, "place"),
        ({"mode": "phone"}, "mode"),
    ],
)
def test_bad_slot_details_are_refused_per_field(
    fair, booth, employer, employer_user, kwargs, field
):
    with pytest.raises(ApplicationError) as error:
        interview_slot_offer(
            fair=fair, employer=employer, details=details(fair, **kwargs), actor=employer_user
        )
    assert field in error.value.fields
    assert not InterviewSlot.objects.exists()


def test_virtual_fair_takes_video_slots_only(employer, employer_user):
    fair = FairFactory(kind=FairKind.VIRTUAL)
    ConfirmedBoothFactory(fair=fair, employer=employer)
    with pytest.raises(ApplicationError, match="video"):
        interview_slot_offer(
            fair=fair, employer=employer, details=details(fair), actor=employer_user
        )
    slot = interview_slot_offer(
        fair=fair,
        employer=employer,
        details=details(fair, mode="video", place="https://meet.example.org/abc"),
        actor=employer_user,
    )
    assert slot.mode == "video"


def test_slot_at_a_draft_fair_is_refused(employer, employer_user):
    fair = FairFactory(status=FairStatus.DRAFT)
    ConfirmedBoothFactory(fair=fair, employer=employer)
    with pytest.raises(RegistrationClosedError):
        interview_slot_offer(
            fair=fair, employer=employer, details=details(fair), actor=employer_user
        )


def test_cancelling_a_slot_cancels_its_booking(fair, booth, employer, employer_user):
    booking = BookingFactory(slot=SlotFactory(fair=fair, employer=employer))
    interview_slot_cancel(slot=booking.slot, actor=employer_user)
    booking.refresh_from_db()
    assert booking.slot.status == SlotStatus.CANCELLED
    assert booking.status == BookingStatus.CANCELLED


def test_a_cancelled_interview_is_emailed_in_the_participant_s_language(
    fair, booth, employer, employer_user, mailoutbox, django_capture_on_commit_callbacks
):
    booking = BookingFactory(slot=SlotFactory(fair=fair, employer=employer))
    booking.participant.email = "rosa@example.org"
    booking.participant.preferred_language = "es"
    booking.participant.save()
    with django_capture_on_commit_callbacks(execute=True):
        interview_slot_cancel(slot=booking.slot, actor=employer_user)
    assert [mail.subject for mail in mailoutbox] == ["Su entrevista fue cancelada"]
    assert mailoutbox[0].to == ["rosa@example.org"]


def test_each_employer_member_hears_of_a_booking_in_their_language(
    slot,
    sharing,
    participant,
    employer,
    employer_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    employer_user.email = "erin@example.org"
    employer_user.preferred_language = "es"
    employer_user.save()
    colleague = MembershipFactory(employer=employer).user
    colleague.email = "sam@example.org"
    colleague.preferred_language = "en"
    colleague.save()
    with django_capture_on_commit_callbacks(execute=True):
        interview_book(slot=slot, registration=sharing, actor=participant)
    subjects = {mail.to[0]: mail.subject for mail in mailoutbox}
    assert subjects == {
        "erin@example.org": f"Se reservó una entrevista: {slot.fair.title}",
        "sam@example.org": f"An interview is booked: {slot.fair.title}",
    }


def test_another_employer_cannot_cancel_a_slot(fair, employer, other_employer_user):
    slot = SlotFactory(fair=fair, employer=employer)
    with pytest.raises(NotFoundError):
        interview_slot_cancel(slot=slot, actor=other_employer_user)
    slot.refresh_from_db()
    assert slot.status == SlotStatus.OPEN


# --- bookings -------------------------------------------------------------------------


@pytest.fixture
def sharing(fair, person):
    give_consent(person)
    return RegistrationFactory(fair=fair, participant=person, shares_profile=True)


@pytest.fixture
def slot(fair, booth, employer):
    return SlotFactory(fair=fair, employer=employer)


def test_participant_books_an_interview(slot, sharing, participant):
    booking = interview_book(slot=slot, registration=sharing, actor=participant)
    assert booking.status == BookingStatus.BOOKED
    assert booking.participant == sharing.participant


def test_caseload_staff_book_for_the_participant(slot, sharing, staff_user):
    assert interview_book(slot=slot, registration=sharing, actor=staff_user).booked_by == staff_user


def test_other_staff_cannot_book_for_someone_not_on_their_caseload(slot, sharing, other_staff):
    with pytest.raises(NotFoundError):
        interview_book(slot=slot, registration=sharing, actor=other_staff)
    assert not InterviewBooking.objects.exists()


def test_a_slot_is_booked_once(slot, sharing, participant, fair):
    other = ParticipantFactory()
    give_consent(other)
    interview_book(
        slot=slot,
        registration=RegistrationFactory(fair=fair, participant=other, shares_profile=True),
        actor=other.facilitator,
    )
    with pytest.raises(SlotTakenError):
        interview_book(slot=slot, registration=sharing, actor=participant)
    assert InterviewBooking.objects.count() == 1


def test_no_overlapping_interviews_for_one_person(slot, sharing, participant, fair, booth):
    interview_book(slot=slot, registration=sharing, actor=participant)
    overlapping = SlotFactory(
        fair=fair, starts_at=slot.starts_at + dt.timedelta(minutes=10), length_minutes=20
    )
    with pytest.raises(InterviewOverlapError, match="does not overlap"):
        interview_book(slot=overlapping, registration=sharing, actor=participant)
    right_after = SlotFactory(fair=fair, starts_at=slot.ends_at, length_minutes=20)
    assert interview_book(slot=right_after, registration=sharing, actor=participant)
    assert InterviewBooking.objects.count() == 2


def test_booking_needs_the_opt_in_and_the_consent_in_force(slot, sharing, participant, person):
    give_consent(person, given=False)
    with pytest.raises(NotSharingError):
        interview_book(slot=slot, registration=sharing, actor=participant)
    give_consent(person)
    sharing.shares_profile = False
    sharing.save()
    with pytest.raises(NotSharingError):
        interview_book(slot=slot, registration=sharing, actor=participant)
    assert not InterviewBooking.objects.exists()


def test_booking_a_cancelled_slot_or_with_a_cancelled_rsvp_is_refused(slot, sharing, participant):
    slot.status = SlotStatus.CANCELLED
    slot.save()
    with pytest.raises(SlotClosedError):
        interview_book(slot=slot, registration=sharing, actor=participant)
    slot.status = SlotStatus.OPEN
    slot.save()
    sharing.status = RegistrationStatus.CANCELLED
    sharing.save()
    with pytest.raises(RegistrationClosedError):
        interview_book(slot=slot, registration=sharing, actor=participant)
    assert not InterviewBooking.objects.exists()


def test_slot_of_another_fair_is_not_found(sharing, participant, employer):
    elsewhere = SlotFactory(employer=employer)
    with pytest.raises(NotFoundError):
        interview_book(slot=elsewhere, registration=sharing, actor=participant)


def test_booking_cancel_by_participant_or_slot_employer_only(
    slot, sharing, participant, employer_user, other_employer_user
):
    booking = interview_book(slot=slot, registration=sharing, actor=participant)
    with pytest.raises(NotFoundError):
        interview_booking_cancel(booking=booking, actor=other_employer_user)
    interview_booking_cancel(booking=booking, actor=employer_user)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    with pytest.raises(InvalidTransition):
        interview_booking_cancel(booking=booking, actor=participant)
    # The slot is free again.
    assert interview_book(slot=slot, registration=sharing, actor=participant)
