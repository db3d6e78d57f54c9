"""Writes for the front door to plans: one function per thing a worker records."""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from lantern.core import codes
from lantern.core.dates import day_label, moment_label
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.journey.models import (
    CONCERNS_MAX_LENGTH,
    TEXT_LIMIT,
    Assessment,
    AssessmentFactor,
    AssessmentOutcome,
    ChildProtectionConference,
    CINPlan,
    Contact,
    CPPlan,
    NeedLevel,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
    VisitKind,
)
from lantern.journey.permissions import may_authorise_assessment
from lantern.people.models import Child
from lantern.workforce.models import Team

# The contact decisions that open a referral (a child in need episode).
REFERRING_DECISIONS = ("REFERRAL", "STRATEGY")


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _closed_before(refusal: Refusal, field: str, referral: Referral, day: date) -> None:
    if referral.closure_date is not None and referral.closure_date < day:
        refusal.add(field, f"The referral was closed on {day_label(referral.closure_date)}")


@service
def contact_record(
    *,
    by,
    child: Child,
    received_at: datetime,
    source: str,
    decision: str = "",
    decision_at: datetime | None = None,
    summary: str = "",
    referrer: str = "",
    concerns: str = "",
    consent: str = "",
    need_level: NeedLevel | None = None,
    today: date | None = None,
) -> Contact:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("received_at", received_at, "Date and time received", today=today)
    _not_later_today(refusal, "received_at", received_at, "The time the contact was received", today=today)
    refusal.not_in_future("decision_at", decision_at, "Date and time of the decision", today=today)
    _not_later_today(refusal, "decision_at", decision_at, "The time of the decision", today=today)
    if decision_at is not None and decision_at < received_at:
        refusal.add("decision_at", "The decision must be made after the contact was received")
    if bool(decision) != bool(decision_at):
        refusal.add(
            "decision" if not decision else "decision_at", "Give the decision and the date and time it was made"
        )
    if len(concerns) > CONCERNS_MAX_LENGTH:
        refusal.add(
            "concerns",
            f"The concerns must be {CONCERNS_MAX_LENGTH:,} characters or fewer: you entered {len(concerns):,}. "
            "Nothing was cut: shorten them, and keep any longer document with the referrer's own records",
        )
    if consent and consent not in Contact.Consent.values:
        refusal.add("consent", f"Consent {consent!r} is not one of the choices")
    refusal.raise_if_any()
    contact = Contact(
        child=child, received_at=received_at, source=source, decision=decision, decision_at=decision_at,
        summary=summary, referrer=referrer.strip(), concerns=concerns.strip(), consent=consent, need_level=need_level,
    )  # fmt: skip
    return save_checked(contact, by=by)


def _not_later_today(refusal: Refusal, field: str, moment: datetime | None, label: str, *, today: date) -> None:
    """A time later today than now has not happened yet (today itself is accepted: `not_in_future` checks dates).
    Only when `today` is the real today: an import or the demo recording an earlier day sets its own."""
    if moment is None or today != local_today():
        return
    if _local(moment).date() == today and moment > timezone.now():
        now = timezone.localtime().strftime("%H:%M")
        refusal.add(field, f"{label} must be now or earlier: it is {now} now")


