"""Writes of the performance app: the snapshots of every measure, per week (the scheduled job and the back-fill)."""

from datetime import date, timedelta

from lantern.core.writing import service
from lantern.performance.definitions import MEASURE_LIST
from lantern.performance.models import Snapshot
from lantern.performance.selectors import Basics, evaluate


@service
def snapshot_measures(*, as_of: date, by=None) -> int:
    """Every measure's authority-wide value for its period ending on `as_of`, kept (replacing one kept before)."""
    basics = Basics.read()
    for measure in MEASURE_LIST:
        period, result = evaluate(measure, as_of, basics=basics)
        Snapshot.objects.update_or_create(
            measure_id=measure.id,
            period_end=period.end,
            defaults={
                "period_start": period.start,
                "value": result.value,
                "numerator": result.numerator,
                "denominator": result.denominator,
            },
        )
    return len(MEASURE_LIST)


def week_ends(as_of: date, weeks: int) -> list[date]:
    """The as-of date and the same weekday in each of the weeks before it, oldest first."""
    return [as_of - timedelta(weeks=n) for n in reversed(range(weeks))]


@service
def backfill_snapshots(*, as_of: date, weeks: int = 12, by=None) -> int:
    for day in week_ends(as_of, weeks):
        snapshot_measures(as_of=day, by=by)
    return weeks
