import datetime

import factory
from django.utils import timezone

from jobseekers.models import (
    CaseNote,
    CaseNoteKind,
    Consent,
    ConsentKind,
    JobClubSession,
    JobClubTopic,
    Participant,
    ParticipantDocument,
    RecordEntry,
    Resume,
    ResumeComment,
    ResumeSection,
    SupervisionTerms,
    SupervisionType,
)
from portal.core.models import OffenseCategory, Role
from tests.factories.users import UserFactory


class StaffFactory(UserFactory):
    role = Role.STAFF


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker("date_between", start_date="-60y", end_date="-20y")
    phone = "+18165550123"
    zip_code = "64106"
    release_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    facilitator = factory.SubFactory(StaffFactory)


class SupervisionTermsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionTerms

    participant = factory.SubFactory(ParticipantFactory)
    supervision_type = SupervisionType.PAROLE
    officer_name = "Officer Dana Reyes"
    officer_phone = "+18165550199"
    curfew_start = datetime.time(22, 0)
    curfew_end = datetime.time(6, 0)
    standing_meetings = "Every other Tuesday at 9 am, district office"


class RecordEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordEntry

    participant = factory.SubFactory(ParticipantFactory)
    offense_category = OffenseCategory.DRUG
    level = "felony"
    convicted_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=900))
    released_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    description = "Possession with intent, Jackson County case 19CR-0042"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    kind = ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS
    given = True


class CaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseNote

    participant = factory.SubFactory(ParticipantFactory)
    kind = CaseNoteKind.MEETING
    text = "Talked about the gap in work history and the parole meeting."
    author = factory.LazyAttribute(lambda note: note.participant.facilitator)


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resume

    participant = factory.SubFactory(ParticipantFactory)
    title = "Warehouse"
    contact_phone = "+18165550123"
    contact_city = "Kansas City, MO"
    summary = "Reliable worker with forklift experience."
    experience = factory.LazyFunction(
        lambda: [
            {
                "kind": "facility_work",
                "title": "Warehouse clerk",
                "employer": "State of Missouri",
                "start": "2021",
                "end": "2024",
                "details": "Loaded and unloaded trucks; kept inventory.",
            }
        ]
    )
    skills = "Forklift, inventory, teamwork"


class ResumeCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResumeComment

    resume = factory.SubFactory(ResumeFactory)
    section = ResumeSection.SUMMARY
    text = "Add the forklift certificate here."


class JobClubSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobClubSession

    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    place = "Main office, room 2"
    topic = JobClubTopic.RESUME
    facilitator = factory.SubFactory(StaffFactory)


def certificate_uploaded(participant, *, at):
    """A certificate in the participant's file, uploaded at `at` (an aware datetime): the
    credential the outcomes' WIOA measure counts."""
    document = ParticipantDocument.objects.create(
        participant=participant,
        kind="certificate",
        title="Forklift",
        file="participant-documents/forklift.pdf",
        size=100,
    )
    ParticipantDocument.objects.filter(pk=document.pk).update(uploaded_at=at)
    return document
