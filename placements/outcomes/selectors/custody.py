"""Outcome figures 6-7: recidivism and the cost savings of people kept out of prison."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Greatest, TruncDate
from django.utils.translation import gettext as _

from jobseekers import selectors as participant_selectors
from placements.outcomes import rules
from placements.outcomes.periods import Period
from placements.outcomes.selectors.base import (
    EXIT_COMPLETED,
    NEW_OFFENSE,
    PROGRAM,
    RECIDIVISM_KINDS,
    TECHNICAL_VIOLATION,
    Figure,
    Measure,
    Rate,
    Scope,
    day_starts,
    days_between,
    people_in,
    today_or,
)

# --- 6. Recidivism ----------------------------------------------------------------------


def _returned(window: dt.timedelta, kinds=RECIDIVISM_KINDS) -> Exists:
    return Exists(
        participant_selectors.participants_for_reports().filter(
            pk=OuterRef("pk"),
            custody_events__kind__in=kinds,
            custody_events__occurred_on__gte=OuterRef("release_date"),
            custody_events__occurred_on__lte=OuterRef("release_date") + window,
        )
    )


def recidivism_people(
    *, period: Period, years: int, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people the `years` recidivism figure counts (its "of"), each annotated
    `counted`: True for those who returned to custody within the window."""
    window = dt.timedelta(days=365 * years)
    first, last = period.shifted(365 * years)
    last = min(last, today_or(today) - window)
    return (
        people_in(scope)
        .filter(release_date__range=(first, last))
        .annotate(counted=_returned(window))
    )


