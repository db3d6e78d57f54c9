"""Cut a planned story at today: what would happen later is dropped, and whatever straddles today is open."""

from datetime import date, datetime

from lantern.demo.plans import CarePlan, ChildPlan, ReferralPlan


def _open_after(end: date | None, today: date) -> date | None:
    return None if end is None or end > today else end


def clip_child(child: ChildPlan, today: date, now: datetime) -> None:
    child.referrals = [clip_referral(r, today, now) for r in child.referrals if r.date <= today]


def clip_referral(ref: ReferralPlan, today: date, now: datetime) -> ReferralPlan:
    if ref.closure is not None and ref.closure > today:
        ref.closure, ref.reason = None, ""
    ref.assessments = [a for a in ref.assessments if a.start <= today]
    for a in ref.assessments:
        if a.seen is not None and a.seen > today:
            a.seen = None
        if a.authorised is not None and a.authorised > today:
            # Still in progress: no factors or outcome until it is authorised (CIN rule 8614).
            a.authorised, a.factors, a.requires_support = None, [], None
    ref.awaiting_discussion = [s.threshold_at for s in ref.s47s if s.held_on > today and s.threshold_at <= now]
    ref.s47s = [s for s in ref.s47s if s.held_on <= today]
    for s in ref.s47s:
        if s.end is not None and s.end > today:
            s.end, s.icpc_not_required = None, False
        if s.icpc is not None and s.icpc > today:
            s.icpc, s.plan_made, s.cp_plan = None, None, None
    ref.cp_plans = [p for p in ref.cp_plans if p.start <= today]
    for p in ref.cp_plans:
        p.end = _open_after(p.end, today)
        p.reviews = [d for d in p.reviews if d <= today and (p.end is None or d <= p.end)]
    ref.cin_plans = [p for p in ref.cin_plans if p.start <= today]
    for p in ref.cin_plans:
        p.end = _open_after(p.end, today)
    ref.care = [clip_care(p, today, now) for p in ref.care if p.start <= today]
    return ref


def clip_care(period: CarePlan, today: date, now: datetime) -> CarePlan:
    period.end = _open_after(period.end, today)
    period.episodes = [e for e in period.episodes if e.start <= today]
    last = period.episodes[-1]
    if last.end is None or last.end > today:
        last.end, last.rec, last.rpc = None, "", ""
    period.reviews = [r for r in period.reviews if r[0] <= today]
    adoption = period.adoption
    if adoption is not None:
        if adoption.decided > today:
            period.adoption = None
        else:
            if adoption.matched is not None and adoption.matched > today:
                adoption.matched, adoption.adopters = None, None
            if adoption.reversed_on is not None and adoption.reversed_on > today:
                adoption.reversed_on, adoption.reversed_reason = None, ""
    period.missing = [m for m in period.missing if m.started_at <= now]
    for m in period.missing:
        if m.returned_at is not None and m.returned_at > now:
            m.returned_at, m.interview_at = None, None
    return period
