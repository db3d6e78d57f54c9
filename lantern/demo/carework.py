"""Statutory work around a child's care, planned after clipping from its own random stream (so the rest of the
story is unchanged): health assessments, dental checks, PEPs and the permanence plan in each period of care;
the needs assessment at 16, the pathway plan and the entitlements handed over before 18; and, for a few
children, enquiries when they go missing from education. Most work is on time, some late, a little missing.
"""

import random
from datetime import date, timedelta

from lantern.demo.dates import Clock, age_on, backlog, birthday
from lantern.demo.mixes import Mix
from lantern.demo.plans import CarePlan, ChildPlan
from lantern.demo.world import World
from lantern.leaving_care.models import EntitlementKind

HEALTH_INITIAL_LATE = 0.2
HEALTH_REVIEW_LATE = 0.12
DENTAL_LATE = 0.15
PEP_FIRST_LATE = 0.15
PEP_REVIEW_LATE = 0.15
PERMANENCE_LATE = 0.12
NEEDS_ASSESSMENT_LATE = 0.15
# Children known to the service reported missing education at some point, and those whose enquiries run late: local
# assumptions (no national figure for this group); of those reported in the last year, some are still being traced.
MISSING_EDUCATION_SHARE = 0.03
MISSING_EDUCATION_LATE = 0.2
MISSING_EDUCATION_UNRESOLVED = 0.15
# Handed over before 18 (otherwise late or never): inspectors found NI numbers and health histories missing.
ENTITLEMENT_ON_TIME = {
    EntitlementKind.HEALTH_HISTORY: 0.7,
    EntitlementKind.NI_NUMBER: 0.68,
    EntitlementKind.PHOTO_ID: 0.85,
    EntitlementKind.BANK_ACCOUNT: 0.9,
    EntitlementKind.BIRTH_CERTIFICATE: 0.88,
}
ADOPTION_PLACEMENTS = {"A5", "A6"}
ENDING_PLAN = {
    "E11": "ADOPTION",
    "E12": "ADOPTION",
    "E4A": "RETURN_FAMILY",
    "E4B": "RETURN_FAMILY",
    "E41": "SGO_CAO",
    "E45": "SGO_CAO",
    "E46": "SGO_CAO",
    "E47": "SGO_CAO",
    "E48": "SGO_CAO",
}
FOSTER_PLANS = Mix({"LONG_TERM_FOSTERING": 70, "RETURN_FAMILY": 12, "SGO_CAO": 12, "OTHER": 6})
# SSDA903 OC2 (children looked after 12 months; national figures, broadly): about one SDQ in seven has no score;
# around nine in ten are up to date with immunisations; each year about 4% of those aged 12 and over have a
# substance misuse problem identified and 2% of those aged 10 and over are convicted.
SDQ_NO_SCORE = 0.14
SDQ_REASONS = Mix({"SDQ2": 25, "SDQ4": 35, "SDQ5": 30, "SDQ3": 10})
IMMUNISED = 0.9
SUBSTANCE_MISUSE_PER_YEAR = 0.04
INTERVENTION_RECEIVED = 0.6
INTERVENTION_OFFERED = 0.5
CONVICTED_PER_YEAR = 0.02
OFFENCES = ["Theft", "Criminal damage", "Assault", "Possession of a controlled drug", "Public order offence"]
MISSING_EDUCATION_OUTCOMES = [
    "Located: attending school",
    "Located: on roll at a school in another authority",
    "Located: electively home educated",
    "Moved abroad",
    "Located: new school place arranged",
]


def plan_carework(w: World, child: ChildPlan) -> None:
    rng = random.Random(f"{w.seed}-carework-{child.index}")
    clock, today = w.clock, w.today
    periods = sorted((p for r in child.referrals for p in r.care), key=lambda p: p.start)
    if child.dob is not None:
        for period in periods:
            plan_period(rng, clock, today, child.dob, period)
        plan_leaving_care(rng, clock, today, child, periods)
        plan_missing_education(rng, w, child)


def _next(rng: random.Random, clock: Clock, due: date, late: float, most_late_wd: int, early: tuple[int, int]) -> date:
    """The next of a repeating piece of work: late by up to `most_late_wd` working days, or a little early."""
    if rng.random() < late:
        return clock.wd(due, rng.randint(1, most_late_wd))
    return clock.on_or_after(due - timedelta(days=rng.randint(*early)))


