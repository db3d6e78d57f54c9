"""The one registry of statutory and local timescales (domain/timescales.md). Every clock is declared here once.

A rule says what starts it, what stops it, how its due date is counted and where that comes from. Local standards
carry a default that the council may change (`TimescaleSetting`); statutory rules cite their source and are fixed.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from lantern.workingdays.calendar import WorkingCalendar, add_months, add_weeks


class Counting(StrEnum):
    WORKING_DAYS = "working days"
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    starts: str
    stops: str
    counting: Counting
    amount: int
    statutory: bool
    source: str
    applies_to: str  # the part of the journey a clock belongs to, for filters and worklists
    repeating: bool = False
    # Days added after counting: "the day before the 18th birthday" is 12 months from the 17th, less one day.
    offset_days: int = 0

    @property
    def kind(self) -> str:
        return "statutory" if self.statutory else "local standard"

    @property
    def describe_due(self) -> str:
        return f"{self.amount} {self.counting.value if self.amount != 1 else self.counting.value.rstrip('s')}"

    def due(self, start: date | datetime, calendar: WorkingCalendar, amount: int | None = None) -> date | datetime:
        """The due date (or date-time, for hour clocks) of a clock started at `start`."""
        amount = self.amount if amount is None else amount
        return self._count(start, calendar, amount) + timedelta(days=self.offset_days)

    def _count(self, start: date | datetime, calendar: WorkingCalendar, amount: int) -> date | datetime:
        if self.counting is Counting.HOURS:
            if not isinstance(start, datetime):
                # Only a date recorded: the end of that day counts as the start (timescales.md).
                start = datetime.combine(start, datetime.max.time())
            return start + timedelta(hours=amount)
        day = start.date() if isinstance(start, datetime) else start
        if self.counting is Counting.WORKING_DAYS:
            return calendar.add_working_days(day, amount)
        if self.counting is Counting.DAYS:
            return day + timedelta(days=amount)
        if self.counting is Counting.WEEKS:
            return add_weeks(day, amount)
        return add_months(day, amount)


WT2023 = "Working Together to Safeguard Children 2023"
CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010"

RULES: list[Rule] = [
    Rule(
        "contact_decision",
        "Contact decision",
        "contact received",
        "decision recorded (NFA, advice, early help, referral)",
        Counting.HOURS,
        24,
        False,
        "Local standard: all decisions made within 24 hours",
        "front door",
    ),
    Rule(
        "referral_decision",
        "Referral decision",
        "referral received",
        "decision on the type of response (assessment, strategy discussion or no further action)",
        Counting.WORKING_DAYS,
        1,
        True,
        WT2023,
        "front door",
    ),
    Rule(
        "assessment",
        "Child and family assessment",
        "referral date (CINreferralDate)",
        "assessment authorised",
        Counting.WORKING_DAYS,
        45,
        True,
        f"{WT2023}; CIN census query 8670Q",
        "assessment",
    ),
    Rule(
        "strategy_discussion",
        "Strategy discussion",
        "decision that the section 47 threshold may be met",
        "strategy discussion held",
        Counting.WORKING_DAYS,
        1,
        False,
        "Local standard",
        "child protection",
    ),
    Rule(
        "icpc",
        "Initial child protection conference",
        "strategy discussion that started the section 47 enquiry",
        "initial conference held",
        Counting.WORKING_DAYS,
        15,
        True,
        f"{WT2023}; CIN census query 8675Q",
        "child protection",
    ),
    Rule(
        "cp_review_first",
        "First child protection review",
        "initial child protection conference",
        "review conference held",
        Counting.MONTHS,
        3,
        True,
        WT2023,
        "child protection",
    ),
    Rule(
        "cp_review",
        "Child protection review",
        "previous review conference",
        "review conference held",
        Counting.MONTHS,
        6,
        True,
        WT2023,
        "child protection",
        repeating=True,
    ),
    Rule(
        "cp_visit",
        "Child protection visit",
        "plan start or previous visit",
        "child seen",
        Counting.WORKING_DAYS,
        10,
        False,
        "Local standard (common practice: at least every 10 working days)",
        "child protection",
        repeating=True,
    ),
    Rule(
        "cin_visit",
        "Child in need visit",
        "plan start or previous visit",
        "child seen",
        Counting.WORKING_DAYS,
        20,
        False,
        "Local standard",
        "child in need",
        repeating=True,
    ),
    Rule(
        "cla_visit_first",
        "First visit in a placement",
        "placement start",
        "child visited",
        Counting.WEEKS,
        1,
        True,
        f"{CPPCR} reg 28(2)(a)",
        "children in care",
    ),
    Rule(
        "cla_visit_first_year",
        "Statutory visit, first year of placement",
        "previous visit",
        "child visited",
        Counting.WEEKS,
        6,
        True,
        f"{CPPCR} reg 28(2)(b)",
        "children in care",
        repeating=True,
    ),
    Rule(
        "cla_visit_long_term",
        "Statutory visit, long-term placement to 18",
        "previous visit",
        "child visited",
        Counting.MONTHS,
        3,
        True,
        f"{CPPCR} reg 28(2)(c)(i)",
        "children in care",
        repeating=True,
    ),
    Rule(
        "cla_visit_other",
        "Statutory visit, after the first year",
        "previous visit",
        "child visited",
        Counting.WEEKS,
        6,
        True,
        f"{CPPCR} reg 28(2)(c)(ii)",
        "children in care",
        repeating=True,
    ),
    Rule(
        "cla_review_first",
        "First CLA review",
        "became looked after",
        "review held",
        Counting.WORKING_DAYS,
        20,
        True,
        f"{CPPCR} reg 33(1)",
        "children in care",
    ),
    Rule(
        "cla_review_second",
        "Second CLA review",
        "first review",
        "review held",
        Counting.MONTHS,
        3,
        True,
        f"{CPPCR} reg 33(2)",
        "children in care",
    ),
    Rule(
        "cla_review",
        "CLA review",
        "previous review",
        "review held",
        Counting.MONTHS,
        6,
        True,
        f"{CPPCR} reg 33(2)",
        "children in care",
        repeating=True,
    ),
    Rule(
        "health_initial",
        "Initial health assessment",
        "became looked after",
        "assessment done",
        Counting.WORKING_DAYS,
        20,
        True,
        "Statutory guidance: promoting the health of looked-after children",
        "children in care",
    ),
    Rule(
        "health_review_under_5",
        "Review health assessment (under 5)",
        "previous assessment",
        "assessment done",
        Counting.MONTHS,
        6,
        True,
        "Statutory guidance: promoting the health of looked-after children",
        "children in care",
        repeating=True,
    ),
    Rule(
        "health_review",
        "Review health assessment (5 and over)",
        "previous assessment",
        "assessment done",
        Counting.MONTHS,
        12,
        True,
        "Statutory guidance: promoting the health of looked-after children",
        "children in care",
        repeating=True,
    ),
    Rule(
        "dental_check",
        "Dental check",
        "became looked after or previous check",
        "check done",
        Counting.MONTHS,
        12,
        False,
        "Local standard following the SSDA903 OC2 measure",
        "children in care",
        repeating=True,
    ),
    Rule(
        "pep",
        "Personal education plan",
        "became looked after",
        "PEP in place",
        Counting.WORKING_DAYS,
        20,
        True,
        "Statutory guidance: promoting the education of looked-after children (20 school days)",
        "children in care",
    ),
    Rule(
        "pep_review",
        "PEP review",
        "previous PEP",
        "PEP reviewed",
        Counting.MONTHS,
        3,
        False,
        "Local standard: review each term",
        "children in care",
        repeating=True,
    ),
    Rule(
        "permanence_plan",
        "Permanence plan",
        "first CLA review (the plan is due by the second)",
        "permanence plan recorded",
        Counting.MONTHS,
        3,
        True,
        "Statutory guidance: a permanence plan by the second CLA review",
        "children in care",
    ),
    Rule(
        "return_interview",
        "Return home interview",
        "child returned from a missing episode",
        "interview held",
        Counting.HOURS,
        72,
        True,
        "Statutory guidance on children who run away or go missing from home or care (2014)",
        "missing",
    ),
    Rule(
        "missing_education",
        "Children missing education enquiries",
        "child reported missing education",
        "enquiries complete",
        Counting.WORKING_DAYS,
        10,
        False,
        "Local standard (10 school days)",
        "missing",
    ),
    Rule(
        "needs_assessment",
        "Needs assessment for an eligible child",
        "16th birthday while looked after",
        "assessment done",
        Counting.MONTHS,
        3,
        True,
        f"{CPPCR} reg 42(1)",
        "leaving care",
    ),
    Rule(
        "pathway_plan_review",
        "Pathway plan review",
        "pathway plan or previous review",
        "plan reviewed",
        Counting.MONTHS,
        6,
        True,
        "Care Leavers (England) Regulations 2010",
        "leaving care",
        repeating=True,
    ),
    Rule(
        "pa_contact",
        "Personal adviser contact",
        "eligibility or previous contact",
        "care leaver contacted",
        Counting.WEEKS,
        8,
        False,
        "Local standard",
        "leaving care",
        repeating=True,
    ),
    Rule(
        "entitlements",
        "Entitlements before 18",
        "17th birthday",
        "health history, NI number, photo ID, bank account and birth certificate handed over",
        Counting.MONTHS,
        12,
        False,
        "Inspection findings: each checked before the 18th birthday (due the day before it)",
        "leaving care",
        offset_days=-1,
    ),
    Rule(
        "supervision",
        "Supervision",
        "previous supervision",
        "supervision recorded",
        Counting.WEEKS,
        4,
        False,
        "Local standard",
        "workforce",
        repeating=True,
    ),
]

REGISTRY: dict[str, Rule] = {rule.id: rule for rule in RULES}
LOCAL_RULES = [rule for rule in RULES if not rule.statutory]
