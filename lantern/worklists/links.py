"""Where each clock is recorded: the one map from a timescale rule to the form that stops it.

A rule with a form links there (with the record the clock belongs to: its `target_kind` and `target_id`); a rule
without one links to the child's record. URLs are reversed when a page asks, and a form whose URL name does not
resolve (not built yet) falls back to the child's record, so that the worklists work before every form exists.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from lantern.timescales.clocks import Clock


@dataclass(frozen=True)
class Form:
    url_name: str
    text: str  # the action, as a link's words: "Record a visit"
    by: str  # what identifies the record in the URL: "target" (the clock's target id) or "child" (LA child ID)
    target_kind: str | None = None  # the target the URL needs; any other target falls back to the record
    query: dict[str, str] | None = None


def _visit(kind: str) -> Form:
    return Form("journey:visit", "Record a visit", "child", query={"kind": kind})


FORMS: dict[str, Form] = {
    "contact_decision": Form("journey:contact_decision", "Record the decision", "target", "contact"),
    # The decision on a referral is the response it gets; the assessment form on the referral records it.
    "referral_decision": Form("journey:assessment", "Record the assessment", "target", "referral"),
    "assessment": Form("journey:assessment", "Record the assessment", "target", "referral"),
    "strategy_discussion": Form(
        "journey:strategy_discussion", "Record the strategy discussion", "target", "strategy_discussion"
    ),
    "icpc": Form("journey:icpc", "Record the conference", "target", "section47"),
    "cp_review_first": Form("journey:cp_review", "Record the review", "target", "cp_plan"),
    "cp_review": Form("journey:cp_review", "Record the review", "target", "cp_plan"),
    "cp_visit": _visit("cp"),
    "cin_visit": _visit("cin"),
    "cla_visit_first": _visit("cla"),
    "cla_visit_first_year": _visit("cla"),
    "cla_visit_long_term": _visit("cla"),
    "cla_visit_other": _visit("cla"),
    # The personal adviser contact clock stops on a CareLeaverContact (with the OC3 items), not on a Visit.
    "pa_contact": Form("leaving_care:contact", "Record the contact", "child"),
    "cla_review_first": Form("care:cla_review", "Record the review", "child"),
    "cla_review_second": Form("care:cla_review", "Record the review", "child"),
    "cla_review": Form("care:cla_review", "Record the review", "child"),
    "return_interview": Form("missing:return_interview", "Record the interview", "target", "missing_episode"),
    "oversight_review": Form("casework:oversight_new", "Record an oversight decision", "child"),
    "exploitation_review": Form("missing:screening", "Record the screening", "child"),
    "safety_plan": Form("missing:safety_plan", "Record the safety plan", "child"),
    "safety_plan_review": Form("missing:safety_plan", "Review the safety plan", "child"),
    "entitlements": Form("leaving_care:entitlements", "Record what was handed over", "child"),
    "health_initial": Form(
        "care:health_assessment", "Record the health assessment", "child", query={"kind": "initial"}
    ),
    "health_review_under_5": Form(
        "care:health_assessment", "Record the health assessment", "child", query={"kind": "review"}
    ),
    "health_review": Form("care:health_assessment", "Record the health assessment", "child", query={"kind": "review"}),
    "dental_check": Form("care:dental_check", "Record the dental check", "child"),
    "pep": Form("care:pep", "Record the PEP", "child"),
    "pep_review": Form("care:pep", "Record the PEP review", "child"),
    "permanence_plan": Form("care:permanence_plan", "Record the permanence plan", "child"),
    "supervision": Form("staffing:supervision_new", "Record the supervision", "target", "worker"),
    "assessment_child_seen": Form("journey:assessment", "Record the child seen", "target", "referral"),
    "core_group_first": Form("journey:core_group", "Record the core group", "target", "cp_plan"),
    "core_group": Form("journey:core_group", "Record the core group", "target", "cp_plan"),
    "cin_plan_review": Form("journey:cin_plan_review", "Record the review", "target", "cin_plan"),
    "plan_action": Form("journey:plan_action_done", "Record the action done", "target", "plan_action"),
}
RECORD_TEXT = "Open the record"


@dataclass(frozen=True)
class Action:
    url: str
    text: str
    is_form: bool


def child_record_url(la_child_id: str) -> str:
    return reverse("child", args=[la_child_id])


def action_for(clock: Clock, la_child_id: str, *, back: str | None = None) -> Action:
    """The link that lets someone act on the clock: its form, or else the child's record.

    `back` is the page to return to once the form is saved or cancelled (the forms read `?next=`).
    """
    form = FORMS.get(clock.rule.id)
    if form is not None and (form.target_kind is None or form.target_kind == clock.target_kind):
        args = [clock.target_id] if form.by == "target" else [la_child_id]
        try:
            url = reverse(form.url_name, args=args)
        except NoReverseMatch:
            pass
        else:
            query = dict(form.query or {})
            if back:
                query["next"] = back
            if query:
                url = f"{url}?{urlencode(query)}"
            return Action(url, form.text, True)
    return Action(child_record_url(la_child_id), RECORD_TEXT, False)
