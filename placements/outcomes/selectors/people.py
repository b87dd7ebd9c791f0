"""The people behind a figure: a list staff open from the report ("who returned to
custody?", "who was placed?"). Staff see their caseload's people, admins everyone;
each person listed is an access-logged read (DESIGN.md, "Roles and what each may
see")."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from jobseekers import selectors as participant_selectors
from jobseekers.models import Participant
from placements.outcomes import rules
from placements.outcomes.periods import Period
from placements.outcomes.selectors.base import PROGRAM, Scope
from placements.outcomes.selectors.custody import recidivism_people
from placements.outcomes.selectors.employment import (
    credential_people,
    employed_at_9_months_people,
    retention_people,
    wioa_people,
)
from placements.outcomes.selectors.placement import (
    employed_within_30_days_people,
    people_served_people,
    placed_people,
)
from placements.outcomes.selectors.programs import (
    job_club_people,
    referred_people,
    supported_people,
    transitional_people,
)
from portal.core.audit import access_logs_record
from portal.core.models import User

# The retention lists there may be (the checkpoints in use are linked: a setting).
RETENTION_LIST_DAYS = (30, 90, 180, 365)


def _formatted(message, **params) -> str:
    """`message % params`, translated when shown (the lists are built at import)."""
    return lazy(lambda: str(message) % params, str)()


# A list longer than this is cut (the page says so): it is for looking people up.
LIST_LIMIT = 500


@dataclass(frozen=True)
class PeopleList:
    """Which people a figure counts, what `counted` means for them, the figure it is
    linked under on the report and its title."""

    people: Callable
    counted_label: str
    figure: str
    title: str
    # Custody events are as sensitive as the record: their reads are logged as such.
    what: str = "outcomes_list"


def _retention_list(days: int) -> PeopleList:
    return PeopleList(
        lambda **kwargs: retention_people(days=days, **kwargs),
        _formatted(_("Still employed %(days)s days after the start"), days=days),
        figure="retention",
        title=_formatted(_("Retention %(days)s days after a job starts"), days=days),
    )


def _wioa_list(quarters: int, counted_label: str, title: str) -> PeopleList:
    return PeopleList(
        lambda **kwargs: wioa_people(quarters=quarters, **kwargs),
        counted_label,
        figure="wioa",
        title=title,
    )


# The lists, in the order the report links them; the key is the list's URL slug.
PEOPLE_LISTS = {
    "employed_within_30_days_of_release": PeopleList(
        employed_within_30_days_people,
        _("Employed within 30 days"),
        figure="employed_within_30_days_of_release",
        title=_("Employed within 30 days of release"),
    ),
    "employed_at_9_months_after_release": PeopleList(
        employed_at_9_months_people,
        _("Employed 9 months after release"),
        figure="employed_at_9_months_after_release",
        title=_("Still employed 9 months after release"),
    ),
    "recidivism_1_year": PeopleList(
        lambda **kwargs: recidivism_people(years=1, **kwargs),
        _("Returned to custody within 1 year"),
        figure="recidivism_1_year",
        title=_formatted(_("Returned to custody within %(years)s year(s) of release"), years=1),
        what="custody_events",
    ),
    "recidivism_3_years": PeopleList(
        lambda **kwargs: recidivism_people(years=3, **kwargs),
        _("Returned to custody within 3 years"),
        figure="recidivism_3_years",
        title=_formatted(_("Returned to custody within %(years)s year(s) of release"), years=3),
        what="custody_events",
    ),
    "people_served": PeopleList(
        people_served_people,
        _("Active"),
        figure="people_served",
        title=_("People served"),
    ),
    "placements": PeopleList(
        placed_people,
        _("Placed in an unsubsidized job"),
        figure="placements",
        title=_("People with a job that started in the period"),
    ),
    **{f"retention_{days}_days": _retention_list(days) for days in RETENTION_LIST_DAYS},
    "wioa_2nd_quarter": _wioa_list(
        2, _("Employed in the 2nd quarter"), _("Employment in the 2nd quarter after exit")
    ),
    "wioa_4th_quarter": _wioa_list(
        4, _("Employed in the 4th quarter"), _("Employment in the 4th quarter after exit")
    ),
    "credential_attainment": PeopleList(
        credential_people,
        _("Certificate by the day they left"),
        figure="wioa",
        title=_("Credential attainment"),
    ),
    "transitional_jobs": PeopleList(
        transitional_people,
        _("Rated in the period"),
        figure="transitional_jobs",
        title=_("People who worked a transitional job"),
    ),
    "job_club": PeopleList(
        job_club_people,
        _("Present at least once"),
        figure="job_club",
        title=_("People expected at job club"),
    ),
    "referrals": PeopleList(
        referred_people,
        _("A referral connected"),
        figure="referrals_and_supports",
        title=_("People referred"),
    ),
    "supports": PeopleList(
        supported_people,
        _("Received a support"),
        figure="referrals_and_supports",
        title=_("People with a support"),
    ),
}


def list_in_use(key: str) -> bool:
    """Whether the list `key` exists (a retention list: its checkpoint is in use)."""
    if key not in PEOPLE_LISTS:
        return False
    spec = PEOPLE_LISTS[key]
    return any(listed == key for listed, _spec in lists_of(spec.figure))


def lists_of(figure_key: str) -> list[tuple[str, PeopleList]]:
    """The people lists linked under the figure `figure_key`, in order."""
    in_use = {f"retention_{days}_days" for days in rules.retention_checkpoints()}
    return [
        (key, spec)
        for key, spec in PEOPLE_LISTS.items()
        if spec.figure == figure_key and (not key.startswith("retention_") or key in in_use)
    ]


def people_behind(
    *,
    viewer: User,
    figure_key: str,
    period: Period,
    scope: Scope = PROGRAM,
    today: dt.date | None = None,
) -> tuple[list[dict], bool]:
    """The people the list `figure_key` counts for the period and scope whom `viewer` may see
    (staff: their caseload; admins: all), at most LIST_LIMIT, by name, each with
    `counted`. Returns (rows, cut_short). Writes one AccessLog row per person listed,
    ("outcomes_list" or "custody_events", "outcomes:<figure_key>"). KeyError for a
    figure without a list."""
    spec = PEOPLE_LISTS[figure_key]
    visible = participant_selectors.participants_visible_to(user=viewer).values("pk")
    rows = list(
        spec.people(period=period, scope=scope, today=today)
        .filter(pk__in=visible)
        .order_by("last_name", "first_name", "pk")
        .values("pk", "first_name", "last_name", "preferred_name", "release_date", "counted")[
            : LIST_LIMIT + 1
        ]
    )
    cut_short = len(rows) > LIST_LIMIT
    rows = rows[:LIST_LIMIT]
    access_logs_record(
        viewer=viewer,
        subject_model=Participant,
        subject_ids=[row["pk"] for row in rows],
        what=spec.what,
        why=f"outcomes:{figure_key}",
    )
    return rows, cut_short
