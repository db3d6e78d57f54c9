"""A child's journey through the front door: referrals (CIN episodes), assessments, strategy discussions and
section 47 enquiries, conferences, CP and CIN plans, into and out of care, and closure.

Plans are made without regard to `today`, then `clip.clip_child` cuts everything at today, so whatever
straddles today is simply open.
"""

import math
import random
from collections.abc import Callable
from datetime import date, timedelta

from lantern.demo import care, mixes
from lantern.demo.dates import backlog, birthday, later, office_time
from lantern.demo.figures import figure
from lantern.demo.plans import (
    AssessmentPlan,
    ChildPlan,
    CINPlanPlan,
    ContactPlan,
    CPPlanPlan,
    ReferralPlan,
    S47Plan,
)
from lantern.demo.world import World

# Re-referral after closure: chance, and mean gap in days (tuned so ~22% of referrals fall within 12 months).
REREFER_CHANCE = 0.33
REREFER_GAP_DAYS = 120
# Strategy discussions held four to nine working days after the threshold decision (on top of the quarter held a
# day or three late): a local standard of one working day, often missed where police or health are not available.
STRATEGY_DRIFT = 0.05
# Thresholds met in the ten days before the build date whose strategy discussion is still waiting on it, so that
# the strategy discussion clock shows some overdue (worklist drift, issue 3).
STRATEGY_WAITING = 0.25
# Chance a CP plan ends at its 1st, 2nd, 3rd, 4th and later review (gives ~4% lasting two years or more).
CP_END_AT_REVIEW = [0.33, 0.47, 0.55, 0.65]
CLOSURE_FOR_CARE_END = {"E11": "RC1", "E12": "RC1", "E41": "RC3", "E3": "RC5", "E7": "RC6"}


class Story:
    """One child's timeline under construction, with the rng that drives it."""

    def __init__(self, w: World, rng: random.Random, child: ChildPlan, home_post: Callable[[date], str]) -> None:
        self.w = w
        self.rng = rng
        self.child = child
        self.home_post = home_post
        self.adult = birthday(child.dob, 18) if child.dob else None
        self.cp_plans = 0
        self.need = "N1"

    @property
    def today(self) -> date:
        return self.w.today

    def wd(self, d: date, n: int) -> date:
        return self.w.clock.wd(d, n)


def assessment_working_days(rng: random.Random) -> int:
    # ~83% within 45 working days with a median near 30, then a long tail.
    if rng.random() < figure("assessment_within_45wd"):
        return round(rng.triangular(8, 45, 34))
    return min(220, 46 + int(rng.expovariate(1 / 22)))


def icpc_working_days(rng: random.Random) -> int:
    if rng.random() < figure("icpc_within_15wd"):
        return rng.randint(6, 15)
    return rng.randint(16, 32)


def referral_contact(rng: random.Random, d: date, source: str) -> ContactPlan:
    decided = office_time(rng, d)
    if rng.random() < figure("contact_decision_within_24h"):
        delay = timedelta(minutes=rng.randint(30, 23 * 60))
    else:
        delay = timedelta(minutes=rng.randint(25 * 60, 70 * 60))
    summary = rng.choice(mixes.CONTACT_SUMMARIES)
    return ContactPlan(later(decided, -delay), source, "REFERRAL", decided, summary)


def sample_factors(rng: random.Random, extra: str = "") -> list[str]:
    factors = [code for code, p in mixes.ASSESSMENT_FACTORS.items() if rng.random() < p]
    if extra and extra not in factors:
        factors.append(extra)
    if not factors:
        factors = [rng.choice(["4B", "3B", "17A", "16A", "20"])]
    return sorted(factors)


