"""Around a period of care: CLA reviews, missing episodes and return interviews, and leaving care."""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from lantern.demo import mixes
from lantern.demo.dates import at, birthday
from lantern.demo.figures import figure
from lantern.demo.plans import CarePlan, ChildPlan, LeaverPlan, MissingPlan, NeedPlan
from lantern.demo.world import LEAVING_CARE, PA

if TYPE_CHECKING:
    from lantern.demo.journeys import Story

THIRTEEN_WEEKS = 91


def add_reviews(s: "Story", period: CarePlan) -> None:
    """First review within 20 working days, the second within 3 months, then every 6 months; some late."""
    rng, clock = s.rng, s.w.clock
    late = figure("cla_review_late")
    last = min(period.end or s.today, s.today)
    n = rng.randint(21, 35) if rng.random() < late else rng.randint(8, 20)
    held = clock.wd(period.start, n)
    while held < last:
        young = s.child.dob is not None and birthday(s.child.dob, 4) > held
        period.reviews.append((held, "PN0" if young else mixes.REVIEW_PARTICIPATION.pick(rng)))
        due = clock.months(held, 3 if len(period.reviews) == 1 else 6)
        if rng.random() < late:
            held = clock.wd(due, rng.randint(1, 30))
        else:
            held = clock.on_or_after(due - timedelta(days=rng.randint(0, 25)))


def add_missing(s: "Story", period: CarePlan) -> None:
    """About one child in nine in care goes missing in a year, mostly teenagers, often repeatedly."""
    rng, dob = s.rng, s.child.dob
    if dob is None:
        return
    first = max(period.start, birthday(dob, 11))
    last = min(period.end or s.today, s.today)
    if first >= last or rng.random() >= 0.27:
        return
    per_year = min(40.0, rng.expovariate(1 / figure("missing_episodes_per_child")))
    t = at(first, 0)
    while True:
        t += timedelta(days=rng.expovariate(max(per_year, 0.5) / 365))
        if t.date() >= last:
            return
        started = at(t.date(), rng.randint(14, 23), rng.randrange(0, 60, 5))
        returned = started + timedelta(hours=min(240.0, rng.lognormvariate(2.1, 1.1)))
        if returned.date() > last:
            returned = at(last, 9) if last > started.date() else started + timedelta(hours=1)
        if returned.date() >= last and period.end == last and last == s.adult and period.episodes:
            # Missing on the day care ends at 18: care ceased "for any other reason" (903 rule 580).
            period.episodes[-1].rec = "E8"
        kind = "A" if rng.random() < 0.2 else "M"
        offered = rng.random() < 0.9
        accepted = offered and rng.random() < 0.75
        interview = None
        if accepted:
            on_time = rng.random() < figure("return_interview_within_72h")
            hours = rng.uniform(4, 71) if on_time else rng.uniform(73, 240)
            interview = returned + timedelta(hours=hours)
            if interview > s.w.clock.end_of_today:
                interview = None
        period.missing.append(MissingPlan(kind, started, returned, offered, accepted if offered else None, interview))
        t = returned + timedelta(hours=rng.uniform(6, 72))


def overlap_days(periods: list[CarePlan], start: date, end: date, today: date) -> int:
    total = 0
    for p in periods:
        lo, hi = max(p.start, start), min(p.end or today, end)
        total += max(0, (hi - lo).days)
    return total


def plan_leaver(s: "Story", child: ChildPlan) -> None:
    """Care-leaver status as at today (eligible, relevant, former relevant or qualifying), with PA contacts,
    pathway plan reviews and the personal adviser's allocation."""
    rng, today, dob = s.rng, s.today, child.dob
    if dob is None or today < birthday(dob, 16):
        return
    periods = sorted((p for r in child.referrals for p in r.care), key=lambda p: p.start)
    b14, b16, b18, b21 = (birthday(dob, n) for n in (14, 16, 18, 21))
    after16 = [p for p in periods if (p.end or today) > b16 and p.start < b18]
    if not after16:
        return
    eligible_from = None
    for p in after16:
        candidate = max(b16, p.start)
        # Eligible once looked after 13 weeks since 14, while still looked after at 16 or over.
        while candidate < min(p.end or today, b18):
            if overlap_days(periods, b14, candidate, today) >= THIRTEEN_WEEKS:
                eligible_from = candidate
                break
            candidate += timedelta(days=30)
        if eligible_from:
            break
    left = after16[-1].end
    if eligible_from is None:
        if left is None:
            return
        kind, eligible_from = "QUALIFYING", left
    elif today >= b18:
        kind = "FORMER_RELEVANT"
    else:
        kind = "ELIGIBLE" if left is None else "RELEVANT"
    leaver = LeaverPlan(kind, eligible_from)
    child.leaver = leaver
    stop = min(today, b21)
    review = s.w.clock.wd(eligible_from, rng.randint(20, 60))
    while review <= stop:
        leaver.reviews.append(review)
        due = s.w.clock.months(review, 6)
        late = rng.random() < 0.1
        review = s.w.clock.wd(due, rng.randint(1, 40)) if late else due - timedelta(days=rng.randint(0, 20))
    if left is not None:
        add_contacts(s, leaver, max(left, eligible_from), stop)
    if kind != "QUALIFYING" or rng.random() < 0.5:
        pa_from = min(today, eligible_from + timedelta(days=rng.randint(0, 120)))
        end = b21 if b21 <= today else None
        if end is None or end > pa_from:
            child.needs.append(NeedPlan(PA, LEAVING_CARE, pa_from, end, "CHCHAN"))


def add_contacts(s: "Story", leaver: LeaverPlan, start: date, stop: date) -> None:
    """Personal adviser contacts about every 8 weeks, with in-touch, activity and accommodation (OC3 items)."""
    rng = s.rng
    touch = eet = suitable = None
    d = start + timedelta(days=rng.randint(3, 30))
    while d <= stop:
        if touch is None or rng.random() < 0.3:
            # National shares are of all care leavers; those not in touch count as neither EET nor suitable.
            touch = rng.random() < figure("leaver_in_touch")
            eet = rng.random() < figure("leaver_eet") / figure("leaver_in_touch") + 0.04  # Medway above average
            suitable = rng.random() < figure("leaver_suitable_accommodation") / figure("leaver_in_touch")
        if touch:
            activity = (mixes.LEAVER_EET if eet else mixes.LEAVER_NEET).pick(rng)
            accommodation = (mixes.LEAVER_SUITABLE if suitable else mixes.LEAVER_UNSUITABLE).pick(rng)
            if accommodation.startswith("Z") and s.child.dob is not None and d < birthday(s.child.dob, 18):
                # Staying with former foster carers begins at 18 (903 rule 3001); before it, supported lodgings.
                accommodation = "E" + accommodation[1:]
            leaver.contacts.append((d, "YES", activity, accommodation))
        else:
            leaver.contacts.append((d, mixes.LEAVER_NOT_IN_TOUCH.pick(rng), "0", "0"))
        d += timedelta(days=rng.randint(35, 70) if rng.random() < 0.9 else rng.randint(71, 140))
