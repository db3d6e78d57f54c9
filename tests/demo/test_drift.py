"""The build date's backlog (worklist drift, issue 3): work that falls due shortly before the build date and is
still waiting on it, so the worklists show overdue work on the day the demo is built."""

from datetime import date, datetime, timedelta

from lantern.demo.clip import clip_referral
from lantern.demo.dates import LONDON, backlog
from lantern.demo.plans import ContactPlan, ReferralPlan, S47Plan

BUILT_ON = date(2026, 11, 24)


def test_only_work_due_in_the_month_before_the_build_date_waits():
    assert backlog("k", BUILT_ON + timedelta(days=1), BUILT_ON, share=1.0) is None
    assert backlog("k", BUILT_ON - timedelta(days=31), BUILT_ON, share=1.0) is None
    waiting = backlog("k", BUILT_ON - timedelta(days=5), BUILT_ON, share=1.0)
    assert waiting is not None and 1 <= waiting <= 10
    assert backlog("k", BUILT_ON - timedelta(days=5), BUILT_ON, share=0.0) is None
    # The same key gives the same answer: a seed builds the same authority.
    assert backlog("k", BUILT_ON - timedelta(days=5), BUILT_ON, share=1.0) == waiting


def test_a_strategy_discussion_planned_after_the_build_date_is_recorded_as_not_yet_held():
    threshold = datetime(2026, 11, 20, 10, tzinfo=LONDON)
    referral = ReferralPlan(date(2026, 11, 20), ContactPlan(threshold, "6", "REFERRAL", threshold, ""), "6", "N1")
    referral.s47s = [S47Plan(threshold, BUILT_ON + timedelta(days=2), None, False)]
    clipped = clip_referral(referral, BUILT_ON, datetime(2026, 11, 24, 23, 59, tzinfo=LONDON))
    assert clipped.s47s == []
    assert clipped.awaiting_discussion == [threshold]
