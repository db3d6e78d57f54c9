"""Quality of practice: case audit grades and moderation (lantern/audits), and decisions not to share."""

from lantern.audits.grades import RANK, Grade
from lantern.audits.models import CaseAudit
from lantern.performance.measures import Context, Item, Measure, PeriodKind, Polarity, Result
from lantern.sharing.models import SharingDecision

GOOD_OR_BETTER = {Grade.OUTSTANDING.value, Grade.GOOD.value}


def _audits(ctx: Context):
    audits = CaseAudit.objects.filter(audit_date__range=(ctx.period.start, ctx.period.end))
    return ctx.scoped(audits).values_list("child_id", "audit_date", "auditor_grade", "moderated_grade")


def audits_good(ctx: Context) -> Result:
    items = [
        Item(child_id, "Case audited", day, (moderated or first) in GOOD_OR_BETTER)
        for child_id, day, first, moderated in _audits(ctx)
    ]
    return Result.of(items)


def audits_lowered(ctx: Context) -> Result:
    items = [
        Item(child_id, "Audit moderated", day, RANK[moderated] > RANK[first])
        for child_id, day, first, moderated in _audits(ctx)
        if moderated
    ]
    return Result.of(items)


def not_shared(ctx: Context) -> Result:
    decisions = ctx.scoped(SharingDecision.objects.filter(decided_on__range=(ctx.period.start, ctx.period.end)))
    items = [
        Item(child_id, "Information sharing decision", day, not shared)
        for child_id, day, shared in decisions.values_list("child_id", "decided_on", "shared")
    ]
    return Result.of(items)


MEASURES = [
    Measure(
        id="audits_good_or_better",
        title="Case audits graded good or outstanding",
        section="quality",
        counts="case audits in the 12 months",
        numerator_is="graded good or outstanding (the moderated grade where there is one)",
        period=PeriodKind.YEAR,
        polarity=Polarity.HIGHER,
        target=0.6,
        tolerance=0.1,
        definition="Audits dated in the 12 months to the as-of date; the final grade is the moderator's where the "
        "audit was moderated, else the auditor's (Ofsted's four-point scale)",
        source="Local: the council's case audit programme (lantern/audits)",
        compute=audits_good,
    ),
    Measure(
        id="audits_lowered_by_moderation",
        title="Moderated audits whose grade moderation lowered",
        section="quality",
        counts="moderated case audits in the 12 months",
        numerator_is="given a worse grade by the moderator than by the first auditor",
        period=PeriodKind.YEAR,
        polarity=Polarity.LOWER,
        target=0.2,
        tolerance=0.1,
        definition="First-line optimism: of the audits moderated, the share the moderator graded lower",
        source="Local: moderation of the council's case audits (lantern/audits)",
        compute=audits_lowered,
    ),
    Measure(
        id="sharing_not_shared",
        title="Information sharing decisions not to share",
        section="quality",
        counts="decisions about sharing information in the 12 months",
        numerator_is="decided not to share (each with its recorded reason)",
        period=PeriodKind.YEAR,
        polarity=Polarity.LOWER,
        definition="Decisions recorded under the duty to share (Children's Wellbeing and Schools Act 2026) in the "
        "12 months to the as-of date",
        source="Local: the sharing decisions on the record (lantern/sharing)",
        compute=not_shared,
    ),
]