@service
def contact_decide(
    *,
    by,
    contact: Contact,
    decision: str,
    decision_at: datetime,
    need_level: NeedLevel | None = None,
    team: Team | None = None,
    today: date | None = None,
) -> Contact:
    """The decision on a contact (stops its 24-hour clock). A decision to refer opens the referral (for `team`, if
    given); a decision to hold a strategy discussion opens the referral and records the threshold decision too."""
    today = today or local_today()
    refusal = Refusal()
    refusal.code("decision", decision, codes.CONTACT_DECISION.codes, "Decision")
    _not_later_today(refusal, "decision_at", decision_at, "The time of the decision", today=today)
    if contact.decision:
        refusal.add(
            "decision",
            f"A decision was already recorded on {moment_label(contact.decision_at)}: "
            f"{codes.CONTACT_DECISION.label(contact.decision).lower()}",
        )
    refusal.not_in_future("decision_at", decision_at, "Date and time of the decision", today=today)
    if decision_at < contact.received_at:
        refusal.add(
            "decision_at",
            f"The decision must be made after the contact was received on {moment_label(contact.received_at)}",
        )
    open_referral = Referral.objects.filter(child=contact.child, closure_date__isnull=True).first()
    if decision == "REFERRAL" and open_referral is not None:
        refusal.add(
            "decision",
            f"This child already has an open referral, from {day_label(open_referral.referral_date)}: "
            "close it before opening another",
        )
    refusal.raise_if_any()
    contact.decision = decision
    contact.decision_at = decision_at
    if need_level is not None:
        contact.need_level = need_level
    save_checked(contact, by=by)
    if decision in REFERRING_DECISIONS:
        try:
            # A strategy discussion about a child already open to children's social care joins that referral.
            referral = open_referral
            if decision == "REFERRAL" or referral is None:
                referral = referral_open(
                    by=by,
                    child=contact.child,
                    referral_date=_local(decision_at).date(),
                    referral_source=contact.source,
                    contact=contact,
                    team=team,
                    today=today,
                )
            if decision == "STRATEGY":
                strategy_discussion_start(
                    by=by, referral=referral, threshold_decision_at=decision_at, held_on=None, today=today
                )
        except ValidationError as refused:
            # The referral's own checks, said of what the worker entered: its date is the decision's.
            keys = {
                "referral_date": "decision_at",
                "threshold_decision_at": "decision_at",
                "referral_source": "decision",
            }
            keys[NON_FIELD_ERRORS] = "decision"
            raise ValidationError(
                {keys.get(field, "decision"): messages for field, messages in refused.message_dict.items()}
            ) from refused
    return contact


def _check_referral_date(refusal: Refusal, *, child: Child, referral_date: date, today: date) -> None:
    refusal.not_in_future("referral_date", referral_date, "Referral date", today=today)
    if child.date_of_birth is None and child.expected_date_of_birth is not None:
        # CIN rule 8606: a referral of an unborn child comes at most 280 days before the expected birth.
        if (child.expected_date_of_birth - referral_date).days > 280:
            refusal.add("referral_date", "A referral of an unborn child must be within 280 days of the expected birth")
    elif child.date_of_birth is not None:
        refusal.not_before("referral_date", referral_date, child.date_of_birth, "Referral date", "the date of birth")


def _check_closure(refusal: Refusal, *, referral: Referral, closure_date: date | None, today: date) -> None:
    refusal.not_in_future("closure_date", closure_date, "Closure date", today=today)
    refusal.not_before("closure_date", closure_date, referral.referral_date, "Closure date", "the referral date")


@service
def referral_open(
    *,
    by,
    child: Child,
    referral_date: date,
    referral_source: str,
    primary_need_code: str = "",
    contact: Contact | None = None,
    team: Team | None = None,
    today: date | None = None,
) -> Referral:
    today = today or local_today()
    refusal = Refusal()
    _check_referral_date(refusal, child=child, referral_date=referral_date, today=today)
    if Referral.objects.filter(child=child, closure_date__isnull=True).exists():
        refusal.add("referral_date", "This child already has an open referral: close it before opening another")
    refusal.raise_if_any()
    referral = Referral(
        child=child,
        contact=contact,
        referral_date=referral_date,
        referral_source=referral_source,
        primary_need_code=primary_need_code,
        team=team,
    )
    return save_checked(referral, by=by)


@service
def referral_close(
    *, by, referral: Referral, closure_date: date, reason_for_closure: str, today: date | None = None
) -> Referral:
    today = today or local_today()
    refusal = Refusal()
    _check_closure(refusal, referral=referral, closure_date=closure_date, today=today)
    refusal.code("reason_for_closure", reason_for_closure, codes.REASON_FOR_CLOSURE.codes, "Reason for closure")
    if referral.assessments.filter(authorised_date__isnull=True).exists():
        refusal.add("closure_date", "Authorise or end every assessment before closing the episode")
    refusal.raise_if_any()
    referral.closure_date = closure_date
    referral.reason_for_closure = reason_for_closure
    return save_checked(referral, by=by)


def _check_assessment_start(refusal: Refusal, *, referral: Referral, start_date: date, today: date) -> None:
    refusal.not_in_future("start_date", start_date, "Date the assessment started", today=today)
    refusal.not_before(
        "start_date",
        start_date,
        referral.referral_date,
        "Date the assessment started",
        f"the referral date, {day_label(referral.referral_date)}",
    )
    _closed_before(refusal, "start_date", referral, start_date)


