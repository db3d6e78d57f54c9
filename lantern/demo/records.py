"""Turn a family's plan into model instances for the writer."""

from dataclasses import dataclass
from datetime import date

from lantern.care.models import (
    Adopters,
    AdoptionDecision,
    CareEpisode,
    CarePeriod,
    CLAReview,
    Conviction,
    DentalCheck,
    HealthAssessment,
    ImmunisationCheck,
    PermanencePlan,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from lantern.demo.plans import AdoptionPlan, CarePlan, ChildPlan, ContactPlan, FamilyPlan, ReferralPlan
from lantern.demo.workforce import Segment
from lantern.demo.world import SW
from lantern.demo.writer import Writer
from lantern.journey.models import (
    Assessment,
    AssessmentFactor,
    ChildProtectionConference,
    CINPlan,
    Contact,
    CPPlan,
    EarlyHelpEpisode,
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
from lantern.missing.models import MissingEducationEpisode, MissingEpisode
from lantern.people.models import Address, Child, ChildDisability, Person, Relationship, RestrictedAccess
from lantern.workforce.models import Allocation, Team, Worker

Kind = Relationship.Kind


@dataclass
class Staff:
    """The saved teams and workers, by their plan index, and the front door for referrals with no worker."""

    teams: list[Team]
    workers: list[Worker]
    front_door: Team


class ChildRecords:
    """One child's instances, with its allocations to look up who did the work on a given day."""

    def __init__(self, out: Writer, staff: Staff, plan: ChildPlan, segments: list[Segment], today: date) -> None:
        self.out, self.staff, self.plan, self.today = out, staff, plan, today
        self.segments = sorted(segments, key=lambda s: (s[3], s[2], s[0]))
        self.sw = [s for s in self.segments if s[2] == SW]

    def segment_on(self, on: date) -> Segment | None:
        found = None
        for seg in self.sw:
            if seg[3] <= on and (seg[4] is None or on <= seg[4]):
                found = seg
        return found

    def worker_on(self, on: date) -> Worker | None:
        seg = self.segment_on(on)
        return self.staff.workers[seg[0]] if seg else None

    def child(self) -> Child:
        p = self.plan
        self.obj = self.out.add(
            Child(
                la_child_id=p.la_child_id,
                upn=p.upn,
                upn_unknown=p.upn_unknown,
                nhs_number=p.nhs,
                first_name=p.first_name,
                last_name=p.last_name,
                date_of_birth=p.dob,
                expected_date_of_birth=p.edd,
                sex=p.sex,
                ethnicity=p.ethnicity,
                uasc=p.uasc,
                uasc_ceased_date=p.uasc_ceased,
                is_restricted=p.restricted,
            )
        )
        for code in p.disabilities:
            self.out.add(ChildDisability(child=self.obj, code=code))
        return self.obj

    def in_care_now(self) -> bool:
        return any(c.end is None for r in self.plan.referrals for c in r.care)

    def journey(self) -> None:
        out, child = self.out, self.obj
        for c in self.plan.contacts:
            out.add(self.contact(c))
        for e in self.plan.early_help:
            out.add(
                EarlyHelpEpisode(
                    child=child,
                    start_date=e.start,
                    end_date=e.end,
                    reason=e.reason,
                    end_reason=e.end_reason,
                    organisation=e.organisation,
                    lead_practitioner=e.lead,
                    assessment_completed_date=e.assessed,
                )
            )
        for ref in self.plan.referrals:
            self.referral(ref)
        for kind, on, seen, alone in self.plan.visits:
            out.add(
                Visit(child=child, kind=kind, visit_date=on, seen=seen, seen_alone=alone, worker=self.worker_on(on))
            )
        self.leaving_care()
        for worker, team, role, start, end, reason in self.segments:
            out.add(
                Allocation(
                    child=child,
                    worker=self.staff.workers[worker],
                    team=self.staff.teams[team],
                    role=role,
                    start_date=start,
                    end_date=end,
                    end_reason=reason,
                )
            )
        if self.plan.restricted:
            # Only named users open a restricted record: give it to the demo users who hold the child now.
            holders = {self.staff.workers[seg[0]].user for seg in self.segments if seg[4] is None} - {None}
            for user in sorted(holders, key=lambda u: u.username):
                out.add(RestrictedAccess(child=child, user=user, reason="Allocated worker"))

    def contact(self, c: ContactPlan) -> Contact:
        return Contact(
            child=self.obj,
            received_at=c.received_at,
            source=c.source,
            decision=c.decision,
            decision_at=c.decision_at,
            summary=c.summary,
        )

    def referral(self, ref: ReferralPlan) -> None:
        out, child = self.out, self.obj
        contact = out.add(self.contact(ref.contact))
        seg = self.segment_on(min(ref.closure or self.today, self.today))
        team = self.staff.teams[seg[1]] if seg and not ref.nfa else self.staff.front_door
        referral = out.add(
            Referral(
                child=child,
                contact=contact,
                referral_date=ref.date,
                referral_source=ref.source,
                primary_need_code=ref.need,
                referral_nfa=ref.nfa,
                closure_date=ref.closure,
                reason_for_closure=ref.reason,
                team=team,
            )
        )
        for a in ref.assessments:
            assessment = out.add(
                Assessment(
                    referral=referral,
                    child=child,
                    start_date=a.start,
                    authorised_date=a.authorised,
                    child_seen_date=a.seen,
                    requires_support=a.requires_support,
                    worker=self.worker_on(a.start),
                )
            )
            for code in a.factors:
                out.add(AssessmentFactor(assessment=assessment, code=code))
        plans = {}
        for p in ref.cp_plans:
            plans[id(p)] = plan = out.add(
                CPPlan(
                    referral=referral,
                    child=child,
                    start_date=p.start,
                    end_date=p.end,
                    initial_category=p.initial,
                    latest_category=p.latest,
                )
            )
            for held in p.reviews:
                out.add(
                    ChildProtectionConference(referral=referral, child=child, kind="review", cp_plan=plan, held_on=held)
                )
        for s in ref.s47s:
            strategy = out.add(
                StrategyDiscussion(
                    referral=referral,
                    child=child,
                    threshold_decision_at=s.threshold_at,
                    held_on=s.held_on,
                    initiate_s47=True,
                )
            )
            s47 = out.add(
                Section47Enquiry(
                    referral=referral,
                    child=child,
                    strategy_discussion=strategy,
                    start_date=s.held_on,
                    end_date=s.end,
                    icpc_not_required=s.icpc_not_required,
                )
            )
            if s.icpc is not None:
                out.add(
                    ChildProtectionConference(
                        referral=referral,
                        child=child,
                        kind="initial",
                        section47=s47,
                        cp_plan=plans.get(id(s.cp_plan)),
                        held_on=s.icpc,
                        plan_made=s.plan_made,
                    )
                )
        for threshold_at in ref.awaiting_discussion:
            out.add(StrategyDiscussion(referral=referral, child=child, threshold_decision_at=threshold_at))
        for p in ref.cin_plans:
            out.add(CINPlan(referral=referral, child=child, start_date=p.start, end_date=p.end))
        for period in ref.care:
            self.care(period)

    def care(self, p: CarePlan) -> None:
        out, child = self.out, self.obj
        period = out.add(CarePeriod(child=child, start_date=p.start, end_date=p.end))
        for e in p.episodes:
            out.add(
                CareEpisode(
                    period=period,
                    child=child,
                    start_date=e.start,
                    reason_new_episode=e.rne,
                    legal_status=e.ls,
                    category_of_need=e.cin,
                    placement_type=e.place,
                    placement_provider=e.provider,
                    end_date=e.end,
                    reason_ceased=e.rec,
                    reason_place_change=e.rpc,
                    home_postcode=e.home_post,
                    placement_postcode=e.pl_post,
                    urn=e.urn,
                )
            )
        for held, code in p.reviews:
            out.add(CLAReview(child=child, period=period, review_date=held, participation=code))
        for held, kind in p.health:
            out.add(HealthAssessment(child=child, kind=kind, assessment_date=held))
        for held in p.dental:
            out.add(DentalCheck(child=child, check_date=held))
        for held in p.peps:
            out.add(PersonalEducationPlan(child=child, plan_date=held))
        if p.permanence is not None:
            decided, code = p.permanence
            out.add(PermanencePlan(child=child, period=period, plan=code, decided_on=decided))
        for held, score, reason in p.sdqs:
            out.add(StrengthsAndDifficulties(child=child, completed_on=held, score=score, reason_no_score=reason))
        for checked, up_to_date in p.immunisations:
            out.add(ImmunisationCheck(child=child, checked_on=checked, up_to_date=up_to_date))
        for identified, offered, received in p.substance_misuse:
            out.add(
                SubstanceMisuse(
                    child=child, identified_on=identified, intervention_offered=offered, intervention_received=received
                )
            )
        for convicted, offence in p.convictions:
            out.add(Conviction(child=child, convicted_on=convicted, offence=offence))
        if p.adoption is not None:
            self.adoption(period, p.adoption)
        for m in p.missing:
            out.add(
                MissingEpisode(
                    child=child,
                    kind=m.kind,
                    started_at=m.started_at,
                    returned_at=m.returned_at,
                    return_interview_offered=m.offered,
                    return_interview_accepted=m.accepted,
                    return_interview_at=m.interview_at,
                )
            )

    def adoption(self, period: CarePeriod, plan: AdoptionPlan) -> None:
        adopters = None
        if plan.adopters is not None:
            a = plan.adopters
            adopters = self.out.add(
                Adopters(
                    reference=a.reference,
                    number_of_adopters=a.number,
                    sex=a.sex,
                    legal_status=a.legal_status,
                    fostering_for_adoption=a.fostering_for_adoption,
                    enquiry_on=a.enquiry,
                    stage_one_start=a.stage_one[0],
                    stage_one_end=a.stage_one[1],
                    stage_two_start=a.stage_two[0],
                    stage_two_end=a.stage_two[1],
                    application_on=a.application,
                    approved_on=a.approved,
                )
            )
        self.out.add(
            AdoptionDecision(
                child=self.obj,
                period=period,
                decided_on=plan.decided,
                matched_on=plan.matched,
                adopters=adopters,
                reversed_on=plan.reversed_on,
                reversed_reason=plan.reversed_reason,
            )
        )

    def leaving_care(self) -> None:
        leaver, child, plan = self.plan.leaver, self.obj, self.plan
        for reported, done, outcome in plan.missing_education:
            self.out.add(
                MissingEducationEpisode(child=child, reported_on=reported, enquiries_completed_on=done, outcome=outcome)
            )
        if plan.needs_assessed is not None:
            self.out.add(NeedsAssessment(child=child, completed_on=plan.needs_assessed))
        if plan.pathway_start is not None:
            self.out.add(PathwayPlan(child=child, start_date=plan.pathway_start))
        for kind, handed in plan.entitlements:
            self.out.add(Entitlement(child=child, kind=kind, handed_over_on=handed))
        if leaver is None:
            return
        self.out.add(CareLeaver(child=child, eligibility=leaver.eligibility, eligible_from=leaver.eligible_from))
        for on, touch, activity, accommodation in leaver.contacts:
            self.out.add(
                CareLeaverContact(
                    child=child, contact_date=on, in_touch=touch, activity=activity, accommodation=accommodation
                )
            )
        for on in leaver.reviews:
            self.out.add(PathwayPlanReview(child=child, review_date=on))


def emit_family(out: Writer, staff: Staff, family: FamilyPlan, allocations: dict, today: date) -> None:
    records = [ChildRecords(out, staff, c, allocations.get(c.index, []), today) for c in family.children]
    children = [r.child() for r in records]
    mother = out.add(
        Person(
            first_name=family.mother.first_name,
            last_name=family.mother.last_name,
            date_of_birth=family.mother.dob,
            sex="F",
        )
    )
    father = None
    if family.father is not None:
        f = family.father
        father = out.add(Person(first_name=f.first_name, last_name=f.last_name, date_of_birth=f.dob, sex="M"))
    siblings = []
    if len(children) > 1:
        siblings = [
            out.add(
                Person(
                    first_name=c.first_name,
                    last_name=c.last_name,
                    date_of_birth=c.date_of_birth,
                    sex=c.sex,
                    child_record=c,
                )
            )
            for c in children
        ]
    for i, (rec, child) in enumerate(zip(records, children, strict=True)):
        home = not rec.in_care_now()
        born = child.date_of_birth
        out.add(
            Relationship(
                child=child,
                person=mother,
                kind=Kind.MOTHER,
                lives_with_child=home,
                parental_responsibility=True,
                start_date=born,
            )
        )
        if father is not None and not rec.plan.half_sibling:
            out.add(
                Relationship(
                    child=child,
                    person=father,
                    kind=Kind.FATHER,
                    lives_with_child=home and i % 2 == 0,
                    parental_responsibility=i % 3 != 2,
                    start_date=born,
                )
            )
        for j, sibling in enumerate(siblings):
            if j != i:
                half = rec.plan.half_sibling or records[j].plan.half_sibling
                out.add(
                    Relationship(
                        child=child,
                        person=sibling,
                        kind=Kind.HALF_SIBLING if half else Kind.SIBLING,
                        lives_with_child=home and not records[j].in_care_now(),
                    )
                )
        known = rec.plan.known_from
        for line, town, postcode, start, end in family.addresses:
            start = max(start, known)
            if end is None or end >= start:
                out.add(Address(child=child, line_1=line, town=town, postcode=postcode, start_date=start, end_date=end))
        rec.journey()