def plan_story(s: Story, first: date, mode: str) -> None:
    """All of a child's referrals, one after another, from the first."""
    d = first
    force = mode if mode in ("cla_stock", "leaver_stock", "uasc", "adoption") else None
    while True:
        referral = plan_referral(s, d, force)
        s.child.referrals.append(referral)
        force = None
        if referral.closure is None or referral.closure >= s.today:
            return
        if any(p.episodes and p.episodes[-1].rec in ("E11", "E12") for p in referral.care):
            return  # adopted: a new family, and in time a new name; any later work is under a new record
        if s.rng.random() >= REREFER_CHANCE + (0.25 if s.cp_plans else 0):
            return
        d = referral.closure + timedelta(days=1 + int(s.rng.expovariate(1 / REREFER_GAP_DAYS)))
        if d > s.today or (s.adult is not None and d >= s.adult - timedelta(days=90)):
            return
        if s.child.dob is None or d < s.child.dob:
            return


def plan_referral(s: Story, d: date, force: str | None) -> ReferralPlan:
    rng = s.rng
    source = "7" if force == "uasc" else mixes.REFERRAL_SOURCE.pick(rng)
    ref = ReferralPlan(d, referral_contact(rng, d, source), source, "")
    if force is None and rng.random() < figure("nfa_share"):
        # Referral NFA: closed the day it came in, no assessment (CIN rules 8831/8832/4000).
        ref.nfa, ref.need, ref.closure, ref.reason = True, mixes.NFA_PRIMARY_NEED.pick(rng), d, "RC7"
        return ref
    disabled = bool(s.child.disabilities)
    ref.need = "N2" if disabled and rng.random() < 0.7 else mixes.PRIMARY_NEED.pick(rng)
    if force == "uasc":
        ref.need = "N8"
    s.need = ref.need
    start = d if rng.random() < 0.5 else s.wd(d, rng.randint(1, 3))
    # Referrals of the last month still waiting for a response on the build date (referral decision drift).
    waiting = backlog(f"{s.w.seed}-referral-{s.child.index}-{d}", s.wd(d, 1), s.today, share=0.1)
    if waiting is not None:
        start = max(start, s.wd(s.today, waiting))
    n = assessment_working_days(rng)
    seen_at = s.wd(start, rng.randint(0, 7))
    seen = seen_at if s.child.dob is not None and seen_at >= s.child.dob else None
    assessment = AssessmentPlan(start, s.wd(start, n), seen, True, [])
    ref.assessments.append(assessment)
    stage, t, reason, route = first_stage(s, ref, force)
    closing_reason = run_stages(s, ref, stage, t, reason, route)
    if ref.closure is not None:
        # A closed episode has every assessment authorised and every enquiry finished (CIN rules 8867, 8868).
        ends = [a.authorised for a in ref.assessments] + [q.end for q in ref.s47s]
        ref.closure = max([ref.closure, *(d for d in ends if d is not None)])
        for q in ref.s47s:
            if q.icpc is not None and q.icpc > ref.closure:
                # The case closed first (the young person turned 18): no conference after it (CIN rule 8565).
                q.icpc, q.plan_made, q.cp_plan, q.icpc_not_required = None, None, None, True
    only_assessed = not (ref.s47s or ref.cp_plans or ref.cin_plans or ref.care)
    if only_assessed:
        assessment.requires_support = False
        # A sole factor 21 is for an assessment that found nothing (CIN query 8873Q).
        if closing_reason in ("RC8", "RC9") and rng.random() < 0.3:
            assessment.factors = ["21"]
        else:
            assessment.factors = sample_factors(rng)
    else:
        category = ref.cp_plans[0].initial if ref.cp_plans else ""
        extra = {"NEG": "16A", "EMO": "17A", "PHY": "18C", "SAB": "19C"}.get(category, "")
        for each in ref.assessments:
            each.factors = sample_factors(rng, "9A" if force == "uasc" else extra)
    return ref


