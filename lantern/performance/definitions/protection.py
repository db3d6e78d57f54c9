"""Child protection and children in need: strategy discussions, initial conferences and CP plans (CIN census)."""

from django.db.models import Q
from django.utils import timezone

from lantern.journey.models import ChildProtectionConference, CPPlan, Referral, Section47Enquiry, StrategyDiscussion
from lantern.performance.definitions.front_door import CIN_GUIDE
from lantern.performance.measures import Context, Item, Measure, PeriodKind, Polarity, Result, Unit
from lantern.timescales.rules.protection import ICPC, STRATEGY_DISCUSSION, icpc_started
from lantern.workingdays.calendar import add_months


def strategy_discussions_in_1_wd(ctx: Context) -> Result:
    rows = ctx.scoped(
        StrategyDiscussion.objects.filter(threshold_decision_at__date__range=(ctx.period.start, ctx.period.end))
    ).values_list("child_id", "threshold_decision_at", "held_on")
    items = []
    for child, decided, held in rows:
        due = ctx.due(STRATEGY_DISCUSSION, decided)
        if held is not None and held > ctx.as_of:
            held = None  # held after the as-of day: as the record stood then, not yet
        if held is None and due >= ctx.as_of:
            continue  # not held and not yet due: not counted either way
        on_time = held is not None and held <= due
        items.append(Item(child, "Section 47 threshold decision", timezone.localdate(decided), on_time))
    return Result.of(items)


def icpcs_in_15_wd(ctx: Context) -> Result:
    conferences = list(
        ctx.scoped(
            ChildProtectionConference.objects.filter(
                kind=ChildProtectionConference.Kind.INITIAL, held_on__range=(ctx.period.start, ctx.period.end)
            )
        ).values_list(
            "child_id",
            "held_on",
            "referral_id",
            "section47__start_date",
            "section47__strategy_discussion__held_on",
        )
    )
    # A conference recorded without its enquiry belongs to the latest enquiry of its referral before it, as the
    # ICPC clock matches them: one query for all of them.
    unlinked = {r for _, _, r, s47, _ in conferences if s47 is None}
    enquiries: dict[int, list] = {}
    for referral, start, held in Section47Enquiry.objects.filter(referral_id__in=unlinked).values_list(
        "referral_id", "start_date", "strategy_discussion__held_on"
    ):
        enquiries.setdefault(referral, []).append((start, held))
    items = []
    for child, held_on, referral, s47_start, discussed in conferences:
        if s47_start is None:
            before = sorted(e for e in enquiries.get(referral, []) if e[0] <= held_on)
            if not before:
                continue  # no enquiry, no ICPC clock
            s47_start, discussed = before[-1]
        start = icpc_started(strategy_discussion_held_on=discussed, s47_start_date=s47_start)
        items.append(Item(child, "Initial child protection conference", held_on, held_on <= ctx.due(ICPC, start)))
    return Result.of(items)


def _on_plan_at(model, ctx: Context):
    return ctx.scoped(
        model.objects.filter(Q(end_date__isnull=True) | Q(end_date__gt=ctx.as_of), start_date__lte=ctx.as_of)
    )


def cp_plans_rate(ctx: Context) -> Result:
    children = set(_on_plan_at(CPPlan, ctx).values_list("child_id", flat=True))
    items = [Item(c, "On a child protection plan", ctx.as_of, True) for c in sorted(children)]
    return Result(numerator=len(items), denominator=ctx.population, items=items, scale=10_000)


def cp_plans_repeat(ctx: Context) -> Result:
    started = list(
        ctx.scoped(CPPlan.objects.filter(start_date__range=(ctx.period.start, ctx.period.end))).values_list(
            "child_id", "start_date"
        )
    )
    earliest: dict[int, object] = {}
    for child, day in CPPlan.objects.filter(child_id__in={c for c, _ in started}).values_list("child_id", "start_date"):
        earliest[child] = min(day, earliest.get(child, day))
    return Result.of([Item(c, "Child protection plan started", day, earliest[c] < day) for c, day in started])


