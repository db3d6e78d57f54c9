"""The recording pages of the journey: who may use them, what they save, and what they say when input is bad."""

from datetime import UTC, date, datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from lantern.journey.models import (
    Assessment,
    ChildProtectionConference,
    CINPlan,
    Contact,
    CPPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from lantern.timescales.selectors import child_timescales
from tests.factories import (
    CareEpisodeFactory,
    ReferralFactory,
    fixture_writes,
    make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)  # a Monday


def a_date(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def a_moment(name: str, day: date, at: str) -> dict[str, str]:
    return a_date(name, day) | {f"{name}-time": at}


def text_of(response) -> str:
    return response.content.decode()


def assert_refused(response, *, link: str, message: str) -> str:
    """The page came back with the error summary linking to the field, and the field's own message."""
    assert response.status_code == 200
    text = text_of(response)
    assert "<title>Error: " in text
    assert "There is a problem" in text
    summary = text[text.index("govuk-error-summary") : text.index("</h1>")]
    assert f'href="#{link}"' in summary
    assert message in summary
    assert text.count(message) >= 2, "the message shows beside the field as well as in the summary"
    return text


def record_url(child) -> str:
    return reverse("child", args=[child.la_child_id])


def clock(child, rule_id: str):
    return next(c for c in child_timescales(child=child, as_of=TODAY) if c.rule.id == rule_id)


# Records each page works on ---------------------------------------------------------------------------------


@pytest.fixture
def referral(people):
    return ReferralFactory(child=people["amy"], referral_date=date(2026, 1, 5), referral_source="6")


@pytest.fixture
def contact(people):
    return make(Contact, child=people["amy"], received_at=datetime(2026, 2, 27, 9, 30, tzinfo=UTC), source="3A")


@pytest.fixture
def pending_discussion(referral):
    return make(
        StrategyDiscussion,
        referral=referral,
        child=referral.child,
        threshold_decision_at=datetime(2026, 2, 20, 10, 0, tzinfo=UTC),
        initiate_s47=False,
    )


@pytest.fixture
def enquiry(referral):
    return make(Section47Enquiry, referral=referral, child=referral.child, start_date=date(2026, 2, 10))


@pytest.fixture
def cp_plan(referral):
    plan = make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=date(2026, 2, 2),
        initial_category="NEG",
        latest_category="NEG",
    )
    make(
        ChildProtectionConference,
        referral=referral,
        child=referral.child,
        kind="initial",
        cp_plan=plan,
        held_on=date(2026, 2, 2),
        plan_made=True,
    )
    return plan


@pytest.fixture
def every_page(contact, referral, pending_discussion, enquiry, cp_plan):
    return {
        "contact decision": reverse("journey:contact_decision", args=[contact.pk]),
        "assessment": reverse("journey:assessment", args=[referral.pk]),
        "strategy discussion": reverse("journey:strategy_discussion", args=[pending_discussion.pk]),
        "threshold decision": reverse("journey:strategy_discussion_new", args=[referral.pk]),
        "ICPC": reverse("journey:icpc", args=[enquiry.pk]),
        "CP review": reverse("journey:cp_review", args=[cp_plan.pk]),
        "visit": reverse("journey:visit", args=["A1"]),
    }


PAGES = ["contact decision", "assessment", "strategy discussion", "threshold decision", "ICPC", "CP review", "visit"]


# Who may record -------------------------------------------------------------------------------------------------


def test_it_keeps_the_contracted_url_paths(contact):
    assert reverse("journey:contact_decision", args=[7]) == "/contacts/7/decision/"
    assert reverse("journey:assessment", args=[7]) == "/referrals/7/assessment/"
    assert reverse("journey:strategy_discussion", args=[7]) == "/strategy-discussions/7/"
    assert reverse("journey:strategy_discussion_new", args=[7]) == "/referrals/7/strategy-discussion/"
    assert reverse("journey:icpc", args=[7]) == "/section47/7/icpc/"
    assert reverse("journey:cp_review", args=[7]) == "/cp-plans/7/review/"
    assert reverse("journey:visit", args=["A1"]) == "/children/A1/visits/new/"


@pytest.mark.parametrize("page", PAGES)
def test_it_shows_each_form_to_the_allocated_social_worker(alice, every_page, page):
    response = alice.get(every_page[page])
    assert response.status_code == 200
    text = text_of(response)
    assert "Amy Adams (A1)" in text
    assert "<title>Error" not in text
    assert 'method="post"' in text
    assert '<legend class="govuk-fieldset__legend' in text


@pytest.mark.parametrize("page", PAGES)
def test_it_answers_not_found_to_a_worker_outside_the_childs_team(client, people, every_page, page):
    client.force_login(people["carl"])
    assert client.get(every_page[page]).status_code == 404
    assert client.post(every_page[page], {}).status_code == 404


@pytest.mark.parametrize("role", ["inspector", "director"])
@pytest.mark.parametrize("page", PAGES)
def test_it_refuses_read_only_roles(client, people, every_page, page, role):
    client.force_login(people[role])
    response = client.get(every_page[page])
    assert response.status_code == 403
    assert "Your role cannot record casework" in text_of(response)
    assert client.post(every_page[page], a_date("visit_date", TODAY) | {"kind": "cp", "seen": "yes"}).status_code == 403
    assert not Visit.objects.exists()


@pytest.mark.parametrize("page", PAGES)
def test_it_sends_an_unauthenticated_visitor_to_sign_in(client, every_page, page):
    response = client.get(every_page[page])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_answers_not_found_for_a_record_that_does_not_exist(alice):
    assert alice.get(reverse("journey:contact_decision", args=[999])).status_code == 404
    assert alice.get(reverse("journey:visit", args=["NOPE"])).status_code == 404


# Contact decision -----------------------------------------------------------------------------------------------


def test_it_records_a_contact_decision(alice, contact):
    response = alice.post(
        reverse("journey:contact_decision", args=[contact.pk]),
        {"decision": "EARLY_HELP"} | a_moment("decision_at", date(2026, 2, 27), "15:45"),
        follow=True,
    )
    assert response.redirect_chain == [(record_url(contact.child), 302)]
    assert "Contact decision recorded" in text_of(response)
    contact.refresh_from_db()
    assert contact.decision == "EARLY_HELP"
    assert contact.decision_at == datetime(2026, 2, 27, 15, 45, tzinfo=UTC)
    assert clock(contact.child, "contact_decision").done is not None
    assert not Referral.objects.exists()


def test_it_opens_the_referral_when_the_decision_is_to_refer(alice, contact):
    response = alice.post(
        reverse("journey:contact_decision", args=[contact.pk]),
        {"decision": "REFERRAL"} | a_moment("decision_at", date(2026, 2, 28), "9:05am"),
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.referral_date, referral.referral_source, referral.contact) == (date(2026, 2, 28), "3A", contact)
    contact.refresh_from_db()
    assert contact.decision == "REFERRAL"


def test_it_saves_neither_decision_nor_referral_when_the_child_already_has_an_open_referral(alice, contact, referral):
    response = alice.post(
        reverse("journey:contact_decision", args=[contact.pk]),
        {"decision": "REFERRAL"} | a_moment("decision_at", date(2026, 2, 28), "10:00"),
    )
    assert_refused(response, link="id_decision", message="This child already has an open referral, from 5 January 2026")
    contact.refresh_from_db()
    assert contact.decision == ""
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("posted", "link", "message"),
    [
        (
            {"decision": "NFA"} | a_moment("decision_at", date(2026, 3, 3), "10:00"),
            "id_decision_at-day",
            "Date and time of the decision must be today or in the past",
        ),
        (
            {"decision": "NFA"} | a_moment("decision_at", date(2026, 2, 27), "10:00") | {"decision_at-day": "31"},
            "id_decision_at-day",
            "Date and time of the decision must be a real date",
        ),
        (
            {"decision": "NFA"} | a_date("decision_at", date(2026, 2, 27)),
            "id_decision_at-day",
            "Date and time of the decision must include a time",
        ),
        (
            {"decision": "NFA"} | a_moment("decision_at", date(2026, 2, 27), "08:00"),
            "id_decision_at-day",
            "The decision must be made after the contact was received on 27 February 2026 at 09:30",
        ),
        (
            {"decision": "MAYBE"} | a_moment("decision_at", date(2026, 2, 27), "15:00"),
            "id_decision",
            "Decision: “MAYBE” is not a recognised code",
        ),
        ({}, "id_decision", "Select the decision made on the contact"),
    ],
)
def test_it_refuses_a_bad_contact_decision_and_saves_nothing(alice, contact, posted, link, message):
    response = alice.post(reverse("journey:contact_decision", args=[contact.pk]), posted)
    assert_refused(response, link=link, message=message)
    contact.refresh_from_db()
    assert contact.decision == ""


