"""The whole outcomes report for a period and scope (every figure, in the order the
pages print them) and how each value is written, the same way on the page, in the CSV,
the PDF and the funder summary: a rate under the minimum cell reads "fewer than 5", and
in what leaves the program (`public=True`) so does any count of 1 to 4 people."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from placements.outcomes import rules, selectors
from placements.outcomes.periods import Period
from placements.outcomes.selectors import Figure, Measure, Rate, Scope

# The report's sections: their key (also the CSV's name) and the figures in each.
SECTIONS = (
    "reentry",
    "recidivism",
    "people_served",
    "placements",
    "release_to_first_job",
    "retention",
    "wioa",
    "cost_savings",
    "transitional_jobs",
    "employers",
    "job_club",
    "referrals_and_supports",
)


@dataclass(frozen=True)
class OutcomesReport:
    period: Period
    scope: Scope
    figures: dict[str, Figure]
    retention_definition: rules.RetentionDefinition

    def section(self, key: str) -> list[Figure]:
        if key == "reentry":
            return [
                self.figures["employed_within_30_days_of_release"],
                self.figures["employed_at_9_months_after_release"],
            ]
        if key == "recidivism":
            return [self.figures["recidivism_1_year"], self.figures["recidivism_3_years"]]
        return [self.figures[key]]


def _undated(builder):
    """A figure that does not depend on today's date, called like the others."""
    return lambda *, period, scope, today: builder(period=period, scope=scope)


# Every figure of the report, in the order the pages print them: (key, builder called
# with period, scope and today). The benchmark (`python -m bench outcomes`) times each.
FIGURE_BUILDERS = (
    ("employed_within_30_days_of_release", selectors.employed_within_30_days_of_release),
    ("employed_at_9_months_after_release", selectors.employed_at_9_months_after_release),
    ("recidivism_1_year", lambda **kwargs: selectors.recidivism(years=1, **kwargs)),
    ("recidivism_3_years", lambda **kwargs: selectors.recidivism(years=3, **kwargs)),
    ("people_served", _undated(selectors.people_served)),
    ("placements", _undated(selectors.placements_made)),
    ("release_to_first_job", _undated(selectors.release_to_first_job)),
    ("retention", selectors.retention),
    ("wioa", selectors.wioa_indicators),
    ("cost_savings", selectors.cost_savings),
    ("transitional_jobs", _undated(selectors.transitional_jobs)),
    ("employers", selectors.employers_results),
    ("job_club", _undated(selectors.job_club)),
    ("referrals_and_supports", _undated(selectors.referrals_and_supports)),
)


def outcomes_report(
    *, period: Period, scope: Scope = selectors.PROGRAM, today: dt.date | None = None
) -> OutcomesReport:
    """Every figure of the period: a fixed number of queries whatever the data's size."""
    with selectors.one_report():
        figures = [
            builder(period=period, scope=scope, today=today) for _name, builder in FIGURE_BUILDERS
        ]
    return OutcomesReport(
        period=period,
        scope=scope,
        figures={figure.key: figure for figure in figures},
        retention_definition=rules.retention_definition(),
    )


def rows_of(figure: Figure) -> list[Measure]:
    """The figure's named numbers; a single rate figure is its own one row."""
    if figure.measures:
        return list(figure.measures)
    return [Measure(figure.key, figure.title, figure.value, "rate")]


def percent(value: Decimal) -> str:
    return f"{number_format(value * 100, 1)} %"


def display(value, kind: str = "count", *, public: bool = False) -> str:
    """One value as every report writes it."""
    if isinstance(value, Rate):
        # In what leaves the program, a share of 1 to 4 people is not given either:
        # the rate times its base would tell the number.
        if value.suppressed or (public and 0 < value.count < rules.minimum_cell()):
            return _("fewer than 5")
        return percent(value.rate)
    if value is None:
        return "—"
    if kind == "money":
        return f"${number_format(value, 2, force_grouping=True)}"
    if kind in ("hours", "rating", "person_years", "number", "days"):
        places = (
            0
            if kind == "days" and value == int(value)
            else (1 if kind in ("days", "number") else 2)
        )
        return number_format(value, places, force_grouping=True)
    if public and 0 < int(value) < rules.minimum_cell():
        return _("fewer than 5")
    return number_format(value, force_grouping=True)


def count_display(number: int | None, *, public: bool = False) -> str:
    if number is None:
        return ""
    return display(number, "count", public=public)


def target_display(figure: Figure) -> str:
    return percent(figure.target) if figure.target is not None else ""