def _check_authorised(refusal: Refusal, *, assessment: Assessment, authorised_date: date | None, today: date) -> None:
    refusal.not_in_future("authorised_date", authorised_date, "Date authorised", today=today)
    refusal.not_before("authorised_date", authorised_date, assessment.start_date, "Date authorised", "the start date")


def _long_text(refusal: Refusal, field: str, value: str, label: str, *, required: bool = False) -> None:
    """Long text is refused past its limit, naming the field: never cut short in silence."""
    if required and not value.strip():
        refusal.add(field, f"Enter {label[:1].lower() + label[1:]}")
    if len(value) > TEXT_LIMIT:
        refusal.add(field, f"{label} must be {TEXT_LIMIT:,} characters or fewer: it has {len(value):,}")


def _check_child_seen(
    refusal: Refusal, *, referral: Referral, start_date: date, child_seen_date: date | None, today: date
) -> None:
    label = "Date the child was seen"
    refusal.not_in_future("child_seen_date", child_seen_date, label, today=today)
    if child_seen_date is not None and child_seen_date < referral.referral_date:
        refusal.add(
            "child_seen_date",
            f"{label} must be the same as or after the referral date, {day_label(referral.referral_date)}",
        )
    else:
        refusal.not_before("child_seen_date", child_seen_date, start_date, label, "the date the assessment started")


def _check_voice(refusal: Refusal, *, child_words: str, how_gathered: str, sibling_impact: str) -> None:
    _long_text(refusal, "child_words", child_words, "The child’s words and wishes")
    _long_text(refusal, "how_gathered", how_gathered, "How the child’s views were gathered")
    _long_text(refusal, "sibling_impact", sibling_impact, "Impact on siblings")


@service
def assessment_start(
    *,
    by,
    referral: Referral,
    start_date: date,
    child_seen_date: date | None = None,
    child_words: str = "",
    how_gathered: str = "",
    sibling_impact: str = "",
    worker=None,
    today: date | None = None,
) -> Assessment:
    """A child and family assessment begins on a referral (a response to the referral)."""
    today = today or local_today()
    refusal = Refusal()
    _check_assessment_start(refusal, referral=referral, start_date=start_date, today=today)
    in_progress = referral.assessments.filter(authorised_date__isnull=True).first()
    if in_progress is not None:
        refusal.add(
            "start_date",
            f"An assessment from {day_label(in_progress.start_date)} is in progress: authorise it first",
        )
    _check_child_seen(refusal, referral=referral, start_date=start_date, child_seen_date=child_seen_date, today=today)
    _check_voice(refusal, child_words=child_words, how_gathered=how_gathered, sibling_impact=sibling_impact)
    refusal.raise_if_any()
    assessment = Assessment(
        referral=referral,
        child=referral.child,
        start_date=start_date,
        child_seen_date=child_seen_date,
        child_words=child_words,
        how_gathered=how_gathered,
        sibling_impact=sibling_impact,
        worker=worker,
    )
    return save_checked(assessment, by=by)


def _check_factors(refusal: Refusal, factors: list[str]) -> None:
    for code in factors:
        refusal.code("factors", code, codes.ASSESSMENT_FACTOR.codes, "Assessment factor")


def _set_factors(assessment: Assessment, factors: list[str]) -> None:
    AssessmentFactor.objects.filter(assessment=assessment).delete()
    AssessmentFactor.objects.bulk_create(AssessmentFactor(assessment=assessment, code=code) for code in factors)


@service
def assessment_record(
    *,
    by,
    assessment: Assessment,
    child_seen_date: date | None,
    child_words: str = "",
    how_gathered: str = "",
    sibling_impact: str = "",
    factors: Iterable[str] = (),
    outcome: str = "",
    today: date | None = None,
) -> Assessment:
    """The worker's record of an assessment in progress: the child seen, their voice, siblings, factors, outcome."""
    today = today or local_today()
    factors = list(dict.fromkeys(factors))
    refusal = Refusal()
    if assessment.authorised_date is not None:
        refusal.add("child_seen_date", "This assessment has been authorised: it can no longer be changed")
    _check_child_seen(
        refusal,
        referral=assessment.referral,
        start_date=assessment.start_date,
        child_seen_date=child_seen_date,
        today=today,
    )
    _check_voice(refusal, child_words=child_words, how_gathered=how_gathered, sibling_impact=sibling_impact)
    _check_factors(refusal, factors)
    if outcome:
        refusal.code("outcome", outcome, AssessmentOutcome.values, "Outcome of the assessment")
    refusal.raise_if_any()
    assessment.child_seen_date = child_seen_date
    assessment.child_words = child_words
    assessment.how_gathered = how_gathered
    assessment.sibling_impact = sibling_impact
    assessment.outcome = outcome
    save_checked(assessment, by=by)
    _set_factors(assessment, factors)
    return assessment


