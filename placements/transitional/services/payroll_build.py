"""Building a payroll run's stubs (issue 15): claim the shifts it pays (claims.py: no
write to the shifts), price them to the cent, write one stub per person, add the
pending adjustments. On PostgreSQL the pricing and the stubs are one statement each;
on SQLite (`make run`) every shift is priced by `pricing.price_shifts` in Python, and a
test compares the two. Called by the payroll services under the period's or the run's
lock; never on its own."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DateField, Max, Q, Sum, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import NullIf
from django.utils import timezone

from placements.transitional import pricing, rules
from placements.transitional.claims import paid_run_expression
from placements.transitional.models import (
    PayAdjustment,
    PayrollClaim,
    PayrollClaimHold,
    PayrollRun,
    PayStub,
    TimeEntry,
)
from placements.transitional.services._common import ZERO
from portal.core.money import to_money


def _claim(run: PayrollRun) -> tuple[PayrollClaim, PayrollClaim | None, int, list[int]]:
    """Record which shifts the run pays (claims.py), without writing to them: the shifts
    of its schedule worked up to the period's last day and recorded so far, less those
    of yesterday still running past midnight (they wait for the next run). Returns the
    claim, the claim of the schedule made just before the run's first one (None if
    none), the highest shift id the schedule's previous claim covered and the ids of the
    shifts held back."""
    period = run.period
    if connection.vendor == "postgresql":
        # Shifts are not saved while a run claims them (a shift committed later with a
        # lower id would look claimed without being priced), and two runs of one
        # schedule claim one after the other. Reads go on; this lasts the build.
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(TimeEntry._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
    previous = PayrollClaim.objects.filter(schedule=period.schedule).order_by("-pk").first()
    before = previous
    first_mine = PayrollClaim.objects.filter(run=run).order_by("pk").first()
    if first_mine is not None:  # built again: what comes before its first claim
        before = (
            PayrollClaim.objects.filter(schedule=period.schedule, pk__lt=first_mine.pk)
            .order_by("-pk")
            .first()
        )
    through = TimeEntry.objects.aggregate(top=Max("pk"))["top"] or 0
    claim = PayrollClaim.objects.create(
        run=run, schedule=period.schedule, through_day=period.ends_on, through_entry=through
    )
    now = timezone.localtime()
    running = TimeEntry.objects.filter(
        assignment__pay_schedule=period.schedule,
        work_date=now.date() - timedelta(days=1),
        work_date__lte=period.ends_on,
        crosses_midnight=True,
        clock_out__gt=now.time(),
        pk__lte=through,
    ).values_list("pk", flat=True)
    held = list(running)
    PayrollClaimHold.objects.bulk_create(
        PayrollClaimHold(claim=claim, entry_id=entry_id) for entry_id in held
    )
    return claim, before, (previous.through_entry if previous is not None else 0), held


def _claimed_entries(
    run: PayrollRun,
    claim: PayrollClaim,
    before: PayrollClaim | None,
    previous_through: int,
    held: list[int],
):
    """The shifts `run` pays, as a queryset. Shifts recorded after the previous claim of
    the schedule cannot be in an earlier claim, so they need no look-up (at statewide
    size nearly all of a new run's shifts); older ones are looked up claim by claim, and
    only those the claim made just before the run's first one left out (recorded after
    it, later than its last day, or held back): that claim, or an earlier one, paid
    every other (at statewide size, a million shifts not looked up one by one)."""
    period = run.period
    new = Q(payroll_run__isnull=True, pk__gt=previous_through, pk__lte=claim.through_entry)
    if held:
        new &= ~Q(pk__in=held)
    mine = Q(payroll_run=run) | new
    if previous_through:
        older = Q(payroll_run__isnull=True, pk__lte=previous_through)
        if before is not None:
            older &= (
                Q(pk__gt=before.through_entry)
                | Q(work_date__gt=before.through_day)
                | Q(pk__in=before.holds.values("entry_id"))
            )
        mine |= older & Q(paid_run_id=run.pk)
    return TimeEntry.objects.alias(paid_run_id=paid_run_expression()).filter(
        mine,
        assignment__pay_schedule=period.schedule,
        work_date__lte=period.ends_on,
    )


def _paid_by_others(run: PayrollRun, claim: PayrollClaim, previous_through: int):
    """Shifts paid by other runs, up to the period's last day (their hours count towards
    the weekly overtime threshold). Shifts of the run's schedule recorded after the
    previous claim are this run's or unpaid: no look-up for them (that test comes first,
    and the look-up is made once per shift)."""
    mine_or_unpaid = Q(pk__gt=previous_through, assignment__pay_schedule=run.period.schedule)
    return TimeEntry.objects.alias(
        other_run_id=NullIf(paid_run_expression(), Value(run.pk))
    ).filter(
        (Q(payroll_run__isnull=False) & ~Q(payroll_run=run))
        | (Q(payroll_run__isnull=True) & ~mine_or_unpaid & Q(other_run_id__isnull=False)),
        work_date__lte=run.period.ends_on,
    )


def _others_possible(run: PayrollRun) -> tuple[str, list]:
    """An SQL condition (and its parameters) for _PRICED_SQL: true when `_paid_by_others`
    may hold a shift from the first priced workweek on. Such a shift is marked with
    another run (before claims), or covered first by a claim of another run, whose last
    day is then on or after the shift's. Neither is there when no other run touched
    these weeks (a weekly run after the previous week's), so the shifts of those weeks
    are not read a second time; both look-ups go through an index."""
    first_week = RawSQL("(SELECT MIN(week) FROM weeks)", [], output_field=DateField())
    claims = PayrollClaim.objects.exclude(run_id=run.pk).filter(through_day__gte=first_week)
    marked = TimeEntry.objects.filter(
        work_date__gte=first_week, work_date__lte=run.period.ends_on, payroll_run__isnull=False
    ).exclude(payroll_run_id=run.pk)
    claims_sql, claims_params = claims.values("pk")[:1].query.sql_with_params()
    marked_sql, marked_params = marked.values("pk")[:1].query.sql_with_params()
    return (
        f"EXISTS ({claims_sql}) OR EXISTS ({marked_sql})",
        [*claims_params, *marked_params],
    )


def build_stubs(run: PayrollRun) -> int:
    """Claim the unpaid shifts of the run's schedule up to the period's last day that
    have ended (late shifts of earlier days are paid here, never lost; a shift still
    running past midnight waits for the next run), price them, write a stub per person
    and add the pending adjustments. A fixed number of queries whatever the number of
    people, and no write to the shifts themselves. Returns the number of stubs."""
    period = run.period
    claim, before, previous_through, held = _claim(run)
    claimed = _claimed_entries(run, claim, before, previous_through, held)
    paid_by_others = _paid_by_others(run, claim, previous_through)
    options = {
        "threshold": rules.overtime_weekly_threshold(),
        "multiplier": rules.overtime_multiplier(),
    }
    if connection.vendor == "postgresql":
        _stubs_in_sql(
            claimed, paid_by_others, run, **options, others_possible=_others_possible(run)
        )
    else:
        priced_by_participant, _count = _priced_in_python(
            claimed, paid_by_others, period, **options
        )
        PayStub.objects.bulk_create(
            PayStub(
                run=run,
                participant_id=participant_id,
                regular_hours=priced.regular,
                overtime_hours=priced.overtime,
                hourly_rate=priced.rates[-1],
                rate_changed=len(priced.rates) > 1,
                work_pay=priced.gross,
                adjustments_total=ZERO,
                gross=priced.gross,
            )
            for participant_id, priced in sorted(priced_by_participant.items())
        )
    _add_adjustments(run)
    totals = run.stubs.aggregate(
        gross=Sum("gross"),
        regular=Sum("regular_hours"),
        overtime=Sum("overtime_hours"),
        stubs=Count("pk"),
    )
    run.total_gross = totals["gross"] or ZERO
    run.total_hours = (totals["regular"] or ZERO) + (totals["overtime"] or ZERO)
    run.save(update_fields=["total_gross", "total_hours"])
    return totals["stubs"]


def _add_adjustments(run: PayrollRun) -> None:
    """Put every pending adjustment on its person's stub of this run (a stub of its own
    for someone without shifts in it). Four queries whatever the number."""
    adjustments = defaultdict(list)
    # Locked: two runs built at once (a daily and a weekly one) must not both pay the
    # same pending adjustment; the second waits and then no longer sees it as pending.
    pending = PayAdjustment.objects.select_for_update().filter(paid_on__isnull=True)
    for adjustment in pending.order_by("pk"):
        adjustments[adjustment.participant_id].append(adjustment)
    if not adjustments:
        return
    stubs = {
        stub.participant_id: stub
        for stub in PayStub.objects.filter(run=run, participant_id__in=list(adjustments))
    }
    changed, new = [], []
    for participant_id, items in sorted(adjustments.items()):
        stub = stubs.get(participant_id)
        if stub is None:
            stub = PayStub(run=run, participant_id=participant_id, hourly_rate=ZERO, gross=ZERO)
            new.append(stub)
        else:
            changed.append(stub)
        stub.adjustments_total = to_money(sum((item.amount for item in items), ZERO))
        stub.regular_hours += sum((item.hours for item in items), ZERO)
        stub.gross = stub.work_pay + stub.adjustments_total
    PayStub.objects.bulk_update(changed, ["adjustments_total", "regular_hours", "gross"])
    PayStub.objects.bulk_create(new)
    for participant_id, items in adjustments.items():
        stub = stubs.get(participant_id) or next(
            s for s in new if s.participant_id == participant_id
        )
        for item in items:
            item.paid_on = stub
    PayAdjustment.objects.bulk_update(
        [item for items in adjustments.values() for item in items], ["paid_on"]
    )


def _priced_in_python(claimed, paid_by_others, period, *, threshold, multiplier):
    """{participant id: PricedShifts} of the claimed shifts, and their number: every
    shift read and priced by `pricing.price_shifts` (SQLite, where sums of decimals
    are not exact; `make run` and small programs)."""
    first_weekday = rules.workweek_first_weekday()
    entries = list(claimed.values_list("participant_id", "work_date", "hours", "hourly_rate"))
    shifts = defaultdict(list)
    for participant_id, work_date, hours, rate in entries:
        shifts[participant_id].append((work_date, hours, rate))
    earliest = min((row[1] for row in entries), default=period.starts_on)
    week_floor = pricing.workweek_start(earliest, first_weekday=first_weekday)
    # Hours already paid by other runs in the workweeks touched count towards overtime.
    already = defaultdict(lambda: defaultdict(Decimal))
    paid_rows = (
        paid_by_others.filter(work_date__gte=week_floor)
        .values_list("participant_id", "work_date")
        .annotate(total=Sum("hours"))
    )
    for participant_id, work_date, total in paid_rows:
        if participant_id in shifts:
            week = pricing.workweek_start(work_date, first_weekday=first_weekday)
            already[participant_id][week] += total
    priced = {
        participant_id: pricing.price_shifts(
            days,
            weekly_threshold=threshold,
            overtime_multiplier=multiplier,
            first_weekday=first_weekday,
            hours_already_in_week=already.get(participant_id),
        )
        for participant_id, days in shifts.items()
    }
    return priced, len(entries)


# The rules of `pricing.price_shifts`, set-based, reading the claimed shifts once. Per
# person and workweek (hours paid by other runs in that week count first): in a week
# with one hourly rate, the regular hours are min(week's hours, threshold - hours
# already paid) and the rest overtime, whatever the order of the shifts (pay is linear
# in the hours), so one pass that sums each week is enough. Only a week with a rate
# change goes shift by shift, in the order price_shifts uses (day, hours, rate): its
# shifts are read again through the (participant, day) index, for those weeks alone
# (none in most runs). Hours other runs paid in those weeks are read only when another
# run could have paid any (`others_possible`, checked once on claims and old marks
# before any shift is read). Sums are exact numerics per person and rate, so a row per
# person and rate comes out (not 70,000 shifts), with the number of shifts and the key
# of the first shift at that rate, to order the rates as price_shifts meets them: day
# and hours as one integer, or the week's first day for a week at one rate (a person's
# weeks never share a day, so that orders them alike). Each person's pay is rounded
# once.
_WEEK = "work_date - ((work_date - DATE '0001-01-01' + 7 - %s) %% 7)"  # 0001-01-01: a Monday

_PRICED_SQL = """
WITH weeks AS MATERIALIZED (
    SELECT participant_id, {week} AS week, SUM(hours) AS hours,
           MIN(hourly_rate) AS hourly_rate, MAX(hourly_rate) AS top_rate, COUNT(*) AS entries
    FROM ({claimed}) AS claimed (participant_id, work_date, hours, hourly_rate)
    GROUP BY 1, 2
),
paid AS (
    SELECT participant_id, {week} AS week, SUM(hours) AS hours
    FROM ({others}) AS others (participant_id, work_date, hours)
    WHERE ({others_possible}) AND work_date >= (SELECT MIN(week) FROM weeks)
    GROUP BY 1, 2
),
lines AS (
    SELECT w.participant_id, w.hourly_rate, w.hours,
           LEAST(w.hours, GREATEST(%s - COALESCE(p.hours, 0), 0)) AS regular,
           (w.week - DATE '0001-01-01')::bigint * 10000000 AS first_key, w.entries
    FROM weeks w
    LEFT JOIN paid p ON p.participant_id = w.participant_id AND p.week = w.week
    WHERE w.hourly_rate = w.top_rate
    UNION ALL
    SELECT w.participant_id, s.hourly_rate, s.hours,
           LEAST(s.hours, GREATEST(%s - COALESCE(p.hours, 0) - s.hours_before, 0)),
           s.first_key, 1
    FROM weeks w
    LEFT JOIN paid p ON p.participant_id = w.participant_id AND p.week = w.week
    CROSS JOIN LATERAL (
        SELECT hours, hourly_rate,
               (work_date - DATE '0001-01-01')::bigint * 10000000 + (hours * 100)::bigint
                 AS first_key,
               SUM(hours) OVER (ORDER BY work_date, hours, hourly_rate
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                 - hours AS hours_before
        FROM ({claimed}) AS claimed (participant_id, work_date, hours, hourly_rate)
        WHERE participant_id = w.participant_id AND work_date BETWEEN w.week AND w.week + 6
    ) AS s
    WHERE w.hourly_rate <> w.top_rate
)
SELECT participant_id, hourly_rate, regular, hours - regular,
       hourly_rate * (regular + (hours - regular) * %s), first_key, entries
FROM (
    SELECT participant_id, hourly_rate, SUM(regular) AS regular, SUM(hours) AS hours,
           MIN(first_key) AS first_key, SUM(entries) AS entries
    FROM lines
    GROUP BY participant_id, hourly_rate
) AS rates
"""


def _priced_sql(
    claimed, paid_by_others, *, threshold, multiplier, others_possible=("TRUE", [])
) -> tuple[str, list]:
    """_PRICED_SQL with its parameters, for the claimed shifts. `others_possible`: an
    SQL condition (with its parameters) false when no shift of `paid_by_others` can be
    in the priced weeks (`(SELECT MIN(week) FROM weeks)` is the first one's Monday, or
    whichever day starts the workweek); the default reads them every time."""
    first_weekday = rules.workweek_first_weekday()
    claimed_sql, claimed_params = (
        claimed.order_by()
        .values_list("participant_id", "work_date", "hours", "hourly_rate")
        .query.sql_with_params()
    )
    others_sql, others_params = (
        paid_by_others.order_by()
        .values_list("participant_id", "work_date", "hours")
        .query.sql_with_params()
    )
    possible_sql, possible_params = others_possible
    sql = _PRICED_SQL.format(
        week=_WEEK,
        claimed=claimed_sql,
        others=others_sql,
        others_possible=possible_sql,
    )
    params = [
        first_weekday,
        *claimed_params,
        first_weekday,
        *others_params,
        *possible_params,
        threshold,
        threshold,
        *claimed_params,
        multiplier,
    ]
    return sql, params


def _priced_in_sql(claimed, paid_by_others, period, *, threshold, multiplier):
    """{participant id: PricedShifts} of the claimed shifts, and their number, priced in
    one PostgreSQL statement (the same rules as `_priced_in_python`, which a test
    compares it with)."""
    sql, params = _priced_sql(claimed, paid_by_others, threshold=threshold, multiplier=multiplier)
    rows_by_participant = defaultdict(list)
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for participant_id, rate, regular, overtime, amount, first, entries in cursor.fetchall():
            rows_by_participant[participant_id].append((first, rate, regular, overtime, amount))
            count += int(entries)
    cent = Decimal("0.01")
    priced = {}
    for participant_id, rows in rows_by_participant.items():
        rows.sort()  # rates in the order price_shifts meets them: day, hours, rate
        priced[participant_id] = pricing.PricedShifts(
            regular=sum((row[2] for row in rows), ZERO).quantize(cent),
            overtime=sum((row[3] for row in rows), ZERO).quantize(cent),
            gross=to_money(sum((row[4] for row in rows), ZERO)),
            rates=tuple(row[1] for row in rows),
        )
    return priced, count


# One stub per person from the rows of _PRICED_SQL (one per person and rate): hours
# summed exactly, pay rounded once to the cent (ROUND on numeric rounds half away from
# zero, as `to_money`'s ROUND_HALF_UP), the last rate met as the stub's rate (the
# greatest first key, then the higher rate, as price_shifts sorts a day's shifts), as
# `_priced_in_python` does.
_STUBS_SQL = """
INSERT INTO {stubs} (run_id, participant_id, regular_hours, overtime_hours, hourly_rate,
                     rate_changed, work_pay, adjustments_total, gross)
SELECT %s, participant_id, SUM(regular), SUM(overtime),
       (MAX(ARRAY[first_key, hourly_rate]))[2],
       COUNT(*) > 1, ROUND(SUM(amount), 2), 0, ROUND(SUM(amount), 2)
FROM ({priced}) AS rates (participant_id, hourly_rate, regular, overtime, amount, first_key,
                         entries)
GROUP BY participant_id
"""


def _stubs_in_sql(
    claimed, paid_by_others, run, *, threshold, multiplier, others_possible=("TRUE", [])
) -> None:
    """Write the run's stubs from the claimed shifts in one PostgreSQL statement (no
    shift and no stub passes through Python; a test compares it with the Python
    pricing). `others_possible`: see `_priced_sql`."""
    sql, params = _priced_sql(
        claimed,
        paid_by_others,
        threshold=threshold,
        multiplier=multiplier,
        others_possible=others_possible,
    )
    stubs = connection.ops.quote_name(PayStub._meta.db_table)
    with connection.cursor() as cursor:
        # The planner's cost for the rate-change branch (a look-up per week it cannot
        # count in advance) passes jit_above_cost, and compiling the statement then took
        # half a second, longer than running it (5,000 people): no JIT for this run.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(_STUBS_SQL.format(stubs=stubs, priced=sql), [run.pk, *params])
