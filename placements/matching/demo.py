"""Demo data of the matching area for `manage.py seed_demo`: the matches of the demo
participants, computed by the engine from the employers' and participants' demo rows
(idempotent: a run replaces the stored matches). At the large scale this is the nightly
run for every active participant (minutes, with a progress line per batch), so that the
benchmarks and the load test read stored matches as in production."""

from placements.matching.models import MatchResult, MatchRun
from placements.matching.services import matches_recompute_all
from portal.core.demo import analyze


def seed(*, stdout, scale: str = "small") -> None:
    if scale == "large":
        result = matches_recompute_all(stdout=stdout)
        analyze(MatchRun, MatchResult)
        stdout.write(
            f"Matches: {result['matches']:,} for {result['participants']:,} participants "
            f"against {result['jobs']:,} open jobs in {result['seconds']} s."
        )
        return
    result = matches_recompute_all()
    stdout.write(
        f"Matches: {result['matches']} for {result['participants']} participants "
        f"against {result['jobs']} open jobs."
    )