def _last_day(period: CarePlan, today: date) -> date:
    return min(period.end or today, today)


def plan_period(rng: random.Random, clock: Clock, today: date, dob: date, period: CarePlan) -> None:
    last = _last_day(period, today)
    # Health: initial within 20 working days, then every 6 months under 5 and every 12 months from 5.
    n = rng.randint(21, 60) if rng.random() < HEALTH_INITIAL_LATE else rng.randint(5, 20)
    held = clock.wd(period.start, n)
    while held <= last:
        period.health.append((held, "review" if period.health else "initial"))
        due = clock.months(held, 6 if held < birthday(dob, 5) else 12)
        held = _next(rng, clock, due, HEALTH_REVIEW_LATE, 45, (7, 40))
    # Dental checks yearly, the first within the first months in care.
    held = clock.on_or_after(period.start + timedelta(days=rng.randint(20, 250)))
    while held <= last:
        period.dental.append(held)
        due = clock.months(held, 12)
        held = _next(rng, clock, due, DENTAL_LATE, 90, (10, 60))
    # PEPs from 4 to 17: the first within 20 working days, then each term.
    pep_start = max(period.start, birthday(dob, 4))
    pep_last = min(last, birthday(dob, 18) - timedelta(days=1))
    if pep_start < pep_last:
        n = rng.randint(21, 45) if rng.random() < PEP_FIRST_LATE else rng.randint(5, 20)
        held = clock.wd(pep_start, n)
        waiting = backlog(f"{rng.random()}-pep", clock.wd(pep_start, 20), today)
        if waiting is not None:
            held = clock.wd(today, waiting)
        while held <= pep_last:
            period.peps.append(held)
            due = clock.months(held, 3)
            held = _next(rng, clock, due, PEP_REVIEW_LATE, 30, (3, 25))
    # Permanence plan by the second CLA review.
    first_review = period.reviews[0][0] if period.reviews else clock.wd(period.start, 20)
    second = period.reviews[1][0] if len(period.reviews) > 1 else clock.months(first_review, 3)
    if rng.random() < PERMANENCE_LATE:
        decided = second + timedelta(days=rng.randint(3, 90))
    else:
        decided = second - timedelta(days=rng.randint(0, 14))
    waiting = backlog(f"{rng.random()}-permanence", second, today)
    if waiting is not None:
        decided = clock.wd(today, waiting)
    if period.start < decided <= last:
        period.permanence = (decided, permanence_code(rng, period, decided, today))
    plan_outcomes(random.Random(f"{rng.random()}-outcomes"), dob, period, last)


def plan_outcomes(rng: random.Random, dob: date, period: CarePlan, last: date) -> None:
    """The OC2 items: yearly SDQs from 4 to 16 (SDQ1, "aged under 4 or over 17", when one falls due just
    outside that), immunisations checked at each health assessment, substance misuse and convictions.

    SDQs are never more than a year apart, so every child looked after for a collection year has one in it."""
    held = period.start + timedelta(days=rng.randint(30, 150))
    while held <= last:
        age = age_on(dob, held)
        if 4 <= age <= 16:
            if rng.random() < SDQ_NO_SCORE:
                period.sdqs.append((held, None, SDQ_REASONS.pick(rng)))
            else:
                period.sdqs.append((held, max(0, min(40, round(rng.gauss(14, 7)))), ""))
        elif age in (3, 17):
            period.sdqs.append((held, None, "SDQ1"))
        held += timedelta(days=rng.randint(300, 365))
    up_to_date = rng.random() < IMMUNISED
    for checked, _ in period.health:
        if rng.random() < 0.3:
            up_to_date = rng.random() < IMMUNISED  # caught up, or fell behind
        period.immunisations.append((checked, up_to_date))
    year_start = period.start
    while year_start <= last:
        year_end = min(last, year_start + timedelta(days=364))
        on = year_start + timedelta(days=rng.randint(0, (year_end - year_start).days))
        if age_on(dob, on) >= 12 and rng.random() < SUBSTANCE_MISUSE_PER_YEAR:
            received = rng.random() < INTERVENTION_RECEIVED
            period.substance_misuse.append((on, received or rng.random() < INTERVENTION_OFFERED, received))
        on = year_start + timedelta(days=rng.randint(0, (year_end - year_start).days))
        if age_on(dob, on) >= 10 and rng.random() < CONVICTED_PER_YEAR:
            period.convictions.append((on, rng.choice(OFFENCES)))
        year_start += timedelta(days=365)


