"""Plain in-memory plans of each family's story, built before any model instance exists.

Planning is pure Python and repeatable (a family's plan depends only on the seed and its index), so the
generator plans every family once to size the workforce, then plans each again to write it in batches.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class ContactPlan:
    received_at: datetime
    source: str
    decision: str
    decision_at: datetime | None
    summary: str


@dataclass(slots=True)
class AssessmentPlan:
    start: date
    authorised: date | None
    seen: date | None
    requires_support: bool | None
    factors: list[str]


@dataclass(slots=True)
class S47Plan:
    """A strategy discussion, the section 47 enquiry it started, and its initial conference if any."""

    threshold_at: datetime
    held_on: date
    end: date | None
    icpc_not_required: bool
    icpc: date | None = None
    plan_made: bool | None = None
    cp_plan: "CPPlanPlan | None" = None


@dataclass(slots=True)
class CPPlanPlan:
    start: date
    end: date | None
    initial: str
    latest: str
    reviews: list[date] = field(default_factory=list)


@dataclass(slots=True)
class CINPlanPlan:
    start: date
    end: date | None


@dataclass(slots=True)
class EpisodePlan:
    start: date
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    home_post: str
    pl_post: str
    urn: str
    end: date | None = None
    rec: str = ""
    rpc: str = ""


@dataclass(slots=True)
class MissingPlan:
    kind: str
    started_at: datetime
    returned_at: datetime | None
    offered: bool | None
    accepted: bool | None
    interview_at: datetime | None


@dataclass(slots=True)
class AdoptersPlan:
    """A prospective adoptive household, from enquiry to approval (SSDA903 AD1, Annex A List 11)."""

    reference: str
    number: int
    sex: str
    legal_status: str
    fostering_for_adoption: bool
    enquiry: date
    stage_one: tuple[date, date]
    stage_two: tuple[date, date]
    application: date
    approved: date


@dataclass(slots=True)
class AdoptionPlan:
    """The decision that the child should be placed for adoption, the match, and a reversal if there is one."""

    decided: date
    matched: date | None = None
    adopters: AdoptersPlan | None = None
    reversed_on: date | None = None
    reversed_reason: str = ""


@dataclass(slots=True)
class CarePlan:
    start: date
    end: date | None
    episodes: list[EpisodePlan]
    reviews: list[tuple[date, str]] = field(default_factory=list)
    missing: list[MissingPlan] = field(default_factory=list)
    # Health, education and permanence work during the period (carework.py, after clipping).
    health: list[tuple[date, str]] = field(default_factory=list)
    dental: list[date] = field(default_factory=list)
    peps: list[date] = field(default_factory=list)
    permanence: tuple[date, str] | None = None
    adoption: AdoptionPlan | None = None
    # SSDA903 OC2 items: SDQs (date, score or None, reason), immunisation checks (date, up to date),
    # substance misuse (identified, intervention offered, received) and convictions (date, offence).
    sdqs: list[tuple[date, int | None, str]] = field(default_factory=list)
    immunisations: list[tuple[date, bool]] = field(default_factory=list)
    substance_misuse: list[tuple[date, bool, bool]] = field(default_factory=list)
    convictions: list[tuple[date, str]] = field(default_factory=list)


@dataclass(slots=True)
class ReferralPlan:
    date: date
    contact: ContactPlan
    source: str
    need: str
    nfa: bool = False
    closure: date | None = None
    reason: str = ""
    assessments: list[AssessmentPlan] = field(default_factory=list)
    s47s: list[S47Plan] = field(default_factory=list)
    cp_plans: list[CPPlanPlan] = field(default_factory=list)
    cin_plans: list[CINPlanPlan] = field(default_factory=list)
    care: list[CarePlan] = field(default_factory=list)
    # Section 47 thresholds met by today whose strategy discussion is planned after it: not held yet.
    awaiting_discussion: list[datetime] = field(default_factory=list)


@dataclass(slots=True)
class NeedPlan:
    """A stretch of time a child needs a worker of one role from one kind of team."""

    role: str
    kind: str
    start: date
    end: date | None
    end_reason: str


@dataclass(slots=True)
class EarlyHelpPlan:
    start: date
    end: date | None
    reason: str
    end_reason: str
    organisation: str
    lead: str
    assessed: date | None


@dataclass(slots=True)
class LeaverPlan:
    eligibility: str
    eligible_from: date
    contacts: list[tuple[date, str, str, str]] = field(default_factory=list)
    reviews: list[date] = field(default_factory=list)


@dataclass(slots=True)
class ChildPlan:
    index: int
    la_child_id: str
    first_name: str
    last_name: str
    sex: str
    dob: date | None
    edd: date | None
    ethnicity: str
    slot: int
    upn: str = ""
    upn_unknown: str = ""
    nhs: str = ""
    uasc: bool = False
    uasc_ceased: date | None = None
    restricted: bool = False
    disabilities: list[str] = field(default_factory=list)
    contacts: list[ContactPlan] = field(default_factory=list)
    early_help: list[EarlyHelpPlan] = field(default_factory=list)
    referrals: list[ReferralPlan] = field(default_factory=list)
    visits: list[tuple[str, date, bool, bool]] = field(default_factory=list)
    needs: list[NeedPlan] = field(default_factory=list)
    leaver: LeaverPlan | None = None
    half_sibling: bool = False
    # Leaving-care work and missing education (carework.py, after clipping).
    needs_assessed: date | None = None
    pathway_start: date | None = None
    entitlements: list[tuple[str, date]] = field(default_factory=list)
    missing_education: list[tuple[date, date | None, str]] = field(default_factory=list)

    @property
    def known_from(self) -> date:
        """The first day the child is on record: birth, or the first referral for a baby not yet born."""
        firsts = [self.dob] if self.dob else []
        firsts += [r.date for r in self.referrals] + [c.received_at.date() for c in self.contacts]
        return min(d for d in firsts if d is not None)


@dataclass(slots=True)
class PersonPlan:
    first_name: str
    last_name: str
    dob: date | None
    sex: str


@dataclass(slots=True)
class FamilyPlan:
    index: int
    mode: str
    children: list[ChildPlan]
    mother: PersonPlan
    father: PersonPlan | None
    # (line 1, town, postcode, start, end)
    addresses: list[tuple[str, str, str, date, date | None]]

    @property
    def has_activity_from(self) -> date | None:
        """The latest date anything in the family was open or happened (None if something is still open)."""
        latest = date.min
        for child in self.children:
            for referral in child.referrals:
                if referral.closure is None:
                    return None
                latest = max(latest, referral.closure)
            for contact in child.contacts:
                latest = max(latest, contact.received_at.date())
            if child.leaver is not None:
                return None
        return latest
