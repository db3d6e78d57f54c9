"""The children-in-care list's filters and sort orders, read from the query string, and its rows as exported."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from lantern.care.postcodes import DISTANCE_BAND_LABELS, FAR_FROM_HOME_MILES
from lantern.care.selectors import InCareRow
from lantern.core import codes
from lantern.pages.cells import Cell

OVER_20 = "over_20"
BAND_CHOICES = [(OVER_20, f"Over {FAR_FROM_HOME_MILES} miles"), *DISTANCE_BAND_LABELS.items()]
AREA_CHOICES = [("out", "Out of area"), ("in", "In area"), ("unknown", "Not known")]
PLACEMENT_COUNT_CHOICES = [("1", "1"), ("2", "2"), ("3", "3 or more")]
NONE = "none"


def _area(row: InCareRow) -> str:
    return "unknown" if row.place.out_of_area is None else ("out" if row.place.out_of_area else "in")


def _band(row: InCareRow, chosen: str) -> bool:
    return row.place.far_from_home if chosen == OVER_20 else row.band == chosen


def _placements(row: InCareRow, chosen: str) -> bool:
    return row.placements_this_year >= 3 if chosen == "3" else str(row.placements_this_year) == chosen


# name -> (label, test of one row against the chosen value)
FILTERS: dict[str, Callable[[InCareRow, str], bool]] = {
    "placement": lambda row, chosen: row.episode.placement_type == chosen,
    "band": _band,
    "area": lambda row, chosen: _area(row) == chosen,
    "legal_status": lambda row, chosen: row.episode.legal_status == chosen,
    "permanence": lambda row, chosen: row.permanence_plan == ("" if chosen == NONE else chosen),
    "team": lambda row, chosen: row.team == ("" if chosen == NONE else chosen),
    "iro": lambda row, chosen: row.iro == ("" if chosen == NONE else chosen),
    "placements": _placements,
}

# name -> (heading, key); a missing distance sorts last either way round.
SORTS: dict[str, tuple[str, Callable[[InCareRow], object]]] = {
    "name": ("Child", lambda r: (r.child.last_name.lower(), r.child.first_name.lower(), r.child.la_child_id)),
    "start": ("Looked after since", lambda r: r.period_start),
    "legal_status": ("Legal status", lambda r: r.episode.legal_status),
    "placement": ("Placement", lambda r: r.episode.placement_type),
    "distance": ("Distance from home", lambda r: r.place.distance),
    "placements": ("Placements this year", lambda r: r.placements_this_year),
    "team": ("Team", lambda r: r.team.lower()),
}


@dataclass
class Chosen:
    filters: dict[str, str]
    sort: str
    descending: bool


def chosen_from(query) -> Chosen:
    """The filters and order asked for; anything not offered is ignored rather than refused (a list, not a form)."""
    filters = {name: query.get(name, "") for name in FILTERS if query.get(name, "")}
    sort = query.get("sort", "name")
    descending = sort.startswith("-")
    sort = sort.removeprefix("-")
    if sort not in SORTS:
        sort, descending = "name", False
    return Chosen(filters, sort, descending)


def apply(rows: list[InCareRow], chosen: Chosen) -> list[InCareRow]:
    for name, value in chosen.filters.items():
        rows = [row for row in rows if FILTERS[name](row, value)]
    key = SORTS[chosen.sort][1]
    known = [row for row in rows if key(row) is not None]
    unknown = [row for row in rows if key(row) is None]
    return sorted(known, key=key, reverse=chosen.descending) + unknown


def choices(rows: list[InCareRow]) -> dict[str, list[tuple[str, str]]]:
    """The options of each filter: national codes, and the teams and IROs among the children listed."""
    teams = sorted({row.team for row in rows if row.team})
    iros = sorted({row.iro for row in rows if row.iro})
    return {
        "placement": [(code, f"{code}: {label}") for code, label in codes.PLACEMENT_TYPE.labels.items()],
        "band": BAND_CHOICES,
        "area": AREA_CHOICES,
        "legal_status": [(code, f"{code}: {label}") for code, label in codes.LEGAL_STATUS.labels.items()],
        "permanence": [*codes.PERMANENCE_PLAN.labels.items(), (NONE, "None recorded")],
        "team": [(team, team) for team in teams] + [(NONE, "Not allocated")],
        "iro": [(iro, iro) for iro in iros] + [(NONE, "No IRO allocated")],
        "placements": PLACEMENT_COUNT_CHOICES,
    }


FILTER_LABELS = {
    "placement": "Placement type",
    "band": "Distance from home",
    "area": "In or out of area",
    "legal_status": "Legal status",
    "permanence": "Permanence plan",
    "team": "Team",
    "iro": "IRO",
    "placements": "Placements this year",
}

EXPORT_HEADERS = [
    "Child's name",
    "LA child ID",
    "Date of birth",
    "Looked after since",
    "Legal status (LS)",
    "Placement type (PLACE)",
    "Placement provider (PLACE_PROVIDER)",
    "Placement began",
    "Ofsted URN",
    "Home postcode (HOME_POST)",
    "Placement postcode (PL_POST)",
    "Distance from home in miles (PL_DISTANCE)",
    "Placement authority (PL_LA)",
    "Out of area",
    f"Over {FAR_FROM_HOME_MILES} miles",
    "Permanence plan",
    "Team",
    "Social worker",
    "IRO",
    "Placements this year",
]


def _yes_no(value: bool | None) -> str:
    return "Not known" if value is None else ("Yes" if value else "No")


def export_rows(rows: Iterable[InCareRow]) -> Iterator[list[Cell]]:
    for row in rows:
        episode, place = row.episode, row.place
        yield [
            row.child.full_name,
            row.child.la_child_id,
            row.child.date_of_birth,
            row.period_start,
            episode.legal_status,
            episode.placement_type,
            episode.placement_provider,
            episode.start_date,
            episode.urn,
            place.home_postcode,
            place.placement_postcode,
            place.distance,
            place.placement_authority,
            _yes_no(place.out_of_area),
            _yes_no(place.far_from_home if place.distance is not None else None),
            row.permanence_plan_label if row.permanence_plan else "",
            row.team,
            row.social_worker,
            row.iro,
            row.placements_this_year,
        ]
