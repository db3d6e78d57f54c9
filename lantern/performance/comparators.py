"""England's latest published figures beside each measure, read from comparators.json (data, not code)."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("comparators.json")


@dataclass(frozen=True)
class Comparator:
    area: str
    value: float
    year: str
    source: str
    approximate: bool


@cache
def england() -> dict[str, Comparator]:
    data = json.loads(DATA.read_text())
    return {
        measure_id: Comparator(
            area=data["area"],
            value=float(row["value"]),
            year=row["year"],
            source=row["source"],
            approximate=bool(row.get("approximate")),
        )
        for measure_id, row in data["figures"].items()
    }
