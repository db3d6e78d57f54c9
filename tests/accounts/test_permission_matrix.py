"""Every URL × every role → the expected answer, generated from the URL conf.

A page added without a line in EXPECTED fails `test_every_url_has_a_rule`, so no page can ship without its rule.
Answers: 200 shown, 302 redirect (to sign-in for visitors, to the reason prompt outside one's own work), 401 (API
without a session), 403 (role may not do this), 404 (not found, or not in the user's scope: never disclosed), 405.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lantern.accounts.roles import Role
from lantern.audits import services as audit_services
from lantern.casework.models import CaseNote, OversightDecision
from lantern.improvement import services as improvement_services
from lantern.improvement.models import Theme
from lantern.journey.models import Contact, CPPlan, Section47Enquiry, StrategyDiscussion
from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.missing.models import MissingEpisode
from lantern.returns.models import ReturnJob
from lantern.subject_access.models import SubjectAccessRequest
from tests.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    ChildFactory,
    ReferralFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    WorkerFactory,
    make,
)
from tests.journey.worlds import plan_page_kwargs

PERSONAS = ["anon", "sw", "pa", "tm", "iro", "sm", "qa", "analyst", "director", "inspector", "admin", "dpo", "outsider"]
PERSONAS += ["mc"]  # the missing coordinator: authority-wide, for missing and exploitation work only
PERSONAS += ["fd"]  # the front door (MASH): reads the whole authority, records contacts, allocates
TEAM_ROLES = ["sw", "pa", "tm", "iro", "sm"]
READ_ONLY = ["qa", "analyst", "director", "inspector"]


def answers(default: int, **by_persona: int) -> dict[str, int]:
    return {persona: by_persona.get(persona, default) for persona in PERSONAS}


SIGNED_IN_PAGE = answers(200, anon=302)
NO_RECORDS = {"admin": 404, "dpo": 404}
CASE_PAGE = answers(200, anon=302, **NO_RECORDS)
CHILD_PAGE = answers(200, anon=302, outsider=404, **NO_RECORDS, **dict.fromkeys(READ_ONLY, 302))
CHILD_PAGE["fd"] = 302  # A1 is allocated, so not the front door's own work: the reason is asked
CHILD_REASON = answers(200, anon=302, outsider=404, **NO_RECORDS)
RECORDING_FORM = answers(200, anon=302, outsider=404, **NO_RECORDS, **dict.fromkeys(READ_ONLY, 403))
RECORDING_FORM["fd"] = 302  # as CHILD_PAGE: the front door is asked why it opens an allocated child's form
AUTHORITY_READERS = ["qa", "analyst", "director", "inspector", "fd"]
# Allocating: a team or service manager, or the front door; others who read the child 403; others 404.
ALLOCATING = answers(403, anon=302, tm=200, sm=200, fd=302, outsider=404, **NO_RECORDS)
WORKLIST = answers(200, anon=302, admin=403, dpo=403)
AUDIT_READERS = answers(403, anon=302, qa=200, tm=200, sm=200, director=200, inspector=200)
AUDITING = answers(403, anon=302, qa=200, tm=200, sm=200)
RETURNS_PAGE = answers(403, anon=302, analyst=200, director=200, qa=200)
PLAN_EDITORS = answers(403, anon=302, director=200, sm=200, qa=200, analyst=200)
PLAN_READERS = PLAN_EDITORS | {"tm": 200, "inspector": 200}

JOURNEY_PLAN_PAGES = ["journey:cp_plan", "journey:cp_plan_action_new", "journey:core_group"]
JOURNEY_PLAN_PAGES += ["journey:cin_plan_action_new", "journey:cin_plan_review", "journey:plan_action_done"]

EXPECTED: dict[str, dict[str, int]] = {
    "login": answers(302, anon=200),
    "logout": answers(405),
    # Anyone signed in may set up an authenticator; entering a code needs one set up first (else 302 to set-up).
    "two_factor_setup": SIGNED_IN_PAGE,
    "two_factor_verify": answers(302),
    "home": SIGNED_IN_PAGE,
    "search": CASE_PAGE,
    # The data quality team's list of children without the consistent identifier.
    "without_nhs_number": answers(403, anon=302, qa=200, analyst=200, director=200),
    "child": CHILD_PAGE,
    "child_reason": CHILD_REASON,
    "child_access_log": answers(403, anon=302, tm=200, sm=200, director=200, dpo=200),
    "child_history": answers(403, anon=302, tm=200, sm=200, director=200, dpo=200),
    "audit_find": answers(403, anon=302, tm=200, sm=200, director=200, dpo=200),
    # Refused requests across Lantern name paths of any record: the data protection officer and administrators.
    "refused_requests": answers(403, anon=302, admin=200, dpo=200),
    # Accounts and their second factor: administrators only.
    "users": answers(403, anon=302, admin=200),
    "user_two_factor": answers(403, anon=302, admin=200),
    "password_change": SIGNED_IN_PAGE,
    # A password link is its own credential: anyone holding it sees the page (this one is not valid: "no longer works").
    "password_set": answers(200),
    # Joiners, movers and leavers: administrators; the access review: the team's manager, its service manager, admins.
    "staff:new": answers(403, anon=302, admin=200),
    "staff:edit": answers(403, anon=302, admin=200),
    "staff:access_reviews": answers(403, anon=302, tm=200, sm=200, admin=200),
    "staff:access_review": answers(403, anon=302, tm=200, sm=200, admin=200),
    # Subject access is the data protection officer's job alone (lantern/subject_access/selectors.py).
    "subject_access": answers(403, anon=302, dpo=200),
    "subject_access_download": answers(403, anon=302, dpo=200),
    "journey:contact_decision": RECORDING_FORM,
    "journey:assessment": RECORDING_FORM,
    "journey:strategy_discussion_new": RECORDING_FORM,
    "journey:strategy_discussion": RECORDING_FORM,
    "journey:icpc": RECORDING_FORM,
    "journey:cp_review": RECORDING_FORM,
    "journey:visit": RECORDING_FORM,
    # The plans' pages: any recording role in the child's team; the missing coordinator records none of them.
    **dict.fromkeys(JOURNEY_PLAN_PAGES, RECORDING_FORM | {"mc": 403}),
    "care:cla_review": RECORDING_FORM,
    "liberty:order_new": RECORDING_FORM,
    "liberty:order_end": RECORDING_FORM,
    "sharing:decision_new": RECORDING_FORM,
    "care:period_start": RECORDING_FORM,
    "care:episode_change": RECORDING_FORM,
    "care:period_end": RECORDING_FORM,
    "care:health_assessment": RECORDING_FORM,
    "care:dental_check": RECORDING_FORM,
    "care:immunisation_check": RECORDING_FORM,
    "care:sdq": RECORDING_FORM,
    "care:pep": RECORDING_FORM,
    "care:iro_contact": RECORDING_FORM,
    "care:permanence_plan": RECORDING_FORM,
    "care:adoption_decision": RECORDING_FORM,
    "care:placement_order": RECORDING_FORM,
    "care:adoption_match": RECORDING_FORM,
    "care:adoption_reverse": RECORDING_FORM,
    # The children-in-care list: managers and IROs within their scope, and the authority-wide readers.
    "care:children_in_care": answers(
        403, anon=302, tm=200, iro=200, sm=200, qa=200, analyst=200, director=200, inspector=200
    ),
    "care:permanence": answers(
        403, anon=302, tm=200, iro=200, sm=200, qa=200, analyst=200, director=200, inspector=200
    ),
    "leaving_care:contact": RECORDING_FORM,
    "missing:return": RECORDING_FORM,
    "missing:return_interview": RECORDING_FORM,
    # Case notes: any recording role writes; the writer or a manager corrects. Oversight decisions: managers only.
    "casework:case_notes": CHILD_PAGE,
    "casework:case_note": CHILD_PAGE,
    "casework:case_note_new": RECORDING_FORM,
    "casework:case_note_correct": RECORDING_FORM | {"pa": 403, "iro": 403},
    "casework:oversight": CHILD_PAGE,
    "casework:oversight_new": RECORDING_FORM | {"sw": 403, "pa": 403, "iro": 403},
    "casework:oversight_correct": RECORDING_FORM | {"sw": 403, "pa": 403, "iro": 403},
    "missing:report": RECORDING_FORM,
    "missing:screening": RECORDING_FORM,
    "missing:safety_plan": RECORDING_FORM,
    "missing:now": WORKLIST,
    "missing:repeated": WORKLIST,
    "leaving_care:entitlements": RECORDING_FORM,
    "leaving_care:turning_18": WORKLIST,
    "worklists:my_work": WORKLIST,
    "worklists:team": WORKLIST,
    # Counts by team across a service: service managers and authority-wide roles only.
    "worklists:service": answers(200, anon=302, admin=403, dpo=403, sw=403, pa=403, tm=403, iro=403, outsider=403),
    "worklists:clocks": WORKLIST,
    # The pack and its drill-downs: every reader of records, each within their own scope.
    "performance:pack": WORKLIST,
    "performance:measure": WORKLIST,
    # Statutory returns: analysts run and download; the director and QA read the runs; inspectors read and download
    # Annex A runs only (the world's run is a CIN census: 404 to them); everyone else 403.
    "returns:index": RETURNS_PAGE | {"inspector": 200},
    "returns:job": RETURNS_PAGE | {"inspector": 404},
    "returns:job_progress": RETURNS_PAGE | {"inspector": 404},
    # The world's run is still queued, so it has no file yet (404).
    "returns:download": answers(403, anon=302, analyst=404, inspector=404),
    # Starting a failed run again is a POST (tests/returns/test_views.py checks who may).
    "returns:run_again": answers(405),
    # The DfE child-level API: analysts send, the director reads (lantern/dfe_api/views.py).
    "dfe_api:index": answers(403, anon=302, analyst=200, director=200),
    # Case audits (lantern/audits/views.py): QA and managers audit; QA and service managers moderate; the director
    # and inspectors read. A team manager reads the audits of their team's children.
    "audits:index": AUDIT_READERS,
    "audits:agreement": answers(403, anon=302, qa=200, sm=200, director=200, inspector=200),
    "audits:programme": AUDIT_READERS,
    "audits:audit": AUDIT_READERS,
    "audits:audit_new": AUDITING,
    "audits:action_done": AUDITING,
    # The front door: its queue is for authority-wide readers; registering a child is the front door's alone.
    "frontdoor:queue": answers(403, anon=302, **dict.fromkeys(AUTHORITY_READERS, 200)),
    "frontdoor:register": answers(403, anon=302, fd=200),
    "frontdoor:unallocated": answers(403, anon=302, tm=200, sm=200, **dict.fromkeys(AUTHORITY_READERS, 200)),
    "frontdoor:contact_new": RECORDING_FORM,
    "frontdoor:allocate": ALLOCATING,
    "frontdoor:allocation_end": ALLOCATING,
    # The improvement plan (lantern/improvement/views.py): the director, service managers, QA and analysts edit;
    # team managers and inspectors read.
    "improvement:plan": PLAN_READERS,
    "improvement:board": PLAN_READERS,
    "improvement:action": PLAN_READERS,
    "improvement:action_new": PLAN_EDITORS,
    "improvement:action_edit": PLAN_EDITORS,
    "improvement:milestone_new": PLAN_EDITORS,
    "improvement:evidence_new": PLAN_EDITORS,
    "improvement:rag": PLAN_EDITORS,
    "api-1:openapi-json": SIGNED_IN_PAGE,
    "api-1:openapi-view": SIGNED_IN_PAGE,
    # Read-only roles are outside their own work: without ?reason= the API refuses (the record page asks, 302).
    "api-1:child_timescales_api": answers(200, anon=401, outsider=404, **NO_RECORDS, **dict.fromkeys(READ_ONLY, 403)),
    "api-1:api-root": answers(404),
}
# The front door outside its own work, like the read-only roles: no ?reason=, so the API refuses.
EXPECTED["api-1:child_timescales_api"]["fd"] = 403

# The missing coordinator reads every child (asked a reason outside their own work, 302, as authority-wide readers
# are), records on the missing pages only (403 on any other form), and has a worklist (their own, plus the missing
# work of children with no allocated worker).
MISSING_COORDINATOR = {
    "login": 302,
    "logout": 405,
    "two_factor_setup": 200,
    "two_factor_verify": 302,
    "home": 200,
    "search": 200,
    "child": 302,
    "child_reason": 200,
    "child_access_log": 403,
    "child_history": 403,
    "audit_find": 403,
    "refused_requests": 403,
    "users": 403,
    "user_two_factor": 403,
    "password_change": 200,
    "password_set": 200,
    "staff:new": 403,
    "staff:edit": 403,
    "staff:access_reviews": 403,
    "staff:access_review": 403,
    "subject_access": 403,
    "subject_access_download": 403,
    "journey:contact_decision": 403,
    "journey:assessment": 403,
    "journey:strategy_discussion_new": 403,
    "journey:strategy_discussion": 403,
    "journey:icpc": 403,
    "journey:cp_review": 403,
    "journey:visit": 403,
    "care:cla_review": 403,
    "leaving_care:contact": 403,
    "leaving_care:entitlements": 403,
    "leaving_care:turning_18": 200,
    "missing:return": 302,
    "missing:return_interview": 302,
    "missing:report": 302,
    "missing:screening": 302,
    "missing:safety_plan": 302,
    "missing:now": 200,
    "missing:repeated": 200,
    "worklists:my_work": 200,
    "worklists:team": 200,
    "worklists:service": 200,
    "worklists:clocks": 200,
    "returns:index": 403,
    "returns:job": 403,
    "returns:job_progress": 403,
    "returns:download": 403,
    "returns:run_again": 405,
    "api-1:openapi-json": 200,
    "api-1:openapi-view": 200,
    "api-1:child_timescales_api": 403,
    "api-1:api-root": 404,
    # A reader outside their own work elsewhere: asked the reason before a child's notes, refused the forms.
    "casework:case_notes": 302,
    "casework:case_note": 302,
    "casework:oversight": 302,
    "casework:case_note_new": 403,
    "casework:case_note_correct": 403,
    "casework:oversight_new": 403,
    "casework:oversight_correct": 403,
    "liberty:order_new": 403,
    "liberty:order_end": 403,
    "sharing:decision_new": 403,
    "care:period_start": 403,
    "care:episode_change": 403,
    "care:period_end": 403,
    "care:health_assessment": 403,
    "care:dental_check": 403,
    "care:immunisation_check": 403,
    "care:sdq": 403,
    "care:pep": 403,
    "care:iro_contact": 403,
    "care:permanence_plan": 403,
    "care:adoption_decision": 403,
    "care:placement_order": 403,
    "care:adoption_match": 403,
    "care:adoption_reverse": 403,
    # The front door's queue and the referrals waiting for a worker are read by every authority-wide reader.
    "frontdoor:queue": 200,
    "frontdoor:unallocated": 200,
    "frontdoor:contact_new": 403,
}
# The workforce pages: managers (their team or service), QA, analysts and the director; supervision is recorded by
# managers, refused (403) to the read-only readers.
WORKFORCE_READERS = answers(403, anon=302, tm=200, sm=200, qa=200, analyst=200, director=200)
EXPECTED["staffing:workforce"] = WORKFORCE_READERS
EXPECTED["staffing:census"] = WORKFORCE_READERS
EXPECTED["staffing:supervision_new"] = answers(403, anon=302, tm=200, sm=200)
MISSING_COORDINATOR |= {"staffing:workforce": 403, "staffing:census": 403, "staffing:supervision_new": 403}
for _name, _answer in MISSING_COORDINATOR.items():
    EXPECTED[_name] = EXPECTED[_name] | {"mc": _answer}
# Correcting a note is its writer's or a manager's; oversight is a manager's: the front door is refused them.
for _name in ("casework:case_note_correct", "casework:oversight_new", "casework:oversight_correct"):
    EXPECTED[_name] = EXPECTED[_name] | {"fd": 403}


def _named_urls(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _named_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


URL_NAMES = sorted(set(_named_urls(get_resolver().url_patterns)))


def test_every_url_has_a_rule():
    assert sorted(set(URL_NAMES) - set(EXPECTED)) == [], "add the new page's answers for every role to EXPECTED"
    assert sorted(set(EXPECTED) - set(URL_NAMES)) == [], "EXPECTED names a page that no longer exists"


@pytest.fixture
def world(db):
    service = ServiceFactory(name="Safeguarding")
    team_a = TeamFactory(name="Team A", service=service)
    team_c = TeamFactory(name="Team C", service=ServiceFactory(name="Children in care"))
    users = {"anon": None}
    roles = {
        "sw": Role.SOCIAL_WORKER,
        "pa": Role.PERSONAL_ADVISER,
        "tm": Role.TEAM_MANAGER,
        "iro": Role.IRO,
        "sm": Role.SERVICE_MANAGER,
        "qa": Role.QA,
        "analyst": Role.ANALYST,
        "director": Role.DIRECTOR,
        "inspector": Role.INSPECTOR,
        "admin": Role.ADMINISTRATOR,
        "dpo": Role.DATA_PROTECTION,
        "outsider": Role.SOCIAL_WORKER,
        "mc": Role.MISSING_COORDINATOR,
        "fd": Role.FRONT_DOOR,
    }
    workers = {}
    for persona, role in roles.items():
        users[persona] = UserFactory(username=persona, roles=[role])
        if persona in TEAM_ROLES or persona == "outsider":
            team = team_c if persona == "outsider" else team_a
            workers[persona] = WorkerFactory(user=users[persona], team=team)
    workers["mc"] = WorkerFactory(user=users["mc"], team=TeamFactory(name="Missing and exploitation", service=service))
    child = ChildFactory(la_child_id="A1", date_of_birth=date(2014, 5, 1))
    allocation = AllocationFactory(child=child, worker=workers["sw"])
    contact = make(Contact, child=child, source="6", received_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    referral = ReferralFactory(child=child, referral_date=date(2026, 1, 6))
    discussion = make(
        StrategyDiscussion, referral=referral, child=child, threshold_decision_at=datetime(2026, 1, 7, 9, tzinfo=UTC)
    )
    enquiry = make(Section47Enquiry, referral=referral, child=child, start_date=date(2026, 1, 8))
    plan = make(
        CPPlan,
        referral=referral,
        child=child,
        start_date=date(2026, 1, 20),
        initial_category="NEG",
        latest_category="NEG",
    )
    CareEpisodeFactory(period__child=child, period__start_date=date(2026, 2, 2))
    episode = make(
        MissingEpisode,
        child=child,
        kind="M",
        started_at=datetime(2026, 3, 1, 20, tzinfo=UTC),
        returned_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
    )
    tool = audit_services.audit_tool_create(by=users["qa"], name="Practice audit", domains=[("Safety", [])])
    programme = audit_services.programme_draw(
        by=users["qa"], title="March", theme="", month=date(2026, 3, 1), rule="open_cases", sample_size=5,
        per_team_minimum=0, seed=1, tool=tool, today=date(2026, 3, 2),
    )  # fmt: skip
    audit = audit_services.audit_record(by=users["qa"], child=child, audit_date=date(2026, 3, 2),
                                        auditor_grade="good", today=date(2026, 3, 2))  # fmt: skip
    action = audit_services.audit_action_add(by=users["qa"], audit=audit, action="Review", owner=None,
                                             due_date=date(2026, 3, 20))  # fmt: skip
    order = make(
        DeprivationOfLibertyOrder, child=child, start_date=date(2026, 2, 10), court="Family Court", accommodation="Oak"
    )
    return_job = ReturnJob.objects.create(requested_by=users["analyst"], kind="cin-census", year=2026)
    note = make(
        CaseNote,
        child=child,
        event_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        kind="visit",
        text="Seen.",
        recorded_by=users["sw"],
    )
    decision = make(
        OversightDecision,
        child=child,
        decided_on=date(2026, 3, 1),
        decision="Continue.",
        reason="Progress.",
        next_review_on=date(2026, 4, 1),
        recorded_by=users["tm"],
    )
    sar = SubjectAccessRequest.objects.create(
        child=child, reference="SAR-1", redaction="none", requested_by=users["dpo"]
    )
    improvement_action = improvement_services.action_save(
        by=users["director"], theme=Theme.objects.get(key="partnerships"), ref="PA1", text="Joint panel",
        start_date=date(2026, 1, 1), due_date=date(2026, 6, 30),
    )  # fmt: skip
    kwargs = {
        "returns:job": {"pk": return_job.pk},
        "returns:job_progress": {"pk": return_job.pk},
        "returns:download": {"pk": return_job.pk},
        "returns:run_again": {"pk": return_job.pk},
        "child": {"la_child_id": "A1"},
        "child_reason": {"la_child_id": "A1"},
        "child_access_log": {"la_child_id": "A1"},
        "child_history": {"la_child_id": "A1"},
        "subject_access": {"la_child_id": "A1"},
        "subject_access_download": {"la_child_id": "A1", "pk": sar.pk},
        "journey:contact_decision": {"pk": contact.pk},
        "journey:assessment": {"pk": referral.pk},
        "journey:strategy_discussion_new": {"pk": referral.pk},
        "journey:strategy_discussion": {"pk": discussion.pk},
        "journey:icpc": {"pk": enquiry.pk},
        "journey:cp_review": {"pk": plan.pk},
        "journey:visit": {"la_child_id": "A1"},
        "frontdoor:contact_new": {"la_child_id": "A1"},
        "frontdoor:allocate": {"la_child_id": "A1"},
        "frontdoor:allocation_end": {"pk": allocation.pk},
        "care:cla_review": {"la_child_id": "A1"},
        "liberty:order_new": {"la_child_id": "A1"},
        "liberty:order_end": {"pk": order.pk},
        "sharing:decision_new": {"la_child_id": "A1"},
        "care:period_start": {"la_child_id": "A1"},
        "care:episode_change": {"la_child_id": "A1"},
        "care:period_end": {"la_child_id": "A1"},
        "care:health_assessment": {"la_child_id": "A1"},
        "care:dental_check": {"la_child_id": "A1"},
        "care:immunisation_check": {"la_child_id": "A1"},
        "care:sdq": {"la_child_id": "A1"},
        "care:pep": {"la_child_id": "A1"},
        "care:iro_contact": {"la_child_id": "A1"},
        "care:permanence_plan": {"la_child_id": "A1"},
        "care:adoption_decision": {"la_child_id": "A1"},
        "care:placement_order": {"la_child_id": "A1"},
        "care:adoption_match": {"la_child_id": "A1"},
        "care:adoption_reverse": {"la_child_id": "A1"},
        "leaving_care:contact": {"la_child_id": "A1"},
        "missing:return": {"pk": episode.pk},
        "missing:return_interview": {"pk": episode.pk},
        "missing:report": {"la_child_id": "A1"},
        "missing:screening": {"la_child_id": "A1"},
        "missing:safety_plan": {"la_child_id": "A1"},
        "leaving_care:entitlements": {"la_child_id": "A1"},
        "api-1:child_timescales_api": {"la_child_id": "A1"},
        "audits:programme": {"pk": programme.pk},
        "audits:audit": {"pk": audit.pk},
        "audits:audit_new": {"la_child_id": "A1"},
        "audits:action_done": {"pk": action.pk},
        "casework:case_notes": {"la_child_id": "A1"},
        "casework:case_note_new": {"la_child_id": "A1"},
        "casework:case_note": {"pk": note.pk},
        "casework:case_note_correct": {"pk": note.pk},
        "casework:oversight_new": {"la_child_id": "A1"},
        "casework:oversight": {"pk": decision.pk},
        "casework:oversight_correct": {"pk": decision.pk},
        "user_two_factor": {"username": users["sw"].username},
        "staff:edit": {"username": users["sw"].username},
        "staff:access_review": {"team_id": team_a.pk},
        "password_set": {"uidb64": "MQ", "token": "not-a-token"},
        "performance:measure": {"measure_id": "assessments_within_45_wd"},
        "staffing:supervision_new": {"worker_id": workers["sw"].pk},
    }
    for name in ("action", "action_edit", "milestone_new", "evidence_new", "rag"):
        kwargs[f"improvement:{name}"] = {"pk": improvement_action.pk}
    kwargs |= plan_page_kwargs(referral=referral, cp_plan=plan)
    return users, kwargs


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_each_role_gets_the_expected_answer(client, world, url_name):
    users, kwargs = world
    url = reverse(url_name, kwargs=kwargs.get(url_name))
    actual = {}
    for persona in PERSONAS:
        client.logout()
        if users[persona] is not None:
            client.force_login(users[persona])
        actual[persona] = client.get(url).status_code
    assert actual == EXPECTED[url_name]


def test_visitors_are_sent_to_sign_in_not_shown_an_error(client, world):
    users, kwargs = world
    response = client.get(reverse("journey:visit", kwargs=kwargs["journey:visit"]))
    assert response["Location"].startswith(reverse("login") + "?next=")
