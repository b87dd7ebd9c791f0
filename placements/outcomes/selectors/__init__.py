"""The outcome figures (issue "Outcomes", "The figures" 1-11), one function each; see
base.py for what they share. Split by subject, as STYLE.md asks of a module past ~500
lines; everything is re-exported here, so callers import `placements.outcomes.selectors`."""

from placements.outcomes.selectors.base import (  # noqa: F401
    BOND_ISSUED,
    CHECK_EMPLOYED,
    CHECK_NOT_EMPLOYED,
    DAYS_BUCKETS,
    DOCUMENT_CERTIFICATE,
    EXIT_COMPLETED,
    NEW_OFFENSE,
    PROGRAM,
    RATE_PLACES,
    RECIDIVISM_KINDS,
    STATUS_ACTIVE,
    STATUS_LEFT,
    TECHNICAL_VIOLATION,
    Figure,
    Measure,
    Rate,
    Scope,
    days_between,
    median_of,
    money,
    one_report,
    people_in,
    placements_in,
    today_or,
)
from placements.outcomes.selectors.custody import (  # noqa: F401
    cost_savings,
    recidivism,
    recidivism_people,
)
from placements.outcomes.selectors.employment import (  # noqa: F401
    employed_at_9_months_after_release,
    employed_at_9_months_people,
    retention,
    wioa_indicators,
)
from placements.outcomes.selectors.placement import (  # noqa: F401
    employed_within_30_days_of_release,
    employed_within_30_days_people,
    people_served,
    placements_made,
    release_to_first_job,
)
from placements.outcomes.selectors.programs import (  # noqa: F401
    employers_results,
    hires_per_month,
    job_club,
    referrals_and_supports,
    transitional_jobs,
)