def permanence_code(rng: random.Random, period: CarePlan, decided: date, today: date) -> str:
    """A plan consistent with how care ends where it has ended, otherwise with where the child lives."""
    if any(e.place in ADOPTION_PLACEMENTS or e.ls == "E1" for e in period.episodes):
        return "ADOPTION"
    rec = period.episodes[-1].rec if period.end is not None and period.end <= today else ""
    if rec in ENDING_PLAN:
        return ENDING_PLAN[rec]
    places = {e.place for e in period.episodes}
    if places & {"U1", "U4"}:
        return "LONG_TERM_FOSTERING"
    current = next((e for e in reversed(period.episodes) if e.start <= decided), period.episodes[0]).place
    if current in ("K1", "K2", "S1"):
        return "LONG_TERM_RESIDENTIAL"
    if current in ("K3", "H5"):
        return "SUPPORTED_LIVING"
    if current == "P1":
        return "RETURN_FAMILY"
    if current.startswith("U"):
        return FOSTER_PLANS.pick(rng)
    return "OTHER"


def _looked_after_on(periods: list[CarePlan], day: date) -> bool:
    return any(p.start <= day and (p.end is None or p.end > day) for p in periods)


def plan_leaving_care(rng: random.Random, clock: Clock, today: date, child: ChildPlan, periods: list[CarePlan]) -> None:
    dob = child.dob
    b16, b17, b18 = (birthday(dob, n) for n in (16, 17, 18))
    if b16 <= today and _looked_after_on(periods, b16) and rng.random() < 0.95:
        late = rng.random() < NEEDS_ASSESSMENT_LATE
        done = clock.on_or_after(b16 + timedelta(days=rng.randint(95, 200) if late else rng.randint(10, 85)))
        if done <= today:
            child.needs_assessed = done
    leaver = child.leaver
    if leaver is not None:
        first_review = leaver.reviews[0] if leaver.reviews else None
        start = max(leaver.eligible_from, b16) + timedelta(days=rng.randint(0, 150))
        if first_review is not None and start >= first_review:
            start = max(leaver.eligible_from, first_review - timedelta(days=rng.randint(7, 30)))
            if start >= first_review:
                start = first_review - timedelta(days=1)
        if start <= today:
            child.pathway_start = start
    if b17 <= today and (leaver is not None or _looked_after_on(periods, b17) or _looked_after_on(periods, b18)):
        for kind, on_time in ENTITLEMENT_ON_TIME.items():
            u = rng.random()
            if u < on_time:
                handed = b17 + timedelta(days=rng.randint(30, 363))
            elif u < on_time + (1 - on_time) / 3:
                handed = b18 + timedelta(days=rng.randint(10, 200))
            else:
                continue  # never handed over
            if handed <= today:
                child.entitlements.append((kind.value, handed))


def plan_missing_education(rng: random.Random, w: World, child: ChildPlan) -> None:
    if not child.referrals or rng.random() >= MISSING_EDUCATION_SHARE:
        return
    lo = max(w.start, birthday(child.dob, 5))
    hi = min(w.today, birthday(child.dob, 16) - timedelta(days=1))
    if lo >= hi:
        return
    reported = w.clock.on_or_after(lo + timedelta(days=rng.randint(0, (hi - lo).days)))
    if reported > w.today:
        return
    if reported >= w.today - timedelta(days=365) and rng.random() < MISSING_EDUCATION_UNRESOLVED:
        child.missing_education.append((reported, None, ""))
        return
    late = rng.random() < MISSING_EDUCATION_LATE
    done = w.clock.wd(reported, rng.randint(11, 40) if late else rng.randint(2, 10))
    if done > w.today:
        child.missing_education.append((reported, None, ""))
    else:
        child.missing_education.append((reported, done, rng.choice(MISSING_EDUCATION_OUTCOMES)))