def test_it_keeps_what_was_typed_when_it_refuses(alice, contact):
    response = alice.post(
        reverse("journey:contact_decision", args=[contact.pk]),
        {"decision": "ADVICE", "decision_at-day": "31", "decision_at-month": "2", "decision_at-year": "2026"}
        | {"decision_at-time": "14:30"},
    )
    text = text_of(response)
    assert 'name="decision_at-day" type="text" inputmode="numeric" value="31"' in text
    assert 'value="14:30"' in text
    assert 'value="ADVICE" checked' in text


# Redirects ------------------------------------------------------------------------------------------------------


def test_it_returns_to_a_same_site_next_address(alice, contact):
    url = reverse("journey:contact_decision", args=[contact.pk]) + "?next=/work/overdue/"
    response = alice.post(url, {"decision": "NFA"} | a_moment("decision_at", date(2026, 2, 27), "15:00"))
    assert response["Location"] == "/work/overdue/"


def test_it_ignores_a_next_address_on_another_site(alice, contact):
    url = reverse("journey:contact_decision", args=[contact.pk]) + "?next=https://evil.example/"
    response = alice.post(url, {"decision": "NFA"} | a_moment("decision_at", date(2026, 2, 27), "15:00"))
    assert response["Location"] == record_url(contact.child)


