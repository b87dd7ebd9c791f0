"""The benchmark harness's logic (no timing is asserted: benchmarks are not tests)."""

import pytest

from bench.harness import NO_GOAL, Measure, measure, ratio_goal, table, time_goal


def _measure(subject, baseline, goal):
    return Measure("m", "subject", "baseline", subject, baseline, goal=goal)


def test_a_ratio_goal_is_judged_on_the_ratio_of_the_medians():
    # Medians 10 and 2: 5x; the slow outlier of the subject does not count.
    assert _measure([9, 10, 11, 10, 500], [2, 2, 2, 3, 1], ratio_goal(5)).verdict == "meets"
    assert _measure([9, 10, 11, 10, 12], [2, 2, 2, 2, 1], ratio_goal(4)).verdict == "misses"


def test_a_time_goal_is_judged_on_the_median_and_no_goal_is_information():
    assert _measure([900, 950, 3000, 800, 990], [], time_goal(1000)).verdict == "meets"
    assert _measure([1100] * 5, [1] * 5, time_goal(1000)).verdict == "misses"
    assert _measure([1] * 5, [1] * 5, NO_GOAL).verdict == "(info)"


def test_measure_refuses_fewer_than_five_rounds():
    with pytest.raises(ValueError, match="at least 5 rounds"):
        measure(name="x", subject=("x", lambda: None), baseline=None, rounds=4)


def test_measure_alternates_and_keeps_a_self_timed_part(capsys):
    calls = []
    result = measure(
        name="alternating",
        subject=("subject", lambda: calls.append("s") or 7.0),
        baseline=("baseline", lambda: calls.append("b")),
        rounds=5,
        warmup=1,
    )
    assert calls == ["s", "b"] * 6
    assert result.subject_ms == [7.0] * 5
    assert len(result.baseline_ms) == 5
    printed = capsys.readouterr().out
    assert "min" in printed and "median" in printed and "max" in printed
    assert "ratio of medians" in printed


def test_the_table_has_one_row_per_measure_with_goal_and_result():
    rows = table(
        [
            _measure([10] * 5, [2] * 5, ratio_goal(5)),
            _measure([2000] * 5, [], time_goal(1000)),
        ]
    ).splitlines()
    assert rows[0].split("|")[1:-1] == [
        f" {word}".ljust(len(cell))
        for word, cell in zip(
            ["measure", "value", "baseline", "ratio", "goal", "result"],
            rows[0].split("|")[1:-1],
            strict=True,
        )
    ]
    assert "5.0x" in rows[2] and "meets" in rows[2]
    assert "2000.00 ms" in rows[3] and "misses" in rows[3] and "≤ 1 s" in rows[3]
