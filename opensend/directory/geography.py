"""Postcodes to places and distances between them, with no call to the internet.

A postcode is placed at the centre of its district (the outward code, "AT3" of "AT3 4XY") from a
bundled table, `data/postcodes.csv` (synthetic for the demo area; a council replaces it with the
districts of the ONS Postcode Directory, Open Government Licence). Distances are great-circle
distances (the haversine formula) in miles, which is what "within 5 miles" means to a family.
"""

import csv
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from opensend.people.identifiers import normalise_postcode

POSTCODES = Path(__file__).parent / "data" / "postcodes.csv"
EARTH_RADIUS_MILES = 3958.8
METRES_PER_MILE = 1609.344
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?) ?[0-9][A-Z]{2}$")


@dataclass(frozen=True)
class Place:
    postcode: str
    latitude: float
    longitude: float


class UnknownPostcodeError(ValueError):
    pass


@cache
def _districts() -> dict[str, tuple[float, float]]:
    with POSTCODES.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["outward_code"]: (float(r["latitude"]), float(r["longitude"])) for r in rows}


def outward_code(postcode: str) -> str:
    """ "AT3 4XY" -> "AT3"; "at3" -> "AT3"; raises UnknownPostcodeError for anything else."""
    tidy = normalise_postcode(postcode.strip())
    if _OUTWARD.match(tidy.replace(" ", "")):
        return tidy.replace(" ", "")
    match = _FULL.match(tidy)
    if not match:
        raise UnknownPostcodeError("Enter a postcode, like AT3 4XY")
    return match.group(1)


def place_for_postcode(postcode: str) -> Place:
    """Where a postcode is, or UnknownPostcodeError with a message a family can act on."""
    district = outward_code(postcode)
    try:
        latitude, longitude = _districts()[district]
    except KeyError:
        raise UnknownPostcodeError(
            "We do not know that postcode. Enter a postcode in the area, like AT3 4XY"
        ) from None
    return Place(normalise_postcode(postcode), latitude, longitude)


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def bounding_box(place: Place, miles: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min long, max long) around a place: a cheap SQL pre-filter."""
    dlat = math.degrees(miles / EARTH_RADIUS_MILES)
    dlon = math.degrees(miles / (EARTH_RADIUS_MILES * math.cos(math.radians(place.latitude))))
    return (
        place.latitude - dlat,
        place.latitude + dlat,
        place.longitude - dlon,
        place.longitude + dlon,
    )


def district_centres() -> dict[str, tuple[float, float]]:
    """Every bundled district and its centre (for the demo generator)."""
    return dict(_districts())
