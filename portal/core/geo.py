"""US ZIP codes and distances, from an offline table (the `zipcodes` package): no
geocoding service, no network."""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import zipcodes
from django.utils.translation import gettext as _

from portal.core.exceptions import ApplicationError

# Five digits, or ZIP+4 ("64106-1234").
ZIP_PATTERN = re.compile(r"^\d{5}(-\d{4})?$")
EARTH_RADIUS_MILES = 3958.8


@dataclass(frozen=True)
class ZipLocation:
    zip_code: str
    city: str
    state: str
    county: str
    latitude: float
    longitude: float


@lru_cache(maxsize=50_000)
def _lookup(zip_code: str) -> ZipLocation | None:
    matches = zipcodes.matching(zip_code)
    if not matches:
        return None
    row = matches[0]
    return ZipLocation(
        zip_code=row["zip_code"],
        city=row["city"],
        state=row["state"],
        county=row["county"],
        latitude=float(row["lat"]),
        longitude=float(row["long"]),
    )


def zip_location(zip_code: str) -> ZipLocation | None:
    """Where a ZIP code is (city, state, county, centre), or None if unknown."""
    zip_code = (zip_code or "").strip()
    if not ZIP_PATTERN.match(zip_code):
        return None
    return _lookup(zip_code[:5])


def zip_location_or_error(zip_code: str, *, field: str = "zip_code") -> ZipLocation:
    """Like `zip_location`, but raises ApplicationError naming `field` for a bad ZIP."""
    location = zip_location(zip_code)
    if location is None:
        raise ApplicationError(
            _("Enter a real 5-digit US ZIP code."),
            code="invalid_zip",
            fields={field: [_("This is not a known US ZIP code.")]},
        )
    return location


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles (haversine): close enough for "4 miles away"."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = math.radians(lat2 - lat1)
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))