@service
def assessment_authorise(
    *,
    by,
    assessment: Assessment,
    authorised_date: date,
    factors: Iterable[str] = (),
    requires_support: bool | None = None,
    outcome: str = "",
    today: date | None = None,
) -> Assessment:
    """A team manager's decision that the assessment is complete (a worker's, where the council delegates it)."""
    today = today or local_today()
    factors = list(dict.fromkeys(factors))
    refusal = Refusal()
    if not may_authorise_assessment(by):
        refusal.add(
            "authorised_date",
            "Authorising an assessment is a team manager’s decision: ask your team manager to authorise it",
        )
    _check_authorised(refusal, assessment=assessment, authorised_date=authorised_date, today=today)
    _check_factors(refusal, factors)
    if outcome:
        refusal.code("outcome", outcome, AssessmentOutcome.values, "Outcome of the assessment")
    refusal.raise_if_any()
    assessment.authorised_date = authorised_date
    assessment.requires_support = requires_support
    assessment.authorised_by = by
    if outcome:
        assessment.outcome = outcome
    save_checked(assessment, by=by)
    _set_factors(assessment, factors)
    return assessment


@service
def strategy_discussion_start(
    *,
    by,
    referral: Referral,
    threshold_decision_at: datetime,
    held_on: date | None = None,
    initiate_s47: bool | None = None,
    today: date | None = None,
) -> StrategyDiscussion:
    """The decision that the section 47 threshold may be met: a strategy discussion is now due (its clock starts).

    With `held_on`, the discussion is recorded as held at once (`strategy_discussion_held`).
    """
    today = today or local_today()
    refusal = Refusal()
    label = "Date and time of the threshold decision"
    refusal.not_in_future("threshold_decision_at", threshold_decision_at, label, today=today)
    decided_on = _local(threshold_decision_at).date()
    refusal.not_before(
        "threshold_decision_at",
        decided_on,
        referral.referral_date,
        label,
        f"the referral date, {day_label(referral.referral_date)}",
    )
    _closed_before(refusal, "threshold_decision_at", referral, decided_on)
    waiting = referral.strategy_discussions.filter(held_on__isnull=True).first()
    if waiting is not None:
        since = f" since {moment_label(waiting.threshold_decision_at)}" if waiting.threshold_decision_at else ""
        refusal.add(
            "threshold_decision_at", f"A strategy discussion has been waiting{since}: record that one as held first"
        )
    refusal.raise_if_any()
    discussion = StrategyDiscussion(
        referral=referral, child=referral.child, threshold_decision_at=threshold_decision_at, initiate_s47=False
    )
    save_checked(discussion, by=by)
    if held_on is not None:
        strategy_discussion_held(
            by=by, discussion=discussion, held_on=held_on, initiate_s47=bool(initiate_s47), today=today
        )
    return discussion


@service
def strategy_discussion_held(
    *, by, discussion: StrategyDiscussion, held_on: date, initiate_s47: bool, today: date | None = None
) -> StrategyDiscussion:
    """A pending strategy discussion was held (stops its clock); a section 47 enquiry it starts begins that day."""
    today = today or local_today()
    refusal = Refusal()
    label = "Date the strategy discussion was held"
    if discussion.held_on is not None:
        refusal.add("held_on", f"This strategy discussion was recorded as held on {day_label(discussion.held_on)}")
    refusal.not_in_future("held_on", held_on, label, today=today)
    referral = discussion.referral
    if discussion.threshold_decision_at is not None:
        decided_on = _local(discussion.threshold_decision_at).date()
        refusal.not_before("held_on", held_on, decided_on, label, f"the threshold decision, {day_label(decided_on)}")
    else:
        refusal.not_before(
            "held_on", held_on, referral.referral_date, label, f"the referral date, {day_label(referral.referral_date)}"
        )
    _closed_before(refusal, "held_on", referral, held_on)
    refusal.raise_if_any()
    discussion.held_on = held_on
    discussion.initiate_s47 = initiate_s47
    save_checked(discussion, by=by)
    if initiate_s47:
        enquiry = Section47Enquiry(
            referral=referral, child=discussion.child, strategy_discussion=discussion, start_date=held_on
        )
        save_checked(enquiry, by=by)
    return discussion


