"""`lantern import cin-census FILE.xml`: a CIN census message into Lantern's records (see importing.py for the rules).

The census carries no names, so a child must already be on Lantern's record (matched by LA child ID); the import
adds what the return knows that Lantern does not: identifiers left blank, disabilities, and each CIN episode with
its assessments, factors, plans, enquiries and conferences. Records are matched by child and date (a referral by its
date, an assessment, plan or enquiry by its start within the episode, a conference by its date), so importing the
same file again finds everything and writes nothing.

InitialCPCtarget and NumberOfPreviousCPP are not stored: Lantern works them out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from lantern.core import codes
from lantern.core.models import AuthoritySettings
from lantern.journey.models import (
    Assessment,
    AssessmentFactor,
    ChildProtectionConference,
    CINPlan,
    CPPlan,
    Referral,
    Section47Enquiry,
)
from lantern.journey.services import assessment_from_return, referral_from_return
from lantern.people.models import Child, ChildDisability
from lantern.people.services import child_from_return
from lantern.returns.importing import (
    ImportResult,
    Invalid,
    Place,
    Plan,
    parse_bool,
    parse_code,
    parse_date,
)
from lantern.returns.xmlsafe import MAX_XML_BYTES, UnsafeXML, parse_xml_with_lines

GENDER_CURRENT = {"1": "M", "2": "F", "0": "U", "9": "U"}
CHUNK = 500

# Each record is written by its service (the form's rules); a refusal names the census item for the field.
CHILD_ITEMS = {
    "upn": "UPN", "former_upn": "FormerUPN", "upn_unknown": "UPNunknown", "date_of_birth": "PersonBirthDate",
    "expected_date_of_birth": "ExpectedPersonBirthDate", "sex": "Sex", "ethnicity": "Ethnicity",
    "death_date": "PersonDeathDate",
}  # fmt: skip
REFERRAL_ITEMS = {
    "referral_date": "CINreferralDate", "closure_date": "CINclosureDate", "reason_for_closure": "ReasonForClosure",
    "referral_source": "ReferralSource", "primary_need_code": "PrimaryNeedCode", "referral_nfa": "ReferralNFA",
}  # fmt: skip
ASSESSMENT_ITEMS = {"start_date": "AssessmentActualStartDate", "authorised_date": "AssessmentAuthorisationDate"}


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Reader:
    """Reads one element's children as typed values, reporting each bad value at its line."""

    def __init__(self, element: ET.Element, place: Place, lines: dict[ET.Element, int]) -> None:
        self.element = element
        self.place = place.at(lines.get(element))
        self.lines = lines
        self.repeated: set[str] = set()

    def text(self, tag: str) -> str | None:
        every = self.element.findall(tag)
        if len(every) > 1 and tag not in self.repeated:
            # One item twice could say two things; reading the first would drop the second silently.
            self.repeated.add(tag)
            self.place.at(self.lines.get(every[1])).problem(tag, "appears more than once")
        found = every[0] if every else None
        if found is None or found.text is None or not found.text.strip():
            return None
        return found.text.strip()

    def _parse(self, tag: str, parse):
        raw = self.text(tag)
        try:
            return parse(raw)
        except Invalid as error:
            found = self.element.find(tag)
            self.place.at(self.lines.get(found)).problem(tag, str(error))
            return None

    def date(self, tag: str, *, required: bool = False) -> date | None:
        value = self._parse(tag, parse_date)
        if required and value is None and self.text(tag) is None:
            self.place.problem(tag, "is required")
        return value

    def bool(self, tag: str) -> bool | None:
        return self._parse(tag, parse_bool)

    def code(self, tag: str, code_list: codes.CodeList) -> str | None:
        return self._parse(tag, lambda raw: parse_code(raw, code_list.codes, tag))


