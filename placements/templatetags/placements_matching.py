"""Template tags of the matching area for pages rendered outside placements (the job
page), so that a template never re-derives the curfew rule:

    {% load placements_matching %}
    {% curfew_note_for request.user job as curfew_note %}
    {% job_fit_for request.user job request.GET.participant as fit %}
"""

from django import template

from placements.matching import fit, selectors
from placements.matching.reasons import text_of

register = template.Library()


@register.simple_tag
def curfew_note_for(user, job) -> str:
    """For a participant with a curfew: whether the shift ends in time to get home
    before it, in the active language ("" for anyone else)."""
    note = selectors.curfew_note_for(user=user, job=job)
    return text_of(note) if note else ""


@register.simple_tag
def job_fit_for(user, job, participant_id=None):
    """Whether `job` breaks a supervision term or travel limit (issue 14): for a
    participant, their own; for staff, their caseload participant `participant_id` (the
    job page's `?participant=`). A `placements.matching.fit.JobFit`, or None."""
    return fit.job_fit_for(user=user, job=job, participant_id=participant_id)
