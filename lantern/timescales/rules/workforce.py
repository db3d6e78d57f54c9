"""The workforce: a worker's own clock (timescales.md, "Workforce"), evaluated by `selectors.supervision_clocks`
from the worker's start and each supervision held, not from a child's record.
"""

from lantern.timescales.engine import Counting, Rule

# Supervision every 4 weeks (local).
SUPERVISION = Rule(
    id="supervision",
    name="Supervision",
    starts="previous supervision",
    stops="supervision recorded",
    counting=Counting.WEEKS,
    amount=4,
    statutory=False,
    source="Local standard",
    applies_to="workforce",
    repeating=True,
)

RULES = [SUPERVISION]
CLOCKS = []