@service
def icpc_record(
    *,
    by,
    enquiry: Section47Enquiry,
    held_on: date,
    plan_made: bool,
    category: str = "",
    today: date | None = None,
) -> ChildProtectionConference:
    """The initial child protection conference for a section 47 enquiry (stops the ICPC clock).

    A plan made starts the child protection plan that day, and ends the child's open child in need plan that
    day: a child is never on both.
    """
    today = today or local_today()
    refusal = Refusal()
    label = "Date of the conference"
    held = enquiry.conferences.filter(kind=ChildProtectionConference.Kind.INITIAL).first()
    if held is not None:
        refusal.add("held_on", f"The initial conference was recorded as held on {day_label(held.held_on)}")
    if enquiry.icpc_not_required:
        refusal.add("held_on", "This enquiry was recorded as not needing an initial conference")
    refusal.not_in_future("held_on", held_on, label, today=today)
    refusal.not_before(
        "held_on", held_on, enquiry.start_date, label, f"the start of the enquiry, {day_label(enquiry.start_date)}"
    )
    _closed_before(refusal, "held_on", enquiry.referral, held_on)
    open_cin_plan = None
    if plan_made:
        if not category:
            refusal.add("category", "Select the category of abuse for the plan")
        else:
            refusal.code("category", category, codes.CATEGORY_OF_ABUSE.codes, "Category of abuse")
        open_cp_plan = CPPlan.objects.filter(child=enquiry.child, end_date__isnull=True).first()
        if open_cp_plan is not None:
            refusal.add(
                "plan_made",
                f"This child is already on a child protection plan, from {day_label(open_cp_plan.start_date)}",
            )
        open_cin_plan = CINPlan.objects.filter(child=enquiry.child, end_date__isnull=True).first()
        if open_cin_plan is not None and open_cin_plan.start_date > held_on:
            refusal.add(
                "held_on",
                f"The child in need plan began on {day_label(open_cin_plan.start_date)}, after this date: "
                "it cannot end when the protection plan starts",
            )
    refusal.raise_if_any()
    plan = None
    if plan_made:
        if open_cin_plan is not None:
            open_cin_plan.end_date = held_on
            save_checked(open_cin_plan, by=by)
        plan = CPPlan(
            referral=enquiry.referral,
            child=enquiry.child,
            start_date=held_on,
            initial_category=category,
            latest_category=category,
        )
        save_checked(plan, by=by)
    conference = ChildProtectionConference(
        referral=enquiry.referral,
        child=enquiry.child,
        kind=ChildProtectionConference.Kind.INITIAL,
        section47=enquiry,
        cp_plan=plan,
        held_on=held_on,
        plan_made=plan_made,
    )
    return save_checked(conference, by=by)


@service
def icpc_not_required(*, by, enquiry: Section47Enquiry) -> Section47Enquiry:
    """The section 47 enquiry needs no initial conference (ICPCnotRequired): no ICPC clock runs for it."""
    refusal = Refusal()
    held = enquiry.conferences.filter(kind=ChildProtectionConference.Kind.INITIAL).first()
    if held is not None:
        refusal.add("icpc_not_required", f"The initial conference was recorded as held on {day_label(held.held_on)}")
    refusal.raise_if_any()
    enquiry.icpc_not_required = True
    return save_checked(enquiry, by=by)


@service
def cp_review_record(
    *,
    by,
    plan: CPPlan,
    held_on: date,
    continues: bool,
    latest_category: str,
    today: date | None = None,
) -> ChildProtectionConference:
    """A review child protection conference: the plan continues (with its latest category) or ends that day."""
    today = today or local_today()
    refusal = Refusal()
    label = "Date of the review conference"
    if plan.end_date is not None:
        refusal.add("held_on", f"This child protection plan ended on {day_label(plan.end_date)}")
    refusal.not_in_future("held_on", held_on, label, today=today)
    previous = plan.conferences.order_by("-held_on").first()
    if previous is not None and held_on <= previous.held_on:
        refusal.add(
            "held_on",
            f"{label} must be after the previous conference, on {day_label(previous.held_on)}",
        )
    elif previous is None:
        refusal.not_before(
            "held_on", held_on, plan.start_date, label, f"the start of the plan, {day_label(plan.start_date)}"
        )
    refusal.code("latest_category", latest_category, codes.CATEGORY_OF_ABUSE.codes, "Latest category of abuse")
    refusal.raise_if_any()
    conference = ChildProtectionConference(
        referral=plan.referral,
        child=plan.child,
        kind=ChildProtectionConference.Kind.REVIEW,
        cp_plan=plan,
        held_on=held_on,
    )
    save_checked(conference, by=by)
    plan.latest_category = latest_category
    if not continues:
        plan.end_date = held_on
    save_checked(plan, by=by)
    return conference


