"""The fair-chance steps before a record-based decline, in their enforced order, with
the waiting period counted in business days across a federal holiday."""

from datetime import date

import pytest

from employers.models import RecordStage
from placements.applications.services import (
    FairChanceStepError,
    application_transition,
    record_review_assess,
    record_review_decide,
    record_review_respond,
    record_review_send_notice,
)
from placements.models import Application, ApplicationStatus, RecordReview
from portal.core.exceptions import NotFoundError, PermissionDeniedError

S = ApplicationStatus
ASSESSMENT = {
    "nature_and_gravity": "A drug felony, no violence.",
    "time_elapsed": "Four years since the conviction.",
    "nature_of_job": "Forklift work; no cash or medicine handled.",
}


def on_day(monkeypatch, day: date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


@pytest.fixture
def interviewed(application):
    application.status = S.INTERVIEWED
    application.save()
    return application


def test_the_whole_order_across_a_holiday(interviewed, employer_user, participant, monkeypatch):
    record_review_assess(application=interviewed, actor=employer_user, **ASSESSMENT)
    # Friday 16 January 2026; Monday the 19th is Martin Luther King Day.
    on_day(monkeypatch, date(2026, 1, 16))
    review = record_review_send_notice(
        application=interviewed, actor=employer_user, notice_text="The record shows a felony."
    )
    # Five business days: 20, 21, 22, 23 and 26 January; a decision from the 27th.
    assert review.decision_allowed_from == date(2026, 1, 27)

    record_review_respond(
        application=interviewed, actor=participant, response="I finished treatment in 2023."
    )
    on_day(monkeypatch, date(2026, 1, 26))
    with pytest.raises(FairChanceStepError) as error:
        record_review_decide(application=interviewed, actor=employer_user, decision="confirmed")
    assert "Jan. 27, 2026" in error.value.message  # a date for people, not "2026-01-27"
    assert Application.objects.get(pk=interviewed.pk).status == S.INTERVIEWED

    on_day(monkeypatch, date(2026, 1, 27))
    record_review_decide(application=interviewed, actor=employer_user, decision="confirmed")
    interviewed.refresh_from_db()
    assert interviewed.status == S.DECLINED
    assert interviewed.decline_reason == "record_based"
    review.refresh_from_db()
    assert review.participant_response.startswith("I finished")


def test_a_notice_before_the_assessment_is_refused(interviewed, employer_user):
    with pytest.raises(FairChanceStepError) as error:
        record_review_send_notice(application=interviewed, actor=employer_user, notice_text="x")
    assert "assessment first" in error.value.message
    assert not RecordReview.objects.exists()


def test_a_decision_without_a_notice_is_refused(interviewed, employer_user):
    record_review_assess(application=interviewed, actor=employer_user, **ASSESSMENT)
    with pytest.raises(FairChanceStepError) as error:
        record_review_decide(application=interviewed, actor=employer_user, decision="confirmed")
    assert "notice first" in error.value.message
    assert Application.objects.get(pk=interviewed.pk).status == S.INTERVIEWED


def test_the_assessment_needs_all_three_parts(interviewed, employer_user):
    with pytest.raises(Exception) as error:
        record_review_assess(
            application=interviewed, actor=employer_user, **{**ASSESSMENT, "time_elapsed": " "}
        )
    assert "time_elapsed" in error.value.fields
    assert not RecordReview.objects.exists()


def test_not_before_the_stage_the_policy_allows(application, employer_user, job):
    application.status = S.REVIEWING
    application.save()
    with pytest.raises(FairChanceStepError):
        record_review_assess(application=application, actor=employer_user, **ASSESSMENT)
    policy = job.employer.hiring_policy
    policy.record_visible_from = RecordStage.CONDITIONAL_OFFER
    policy.save()
    application.status = S.INTERVIEWED
    application.save()
    with pytest.raises(FairChanceStepError):
        record_review_assess(application=application, actor=employer_user, **ASSESSMENT)


def test_reversing_lets_the_application_go_on(interviewed, employer_user, monkeypatch):
    record_review_assess(application=interviewed, actor=employer_user, **ASSESSMENT)
    on_day(monkeypatch, date(2026, 3, 2))
    record_review_send_notice(application=interviewed, actor=employer_user, notice_text="x")
    # While the review is open, the application neither moves on nor is declined otherwise.
    with pytest.raises(FairChanceStepError):
        application_transition(application=interviewed, actor=employer_user, to=S.CONDITIONAL_OFFER)
    with pytest.raises(FairChanceStepError):
        application_transition(
            application=interviewed, actor=employer_user, to=S.DECLINED, reason="not_selected"
        )
    on_day(monkeypatch, date(2026, 3, 10))
    record_review_decide(application=interviewed, actor=employer_user, decision="reversed")
    assert RecordReview.objects.get().decision == "reversed"
    interviewed.refresh_from_db()
    assert interviewed.status == S.INTERVIEWED
    monkeypatch.undo()
    moved = application_transition(
        application=interviewed, actor=employer_user, to=S.CONDITIONAL_OFFER
    )
    assert moved.status == S.CONDITIONAL_OFFER


def test_who_takes_which_step(
    interviewed, employer_user, participant, other_employer_user, staff_user
):
    with pytest.raises(PermissionDeniedError):
        record_review_assess(application=interviewed, actor=participant, **ASSESSMENT)
    with pytest.raises(NotFoundError):
        record_review_assess(application=interviewed, actor=other_employer_user, **ASSESSMENT)
    record_review_assess(application=interviewed, actor=employer_user, **ASSESSMENT)
    record_review_send_notice(application=interviewed, actor=employer_user, notice_text="x")
    with pytest.raises(PermissionDeniedError):
        record_review_respond(application=interviewed, actor=employer_user, response="y")
    record_review_respond(application=interviewed, actor=staff_user, response="Letter attached.")


def test_the_notice_is_emailed_to_staff_and_participant(
    interviewed, employer_user, mail_at_once, mailoutbox
):
    record_review_assess(application=interviewed, actor=employer_user, **ASSESSMENT)
    record_review_send_notice(application=interviewed, actor=employer_user, notice_text="x")
    assert len(mailoutbox) == 2
    assert "Notice about your record" in mailoutbox[0].subject
