"""What the Annex A lists share: the inspection date and its windows, the children they name, and the labels
more than one list uses.

The lettered labels are liia-tools' `Annex_A_schema.yml` verbatim ("a) Male", "e) 2A: Schools" ...), so they are
kept here rather than built from `codes` labels, whose wording is the DfE's; each map is keyed by its national code
list, and tests/returns/test_annex_a_labels.py fails when a code of that list has no Annex A label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from lantern.core import codes
from lantern.core.dates import age_on
from lantern.core.models import AuthoritySettings
from lantern.journey.models import Visit
from lantern.people.models import Child, ChildDisability
from lantern.returns.common import day_start
from lantern.workforce.models import Allocation
from lantern.workingdays.calendar import add_months

WINDOW_MONTHS = 6
COUNT_MONTHS = 12

Cell = str | int | date | None

# Labels more than one list uses (liia-tools Annex_A_schema.yml) ----------------------------------------------

YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"
GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}  # codes.SEX
# codes.ETHNICITY, in the schema's order. The schema letters REFU and NOBT both "s)"; kept as published.
ETHNICITY = {
    "WBRI": "a) WBRI", "WIRI": "b) WIRI", "WIRT": "c) WIRT", "WOTH": "d) WOTH", "WROM": "e) WROM",
    "MWBC": "f) MWBC", "MWBA": "g) MWBA", "MWAS": "h) MWAS", "MOTH": "i) MOTH", "AIND": "j) AIND",
    "APKN": "k) APKN", "ABAN": "l) ABAN", "AOTH": "m) AOTH", "BCRB": "n) BCRB", "BAFR": "o) BAFR",
    "BOTH": "p) BOTH", "CHNE": "q) CHNE", "OOTH": "r) OOTH", "REFU": "s) REFU", "NOBT": "s) NOBT",
}  # fmt: skip
# codes.REFERRAL_SOURCE (Lists 1 and 3): the schema shortens each description to its heading.
SOURCE = {
    "1A": "a) 1A: Individual", "1B": "b) 1B: Individual", "1C": "c) 1C: Individual", "1D": "d) 1D: Individual",
    "2A": "e) 2A: Schools", "2B": "f) 2B: Education services", "3A": "g) 3A: Health services",
    "3B": "h) 3B: Health services", "3C": "i) 3C: Health services", "3D": "j) 3D: Health services",
    "3E": "k) 3E: Health services", "3F": "l) 3F: Health services", "4": "m) 4: Housing",
    "5A": "n) 5A: LA services", "5B": "o) 5B: LA services", "5C": "p) 5C: LA services",
    "5D": "p1) 5D: LA services", "6": "q) 6: Police", "7": "r) 7: Other legal agency", "8": "s) 8: Other",
    "9": "t) 9: Anonymous", "10": "u) 10: Unknown",
}  # fmt: skip
# Lists 6 and 8 write the DfE's own wording, so it comes from codes.
PRIMARY_NEED = {code: f"{code} - {label}" for code, label in codes.PRIMARY_NEED.labels.items()}


def yes_no(value: bool | None, *, unknown: bool = False) -> str | None:
    if value is None:
        return UNKNOWN if unknown else None
    return YES if value else NO


# The data for one inspection date ---------------------------------------------------------------------------


@dataclass
class Row:
    """One row of a list: the child it is about and the values its own columns need (layout.py names them)."""

    child: dict
    values: dict[str, Any] = field(default_factory=dict)


class Inspection:
    """The inspection date, its windows, and what is shared by many lists (children, allocations, visits)."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.window_start = add_months(as_of, -WINDOW_MONTHS)
        self.year_start = add_months(as_of, -COUNT_MONTHS)
        self.settings = AuthoritySettings.current()
        self._children: dict[int, dict] = {}
        self._disabilities: dict[int, list[str]] = {}
        self._allocations: dict[tuple[int, str], dict] = {}
        self._visits: dict[int, list[dict]] = {}

    # Moments and windows

    @property
    def end_moment(self) -> datetime:
        return day_start(self.as_of + timedelta(days=1))

    def in_window(self, day: date | None) -> bool:
        return day is not None and self.window_start <= day <= self.as_of

    def in_last_year(self, day: date | None) -> bool:
        return day is not None and self.year_start <= day <= self.as_of

    def by_date(self, day: date | None) -> date | None:
        """The date if it has happened by the inspection date; a later date is not known yet."""
        return day if day is not None and day <= self.as_of else None

    # Children, loaded once for all the lists that name them

    def load_children(self, *child_ids: QuerySet) -> None:
        query = Q()
        for ids in child_ids:
            query |= Q(pk__in=ids)
        children = Child.objects.filter(query)
        self._children = {
            row["pk"]: row
            for row in children.values(
                "pk", "la_child_id", "sex", "ethnicity", "date_of_birth", "uasc", "uasc_ceased_date", "death_date"
            )
        }
        ids = children.values("pk")
        disabilities: dict[int, list[str]] = defaultdict(list)
        for child_id, code in ChildDisability.objects.filter(child__in=ids).values_list("child_id", "code"):
            disabilities[child_id].append(code)
        self._disabilities = disabilities
        allocations: dict[tuple[int, str], dict] = {}
        for row in (
            Allocation.objects.filter(child__in=ids, start_date__lte=self.as_of)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.as_of))
            .order_by("start_date", "pk")
            .values("child_id", "role", "team__name", "worker__first_name", "worker__last_name")
        ):
            allocations[(row["child_id"], row["role"])] = row  # the latest start wins
        self._allocations = allocations
        self._visits = defaultdict(list)
        for row in (
            Visit.objects.filter(child__in=ids, visit_date__lte=self.as_of)
            .order_by("visit_date", "pk")
            .values("child_id", "kind", "visit_date", "seen", "seen_alone", "worker__role")
        ):
            self._visits[row["child_id"]].append(row)

    def child(self, child_id: int) -> dict:
        return self._children[child_id]

    def disability(self, child: dict) -> str:
        recorded = self._disabilities.get(child["pk"], [])
        if not recorded:
            return UNKNOWN
        return YES if any(code != "NONE" for code in recorded) else NO

    def allocated(self, child: dict, role: str = Allocation.Role.SOCIAL_WORKER) -> dict | None:
        return self._allocations.get((child["pk"], role))

    def team(self, child: dict) -> str | None:
        allocation = self.allocated(child)
        return allocation["team__name"] if allocation else None

    def worker(self, child: dict, role: str = Allocation.Role.SOCIAL_WORKER) -> str | None:
        allocation = self.allocated(child, role)
        return f"{allocation['worker__first_name']} {allocation['worker__last_name']}" if allocation else None

    def visits(self, child: dict, *, kind: str | None = None, since: date | None = None) -> list[dict]:
        return [
            v
            for v in self._visits.get(child["pk"], [])
            if (kind is None or v["kind"] == kind) and (since is None or v["visit_date"] >= since)
        ]


# The columns about the child that many lists carry: layout.py names them like a list's own values, and they are
# worked out here from the child, not by each list.
CHILD_FIELDS: dict[str, Callable[[Inspection, dict], Cell]] = {
    "child_id": lambda i, child: child["la_child_id"],
    "gender": lambda i, child: GENDER.get(child["sex"]),
    "ethnicity": lambda i, child: ETHNICITY.get(child["ethnicity"]),
    "date_of_birth": lambda i, child: child["date_of_birth"],
    "age": lambda i, child: age_on(child["date_of_birth"], i.as_of),
    "disability": lambda i, child: i.disability(child),
    "team": lambda i, child: i.team(child),
    "worker": lambda i, child: i.worker(child),
    "personal_adviser": lambda i, child: i.worker(child, Allocation.Role.PERSONAL_ADVISER),
}


def grouped(rows: Iterable[dict], key: str) -> dict[Any, list[dict]]:
    groups: dict[Any, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def latest(days: Iterable[date | None]) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None
