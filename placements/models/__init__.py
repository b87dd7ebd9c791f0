"""The placements app's models, one module per area so that each stays readable:

- `fairs`: fair registrations (RSVP, check-in, profile opt-in) and interview slots,
- `applications`: applications with the fair-chance steps, interviews, placements,
  retention checks, tax-credit screening and bonding requests,
- `matching`: stored match results of the matching engine (`placements/matching/`),
- `transitional`: work sites, assignments, time entries, ratings, pay periods, payroll.
"""

from .applications import *  # noqa: F403
from .fairs import *  # noqa: F403
from .matching import *  # noqa: F403
from .transitional import *  # noqa: F403
