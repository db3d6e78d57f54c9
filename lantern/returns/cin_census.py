"""The CIN census as the DfE's XML message (domain/statutory-data.md section 2).

Which children: every child with a CIN episode open at any time in the collection year (referral on or before
31 March and not closed before 1 April). Within an episode, only what falls in or overlaps the year: nothing that
ended before 1 April (rules 8696, 8715, 8620, 8930, 4013), and anything after 31 March has not happened yet on the
reference date (a closure, plan end, authorisation or conference after it is left out; an assessment authorised
after it is still open, so it carries no factors: rule 8614).

The writer reads each table once for the whole year and writes one <Child> at a time, so memory holds the year's
rows but never the whole document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from django.db.models import Q
from django.utils import timezone

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
from lantern.people.models import Child, ChildDisability
from lantern.returns.common import RELEASE, SOFTWARE, CollectionYear, ExportSummary, iso
from lantern.timescales.rules.protection import ICPC, icpc_started
from lantern.workingdays.calendar import council_calendar

# Sex (M/F/U) replaced GenderCurrent (1/2/0/9) from the 2024/25 census (collection year 2025); the validator's
# 2026 sample puts <Sex> straight after <PersonBirthDate>, which is where GenderCurrent sat in the XSD.
FIRST_YEAR_WITH_SEX = 2025
GENDER_CURRENT = {"M": "1", "F": "2", "U": "0"}


def _bool(value: bool) -> str:
    # Lower case: TRUE/FALSE switch off rules 8610, 4000, 8831, 8815 and 8816 (statutory-data.md 2.4).
    return "true" if value else "false"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element | None:
    """A child element with text; nothing at all when there is no value (the XSD's optional elements)."""
    if text is None or text == "":
        return None
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


@dataclass
class _Year:
    """The year's rows, read once per table and grouped by the parent they belong to."""

    children: list[dict]
    disabilities: dict[int, list[str]]
    referrals: dict[int, list[dict]]
    assessments: dict[int, list[dict]]
    factors: dict[int, list[str]]
    cin_plans: dict[int, list[dict]]
    section47s: dict[int, list[dict]]
    conferences: dict[int, list[dict]]
    reviews: dict[int, list[date]]
    cp_plans: dict[int, list[dict]]


def _grouped(rows, key: str) -> dict[int, list]:
    groups: dict[int, list] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _load(year: CollectionYear) -> _Year:
    episodes = Referral.objects.filter(referral_date__lte=year.end).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=year.start)
    )
    episode_ids = episodes.values("pk")
    child_ids = episodes.values("child_id")
    assessments = Assessment.objects.filter(referral__in=episode_ids, start_date__lte=year.end).filter(
        Q(authorised_date__isnull=True) | Q(authorised_date__gte=year.start)
    )
    disabilities: dict[int, list[str]] = defaultdict(list)
    for child_id, code in (
        ChildDisability.objects.filter(child__in=child_ids).order_by("code").values_list("child_id", "code")
    ):
        disabilities[child_id].append(code)
    factors: dict[int, list[str]] = defaultdict(list)
    for assessment_id, code in (
        AssessmentFactor.objects.filter(assessment__in=assessments.values("pk"))
        .order_by("pk")
        .values_list("assessment_id", "code")
    ):
        factors[assessment_id].append(code)
    reviews: dict[int, list[date]] = defaultdict(list)
    conferences: list[dict] = []
    for row in (
        ChildProtectionConference.objects.filter(child__in=child_ids, held_on__lte=year.end)
        .order_by("held_on", "pk")
        .values("referral_id", "kind", "section47_id", "cp_plan_id", "held_on")
    ):
        if row["kind"] == ChildProtectionConference.Kind.REVIEW:
            if year.contains(row["held_on"]):
                reviews[row["cp_plan_id"]].append(row["held_on"])
        else:
            conferences.append(row)
    return _Year(
        children=list(
            Child.objects.filter(pk__in=child_ids)
            .order_by("la_child_id")
            .values(
                "pk",
                "la_child_id",
                "upn",
                "former_upn",
                "upn_unknown",
                "date_of_birth",
                "expected_date_of_birth",
                "sex",
                "ethnicity",
                "death_date",
            )
        ),
        disabilities=disabilities,
        referrals=_grouped(
            episodes.order_by("referral_date", "pk").values(
                "pk",
                "child_id",
                "referral_date",
                "referral_source",
                "primary_need_code",
                "referral_nfa",
                "closure_date",
                "reason_for_closure",
            ),
            "child_id",
        ),
        assessments=_grouped(
            assessments.order_by("start_date", "pk").values("pk", "referral_id", "start_date", "authorised_date"),
            "referral_id",
        ),
        factors=factors,
        cin_plans=_grouped(
            CINPlan.objects.filter(referral__in=episode_ids, start_date__lte=year.end)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start))
            .order_by("start_date", "pk")
            .values("referral_id", "start_date", "end_date"),
            "referral_id",
        ),
        section47s=_grouped(
            Section47Enquiry.objects.filter(referral__in=episode_ids, start_date__lte=year.end)
            .order_by("start_date", "pk")
            .values("pk", "referral_id", "start_date", "end_date", "icpc_not_required", "strategy_discussion__held_on"),
            "referral_id",
        ),
        conferences=_grouped(conferences, "referral_id"),
        reviews=reviews,
        # Every plan the child has had, for NumberOfPreviousCPP; the year's plans are picked out per episode.
        cp_plans=_grouped(
            CPPlan.objects.filter(child__in=child_ids)
            .order_by("start_date", "pk")
            .values("pk", "child_id", "referral_id", "start_date", "end_date", "initial_category", "latest_category"),
            "child_id",
        ),
    )


