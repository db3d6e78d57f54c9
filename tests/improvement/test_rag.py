"""The RAG from a measure against its trajectory, hand-worked."""

from datetime import date

from lantern.improvement.rag import expected_on, judge
from lantern.performance.definitions import MEASURES

START, DUE = date(2025, 9, 30), date(2026, 9, 30)
ASSESSMENTS = MEASURES["assessments_within_45_wd"]  # higher is better, tolerance 5 points
CASELOAD = MEASURES["caseload_average"]  # lower is better, target 17, tolerance 15%


def test_the_trajectory_runs_straight_from_the_baseline_to_the_target():
    assert expected_on(START, start=START, due=DUE, baseline=0.5, target=0.9) == 0.5
    assert expected_on(date(2026, 3, 31), start=START, due=DUE, baseline=0.5, target=0.9) == 0.5 + 0.4 * 182 / 365
    assert expected_on(DUE, start=START, due=DUE, baseline=0.5, target=0.9) == 0.9
    assert expected_on(date(2027, 1, 1), start=START, due=DUE, baseline=0.5, target=0.9) == 0.9


def test_a_value_on_the_trajectory_is_green_a_little_short_amber_far_short_red():
    day = date(2026, 3, 31)  # the trajectory stands at 69.9%
    args = {"start": START, "due": DUE, "baseline": 0.5, "target": 0.9}
    assert judge(ASSESSMENTS, 0.70, day, **args).rag == "green"
    assert judge(ASSESSMENTS, 2 / 3, day, **args).rag == "amber"
    assert judge(ASSESSMENTS, 0.60, day, **args).rag == "red"


def test_lower_is_better_counts_the_other_way_and_without_a_baseline_the_target_alone_decides():
    args = {"start": START, "due": DUE, "baseline": None, "target": None}  # the pack's target: 17
    assert judge(CASELOAD, 16, date(2026, 3, 31), **args).rag == "green"
    assert judge(CASELOAD, 19, date(2026, 3, 31), **args).rag == "amber"  # within 15% of 17 (2.55)
    assert judge(CASELOAD, 22, date(2026, 3, 31), **args).rag == "red"


def test_nothing_to_count_gives_no_rag_and_says_why():
    judged = judge(ASSESSMENTS, None, date(2026, 3, 31), start=START, due=DUE, baseline=0.5, target=0.9)
    assert judged.rag == ""
    assert judged.why == "the measure has nothing to count yet"
