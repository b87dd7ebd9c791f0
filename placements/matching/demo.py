"""Demo data of the matching area for `manage.py seed_demo`: the matches of the demo
participants, computed by the engine from the employers' and participants' demo rows
(idempotent: a run replaces the stored matches). At the large scale the nightly run is
left to `manage.py match_jobs --now` (minutes, not seconds)."""

from placements.matching.services import matches_recompute_all


def seed(*, stdout, scale: str = "small") -> None:
    if scale == "large":
        stdout.write("Matches: run `manage.py match_jobs --now` to compute them for everyone.")
        return
    result = matches_recompute_all()
    stdout.write(
        f"Matches: {result['matches']} for {result['participants']} participants "
        f"against {result['jobs']} open jobs."
    )