class _Existing:
    """Lantern's records for the children in the file, read in bulk and indexed by natural key."""

    def __init__(self, la_child_ids: list[str]) -> None:
        self.children: dict[str, Child] = {}
        for chunk in _chunks(la_child_ids):
            self.children.update({c.la_child_id: c for c in Child.objects.filter(la_child_id__in=chunk)})
        ids = [c.pk for c in self.children.values()]
        self.disabilities: dict[int, set[str]] = defaultdict(set)
        self.referrals: dict[tuple[int, date], Referral] = {}
        self.assessments: dict[tuple[int, date], Assessment] = {}
        self.factors: dict[int, set[str]] = defaultdict(set)
        self.cin_plans: dict[tuple[int, date], CINPlan] = {}
        self.section47s: dict[tuple[int, date], Section47Enquiry] = {}
        self.cp_plans: dict[tuple[int, date], CPPlan] = {}
        self.conferences: dict[int, list[ChildProtectionConference]] = defaultdict(list)
        # The one open referral, CIN plan and CP plan a child may have (database constraints), by kind and child.
        self.open: dict[tuple[str, int], object] = {}
        for chunk in _chunks(ids):
            for child_id, code in ChildDisability.objects.filter(child__in=chunk).values_list("child_id", "code"):
                self.disabilities[child_id].add(code)
            for referral in Referral.objects.filter(child__in=chunk):
                self.referrals[(referral.child_id, referral.referral_date)] = referral
            for assessment in Assessment.objects.filter(child__in=chunk):
                self.assessments[(assessment.referral_id, assessment.start_date)] = assessment
            for assessment_id, code in AssessmentFactor.objects.filter(assessment__child__in=chunk).values_list(
                "assessment_id", "code"
            ):
                self.factors[assessment_id].add(code)
            for plan in CINPlan.objects.filter(child__in=chunk):
                self.cin_plans[(plan.referral_id, plan.start_date)] = plan
            for enquiry in Section47Enquiry.objects.filter(child__in=chunk):
                self.section47s[(enquiry.referral_id, enquiry.start_date)] = enquiry
            for plan in CPPlan.objects.filter(child__in=chunk):
                self.cp_plans[(plan.child_id, plan.start_date)] = plan
            for conference in ChildProtectionConference.objects.filter(child__in=chunk):
                self.conferences[conference.referral_id].append(conference)
        for referral in self.referrals.values():
            if referral.closure_date is None:
                self.open[("episode", referral.child_id)] = referral
        for kind, plans in (("CIN plan", self.cin_plans), ("child protection plan", self.cp_plans)):
            for plan in plans.values():
                if plan.end_date is None:
                    self.open[(kind, plan.child_id)] = plan


