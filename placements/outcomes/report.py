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


def outcomes_report(
    *, period: Period, scope: Scope = selectors.PROGRAM, today: dt.date | None = None
) -> OutcomesReport:
    """Every figure of the period: a fixed number of queries whatever the data's size."""
    figures = [
        selectors.employed_within_30_days_of_release(period=period, scope=scope, today=today),
        selectors.employed_at_9_months_after_release(period=period, scope=scope, today=today),
        selectors.recidivism(period=period, years=1, scope=scope, today=today),
        selectors.recidivism(period=period, years=3, scope=scope, today=today),
        selectors.people_served(period=period, scope=scope),
        selectors.placements_made(period=period, scope=scope),
        selectors.release_to_first_job(period=period, scope=scope),
        selectors.retention(period=period, scope=scope, today=today),
        selectors.wioa_indicators(period=period, scope=scope, today=today),
        selectors.cost_savings(period=period, scope=scope, today=today),
        selectors.transitional_jobs(period=period, scope=scope),
        selectors.employers_results(period=period, scope=scope, today=today),
        selectors.job_club(period=period, scope=scope),
        selectors.referrals_and_supports(period=period, scope=scope),
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
