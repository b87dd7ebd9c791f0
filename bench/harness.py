"""What every benchmark shares: paired timings in rounds, goals and the final table.

The machine is noisy (two shared cores), so a measure never reports a bare time alone:
it times its subject and its baseline in alternation (ABAB...) for at least five rounds,
prints min / median / max of both, and the ratio of the medians, which is the figure
that stays comparable between runs. Some goals are absolute (a cold process within one
second, the nightly run within five minutes): those compare the subject's median with
the limit, and the baseline is printed for context.
"""

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MIN_ROUNDS = 5


@dataclass(frozen=True)
class Goal:
    """A measure's goal from issue 15's table: a ratio to the baseline at most
    `max_ratio`, or a median at most `max_ms`, or none (reported, not judged)."""

    text: str
    max_ratio: float | None = None
    max_ms: float | None = None

    def met_by(self, measure: "Measure") -> bool:
        if self.max_ratio is not None and not measure.ratio <= self.max_ratio:
            return False
        return not (self.max_ms is not None and not measure.value_ms <= self.max_ms)


NO_GOAL = Goal("—")


def ratio_goal(limit: float) -> Goal:
    return Goal(f"≤ {limit:g}x", max_ratio=limit)


def time_goal(limit_ms: float) -> Goal:
    text = f"≤ {limit_ms / 1000:g} s" if limit_ms >= 1000 else f"≤ {limit_ms:g} ms"
    return Goal(text, max_ms=limit_ms)


@dataclass
class Measure:
    name: str
    subject_label: str
    baseline_label: str
    subject_ms: list[float]
    baseline_ms: list[float]
    goal: Goal = NO_GOAL
    queries: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def value_ms(self) -> float:
        return statistics.median(self.subject_ms)

    @property
    def base_ms(self) -> float:
        return statistics.median(self.baseline_ms) if self.baseline_ms else float("nan")

    @property
    def ratio(self) -> float:
        if not self.baseline_ms:
            return float("nan")
        return self.value_ms / self.base_ms if self.base_ms else float("inf")

    @property
    def verdict(self) -> str:
        if self.goal is NO_GOAL:
            return "(info)"
        return "meets" if self.goal.met_by(self) else "misses"

    def lines(self) -> list[str]:
        queries = f", {self.queries} queries" if self.queries is not None else ""
        out = [
            f"{self.name}",
            f"  {self.subject_label:<48} {_spread(self.subject_ms)}{queries}",
        ]
        if self.baseline_ms:
            out += [
                f"  {self.baseline_label:<48} {_spread(self.baseline_ms)}",
                f"  ratio of medians {self.ratio:.2f}x over {len(self.subject_ms)} rounds",
            ]
        out += [f"  {note}" for note in self.notes]
        out.append(f"  goal {self.goal.text}: {self.verdict}")
        return out


def _spread(times: list[float]) -> str:
    return (
        f"min {_ms(min(times)):>9}  median {_ms(statistics.median(times)):>9}  "
        f"max {_ms(max(times)):>9}"
    )


def _ms(value: float) -> str:
    if value != value:  # NaN
        return "—"
    return f"{value / 1000:.2f} s" if value >= 10_000 else f"{value:.2f} ms"


def progress(text: str) -> None:
    """A progress line while `make bench` runs (flushed: the run takes minutes)."""
    print(f"  … {text}", flush=True)


def measure(
    *,
    name: str,
    subject: tuple[str, Callable[[], object]],
    baseline: tuple[str, Callable[[], object]] | None,
    goal: Goal = NO_GOAL,
    rounds: int = 20,
    warmup: int = 2,
    queries: int | None = None,
) -> Measure:
    """Time `subject` and `baseline` in alternation for `rounds` rounds (at least five)
    after `warmup` untimed rounds, print the spread, and return the Measure. A callable
    returning a float (milliseconds) reports its own timed part instead."""
    if rounds < MIN_ROUNDS:
        raise ValueError(f"a measure runs at least {MIN_ROUNDS} rounds, not {rounds}")
    subject_label, run_subject = subject
    runs = [(run_subject, [])]
    if baseline is not None:
        runs.append((baseline[1], []))
    progress(f"{name}: {warmup} warm-up and {rounds} timed rounds")
    for _ in range(warmup):
        for run, _times in runs:
            run()
    step = max(1, rounds // 4)
    for number in range(1, rounds + 1):
        for run, times in runs:
            start = time.perf_counter()
            own = run()
            elapsed = (time.perf_counter() - start) * 1000
            # A callable that times its own part (after an untimed setup) returns it.
            times.append(own if isinstance(own, float) else elapsed)
        if number % step == 0 and number < rounds and runs[0][1][-1] > 200:
            progress(f"{name}: round {number}/{rounds}")
    result = Measure(
        name=name,
        subject_label=subject_label,
        baseline_label=baseline[0] if baseline else "",
        subject_ms=runs[0][1],
        baseline_ms=runs[1][1] if baseline else [],
        goal=goal,
        queries=queries,
    )
    report(result)
    return result


def report(result: Measure) -> None:
    print("\n".join(result.lines()), flush=True)


def table(measures: list[Measure]) -> str:
    """The one table `make bench` ends with (Markdown, so the README can show it)."""
    header = ("measure", "value", "baseline", "ratio", "goal", "result")
    rows = [
        (
            m.name,
            _ms(m.value_ms),
            _ms(m.base_ms),
            f"{m.ratio:.1f}x" if m.ratio == m.ratio else "—",
            m.goal.text,
            m.verdict,
        )
        for m in measures
    ]
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join(
        [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)]
    )


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(2)
