"""The generator's default parameters, as data, each with its source and year.

National figures are England, year ending 31 March 2024, from the DfE statistical releases (see
docs/domain/national-figures.md). They are targets the generator aims at in broad strokes, not facts to
assert. Local patterns (not published nationally) say so in their source.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    value: float
    source: str
    year: str
    note: str = ""


CIN = "DfE, Children in need"
CLA = "DfE, Children looked after in England including adoptions"
WORKFORCE = "DfE, Children's social work workforce"
LOCAL = "Local pattern (not published nationally)"
MEDWAY = "Seeds' authority (Medway), domain/national-figures.md"

FIGURES: dict[str, Figure] = {
    # Front door and referrals.
    "referrals_per_10k": Figure(520, CIN, "2024", "~620,000 referrals, 12.0m children 0-17"),
    "rereferral_share": Figure(0.22, CIN, "2024", "re-referrals within 12 months of a previous referral"),
    "nfa_share": Figure(0.07, CIN, "2024", "referrals ending in no further action"),
    "contacts_per_referral": Figure(3.0, LOCAL, "2024", "contacts received per referral accepted"),
    "contact_decision_within_24h": Figure(0.92, LOCAL, "2024", "seed: all decisions made within 24 hours"),
    # Assessments.
    "assessment_within_45wd": Figure(0.83, CIN, "2024", "assessments completed within 45 working days"),
    "assessment_median_wd": Figure(30, CIN, "2024", "median duration in working days; long tail"),
    # Child protection.
    "s47_per_referral": Figure(0.33, CIN, "2024", "~200,000 section 47 enquiries"),
    "icpc_per_s47": Figure(0.36, CIN, "2024", "~75,000 ICPCs per ~200,000 enquiries"),
    "icpc_within_15wd": Figure(0.78, CIN, "2024", "ICPCs within 15 working days of the strategy discussion"),
    "icpc_plan_made": Figure(0.86, LOCAL, "2024", "ICPCs that result in a plan"),
    "cp_per_10k": Figure(42, CIN, "2024", "~50,000 CP plans at 31 March"),
    "cp_repeat_share": Figure(0.24, CIN, "2024", "second or subsequent CP plans"),
    "cp_two_years_share": Figure(0.04, CIN, "2024", "plans ending that lasted 2 years or more"),
    "cp_review_late": Figure(0.08, LOCAL, "2024", "review conferences held after their due date"),
    # Children in need.
    "cin_per_10k": Figure(333, CIN, "2024", "~400,000 children in need at 31 March"),
    # Children looked after.
    "cla_per_10k": Figure(70, CLA, "2024", "~83,600 looked after at 31 March"),
    "cla_starts_per_stock": Figure(0.39, CLA, "2024", "~33,000 started in the year per 83,600"),
    "uasc_share": Figure(0.09, CLA, "2024", "~7,400 UASC of 83,600"),
    "placed_foster": Figure(0.68, CLA, "2024", "foster care"),
    "placed_residential": Figure(0.17, CLA, "2024", "children's homes and residential"),
    "placed_parents": Figure(0.06, CLA, "2024", "placed with parents"),
    "placed_independent": Figure(0.07, CLA, "2024", "independent or supported living"),
    "placed_adoption": Figure(0.02, CLA, "2024", "placed for adoption"),
    "three_placements_share": Figure(0.10, CLA, "2024", "looked after with 3 or more placements in the year"),
    "cla_review_late": Figure(0.10, LOCAL, "2024", "CLA reviews held after their due date"),
    "missing_share": Figure(0.11, CLA, "2024", "looked-after children who went missing in the year"),
    "missing_episodes_per_child": Figure(6, CLA, "2024", "repeat episodes are common"),
    "return_interview_within_72h": Figure(0.75, LOCAL, "2024", "return home interviews held within 72 hours"),
    # Care leavers aged 19-21.
    "leaver_in_touch": Figure(0.91, CLA, "2024", "care leavers 19-21 in touch"),
    "leaver_eet": Figure(0.56, CLA, "2024", "in education, employment or training (Medway above average)"),
    "leaver_suitable_accommodation": Figure(0.88, CLA, "2024", "in suitable accommodation"),
    # Workforce.
    "caseload_per_worker": Figure(16.5, WORKFORCE, "2024", "average cases per children's social worker"),
    "agency_share": Figure(0.16, WORKFORCE, "2024", "agency workers among social workers (FTE)"),
    "turnover": Figure(0.16, WORKFORCE, "2024", "permanent leavers per year"),
    "vacancy_rate": Figure(0.18, WORKFORCE, "2024", "shown as gaps between a leaver and the next starter"),
    "iro_caseload": Figure(60, LOCAL, "2024", "children per IRO / CP chair"),
    "pa_caseload": Figure(25, LOCAL, "2024", "care leavers per personal adviser"),
    # Visit and review rhythms (local standards in domain/timescales.md).
    "cp_visit_wd": Figure(10, LOCAL, "2024", "child protection visits every 10 working days"),
    "cin_visit_wd": Figure(20, LOCAL, "2024", "child in need visits every 20 working days"),
    "visit_late_share": Figure(0.12, LOCAL, "2024", "visits after the due date; a few long gaps (drift)"),
}


def figure(name: str) -> float:
    return FIGURES[name].value


@dataclass(frozen=True)
class Size:
    """One demo authority: how much history, how busy, and its team structure."""

    name: str
    authority: str
    years: int
    referrals_per_year: int
    children_in_care: int
    child_population: int
    # Teams of each kind (workforce.TeamKind values); the front door, leaving care and IRO service are one each.
    teams: dict[str, int] = field(default_factory=dict)
    source: str = MEDWAY
    # Babies brought into care on a plan for adoption as the window opens, on top of the usual flow: a tiny
    # authority has too few children in care for adoption to turn up by chance, and its returns must show it.
    adoptions: int = 0


SIZES: dict[str, Size] = {
    # A handful of workers and ~150 referrals over 2 years: for tests.
    "tiny": Size(
        "tiny",
        "Tiny demo authority",
        years=2,
        referrals_per_year=75,
        children_in_care=14,
        child_population=1_500,
        teams={"assessment": 1, "safeguarding": 1, "children_in_care": 1, "disabled_children": 1},
        adoptions=3,
    ),
    # About three years of a Medway-sized unitary council.
    "small": Size(
        "small",
        "Medway (demo)",
        years=3,
        referrals_per_year=3_500,
        children_in_care=450,
        child_population=64_000,
        teams={"assessment": 3, "safeguarding": 6, "children_in_care": 3, "disabled_children": 1},
    ),
    # Ten years of one of the largest English councils (for benchmarks).
    "large": Size(
        "large",
        "Large demo authority",
        years=10,
        referrals_per_year=20_000,
        children_in_care=2_000,
        child_population=380_000,
        teams={"assessment": 12, "safeguarding": 30, "children_in_care": 12, "disabled_children": 3},
    ),
}
