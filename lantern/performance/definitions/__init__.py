"""Every measure, collected from one module per part of the journey into `MEASURES` (id -> Measure)."""

from lantern.performance.definitions import front_door, in_care, protection, quality, workforce
from lantern.performance.measures import Measure, registry

MEASURE_LIST: list[Measure] = [
    *front_door.MEASURES,
    *protection.MEASURES,
    *in_care.MEASURES,
    *workforce.MEASURES,
    *quality.MEASURES,
]
MEASURES: dict[str, Measure] = registry(MEASURE_LIST)

__all__ = ["MEASURES", "MEASURE_LIST"]
