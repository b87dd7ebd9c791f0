"""Template tags that show where a participant is, for pages rendered outside the
applications area (a job's page, the caseload list), reading its selectors:

    {% load placements_journey %}
    {% own_application_to request.user job as applied %}
    {% own_applications_on request.user page as applied_by_job %}
    {% with applied=applied_by_job|application_to:job %}...{% endwith %}
    {% caseload_stage_rows page.object_list as rows %}
"""

from django import template

from placements.applications import selectors

register = template.Library()


@register.simple_tag
def own_application_to(user, job):
    """The signed-in participant's application to this job still in play (or their
    hire), or None: the job page says "Applied" instead of offering Apply again."""
    return selectors.own_application_for_job(user=user, job_id=job.pk)


@register.simple_tag
def own_applications_on(user, jobs) -> dict:
    """The signed-in participant's applications to the jobs of a list page (a page of
    the job search, "Jobs for you"), by job id: each card shows its status badge
    (placements/applications/includes/applied_badge.html). One query for the page."""
    return selectors.own_applications_by_job(user=user, job_ids=[job.pk for job in jobs])


@register.filter
def application_to(applications_by_job, job):
    """The application to this job from `own_applications_on`, or None."""
    return (applications_by_job or {}).get(job.pk)


@register.simple_tag
def caseload_stage_rows(participants) -> list[dict]:
    """Each participant of a caseload page with its stage (`stage`, `label`, `tone` for
    the badge), in the page's order; one query for the whole page."""
    people = list(participants)
    stages = selectors.caseload_stages(participant_ids=[person.pk for person in people])
    rows = []
    for person in people:
        stage = stages.get(person.pk, selectors.CaseloadStage.INTAKE)
        label, tone = selectors.CASELOAD_STAGE_BADGES[stage]
        rows.append({"person": person, "stage": stage, "label": label, "tone": tone})
    return rows


@register.simple_tag
def own_fit_question(participant, job):
    """The participant's latest question to their facilitator about this job (a job
    that does not fit their terms), or None: the job page says "You asked Maria on
    Dec. 3." instead of offering to ask again while it is open."""
    return selectors.own_fit_question(participant=participant, job=job)
