"""US ZIP codes and distances, from an offline table (the `zipcodes` package): no
geocoding service, no network.

One great-circle formula serves everyone: `miles_between` for two places, and
`great_circle_miles` for one place against many at once (the matching engine measures
every open job from a person's home in one numpy step). numpy is already loaded by any
process serving the portal (the matching engine needs it), so it costs nothing here.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
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


def sphere_points(latitudes, longitudes) -> np.ndarray:
    """Places (degrees; numbers or arrays) as points of the unit sphere: x, y, z along
    the last axis, shape (..., 3). An array of places is stored column by column, so
    that `great_circle_miles` reads each coordinate in one sweep."""
    latitude = np.radians(np.asarray(latitudes, dtype=np.float64))
    longitude = np.radians(np.asarray(longitudes, dtype=np.float64))
    cos_latitude = np.cos(latitude)
    points = np.stack(
        [cos_latitude * np.cos(longitude), cos_latitude * np.sin(longitude), np.sin(latitude)],
        axis=-1,
    )
    return np.asfortranarray(points)


def great_circle_miles(origin: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Miles along the Earth's surface from `origin` (one point of `sphere_points`) to
    each of `points`: the straight chord between the two points of the unit sphere,
    turned into the arc it spans (2 R asin(chord / 2), the same distance as the
    haversine). The chord comes from the difference of the coordinates, which stays
    exact for near places (a place to itself is 0 miles), unlike 2 - 2 cos."""
    chord_squared = (
        np.square(points[..., 0] - origin[0])
        + np.square(points[..., 1] - origin[1])
        + np.square(points[..., 2] - origin[2])
    )
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.minimum(np.sqrt(chord_squared) / 2, 1.0))


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles: close enough for "4 miles away"."""
    return float(great_circle_miles(sphere_points(lat1, lon1), sphere_points(lat2, lon2)))
