"""How far moderation agrees with the first auditor: Cohen's kappa, linearly weighted for the ordinal grades, with
its asymptotic standard error (Fleiss, Cohen and Everitt 1969) and 95% confidence interval; and how often
moderation changes a grade, and in which direction.

Pure arithmetic on pairs of grades (no numpy: Lantern keeps free of it). Checked in tests against hand-worked
tables and statsmodels' `cohens_kappa(wt="linear")`.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lantern.audits.grades import RANK, SCALE

MINIMUM = 10  # fewer moderated audits than this: "too few to say"
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Kappa:
    value: float
    std_error: float
    ci_low: float
    ci_high: float
    n: int


def weighted_kappa(table: Sequence[Sequence[int]]) -> Kappa | None:
    """Linearly weighted kappa of a k×k table of counts (rows: first rater, columns: second), or None when it says
    nothing: no pairs, or a rater who gave one grade throughout (chance then explains all agreement, kappa is 0
    whatever the other rater did, with no spread to give an interval)."""
    k = len(table)
    n = sum(sum(row) for row in table)
    if n == 0 or k < 2:
        return None
    p = [[cell / n for cell in row] for row in table]
    rows = [sum(p[i]) for i in range(k)]
    cols = [sum(p[i][j] for i in range(k)) for j in range(k)]
    w = [[1 - abs(i - j) / (k - 1) for j in range(k)] for i in range(k)]
    observed = sum(w[i][j] * p[i][j] for i in range(k) for j in range(k))
    expected = sum(w[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k))
    if math.isclose(max(rows), 1.0) or math.isclose(max(cols), 1.0):
        return None
    kappa = (observed - expected) / (1 - expected)
    w_row = [sum(cols[j] * w[i][j] for j in range(k)) for i in range(k)]
    w_col = [sum(rows[i] * w[i][j] for i in range(k)) for j in range(k)]
    spread = (
        sum(p[i][j] * (w[i][j] - (w_row[i] + w_col[j]) * (1 - kappa)) ** 2 for i in range(k) for j in range(k))
        - (kappa - expected * (1 - kappa)) ** 2
    )
    std_error = math.sqrt(max(spread, 0.0) / (n * (1 - expected) ** 2))
    return Kappa(kappa, std_error, kappa - Z95 * std_error, kappa + Z95 * std_error, n)


def grade_table(pairs: Iterable[tuple[str, str]]) -> list[list[int]]:
    """The 4×4 table of (first grade, moderated grade) pairs on the Ofsted scale."""
    table = [[0] * len(SCALE) for _ in SCALE]
    for first, moderated in pairs:
        table[RANK[first]][RANK[moderated]] += 1
    return table


@dataclass(frozen=True)
class Agreement:
    name: str
    audits: int
    moderated: int
    changed: int
    lowered: int
    raised: int
    kappa: Kappa | None  # None: too few moderated audits to say, or undefined

    @property
    def too_few(self) -> bool:
        return self.moderated < MINIMUM

    def as_json(self) -> dict:
        shown = None if self.too_few else self.kappa
        return {
            "name": self.name,
            "audits": self.audits,
            "moderated": self.moderated,
            "changed": self.changed,
            "lowered": self.lowered,
            "raised": self.raised,
            "weighted_kappa": round(shown.value, 3) if shown else None,
            "ci_low": round(shown.ci_low, 3) if shown else None,
            "ci_high": round(shown.ci_high, 3) if shown else None,
        }


def agreement(name: str, grades: Iterable[tuple[str, str]]) -> Agreement:
    """The figures for one group (an auditor, a team, a theme) from its (auditor grade, moderated grade) pairs;
    a moderated grade of "" is an audit not moderated."""
    audits = moderated = lowered = raised = 0
    pairs = []
    for first, second in grades:
        audits += 1
        if not second:
            continue
        moderated += 1
        pairs.append((first, second))
        if RANK[second] > RANK[first]:
            lowered += 1
        elif RANK[second] < RANK[first]:
            raised += 1
    kappa = weighted_kappa(grade_table(pairs)) if pairs else None
    return Agreement(name, audits, moderated, lowered + raised, lowered, raised, kappa)