# From a return: the records a CIN census import built, checked by the same rules as the forms above ----------


@service
def referral_from_return(*, by, record: Referral, today: date | None = None) -> Referral:
    """A CIN episode as a census has it (new, or blanks filled in): the referral and closure forms' date rules.
    (One open episode at a time is the importer's check: it knows the other episodes in the file.)"""
    today = today or local_today()
    refusal = Refusal()
    _check_referral_date(refusal, child=record.child, referral_date=record.referral_date, today=today)
    _check_closure(refusal, referral=record, closure_date=record.closure_date, today=today)
    refusal.raise_if_any()
    return save_checked(record, by=by)


@service
def assessment_from_return(*, by, record: Assessment, today: date | None = None) -> Assessment:
    """An assessment as a census has it (its start, and its authorisation when given): the assessment forms' rules."""
    today = today or local_today()
    refusal = Refusal()
    _check_assessment_start(refusal, referral=record.referral, start_date=record.start_date, today=today)
    _check_authorised(refusal, assessment=record, authorised_date=record.authorised_date, today=today)
    refusal.raise_if_any()
    return save_checked(record, by=by)


def _check_visit_against_plans(refusal: Refusal, *, child: Child, kind: str, visit_date: date) -> None:
    """A plan's visit is within that plan; a child in care's statutory visit within their current placement."""
    if kind == VisitKind.CLA:
        # Read through the child's relations: journey never imports care (care imports journey).
        period = child.care_periods.order_by("-start_date").first()
        if period is None:
            refusal.add("kind", "This child has not been looked after: choose another kind of visit")
            return
        placement_starts = [
            episode.start_date
            for episode in period.episodes.order_by("start_date")
            if episode.reason_new_episode in codes.NEW_PLACEMENT_REASONS
        ]
        placement_start = placement_starts[-1] if placement_starts else period.start_date
        if visit_date < placement_start:
            refusal.add("visit_date", f"A visit cannot be before the placement began on {day_label(placement_start)}")
        elif period.end_date is not None and visit_date > period.end_date:
            refusal.add("visit_date", f"The child stopped being looked after on {day_label(period.end_date)}")
        return
    if kind not in (VisitKind.CP, VisitKind.CIN):
        return
    plans = list((child.cp_plans if kind == VisitKind.CP else child.cin_plans).order_by("-start_date"))
    if not plans or any(p.start_date <= visit_date and (p.end_date is None or visit_date <= p.end_date) for p in plans):
        return
    name = "child protection plan" if kind == VisitKind.CP else "child in need plan"
    latest = plans[0]
    if visit_date < latest.start_date:
        refusal.add("visit_date", f"A visit cannot be before the {name} began on {day_label(latest.start_date)}")
    else:
        refusal.add("visit_date", f"The {name} ended on {day_label(latest.end_date)}: choose another kind of visit")


@service
def visit_record(
    *,
    by,
    child: Child,
    kind: str,
    visit_date: date,
    seen: bool,
    seen_alone: bool,
    worker=None,
    today: date | None = None,
) -> Visit:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("visit_date", visit_date, "Visit date", today=today)
    if child.date_of_birth is not None:
        refusal.not_before("visit_date", visit_date, child.date_of_birth, "Visit date", "the child's date of birth")
    if seen_alone and not seen:
        refusal.add("seen_alone", "A child seen alone must also have been seen")
    if kind not in VisitKind.values:
        refusal.add("kind", f"Kind of visit {kind!r} is not a recognised kind")
    elif "visit_date" not in refusal.errors:
        _check_visit_against_plans(refusal, child=child, kind=kind, visit_date=visit_date)
    refusal.raise_if_any()
    visit = Visit(child=child, kind=kind, visit_date=visit_date, seen=seen, seen_alone=seen_alone, worker=worker)
    return save_checked(visit, by=by)