def test_it_posts_back_to_the_same_address_so_next_survives(alice, contact):
    url = reverse("journey:contact_decision", args=[contact.pk]) + "?next=/work/"
    text = text_of(alice.get(url))
    assert f'action="{url}"' in text
    assert '<a href="/work/" class="govuk-back-link">Back</a>' in text


# Assessment -----------------------------------------------------------------------------------------------------


def test_it_starts_an_assessment_when_none_is_open(alice, people, referral):
    url = reverse("journey:assessment", args=[referral.pk])
    assert "Start a child and family assessment" in text_of(alice.get(url))
    response = alice.post(url, a_date("start_date", date(2026, 1, 6)) | a_date("child_seen_date", date(2026, 1, 8)))
    assert response["Location"] == record_url(referral.child)
    assessment = Assessment.objects.get()
    assert (assessment.start_date, assessment.child_seen_date) == (date(2026, 1, 6), date(2026, 1, 8))
    assert assessment.worker == people["alice_worker"]


def test_it_refuses_an_assessment_starting_before_the_referral(alice, referral):
    response = alice.post(reverse("journey:assessment", args=[referral.pk]), a_date("start_date", date(2026, 1, 2)))
    assert_refused(
        response,
        link="id_start_date-day",
        message="Date the assessment started must be the same as or after the referral date, 5 January 2026",
    )
    assert not Assessment.objects.exists()


@pytest.fixture
def tina(client, people):
    """The client signed in as Tina, Team A's manager: authorising an assessment is hers to decide."""
    client.force_login(people["tina"])
    return client


