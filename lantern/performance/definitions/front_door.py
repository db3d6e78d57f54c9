"""The front door and assessment: contacts, referrals, re-referrals and assessments (CIN census definitions)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lantern.journey.models import Assessment, Contact, Referral
from lantern.performance.measures import Context, Item, Measure, PeriodKind, Polarity, Result
from lantern.timescales.rules.front_door import ASSESSMENT, CONTACT_DECISION
from lantern.workingdays.calendar import add_months

_DAY = timedelta(days=1)
CIN_GUIDE = "DfE, Children in need census 2025 to 2026: guide; Characteristics of children in need (2024)"


def _moment(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _contacts(ctx: Context):
    start, end = ctx.period.start, ctx.period.end
    return ctx.scoped(Contact.objects.filter(received_at__gte=_moment(start), received_at__lt=_moment(end) + _DAY))


def contacts_to_referral(ctx: Context) -> Result:
    # Contacts decided by the end of the as-of day: one still undecided has no answer yet either way.
    decided = _contacts(ctx).filter(decision_at__lt=_moment(ctx.as_of) + _DAY)
    rows = decided.values_list("child_id", "received_at", "decision")
    return Result.of([Item(c, "Contact", timezone.localdate(at), decision == "REFERRAL") for c, at, decision in rows])


def contact_decisions_in_24h(ctx: Context) -> Result:
    # Only contacts whose 24 hours have run out by the end of the as-of day, or that are decided already.
    cutoff = _moment(ctx.as_of) + _DAY
    items = []
    for child, received, decided in _contacts(ctx).values_list("child_id", "received_at", "decision_at"):
        due = ctx.due(CONTACT_DECISION, received)
        if decided is not None and decided >= cutoff:
            decided = None  # decided after the as-of day: as the record stood then, not yet
        if decided is None and due >= cutoff:
            continue
        items.append(Item(child, "Contact", timezone.localdate(received), decided is not None and decided <= due))
    return Result.of(items)


def re_referrals(ctx: Context) -> Result:
    referrals = ctx.scoped(Referral.objects.filter(referral_date__range=(ctx.period.start, ctx.period.end)))
    rows = list(referrals.values_list("pk", "child_id", "referral_date"))
    # Every referral of those children in the 12 months before the earliest one: one query.
    earliest = min((day for _, _, day in rows), default=ctx.period.start)
    earlier: dict[int, list] = {}
    for child, day in Referral.objects.filter(
        child_id__in={c for _, c, _ in rows}, referral_date__gte=add_months(earliest, -12)
    ).values_list("child_id", "referral_date"):
        earlier.setdefault(child, []).append(day)
    items = []
    for _, child, day in rows:
        window = add_months(day, -12)
        again = any(window <= other < day for other in earlier.get(child, []))
        items.append(Item(child, "Referral", day, again))
    return Result.of(items)


def assessments_in_45_wd(ctx: Context) -> Result:
    authorised = ctx.scoped(
        Assessment.objects.filter(authorised_date__range=(ctx.period.start, ctx.period.end))
    ).values_list("child_id", "authorised_date", "referral__referral_date")
    items = [
        Item(child, "Assessment authorised", done, done <= ctx.due(ASSESSMENT, referred))
        for child, done, referred in authorised
    ]
    return Result.of(items)


MEASURES = [
    Measure(
        id="contacts_to_referral",
        title="Contacts that became a referral",
        section="front_door",
        counts="contacts received in the week and decided",
        numerator_is="decided as a referral to children's social care",
        period=PeriodKind.WEEK,
        polarity=Polarity.HIGHER,
        definition="Contacts received in the period whose decision was a referral (local measure; the DfE "
        "publishes no contact figures: about 3 contacts per referral is the usual local pattern)",
        source="Local measure; national-figures.md (contacts per referral, local pattern)",
        compute=contacts_to_referral,
    ),
    Measure(
        id="contact_decisions_within_24h",
        title="Contact decisions within 24 hours",
        section="front_door",
        counts="contacts received in the week whose 24 hours have passed or that are decided",
        numerator_is="decided within 24 hours of receipt",
        period=PeriodKind.WEEK,
        polarity=Polarity.HIGHER,
        target=1.0,
        tolerance=0.1,
        definition="Contacts decided within the contact decision clock (24 hours, the council's local standard)",
        source=CONTACT_DECISION.source,
        compute=contact_decisions_in_24h,
    ),
    Measure(
        id="referrals_re_referred_12m",
        title="Re-referrals within 12 months",
        section="front_door",
        counts="referrals in the year",
        numerator_is="the child had another referral in the 12 months before",
        period=PeriodKind.YEAR,
        polarity=Polarity.LOWER,
        target=0.22,
        definition="Referrals (CINreferralDate) in the year ending on the as-of date, within 12 months of a "
        "previous referral of the same child, as a share of all referrals in the year",
        source=f"{CIN_GUIDE}: 're-referrals within 12 months of a previous referral'",
        compute=re_referrals,
    ),
    Measure(
        id="assessments_within_45_wd",
        title="Assessments within 45 working days",
        section="assessment",
        counts="assessments authorised in the year",
        numerator_is="authorised within 45 working days of the referral",
        period=PeriodKind.YEAR,
        polarity=Polarity.HIGHER,
        target=0.83,
        definition="Assessments authorised (AssessmentAuthorisationDate) in the year ending on the as-of date, "
        "authorised by the assessment clock's due date (45 working days from CINreferralDate, Rule.due). The "
        "DfE's published figure counts from the assessment's start, so it can be a little higher",
        source=f"{ASSESSMENT.source}; {CIN_GUIDE}",
        compute=assessments_in_45_wd,
    ),
]
