"""Weighted kappa against hand-worked tables and statsmodels; moderation's direction counted per auditor."""

import math

import pytest

from lantern.audits.agreement import agreement, grade_table, weighted_kappa


def test_perfect_agreement_is_1():
    kappa = weighted_kappa([[5, 0, 0, 0], [0, 7, 0, 0], [0, 0, 3, 0], [0, 0, 0, 2]])
    assert (kappa.value, kappa.std_error, kappa.n) == (1.0, 0.0, 17)


def test_a_2_by_2_table_worked_by_hand():
    # Linear weights on two grades are the unweighted kappa: observed 3/4, expected .5×.25 + .5×.75 = .5,
    # so kappa = (.75 − .5) / (1 − .5) = 0.5.
    assert weighted_kappa([[1, 1], [0, 2]]).value == pytest.approx(0.5)


def test_a_3_by_3_table_worked_by_hand():
    # Rows (auditor) and columns (moderator) 10 each; weights 1, .5, 0. Observed: (4+4+2)/30 on the diagonal
    # plus .5 × (2+2+4+4)/30 next to it = .3333 + .2 = .5333. Expected: every margin 1/3, so Σ w × 1/9 =
    # (3×1 + 4×.5 + 2×0)/9 = .5556. Kappa = (.5333 − .5556) / (1 − .5556) = −0.05.
    table = [[4, 2, 4], [2, 4, 4], [4, 4, 2]]
    assert weighted_kappa(table).value == pytest.approx(-0.05, abs=1e-9)


def test_a_4_grade_table_matches_statsmodels():
    # statsmodels 0.14 cohens_kappa(table, wt="linear") on this table gives kappa 0.5784023668639053,
    # std_kappa 0.09906417275540223, 95% CI 0.3842401561050629 to 0.7725645776227478 (Fleiss, Cohen, Everitt).
    kappa = weighted_kappa([[2, 1, 0, 0], [1, 10, 5, 1], [0, 2, 8, 3], [0, 0, 1, 4]])
    assert kappa.value == pytest.approx(0.5784023668639053, abs=1e-12)
    assert kappa.std_error == pytest.approx(0.09906417275540223, abs=1e-12)
    assert (kappa.ci_low, kappa.ci_high) == (pytest.approx(0.3842401561050629), pytest.approx(0.7725645776227478))


def test_no_pairs_or_one_grade_throughout_is_not_a_division_by_zero():
    assert weighted_kappa(grade_table([])) is None
    assert weighted_kappa(grade_table([("good", "good")] * 12)) is None


def test_moderation_lowering_and_raising_is_counted_and_too_few_is_said():
    pairs = [("good", "requires_improvement")] * 3 + [("inadequate", "requires_improvement")] + [("good", "good")] * 2
    figures = agreement("Ann Auditor", pairs + [("good", "")])
    assert (figures.audits, figures.moderated, figures.changed, figures.lowered, figures.raised) == (7, 6, 4, 3, 1)
    assert figures.too_few
    assert figures.as_json()["weighted_kappa"] is None
    assert math.isfinite(figures.kappa.value)
