"""Visits on each plan (CP about every 10 working days, CIN every 20, CLA per the Care Planning Regulations),
with some late and a few long gaps (drift), and the workers each child needs over time."""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from lantern.core import codes
from lantern.demo.dates import birthday
from lantern.demo.figures import figure
from lantern.demo.plans import ChildPlan, NeedPlan, ReferralPlan
from lantern.demo.world import ASSESSMENT, CHILDREN_IN_CARE, DISABLED, IRO, IRO_SERVICE, SAFEGUARDING, SW

if TYPE_CHECKING:
    from lantern.demo.journeys import Story

# After a year, visits drop to every two or three months: long-term fostering (reg 28(2)(c)(i)) and, by the
# demo's choice, placements for adoption, whose visits the adoption reviews set (Adoption Agencies Regulations
# 2005 reg 36). The clock itself treats only long-term fostering as long-term (codes.py).
SPARSE_VISIT_PLACEMENTS = codes.LONG_TERM_FOSTERING_PLACEMENTS | codes.PLACED_FOR_ADOPTION


def gap(s: "Story", ideal: int) -> int:
    u = s.rng.random()
    late = figure("visit_late_share")
    if u < 1 - late:
        return s.rng.randint(max(2, ideal // 2), ideal)
    if u < 1 - late / 4:
        return s.rng.randint(ideal + 1, 2 * ideal)
    return s.rng.randint(2 * ideal + 1, 4 * ideal)


def add_visit(s: "Story", kind: str, on: date) -> None:
    child = s.child
    seen = child.dob is not None and on >= child.dob and s.rng.random() < 0.96
    alone = seen and on >= birthday(child.dob, 5) and s.rng.random() < 0.6
    child.visits.append((kind, on, seen, alone))


def plan_visits(s: "Story") -> None:
    today = s.today
    for ref in s.child.referrals:
        for kind, plans, ideal in (("cp", ref.cp_plans, figure("cp_visit_wd")), ("cin", ref.cin_plans, 20)):
            for plan in plans:
                last = min(plan.end or today, today)
                on = s.wd(plan.start, gap(s, int(ideal)))
                while on < last:
                    add_visit(s, kind, on)
                    on = s.wd(on, gap(s, int(ideal)))
        for period in ref.care:
            last = min(period.end or today, today)
            for i, ep in enumerate(period.episodes):
                ep_end = min(ep.end or last, last)
                if ep.rne in "SPB" or i == 0:
                    placed = ep.start
                    first = s.rng.randint(1, 7) if s.rng.random() < 0.9 else s.rng.randint(8, 20)
                    on = ep.start + timedelta(days=first)
                while on < ep_end:
                    add_visit(s, "cla", on)
                    long_term = ep.place in SPARSE_VISIT_PLACEMENTS and (on - placed).days > 365
                    if long_term:
                        on += timedelta(days=s.rng.randint(50, 91))
                    elif s.rng.random() < 0.88:
                        on += timedelta(days=s.rng.randint(21, 42))
                    else:
                        on += timedelta(days=s.rng.randint(43, 80))


def referral_needs(ref: ReferralPlan, disabled: bool) -> list[NeedPlan]:
    """The social-worker allocations a referral needs: assessment team, then CIN/CP or disabled children's
    team for plans, children in care team while looked after; transfers end TSPROC, care changes CHCHAN."""
    if ref.nfa:
        return []
    plan_team = DISABLED if disabled else SAFEGUARDING
    stages = [(ASSESSMENT, ref.date)]
    stages += [(plan_team, p.start) for p in ref.cp_plans + ref.cin_plans]
    stages += [(CHILDREN_IN_CARE, p.start) for p in ref.care]
    stages += [(plan_team, p.end) for p in ref.care if p.end is not None and p.end != ref.closure]
    stages.sort(key=lambda item: item[1])
    merged: list[list] = []
    for kind, start in stages:
        if merged and merged[-1][1] == start:
            merged[-1][0] = kind
        elif not merged or merged[-1][0] != kind:
            merged.append([kind, start])
    needs = []
    for (kind, start), following in zip(merged, [*merged[1:], None], strict=True):
        if following is None:
            needs.append(NeedPlan(SW, kind, start, ref.closure, "CHCHAN"))
        else:
            care_change = CHILDREN_IN_CARE in (kind, following[0])
            needs.append(NeedPlan(SW, kind, start, following[1], "CHCHAN" if care_change else "TSPROC"))
    return needs


def iro_needs(child: ChildPlan, today: date) -> list[NeedPlan]:
    """An IRO (or CP chair) from each CP plan or period of care; contiguous stretches keep one IRO."""
    spans = sorted((p.start, p.end) for r in child.referrals for p in [*r.cp_plans, *r.care] if p.start <= today)
    needs: list[NeedPlan] = []
    for start, end in spans:
        if needs and (needs[-1].end is None or needs[-1].end >= start - timedelta(days=1)):
            last = needs[-1]
            last.end = None if last.end is None or end is None else max(last.end, end)
            continue
        needs.append(NeedPlan(IRO, IRO_SERVICE, start, end, "CHCHAN"))
    return needs


def plan_needs(child: ChildPlan, today: date) -> None:
    disabled = bool(child.disabilities)
    adult = birthday(child.dob, 18) if child.dob else None
    for ref in child.referrals:
        for need in referral_needs(ref, disabled):
            if adult is not None and need.start >= adult:
                continue
            if adult is not None and (need.end is None or need.end > adult) and adult <= today:
                need.end, need.end_reason = adult, "CHCHAN"
            child.needs.append(need)
    child.needs.extend(iro_needs(child, today))
