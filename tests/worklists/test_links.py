"""Each clock links to the form that stops it, or to the child's record; the map lives in one place."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.timescales.clocks import Clock, Status
from lantern.timescales.rules import REGISTRY
from lantern.worklists.links import FORMS, RECORD_TEXT, action_for


def clock(rule_id: str, target_kind: str = "child", target_id: int | None = 1) -> Clock:
    day = date(2026, 3, 2)
    return Clock(REGISTRY[rule_id], 1, "Subject", day, day, None, Status.OVERDUE, 0, 0, True, target_kind, target_id)


@pytest.mark.parametrize(
    ("rule_id", "target", "expected"),
    [
        ("contact_decision", ("contact", 5), lambda: reverse("journey:contact_decision", args=[5])),
        ("referral_decision", ("referral", 7), lambda: reverse("journey:assessment", args=[7])),
        ("assessment", ("referral", 7), lambda: reverse("journey:assessment", args=[7])),
        ("strategy_discussion", ("strategy_discussion", 3), lambda: reverse("journey:strategy_discussion", args=[3])),
        ("icpc", ("section47", 4), lambda: reverse("journey:icpc", args=[4])),
        ("cp_review_first", ("cp_plan", 9), lambda: reverse("journey:cp_review", args=[9])),
        ("cp_review", ("cp_plan", 9), lambda: reverse("journey:cp_review", args=[9])),
        ("cp_visit", ("cp_plan", 9), lambda: reverse("journey:visit", args=["A1"]) + "?kind=cp"),
        ("cin_visit", ("cin_plan", 9), lambda: reverse("journey:visit", args=["A1"]) + "?kind=cin"),
        ("cla_visit_first", ("care_period", 2), lambda: reverse("journey:visit", args=["A1"]) + "?kind=cla"),
        ("cla_visit_other", ("care_period", 2), lambda: reverse("journey:visit", args=["A1"]) + "?kind=cla"),
        ("cla_review_first", ("care_period", 2), lambda: reverse("care:cla_review", args=["A1"])),
        ("cla_review", ("care_period", 2), lambda: reverse("care:cla_review", args=["A1"])),
        ("return_interview", ("missing_episode", 6), lambda: reverse("missing:return_interview", args=[6])),
        ("dental_check", ("care_period", 2), lambda: reverse("care:dental_check", args=["A1"])),
        ("pa_contact", ("child", 1), lambda: reverse("leaving_care:contact", args=["A1"])),
        ("entitlements", ("child", 1), lambda: reverse("leaving_care:entitlements", args=["A1"])),
        ("exploitation_review", ("child", 1), lambda: reverse("missing:screening", args=["A1"])),
        ("safety_plan", ("child", 1), lambda: reverse("missing:safety_plan", args=["A1"])),
        ("safety_plan_review", ("child", 1), lambda: reverse("missing:safety_plan", args=["A1"])),
    ],
)
def test_each_rule_links_to_where_it_is_recorded(rule_id, target, expected):
    action = action_for(clock(rule_id, *target), "A1")
    assert action.url == expected()
    assert action.is_form == (rule_id in FORMS)


def test_the_form_is_told_where_to_come_back_to():
    action = action_for(clock("cp_visit", "cp_plan", 9), "A1", back="/work/?as_of=2026-03-02")
    assert action.url == reverse("journey:visit", args=["A1"]) + "?kind=cp&next=%2Fwork%2F%3Fas_of%3D2026-03-02"
    assert action.text == "Record a visit"
    assert action_for(clock("pathway_plan_review"), "A1", back="/work/").url == reverse("child", args=["A1"])


def test_a_clock_on_an_unexpected_target_falls_back_to_the_record():
    assert action_for(clock("icpc", "referral", 4), "A1").url == reverse("child", args=["A1"])


def test_every_rule_has_an_action():
    for rule_id in REGISTRY:
        assert action_for(clock(rule_id), "A1").url


@pytest.mark.urls("tests.worklists.urls_without_forms")
def test_before_the_forms_exist_every_link_is_the_childs_record():
    for rule_id in FORMS:
        action = action_for(clock(rule_id, FORMS[rule_id].target_kind or "child", 3), "A1")
        assert (action.url, action.text, action.is_form) == (reverse("child", args=["A1"]), RECORD_TEXT, False)
