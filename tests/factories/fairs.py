"""Factories of the placements fairs area: RSVPs, interview slots and bookings."""

import datetime as dt

import factory

from employers.models import BoothStatus, FairBooth
from placements.models import (
    FairInterviewMode,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
    RegistrationStatus,
)
from tests.factories.employers import EmployerFactory, FairFactory
from tests.factories.jobseekers import ParticipantFactory


class ConfirmedBoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FairBooth

    fair = factory.SubFactory(FairFactory)
    employer = factory.SubFactory(EmployerFactory)
    status = BoothStatus.CONFIRMED
    fee = 0


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FairRegistration

    fair = factory.SubFactory(FairFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = RegistrationStatus.REGISTERED
    shares_profile = False


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewSlot

    fair = factory.SubFactory(FairFactory)
    employer = factory.SubFactory(EmployerFactory)
    starts_at = factory.LazyAttribute(lambda slot: slot.fair.starts_at + dt.timedelta(minutes=30))
    length_minutes = 20
    ends_at = factory.LazyAttribute(
        lambda slot: slot.starts_at + dt.timedelta(minutes=slot.length_minutes)
    )
    mode = FairInterviewMode.IN_PERSON
    place = "Table 4"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewBooking

    slot = factory.SubFactory(SlotFactory)
    registration = factory.SubFactory(
        RegistrationFactory, fair=factory.SelfAttribute("..slot.fair")
    )
    participant = factory.SelfAttribute("registration.participant")
