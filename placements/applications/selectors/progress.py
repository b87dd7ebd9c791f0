"""Where an application stands, for the steppers of its page: the stages it went
through (with the day each was reached) and what comes next, the fair-chance steps with
their dates and the waiting period's end, and "what happens next" in the words of the
one reading (the participant, the staff who help them, or the employer).

Everything here reads an application already loaded by `application_get_for_user`
(its history and record review are prefetched): no query of its own."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from placements.applications.models import PIPELINE, Application, RecordReview
from placements.applications.models import ApplicationStatus as S
from portal.core.templatetags.formatting import date_display

# The stages a stepper shows: the pipeline, then the hire.
STAGES = (*PIPELINE, S.HIRED)


@dataclass(frozen=True)
class Step:
    """One step of a stepper (components/stepper.html): its label and, once reached,
    the day (`on`, shown after `on_label`: "sent on", "ends on")."""

    label: str
    on: date | datetime | None = None
    on_label: str = ""


@dataclass(frozen=True)
class Progress:
    """A stepper's steps, the current one's number (1 is the first; past the last when
    all are done), the next step's label ("" when nothing follows) and, for an
    application that stopped (not hired, withdrawn), the way it ended."""

    steps: tuple[Step, ...]
    current: int
    next_label: str = ""
    ended: str = ""


def _reached_on(application: Application) -> dict[str, datetime]:
    """The first time the application entered each stage, from its prefetched history."""
    reached: dict[str, datetime] = {}
    for event in application.events.all():
        reached.setdefault(event.to_status, event.created_at)
    reached.setdefault(S.SUBMITTED, application.created_at)
    return reached


def application_progress(application: Application) -> Progress:
    """The application's stages as a stepper: the ones passed (with their days), the
    current one, what comes next. A stopped application shows the stage it stopped at
    and how it ended."""
    reached = _reached_on(application)
    labels = dict(S.choices)
    status = application.status
    ended = ""
    if status in STAGES:
        at = status
    else:
        ended = labels[status]
        # The stage it stopped at: where the closing move came from.
        closing = [e for e in application.events.all() if e.to_status == status]
        at = closing[-1].from_status if closing and closing[-1].from_status in STAGES else None
    current = STAGES.index(at) + 1 if at else 0
    steps = tuple(
        Step(
            label=labels[stage],
            on=reached.get(stage) if number <= current else None,
        )
        for number, stage in enumerate(STAGES, start=1)
    )
    next_label = ""
    if not ended and current < len(STAGES):
        next_label = labels[STAGES[current]]
    if status == S.HIRED:
        current = len(STAGES) + 1  # every stage done
    return Progress(steps=steps, current=current, next_label=next_label, ended=ended)


def fair_chance_progress(review: RecordReview | None) -> Progress:
    """The fair-chance steps before a decline because of the record, in order, with the
    day each was done and the day the waiting period ends (a decision is possible)."""
    if review is None:
        assessed = sent = decided = None
        allowed_from = None
    else:
        assessed, sent, decided = review.assessed_at, review.notice_sent_at, review.decided_at
        allowed_from = review.decision_allowed_from
    waiting_over = allowed_from is not None and timezone.localdate() >= allowed_from
    decision = review.get_decision_display() if review is not None and review.decision else ""
    steps = (
        Step(_("Individualized assessment"), assessed, _("done on") if assessed else ""),
        Step(_("Pre-adverse action notice"), sent, _("sent on") if sent else ""),
        Step(
            _("Waiting period and the participant's answer"),
            allowed_from,
            (_("ended on") if waiting_over else _("ends on")) if allowed_from else "",
        ),
        Step(
            f"{_('Decision')}: {decision}" if decision else _("Decision"),
            decided,
            _("decided on") if decided else "",
        ),
    )
    if assessed is None:
        current = 1
    elif sent is None:
        current = 2
    elif decided is None and not waiting_over:
        current = 3
    elif decided is None:
        current = 4
    else:
        current = 5
    next_label = steps[current].label if current < len(steps) else ""
    return Progress(steps=steps, current=current, next_label=next_label)


def staff_next_step_for(application: Application) -> str:
    """What happens next, for the staff who help the participant (never "your
    application": they read it about someone else)."""
    name = application.participant.display_name
    review = getattr(application, "record_review", None)
    if application.is_open and review is not None and review.notice_pending:
        return _(
            "The employer sent a notice about %(name)s's record. Help them answer it: the "
            "employer decides on %(day)s at the earliest."
        ) % {"name": name, "day": date_display(review.decision_allowed_from)}
    steps = {
        S.SUBMITTED: _("Waiting for the employer to look at it. Record their answer here."),
        S.REVIEWING: _("The employer is reviewing it. Record an interview when they set one."),
        S.INTERVIEW_SCHEDULED: _("Help %(name)s get ready for the interview."),
        S.INTERVIEWED: _("The employer is deciding. Check in with them if it takes long."),
        S.CONDITIONAL_OFFER: _("An offer: record the hire when the start date is set."),
        S.HIRED: _("Hired. Follow the placement and its retention checks."),
        S.DECLINED: _("Not hired. Look for the next job with %(name)s."),
        S.WITHDRAWN: _("Withdrawn."),
    }
    return steps[application.status] % {"name": name}


def employer_next_step_for(application: Application) -> str:
    """What happens next, in one plain line for the employer's members: their next move,
    or who they wait on (the interview's day, the participant's answer to a notice).
    Reads the application's prefetched interviews and record review."""
    review = getattr(application, "record_review", None)
    if application.is_open and review is not None and not review.decision:
        if review.notice_pending:
            day = review.decision_allowed_from
            if day is not None and timezone.localdate() < day:
                return _(
                    "Next: the participant answers the pre-adverse notice by %(day)s. You "
                    "decide after that."
                ) % {"day": date_display(day)}
            return _("Next: read any answer from the participant, then make your decision.")
        return _("Next: send the pre-adverse action notice, or go on with the application.")
    if application.status == S.INTERVIEW_SCHEDULED:
        interviews = list(application.interviews.all())
        if interviews:
            latest = max(interviews, key=lambda interview: interview.starts_at)
            return _("Next: the interview on %(day)s, then record that it took place.") % {
                "day": date_display(latest.starts_at)
            }
    steps = {
        S.SUBMITTED: _("Next: start reviewing the application."),
        S.REVIEWING: _("Next: schedule the interview."),
        S.INTERVIEW_SCHEDULED: _("Next: the interview, then record that it took place."),
        S.INTERVIEWED: _("Next: make a conditional offer, or decline."),
        S.CONDITIONAL_OFFER: _("Next: record the hire with the start date."),
        S.HIRED: _("Hired. The participant's staff will check in on how the job goes."),
        S.DECLINED: _("Closed: not hired. Nothing more to do."),
        S.WITHDRAWN: _("Closed: the participant withdrew. Nothing more to do."),
    }
    return steps[application.status]