def cp_plans_two_years(ctx: Context) -> Result:
    ended = ctx.scoped(CPPlan.objects.filter(end_date__range=(ctx.period.start, ctx.period.end))).values_list(
        "child_id", "start_date", "end_date"
    )
    return Result.of(
        [Item(c, "Child protection plan ended", end, end >= add_months(start, 24)) for c, start, end in ended]
    )


def cin_rate(ctx: Context) -> Result:
    open_referrals = ctx.scoped(
        Referral.objects.filter(
            Q(closure_date__isnull=True) | Q(closure_date__gt=ctx.as_of), referral_date__lte=ctx.as_of
        )
    )
    children = sorted(set(open_referrals.values_list("child_id", flat=True)))
    items = [Item(c, "Open child in need episode", ctx.as_of, True) for c in children]
    return Result(numerator=len(items), denominator=ctx.population, items=items, scale=10_000)


MEASURES = [
    Measure(
        id="strategy_discussions_within_1_wd",
        title="Strategy discussions within 1 working day",
        section="child_protection",
        counts="section 47 threshold decisions in the month whose discussion is held or due",
        numerator_is="discussion held within 1 working day of the decision",
        period=PeriodKind.MONTH,
        polarity=Polarity.HIGHER,
        target=0.95,
        definition="Strategy discussions held by the strategy discussion clock's due date (Rule.due from the "
        "threshold decision), of those held or due in the period",
        source=STRATEGY_DISCUSSION.source,
        compute=strategy_discussions_in_1_wd,
    ),
    Measure(
        id="icpc_within_15_wd",
        title="Initial conferences within 15 working days",
        section="child_protection",
        counts="initial child protection conferences held in the year",
        numerator_is="held within 15 working days of the strategy discussion",
        period=PeriodKind.YEAR,
        polarity=Polarity.HIGHER,
        target=0.78,
        definition="ICPCs (DateOfInitialCPC) in the year ending on the as-of date held by the census's "
        "InitialCPCtarget, which is the ICPC clock's due date (Rule.due from icpc_started)",
        source=f"{ICPC.source}; {CIN_GUIDE}",
        compute=icpcs_in_15_wd,
    ),
    Measure(
        id="cp_plans_per_10000",
        title="Children on a child protection plan per 10,000",
        section="child_protection",
        counts="children aged 0 to 17 in the authority (the council's population setting)",
        numerator_is="children on a child protection plan on the as-of date",
        period=PeriodKind.AS_AT,
        polarity=Polarity.LOWER,
        unit=Unit.PER_10000,
        definition="Children on a CP plan on the date, per 10,000 children aged 0 to 17 (the DfE's rate at 31 "
        "March uses the ONS mid-year estimate)",
        source=CIN_GUIDE,
        compute=cp_plans_rate,
    ),
    Measure(
        id="cp_plans_second_or_later",
        title="Child protection plans that are second or later",
        section="child_protection",
        counts="child protection plans started in the year",
        numerator_is="the child had a plan before, at any time",
        period=PeriodKind.YEAR,
        polarity=Polarity.LOWER,
        target=0.24,
        definition="CP plans starting (CPPstartDate) in the year ending on the as-of date that were a second or "
        "subsequent plan for the child (at any time before)",
        source=CIN_GUIDE,
        compute=cp_plans_repeat,
    ),
    Measure(
        id="cp_plans_lasting_2y",
        title="Child protection plans lasting 2 years or more",
        section="child_protection",
        counts="child protection plans ended in the year",
        numerator_is="lasted 2 years or more",
        period=PeriodKind.YEAR,
        polarity=Polarity.LOWER,
        target=0.04,
        tolerance=0.02,
        definition="CP plans ending (CPPendDate) in the year that had lasted 2 years or more",
        source=CIN_GUIDE,
        compute=cp_plans_two_years,
    ),
    Measure(
        id="cin_per_10000",
        title="Children in need per 10,000",
        section="children_in_need",
        counts="children aged 0 to 17 in the authority (the council's population setting)",
        numerator_is="children with an open child in need episode on the as-of date",
        period=PeriodKind.AS_AT,
        polarity=Polarity.LOWER,
        unit=Unit.PER_10000,
        definition="Children in need (an open CIN episode) on the date, per 10,000 children aged 0 to 17",
        source=CIN_GUIDE,
        compute=cin_rate,
    ),
]
