"""`participant_mark_placed`: the narrow service the placements app calls when a job is
recorded. Only active → placed; the other statuses are left alone; audited with the
placement reference."""

import ast
import pathlib

import pytest

from jobseekers.models import ParticipantStatus
from jobseekers.services import participant_mark_placed
from portal.core.exceptions import ApplicationError
from portal.core.models import AuditEvent
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_active_becomes_placed_and_is_audited(employer_user):
    person = ParticipantFactory(status=ParticipantStatus.ACTIVE)
    result = participant_mark_placed(
        participant=person, placement_reference=42, actor=employer_user
    )
    person.refresh_from_db()
    assert result.status == person.status == ParticipantStatus.PLACED
    assert person.status_changed_on is not None
    event = AuditEvent.objects.get(action="participant.status_changed", target_id=str(person.pk))
    assert event.actor == employer_user
    assert event.details == {"from": "active", "to": "placed", "placement_id": "42"}


@pytest.mark.parametrize(
    "status",
    [ParticipantStatus.PLACED, ParticipantStatus.EXITED, ParticipantStatus.RETURNED_TO_CUSTODY],
)
def test_other_statuses_are_left_alone(staff_user, status):
    person = ParticipantFactory(status=status)
    participant_mark_placed(participant=person, placement_reference=7, actor=staff_user)
    person.refresh_from_db()
    assert person.status == status
    assert person.status_changed_on is None
    assert not AuditEvent.objects.filter(action="participant.status_changed").exists()


@pytest.mark.parametrize("reference", ["", None, "  "])
def test_without_a_placement_nothing_changes(staff_user, reference):
    person = ParticipantFactory(status=ParticipantStatus.ACTIVE)
    with pytest.raises(ApplicationError):
        participant_mark_placed(participant=person, placement_reference=reference, actor=staff_user)
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert not AuditEvent.objects.exists()


def test_jobseekers_does_not_import_placements():
    root = pathlib.Path(__file__).resolve().parents[2] / "jobseekers"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "placements" for name in names), path
