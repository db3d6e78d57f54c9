"""Evaluating the registry's rules against a child's record on a given date (`as_of`).

A clock exists once its start has happened. It is done when the stopping event happened on or before `as_of`;
otherwise it is not due, due soon (inside the warning window), or overdue. Repeating clocks (visits, reviews) run
from the latest completed event, never from the previous due date (timescales.md).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.utils import timezone

from lantern.core import codes
from lantern.leaving_care.models import EntitlementKind
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules import REGISTRY, Rule
from lantern.workingdays.calendar import WorkingCalendar, add_months


class Status(StrEnum):
    NOT_DUE = "not due"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done on time"
    DONE_LATE = "done late"


OPEN_STATUSES = {Status.NOT_DUE, Status.DUE_SOON, Status.OVERDUE}


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class Clock:
    rule: Rule
    child_id: int
    subject: str
    started: date | datetime
    due: date | datetime
    done: date | datetime | None
    status: Status
    working_days_elapsed: int
    working_days_remaining: int | None
    # False once what the clock belongs to has ended (a plan closed, care ended): kept for history only.
    live: bool = True
    # What the clock belongs to, so that pages can link to where it is recorded: ("referral", 12), ("child", 3).
    target_kind: str = "child"
    target_id: int | None = None

    @property
    def due_date(self) -> date:
        return _day(self.due)

    @property
    def started_date(self) -> date:
        return _day(self.started)

    @property
    def done_date(self) -> date | None:
        return _day(self.done) if self.done is not None else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def as_dict(self) -> dict:
        def iso(value):
            return value.isoformat() if value is not None else None

        return {
            "rule_id": self.rule.id,
            "rule": self.rule.name,
            "kind": self.rule.kind,
            "subject": self.subject,
            "started": iso(self.started),
            "due": iso(self.due),
            "done": iso(self.done),
            "status": self.status.value,
            "working_days_elapsed": self.working_days_elapsed,
            "working_days_remaining": self.working_days_remaining,
            "live": self.live,
            "target": {"kind": self.target_kind, "id": self.target_id},
        }


class Evaluator:
    """Holds what every rule needs: the calendar, the date, the council's local values and warning window."""

    def __init__(
        self, *, calendar: WorkingCalendar, as_of: date, amounts: dict[str, int] | None = None, due_soon: int = 5
    ) -> None:
        self.calendar = calendar
        self.as_of = as_of
        self.amounts = amounts or {}
        self.due_soon = due_soon

    def clock(
        self,
        rule_id: str,
        child_id: int,
        subject: str,
        started: date | datetime,
        done: date | datetime | None,
        *,
        ends: date | None = None,
        target: tuple[str, int] | None = None,
    ) -> Clock | None:
        """One clock, or None where it does not apply (not started yet, or its context ended before it was due)."""
        rule = REGISTRY[rule_id]
        if _day(started) > self.as_of:
            return None
        due = rule.due(started, self.calendar, self.amounts.get(rule_id))
        if done is not None and _day(done) > self.as_of:
            done = None
        live = ends is None or ends > self.as_of
        if done is None and not live and _day(due) >= ends:
            return None
        start_day = _day(started)
        if done is not None:
            status = Status.DONE_ON_TIME if done <= due else Status.DONE_LATE
            elapsed = self.calendar.working_days_between(start_day, _day(done))
            remaining = None
        else:
            checked_on = self.as_of if live else ends
            remaining = self.calendar.working_days_between(checked_on, _day(due))
            if _day(due) < checked_on:
                status = Status.OVERDUE
            elif remaining <= self.due_soon:
                status = Status.DUE_SOON
            else:
                status = Status.NOT_DUE
            elapsed = self.calendar.working_days_between(start_day, checked_on)
        kind, target_id = target or ("child", child_id)
        return Clock(rule, child_id, subject, started, due, done, status, elapsed, remaining, live, kind, target_id)

    def series(
        self,
        rule_for: Callable[[int, date], str],
        child_id: int,
        subject: str,
        first_start: date,
        events: Iterable[date],
        *,
        ends: date | None = None,
        target: tuple[str, int] | None = None,
    ) -> Iterator[Clock]:
        """A repeating clock: each event (a visit, a review) completes one clock and starts the next from itself."""
        pending = sorted({day for day in events if day >= first_start})
        start = first_start
        index = 0
        while start <= self.as_of and (ends is None or start < ends or index == 0):
            done = pending.pop(0) if pending else None
            clock = self.clock(rule_for(index, start), child_id, subject, start, done, ends=ends, target=target)
            if clock is None:
                return
            yield clock
            if clock.done is None:
                return
            start = _day(clock.done)
            index += 1


def _first(values: Iterable) -> object | None:
    return min(values, default=None)


def _birthday(born: date | None, years: int) -> date | None:
    return add_months(born, 12 * years) if born else None


