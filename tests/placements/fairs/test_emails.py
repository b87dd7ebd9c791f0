"""The fairs emails (templates under templates/placements/fairs/email/): the text each
reader receives, in their language, as plain text (no HTML escaping)."""

import pytest
from django.utils import formats, timezone, translation

from placements.fairs.services import interview_book, interview_slot_cancel
from tests.factories.fairs import BookingFactory, RegistrationFactory, SlotFactory

from .conftest import give_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def sharing(fair, person):
    give_consent(person)
    return RegistrationFactory(fair=fair, participant=person, shares_profile=True)


@pytest.fixture
def slot(fair, booth, employer):
    return SlotFactory(fair=fair, employer=employer)


def _when(moment, language):
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def test_the_cancelled_interview_email_reads_as_before(
    fair, booth, employer, employer_user, mailoutbox, django_capture_on_commit_callbacks
):
    employer.display_name = "Hope & Sons"
    employer.save()
    booking = BookingFactory(slot=SlotFactory(fair=fair, employer=employer))
    booking.participant.email = "rosa@example.org"
    booking.participant.preferred_language = "es"
    booking.participant.save()
    with django_capture_on_commit_callbacks(execute=True):
        interview_slot_cancel(slot=booking.slot, actor=employer_user)
    assert mailoutbox[0].body.strip() == (
        f"Hope & Sons canceló su entrevista en {fair.title} el "
        f"{_when(booking.slot.starts_at, 'es')}. Puede reservar otro horario en el portal."
    )


def test_nobody_is_emailed_without_an_address(
    fair, booth, employer, employer_user, mailoutbox, django_capture_on_commit_callbacks
):
    booking = BookingFactory(slot=SlotFactory(fair=fair, employer=employer))
    booking.participant.email = ""
    booking.participant.save()
    with django_capture_on_commit_callbacks(execute=True):
        interview_slot_cancel(slot=booking.slot, actor=employer_user)
    assert mailoutbox == []


def test_the_booked_interview_email_reads_as_before(
    slot,
    sharing,
    participant,
    person,
    employer_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    employer_user.email = "erin@example.org"
    employer_user.preferred_language = "en"
    employer_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        interview_book(slot=slot, registration=sharing, actor=participant)
    assert [mail.body for mail in mailoutbox] == [
        f"{person.display_name} booked your interview time on "
        f"{_when(slot.starts_at, 'en')} at {slot.fair.title}.\n"
    ]
