"""The one registry of statutory and local timescales (domain/timescales.md). Every clock is declared here once.

One module per part of the journey; in each, a rule (`Rule`: what starts and stops it, how its due date is
counted, whether it is statutory, its source) sits next to the function that finds that start and stop in a
child's record. Local standards carry a default that the council may change (`TimescaleSetting`); statutory rules
cite their source and are fixed. Worklists, the record, the returns and the store all ask this registry.
"""

from collections.abc import Callable, Iterator

import lantern.timescales.rules.plans as plans
from lantern.timescales.engine import Clock, Counting, Evaluator, Rule
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules import front_door, in_care, leaving_care, missing, oversight, protection, workforce

PATHWAYS = [front_door, protection, in_care, missing, leaving_care, workforce, oversight]
PATHWAYS += [plans]  # assessments' child seen, core groups, CIN plan reviews, plan actions

RULES: list[Rule] = [rule for pathway in PATHWAYS for rule in pathway.RULES]
REGISTRY: dict[str, Rule] = {rule.id: rule for rule in RULES}
LOCAL_RULES = [rule for rule in RULES if not rule.statutory]
# Each finds some of one child's clocks: (facts, evaluator) -> clocks, None where a clock does not apply.
CHILD_CLOCKS: list[Callable[[ChildFacts, Evaluator], Iterator[Clock | None]]] = [
    find for pathway in PATHWAYS for find in pathway.CLOCKS
]

__all__ = ["CHILD_CLOCKS", "LOCAL_RULES", "PATHWAYS", "REGISTRY", "RULES", "Counting", "Rule"]
