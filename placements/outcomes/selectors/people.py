"""The people behind a headline figure: a list staff open from the report ("who returned
to custody?"). Staff see their caseload's people, admins everyone; each person listed is
an access-logged read (DESIGN.md, "Roles and what each may see")."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from jobseekers import selectors as participant_selectors
from jobseekers.models import Participant
from placements.outcomes.periods import Period
from placements.outcomes.selectors.base import PROGRAM, Scope
from placements.outcomes.selectors.custody import recidivism_people
from placements.outcomes.selectors.employment import employed_at_9_months_people
from placements.outcomes.selectors.placement import employed_within_30_days_people
from portal.core.audit import access_logs_record
from portal.core.models import User

# A list longer than this is cut (the page says so): it is for looking people up.
LIST_LIMIT = 500


@dataclass(frozen=True)
class PeopleList:
    """Which people a figure counts, and what `counted` means for them."""

    people: Callable
    counted_label: str
    # Custody events are as sensitive as the record: their reads are logged as such.
    what: str = "outcomes_list"


PEOPLE_LISTS = {
    "employed_within_30_days_of_release": PeopleList(
        employed_within_30_days_people, _("Employed within 30 days")
    ),
    "employed_at_9_months_after_release": PeopleList(
        employed_at_9_months_people, _("Employed 9 months after release")
    ),
    "recidivism_1_year": PeopleList(
        lambda **kwargs: recidivism_people(years=1, **kwargs),
        _("Returned to custody within 1 year"),
        what="custody_events",
    ),
    "recidivism_3_years": PeopleList(
        lambda **kwargs: recidivism_people(years=3, **kwargs),
        _("Returned to custody within 3 years"),
        what="custody_events",
    ),
}


def people_behind(
    *,
    viewer: User,
    figure_key: str,
    period: Period,
    scope: Scope = PROGRAM,
    today: dt.date | None = None,
) -> tuple[list[dict], bool]:
    """The people `figure_key` counts for the period and scope whom `viewer` may see
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
