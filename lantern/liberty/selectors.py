"""Orders and the placements that do not fit them (rules 709 and 710), in bulk."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lantern.care.models import CareEpisode
from lantern.core import codes
from lantern.liberty.models import DeprivationOfLibertyOrder


@dataclass(frozen=True)
class PlacementConflict:
    child_id: int
    order: DeprivationOfLibertyOrder
    placement_type: str
    episode_start: date
    forbidden: bool  # rule 710: a placement the order cannot be in; else rule 709: not one it is expected in

    @property
    def message(self) -> str:
        label = codes.PLACEMENT_TYPE.label(self.placement_type)
        if self.forbidden:
            return (f"Placed in {label} ({self.placement_type}) while a deprivation of liberty order is in force: "
                    "an order cannot be served there")  # fmt: skip
        return (f"Placed in {label} ({self.placement_type}) while a deprivation of liberty order is in force: "
                "expected a secure or registered children's home or a setting the court authorised "
                "(K2, Z12 or Z13)")  # fmt: skip


def placement_conflicts(child_ids: Iterable[int]) -> dict[int, list[PlacementConflict]]:
    """Each child's episodes that overlap an order and are not in an expected placement (two queries)."""
    ids = list(child_ids)
    orders = defaultdict(list)
    for order in DeprivationOfLibertyOrder.objects.filter(child_id__in=ids):
        orders[order.child_id].append(order)
    if not orders:
        return {}
    found: dict[int, list[PlacementConflict]] = defaultdict(list)
    episodes = CareEpisode.objects.filter(child_id__in=list(orders)).values(
        "child_id", "start_date", "end_date", "placement_type"
    )
    for episode in episodes:
        if episode["placement_type"] in codes.DOLO_EXPECTED_PLACEMENTS:
            continue
        for order in orders[episode["child_id"]]:
            ends = episode["end_date"]
            if (ends is None or order.start_date <= ends) and (
                order.end_date is None or order.end_date >= episode["start_date"]
            ):
                found[episode["child_id"]].append(
                    PlacementConflict(
                        episode["child_id"],
                        order,
                        episode["placement_type"],
                        episode["start_date"],
                        episode["placement_type"] in codes.DOLO_FORBIDDEN_PLACEMENTS,
                    )  # fmt: skip
                )
    return dict(found)
