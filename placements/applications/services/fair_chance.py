"""The fair-chance steps before a record-based decline, in the order the law expects
(EEOC Enforcement Guidance 915.002; FCRA 15 U.S.C. 1681b(b)(3); Kansas City, MO Code
Sec. 38-104): individualized assessment → pre-adverse action notice → a waiting period
of business days during which the participant may respond → confirm or reverse.
Skipping a step raises FairChanceStepError (409) with what to do first; a step on a
closed application raises InvalidTransition (409)."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.applications import rules
from placements.applications.exceptions import FairChanceStepError, field_error
from placements.applications.models import Application, RecordDecision, RecordReview
from placements.applications.permissions import (
    employer_record_stage_reached,
    is_employer_side,
    is_participant_side,
)
from portal.core.audit import audit_record
from portal.core.business_days import add_business_days
from portal.core.exceptions import NotFoundError, PermissionDeniedError
from portal.core.models import User
from portal.core.transitions import InvalidTransition

from ._common import notify_participant_side
from .transitions import application_transition

TEXT_LIMIT = 2000


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("participant__facilitator", "job", "employer")
        .get(pk=application.pk)
    )


def _current_review(application: Application) -> RecordReview | None:
    return (
        RecordReview.objects.select_for_update(of=("self",)).filter(application=application).first()
    )


def _employer_only(actor: User, application: Application) -> None:
    if is_employer_side(actor, application):
        return
    if is_participant_side(actor, application):
        raise PermissionDeniedError(_("Only the employer takes this step."))
    raise NotFoundError()


def _clean_text(value: str, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise field_error(field, message)
    if len(text) > TEXT_LIMIT:
        raise field_error(field, _("Keep this under 2,000 characters."))
    return text


@transaction.atomic
def record_review_assess(
    *,
    application: Application,
    actor: User,
    nature_and_gravity: str,
    time_elapsed: str,
    nature_of_job: str,
) -> RecordReview:
    """Step 1, by the employer: the individualized assessment (nature and gravity of the
    offense, time elapsed, nature of the job). Only for an open application that has
    reached the stage the employer's policy lets it consider a record. A reversed review
    may be started again; one in progress may be corrected until the notice is sent."""
    application = _locked(application)
    _employer_only(actor, application)
    if not application.is_open:
        raise InvalidTransition(_("This application is closed."))
    if not employer_record_stage_reached(application):
        raise FairChanceStepError(
            _(
                "A record cannot be considered at this stage of the application "
                "(see your hiring policy)."
            )
        )
    texts = {
        "nature_and_gravity": _clean_text(
            nature_and_gravity,
            "nature_and_gravity",
            _("Describe the nature and gravity of the offense."),
        ),
        "time_elapsed": _clean_text(
            time_elapsed,
            "time_elapsed",
            _("Say how much time has passed since the offense or sentence."),
        ),
        "nature_of_job": _clean_text(
            nature_of_job,
            "nature_of_job",
            _("Say how the offense relates to the duties of this job."),
        ),
    }
    review = _current_review(application)
    if review is not None and review.notice_pending:
        raise FairChanceStepError(
            _("The notice is already sent: the assessment can no longer change.")
        )
    if review is None:
        review = RecordReview(application=application)
    for name, value in texts.items():
        setattr(review, name, value)
    review.assessed_at = timezone.now()
    review.assessed_by = actor
    review.notice_text = ""
    review.notice_sent_at = None
    review.decision_allowed_from = None
    review.participant_response = ""
    review.responded_at = None
    review.decision = ""
    review.decided_at = None
    review.decided_by = None
    review.save()
    audit_record(actor=actor, action="record_review.assessed", target=application)
    return review


@transaction.atomic
def record_review_send_notice(
    *, application: Application, actor: User, notice_text: str
) -> RecordReview:
    """Step 2, by the employer: the pre-adverse action notice, which the participant and
    their staff see (and get by email). From today, the participant has the setting's
    business days (default 5, US federal holidays do not count) to respond; the
    decision is possible from the next business day after that."""
    application = _locked(application)
    _employer_only(actor, application)
    review = _current_review(application)
    if review is None or review.decision:
        raise FairChanceStepError(_("Record the individualized assessment first."))
    if review.notice_sent_at:
        raise FairChanceStepError(_("The notice is already sent."))
    if not application.is_open:
        raise InvalidTransition(_("This application is closed."))
    review.notice_text = _clean_text(
        notice_text,
        "notice_text",
        _("Write the notice: what in the record may lead to a decline, and why."),
    )
    today = timezone.localdate()
    review.notice_sent_at = timezone.now()
    waiting = rules.fair_chance_waiting_business_days()
    review.decision_allowed_from = add_business_days(today, waiting + 1)
    review.save()
    audit_record(
        actor=actor,
        action="record_review.notice_sent",
        target=application,
        details={"decision_allowed_from": review.decision_allowed_from.isoformat()},
    )
    notify_participant_side(
        participant=application.participant,
        email="record_notice",
        context={
            "job": application.job.title,
            "employer": application.employer.display_name,
            # A date: the email shows it in each reader's language and format.
            "day": review.decision_allowed_from,
        },
    )
    return review


@transaction.atomic
def record_review_respond(*, application: Application, actor: User, response: str) -> RecordReview:
    """Step 3, by the participant or their staff: an answer to the notice (evidence of
    rehabilitation, a mistake in the record, references). Possible from the notice until
    the employer decides; a later answer replaces an earlier one."""
    application = _locked(application)
    if not is_participant_side(actor, application):
        if is_employer_side(actor, application):
            raise PermissionDeniedError(
                _("Only the participant or their staff can answer the notice.")
            )
        raise NotFoundError()
    review = _current_review(application)
    if review is None or not review.notice_sent_at or review.decision:
        raise FairChanceStepError(_("There is no notice to answer."))
    review.participant_response = _clean_text(response, "response", _("Write the answer."))
    review.responded_at = timezone.now()
    review.save(update_fields=["participant_response", "responded_at"])
    audit_record(actor=actor, action="record_review.responded", target=application)
    return review


@transaction.atomic
def record_review_decide(*, application: Application, actor: User, decision: str) -> RecordReview:
    """Step 4, by the employer, once the waiting period has passed: "confirmed" declines
    the application (reason "record based"); "reversed" closes the review and the
    application goes on where it was."""
    application = _locked(application)
    _employer_only(actor, application)
    if decision not in RecordDecision.values:
        raise field_error("decision", _("Choose to confirm the decline or to reverse it."))
    review = _current_review(application)
    if review is None or review.decision:
        raise FairChanceStepError(_("Record the individualized assessment first."))
    if not review.notice_sent_at:
        raise FairChanceStepError(_("Send the pre-adverse action notice first."))
    if timezone.localdate() < review.decision_allowed_from:
        raise FairChanceStepError(
            _("The participant may still answer. You can decide from %(day)s.")
            % {"day": date_format(review.decision_allowed_from, "DATE_FORMAT")}
        )
    review.decision = decision
    review.decided_at = timezone.now()
    review.decided_by = actor
    review.save(update_fields=["decision", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="record_review.decided",
        target=application,
        details={"decision": decision},
    )
    if decision == RecordDecision.CONFIRMED:
        application_transition(
            application=application, actor=actor, to="declined", reason="record_based"
        )
    return review
