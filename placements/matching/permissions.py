"""Who may see what in the matching area (pure predicates on the user).

Matching decides nothing about a single participant's own jobs here: a person's matches
are scoped by `participant_get_for_user` (the person, their caseload staff, admins;
anyone else 404). What the predicates below guard is the view across people: which
participants a job would suit, and what each hard rule left out. Employers never see
candidates or reasons (DESIGN.md, flow 5: "for a job, rank participants (staff only)").
"""

from portal.core.permissions import is_staff_member


def can_see_candidates(user) -> bool:
    """A job's ranked candidates (page, API, the link to them): staff and admins."""
    return is_staff_member(user)


def can_see_exclusions(user) -> bool:
    """How many open jobs each hard rule left out of a participant's matches (the
    counts hint at the person's record and supervision): staff and admins."""
    return is_staff_member(user)


def can_see_caseload_matches(user) -> bool:
    """The best new matches of a caseload (dashboard): staff and admins."""
    return is_staff_member(user)
