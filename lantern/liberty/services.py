"""Recording deprivation of liberty orders, with the SSDA903 2026/27 rules (700 to 710) as refusals at the form."""

from datetime import date

from lantern.care.models import CarePeriod
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.people.models import Child


def _looked_after_on(child: Child, day: date) -> bool:
    period = CarePeriod.objects.filter(child=child, start_date__lte=day).order_by("-start_date").first()
    return period is not None and (period.end_date is None or period.end_date >= day)


@service
def dolo_record(
    *,
    by,
    child: Child,
    start_date: date,
    court: str,
    accommodation: str,
    end_date: date | None = None,
    today: date | None = None,
) -> DeprivationOfLibertyOrder:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("start_date", start_date, "The date the order started", today=today)
    refusal.not_in_future("end_date", end_date, "The date the order ended", today=today)
    refusal.not_before("end_date", end_date, start_date, "The date the order ended", "the date it started")
    if child.date_of_birth and start_date < child.date_of_birth:
        refusal.add("start_date", "The order cannot start before the child was born")
    if not _looked_after_on(child, start_date):
        refusal.add("start_date", "The child was not looked after on that day: record an order for a child in care")
    open_order = DeprivationOfLibertyOrder.objects.filter(child=child, end_date__isnull=True).first()
    if open_order is not None:
        refusal.add(
            "start_date",
            f"The order from {open_order.start_date:%-d %B %Y} is still open: record when it ended first",
        )
    if not court.strip():
        refusal.add("court", "Enter the court that made the order")
    if not accommodation.strip():
        refusal.add("accommodation", "Enter the accommodation the order authorises")
    refusal.raise_if_any()
    order = DeprivationOfLibertyOrder(child=child, start_date=start_date, end_date=end_date, court=court.strip(),
                                      accommodation=accommodation.strip())  # fmt: skip
    return save_checked(order, by=by)


@service
def dolo_end(*, by, order: DeprivationOfLibertyOrder, end_date: date, today: date | None = None):
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("end_date", end_date, "The date the order ended", today=today)
    refusal.not_before("end_date", end_date, order.start_date, "The date the order ended", "the date it started")
    if order.end_date is not None:
        refusal.add("end_date", "This order has already ended")
    refusal.raise_if_any()
    order.end_date = end_date
    return save_checked(order, by=by)
