"""Two simultaneous applications for the same person and job: one is sent, the other is
refused (the job row lock and the partial unique constraint)."""

import threading

import pytest
from django.db import connection

from placements.applications.services import CannotApplyError, application_submit
from placements.models import Application
from portal.core.models import Role
from tests.factories.applications import ResumeVersionFactory
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ParticipantFactory, ResumeFactory
from tests.factories.users import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_applications_at_once_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    login = UserFactory(role=Role.PARTICIPANT, username="racer")
    person = ParticipantFactory(user=login)
    version = ResumeVersionFactory(resume=ResumeFactory(participant=person))
    job = JobFactory()
    barrier = threading.Barrier(2)
    results: list[str] = []

    def apply():
        try:
            barrier.wait()
            application_submit(
                participant=person, job=job, resume_version=version, actor=login, share_profile=True
            )
            results.append("sent")
        except CannotApplyError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["refused", "sent"]
    assert Application.objects.filter(participant=person, job=job).count() == 1
