"""Template tags of the matching area for pages rendered outside placements (the job
page), so that a template never re-derives the curfew rule:

    {% load placements_matching %}
    {% curfew_note_for request.user job as curfew_note %}
"""

from django import template

from placements.matching import selectors
from placements.matching.reasons import text_of

register = template.Library()


@register.simple_tag
def curfew_note_for(user, job) -> str:
    """For a participant with a curfew: whether the shift ends in time to get home
    before it, in the active language ("" for anyone else)."""
    note = selectors.curfew_note_for(user=user, job=job)
    return text_of(note) if note else ""