class CinCensusImport:
    def __init__(self, path: str | Path, result: ImportResult) -> None:
        self.path = Path(path)
        self.file = self.path.name
        self.result = result
        self.plan = Plan(result)
        # Records planned in this import, by natural key, so a key seen twice is one record.
        self.new_referrals: dict[tuple[str, date], Referral] = {}
        self.new_children_of: dict[int, dict] = defaultdict(dict)  # id(parent) -> {(kind, date): instance}
        self.new_conferences: dict[int, list[ChildProtectionConference]] = defaultdict(list)  # id(referral) -> …
        self.fewer_previous_plans = 0

    def problem(self, line: int | None, reason: str, field_name: str | None = None) -> None:
        Place(self.result, self.file, line, None).problem(field_name, reason)

    def run(self, *, apply: bool, by=None) -> ImportResult:
        try:
            # Refused by its size before it is read: a file far over the limit would otherwise fill memory first.
            size = self.path.stat().st_size
            if size > MAX_XML_BYTES:
                raise UnsafeXML(f"the file is {size:,} bytes; the limit is {MAX_XML_BYTES:,}")
            root, self.lines = parse_xml_with_lines(self.path.read_bytes(), max_bytes=MAX_XML_BYTES)
        except OSError as error:
            self.problem(None, f"cannot be read ({error.strerror or error})")
            return self.result
        except UnsafeXML as error:
            self.problem(None, f"refused: {error}")
            return self.result
        except (ET.ParseError, ValueError) as error:
            self.problem(getattr(error, "lineno", None), f"not well-formed XML: {error}")
            return self.result
        if root.tag != "Message" or root.find("Children") is None:
            self.problem(self.lines.get(root), "not a CIN census message (no <Message><Children>)")
            return self.result
        self._header(root)
        children = root.findall("Children/Child")
        ids = [c.findtext("ChildIdentifiers/LAchildID", "").strip() for c in children]
        self.existing = _Existing([i for i in ids if i])
        for element in children:
            self._child(element)
        if self.fewer_previous_plans:
            self.result.notes.append(
                f"{self.fewer_previous_plans} child protection plans count more previous plans than Lantern holds: "
                "a census has no plans that ended before its year, so those are not imported."
            )
        if self.result.problems:
            return self.result  # refused before anything was written
        self.plan.apply(by=by, commit=apply)
        return self.result

    def _header(self, root: ET.Element) -> None:
        header = root.find("Header")
        if header is None:
            self.problem(self.lines.get(root), "no <Header>")
            return
        place = Place(self.result, self.file, self.lines.get(header), None)
        collection = header.findtext("CollectionDetails/Collection", "").strip()
        if collection != "CIN":
            place.problem("Collection", f"is {collection!r}, not 'CIN'")
        lea = header.findtext("Source/LEA", "").strip()
        ours = AuthoritySettings.current().lea_code
        if lea and lea != ours:
            place.problem("LEA", f"the return is for LEA {lea}; Lantern serves LEA {ours}")
        reference = header.findtext("CollectionDetails/ReferenceDate", "").strip()
        try:
            parse_date(reference)
        except Invalid as error:
            place.problem("ReferenceDate", str(error))

    # One child ---------------------------------------------------------------------------------------------

    def _child(self, element: ET.Element) -> None:
        identifiers = element.find("ChildIdentifiers")
        line = self.lines.get(element)
        if identifiers is None:
            self.problem(line, "no <ChildIdentifiers>")
            return
        la_child_id = identifiers.findtext("LAchildID", "").strip()
        place = Place(self.result, self.file, line, la_child_id or None)
        if not la_child_id:
            place.problem("LAchildID", "is required")
            return
        child = self.existing.children.get(la_child_id)
        if child is None:
            place.problem("LAchildID", "is not on Lantern's record: add the child first (a return carries no names)")
            return
        ids = _Reader(identifiers, place, self.lines)
        sex = ids.code("Sex", codes.SEX) if identifiers.find("Sex") is not None else None
        if sex is None and ids.text("GenderCurrent"):
            sex = GENDER_CURRENT.get(ids.text("GenderCurrent"))
        born = ids.date("PersonBirthDate")
        characteristics = element.find("ChildCharacteristics")
        ethnicity = (
            _Reader(characteristics, place, self.lines).code("Ethnicity", codes.ETHNICITY)
            if characteristics is not None
            else None
        )
        values = {
            "upn": ids.text("UPN"),
            "former_upn": ids.text("FormerUPN"),
            "upn_unknown": None if ids.text("UPN") else ids.code("UPNunknown", codes.UPN_UNKNOWN),
            "date_of_birth": born,
            "expected_date_of_birth": None if (born or child.date_of_birth) else ids.date("ExpectedPersonBirthDate"),
            "sex": None if sex == "U" else sex,  # U says nothing (an unborn child, or not recorded)
            "ethnicity": ethnicity,
            "death_date": ids.date("PersonDeathDate"),
        }
        self.plan.merge(
            child, values, place.at(self.lines.get(identifiers)), "children", same=_same_child_value,
            saver=child_from_return, columns=CHILD_ITEMS,
        )  # fmt: skip
        if characteristics is not None:
            for disability in characteristics.findall("Disabilities/Disability"):
                try:
                    code = parse_code(disability.text, codes.DISABILITY.codes, "Disability")
                except Invalid as error:
                    place.at(self.lines.get(disability)).problem("Disability", str(error))
                    continue
                if code and code not in self.existing.disabilities[child.pk]:
                    self.existing.disabilities[child.pk].add(code)
                    self.plan.create(
                        ChildDisability(child=child, code=code), place.at(self.lines.get(disability)), "disabilities"
                    )
        for details in element.findall("CINdetails"):
            self._episode(child, details, place)

    def _episode(self, child: Child, element: ET.Element, place: Place) -> None:
        read = _Reader(element, place, self.lines)
        referred = read.date("CINreferralDate", required=True)
        if referred is None:
            return
        place = read.place
        closure = read.date("CINclosureDate")
        values = {
            "referral_source": read.code("ReferralSource", codes.REFERRAL_SOURCE),
            "primary_need_code": read.code("PrimaryNeedCode", codes.PRIMARY_NEED),
            "closure_date": closure,
            "reason_for_closure": read.code("ReasonForClosure", codes.REASON_FOR_CLOSURE),
            "referral_nfa": read.bool("ReferralNFA"),
        }
        key = (child.la_child_id, referred)
        referral = self.existing.referrals.get((child.pk, referred)) or self.new_referrals.get(key)
        if referral is None:
            referral = Referral(child=child, referral_date=referred)
            self.new_referrals[key] = referral
            self.plan.create(referral, place, "referrals", saver=referral_from_return, columns=REFERRAL_ITEMS)
        self.plan.merge(referral, values, place, "referrals", saver=referral_from_return, columns=REFERRAL_ITEMS)
        self._one_open("episode", child, referral, referral.closure_date, place, "CINclosureDate")

        for block in element.findall("Assessments"):
            self._assessment(child, referral, block, place)
        for block in element.findall("CINPlanDates"):
            r = _Reader(block, place, self.lines)
            start = r.date("CINPlanStartDate", required=True)
            if start is None:
                continue
            plan = self._find_or_plan(
                self.existing.cin_plans, (referral.pk, start), referral, ("cin", start),
                lambda s=start: CINPlan(referral=referral, child=child, start_date=s), r.place, "CIN plans",
            )  # fmt: skip
            self.plan.merge(plan, {"end_date": r.date("CINPlanEndDate")}, r.place, "CIN plans")
            self._one_open("CIN plan", child, plan, plan.end_date, r.place, "CINPlanEndDate")
        plans = [self._cp_plan(child, referral, block, place) for block in element.findall("ChildProtectionPlans")]
        plans = [p for p in plans if p is not None]
        for block in element.findall("Section47"):
            self._section47(child, referral, block, place, plans)
        icpc = read.date("DateOfInitialCPC")
        if icpc is not None:
            self._conference(child, referral, None, icpc, place, plans)

    def _one_open(self, kind: str, child: Child, record, end: date | None, place: Place, field_name: str) -> None:
        """A child has one open episode, CIN plan and CP plan at most. A record open on the return's reference date
        may have ended since; if Lantern already has another open one, the file cannot say when this one ended."""
        if end is not None:
            return
        other = self.existing.open.setdefault((kind, child.pk), record)
        if other is not record:
            started = getattr(other, "referral_date", None) or other.start_date
            place.problem(
                field_name,
                f"the {kind} is open in the file, but Lantern has another open {kind} from {started}: the file "
                f"cannot say when this one ended",
            )

    def _find_or_plan(
        self, existing: dict, key, parent, planned_key, make, place: Place, label: str, *, saver=None, columns=None
    ):
        found = existing.get(key) if parent.pk is not None else None
        if found is not None:
            return found
        planned = self.new_children_of[id(parent)]
        if planned_key not in planned:
            planned[planned_key] = self.plan.create(make(), place, label, saver=saver, columns=columns)
        return planned[planned_key]

    def _assessment(self, child: Child, referral: Referral, element: ET.Element, place: Place) -> None:
        read = _Reader(element, place, self.lines)
        start = read.date("AssessmentActualStartDate", required=True)
        if start is None:
            return
        assessment = self._find_or_plan(
            self.existing.assessments, (referral.pk, start), referral, ("assessment", start),
            lambda: Assessment(referral=referral, child=child, start_date=start), read.place, "assessments",
            saver=assessment_from_return, columns=ASSESSMENT_ITEMS,
        )  # fmt: skip
        self.plan.merge(
            assessment, {"authorised_date": read.date("AssessmentAuthorisationDate")}, read.place, "assessments",
            saver=assessment_from_return, columns=ASSESSMENT_ITEMS,
        )  # fmt: skip
        known = self.existing.factors[assessment.pk] if assessment.pk else set()
        planned = self.new_children_of[id(assessment)]
        for factor in element.findall("FactorsIdentifiedAtAssessment/AssessmentFactors"):
            at = read.place.at(self.lines.get(factor))
            try:
                code = parse_code(factor.text, codes.ASSESSMENT_FACTOR.codes, "AssessmentFactors")
            except Invalid as error:
                at.problem("AssessmentFactors", str(error))
                continue
            if code and code not in known and ("factor", code) not in planned:
                planned[("factor", code)] = self.plan.create(
                    AssessmentFactor(assessment=assessment, code=code), at, "assessment factors"
                )

    def _cp_plan(self, child: Child, referral: Referral, element: ET.Element, place: Place) -> CPPlan | None:
        read = _Reader(element, place, self.lines)
        start = read.date("CPPstartDate", required=True)
        if start is None:
            return None
        plan = self.existing.cp_plans.get((child.pk, start))
        if plan is None:
            planned = self.new_children_of[id(child)]
            if ("cp", start) not in planned:
                planned[("cp", start)] = self.plan.create(
                    CPPlan(referral=referral, child=child, start_date=start), read.place, "CP plans"
                )
            plan = planned[("cp", start)]
        values = {
            "end_date": read.date("CPPendDate"),
            "initial_category": read.code("InitialCategoryOfAbuse", codes.CATEGORY_OF_ABUSE),
            "latest_category": read.code("LatestCategoryOfAbuse", codes.CATEGORY_OF_ABUSE),
        }
        self.plan.merge(plan, values, read.place, "CP plans")
        counted = read.text("NumberOfPreviousCPP")
        held_before = sum(1 for (pk, day) in self.existing.cp_plans if pk == child.pk and day < start)
        held_before += sum(1 for (kind, day) in self.new_children_of[id(child)] if kind == "cp" and day < start)
        # isdecimal, not isdigit: int() refuses "²"; a count of previous plans is never more than a few figures.
        if counted and counted.isdecimal() and len(counted) <= 6 and int(counted) > held_before:
            self.fewer_previous_plans += 1
        self._one_open("child protection plan", child, plan, plan.end_date, read.place, "CPPendDate")
        held = {c.held_on for c in self.new_conferences[id(referral)] if c.kind == "review" and c.cp_plan is plan}
        if plan.pk is not None and referral.pk is not None:
            held |= {
                c.held_on
                for c in self.existing.conferences.get(referral.pk, [])
                if c.kind == "review" and c.cp_plan_id == plan.pk
            }
        for review in element.findall("Reviews/CPPreviewDate"):
            at = read.place.at(self.lines.get(review))
            try:
                day = parse_date(review.text)
            except Invalid as error:
                at.problem("CPPreviewDate", str(error))
                continue
            if day is None or day in held:
                continue
            held.add(day)
            conference = ChildProtectionConference(
                referral=referral, child=child, kind=ChildProtectionConference.Kind.REVIEW, cp_plan=plan, held_on=day
            )
            self.new_conferences[id(referral)].append(conference)
            self.plan.create(conference, at, "conferences")
        return plan

    def _section47(self, child: Child, referral: Referral, element: ET.Element, place: Place, plans) -> None:
        read = _Reader(element, place, self.lines)
        start = read.date("S47ActualStartDate", required=True)
        if start is None:
            return
        enquiry = self._find_or_plan(
            self.existing.section47s, (referral.pk, start), referral, ("s47", start),
            lambda: Section47Enquiry(referral=referral, child=child, start_date=start), read.place,
            "section 47 enquiries",
        )  # fmt: skip
        not_required = read.bool("ICPCnotRequired")
        if enquiry.pk is None:
            self.plan.merge(enquiry, {"icpc_not_required": not_required}, read.place, "section 47 enquiries")
        elif not_required is not None and not_required != enquiry.icpc_not_required:
            read.place.problem(
                "ICPCnotRequired", f"the file has {not_required}, Lantern has {enquiry.icpc_not_required}"
            )
        icpc = read.date("DateOfInitialCPC")
        if icpc is not None:
            self._conference(child, referral, enquiry, icpc, read.place, plans)

    def _conference(self, child, referral, enquiry, held_on: date, place: Place, plans: list[CPPlan]) -> None:
        """An initial conference, on the enquiry (or on the episode when it followed none); linked to the plan it
        started when a plan in the episode starts that day."""
        initial = ChildProtectionConference.Kind.INITIAL
        existing = (
            [c for c in self.existing.conferences.get(referral.pk, []) if c.kind == initial] if referral.pk else []
        )
        new = [c for c in self.new_conferences[id(referral)] if c.kind == initial]
        if enquiry is None:
            mine = [c for c in existing if c.section47_id is None] + [c for c in new if c.section47 is None]
        else:
            mine = [c for c in existing if enquiry.pk and c.section47_id == enquiry.pk]
            mine += [c for c in new if c.section47 is enquiry]
        if any(c.held_on == held_on for c in mine):
            self.result.unchanged["conferences"] += 1
            return
        if enquiry is not None and mine:
            place.problem("DateOfInitialCPC", f"the file has {held_on}, Lantern has {mine[0].held_on}")
            return
        started = next((p for p in plans if p.start_date == held_on), None)
        conference = ChildProtectionConference(
            referral=referral,
            child=child,
            kind=ChildProtectionConference.Kind.INITIAL,
            section47=enquiry,
            cp_plan=started,
            held_on=held_on,
            plan_made=True if started is not None else None,
        )
        self.new_conferences[id(referral)].append(conference)
        self.plan.create(conference, place, "conferences")


def _same_child_value(name: str, current, value) -> bool:
    return name == "sex" and current == "U"


def import_cin_census(path: str | Path, *, apply: bool = True, by=None) -> ImportResult:
    """Import a CIN census XML file; nothing is written if any problem is found (or if `apply` is False)."""
    result = ImportResult(name="CIN census")
    return CinCensusImport(path, result).run(apply=apply, by=by)
