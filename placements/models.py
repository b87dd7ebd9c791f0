"""The placements app's models, gathered from its areas so that Django keeps one app label
(`placements`) and one migration history for them all:

- `fairs`: fair registrations (RSVP, check-in, profile opt-in) and interview slots,
- `applications`: applications with the fair-chance steps, interviews, placements,
  retention checks, tax-credit screening and bonding requests,
- `matching`: stored results of the matching engine,
- `transitional`: work sites, assignments, time entries, ratings, pay periods, payroll.

Code inside an area imports its own `models` module; code outside placements may import
from here.
"""

from placements.applications.models import *  # noqa: F403
from placements.fairs.models import *  # noqa: F403
from placements.matching.models import *  # noqa: F403
from placements.transitional.models import *  # noqa: F403