def _identifiers(parent: ET.Element, child: dict, year: CollectionYear) -> None:
    ids = ET.SubElement(parent, "ChildIdentifiers")
    _sub(ids, "LAchildID", child["la_child_id"])
    _sub(ids, "UPN", child["upn"])
    _sub(ids, "FormerUPN", child["former_upn"])
    if not child["upn"]:
        _sub(ids, "UPNunknown", child["upn_unknown"])
    born = child["date_of_birth"]
    unborn = born is None or born > year.end
    if unborn:
        # Not yet born on the reference date: the expected date only (rule 8525: one or the other, never both).
        _sub(ids, "ExpectedPersonBirthDate", iso(child["expected_date_of_birth"] or born))
    else:
        _sub(ids, "PersonBirthDate", iso(born))
    sex = "U" if unborn else child["sex"]  # rule 8750: an unborn child's sex is U
    if year.year >= FIRST_YEAR_WITH_SEX:
        _sub(ids, "Sex", sex)
    else:
        _sub(ids, "GenderCurrent", GENDER_CURRENT.get(sex, "0"))
    _sub(ids, "PersonDeathDate", iso(year.within(child["death_date"])))


def _characteristics(parent: ET.Element, child: dict, data: _Year) -> None:
    characteristics = ET.SubElement(parent, "ChildCharacteristics")
    _sub(characteristics, "Ethnicity", child["ethnicity"])
    codes = data.disabilities.get(child["pk"], [])
    if codes:
        disabilities = ET.SubElement(characteristics, "Disabilities")
        for code in codes:
            _sub(disabilities, "Disability", code)


def _section47s(referral: dict, data: _Year, year: CollectionYear) -> list[tuple[dict, date | None]]:
    """The episode's enquiries in the year, each with its initial conference date as it stood on 31 March."""
    icpcs: dict[int, date] = {}
    for conference in data.conferences.get(referral["pk"], []):
        if conference["section47_id"] is not None:
            icpcs.setdefault(conference["section47_id"], conference["held_on"])  # the earliest
    kept = []
    for enquiry in data.section47s.get(referral["pk"], []):
        icpc = icpcs.get(enquiry["pk"])
        if icpc is not None and icpc < year.start:
            continue  # concluded by a conference before the year (rule 8715)
        if icpc is None and enquiry["end_date"] is not None and enquiry["end_date"] < year.start:
            continue  # ended before the year without a conference
        kept.append((enquiry, year.within(icpc)))
    return kept


