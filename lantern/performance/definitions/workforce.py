"""The workforce: caseloads (the DfE's Children's social work workforce definitions, from the allocations)."""

from django.db.models import Q

from lantern.performance.measures import Context, Item, Measure, PeriodKind, Polarity, Result, Unit
from lantern.workforce.models import Allocation, Worker

CASE_HOLDERS = (Worker.Role.SOCIAL_WORKER, Worker.Role.SENIOR_PRACTITIONER)


def caseload(ctx: Context) -> Result:
    allocations = ctx.scoped(
        Allocation.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=ctx.as_of),
            start_date__lte=ctx.as_of,
            role=Allocation.Role.SOCIAL_WORKER,
            worker__role__in=CASE_HOLDERS,
        )
    ).values_list("child_id", "worker_id")
    rows = list(allocations)
    workers = {w for _, w in rows}
    items = [Item(c, "Allocated to a social worker", ctx.as_of, True) for c, _ in rows]
    return Result(numerator=len(items), denominator=len(workers), items=items)


MEASURES = [
    Measure(
        id="caseload_average",
        title="Average caseload of a social worker",
        section="workforce",
        counts="social workers holding cases on the as-of date",
        numerator_is="children allocated to them",
        period=PeriodKind.AS_AT,
        polarity=Polarity.LOWER,
        unit=Unit.AVERAGE,
        target=17,
        tolerance=0.15,
        definition="Children allocated to a social worker or senior practitioner on the date, per case-holding "
        "worker (a head count: Lantern holds no FTE)",
        source="DfE, Children's social work workforce (average caseload per case-holding social worker)",
        compute=caseload,
    )
]
