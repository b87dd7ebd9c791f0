"""Demo data of the fairs area, and its pages in Spanish."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from placements.models import FairRegistration, InterviewBooking, InterviewSlot
from tests.factories.fairs import RegistrationFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(FairRegistration.objects.values_list("id", "status", "shares_profile")),
        sorted(InterviewSlot.objects.values_list("id", "status", "starts_at")),
        sorted(InterviewBooking.objects.values_list("id", "status")),
    )


def test_demo_rsvps_and_slots_and_twice_changes_nothing():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    registrations = FairRegistration.objects.select_related("fair", "participant")
    assert registrations.filter(shares_profile=True).count() >= 2
    assert registrations.filter(status="checked_in").exists()
    # Pat (the demo participant login) is left to try the RSVP form.
    assert not registrations.filter(participant__user__username="participant").exists()
    facility = registrations.get(fair__kind="facility")
    assert facility.participant.release_date > facility.created_at.date()
    assert InterviewSlot.objects.filter(fair=facility.fair).count() >= 2
    assert InterviewBooking.objects.get().participant == facility.participant
    # The demo facilitator works both demo fairs (their check-in list shows everyone).
    for fair in {registration.fair for registration in registrations}:
        assert fair.staff_working.filter(username="facilitator").exists()
    before = snapshot()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert snapshot() == before


def test_check_in_page_in_spanish(client, staff_user, fair):
    RegistrationFactory(fair=fair)
    fair.staff_working.add(staff_user)
    client.force_login(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(reverse("placements:fair-check-in", args=[fair.pk])).content.decode()
    assert "Registrar llegada" in page
    assert "Sin inscripción: inscribir y registrar la llegada" in page


def test_rsvp_page_in_spanish(client, participant, person, fair):
    client.force_login(participant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(reverse("placements:fair-rsvp", args=[fair.pk])).content.decode()
    assert "Compartir mi perfil y mi currículum con los empleadores de esta feria" in page
