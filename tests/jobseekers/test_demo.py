import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobseekers.models import (
    Consent,
    JobClubSession,
    Participant,
    RecordEntry,
    ResumeVersion,
    SupervisionTerms,
)
from portal.core.models import User

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", "--force", stdout=io.StringIO())


def counts():
    return [
        model.objects.count()
        for model in (
            Participant,
            SupervisionTerms,
            RecordEntry,
            Consent,
            ResumeVersion,
            JobClubSession,
            User,
        )
    ]


def test_demo_participants_in_varied_situations():
    seed()
    facilitator = User.objects.get(username="facilitator")
    people = Participant.objects.filter(facilitator=facilitator)

    assert people.count() >= 4
    pat = Participant.objects.get(user__username="participant")
    assert pat.supervision_terms.curfew_start.hour == 22
    assert pat.resumes.get().versions.exists()
    assert people.filter(preferred_language="es").exists()
    assert people.filter(release_date__gt=timezone.localdate()).exists()  # pre-release
    # Someone without a car (JSON containment is not portable to SQLite: check in Python).
    assert any("car" not in person.transport for person in people)


def test_demo_twice_changes_nothing():
    seed()
    first = counts()
    seed()
    assert counts() == first
