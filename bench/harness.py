"""What every benchmark shares: a throwaway test database and paired timings.

The machine is noisy (two shared cores), so a benchmark never reports a bare time
alone: it times its subject and a baseline in alternation within one run and reports
both medians and their ratio, which is what stays comparable between runs.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Comparison:
    name: str
    subject_label: str
    baseline_label: str
    subject_ms: float
    baseline_ms: float
    rounds: int

    @property
    def ratio(self) -> float:
        return self.subject_ms / self.baseline_ms if self.baseline_ms else float("inf")

    def lines(self) -> list[str]:
        return [
            f"{self.name}",
            f"  {self.subject_label:<44} median {self.subject_ms:8.2f} ms",
            f"  {self.baseline_label:<44} median {self.baseline_ms:8.2f} ms",
            f"  ratio {self.ratio:.2f}x over {self.rounds} alternating rounds",
        ]


def compare(
    *,
    name: str,
    subject: tuple[str, Callable[[], object]],
    baseline: tuple[str, Callable[[], object]],
    rounds: int = 200,
    warmup: int = 10,
) -> Comparison:
    """Time `subject` and `baseline` in alternation (ABAB...) and compare their medians."""
    subject_label, run_subject = subject
    baseline_label, run_baseline = baseline
    for _ in range(warmup):
        run_subject()
        run_baseline()
    subject_times, baseline_times = [], []
    for _ in range(rounds):
        for run, times in ((run_subject, subject_times), (run_baseline, baseline_times)):
            start = time.perf_counter()
            run()
            times.append((time.perf_counter() - start) * 1000)
    return Comparison(
        name=name,
        subject_label=subject_label,
        baseline_label=baseline_label,
        subject_ms=statistics.median(subject_times),
        baseline_ms=statistics.median(baseline_times),
        rounds=rounds,
    )
