"""Everything the clocks read, fetched in bulk: one query per kind of record, whatever the number of children."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from lantern.care.models import (
    CareEpisode,
    CarePeriod,
    CLAReview,
    DentalCheck,
    HealthAssessment,
    PermanencePlan,
    PersonalEducationPlan,
)
from lantern.casework.models import OversightDecision
from lantern.journey.models import (
    Assessment,
    ChildProtectionConference,
    CINPlan,
    CINPlanReview,
    Contact,
    CoreGroup,
    CPPlan,
    PlanAction,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from lantern.leaving_care.models import (
    CareLeaver,
    CareLeaverContact,
    Entitlement,
    NeedsAssessment,
    PathwayPlan,
    PathwayPlanReview,
)
from lantern.missing.models import ExploitationScreening, MissingEducationEpisode, MissingEpisode, SafetyPlan
from lantern.people.models import Child


@dataclass
class ChildFacts:
    child: Child
    contacts: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    strategy_discussions: list = field(default_factory=list)
    section47s: list = field(default_factory=list)
    conferences: list = field(default_factory=list)
    cp_plans: list = field(default_factory=list)
    cin_plans: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    # Days seen on visits, by kind of visit, earliest first: built once per child (see `seen_days`).
    seen_index: dict[str, list[date]] = field(default_factory=dict, repr=False, compare=False)
    care_periods: list = field(default_factory=list)
    care_episodes: list = field(default_factory=list)
    cla_reviews: list = field(default_factory=list)
    health_assessments: list = field(default_factory=list)
    dental_checks: list = field(default_factory=list)
    education_plans: list = field(default_factory=list)
    permanence_plans: list = field(default_factory=list)
    missing_episodes: list = field(default_factory=list)
    missing_education: list = field(default_factory=list)
    care_leaver: CareLeaver | None = None
    needs_assessments: list = field(default_factory=list)
    pathway_plans: list = field(default_factory=list)
    pathway_reviews: list = field(default_factory=list)
    care_leaver_contacts: list = field(default_factory=list)
    entitlements: list = field(default_factory=list)
    oversight_decisions: list = field(default_factory=list)
    exploitation_screenings: list = field(default_factory=list)
    safety_plans: list = field(default_factory=list)
    core_groups: list = field(default_factory=list)
    cin_plan_reviews: list = field(default_factory=list)
    plan_actions: list = field(default_factory=list)

    def seen_days(self, kind: str) -> list[date]:
        """The days the child was seen on visits of `kind`, earliest first. Indexed once, so that each plan or
        placement reads only its own stretch of visits (bisect) instead of every visit the child ever had."""
        days = self.seen_index.get(kind)
        if days is None:
            days = self.seen_index[kind] = sorted(v.visit_date for v in self.visits if v.kind == kind and v.seen)
        return days

    def seen_after(self, kind: str, start: date, ends: date | None) -> list[date]:
        """Days seen after `start`, as far as a repeating clock from `start` can use them: up to the first day on or
        after `ends` (the visit that completes the clock running when the plan ended), or all if it has not ended."""
        days = self.seen_days(kind)
        low = bisect_right(days, start)
        return days[low:] if ends is None else days[low : max(low, bisect_left(days, ends)) + 1]

    def seen_within(self, kind: str, start: date, end: date | None) -> list[date]:
        """Days seen from `start` to `end` inclusive (to the last visit if `end` is None)."""
        days = self.seen_days(kind)
        low = bisect_left(days, start)
        return days[low:] if end is None else days[low : bisect_right(days, end)]


# (attribute on ChildFacts, model, ordering): each is read with one query.
SOURCES = [
    ("contacts", Contact, "received_at"),
    ("referrals", Referral, "referral_date"),
    ("assessments", Assessment, "start_date"),
    ("strategy_discussions", StrategyDiscussion, "held_on"),
    ("section47s", Section47Enquiry, "start_date"),
    ("conferences", ChildProtectionConference, "held_on"),
    ("cp_plans", CPPlan, "start_date"),
    ("cin_plans", CINPlan, "start_date"),
    ("visits", Visit, "visit_date"),
    ("care_periods", CarePeriod, "start_date"),
    ("care_episodes", CareEpisode, "start_date"),
    ("cla_reviews", CLAReview, "review_date"),
    ("health_assessments", HealthAssessment, "assessment_date"),
    ("dental_checks", DentalCheck, "check_date"),
    ("education_plans", PersonalEducationPlan, "plan_date"),
    ("permanence_plans", PermanencePlan, "decided_on"),
    ("missing_episodes", MissingEpisode, "started_at"),
    ("missing_education", MissingEducationEpisode, "reported_on"),
    ("needs_assessments", NeedsAssessment, "completed_on"),
    ("pathway_plans", PathwayPlan, "start_date"),
    ("pathway_reviews", PathwayPlanReview, "review_date"),
    ("care_leaver_contacts", CareLeaverContact, "contact_date"),
    ("entitlements", Entitlement, "handed_over_on"),
    ("oversight_decisions", OversightDecision, "decided_on"),
    ("exploitation_screenings", ExploitationScreening, "screened_on"),
    ("safety_plans", SafetyPlan, "made_on"),
    ("core_groups", CoreGroup, "held_on"),
    ("cin_plan_reviews", CINPlanReview, "held_on"),
    ("plan_actions", PlanAction, "due_date"),
]


def load_facts(children: Iterable[Child]) -> dict[int, ChildFacts]:
    """Facts for the given children, keyed by child id. A few dozen queries for any number of children."""
    facts = {child.pk: ChildFacts(child=child) for child in children}
    return _fill(facts, list(facts))


def load_all_facts() -> dict[int, ChildFacts]:
    """Facts for every child in the authority, without an IN list of every id."""
    facts = {child.pk: ChildFacts(child=child) for child in Child.objects.all()}
    return _fill(facts, None)


def _fill(facts: dict[int, ChildFacts], ids: list[int] | None) -> dict[int, ChildFacts]:
    # Long IN lists are split so that SQLite's variable limit is never reached.
    chunks = [None] if ids is None else [ids[i : i + 5000] for i in range(0, len(ids), 5000)] or [[]]
    for attribute, model, order in SOURCES:
        grouped: dict[int, list] = defaultdict(list)
        for chunk in chunks:
            rows = model.objects.all() if chunk is None else model.objects.filter(child_id__in=chunk)
            for row in rows.order_by(order, "pk").iterator(chunk_size=5000):
                grouped[row.child_id].append(row)
        for child_id, rows in grouped.items():
            if child_id in facts:
                setattr(facts[child_id], attribute, rows)
    for chunk in chunks:
        leavers = CareLeaver.objects.all() if chunk is None else CareLeaver.objects.filter(child_id__in=chunk)
        for leaver in leavers:
            if leaver.child_id in facts:
                facts[leaver.child_id].care_leaver = leaver
    return facts