def first_stage(s: Story, ref: ReferralPlan, force: str | None) -> tuple[str, date, str, str]:
    """What follows the referral: (stage, its start, closure reason, care route)."""
    rng, d, auth = s.rng, ref.date, ref.assessments[0].authorised
    if force in ("cla_stock", "leaver_stock", "adoption"):
        return "care", d + timedelta(days=rng.randint(0, 3)), "", force
    if force == "uasc":
        return "care", d, "", "uasc"
    # Escalations from CIN plans add to the first-stage enquiries, so start a little under the national rate.
    p_s47 = 0.9 * figure("s47_per_referral") / (1 - figure("nfa_share")) + (0.35 if s.cp_plans else 0)
    if rng.random() < p_s47:
        return s47_stage(s, ref, ref.contact.decision_at or s.w.clock.end_of_today, d)
    u = rng.random()
    if u < 0.47:
        return "close", auth, "RC8", ""
    if u < 0.60:
        return "close", auth, "RC9", ""
    if u < 0.96:
        return "cin", auth, "", ""
    if u < 0.985:
        return "care", s.wd(d, rng.randint(1, 25)), "", "planned"
    return "close", auth, "RC5", ""


def s47_stage(s: Story, ref: ReferralPlan, threshold_at, d: date) -> tuple[str, date, str, str]:
    rng, auth = s.rng, ref.assessments[0].authorised
    held = s.w.clock.on_or_after(d) if rng.random() < 0.75 else s.wd(d, rng.randint(1, 3))
    # A few drift for a week or more (police or health not available): on the build date some are still not held.
    # Its own stream, so the rest of the story is unchanged.
    drift = random.Random(f"{s.w.seed}-strategy-{s.child.index}-{d.toordinal()}")
    if drift.random() < STRATEGY_DRIFT:
        held = s.wd(d, drift.randint(4, 9))
    if 2 <= (s.today - d).days <= 10 and drift.random() < STRATEGY_WAITING:
        held = s.wd(s.today, drift.randint(1, 5))  # the build date's backlog: not held yet
    p_icpc = figure("icpc_per_s47") - 0.1 + (0.35 if s.cp_plans else 0)
    if rng.random() < p_icpc:
        n = icpc_working_days(rng)
        icpc = s.wd(held, n)
        s47 = S47Plan(threshold_at, held, s.wd(held, max(1, n - rng.randint(0, 3))), False, icpc)
        s47.plan_made = rng.random() < figure("icpc_plan_made")
        ref.s47s.append(s47)
        if s47.plan_made:
            return "cp", icpc, "", ""
        return ("cin", icpc, "", "") if rng.random() < 0.55 else ("close", max(icpc, auth), "RC7", "")
    s47 = S47Plan(threshold_at, held, s.wd(held, rng.randint(4, 15)), True)
    ref.s47s.append(s47)
    u = rng.random()
    if u < 0.40:
        return "cin", max(auth, s47.end), "", ""
    if u < 0.43:
        return "care", held, "", "emergency"
    return "close", max(auth, s47.end), "RC7", ""


def run_stages(s: Story, ref: ReferralPlan, stage: str, t: date, reason: str, route: str) -> str:
    """Follow plans and care until the referral closes, the child turns 18, or the story passes today."""
    while True:
        if t > s.today:
            return ""
        if s.adult is not None and t >= s.adult:
            stage, t, reason = "close", s.adult, "RC7"
        if stage == "close":
            ref.closure, ref.reason = t, reason
            return reason
        forced = route in ("cla_stock", "leaver_stock", "uasc", "adoption")
        if stage == "care" and not forced and s.rng.random() > s.w.care_rate:
            stage = "cin"  # this authority takes fewer children into care per referral (Size.children_in_care)
        if stage == "care" and (s.child.dob is None or (s.child.uasc and route != "uasc")):
            # Nobody is looked after before birth; every CP plan follows an ICPC (CIN rule 2885), so a plan.
            stage = "cin"
        if stage == "cp":
            stage, t, reason = cp_stage(s, ref, t)
        elif stage == "cin":
            stage, t, reason = cin_stage(s, ref, t)
        else:
            t = max(t, s.child.dob)
            period, rec = care.plan_care(s, t, route)
            ref.care.append(period)
            if period.end is None:
                return ""
            t, route = period.end, "emergency"
            if rec in ("E4A", "E4B") and s.rng.random() < 0.6:
                stage = "cin"
            else:
                stage, reason = "close", CLOSURE_FOR_CARE_END.get(rec, "RC4" if rec.startswith("E4") else "RC7")


