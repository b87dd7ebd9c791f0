"""Reads of the questions participants ask their facilitator about a job that does not
fit their supervision terms or travel limits (issue 14): the caseload's open questions
for staff (admins: all), and a participant's own latest question about one job."""

from django.db.models import QuerySet
from django.http import Http404

from jobseekers.models import Participant
from placements.applications.models import FitQuestion, FitQuestionStatus
from portal.core.models import User
from portal.core.permissions import is_program_admin, is_staff_member


def fit_questions_visible_to(*, user: User) -> QuerySet[FitQuestion]:
    """The questions staff may read and answer: their caseload's (admins: every one);
    anyone else (participants, employers) none, so a 404 on the staff pages. A
    participant reads their own through `own_fit_question`."""
    base = FitQuestion.objects.select_related(
        "participant", "job", "job__employer", "facilitator", "answered_by"
    )
    if is_program_admin(user):
        return base.all()
    if is_staff_member(user):
        return base.filter(participant__facilitator=user)
    return base.none()


def fit_questions_open(*, user: User) -> QuerySet[FitQuestion]:
    """The open questions staff see, the longest waiting first (one query)."""
    return fit_questions_visible_to(user=user).filter(status=FitQuestionStatus.OPEN)


def fit_question_get_for_staff(*, user: User, pk) -> FitQuestion:
    """One question `user` may answer, else Http404 (also for an id that does not exist)."""
    try:
        return fit_questions_visible_to(user=user).get(pk=int(pk))
    except (FitQuestion.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def own_fit_question(*, participant: Participant, job) -> FitQuestion | None:
    """The participant's latest question about `job` (open or answered), for their job
    page: "You asked Maria on Dec. 3." (one query)."""
    return (
        FitQuestion.objects.select_related("facilitator")
        .filter(participant=participant, job=job)
        .order_by("-asked_at", "-id")
        .first()
    )
