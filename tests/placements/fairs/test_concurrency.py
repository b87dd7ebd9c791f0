"""Races on PostgreSQL: the last place at a fair, one slot booked from two phones, one
person booked into two overlapping slots at once. SQLite has no row locks to race on."""

import threading

import pytest
from django.db import connection

from placements.fairs.exceptions import FairFullError, InterviewOverlapError, SlotTakenError
from placements.fairs.services import fair_register, interview_book
from placements.models import FairRegistration, InterviewBooking
from tests.factories.employers import FairFactory
from tests.factories.fairs import RegistrationFactory, SlotFactory
from tests.factories.jobseekers import ParticipantFactory

from .conftest import give_consent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")


def race(*calls) -> list[str]:
    """Run the calls at the same moment in threads; each returns a word or raises."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except (FairFullError, SlotTakenError, InterviewOverlapError) as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results)


def test_two_rsvps_for_the_last_place_one_wins():
    fair = FairFactory(participant_capacity=2)
    RegistrationFactory(fair=fair)
    people = [ParticipantFactory() for _ in range(2)]

    def rsvp(person):
        return lambda: (
            fair_register(
                fair=fair, participant=person, actor=person.facilitator, share_profile=False
            )
            and "registered"
        )

    assert race(*(rsvp(person) for person in people)) == ["fair_full", "registered"]
    assert FairRegistration.objects.filter(fair=fair).count() == 2


def test_one_slot_booked_from_two_phones_once():
    fair = FairFactory()
    slot = SlotFactory(fair=fair)
    registrations = []
    for _ in range(2):
        person = ParticipantFactory()
        give_consent(person)
        registrations.append(
            RegistrationFactory(fair=fair, participant=person, shares_profile=True)
        )

    def book(registration):
        return lambda: (
            interview_book(
                slot=slot, registration=registration, actor=registration.participant.facilitator
            )
            and "booked"
        )

    assert race(*(book(registration) for registration in registrations)) == [
        "booked",
        "slot_taken",
    ]
    assert InterviewBooking.objects.filter(slot=slot).count() == 1


def test_one_person_into_two_overlapping_slots_at_once_gets_one():
    fair = FairFactory()
    first = SlotFactory(fair=fair)
    second = SlotFactory(fair=fair, starts_at=first.starts_at)
    person = ParticipantFactory()
    give_consent(person)
    registration = RegistrationFactory(fair=fair, participant=person, shares_profile=True)

    def book(slot):
        return lambda: (
            interview_book(slot=slot, registration=registration, actor=person.facilitator)
            and "booked"
        )

    assert race(book(first), book(second)) == ["booked", "interview_overlap"]
    assert InterviewBooking.objects.filter(participant=person).count() == 1


def test_a_booking_cannot_slip_in_while_the_rsvp_is_being_cancelled():
    """One phone cancels the RSVP (which cancels its bookings) while another books an
    interview for it: the booking waits for the cancellation and is refused, so no live
    interview is left on a cancelled RSVP."""
    from django.db import transaction

    from placements.fairs.exceptions import RegistrationClosedError
    from placements.fairs.services import fair_registration_cancel
    from placements.models import BookingStatus, RegistrationStatus

    fair = FairFactory()
    slot = SlotFactory(fair=fair)
    person = ParticipantFactory()
    give_consent(person)
    registration = RegistrationFactory(fair=fair, participant=person, shares_profile=True)
    cancelling, booking_started = threading.Event(), threading.Event()
    outcome: list[str] = []

    def cancel():
        try:
            with transaction.atomic():
                fair_registration_cancel(registration=registration, actor=person.facilitator)
                cancelling.set()
                # Keep the cancellation open while the booking runs (it waits for the
                # RSVP's row once fixed; without the lock it would finish meanwhile).
                booking_started.wait(timeout=5)
                threading.Event().wait(0.5)
        finally:
            connection.close()

    def book():
        try:
            cancelling.wait(timeout=5)
            booking_started.set()
            interview_book(slot=slot, registration=registration, actor=person.facilitator)
            outcome.append("booked")
        except RegistrationClosedError as error:
            outcome.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel), threading.Thread(target=book)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert outcome == ["registration_closed"]
    assert not InterviewBooking.objects.filter(
        registration=registration, status=BookingStatus.BOOKED
    ).exists()
