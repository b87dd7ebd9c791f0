"""Moving an application along its state machine, with what each stage needs: an
interview for "interview scheduled", the offer day for "conditional offer", the job's
terms for "hired" (which makes the Placement), a reason for "declined"."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobseekers.models import TextMessageKind
from placements.applications.exceptions import FairChanceStepError, InvalidInputError, field_error
from placements.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    DeclineReason,
    Interview,
    InterviewMode,
    RecordDecision,
    RecordReview,
)
from placements.applications.permissions import (
    can_move_application,
    can_view_application,
    is_employer_side,
)
from portal.core.audit import audit_record
from portal.core.exceptions import NotFoundError, PermissionDeniedError
from portal.core.models import User
from portal.core.templatetags.formatting import datetime_display
from portal.core.transitions import InvalidTransition, transition_to

from ._common import notify_participant_side, stage_label, text_participant_on_commit

S = ApplicationStatus


@dataclass
class InterviewDetails:
    starts_at: datetime
    mode: str
    place: str = ""
    video_link: str = ""


@dataclass
class HireDetails:
    start_date: date
    hourly_wage: Decimal | None = None
    hours_per_week: Decimal | None = None
    benefits: str = ""
    subsidized: bool = False


def _check_interview(details: InterviewDetails | None) -> InterviewDetails:
    if details is None:
        raise field_error("interview", _("Give the date, time and kind of the interview."))
    errors: dict[str, list[str]] = {}
    if details.starts_at is None or timezone.is_naive(details.starts_at):
        errors["starts_at"] = [_("Give the date and time of the interview.")]
    elif details.starts_at < timezone.now():
        errors["starts_at"] = [_("The interview cannot be in the past.")]
    if details.mode not in InterviewMode.values:
        errors["mode"] = [_("Choose in person, phone or video.")]
    elif details.mode == InterviewMode.VIDEO and not (details.video_link or "").startswith(
        "https://"
    ):
        errors["video_link"] = [_("Give the video link (it starts with https://).")]
    elif details.mode == InterviewMode.IN_PERSON and not (details.place or "").strip():
        errors["place"] = [_("Give the address of the interview.")]
    if errors:
        raise InvalidInputError(next(iter(errors.values()))[0], fields=errors)
    return details


def interview_schedule(
    *, application: Application, actor: User, details: InterviewDetails
) -> Interview:
    """Add an interview (also a new date for an interview already scheduled). Called in
    the transition's transaction or on its own by the employer or caseload staff."""
    details = _check_interview(details)
    interview = Interview.objects.create(
        application=application,
        starts_at=details.starts_at,
        mode=details.mode,
        place=(details.place or "").strip()[:300],
        video_link=(details.video_link or "").strip()
        if details.mode == InterviewMode.VIDEO
        else "",
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="interview.scheduled",
        target=application,
        details={"interview": interview.pk, "mode": details.mode},
    )
    notify_participant_side(
        participant=application.participant,
        email="interview_scheduled",
        context={
            "job": application.job.title,
            "employer": application.employer.display_name,
            # The email shows it in each reader's language and format.
            "when": interview.starts_at,
            "interview": interview,
            "where": interview.video_link or interview.place,
        },
    )
    return interview


