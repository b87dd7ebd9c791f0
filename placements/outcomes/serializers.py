"""The outcomes API's shapes. The field names are a contract other clients rely on
(issue "Outcomes", "Where it is shown"): keep them."""

from decimal import Decimal

from rest_framework import serializers

from placements.outcomes.report import OutcomesReport
from placements.outcomes.selectors import Figure, Rate


class RateSerializer(serializers.Serializer):
    rate = serializers.CharField(
        allow_null=True, help_text='A share such as "0.850"; null when suppressed.'
    )
    count = serializers.IntegerField()
    of = serializers.IntegerField()
    target = serializers.CharField(allow_null=True)
    suppressed = serializers.BooleanField(help_text="True when `of` is under 5: no rate is given.")


class RecidivismSerializer(RateSerializer):
    new_offense = RateSerializer()
    technical_violation = RateSerializer()
    completers = RateSerializer()
    comparison = serializers.DictField(child=serializers.CharField())


class MedianSerializer(serializers.Serializer):
    value = serializers.CharField(allow_null=True)
    of = serializers.IntegerField()


class PlacementsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    subsidized = serializers.IntegerField()
    unsubsidized = serializers.IntegerField()
    people_placed = serializers.IntegerField()
    placement_rate = RateSerializer()
    lowest_starting_wage = serializers.CharField(allow_null=True)
    highest_starting_wage = serializers.CharField(allow_null=True)
    full_time_share = RateSerializer()


class CostSavingsSerializer(serializers.Serializer):
    person_years_kept_out = serializers.CharField()
    savings_per_person_year = serializers.CharField()
    operating_cost = serializers.CharField()
    net = serializers.CharField()
    people_counted = serializers.IntegerField()


class OutcomesFiguresSerializer(serializers.Serializer):
    """Every figure of one period."""

    start = serializers.DateField()
    end = serializers.DateField()
    retention_definition = serializers.CharField()
    employed_within_30_days_of_release = RateSerializer()
    employed_at_9_months_after_release = RateSerializer()
    recidivism_1_year = RecidivismSerializer()
    recidivism_3_years = RecidivismSerializer()
    median_days_release_to_first_job = MedianSerializer()
    median_starting_wage = MedianSerializer()
    placements = PlacementsSerializer()
    cost_savings = CostSavingsSerializer()
    people_served = serializers.DictField(child=serializers.IntegerField())
    days_release_to_first_job_distribution = serializers.DictField(child=serializers.IntegerField())
    retention = serializers.DictField(
        child=RateSerializer(), help_text="Keyed by days: 30, 90, 180, 365."
    )
    wioa = serializers.DictField(child=serializers.JSONField())
    transitional_jobs = serializers.DictField(child=serializers.JSONField())
    employers = serializers.DictField(child=serializers.JSONField())
    job_club = serializers.DictField(child=serializers.JSONField())
    referrals_and_supports = serializers.DictField(child=serializers.JSONField())
    definitions = serializers.DictField(child=serializers.CharField())


class OutcomesSerializer(OutcomesFiguresSerializer):
    """Every figure of the period asked for, and the same figures for the period of the
    same length just before it (`previous_period`), to compare."""

    previous_period = OutcomesFiguresSerializer(
        help_text="The same figures for the period of the same length just before "
        "(its own `start` and `end`)."
    )


def _text(value) -> str | None:
    return None if value is None else str(value)


def _rate(rate: Rate, target: Decimal | None = None) -> dict:
    return {
        "rate": _text(rate.rate),
        "count": rate.count,
        "of": rate.of,
        "target": None if target is None else str(target.quantize(Decimal("0.001"))),
        "suppressed": rate.suppressed,
    }


def _plain(value):
    if isinstance(value, Rate):
        return _rate(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def _measures(figure: Figure) -> dict:
    return {measure.key: _plain(measure.value) for measure in figure.measures}


def _recidivism(figure: Figure) -> dict:
    comparison = figure.extra["comparison"]
    return {
        **_rate(figure.value),
        "new_offense": _rate(figure.measure("new_offense")),
        "technical_violation": _rate(figure.measure("technical_violation")),
        "completers": _rate(figure.measure("completers")),
        "comparison": {
            f"missouri_{comparison['missouri_year']}": str(
                comparison["missouri"].quantize(Decimal("0.001"))
            ),
            "high_risk_3_years": str(comparison["high_risk_3_years"].quantize(Decimal("0.001"))),
        },
    }


def outcomes_data(outcomes: OutcomesReport, *, previous: OutcomesReport | None = None) -> dict:
    """The report as the API's plain values (decimals as strings); with `previous` (the
    report of the period of the same length just before), its figures under
    `previous_period`."""
    figures = outcomes.figures
    placements = figures["placements"]
    first_job = figures["release_to_first_job"]
    savings = figures["cost_savings"]
    within_30 = figures["employed_within_30_days_of_release"]
    at_9_months = figures["employed_at_9_months_after_release"]
    data = {
        "start": outcomes.period.start,
        "end": outcomes.period.end,
        "retention_definition": outcomes.retention_definition.value,
        "employed_within_30_days_of_release": _rate(within_30.value, within_30.target),
        "employed_at_9_months_after_release": _rate(at_9_months.value, at_9_months.target),
        "recidivism_1_year": _recidivism(figures["recidivism_1_year"]),
        "recidivism_3_years": _recidivism(figures["recidivism_3_years"]),
        "median_days_release_to_first_job": {"value": _text(first_job.value), "of": first_job.of},
        "median_starting_wage": {
            "value": _text(placements.measure("median_starting_wage")),
            "of": placements.measure("unsubsidized"),
        },
        "placements": {
            "count": placements.measure("count"),
            "subsidized": placements.measure("subsidized"),
            "unsubsidized": placements.measure("unsubsidized"),
            "people_placed": placements.measure("people_placed"),
            "placement_rate": _rate(placements.measure("placement_rate")),
            "lowest_starting_wage": _text(placements.measure("lowest_starting_wage")),
            "highest_starting_wage": _text(placements.measure("highest_starting_wage")),
            "full_time_share": _rate(placements.measure("full_time_share")),
        },
        "cost_savings": {
            **{key: str(value) for key, value in _measures(savings).items()},
            "people_counted": savings.of,
        },
        "people_served": _measures(figures["people_served"]),
        "days_release_to_first_job_distribution": {
            key: value for key, value in _measures(first_job).items() if key != "median_days"
        },
        "retention": {str(days): _rate(rate) for days, rate in figures["retention"].value.items()},
        "wioa": _measures(figures["wioa"]),
        "transitional_jobs": _measures(figures["transitional_jobs"]),
        "employers": _measures(figures["employers"]),
        "job_club": _measures(figures["job_club"]),
        "referrals_and_supports": _measures(figures["referrals_and_supports"]),
        "definitions": {key: figure.definition for key, figure in figures.items()},
    }
    if previous is not None:
        data["previous_period"] = outcomes_data(previous)
    return data