def cp_stage(s: Story, ref: ReferralPlan, t: date) -> tuple[str, date, str]:
    rng = s.rng
    category = mixes.CP_CATEGORY.pick(rng)
    plan = CPPlanPlan(t, None, category, category)
    ref.cp_plans.append(plan)
    for s47 in ref.s47s:
        if s47.icpc == t and s47.plan_made and s47.cp_plan is None:
            s47.cp_plan = plan
    s.cp_plans += 1
    previous = t
    while plan.end is None:
        due = s.w.clock.months(previous, 3 if not plan.reviews else 6)
        if rng.random() < figure("cp_review_late"):
            held = s.wd(due, rng.randint(1, 25))
        else:
            held = s.w.clock.on_or_after(due - timedelta(days=rng.randint(0, 14)))
        waiting = backlog(f"{s.w.seed}-cp-review-{s.child.index}-{due}", due, s.today)
        if waiting is not None:
            held = s.wd(s.today, waiting)
        plan.reviews.append(held)
        previous = held
        if rng.random() < 0.12:
            plan.latest = mixes.CP_CATEGORY.pick(rng)
        if held > s.today:
            return "cp", held + timedelta(days=1), ""
        if s.adult is not None and held >= s.adult:
            plan.end = s.adult
            return "close", s.adult, "RC7"
        if rng.random() < CP_END_AT_REVIEW[min(len(plan.reviews), 4) - 1]:
            plan.end = held
    u = rng.random()
    if u < 0.55:
        # Stepped down to a CIN plan from the day after the last review (CIN rule 4003).
        return "cin", plan.end + timedelta(days=1), ""
    if u < 0.64:
        return "care", plan.end, ""
    return ("close", plan.end, "RC7") if u < 0.97 else ("close", plan.end, "RC5")


def cin_stage(s: Story, ref: ReferralPlan, t: date) -> tuple[str, date, str]:
    rng = s.rng
    for previous in ref.cin_plans[-1:] + ref.cp_plans[-1:]:
        if previous.end is not None and previous.end >= t:
            # A CIN plan starts the day after the previous CIN plan (CIN rule 4014) or the CP plan's last
            # review (rule 4003).
            t = previous.end + timedelta(days=1)
    end = t + timedelta(days=max(28, int(rng.lognormvariate(math.log(170), 0.6))))
    plan = CINPlanPlan(t, end)
    ref.cin_plans.append(plan)
    if s.adult is not None and end >= s.adult:
        plan.end = s.adult
        return "close", s.adult, "RC7"
    u = rng.random()
    held = s.w.clock.on_or_after(end)
    icpc = s.wd(held, icpc_working_days(rng))
    if u < 0.06 and end <= s.today and (s.adult is None or icpc < s.adult):
        # Escalation: a strategy discussion during the plan and a fresh assessment, then an ICPC; the CIN plan
        # ends as the CP plan starts.
        ref.s47s.append(S47Plan(office_time(rng, held), held, icpc, False, icpc, True))
        seen = held if s.child.dob is not None else None
        authorised = max(icpc, s.wd(held, assessment_working_days(rng)))
        ref.assessments.append(AssessmentPlan(held, authorised, seen, True, []))
        plan.end = icpc
        return "cp", icpc, ""
    if u < 0.10:
        return "care", end, ""
    if u < 0.90:
        return "close", end, "RC7"
    return "close", end, rng.choice(["RC3", "RC4", "RC5", "RC5"])
