"""The SSDA903's deprivation of liberty orders (the DoLo table, from the 2026/27 collection): one row per order in
force during the year for a child looked after in it, its end left blank while it runs past 31 March (rule 704)."""

from collections import defaultdict
from datetime import date

from django.db.models import Q

from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.returns.common import CollectionYear, ddmmyyyy

DOLO_FROM_YEAR = 2027  # the collection year 2026/27, named by its 31 March
COLUMNS = ("CHILD", "DOB", "DOLO_START", "DOLO_END")


def orders_in(year: CollectionYear) -> dict[int, list[dict]]:
    """Every order touching the year, by child, in start order (one query)."""
    orders = defaultdict(list)
    touching = DeprivationOfLibertyOrder.objects.filter(start_date__lte=year.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=year.start)
    )
    for row in touching.order_by("start_date", "pk").values("child_id", "start_date", "end_date"):
        orders[row["child_id"]].append(row)
    return dict(orders)


def dolo_rows(la_child_id: str, dob: date | None, orders: list[dict], year: CollectionYear) -> list[list]:
    return [
        [la_child_id, ddmmyyyy(dob), ddmmyyyy(order["start_date"]), ddmmyyyy(year.within(order["end_date"]))]
        for order in orders
    ]