def recidivism(
    *, period: Period, years: int, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    """Returns to incarceration within `years` (1 or 3) of release, in one query."""
    window = dt.timedelta(days=365 * years)
    first, last = period.shifted(365 * years)
    last = min(last, today_or(today) - window)
    # Set-based: the people released in the window's range joined once to their
    # returns within the window and to their completed exits (only those rows: two
    # FilteredRelations), and counted distinct, instead of a subquery per person or
    # grouping every person with all their events (the same people and the same tests
    # as `recidivism_people`).
    returns = Q(
        custody_events__kind__in=RECIDIVISM_KINDS,
        custody_events__occurred_on__gte=F("release_date"),
        custody_events__occurred_on__lte=F("release_date") + window,
    )
    returned = Q(returned__isnull=False)
    completed = Q(completed__isnull=False)

    def people(condition=None) -> Count:
        return Count("pk", distinct=True, filter=condition)

    totals = (
        people_in(scope)
        .filter(release_date__range=(first, last))
        .alias(
            returned=FilteredRelation("custody_events", condition=returns),
            completed=FilteredRelation(
                "program_exits", condition=Q(program_exits__reason=EXIT_COMPLETED)
            ),
        )
        .aggregate(
            of=people(),
            count=people(returned),
            new_offense=people(Q(returned__kind=NEW_OFFENSE)),
            technical=people(Q(returned__kind=TECHNICAL_VIOLATION)),
            completers=people(completed),
            completers_returned=people(completed & returned),
        )
    )
    rate = Rate(totals["count"], totals["of"])
    comparison = {
        "missouri": rules.recidivism_comparison_missouri(),
        "missouri_year": rules.recidivism_comparison_missouri_year(),
        "high_risk_3_years": rules.recidivism_comparison_high_risk(),
    }
    return Figure(
        key=f"recidivism_{years}_year{'s' if years > 1 else ''}",
        title=_("Returned to custody within %(years)s year(s) of release") % {"years": years},
        value=rate,
        of=rate.of,
        definition=_(
            "People whose %(years)s-year window after release ended in the period (and "
            "has passed) who returned to prison or jail within it, on a new offense or a "
            "revocation for a technical violation. An arrest without a conviction or "
            "revocation is not counted. Completers: the people who completed the program. "
            "Comparison: Missouri %(missouri)s %% (%(year)s); %(high_risk)s %% predicted "
            "within 3 years for the high-risk group without help."
        )
        % {
            "years": years,
            "missouri": int(comparison["missouri"] * 100),
            "year": comparison["missouri_year"],
            "high_risk": int(comparison["high_risk_3_years"] * 100),
        },
        measures=(
            Measure("rate", _("Everyone"), rate, "rate"),
            Measure(
                "new_offense", _("New offense"), Rate(totals["new_offense"], totals["of"]), "rate"
            ),
            Measure(
                "technical_violation",
                _("Technical violation"),
                Rate(totals["technical"], totals["of"]),
                "rate",
            ),
            Measure(
                "completers",
                _("Completers"),
                Rate(totals["completers_returned"], totals["completers"]),
                "rate",
            ),
        ),
        extra={"comparison": comparison},
    )


# --- 7. Cost savings --------------------------------------------------------------------


def cost_savings(*, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None) -> Figure:
    """Person-years kept out of prison in the period x savings per person-year - the
    period's share of the operating cost, in two queries."""
    last = min(period.end, today_or(today))
    day_after = last + dt.timedelta(days=1)
    # Each person is out from `out_from` (the period's start, their release or their
    # enrolment, whichever is latest) until the day after `last`, or until their first
    # return after release if earlier. Counted in two queries instead of grouping every
    # released person with their custody events: everyone as if nobody returned (no
    # join), then, for the few who returned before `day_after`, the days (and the
    # people) that their return takes away.
    people = (
        people_in(scope)
        # Out before `day_after` (out_from < day_after): the period's start and the
        # release are (by `last`), so it is the enrolment, compared as a moment so that
        # the enrolment day is worked out (a time-zone conversion) only in the sum.
        .filter(
            release_date__isnull=False,
            release_date__lte=last,
            created_at__lt=day_starts(day_after),
        )
        .annotate(
            out_from=Greatest(
                Value(period.start),
                F("release_date"),
                TruncDate("created_at"),
                output_field=DateField(),
            )
        )
    )
    everyone = people.annotate(days_out=days_between(Value(day_after), F("out_from"))).aggregate(
        people=Count("pk"), days=Sum("days_out")
    )
    returned = (
        people.filter(
            custody_events__kind__in=RECIDIVISM_KINDS,
            custody_events__occurred_on__gte=F("release_date"),
        )
        .annotate(first_return=Min("custody_events__occurred_on"))
        .filter(first_return__lt=day_after)
        .annotate(
            # Back before they were out: none of their days count, nor they.
            days_lost=Case(
                When(
                    first_return__gt=F("out_from"),
                    then=days_between(Value(day_after), F("first_return")),
                ),
                default=days_between(Value(day_after), F("out_from")),
            )
        )
        .aggregate(
            people=Count("pk", filter=Q(first_return__lte=F("out_from"))),
            days=Sum("days_lost"),
        )
    )
    totals = {
        "people": everyone["people"] - returned["people"],
        "days": (everyone["days"] or dt.timedelta()) - (returned["days"] or dt.timedelta()),
    }
    days = totals["days"].days if totals["days"] else 0
    person_years = (Decimal(days) / rules.DAYS_IN_A_YEAR).quantize(Decimal("0.01"), ROUND_HALF_UP)
    operating_cost = rules.operating_cost_for_days(period.days)
    net = rules.cost_savings_for_person_years(
        person_years=person_years, operating_cost=operating_cost
    )
    per_year = rules.savings_per_person_year()
    return Figure(
        key="cost_savings",
        title=_("Cost savings to the state"),
        value=net,
        value_kind="money",
        of=totals["people"],
        definition=_(
            "Person-years kept out: for each participant, the days in the period (up to "
            "today) after their release, or their enrolment if later, before any return "
            "to custody, added up and divided by 365. Savings: person-years x "
            "$%(per_year)s - the program's operating cost for the period (the yearly cost "
            "x the period's days / 365)."
        )
        % {"per_year": f"{per_year:,.2f}"},
        measures=(
            Measure(
                "person_years_kept_out", _("Person-years kept out"), person_years, "person_years"
            ),
            Measure("savings_per_person_year", _("Savings per person-year"), per_year, "money"),
            Measure("operating_cost", _("Operating cost for the period"), operating_cost, "money"),
            Measure("net", _("Net savings"), net, "money"),
        ),
    )