@transaction.atomic
def interview_add(*, application: Application, actor: User, details: InterviewDetails) -> Interview:
    """A new date for an application whose interview is scheduled (a reschedule)."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not can_move_application(actor, application, S.INTERVIEW_SCHEDULED):
        raise NotFoundError()
    if application.status != S.INTERVIEW_SCHEDULED:
        raise InvalidTransition(
            _("Schedule the interview by moving the application to “Interview scheduled”.")
        )
    return interview_schedule(application=application, actor=actor, details=details)


def _move(application: Application, actor: User, to: str) -> str:
    """Check that `actor` may move `application` to `to`, then set its status through
    the state machine (not saved yet); return the stage it leaves."""
    if not can_view_application(actor, application):
        raise NotFoundError()
    if to not in S.values:
        raise field_error("to", _("Unknown stage."))
    if not can_move_application(actor, application, to):
        if to == S.WITHDRAWN:
            raise PermissionDeniedError(
                _("Only the participant or their staff can withdraw an application.")
            )
        raise PermissionDeniedError(
            _("Only the employer or program staff can move an application.")
        )
    message = None
    if to not in application.ALLOWED_TRANSITIONS[application.status]:
        message = _illegal_move_message(application, to)
    return transition_to(application, to, message=message)


def _illegal_move_message(application: Application, to: str) -> str:
    """What to do instead: the next step forward, or that the application is closed."""
    allowed = application.ALLOWED_TRANSITIONS[application.status]
    forward = [
        stage
        for stage in (
            S.REVIEWING,
            S.INTERVIEW_SCHEDULED,
            S.INTERVIEWED,
            S.CONDITIONAL_OFFER,
            S.HIRED,
        )
        if stage in allowed
    ]
    if forward:
        return _(
            "An application cannot go from “%(current)s” to “%(new)s”. The next step is “%(next)s”."
        ) % {
            "current": stage_label(application.status),
            "new": stage_label(to),
            "next": stage_label(forward[0]),
        }
    return _("This application is closed (“%(current)s”): it cannot change any more.") % {
        "current": stage_label(application.status)
    }


def _check_interview_held(application: Application) -> None:
    """An interview counts as held once its start time has come: before that the record
    summary must stay closed (a fair-chance ordinance allows it only after the interview),
    so the move to "interviewed" waits for it."""
    interviews = Interview.objects.filter(application=application)
    if interviews.filter(starts_at__lte=timezone.now()).exists():
        return
    upcoming = interviews.order_by("starts_at").values_list("starts_at", flat=True).first()
    when = datetime_display(upcoming) if upcoming is not None else _("the interview date")
    raise InvalidTransition(
        _("You can mark the interview as held once it has started (%(date)s).") % {"date": when}
    )


def _review_in_progress(review: RecordReview | None) -> RecordReview | None:
    if review is not None and review.notice_pending:
        return review
    return None


@transaction.atomic
def application_transition(
    *,
    application: Application,
    actor: User,
    to: str,
    reason: str = "",
    note: str = "",
    interview: InterviewDetails | None = None,
    hire: HireDetails | None = None,
    offered_on: date | None = None,
) -> Application:
    """Move `application` to the stage `to` if APPLICATION_TRANSITIONS allow it and the
    actor may make that move (withdraw: the participant or their staff; every other move:
    the employer, or caseload staff for them).

    - "interview_scheduled" needs `interview` (date, time, mode, place or video link);
    - "conditional_offer" records the offer day (`offered_on`, default today);
    - "hired" needs `hire` (start date; wage and hours default to the job's) and makes the
      Placement with its retention checks and tax-credit screening;
    - "declined" needs a `reason`; "record_based" only after the fair-chance steps (see
      `record_review_decide`, which calls this).

    Every change is timestamped (ApplicationEvent), audited and emailed to the
    participant's staff and the participant. Raises NotFoundError (not visible),
    PermissionDeniedError (visible but not this actor's move), InvalidTransition (409:
    skipped or closed stage), FairChanceStepError (409) and InvalidInputError (400).
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("participant__facilitator", "job", "employer")
        .get(pk=application.pk)
    )
    previous = _move(application, actor, to)
    recorded_review = RecordReview.objects.filter(application=application).first()
    review = _review_in_progress(recorded_review)
    if to == S.DECLINED:
        if reason not in DeclineReason.values:
            raise field_error(
                "reason", _("Choose why: not selected, position filled, or record based.")
            )
        if reason == DeclineReason.RECORD_BASED:
            if recorded_review is None or recorded_review.decision != RecordDecision.CONFIRMED:
                raise FairChanceStepError(
                    _(
                        "A decline because of the record follows the fair-chance steps: record "
                        "the individualized assessment, send the pre-adverse action notice, wait "
                        "for the participant's answer, then confirm."
                    )
                )
        elif review is not None:
            raise FairChanceStepError(
                _("A record review is in progress: confirm or reverse it first.")
            )
    elif to != S.WITHDRAWN and review is not None:
        raise FairChanceStepError(_("A record review is in progress: confirm or reverse it first."))

    if to == S.INTERVIEWED:
        _check_interview_held(application)

    placement = None
    if to == S.INTERVIEW_SCHEDULED:
        interview_schedule(application=application, actor=actor, details=interview)
    if to == S.CONDITIONAL_OFFER:
        offered_on = offered_on or timezone.localdate()
        if (
            offered_on > timezone.localdate()
            or offered_on < timezone.localtime(application.created_at).date()
        ):
            raise field_error(
                "offered_on", _("The offer day must be between the application day and today.")
            )
        application.offered_on = offered_on
    if to == S.HIRED:
        from .placements import placement_from_hire

        placement = placement_from_hire(application=application, actor=actor, hire=hire)
    application.status_changed_at = timezone.now()
    application.decline_reason = reason if to == S.DECLINED else ""
    application.save(update_fields=["status", "status_changed_at", "decline_reason", "offered_on"])
    ApplicationEvent.objects.create(
        application=application,
        from_status=previous,
        to_status=to,
        actor=actor,
        note=(note or "").strip()[:300],
    )
    audit_record(
        actor=actor,
        action="application.moved",
        target=application,
        details={
            "from": previous,
            "to": to,
            "reason": application.decline_reason,
            "by_employer": is_employer_side(actor, application),
            "placement": placement.pk if placement else None,
        },
    )
    notify_participant_side(
        participant=application.participant,
        email="application_moved",
        context={
            "job": application.job.title,
            "employer": application.employer.display_name,
            "name": application.participant.display_name,
            "stage": stage_label(to),
        },
    )
    if not _moved_by_participant(actor, application):
        text_participant_on_commit(
            participant=application.participant,
            kind=TextMessageKind.APPLICATION_STAGE,
            context={"job": application.job.title, "stage": stage_label(to)},
            dedupe_key=f"application:{application.pk}:{to}",
            actor=actor,
        )
    return application


def _moved_by_participant(actor: User, application: Application) -> bool:
    """The participant moved it themself (withdrew): no text about their own move."""
    return actor is not None and actor.pk == application.participant.user_id
