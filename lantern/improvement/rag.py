"""An action's RAG from its linked measure: the live value against the trajectory (the straight line from the
baseline on the action's start date to the target on its due date), or against the target alone without a
baseline. Within the measure's tolerance of where it should be: amber; short of that: red."""

from dataclasses import dataclass
from datetime import date

from lantern.performance.measures import Measure, Polarity, Unit


@dataclass(frozen=True)
class Judgement:
    rag: str  # "red", "amber", "green", or "" when it cannot be worked out
    expected: float | None  # where the measure should be on the day (the trajectory), or the target
    why: str


def expected_on(day: date, *, start: date, due: date, baseline: float | None, target: float) -> float:
    """The trajectory's value on the day: the baseline at the start, the target from the due date on."""
    if baseline is None or day >= due:
        return target
    if day <= start or due <= start:
        return baseline if day <= start else target
    share = (day - start).days / (due - start).days
    return baseline + (target - baseline) * share


def judge(
    measure: Measure,
    value: float | None,
    day: date,
    *,
    start: date,
    due: date,
    baseline: float | None,
    target: float | None,
) -> Judgement:
    target = measure.target if target is None else target
    if target is None:
        return Judgement("", None, "the measure has no target: set one on the action")
    if value is None:
        return Judgement("", None, "the measure has nothing to count yet")
    expected = expected_on(day, start=start, due=due, baseline=baseline, target=target)
    better = value - expected if measure.polarity is Polarity.HIGHER else expected - value
    if better >= 0:
        return Judgement("green", expected, "on or ahead of its trajectory")
    allowed = measure.tolerance * (1 if measure.unit is Unit.FRACTION else abs(expected) or 1)
    if -better <= allowed:
        return Judgement("amber", expected, "a little behind its trajectory")
    return Judgement("red", expected, "behind its trajectory")
