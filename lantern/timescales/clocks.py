"""A child's clocks on a date: every rule of the registry evaluated against the child's record.

The machinery (`Clock`, `Status`, `Evaluator`) is in `engine.py`; what starts and stops each clock is declared
with its rule in `rules/`.
"""

from lantern.timescales.engine import OPEN_STATUSES, Clock, Evaluator, Status
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules import CHILD_CLOCKS

__all__ = ["OPEN_STATUSES", "Clock", "Evaluator", "Status", "child_clocks"]


def child_clocks(facts: ChildFacts, ev: Evaluator) -> list[Clock]:
    """Every clock that applies to one child on `ev.as_of`, live or historic."""
    return [clock for find in CHILD_CLOCKS for clock in find(facts, ev) if clock is not None]