def _episode(
    parent: ET.Element, child: dict, referral: dict, data: _Year, year: CollectionYear, summary: ExportSummary
) -> None:
    details = ET.SubElement(parent, "CINdetails")
    closure = year.within(referral["closure_date"])
    _sub(details, "CINreferralDate", iso(referral["referral_date"]))
    _sub(details, "ReferralSource", referral["referral_source"])
    _sub(details, "PrimaryNeedCode", referral["primary_need_code"])
    _sub(details, "CINclosureDate", iso(closure))
    _sub(details, "ReasonForClosure", referral["reason_for_closure"] if closure else "")
    # A conference not reached through one of this episode's enquiries (a transfer-in conference, say) is recorded
    # on the episode; one that followed an enquiry is recorded on that enquiry only (rule 2884).
    unlinked = [
        c["held_on"]
        for c in data.conferences.get(referral["pk"], [])
        if c["section47_id"] is None and year.contains(c["held_on"])
    ]
    _sub(details, "DateOfInitialCPC", iso(max(unlinked) if unlinked else None))

    for assessment in data.assessments.get(referral["pk"], []):
        block = ET.SubElement(details, "Assessments")
        authorised = year.within(assessment["authorised_date"])
        _sub(block, "AssessmentActualStartDate", iso(assessment["start_date"]))
        _sub(block, "AssessmentAuthorisationDate", iso(authorised))
        factors = data.factors.get(assessment["pk"], []) if authorised else []  # rule 8614: completed only
        if factors:
            listed = ET.SubElement(block, "FactorsIdentifiedAtAssessment")
            for code in factors:
                _sub(listed, "AssessmentFactors", code)
        summary.count("assessments")

    for plan in data.cin_plans.get(referral["pk"], []):
        block = ET.SubElement(details, "CINPlanDates")
        _sub(block, "CINPlanStartDate", iso(plan["start_date"]))
        _sub(block, "CINPlanEndDate", iso(year.within(plan["end_date"])))
        summary.count("CIN plans")

    calendar = council_calendar()
    for enquiry, icpc in _section47s(referral, data, year):
        block = ET.SubElement(details, "Section47")
        _sub(block, "S47ActualStartDate", iso(enquiry["start_date"]))
        if not enquiry["icpc_not_required"]:
            # InitialCPCtarget is the ICPC clock's due date, from the clock's own start.
            started = icpc_started(
                strategy_discussion_held_on=enquiry["strategy_discussion__held_on"],
                s47_start_date=enquiry["start_date"],
            )
            _sub(block, "InitialCPCtarget", iso(ICPC.due(started, calendar)))
        _sub(block, "DateOfInitialCPC", iso(icpc))
        _sub(block, "ICPCnotRequired", _bool(enquiry["icpc_not_required"]))
        summary.count("section 47 enquiries")

    _sub(details, "ReferralNFA", _bool(referral["referral_nfa"]))

    every_plan = data.cp_plans.get(child["pk"], [])
    for plan in every_plan:
        if plan["referral_id"] != referral["pk"] or not year.overlaps(plan["start_date"], plan["end_date"]):
            continue
        block = ET.SubElement(details, "ChildProtectionPlans")
        _sub(block, "CPPstartDate", iso(plan["start_date"]))
        _sub(block, "CPPendDate", iso(year.within(plan["end_date"])))
        _sub(block, "InitialCategoryOfAbuse", plan["initial_category"])
        _sub(block, "LatestCategoryOfAbuse", plan["latest_category"])
        previous = sum(1 for other in every_plan if other["start_date"] < plan["start_date"])
        _sub(block, "NumberOfPreviousCPP", str(previous))
        held = data.reviews.get(plan["pk"], [])
        if held:
            # One <Reviews> block per plan holding every review date (the XSD's shape, statutory-data.md 2.4).
            reviews = ET.SubElement(block, "Reviews")
            for day in held:
                _sub(reviews, "CPPreviewDate", iso(day))
        summary.count("child protection plans")
    summary.count("CIN episodes")


def child_element(child: dict, data: _Year, year: CollectionYear, summary: ExportSummary) -> ET.Element:
    element = ET.Element("Child")
    _identifiers(element, child, year)
    _characteristics(element, child, data)
    for referral in data.referrals.get(child["pk"], []):
        _episode(element, child, referral, data, year, summary)
    return element


def _header(year: CollectionYear, lea: str, generated_at: datetime) -> ET.Element:
    header = ET.Element("Header")
    details = ET.SubElement(header, "CollectionDetails")
    _sub(details, "Collection", "CIN")
    _sub(details, "Year", str(year.year))
    _sub(details, "ReferenceDate", iso(year.end))
    source = ET.SubElement(header, "Source")
    _sub(source, "SourceLevel", "L")
    _sub(source, "LEA", lea)
    _sub(source, "SoftwareCode", SOFTWARE)
    _sub(source, "Release", RELEASE)
    _sub(source, "SerialNo", "001")
    _sub(source, "DateTime", timezone.localtime(generated_at).strftime("%Y-%m-%dT%H:%M:%S"))
    return header


def _write(output: IO[bytes], element: ET.Element, level: int) -> None:
    ET.indent(element, space="  ", level=level)
    output.write(("  " * level + ET.tostring(element, encoding="unicode") + "\n").encode("utf-8"))


def export_cin_census(year: int, output: IO[bytes], *, generated_at: datetime | None = None) -> ExportSummary:
    """Write the CIN census for the collection year ending 31 March `year` to a binary stream."""
    collection = CollectionYear(year)
    summary = ExportSummary(f"CIN census {collection.label}")
    data = _load(collection)
    lea = AuthoritySettings.current().lea_code
    output.write(b'<?xml version="1.0" encoding="utf-8"?>\n<Message>\n')
    _write(output, _header(collection, lea, generated_at or timezone.now()), 1)
    output.write(b"  <Children>\n")
    for child in data.children:
        _write(output, child_element(child, data, collection, summary), 2)
        summary.count("children")
        summary.children.add(child["pk"])
    output.write(b"  </Children>\n</Message>\n")
    return summary