def child_clocks(facts: ChildFacts, ev: Evaluator) -> list[Clock]:
    """Every clock that applies to one child on `ev.as_of`, live or historic."""
    clocks: list[Clock] = []
    for rule in (_front_door, _protection, _in_care, _missing, _leaving_care):
        clocks.extend(clock for clock in rule(facts, ev) if clock is not None)
    return clocks


def _label(value: date) -> str:
    return value.strftime("%-d %b %Y")


def _front_door(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    cid = f.child.pk
    for contact in f.contacts:
        yield ev.clock(
            "contact_decision",
            cid,
            f"Contact of {_label(_day(contact.received_at))}",
            contact.received_at,
            contact.decision_at,
            target=("contact", contact.pk),
        )
    for referral in f.referrals:
        subject = f"Referral of {_label(referral.referral_date)}"
        assessments = [a for a in f.assessments if a.referral_id == referral.pk]
        responses = [a.start_date for a in assessments]
        responses += [s.held_on for s in f.strategy_discussions if s.referral_id == referral.pk and s.held_on]
        responses += [p.start_date for p in f.cin_plans if p.referral_id == referral.pk]
        if referral.referral_nfa and referral.closure_date:
            responses.append(referral.closure_date)
        yield ev.clock(
            "referral_decision",
            cid,
            subject,
            referral.referral_date,
            _first(responses),
            ends=referral.closure_date,
            target=("referral", referral.pk),
        )
        if referral.referral_nfa:
            continue
        authorised = _first(a.authorised_date for a in assessments if a.authorised_date)
        yield ev.clock(
            "assessment",
            cid,
            subject,
            referral.referral_date,
            authorised,
            ends=referral.closure_date,
            target=("referral", referral.pk),
        )


def _protection(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    cid = f.child.pk
    discussions = {s.pk: s for s in f.strategy_discussions}
    for discussion in f.strategy_discussions:
        if discussion.threshold_decision_at:
            yield ev.clock(
                "strategy_discussion",
                cid,
                f"Section 47 threshold decision of {_label(_day(discussion.threshold_decision_at))}",
                discussion.threshold_decision_at,
                discussion.held_on,
                target=("strategy_discussion", discussion.pk),
            )
    closures = {r.pk: r.closure_date for r in f.referrals}
    for enquiry in f.section47s:
        if enquiry.icpc_not_required:
            continue
        discussion = discussions.get(enquiry.strategy_discussion_id)
        start = discussion.held_on if discussion and discussion.held_on else enquiry.start_date
        held = _first(
            c.held_on
            for c in f.conferences
            if c.kind == "initial"
            and (c.section47_id == enquiry.pk or (c.section47_id is None and c.referral_id == enquiry.referral_id))
            and c.held_on >= start
        )
        yield ev.clock(
            "icpc",
            cid,
            f"Section 47 enquiry of {_label(enquiry.start_date)}",
            start,
            held,
            ends=closures.get(enquiry.referral_id),
            target=("section47", enquiry.pk),
        )
    for plan in f.cp_plans:
        subject = f"Child protection plan of {_label(plan.start_date)}"
        reviews = [c.held_on for c in f.conferences if c.kind == "review" and c.cp_plan_id == plan.pk]
        yield from ev.series(
            lambda i, _: "cp_review_first" if i == 0 else "cp_review",
            cid,
            subject,
            plan.start_date,
            reviews,
            ends=plan.end_date,
            target=("cp_plan", plan.pk),
        )
        visits = [v.visit_date for v in f.visits if v.kind == "cp" and v.seen and v.visit_date > plan.start_date]
        yield from ev.series(
            lambda i, _: "cp_visit",
            cid,
            subject,
            plan.start_date,
            visits,
            ends=plan.end_date,
            target=("cp_plan", plan.pk),
        )
    for plan in f.cin_plans:
        visits = [v.visit_date for v in f.visits if v.kind == "cin" and v.seen and v.visit_date > plan.start_date]
        yield from ev.series(
            lambda i, _: "cin_visit",
            cid,
            f"Child in need plan of {_label(plan.start_date)}",
            plan.start_date,
            visits,
            ends=plan.end_date,
            target=("cin_plan", plan.pk),
        )


def _placements(f: ChildFacts, period) -> list[tuple[date, date | None, str]]:
    """(start, end, placement type) for each placement in a period: legal-status-only changes continue it."""
    placements: list[list] = []
    for episode in (e for e in f.care_episodes if e.period_id == period.pk):
        if episode.reason_new_episode in codes.NEW_PLACEMENT_REASONS or not placements:
            if placements:
                placements[-1][1] = episode.start_date
            placements.append([episode.start_date, period.end_date, episode.placement_type])
    return [tuple(p) for p in placements]


def _in_care(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    cid = f.child.pk
    born = f.child.date_of_birth
    cla_visits = [v.visit_date for v in f.visits if v.kind == "cla" and v.seen]
    for period in f.care_periods:
        subject = f"Period of care from {_label(period.start_date)}"
        ends = period.end_date
        target = ("care_period", period.pk)

        def within(day: date, period=period) -> bool:
            return day >= period.start_date and (period.end_date is None or day <= period.end_date)

        for start, end, placement_type in _placements(f, period):

            def visit_rule(i: int, day: date, start=start, placement_type=placement_type) -> str:
                if i == 0:
                    return "cla_visit_first"
                if day < add_months(start, 12):
                    return "cla_visit_first_year"
                return (
                    "cla_visit_long_term"
                    if placement_type in codes.LONG_TERM_FOSTERING_PLACEMENTS
                    else "cla_visit_other"
                )

            visits = [day for day in cla_visits if day >= start and (end is None or day <= end)]
            yield from ev.series(
                visit_rule, cid, f"Placement from {_label(start)}", start, visits, ends=end, target=target
            )

        reviews = [r.review_date for r in f.cla_reviews if r.period_id == period.pk]
        yield from ev.series(
            lambda i, _: ("cla_review_first", "cla_review_second")[i] if i < 2 else "cla_review",
            cid,
            subject,
            period.start_date,
            reviews,
            ends=ends,
            target=target,
        )

        health = [h.assessment_date for h in f.health_assessments if within(h.assessment_date)]

        def health_rule(i: int, day: date) -> str:
            if i == 0:
                return "health_initial"
            return "health_review_under_5" if born and day < add_months(born, 60) else "health_review"

        yield from ev.series(health_rule, cid, subject, period.start_date, health, ends=ends, target=target)
        dental = [d.check_date for d in f.dental_checks if within(d.check_date)]
        yield from ev.series(
            lambda i, _: "dental_check", cid, subject, period.start_date, dental, ends=ends, target=target
        )

        school_start = add_months(born, 48) if born else None
        pep_start = max(period.start_date, school_start) if school_start else None
        if pep_start and (ends is None or pep_start < ends) and born and pep_start < add_months(born, 216):
            peps = [p.plan_date for p in f.education_plans if within(p.plan_date)]
            yield from ev.series(
                lambda i, _: "pep" if i == 0 else "pep_review", cid, subject, pep_start, peps, ends=ends, target=target
            )

        first_review = _first(reviews)
        if first_review is None:
            first_review = REGISTRY["cla_review_first"].due(period.start_date, ev.calendar)
        plans = [p.decided_on for p in f.permanence_plans if p.period_id == period.pk]
        yield ev.clock("permanence_plan", cid, subject, first_review, _first(plans), ends=ends, target=target)


def _missing(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    cid = f.child.pk
    for episode in f.missing_episodes:
        if episode.returned_at is not None:
            yield ev.clock(
                "return_interview",
                cid,
                f"Missing episode of {_label(_day(episode.started_at))}",
                episode.returned_at,
                episode.return_interview_at,
                target=("missing_episode", episode.pk),
            )
    for episode in f.missing_education:
        yield ev.clock(
            "missing_education",
            cid,
            f"Missing education from {_label(episode.reported_on)}",
            episode.reported_on,
            episode.enquiries_completed_on,
            target=("missing_education", episode.pk),
        )


def _looked_after_on(f: ChildFacts, day: date) -> bool:
    return any(p.start_date <= day and (p.end_date is None or p.end_date > day) for p in f.care_periods)


def _leaving_care(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    cid = f.child.pk
    born = f.child.date_of_birth
    if born is None:
        return
    sixteenth, seventeenth, eighteenth, twenty_first = (_birthday(born, n) for n in (16, 17, 18, 21))
    if _looked_after_on(f, sixteenth):
        done = _first(n.completed_on for n in f.needs_assessments if n.completed_on >= sixteenth)
        yield ev.clock("needs_assessment", cid, "16th birthday", sixteenth, done)
    if f.pathway_plans:
        first = f.pathway_plans[0].start_date
        yield from ev.series(
            lambda i, _: "pathway_plan_review",
            cid,
            "Pathway plan",
            first,
            [r.review_date for r in f.pathway_reviews],
            ends=twenty_first,
        )
    if f.care_leaver is not None:
        yield from ev.series(
            lambda i, _: "pa_contact",
            cid,
            "Personal adviser contact",
            f.care_leaver.eligible_from,
            [c.contact_date for c in f.care_leaver_contacts],
            ends=twenty_first,
        )
    if f.care_leaver is not None or any(_looked_after_on(f, day) for day in (seventeenth, eighteenth)):
        handed = {e.kind: e.handed_over_on for e in f.entitlements}
        # Due before 18, but still owed after it: a care leaver without their NI number or ID at 19 is drift that
        # someone must act on, so the clock stays live until it is handed over (or the young person is 21).
        for kind in EntitlementKind:
            yield ev.clock("entitlements", cid, kind.label, seventeenth, handed.get(kind.value), ends=twenty_first)
