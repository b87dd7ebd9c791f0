"""The fairs area's predicates (placements/fairs/permissions.py), and the booleans the
check-in page gets from them instead of deciding in the template."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import FairKind
from placements.fairs.permissions import (
    can_act_for,
    can_act_for_everyone,
    can_attend,
    can_cancel_booking,
    can_check_in,
    can_manage_slot,
    can_rsvp,
    employer_sees_booked_person,
    is_pre_release,
)
from tests.factories.employers import FairFactory
from tests.factories.fairs import BookingFactory, RegistrationFactory, SlotFactory
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_who_acts_for_a_participant(
    person, participant, staff_user, other_staff, admin_user, employer_user, other_person
):
    assert can_act_for(participant, person)
    assert can_act_for(staff_user, person)
    assert can_act_for(admin_user, person)
    assert not can_act_for(other_staff, person)
    assert not can_act_for(employer_user, person)
    assert not can_act_for(other_person.user, person)
    assert can_act_for_everyone(admin_user)
    assert not can_act_for_everyone(staff_user)


def test_only_admins_and_the_staff_working_the_fair_check_in(
    fair, staff_user, other_staff, admin_user, participant, employer_user
):
    fair.staff_working.add(other_staff)
    fair = type(fair).objects.get(pk=fair.pk)
    assert can_check_in(other_staff, fair) and can_check_in(admin_user, fair)
    assert not can_check_in(staff_user, fair)
    assert not can_check_in(participant, fair) and not can_check_in(employer_user, fair)
    # Working one fair opens the door of that fair only.
    assert not can_check_in(other_staff, FairFactory())


def test_a_facility_fair_is_for_people_not_released_yet():
    facility = FairFactory(kind=FairKind.FACILITY)
    inside = ParticipantFactory(release_date=timezone.localdate() + dt.timedelta(days=30))
    released = ParticipantFactory(release_date=timezone.localdate() - dt.timedelta(days=30))
    unknown = ParticipantFactory(release_date=None)
    assert is_pre_release(inside) and not is_pre_release(released)
    assert can_attend(inside, facility)
    assert not can_attend(released, facility) and not can_attend(unknown, facility)
    assert can_attend(released, FairFactory(kind=FairKind.COMMUNITY))


def test_a_community_fair_is_for_people_out_by_its_last_day(participant):
    community = FairFactory(kind=FairKind.COMMUNITY)  # in 20 days
    inside = ParticipantFactory(
        user=participant, release_date=timezone.localdate() + dt.timedelta(days=30)
    )
    assert not can_attend(inside, community)
    assert can_attend(inside, FairFactory(kind=FairKind.VIRTUAL))
    assert can_attend(inside, FairFactory(kind=FairKind.FACILITY))
    # The predicate the fair page's RSVP button asks.
    assert can_rsvp(participant, community) is True  # without the record: status only
    assert not can_rsvp(participant, community, inside)


def test_slots_and_bookings_belong_to_their_employer(
    fair, employer, employer_user, other_employer_user, staff_user, participant, person
):
    slot = SlotFactory(fair=fair, employer=employer)
    assert can_manage_slot(employer_user, slot) and can_manage_slot(staff_user, slot)
    assert not can_manage_slot(other_employer_user, slot)
    assert not can_manage_slot(participant, slot)
    booking = BookingFactory(slot=slot, registration=RegistrationFactory(participant=person))
    assert can_cancel_booking(participant, booking) and can_cancel_booking(employer_user, booking)
    assert not can_cancel_booking(other_employer_user, booking)


def test_an_employer_sees_who_booked_only_while_they_share():
    booking = BookingFactory(registration=RegistrationFactory(shares_profile=True))
    booking.consent_given = True
    assert employer_sees_booked_person(booking)
    booking.consent_given = False
    assert not employer_sees_booked_person(booking)
    booking.consent_given = True
    booking.registration.shares_profile = False
    assert not employer_sees_booked_person(booking)


def test_the_door_list_links_only_the_rsvps_the_staff_member_acts_for(
    client, staff_user, admin_user, fair, person, other_person
):
    mine = RegistrationFactory(fair=fair, participant=person)
    theirs = RegistrationFactory(fair=fair, participant=other_person)
    fair.staff_working.add(staff_user)
    url = reverse("placements:fair-check-in", args=[fair.pk])

    def link(registration):
        return f'href="{reverse("placements:fair-registration", args=[registration.pk])}"'

    client.force_login(staff_user)
    page = client.get(url).content.decode()
    assert link(mine) in page
    # Working the fair, they see the name for check-in, never a way to the record.
    assert other_person.display_name in page and link(theirs) not in page
    assert "For someone on your caseload who did not RSVP." in page
    client.force_login(admin_user)
    page = client.get(url).content.decode()
    assert link(theirs) in page
    assert "For any active participant who did not RSVP." in page
