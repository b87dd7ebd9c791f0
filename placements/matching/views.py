"""Pages of the matching area: the participant's "Jobs for you", a participant's
matches for their staff (with what each hard rule excluded), and a job's ranked
candidates for staff. Employers have no page here: they never see candidates or
reasons."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobseekers.selectors import participant_for_user_account, participant_get_for_user
from placements.matching import selectors, services
from placements.matching.exceptions import MatchingNotReadyError
from placements.matching.filters import CandidateFilter
from placements.matching.permissions import can_see_candidates
from placements.matching.reasons import RULE_LABELS, texts_of
from portal.core.models import Role
from portal.core.permissions import role_required


def _shown(results):
    """Each stored match with its reasons and cautions as sentences in the reader's
    language."""
    return [
        {
            "result": result,
            "reasons": texts_of(result.reasons),
            "cautions": texts_of(result.cautions),
        }
        for result in results
    ]


@role_required(Role.PARTICIPANT)
def my_matches(request):
    """ "Jobs for you": the participant's best open jobs with score, reasons, cautions."""
    participant = participant_for_user_account(user=request.user)
    if participant is None:
        raise Http404
    run, results = services.matches_for_page(participant=participant)
    return render(
        request,
        "placements/matching/my_matches.html",
        {
            "participant": participant,
            "run": run,
            "matches": _shown(results),
            # The jobs shown, for the badge of each one already applied to.
            "jobs": [result.job for result in results],
            "notices": texts_of(run.notices if run else []),
        },
    )


@role_required(Role.STAFF)
def participant_matches(request, participant_id):
    """Staff: a participant's matches and how many open jobs each hard rule excluded."""
    participant = participant_get_for_user(user=request.user, participant_id=participant_id)
    run, results = services.matches_for_page(participant=participant)
    excluded = [
        {"label": label, "count": (run.excluded_by_rule or {}).get(rule, 0) if run else 0}
        for rule, label in RULE_LABELS.items()
    ]
    return render(
        request,
        "placements/matching/participant_matches.html",
        {
            "participant": participant,
            "run": run,
            "matches": _shown(results),
            "notices": texts_of(run.notices if run else []),
            "excluded": excluded,
            "show_candidates": can_see_candidates(request.user),
        },
    )


@require_POST
@role_required(Role.STAFF)
def participant_matches_refresh(request, participant_id):
    """Staff's "Refresh matches" button."""
    participant = participant_get_for_user(user=request.user, participant_id=participant_id)
    try:
        services.matches_refresh(participant=participant, actor=request.user)
    except MatchingNotReadyError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Matches are up to date."))
    return redirect("placements:participant-matches", participant_id=participant.pk)


@role_required(Role.STAFF)
def job_candidates(request, job_id):
    """Staff: the participants of their caseload (admins: everyone) ranked for a job by
    the last matching run, filtered by availability and work readiness."""
    job = selectors.job_get_for_staff(user=request.user, job_id=job_id)
    # A bad value is shown next to its filter and filters nothing (django-filter leaves
    # out the fields that did not validate).
    filters = CandidateFilter(
        request.GET, queryset=selectors.candidates_for_job(user=request.user, job=job)
    )
    results = list(filters.qs[:100])
    return render(
        request,
        "placements/matching/job_candidates.html",
        {"job": job, "matches": _shown(results), "filters": filters},
    )
