"""Management oversight (local standard): each decision sets when the manager next looks at the case.

The clock is started by an oversight decision and is due on the next review date the manager set on it; the
next decision on the child stops it (and starts the next one). The amount is only what the form proposes.
"""

from collections.abc import Iterator

from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, label
from lantern.timescales.facts import ChildFacts

OVERSIGHT_REVIEW = Rule(
    id="oversight_review",
    name="Management oversight review",
    starts="oversight decision recorded",
    stops="next oversight decision recorded",
    counting=Counting.DAYS,
    amount=28,
    statutory=False,
    source="Local standard: the next review date set by the manager on each oversight decision",
    applies_to="oversight",
    repeating=True,
)


def oversight_reviews(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    decisions = sorted(f.oversight_decisions, key=lambda d: (d.decided_on, d.pk))
    for decision, following in zip(decisions, [*decisions[1:], None], strict=False):
        yield ev.clock(
            OVERSIGHT_REVIEW,
            f.child.pk,
            f"Oversight decision of {label(decision.decided_on)}",
            decision.decided_on,
            following.decided_on if following is not None else None,
            target=("child", f.child.pk),
            due_on=decision.next_review_on,
        )


RULES = [OVERSIGHT_REVIEW]
CLOCKS = [oversight_reviews]
