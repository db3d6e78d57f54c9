"""Drift signals: what has gone wrong beyond a single due date (domain/timescales.md, "Drift beyond a due date").

Each signal is a local threshold read from `DriftSetting.current()`. `drift_signals` reads a caseload, a team or
the authority in bulk: the children's records through `load_facts` (one query per kind of record), their
social-worker allocations in one more query, whatever the number of children. `caseloads` is one query.

A signal names a child (`child_id`) or, for a caseload above the threshold, a worker (`worker_id`).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.db.models import Count
from django.utils import timezone

from lantern.core import codes
from lantern.people.models import Child
from lantern.timescales.clocks import Clock, Evaluator, Status, child_clocks
from lantern.timescales.facts import ChildFacts, load_facts
from lantern.timescales.models import DriftSetting
from lantern.timescales.rules.in_care import placements
from lantern.timescales.selectors import evaluator as make_evaluator
from lantern.workforce.models import Allocation
from lantern.workingdays.calendar import add_months

# Conferences and reviews: the clocks whose "not booked" signal is raised inside the warning window.
CONFERENCE_RULES = {"icpc", "cp_review_first", "cp_review", "cla_review_first", "cla_review_second", "cla_review"}


class Code(StrEnum):
    RE_REFERRAL = "re_referral"
    REPEAT_CP_PLAN = "repeat_cp_plan"
    LONG_CP_PLAN = "long_cp_plan"
    NO_ACTIVITY = "no_activity"
    WORKER_CHANGES = "worker_changes"
    PLACEMENT_MOVES = "placement_moves"
    NO_PERMANENCE_PLAN = "no_permanence_plan"
    ASSESSMENT_OVERDUE = "assessment_overdue"
    REVIEW_NOT_BOOKED = "review_not_booked"
    LEAVER_NOT_IN_TOUCH = "care_leaver_not_in_touch"
    LEAVER_UNSUITABLE_ACCOMMODATION = "care_leaver_unsuitable_accommodation"
    CASELOAD_HIGH = "caseload_high"


@dataclass(frozen=True)
class Signal:
    code: str
    label: str
    detail: str
    child_id: int | None = None
    worker_id: int | None = None


def labels(settings: DriftSetting) -> dict[str, str]:
    """Each signal's plain-English label, with the council's own thresholds in it (for pages and filters)."""
    return {
        Code.RE_REFERRAL: "Re-referred within 12 months",
        Code.REPEAT_CP_PLAN: "Second or subsequent child protection plan",
        Code.LONG_CP_PLAN: f"Child protection plan open {settings.cp_plan_long_months} months or longer",
        Code.NO_ACTIVITY: f"No recorded visit or activity for more than {settings.no_activity_working_days} "
        "working days",
        Code.WORKER_CHANGES: f"{settings.worker_changes_in_year} or more social workers in 12 months",
        Code.PLACEMENT_MOVES: f"{settings.placement_moves_in_year} or more placements in 12 months",
        Code.NO_PERMANENCE_PLAN: "No permanence plan at the second review",
        Code.ASSESSMENT_OVERDUE: "Assessment open past its due date",
        Code.REVIEW_NOT_BOOKED: "Conference or review not yet held, due soon",
        Code.LEAVER_NOT_IN_TOUCH: "Care leaver not in touch",
        Code.LEAVER_UNSUITABLE_ACCOMMODATION: "Care leaver in unsuitable accommodation",
        Code.CASELOAD_HIGH: f"Caseload above {settings.caseload_threshold} children",
    }


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _label(value: date) -> str:
    return value.strftime("%-d %b %Y")


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _open_on(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end > day)


def _months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


class _Check:
    """The signals for one child. Each method yields nothing or one signal."""

    def __init__(self, facts: ChildFacts, clocks: list[Clock], ev: Evaluator, settings: DriftSetting, names):
        self.f = facts
        self.clocks = clocks
        self.ev = ev
        self.as_of = ev.as_of
        self.settings = settings
        self.names = names
        self.year_ago = add_months(ev.as_of, -12)

    def signal(self, code: str, detail: str) -> Signal:
        return Signal(code, self.names[code], detail, child_id=self.f.child.pk)

    def re_referral(self):
        referrals = [r for r in self.f.referrals if r.referral_date <= self.as_of]
        if len(referrals) < 2:
            return
        previous, latest = referrals[-2], referrals[-1]
        # A re-referral that happened years ago is history, not drift: only the last 12 months count.
        if latest.referral_date > self.year_ago and latest.referral_date <= add_months(previous.referral_date, 12):
            yield self.signal(
                Code.RE_REFERRAL,
                f"Referred on {_label(latest.referral_date)}, within 12 months of the referral of "
                f"{_label(previous.referral_date)}",
            )

    def _open_cp_plans(self):
        return [p for p in self.f.cp_plans if _open_on(p.start_date, p.end_date, self.as_of)]

    def repeat_cp_plan(self):
        for plan in self._open_cp_plans():
            earlier = [p for p in self.f.cp_plans if p.start_date < plan.start_date]
            if earlier:
                ended = max((p.end_date for p in earlier if p.end_date), default=None)
                detail = f"The plan of {_label(plan.start_date)} is the child's {_ordinal(len(earlier) + 1)}"
                if ended:
                    detail += f"; the previous plan ended on {_label(ended)}"
                yield self.signal(Code.REPEAT_CP_PLAN, detail)

    def long_cp_plan(self):
        for plan in self._open_cp_plans():
            if add_months(plan.start_date, self.settings.cp_plan_long_months) <= self.as_of:
                months = _months_between(plan.start_date, self.as_of)
                yield self.signal(Code.LONG_CP_PLAN, f"Open since {_label(plan.start_date)} ({months} months)")

    def _case_opened(self) -> date | None:
        """When the open case started: the latest open referral, period of care or care leaver eligibility."""
        starts = [r.referral_date for r in self.f.referrals if _open_on(r.referral_date, r.closure_date, self.as_of)]
        starts += [p.start_date for p in self.f.care_periods if _open_on(p.start_date, p.end_date, self.as_of)]
        leaver, born = self.f.care_leaver, self.f.child.date_of_birth
        if (
            leaver is not None
            and born is not None
            and _open_on(leaver.eligible_from, add_months(born, 252), self.as_of)
        ):
            starts.append(leaver.eligible_from)
        return max(starts, default=None)

    def _activity(self) -> list[date]:
        f = self.f
        days: list[date | datetime | None] = []
        days += [c.received_at for c in f.contacts] + [c.decision_at for c in f.contacts]
        days += [r.referral_date for r in f.referrals]
        for a in f.assessments:
            days += [a.start_date, a.authorised_date, a.child_seen_date]
        days += [s.held_on for s in f.strategy_discussions] + [s.start_date for s in f.section47s]
        days += [c.held_on for c in f.conferences]
        days += [p.start_date for p in f.cp_plans] + [p.start_date for p in f.cin_plans]
        days += [v.visit_date for v in f.visits]
        days += [p.start_date for p in f.care_periods] + [e.start_date for e in f.care_episodes]
        days += [r.review_date for r in f.cla_reviews]
        days += [h.assessment_date for h in f.health_assessments] + [d.check_date for d in f.dental_checks]
        days += [p.plan_date for p in f.education_plans] + [p.decided_on for p in f.permanence_plans]
        for m in f.missing_episodes:
            days += [m.started_at, m.returned_at, m.return_interview_at]
        days += [m.reported_on for m in f.missing_education] + [m.enquiries_completed_on for m in f.missing_education]
        days += [n.completed_on for n in f.needs_assessments] + [p.start_date for p in f.pathway_plans]
        days += [r.review_date for r in f.pathway_reviews] + [c.contact_date for c in f.care_leaver_contacts]
        days += [e.handed_over_on for e in f.entitlements]
        return [_day(d) for d in days if d is not None and _day(d) <= self.as_of]

    def no_activity(self):
        opened = self._case_opened()
        if opened is None:
            return
        last = max([opened, *self._activity()])
        idle = self.ev.calendar.working_days_between(last, self.as_of)
        if idle > self.settings.no_activity_working_days:
            yield self.signal(
                Code.NO_ACTIVITY, f"Last recorded visit or activity on {_label(last)}, {idle} working days ago"
            )

    def worker_changes(self, allocations: list[Allocation]):
        workers = {
            a.worker_id
            for a in allocations
            if a.start_date <= self.as_of and (a.end_date is None or a.end_date > self.year_ago)
        }
        if len(workers) >= self.settings.worker_changes_in_year:
            yield self.signal(Code.WORKER_CHANGES, f"{len(workers)} social workers since {_label(self.year_ago)}")

    def placement_moves(self):
        # Every placement the child was in during the year counts, the one they were in when it began included.
        count = 0
        for period in self.f.care_periods:
            for start, end, _ in placements(self.f, period):
                if start <= self.as_of and (end is None or end > self.year_ago):
                    count += 1
        if count >= self.settings.placement_moves_in_year:
            yield self.signal(Code.PLACEMENT_MOVES, f"{count} placements since {_label(self.year_ago)}")

    def no_permanence_plan(self):
        for period in self.f.care_periods:
            if not _open_on(period.start_date, period.end_date, self.as_of):
                continue
            reviews = [
                r.review_date for r in self.f.cla_reviews if r.period_id == period.pk and r.review_date <= self.as_of
            ]
            plans = [p for p in self.f.permanence_plans if p.period_id == period.pk and p.decided_on <= self.as_of]
            if len(reviews) >= 2 and not plans:
                yield self.signal(
                    Code.NO_PERMANENCE_PLAN,
                    f"Second review held on {_label(sorted(reviews)[1])}; no permanence plan recorded",
                )

    def assessment_overdue(self):
        for clock in self.clocks:
            if clock.rule.id == "assessment" and clock.live and clock.status is Status.OVERDUE:
                yield self.signal(
                    Code.ASSESSMENT_OVERDUE,
                    f"{clock.subject}: assessment due {_label(clock.due_date)}, not yet authorised",
                )

    def review_not_booked(self):
        """A conference or review due within the warning window and not yet held.

        Lantern records conferences and reviews when they are held; it has no record of one being booked (a
        date set, invitations sent). So this signal cannot tell a booked conference from an unbooked one: it is
        raised for every conference or review clock that is due soon and not done, for someone to check.
        """
        for clock in self.clocks:
            if clock.rule.id in CONFERENCE_RULES and clock.live and clock.status is Status.DUE_SOON:
                days = clock.working_days_remaining
                yield self.signal(
                    Code.REVIEW_NOT_BOOKED,
                    f"{clock.rule.name} for the {clock.subject[0].lower()}{clock.subject[1:]}: due "
                    f"{_label(clock.due_date)}, in {days} working day{'' if days == 1 else 's'}",
                )

    def care_leaver(self):
        contacts = [c for c in self.f.care_leaver_contacts if c.contact_date <= self.as_of]
        if not contacts:
            return
        latest = max(contacts, key=lambda c: (c.contact_date, c.pk))
        on = _label(latest.contact_date)
        if latest.in_touch != "YES":
            yield self.signal(
                Code.LEAVER_NOT_IN_TOUCH, f"At the last contact on {on}: {codes.IN_TOUCH.label(latest.in_touch)}"
            )
        if latest.accommodation.endswith("2"):
            yield self.signal(
                Code.LEAVER_UNSUITABLE_ACCOMMODATION,
                f"At the last contact on {on}: {codes.CARE_LEAVER_ACCOMMODATION.label(latest.accommodation)}",
            )

    def all(self, allocations: list[Allocation]) -> list[Signal]:
        found: list[Signal] = []
        for check in (
            self.re_referral,
            self.repeat_cp_plan,
            self.long_cp_plan,
            self.no_activity,
            self.placement_moves,
            self.no_permanence_plan,
            self.assessment_overdue,
            self.review_not_booked,
            self.care_leaver,
        ):
            found.extend(check())
        found.extend(self.worker_changes(allocations))
        return found


def drift_signals(
    *,
    children: Iterable[Child],
    as_of: date,
    facts: dict[int, ChildFacts] | None = None,
    clocks: dict[int, list[Clock]] | None = None,
    evaluator: Evaluator | None = None,
    settings: DriftSetting | None = None,
) -> list[Signal]:
    """Every drift signal for these children on `as_of`, child by child in the order given.

    A page that has already read the children's facts and clocks passes them in (`facts`, `clocks` keyed by
    child id, the `evaluator` that made the clocks, and the drift `settings`) so that nothing is read twice.
    """
    children = list(children)
    settings = settings or DriftSetting.current()
    ev = evaluator or make_evaluator(as_of=as_of)
    if facts is None:
        facts = load_facts(children)
    if clocks is None:
        clocks = {child_id: child_clocks(child_facts, ev) for child_id, child_facts in facts.items()}
    ids = [child.pk for child in children]
    allocations: dict[int, list[Allocation]] = defaultdict(list)
    for chunk in [ids[i : i + 5000] for i in range(0, len(ids), 5000)]:
        rows = Allocation.objects.filter(child_id__in=chunk, role=Allocation.Role.SOCIAL_WORKER).only(
            "child_id", "worker_id", "start_date", "end_date"
        )
        for allocation in rows:
            allocations[allocation.child_id].append(allocation)
    names = labels(settings)
    signals: list[Signal] = []
    for child in children:
        child_facts = facts.get(child.pk) or ChildFacts(child=child)
        check = _Check(child_facts, clocks.get(child.pk, []), ev, settings, names)
        signals.extend(check.all(allocations[child.pk]))
    return signals


CASEHOLDING_ROLES = [Allocation.Role.SOCIAL_WORKER, Allocation.Role.PERSONAL_ADVISER]


def caseloads(*, team_ids: Iterable[int] | None = None, worker_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Open caseholding allocations per worker (workers with none are left out), in one query: a social
    worker's allocated children and a personal adviser's allocated young people count alike (an IRO's do not).

    `team_ids` keeps the workers now in those teams; `worker_ids` keeps those workers.
    """
    allocations = Allocation.objects.filter(end_date__isnull=True, role__in=CASEHOLDING_ROLES)
    if team_ids is not None:
        allocations = allocations.filter(worker__team_id__in=list(team_ids))
    if worker_ids is not None:
        allocations = allocations.filter(worker_id__in=list(worker_ids))
    counts = allocations.values("worker_id").annotate(n=Count("child_id", distinct=True)).order_by()
    return {row["worker_id"]: row["n"] for row in counts}


def caseload_signals(counts: dict[int, int], *, settings: DriftSetting | None = None) -> list[Signal]:
    """A signal for each worker whose caseload (from `caseloads`) is above the council's threshold."""
    settings = settings or DriftSetting.current()
    label = labels(settings)[Code.CASELOAD_HIGH]
    return [
        Signal(
            Code.CASELOAD_HIGH, label, f"{n} children allocated (threshold {settings.caseload_threshold})", worker_id=w
        )
        for w, n in sorted(counts.items())
        if n > settings.caseload_threshold
    ]