def test_it_authorises_the_open_assessment_with_its_factors(tina, referral):
    assessment = make(Assessment, referral=referral, child=referral.child, start_date=date(2026, 1, 6))
    url = reverse("journey:assessment", args=[referral.pk])
    text = text_of(tina.get(url))
    assert "Authorise the child and family assessment" in text
    assert 'type="checkbox" value="3B"' in text
    response = tina.post(
        url, a_date("authorised_date", date(2026, 2, 20)) | {"factors": ["3B", "4B"], "requires_support": "yes"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.authorised_date == date(2026, 2, 20)
    assert assessment.requires_support is True
    assert sorted(assessment.factors.values_list("code", flat=True)) == ["3B", "4B"]
    assert clock(referral.child, "assessment").done == date(2026, 2, 20)


@pytest.mark.parametrize(
    ("posted", "link", "message"),
    [
        (
            a_date("authorised_date", date(2026, 2, 20)) | {"factors": ["3B", "99Z"], "requires_support": "no"},
            "id_factors",
            "Factors identified: “99Z” is not a recognised code",
        ),
        (
            a_date("authorised_date", date(2026, 1, 5)) | {"factors": ["21"], "requires_support": "no"},
            "id_authorised_date-day",
            "Date authorised must be the same as or after the start date",
        ),
        (
            a_date("authorised_date", date(2026, 3, 9)) | {"factors": ["21"], "requires_support": "no"},
            "id_authorised_date-day",
            "Date authorised must be today or in the past",
        ),
        (
            a_date("authorised_date", date(2026, 2, 20)) | {"requires_support": "no"},
            "id_factors",
            "Select the factors identified at the end of the assessment",
        ),
    ],
)
def test_it_refuses_a_bad_authorisation_and_saves_nothing(tina, referral, posted, link, message):
    assessment = make(Assessment, referral=referral, child=referral.child, start_date=date(2026, 1, 6))
    response = tina.post(reverse("journey:assessment", args=[referral.pk]), posted)
    assert_refused(response, link=link, message=message)
    assessment.refresh_from_db()
    assert assessment.authorised_date is None
    assert not assessment.factors.exists()


# Strategy discussions -------------------------------------------------------------------------------------------


def test_it_records_a_threshold_decision_and_starts_the_strategy_discussion_clock(alice, referral):
    response = alice.post(
        reverse("journey:strategy_discussion_new", args=[referral.pk]),
        a_moment("threshold_decision_at", date(2026, 2, 27), "16:10") | {"held": "no"},
        follow=True,
    )
    assert "Section 47 threshold decision recorded" in text_of(response)
    discussion = StrategyDiscussion.objects.get()
    assert discussion.threshold_decision_at == datetime(2026, 2, 27, 16, 10, tzinfo=UTC)
    assert discussion.held_on is None
    running = clock(referral.child, "strategy_discussion")
    assert (running.due_date, running.done) == (date(2026, 3, 2), None)
    assert (running.target_kind, running.target_id) == ("strategy_discussion", discussion.pk)


def test_it_records_a_threshold_decision_and_the_discussion_held_at_once(alice, referral):
    response = alice.post(
        reverse("journey:strategy_discussion_new", args=[referral.pk]),
        a_moment("threshold_decision_at", date(2026, 2, 26), "11:00")
        | {"held": "yes", "initiate_s47": "yes"}
        | a_date("held_on", date(2026, 2, 27)),
    )
    assert response.status_code == 302
    discussion = StrategyDiscussion.objects.get()
    assert (discussion.held_on, discussion.initiate_s47) == (date(2026, 2, 27), True)
    assert Section47Enquiry.objects.get().start_date == date(2026, 2, 27)


def test_it_asks_for_the_date_held_when_the_discussion_was_held(alice, referral):
    response = alice.post(
        reverse("journey:strategy_discussion_new", args=[referral.pk]),
        a_moment("threshold_decision_at", date(2026, 2, 26), "11:00") | {"held": "yes", "initiate_s47": "no"},
    )
    assert_refused(response, link="id_held_on-day", message="Enter the date the strategy discussion was held")
    assert not StrategyDiscussion.objects.exists()


def test_it_refuses_a_threshold_decision_before_the_referral(alice, referral):
    response = alice.post(
        reverse("journey:strategy_discussion_new", args=[referral.pk]),
        a_moment("threshold_decision_at", date(2025, 12, 1), "11:00") | {"held": "no"},
    )
    assert_refused(
        response,
        link="id_threshold_decision_at-day",
        message="Date and time of the threshold decision must be the same as or after the referral date",
    )
    assert not StrategyDiscussion.objects.exists()


def test_it_records_a_pending_strategy_discussion_as_held_with_its_section_47(alice, pending_discussion):
    response = alice.post(
        reverse("journey:strategy_discussion", args=[pending_discussion.pk]),
        a_date("held_on", date(2026, 2, 23)) | {"initiate_s47": "yes"},
    )
    assert response.status_code == 302
    pending_discussion.refresh_from_db()
    assert (pending_discussion.held_on, pending_discussion.initiate_s47) == (date(2026, 2, 23), True)
    enquiry = Section47Enquiry.objects.get()
    assert (enquiry.start_date, enquiry.strategy_discussion) == (date(2026, 2, 23), pending_discussion)
    assert clock(pending_discussion.child, "strategy_discussion").done == date(2026, 2, 23)


def test_it_refuses_a_discussion_held_before_the_threshold_decision(alice, pending_discussion):
    response = alice.post(
        reverse("journey:strategy_discussion", args=[pending_discussion.pk]),
        a_date("held_on", date(2026, 2, 19)) | {"initiate_s47": "yes"},
    )
    assert_refused(
        response,
        link="id_held_on-day",
        message="Date the strategy discussion was held must be the same as or after the threshold decision, "
        "20 February 2026",
    )
    pending_discussion.refresh_from_db()
    assert pending_discussion.held_on is None
    assert not Section47Enquiry.objects.exists()


def test_it_refuses_to_record_a_discussion_held_twice(alice, pending_discussion):
    pending_discussion.held_on = date(2026, 2, 21)
    with fixture_writes():
        pending_discussion.save()
    response = alice.post(
        reverse("journey:strategy_discussion", args=[pending_discussion.pk]),
        a_date("held_on", date(2026, 2, 23)) | {"initiate_s47": "no"},
    )
    assert_refused(
        response, link="id_held_on-day", message="This strategy discussion was recorded as held on 21 February 2026"
    )


# Initial child protection conference ----------------------------------------------------------------------------


def test_it_records_an_icpc_that_makes_a_plan_and_ends_the_child_in_need_plan(alice, referral, enquiry):
    cin_plan = make(CINPlan, referral=referral, child=referral.child, start_date=date(2026, 1, 20))
    response = alice.post(
        reverse("journey:icpc", args=[enquiry.pk]),
        {"outcome": "held", "plan_made": "yes", "category": "EMO"} | a_date("held_on", date(2026, 2, 24)),
        follow=True,
    )
    assert "Initial child protection conference and child protection plan recorded" in text_of(response)
    plan = CPPlan.objects.get()
    assert (plan.start_date, plan.initial_category, plan.latest_category) == (date(2026, 2, 24), "EMO", "EMO")
    conference = ChildProtectionConference.objects.get()
    assert (conference.kind, conference.held_on, conference.section47, conference.cp_plan) == (
        "initial",
        date(2026, 2, 24),
        enquiry,
        plan,
    )
    cin_plan.refresh_from_db()
    assert cin_plan.end_date == date(2026, 2, 24)
    assert clock(referral.child, "icpc").done == date(2026, 2, 24)
    assert LogEntry.objects.get_for_object(plan).get().actor.username == "alice"
    ended = LogEntry.objects.get_for_object(cin_plan).get(action=LogEntry.Action.UPDATE)
    assert (ended.actor.username, ended.changes_dict["end_date"]) == ("alice", ["None", "2026-02-24"])


def test_it_records_an_icpc_without_a_plan(alice, enquiry):
    response = alice.post(
        reverse("journey:icpc", args=[enquiry.pk]),
        {"outcome": "held", "plan_made": "no", "category": ""} | a_date("held_on", date(2026, 2, 24)),
    )
    assert response.status_code == 302
    assert ChildProtectionConference.objects.get().plan_made is False
    assert not CPPlan.objects.exists()


def test_it_records_that_no_conference_is_required(alice, enquiry):
    response = alice.post(reverse("journey:icpc", args=[enquiry.pk]), {"outcome": "not_required"})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.icpc_not_required is True
    assert not ChildProtectionConference.objects.exists()


@pytest.mark.parametrize(
    ("posted", "link", "message"),
    [
        (
            {"outcome": "held", "plan_made": "yes", "category": "XXX"} | a_date("held_on", date(2026, 2, 24)),
            "id_category",
            "Category of abuse: “XXX” is not a recognised code",
        ),
        (
            {"outcome": "held", "plan_made": "yes"} | a_date("held_on", date(2026, 2, 24)),
            "id_category",
            "Select the category of abuse for the plan",
        ),
        (
            {"outcome": "held", "plan_made": "no"} | a_date("held_on", date(2026, 2, 9)),
            "id_held_on-day",
            "Date of the conference must be the same as or after the start of the enquiry, 10 February 2026",
        ),
        (
            {"outcome": "held", "plan_made": "no"} | a_date("held_on", date(2026, 2, 24)) | {"held_on-month": "13"},
            "id_held_on-day",
            "Date of the conference must be a real date",
        ),
        ({"outcome": "held", "plan_made": "no"}, "id_held_on-day", "Enter the date of the conference"),
    ],
)
def test_it_refuses_a_bad_icpc_and_saves_nothing(alice, enquiry, posted, link, message):
    response = alice.post(reverse("journey:icpc", args=[enquiry.pk]), posted)
    assert_refused(response, link=link, message=message)
    assert not ChildProtectionConference.objects.exists()
    assert not CPPlan.objects.exists()


def test_it_refuses_a_second_open_child_protection_plan(alice, enquiry, cp_plan):
    response = alice.post(
        reverse("journey:icpc", args=[enquiry.pk]),
        {"outcome": "held", "plan_made": "yes", "category": "PHY"} | a_date("held_on", date(2026, 2, 24)),
    )
    assert_refused(
        response,
        link="id_plan_made",
        message="This child is already on a child protection plan, from 2 February 2026",
    )
    assert CPPlan.objects.count() == 1


# Child protection review ----------------------------------------------------------------------------------------


def test_it_records_a_review_that_continues_the_plan(alice, cp_plan):
    url = reverse("journey:cp_review", args=[cp_plan.pk])
    assert 'value="NEG" checked' in text_of(alice.get(url))
    response = alice.post(url, a_date("held_on", date(2026, 2, 27)) | {"continues": "yes", "latest_category": "MUL"})
    assert response.status_code == 302
    cp_plan.refresh_from_db()
    assert (cp_plan.latest_category, cp_plan.end_date) == ("MUL", None)
    review = ChildProtectionConference.objects.get(kind="review")
    assert (review.held_on, review.cp_plan) == (date(2026, 2, 27), cp_plan)
    assert clock(cp_plan.child, "cp_review_first").done == date(2026, 2, 27)


def test_it_ends_the_plan_at_a_review_that_ends_it(alice, cp_plan):
    response = alice.post(
        reverse("journey:cp_review", args=[cp_plan.pk]),
        a_date("held_on", date(2026, 2, 27)) | {"continues": "no", "latest_category": "NEG"},
        follow=True,
    )
    assert "Review recorded and the plan ended" in text_of(response)
    cp_plan.refresh_from_db()
    assert cp_plan.end_date == date(2026, 2, 27)


@pytest.mark.parametrize(
    ("posted", "link", "message"),
    [
        (
            a_date("held_on", date(2026, 2, 2)) | {"continues": "yes", "latest_category": "NEG"},
            "id_held_on-day",
            "Date of the review conference must be after the previous conference, on 2 February 2026",
        ),
        (
            a_date("held_on", date(2026, 4, 2)) | {"continues": "yes", "latest_category": "NEG"},
            "id_held_on-day",
            "Date of the review conference must be today or in the past",
        ),
        (
            a_date("held_on", date(2026, 2, 27)) | {"continues": "yes", "latest_category": "ABC"},
            "id_latest_category",
            "Latest category of abuse: “ABC” is not a recognised code",
        ),
        (
            a_date("held_on", date(2026, 2, 27)) | {"latest_category": "NEG"},
            "id_continues",
            "Select yes if the child protection plan continues",
        ),
    ],
)
def test_it_refuses_a_bad_review_and_saves_nothing(alice, cp_plan, posted, link, message):
    response = alice.post(reverse("journey:cp_review", args=[cp_plan.pk]), posted)
    assert_refused(response, link=link, message=message)
    assert not ChildProtectionConference.objects.filter(kind="review").exists()
    cp_plan.refresh_from_db()
    assert (cp_plan.latest_category, cp_plan.end_date) == ("NEG", None)


# Visits ---------------------------------------------------------------------------------------------------------


def test_it_preselects_the_kind_of_visit_asked_for(alice):
    text = text_of(alice.get(reverse("journey:visit", args=["A1"]) + "?kind=cp"))
    assert 'value="cp" checked' in text
    assert "checked" not in text_of(alice.get(reverse("journey:visit", args=["A1"]) + "?kind=nonsense"))


def test_it_records_a_cp_visit_and_the_cp_visit_clock_is_done(alice, people, cp_plan):
    amy = people["amy"]
    assert clock(amy, "cp_visit").status == "overdue"
    response = alice.post(
        reverse("journey:visit", args=["A1"]),
        a_date("visit_date", date(2026, 2, 27)) | {"kind": "cp", "seen": "yes", "seen_alone": "yes"},
        follow=True,
    )
    assert response.redirect_chain == [(record_url(amy), 302)]
    assert "Visit recorded" in text_of(response)
    visit = Visit.objects.get()
    assert (visit.kind, visit.visit_date, visit.seen, visit.seen_alone) == ("cp", date(2026, 2, 27), True, True)
    assert visit.worker == people["alice_worker"]
    done = [c for c in child_timescales(child=amy, as_of=TODAY) if c.rule.id == "cp_visit" and c.done]
    assert [c.done for c in done] == [date(2026, 2, 27)]


@pytest.mark.parametrize(
    ("posted", "link", "message"),
    [
        (
            a_date("visit_date", date(2026, 3, 3)) | {"kind": "other", "seen": "yes", "seen_alone": "no"},
            "id_visit_date-day",
            "Date of visit must be today or in the past",
        ),
        (
            {"visit_date-day": "31", "visit_date-month": "2", "visit_date-year": "2026"}
            | {"kind": "other", "seen": "yes", "seen_alone": "no"},
            "id_visit_date-day",
            "Date of visit must be a real date",
        ),
        (
            {"visit_date-day": "1", "visit_date-year": "2026", "kind": "other", "seen": "yes", "seen_alone": "no"},
            "id_visit_date-day",
            "Date of visit must include a month",
        ),
        (
            a_date("visit_date", date(2026, 2, 27)) | {"kind": "party", "seen": "yes", "seen_alone": "no"},
            "id_kind",
            "Kind of visit: “party” is not a kind of visit",
        ),
        (
            a_date("visit_date", date(2026, 2, 27)) | {"kind": "other", "seen": "no", "seen_alone": "yes"},
            "id_seen_alone",
            "A child seen alone must also have been seen",
        ),
        (
            a_date("visit_date", date(2026, 2, 27)) | {"kind": "other"},
            "id_seen",
            "Select yes if the child was seen",
        ),
    ],
)
def test_it_refuses_a_bad_visit_and_saves_nothing(alice, posted, link, message):
    response = alice.post(reverse("journey:visit", args=["A1"]), posted)
    assert_refused(response, link=link, message=message)
    assert not Visit.objects.exists()


def test_it_refuses_a_cp_visit_before_the_plan_began(alice, cp_plan):
    response = alice.post(
        reverse("journey:visit", args=["A1"]),
        a_date("visit_date", date(2026, 1, 30)) | {"kind": "cp", "seen": "yes", "seen_alone": "no"},
    )
    assert_refused(
        response,
        link="id_visit_date-day",
        message="A visit cannot be before the child protection plan began on 2 February 2026",
    )
    assert not Visit.objects.exists()


def test_it_refuses_a_cla_visit_before_the_current_placement_began(alice, people):
    first = CareEpisodeFactory(
        period__child=people["amy"],
        period__start_date=date(2025, 11, 3),
        end_date=date(2026, 1, 12),
        reason_ceased="X1",
    )
    CareEpisodeFactory(period=first.period, start_date=date(2026, 1, 12), reason_new_episode="P", placement_type="U3")
    response = alice.post(
        reverse("journey:visit", args=["A1"]),
        a_date("visit_date", date(2026, 1, 9)) | {"kind": "cla", "seen": "yes", "seen_alone": "yes"},
    )
    assert_refused(
        response, link="id_visit_date-day", message="A visit cannot be before the placement began on 12 January 2026"
    )
    assert not Visit.objects.exists()
    response = alice.post(
        reverse("journey:visit", args=["A1"]),
        a_date("visit_date", date(2026, 1, 14)) | {"kind": "cla", "seen": "yes", "seen_alone": "yes"},
    )
    assert response.status_code == 302
    assert Visit.objects.get().visit_date == date(2026, 1, 14)


def test_it_refuses_a_cla_visit_for_a_child_who_has_not_been_looked_after(alice):
    response = alice.post(
        reverse("journey:visit", args=["A1"]),
        a_date("visit_date", date(2026, 2, 27)) | {"kind": "cla", "seen": "yes", "seen_alone": "no"},
    )
    assert_refused(
        response, link="id_kind", message="This child has not been looked after: choose another kind of visit"
    )
    assert not Visit.objects.exists()
