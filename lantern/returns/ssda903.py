"""The SSDA903 (children looked after) return as the validator's CSV tables (domain/statutory-data.md section 1).

Who is in it: every child looked after at any time in the collection year (an episode running on or after 1 April
and starting on or before 31 March), plus care leavers owed the OC3 follow-up around a 17th–21st birthday in the
year. Dates are dd/mm/YYYY; anything after 31 March has not happened yet on the return's last day, so an episode
ceasing later is written as open (DEC, REC and REASON_PLACE_CHANGE blank).

Codes are written as recorded. A code that is not valid in the collection year (Z1, H5 or P2 on an episode open in
2025/26) is left for rule 146 to report and is listed as a warning: only a person can say which of Z11–Z14 it is.

The writer reads each table once and writes child by child into all the files at once.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.db.models import Q

from lantern.care.models import (
    AdoptionDecision,
    CareEpisode,
    CLAReview,
    Conviction,
    DentalCheck,
    HealthAssessment,
    ImmunisationCheck,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from lantern.core import codes
from lantern.core.models import AuthoritySettings
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.missing.models import MissingEpisode
from lantern.people.models import Child, Relationship
from lantern.returns import ssda903_dolo
from lantern.returns.common import (
    CollectionYear,
    ExportSummary,
    add_years,
    csv_cell,
    day_start,
    ddmmyyyy,
    local_date,
)
from lantern.workforce.models import Allocation
from lantern.workingdays.calendar import add_months


@dataclass(frozen=True)
class Table:
    key: str  # the validator's name for the table
    filename: str
    columns: tuple[str, ...]


# Exact column sets of lac_validator/config.py (the validator matches a file to a table by its columns alone).
# File names follow the validator's own `run-offline` set, so the directory also works with that command.
HEADER = Table("Header", "header.csv", ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"))
EPISODES = Table(
    "Episodes",
    "episodes.csv",
    (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
)
REVIEWS = Table("Reviews", "reviews.csv", ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"))
UASC = Table("UASC", "uasc.csv", ("CHILD", "SEX", "DOB", "DUC"))
OC2 = Table(
    "OC2",
    "oc2.csv",
    (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
)
OC3 = Table("OC3", "oc3.csv", ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"))
AD1 = Table(
    "AD1",
    "ad1.csv",
    ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
)
PLACED_ADOPTION = Table(
    "PlacedAdoption",
    "placed_for_adoption.csv",
    ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
)
PREV_PERM = Table("PrevPerm", "previous_permanence.csv", ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"))
MISSING = Table("Missing", "missing.csv", ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"))
SW_EPISODES = Table("SWEpisodes", "sw_episodes.csv", ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"))

TABLES = (HEADER, EPISODES, REVIEWS, UASC, OC2, OC3, AD1, PLACED_ADOPTION, PREV_PERM, MISSING, SW_EPISODES)
DOLO = Table("DoLo", "dolo.csv", ssda903_dolo.COLUMNS)
# Every table any year's return may hold (the importer recognises each by its columns).
ALL_TABLES = (*TABLES, DOLO)


def tables_for(year: int) -> tuple[Table, ...]:
    """The tables of the collection year ending 31 March `year`: deprivation of liberty orders from 2026/27."""
    return ALL_TABLES if year >= ssda903_dolo.DOLO_FROM_YEAR else TABLES


SHORT_BREAKS = {"V3", "V4"}
ADOPTED = {"E11", "E12"}
# FOSTER_CARE (AD1): adopted by the current foster carers, which the adoptive placement type already says (rule 335).
WITH_FOSTER_CARERS = {"A3", "A5"}
# HEALTH_CHECK (OC2, under-fives): health surveillance is up to date when the last health assessment, six-monthly
# at that age, was within the six months to 31 March.
HEALTH_CHECK_MONTHS = 6
# Reasons an earlier period of care ended in a permanence order (PREV_PERM): adoption, SGO, residence/CAO.
PERMANENCE_BY_REASON = {
    **dict.fromkeys(("E11", "E12"), "P1"),
    **dict.fromkeys(("E45", "E46", "E47", "E48"), "P2"),
    "E41": "P3",
}
# OC3: the care leaver's situation "around" the birthday: from three months before to one month after.
OC3_MONTHS_BEFORE, OC3_MONTHS_AFTER = 3, 1
OC3_AGES = range(17, 22)
# SW_REASON: a new social worker within a week of the last one is a change of worker; otherwise it is first contact.
SW_CHANGE_WINDOW_DAYS = 7
# A social worker episode lasts at least three days (rule SW09STG2): a shorter stand-in (cover for a day or two, or
# what is left of an allocation after the day the child came into care) is not a social worker episode of its own.
SW_SHORTEST_DAYS = 3
FIRST_CONTACT = "FCONTA"
OTHER_REASON = "OTHERS"


@dataclass
class _Data:
    children: list[dict]
    episodes: dict[int, list[dict]]  # all-time, by child, in date order
    reviews: dict[int, list[dict]]
    own_children: dict[int, list[date | None]]
    missing: dict[int, list[dict]]
    allocations: dict[int, list[dict]]  # all-time social worker allocations, by child
    health: set[int]
    dental: set[int]
    care_leavers: dict[int, str]
    contacts: dict[int, list[dict]]
    health_dates: dict[int, list[date]]  # health assessments up to 31 March, in date order
    sdq: dict[int, dict]  # the latest SDQ in the year
    immunisations: dict[int, bool]  # the latest immunisation check up to 31 March
    substance_misuse: dict[int, list[dict]]  # identified in the year
    convicted: set[int]  # convicted in the year
    adoption: dict[int, list[dict]]  # decisions to place for adoption, with their adopters


def _grouped(rows: Iterable[dict], key: str = "child_id") -> dict[int, list[dict]]:
    groups: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _load(year: CollectionYear) -> _Data:
    looked_after = CareEpisode.objects.filter(start_date__lte=year.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=year.start)
    )
    # Care leavers who could have a 17th to 21st birthday in the year.
    leavers = CareLeaver.objects.filter(
        child__date_of_birth__gte=add_years(year.start, -max(OC3_AGES)),
        child__date_of_birth__lte=add_years(year.end, -min(OC3_AGES)),
    ).exclude(eligibility="QUALIFYING")
    in_return = Child.objects.filter(Q(pk__in=looked_after.values("child_id")) | Q(pk__in=leavers.values("child_id")))
    ids = in_return.values("pk")
    own_children: dict[int, list[date | None]] = defaultdict(list)
    for child_id, born in Relationship.objects.filter(child__in=ids, kind=Relationship.Kind.OWN_CHILD).values_list(
        "child_id", "person__date_of_birth"
    ):
        own_children[child_id].append(born)
    return _Data(
        children=list(
            in_return.order_by("la_child_id").values(
                "pk",
                "la_child_id",
                "sex",
                "date_of_birth",
                "ethnicity",
                "upn",
                "upn_unknown",
                "uasc",
                "uasc_ceased_date",
            )
        ),
        episodes=_grouped(
            CareEpisode.objects.filter(child__in=ids)
            .order_by("child_id", "start_date")
            .values(
                "child_id",
                "start_date",
                "reason_new_episode",
                "legal_status",
                "category_of_need",
                "placement_type",
                "placement_provider",
                "end_date",
                "reason_ceased",
                "reason_place_change",
                "home_postcode",
                "placement_postcode",
                "urn",
            )
        ),
        reviews=_grouped(
            CLAReview.objects.filter(child__in=ids, review_date__range=(year.start, year.end))
            .order_by("review_date")
            .values("child_id", "review_date", "participation")
        ),
        own_children=own_children,
        missing=_grouped(
            MissingEpisode.objects.filter(child__in=ids, started_at__lt=day_start(year.end + timedelta(days=1)))
            .filter(Q(returned_at__isnull=True) | Q(returned_at__gte=day_start(year.start)))
            .order_by("started_at")
            .values("child_id", "kind", "started_at", "returned_at")
        ),
        allocations=_grouped(
            Allocation.objects.filter(child__in=ids, role=Allocation.Role.SOCIAL_WORKER, start_date__lte=year.end)
            .order_by("start_date", "pk")
            .values("child_id", "start_date", "end_date", "end_reason", "worker__registration_number")
        ),
        health=set(
            HealthAssessment.objects.filter(child__in=ids, assessment_date__range=(year.start, year.end)).values_list(
                "child_id", flat=True
            )
        ),
        dental=set(
            DentalCheck.objects.filter(child__in=ids, check_date__range=(year.start, year.end)).values_list(
                "child_id", flat=True
            )
        ),
        care_leavers=dict(leavers.values_list("child_id", "eligibility")),
        contacts=_grouped(
            CareLeaverContact.objects.filter(
                child__in=leavers.values("child_id"),
                contact_date__range=(
                    add_months(year.start, -OC3_MONTHS_BEFORE),
                    add_months(year.end, OC3_MONTHS_AFTER),
                ),
            )
            .order_by("contact_date")
            .values("child_id", "contact_date", "in_touch", "activity", "accommodation")
        ),
        health_dates=_dates(
            HealthAssessment.objects.filter(child__in=ids, assessment_date__lte=year.end), "assessment_date"
        ),
        sdq={
            row["child_id"]: row
            for row in StrengthsAndDifficulties.objects.filter(
                child__in=ids, completed_on__range=(year.start, year.end)
            )
            .order_by("completed_on", "pk")
            .values("child_id", "completed_on", "score", "reason_no_score")
        },
        immunisations=dict(
            ImmunisationCheck.objects.filter(child__in=ids, checked_on__lte=year.end)
            .order_by("checked_on", "pk")
            .values_list("child_id", "up_to_date")
        ),
        substance_misuse=_grouped(
            SubstanceMisuse.objects.filter(child__in=ids, identified_on__range=(year.start, year.end))
            .order_by("identified_on", "pk")
            .values("child_id", "identified_on", "intervention_offered", "intervention_received")
        ),
        convicted=set(
            Conviction.objects.filter(child__in=ids, convicted_on__range=(year.start, year.end)).values_list(
                "child_id", flat=True
            )
        ),
        adoption=_grouped(
            AdoptionDecision.objects.filter(child__in=ids, decided_on__lte=year.end)
            .order_by("decided_on", "pk")
            .values(
                "child_id",
                "period__start_date",
                "decided_on",
                "matched_on",
                "reversed_on",
                "reversed_reason",
                "adopters__number_of_adopters",
                "adopters__sex",
                "adopters__legal_status",
            )
        ),
    )


def _dates(queryset, field: str) -> dict[int, list[date]]:
    dates: dict[int, list[date]] = defaultdict(list)
    for child_id, day in queryset.order_by(field).values_list("child_id", field):
        dates[child_id].append(day)
    return dates


class _Child:
    """One child's rows for every table, worked out from the year's data."""

    def __init__(self, child: dict, data: _Data, year: CollectionYear, lea: str) -> None:
        self.child = child
        self.data = data
        self.year = year
        self.lea = lea
        self.pk = child["pk"]
        self.dob = child["date_of_birth"]
        self.all_episodes = data.episodes.get(self.pk, [])
        self.episodes = [e for e in self.all_episodes if year.overlaps(e["start_date"], e["end_date"])]

    # Which tables ---------------------------------------------------------------------------------------------

    @property
    def looked_after_in_year(self) -> bool:
        return bool(self.episodes)

    def looked_after_on(self, day: date) -> bool:
        return any(
            e["start_date"] <= day and (e["end_date"] is None or e["end_date"] >= day) for e in self.all_episodes
        )

    @property
    def continuously_looked_after(self) -> bool:
        """Looked after throughout the 12 months to 31 March, as the validator works it out (OC2)."""
        if not self.episodes:
            return False
        for episode in self.episodes:
            if episode["reason_new_episode"] == "S" and episode["start_date"] > self.year.start:
                return False
            ended = self.year.within(episode["end_date"])
            if ended and episode["reason_ceased"] != "X1" and self.year.start <= ended < self.year.end:
                return False
            if episode["legal_status"] in SHORT_BREAKS:
                return False
        return True

    # Rows ----------------------------------------------------------------------------------------------------

    def header(self) -> list:
        child = self.child
        mother, first_child_born = "", None
        if child["sex"] == "F" and any(e["legal_status"] not in SHORT_BREAKS for e in self.episodes):
            # Rules 393/607: a girl looked after in the year (other than short breaks) has MOTHER 0 or 1. A child
            # born after the year, or after she left care, does not count yet (rule 625).
            last = self.episodes[-1]
            ceased = self.year.within(last["end_date"]) if last["reason_ceased"] != "X1" else None
            born = sorted(
                d for d in self.data.own_children.get(self.pk, []) if d is not None and d <= (ceased or self.year.end)
            )
            unknown = any(d is None for d in self.data.own_children.get(self.pk, []))
            mother = "1" if born or unknown else "0"
            first_child_born = born[0] if born else None
        upn = child["upn"] or child["upn_unknown"]
        return [
            child["la_child_id"],
            child["sex"],
            ddmmyyyy(self.dob),
            child["ethnicity"],
            upn,
            mother,
            ddmmyyyy(first_child_born),
        ]

    def episode_rows(self) -> list[list]:
        rows = []
        for episode in self.episodes:
            ended = self.year.within(episode["end_date"])
            rows.append(
                [
                    self.child["la_child_id"],
                    ddmmyyyy(episode["start_date"]),
                    episode["reason_new_episode"],
                    episode["legal_status"],
                    episode["category_of_need"],
                    episode["placement_type"],
                    episode["placement_provider"],
                    ddmmyyyy(ended),
                    episode["reason_ceased"] if ended else "",
                    # Rule 233: no reason for a placement change on an episode that has not ceased.
                    episode["reason_place_change"] if ended else "",
                    # Rules 406 and 392b: no home postcode (so no distance) for a child who is or was UASC.
                    "" if self.child["uasc"] else episode["home_postcode"],
                    episode["placement_postcode"],
                    episode["urn"],
                ]
            )
        return rows

    def review_rows(self) -> list[list]:
        return [
            [self.child["la_child_id"], ddmmyyyy(self.dob), ddmmyyyy(r["review_date"]), r["participation"]]
            for r in self.data.reviews.get(self.pk, [])
        ]

    def uasc_row(self) -> list | None:
        if not self.child["uasc"]:
            return None
        return [
            self.child["la_child_id"],
            self.child["sex"],
            ddmmyyyy(self.dob),
            ddmmyyyy(self.child["uasc_ceased_date"]),
        ]

    def oc2_row(self) -> list | None:
        """Children looked after continuously for 12 months at 31 March: their health, SDQ and offending.

        Which items apply depends on age, as the 2025/26 rules put it: SDQ from the 4th birthday (on or before
        31 March) to the 17th (on or after 1 April) (rules 186, 188, 189, 197B); health surveillance (HEALTH_CHECK)
        only under 5 at 31 March (545, 546); convictions only from 10 at 31 March (542, 543). A substance misuse
        problem brings whether an intervention was received and, if not, whether one was offered (158, 159, 192).
        No conviction or substance misuse on record is a 0; no SDQ or immunisation check on record stays blank, for
        the validator to show as missing (rules 186, 191) rather than Lantern guessing.
        """
        if not self.continuously_looked_after:
            return None
        data, pk, end = self.data, self.pk, self.year.end
        sdq_score = sdq_reason = health_check = convicted = ""
        if self.dob is not None and add_years(self.dob, 4) <= end and add_years(self.dob, 17) >= self.year.start:
            sdq = data.sdq.get(pk)
            if sdq is not None:
                sdq_score = "" if sdq["score"] is None else sdq["score"]
                sdq_reason = sdq["reason_no_score"] if sdq["score"] is None else ""
        if self.dob is not None and add_years(self.dob, 5) > end:
            recent = [d for d in data.health_dates.get(pk, []) if d > add_months(end, -HEALTH_CHECK_MONTHS)]
            health_check = "1" if recent else "0"
        if self.dob is not None and add_years(self.dob, 10) <= end:
            convicted = "1" if pk in data.convicted else "0"
        immunised = data.immunisations.get(pk)
        misuse = data.substance_misuse.get(pk, [])
        received = offered = ""
        if any(m["intervention_received"] for m in misuse):
            received = "1"
        elif any(m["intervention_received"] is False for m in misuse):
            received = "0"
            offered = "1" if any(m["intervention_offered"] for m in misuse) else "0"
        return [
            self.child["la_child_id"],
            ddmmyyyy(self.dob),
            sdq_score,
            sdq_reason,
            convicted,
            health_check,
            "" if immunised is None else ("1" if immunised else "0"),
            "1" if pk in data.dental else "0",
            "1" if pk in data.health else "0",
            "1" if misuse else "0",
            received,
            offered,
        ]

    # Adoption ------------------------------------------------------------------------------------------------

    def _decisions(self) -> list[dict]:
        """Decisions to place for adoption that the year's return reports: made by 31 March in a period of care
        that runs into the year, and not reversed before the year began (rule 118)."""
        periods = {self._period_start(e["start_date"]) for e in self.episodes}
        return [
            d
            for d in self.data.adoption.get(self.pk, [])
            if d["period__start_date"] in periods and (d["reversed_on"] is None or d["reversed_on"] >= self.year.start)
        ]

    def _period_start(self, day: date) -> date | None:
        """The start (RNE S) of the period of care that the episode starting on `day` belongs to."""
        start = None
        for episode in self.all_episodes:
            if episode["reason_new_episode"] == "S" and episode["start_date"] <= day:
                start = episode["start_date"]
        return start

    def placed_adoption_rows(self) -> list[list]:
        """PlacedAdoption: each decision that the child should be placed for adoption, and its reversal."""
        rows = []
        for decision in self._decisions():
            reversed_on = self.year.within(decision["reversed_on"])
            rows.append(
                [
                    self.child["la_child_id"],
                    ddmmyyyy(self.dob),
                    ddmmyyyy(decision["decided_on"]),
                    ddmmyyyy(reversed_on),
                    decision["reversed_reason"] if reversed_on else "",
                ]
            )
        return rows

    def ad1_row(self) -> list | None:
        """AD1: a child adopted in the year (REC E11/E12): the decision, the match and the adopters."""
        adopted = [e for e in self.episodes if e["reason_ceased"] in ADOPTED and self.year.contains(e["end_date"])]
        if not adopted:
            return None
        last = adopted[-1]
        period = self._period_start(last["start_date"])
        decision = next(
            (d for d in reversed(self.data.adoption.get(self.pk, [])) if d["period__start_date"] == period), None
        )
        if decision is None:
            # Adopted with no decision on record: AD1 is still due (rule 601 shows what is missing).
            return [self.child["la_child_id"], ddmmyyyy(self.dob), "", "", "", "", "", ""]
        number = decision["adopters__number_of_adopters"]
        return [
            self.child["la_child_id"],
            ddmmyyyy(self.dob),
            ddmmyyyy(decision["decided_on"]),
            ddmmyyyy(decision["matched_on"]),
            "1" if last["placement_type"] in WITH_FOSTER_CARERS else "0",
            "" if number is None else number,
            decision["adopters__sex"] or "",
            decision["adopters__legal_status"] or "",
        ]

    def previous_permanence_row(self) -> list | None:
        """For a child whose care started in the year (rule 630): the permanence order that ended an earlier period
        of care with this council, else Z1 ("not previously had a permanence option") as far as Lantern knows.

        Lantern holds no record of orders made elsewhere; P4 (unknown) would need LA_PERM and DATE_PERM, which
        Lantern cannot supply, so it is never written.
        """
        started = [e for e in self.episodes if e["reason_new_episode"] == "S" and self.year.contains(e["start_date"])]
        if not started:
            return None
        first_start = started[0]["start_date"]
        ended_before = [
            e
            for e in self.all_episodes
            if e["end_date"] is not None and e["end_date"] < first_start and e["reason_ceased"] != "X1"
        ]
        last = ended_before[-1] if ended_before else None
        code = PERMANENCE_BY_REASON.get(last["reason_ceased"]) if last else None
        if code is None:
            return [self.child["la_child_id"], ddmmyyyy(self.dob), "Z1", "", ""]
        return [self.child["la_child_id"], ddmmyyyy(self.dob), code, self.lea, ddmmyyyy(last["end_date"])]

    def missing_rows(self) -> list[list]:
        rows = []
        for episode in self.data.missing.get(self.pk, []):
            started = local_date(episode["started_at"])
            # Only while looked after (rule 581: the start falls within one of the year's episodes).
            if not any(
                e["start_date"] <= started and (e["end_date"] is None or started <= e["end_date"])
                for e in self.episodes
            ):
                continue
            rows.append(
                [
                    self.child["la_child_id"],
                    ddmmyyyy(self.dob),
                    episode["kind"],
                    ddmmyyyy(started),
                    ddmmyyyy(self.year.within(local_date(episode["returned_at"]))),
                ]
            )
        return rows

    def social_worker_rows(self) -> list[list]:
        """The child's social workers while looked after in the year (SWEpisodes).

        Conventions the 2025/26 rules impose: a child who came into care in the year has no social worker episode
        starting before that day (SW12STG2); SW_REASON is why this worker took over, FCONTA when nobody handed over
        within a week (SW10a/b, SW15), otherwise the reason the previous allocation ended; and the child's latest
        episode is left open (SW17STG2: a social worker episode ends only when another begins).
        """
        if not self.episodes:
            return []
        came_in = [
            e["start_date"]
            for e in self.episodes
            if e["reason_new_episode"] == "S" and e["start_date"] >= self.year.start
        ]
        floor = came_in[0] if came_in and came_in[0] == self.episodes[0]["start_date"] else None
        start = floor or self.year.start
        last = self.episodes[-1]
        still_in = last["end_date"] is None or last["end_date"] > self.year.end
        end = self.year.end if still_in else last["end_date"]
        every = self.data.allocations.get(self.pk, [])
        rows = []
        for index, allocation in enumerate(every):
            ended = allocation["end_date"]
            # A worker who handed over on the day the child came into care had no episode while looked after.
            if allocation["start_date"] > end or (ended is not None and (ended < start or (floor and ended <= floor))):
                continue
            previous = every[index - 1] if index else None
            handed_over = (
                previous is not None
                and previous["end_date"] is not None
                and abs((allocation["start_date"] - previous["end_date"]).days) <= SW_CHANGE_WINDOW_DAYS
            )
            reason = (previous["end_reason"] or OTHER_REASON) if handed_over else FIRST_CONTACT
            began = max(allocation["start_date"], floor) if floor else allocation["start_date"]
            rows.append(
                [
                    self.child["la_child_id"],
                    ddmmyyyy(self.dob),
                    allocation["worker__registration_number"],
                    began,
                    self.year.within(allocation["end_date"]),
                    reason,
                ]
            )
        if rows:
            rows[-1][4] = None
        rows = [row for row in rows if row[4] is None or (row[4] - row[3]).days >= SW_SHORTEST_DAYS]
        for previous, row in zip(rows, rows[1:], strict=False):
            # A hand-over is from the episode before it in the return (SW10STG2, SW10aSTG2): one that starts more
            # than a week after the last ended (a child who left care and came back) is a first contact.
            if previous[4] is None or abs((row[3] - previous[4]).days) > SW_CHANGE_WINDOW_DAYS:
                row[5] = FIRST_CONTACT
        for row in rows:
            row[3], row[4] = ddmmyyyy(row[3]), ddmmyyyy(row[4])
        return rows

    def oc3_row(self) -> list | None:
        """Care leavers around their 17th to 21st birthday in the year, not looked after on it (rules 1007, 1016)."""
        if self.pk not in self.data.care_leavers or self.dob is None:
            return None
        birthday = next(
            (add_years(self.dob, age) for age in OC3_AGES if self.year.contains(add_years(self.dob, age))), None
        )
        if birthday is None or self.looked_after_on(birthday):
            return None
        if add_years(self.dob, 19) > birthday and any(
            e["end_date"] is None or e["end_date"] >= birthday for e in self.episodes
        ):
            return None  # a 17- or 18-year-old who was looked after again after the birthday (rule 1016)
        window = (add_months(birthday, -OC3_MONTHS_BEFORE), add_months(birthday, OC3_MONTHS_AFTER))
        around = [c for c in self.data.contacts.get(self.pk, []) if window[0] <= c["contact_date"] <= window[1]]
        if not around:
            # No contact around the birthday: the council was not in touch; nothing is known of activity or home.
            return [self.child["la_child_id"], ddmmyyyy(self.dob), "NO", "0", "0"]
        contact = min(around, key=lambda c: (abs((c["contact_date"] - birthday).days), -c["contact_date"].toordinal()))
        return [
            self.child["la_child_id"],
            ddmmyyyy(self.dob),
            contact["in_touch"],
            contact["activity"] or "0",
            contact["accommodation"] or "0",
        ]


def export_ssda903(year: int, directory: str | Path) -> ExportSummary:
    """Write the SSDA903 for the collection year ending 31 March `year` as CSV files into `directory`."""
    collection = CollectionYear(year)
    summary = ExportSummary(f"SSDA903 {collection.label}")
    data = _load(collection)
    lea = AuthoritySettings.current().lea_code
    valid_places = set(codes.PLACEMENT_TYPE.valid_in(year))
    tables = tables_for(year)
    orders = ssda903_dolo.orders_in(collection) if DOLO in tables else {}
    directory = Path(directory)
    handles = {table.key: (directory / table.filename).open("w", newline="", encoding="utf-8") for table in tables}
    try:
        writers = {key: csv.writer(handle, lineterminator="\n") for key, handle in handles.items()}

        def write(table: Table, row: list | None) -> None:
            if row is None:
                return
            writers[table.key].writerow([csv_cell(cell) for cell in row])
            summary.count(f"{table.key} rows")

        for table in tables:
            writers[table.key].writerow(table.columns)
            summary.counts[f"{table.key} rows"] = 0
        for child in data.children:
            rows = _Child(child, data, collection, lea)
            oc3 = rows.oc3_row()
            if not rows.looked_after_in_year and oc3 is None:
                continue
            summary.children.add(rows.pk)
            write(HEADER, rows.header())
            if rows.looked_after_in_year:
                for row in rows.episode_rows():
                    write(EPISODES, row)
                    if row[5] not in valid_places:
                        summary.warnings.append(
                            f"{row[0]}: placement type {row[5]} (episode from {row[1]}) is not a {collection.label} "
                            "code; recode it (rule 146)"
                        )
                for row in rows.review_rows():
                    write(REVIEWS, row)
                write(UASC, rows.uasc_row())
                write(OC2, rows.oc2_row())
                write(AD1, rows.ad1_row())
                for row in rows.placed_adoption_rows():
                    write(PLACED_ADOPTION, row)
                write(PREV_PERM, rows.previous_permanence_row())
                for row in rows.missing_rows():
                    write(MISSING, row)
                for row in rows.social_worker_rows():
                    write(SW_EPISODES, row)
                    if not row[2]:
                        summary.warnings.append(f"{row[0]}: a social worker from {row[3]} has no registration number")
                for row in ssda903_dolo.dolo_rows(child["la_child_id"], rows.dob, orders.get(rows.pk, []), collection):
                    write(DOLO, row)
            write(OC3, oc3)
    finally:
        for handle in handles.values():
            handle.close()
    return summary
