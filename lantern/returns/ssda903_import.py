"""`lantern import ssda903 FILES|DIR`: SSDA903 CSV tables into Lantern's records (see importing.py for the rules).

Tables are recognised by their columns, as the validator does. A child must already be on Lantern's record (the
return has no names). What is imported, matched by natural key so a second import writes nothing:

* Header: sex, date of birth, ethnicity and UPN (or the reason it is unknown) where Lantern has none;
* Episodes: each episode by child and start date; episodes are grouped into periods of care (a period starts with
  RNE S; an episode that continues a period begun before the file joins Lantern's period for that date);
* Reviews (by child and date, in the period of care that covers the date), UASC (status and the date it ceased),
  Missing (by child, kind and start date; the file has dates only, so times are midnight);
* SWEpisodes: a social worker allocation for a worker known by registration number, unless that worker is already
  allocated to the child over the episode's start;
* PlacedAdoption: the decision that the child should be placed for adoption (by child and date, in the period of care
  that covers it) and its reversal; AD1: the match and the adopters (a household named "<CHILD>-ADOPTERS" where the
  decision has none). FOSTER_CARE is not kept: the adoptive placement type (A3/A5 or A4/A6) already says it.
* DoLo (from 2026/27): a deprivation of liberty order by child and start date, through the form's service; the
  return names no court or accommodation, so those read "Not recorded in the SSDA903 return".

OC2 (a year's yes/no items with no dates), OC3 and PrevPerm have no home in Lantern's record as such; their rows are
counted and left out.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

from lantern.care.models import Adopters, AdoptionDecision, CareEpisode, CarePeriod, CLAReview
from lantern.care.services import (
    adopters_from_return,
    adoption_decision_from_return,
    care_episode_from_return,
    care_period_from_return,
    cla_review_record,
)
from lantern.core import codes
from lantern.leaving_care.models import CareLeaver
from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.liberty.services import dolo_record
from lantern.missing.models import MissingEpisode
from lantern.missing.services import missing_episode_record
from lantern.people.models import Child
from lantern.people.services import child_from_return
from lantern.returns.importing import ImportResult, Invalid, Place, Plan, parse_code, parse_date
from lantern.returns.ssda903 import ALL_TABLES
from lantern.workforce.models import Allocation, Worker
from lantern.workforce.services import allocation_from_return

NOT_KEPT = ("OC2", "OC3", "PrevPerm")
NUMBER_OF_ADOPTERS = {"1": 1, "2": 2}
UNKNOWN_UPN = {"UN1", "UN2", "UN3", "UN4", "UN5"}
CHUNK = 500
MAX_CSV_BYTES = 100 * 1024 * 1024

# Each record is written by its service (the form's rules); a refusal names the file's column for the field.
CHILD_COLUMNS = {"sex": "SEX", "date_of_birth": "DOB", "ethnicity": "ETHNIC", "upn": "UPN", "upn_unknown": "UPN"}
UASC_COLUMNS = {"uasc_ceased_date": "DUC"}
PERIOD_COLUMNS = {"start_date": "DECOM", "end_date": "DEC"}
EPISODE_COLUMNS = {
    "start_date": "DECOM", "end_date": "DEC", "reason_new_episode": "RNE", "legal_status": "LS",
    "category_of_need": "CIN", "placement_type": "PLACE", "placement_provider": "PLACE_PROVIDER",
    "reason_ceased": "REC", "reason_place_change": "REASON_PLACE_CHANGE", "home_postcode": "HOME_POST",
    "placement_postcode": "PL_POST", "urn": "URN",
}  # fmt: skip
ALLOCATION_COLUMNS = {"start_date": "SW_DECOM", "end_date": "SW_DEC", "worker": "SW_ID", "end_reason": "SW_REASON"}
ADOPTERS_COLUMNS = {"number_of_adopters": "NB_ADOPTR", "sex": "SEX_ADOPTR", "legal_status": "LS_ADOPTR"}
DECISION_COLUMNS = {"matched_on": "DATE_MATCH", "reversed_on": "DATE_PLACED_CEASED", "reason": "REASON_PLACED_CEASED"}


class _Row:
    def __init__(self, values: dict[str, str], place: Place) -> None:
        self.values = {k: (v or "").strip() for k, v in values.items()}
        self.place = place

    def text(self, column: str) -> str | None:
        return self.values.get(column) or None

    def date(self, column: str, *, required: bool = False) -> date | None:
        try:
            value = parse_date(self.text(column), formats="uk")
        except Invalid as error:
            self.place.problem(column, str(error))
            return None
        if required and value is None:
            self.place.problem(column, "is required")
        return value

    def code(self, column: str, allowed, what: str | None = None, *, required: bool = False) -> str | None:
        try:
            value = parse_code(self.text(column), allowed, what or column)
        except Invalid as error:
            self.place.problem(column, str(error))
            return None
        if required and value is None:
            self.place.problem(column, "is required")
        return value


def _files(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(sorted(path.glob("*.csv")) if path.is_dir() else [path])
    return found


def _midnight(day: date | None) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) if day else None


NOT_IN_RETURN = "Not recorded in the SSDA903 return"


class Ssda903Import:
    def __init__(self, paths: Iterable[str | Path], result: ImportResult) -> None:
        self.paths = _files(paths)
        self.result = result
        self.plan = Plan(result)
        self.rows: dict[str, list[_Row]] = defaultdict(list)

    def read(self) -> None:
        by_columns = {frozenset(table.columns): table.key for table in ALL_TABLES}
        seen: dict[str, str] = {}
        for path in self.paths:
            place = Place(self.result, path.name, None, None)
            if not path.is_file():
                place.problem(None, "no such file")
                continue
            if path.stat().st_size > MAX_CSV_BYTES:
                place.problem(None, f"refused: larger than {MAX_CSV_BYTES:,} bytes")
                continue
            try:
                with path.open(newline="", encoding="utf-8-sig") as handle:
                    reader = csv.DictReader(handle)
                    key = by_columns.get(frozenset(reader.fieldnames or ()))
                    repeated = sorted({name for name in reader.fieldnames or () if reader.fieldnames.count(name) > 1})
                    if repeated:
                        # Two cells for one item could disagree, and a reader would silently keep the last.
                        place.at(1).problem(None, f"the columns {repeated} appear more than once")
                        continue
                    if key is None:
                        place.at(1).problem(None, f"the columns {reader.fieldnames} are not an SSDA903 table")
                        continue
                    if key in seen:
                        place.at(1).problem(None, f"a second {key} table (the first is {seen[key]})")
                        continue
                    seen[key] = path.name
                    for values in reader:
                        if None in values:
                            Place(self.result, path.name, reader.line_num, None).problem(None, "too many cells")
                            continue
                        if any("\x00" in (value or "") for value in values.values()):
                            # Not text (and PostgreSQL refuses a NUL in a query): reported, not looked up.
                            Place(self.result, path.name, reader.line_num, None).problem(None, "a NUL character")
                            continue
                        child = (values.get("CHILD") or "").strip() or None
                        self.rows[key].append(_Row(values, Place(self.result, path.name, reader.line_num, child)))
            except UnicodeDecodeError:
                place.problem(None, "not UTF-8 text")
            except csv.Error as error:
                place.problem(None, f"not readable as CSV ({error})")

    def run(self, *, apply: bool, by=None) -> ImportResult:
        self.read()  # a file that is not a table is a problem; the tables that are still get checked
        ids = sorted({row.place.child for rows in self.rows.values() for row in rows if row.place.child})
        self.children: dict[str, Child] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            self.children.update({c.la_child_id: c for c in Child.objects.filter(la_child_id__in=chunk)})
        self._load_existing()
        for row in self.rows["Header"]:
            self._header(row)
        self._episodes()
        for row in self.rows["Reviews"]:
            self._review(row)
        for row in self.rows["UASC"]:
            self._uasc(row)
        for row in self.rows["Missing"]:
            self._missing(row)
        for row in self.rows["SWEpisodes"]:
            self._social_worker(row)
        # AD1 first: adopters are saved before the decision that names them.
        for row in self.rows["AD1"]:
            self._ad1(row)
        for row in self.rows["PlacedAdoption"]:
            self._placed_adoption(row)
        for row in self.rows["DoLo"]:
            self._dolo(row)
        for key in NOT_KEPT:
            if self.rows[key]:
                self.result.notes.append(f"{len(self.rows[key])} {key} rows not imported: Lantern does not keep them.")
        if self.result.problems:
            return self.result
        self.plan.apply(by=by, commit=apply)
        return self.result

    def _load_existing(self) -> None:
        pks = [c.pk for c in self.children.values()]
        self.periods: dict[int, list[CarePeriod]] = defaultdict(list)
        self.episodes: dict[tuple[int, date], CareEpisode] = {}
        self.reviews: set[tuple[int, date]] = set()
        self.missing: set[tuple[int, str, date]] = set()
        self.allocations: dict[int, list[Allocation]] = defaultdict(list)
        self.care_leavers: set[int] = set()
        self.decisions: dict[tuple[int, date], AdoptionDecision] = {}
        self.orders: set[tuple[int, date]] = set(
            DeprivationOfLibertyOrder.objects.filter(child_id__in=pks).values_list("child_id", "start_date")
        )
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            for period in CarePeriod.objects.filter(child__in=chunk).order_by("start_date"):
                self.periods[period.child_id].append(period)
            for episode in CareEpisode.objects.filter(child__in=chunk):
                self.episodes[(episode.child_id, episode.start_date)] = episode
            self.reviews |= set(CLAReview.objects.filter(child__in=chunk).values_list("child_id", "review_date"))
            for child_id, kind, started in MissingEpisode.objects.filter(child__in=chunk).values_list(
                "child_id", "kind", "started_at"
            ):
                self.missing.add((child_id, kind, timezone.localtime(started).date()))
            for allocation in Allocation.objects.filter(child__in=chunk, role=Allocation.Role.SOCIAL_WORKER):
                self.allocations[allocation.child_id].append(allocation)
            self.care_leavers |= set(CareLeaver.objects.filter(child__in=chunk).values_list("child_id", flat=True))
            for decision in AdoptionDecision.objects.filter(child__in=chunk).select_related("adopters"):
                self.decisions[(decision.child_id, decision.decided_on)] = decision
        registration_numbers = {row.text("SW_ID") for row in self.rows["SWEpisodes"] if row.text("SW_ID")}
        self.workers = {
            w.registration_number: w for w in Worker.objects.filter(registration_number__in=registration_numbers)
        }
        references = {self._adopters_reference(row.place.child or "") for row in self.rows["AD1"]}
        self.adopters = {a.reference: a for a in Adopters.objects.filter(reference__in=references)}

    def _child(self, row: _Row) -> Child | None:
        if not row.place.child:
            row.place.problem("CHILD", "is required")
            return None
        child = self.children.get(row.place.child)
        if child is None:
            row.place.problem("CHILD", "is not on Lantern's record: add the child first (a return carries no names)")
        return child

    # Tables ------------------------------------------------------------------------------------------------

    def _header(self, row: _Row) -> None:
        child = self._child(row)
        if child is None:
            return
        upn = row.text("UPN")
        values = {
            "sex": row.code("SEX", codes.SEX.codes),
            "date_of_birth": row.date("DOB"),
            "ethnicity": row.code("ETHNIC", codes.ETHNICITY.codes),
            "upn": upn if upn and upn not in UNKNOWN_UPN else None,
            "upn_unknown": upn if upn in UNKNOWN_UPN else None,
        }
        if values["sex"] == "U":
            values["sex"] = None
        self.plan.merge(
            child, values, row.place, "children", same=lambda name, current, _: name == "sex" and current == "U",
            saver=child_from_return, columns=CHILD_COLUMNS,
        )  # fmt: skip

    def _episodes(self) -> None:
        by_child: dict[str, list[_Row]] = defaultdict(list)
        for row in self.rows["Episodes"]:
            by_child[row.place.child or ""].append(row)
        for rows in by_child.values():
            child = self._child(rows[0])
            if child is None:
                continue
            parsed = []
            for row in rows:
                start = row.date("DECOM", required=True)
                if start is not None:
                    parsed.append((start, row))
            period = None
            for start, row in sorted(parsed, key=lambda pair: pair[0]):
                period = self._episode(child, start, row, period)

    def _period_on(self, child: Child, day: date) -> CarePeriod | None:
        for period in self.periods.get(child.pk, []):
            if period.start_date <= day and (period.end_date is None or day <= period.end_date):
                return period
        return None

    def _episode(self, child: Child, start: date, row: _Row, period: CarePeriod | None) -> CarePeriod | None:
        rne = row.code("RNE", codes.REASON_NEW_EPISODE.codes, required=True)
        ended = row.date("DEC")
        reason = row.code("REC", codes.REASON_EPISODE_CEASED.codes)
        values = {
            "reason_new_episode": rne,
            "legal_status": row.code("LS", codes.LEGAL_STATUS.codes, required=True),
            "category_of_need": row.code("CIN", codes.CATEGORY_OF_NEED.codes, required=True),
            "placement_type": row.code("PLACE", codes.PLACEMENT_TYPE.codes, required=True),
            "placement_provider": row.code("PLACE_PROVIDER", codes.PLACEMENT_PROVIDER.codes),
            "end_date": ended,
            "reason_ceased": reason,
            "reason_place_change": row.code("REASON_PLACE_CHANGE", codes.REASON_PLACE_CHANGE.codes),
            "home_postcode": row.text("HOME_POST"),
            "placement_postcode": row.text("PL_POST"),
            "urn": row.text("URN"),
        }
        if rne == "S" or period is None:
            period = self._period_on(child, start)
            if period is None and rne == "S":
                period = CarePeriod(child=child, start_date=start)
                self.periods[child.pk].append(period)
                self.plan.create(
                    period, row.place, "periods of care", saver=care_period_from_return, columns=PERIOD_COLUMNS
                )
            elif period is None:
                row.place.problem(
                    "RNE", f"the episode from {start} continues a period of care that is not in the file or in Lantern"
                )
                return None
        episode = self.episodes.get((child.pk, start))
        if episode is None:
            episode = CareEpisode(period=period, child=child, start_date=start)
            self.episodes[(child.pk, start)] = episode
            self.plan.create(episode, row.place, "episodes", saver=care_episode_from_return, columns=EPISODE_COLUMNS)
        self.plan.merge(episode, values, row.place, "episodes", saver=care_episode_from_return, columns=EPISODE_COLUMNS)
        if ended is not None and reason and reason != "X1":
            self.plan.merge(
                period, {"end_date": ended}, row.place, "periods of care", saver=care_period_from_return,
                columns=PERIOD_COLUMNS,
            )  # fmt: skip
        return period

    def _review(self, row: _Row) -> None:
        child = self._child(row)
        day = row.date("REVIEW", required=True)
        participation = row.code("REVIEW_CODE", codes.REVIEW_PARTICIPATION.codes, required=True)
        if child is None or day is None or (child.pk, day) in self.reviews:
            if child is not None and day is not None:
                self.result.unchanged["CLA reviews"] += 1
            return
        self.reviews.add((child.pk, day))
        # The form's service: the same rules (looked after on that day, PN0 only under 4, not in the future).
        self.plan.call(
            cla_review_record,
            {"child": child, "review_date": day, "participation": participation or ""},
            row.place,
            "CLA reviews",
            columns={"review_date": "REVIEW", "participation": "REVIEW_CODE"},
        )

    def _uasc(self, row: _Row) -> None:
        child = self._child(row)
        if child is None:
            return
        ceased = row.date("DUC")
        if not child.uasc:
            child.uasc = True
            self.plan.updating(child, row.place, "children", ["uasc"], saver=child_from_return, columns=UASC_COLUMNS)
        self.plan.merge(
            child, {"uasc_ceased_date": ceased}, row.place, "children", saver=child_from_return, columns=UASC_COLUMNS
        )

    def _missing(self, row: _Row) -> None:
        child = self._child(row)
        kind = row.code("MISSING", codes.MISSING_TYPE.codes, required=True)
        started = row.date("MIS_START", required=True)
        returned = row.date("MIS_END")
        if child is None or kind is None or started is None:
            return
        if (child.pk, kind, started) in self.missing:
            self.result.unchanged["missing episodes"] += 1
            return
        self.missing.add((child.pk, kind, started))
        self.plan.call(
            missing_episode_record,
            {"child": child, "kind": kind, "started_at": _midnight(started), "returned_at": _midnight(returned)},
            row.place,
            "missing episodes",
            columns={"started_at": "MIS_START", "returned_at": "MIS_END", "kind": "MISSING"},
        )

    def _dolo(self, row: _Row) -> None:
        """A deprivation of liberty order, through the form's service; the return names no court or accommodation."""
        child = self._child(row)
        started = row.date("DOLO_START", required=True)
        ended = row.date("DOLO_END")
        if child is None or started is None:
            return
        if (child.pk, started) in self.orders:
            self.result.unchanged["deprivation of liberty orders"] += 1
            return
        self.orders.add((child.pk, started))
        arguments = {"child": child, "start_date": started, "end_date": ended, "court": NOT_IN_RETURN,
                     "accommodation": NOT_IN_RETURN}  # fmt: skip
        self.plan.call(dolo_record, arguments, row.place, "deprivation of liberty orders",
                       columns={"start_date": "DOLO_START", "end_date": "DOLO_END"})  # fmt: skip

    def _social_worker(self, row: _Row) -> None:
        child = self._child(row)
        start = row.date("SW_DECOM", required=True)
        ended = row.date("SW_DEC")
        row.code("SW_REASON", {code for code, _ in Allocation._meta.get_field("end_reason").choices})
        if child is None or start is None:
            return
        worker = self.workers.get(row.text("SW_ID") or "")
        if worker is None:
            row.place.problem("SW_ID", f"no worker with registration number {row.text('SW_ID')!r}")
            return
        for allocation in self.allocations[child.pk]:
            if (
                allocation.worker_id == worker.pk
                and allocation.start_date <= start
                and (allocation.end_date is None or allocation.end_date >= start)
            ):
                self.result.unchanged["social worker allocations"] += 1
                return
        allocation = Allocation(
            child=child, worker=worker, team=worker.team, role=Allocation.Role.SOCIAL_WORKER, start_date=start,
            end_date=ended,
        )  # fmt: skip
        self.allocations[child.pk].append(allocation)
        self.plan.create(
            allocation, row.place, "social worker allocations", saver=allocation_from_return,
            columns=ALLOCATION_COLUMNS,
        )  # fmt: skip

    # Adoption ----------------------------------------------------------------------------------------------

    @staticmethod
    def _adopters_reference(la_child_id: str) -> str:
        return f"{la_child_id[:10]}-ADOPTERS"

    def _decision(self, child: Child, decided: date, row: _Row, column: str) -> AdoptionDecision:
        decision = self.decisions.get((child.pk, decided))
        if decision is not None:
            return decision
        # The service finds the period of care that covers the date (the form's 'looked after on that date').
        decision = AdoptionDecision(child=child, decided_on=decided)
        self.decisions[(child.pk, decided)] = decision
        self.plan.create(
            decision, row.place, "adoption decisions", saver=adoption_decision_from_return,
            columns={"decided_on": column, **DECISION_COLUMNS},
        )  # fmt: skip
        return decision

    def _ad1(self, row: _Row) -> None:
        child = self._child(row)
        decided = row.date("DATE_INT", required=True)
        matched = row.date("DATE_MATCH")
        number = row.code("NB_ADOPTR", set(NUMBER_OF_ADOPTERS), "number of adopters")
        sex = row.code("SEX_ADOPTR", codes.ADOPTER_SEX.codes)
        legal_status = row.code("LS_ADOPTR", codes.ADOPTER_LEGAL_STATUS.codes)
        if child is None or decided is None:
            return
        values = {
            "number_of_adopters": NUMBER_OF_ADOPTERS.get(number or ""),
            "sex": sex,
            "legal_status": legal_status,
        }
        existing = self.decisions.get((child.pk, decided))
        adopters = existing.adopters if existing is not None else None
        if adopters is None and any(values.values()):
            # Planned before a new decision, so that they are saved first.
            reference = self._adopters_reference(child.la_child_id)
            adopters = self.adopters.get(reference)
            if adopters is None:
                adopters = Adopters(reference=reference)
                self.adopters[reference] = adopters
                self.plan.create(adopters, row.place, "adopters", saver=adopters_from_return, columns=ADOPTERS_COLUMNS)
        decision = self._decision(child, decided, row, "DATE_INT")
        decided_by = {"saver": adoption_decision_from_return, "columns": {"decided_on": "DATE_INT", **DECISION_COLUMNS}}
        if adopters is not None and decision.adopters is not adopters:
            decision.adopters = adopters
            self.plan.updating(decision, row.place, "adoption decisions", ["adopters"], **decided_by)
        if adopters is not None:
            self.plan.merge(
                adopters, values, row.place, "adopters", saver=adopters_from_return, columns=ADOPTERS_COLUMNS
            )
        self.plan.merge(decision, {"matched_on": matched}, row.place, "adoption decisions", **decided_by)

    def _placed_adoption(self, row: _Row) -> None:
        child = self._child(row)
        decided = row.date("DATE_PLACED", required=True)
        ceased = row.date("DATE_PLACED_CEASED")
        reason = row.code("REASON_PLACED_CEASED", codes.REASON_PLACED_CEASED.codes)
        if child is None or decided is None:
            return
        decision = self._decision(child, decided, row, "DATE_PLACED")
        self.plan.merge(
            decision, {"reversed_on": ceased, "reversed_reason": reason}, row.place, "adoption decisions",
            saver=adoption_decision_from_return, columns={"decided_on": "DATE_PLACED", **DECISION_COLUMNS},
        )  # fmt: skip


def import_ssda903(paths: Iterable[str | Path], *, apply: bool = True, by=None) -> ImportResult:
    """Import SSDA903 CSV files (or a directory of them); nothing is written if any problem is found."""
    result = ImportResult(name="SSDA903")
    return Ssda903Import(paths, result).run(apply=apply, by=by)
