"""Page tests for each role: who sees which children, and what the pages say."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from lantern.journey.models import Assessment, Visit
from lantern.people.models import RestrictedAccess
from tests.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    ChildFactory,
    ReferralFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    VisitFactory,
    WorkerFactory,
    fixture_writes,
    make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority():
    """Two services; team A and B in one, team C in the other; one child allocated in each team."""
    safeguarding = ServiceFactory(name="Safeguarding")
    children_in_care = ServiceFactory(name="Children in care")
    team_a = TeamFactory(name="Team A", service=safeguarding)
    team_b = TeamFactory(name="Team B", service=safeguarding)
    team_c = TeamFactory(name="Team C", service=children_in_care)

    people = {}
    for key, role, team, worker_role in [
        ("alice", Role.SOCIAL_WORKER, team_a, "social_worker"),
        ("bob", Role.SOCIAL_WORKER, team_a, "social_worker"),
        ("tina", Role.TEAM_MANAGER, team_a, "team_manager"),
        ("sally", Role.SERVICE_MANAGER, team_a, "service_manager"),
        ("carl", Role.SOCIAL_WORKER, team_c, "social_worker"),
    ]:
        user = UserFactory(username=key, first_name=key.title(), last_name="Tester", roles=[role])
        people[key] = user
        people[f"{key}_worker"] = WorkerFactory(user=user, team=team, role=worker_role, first_name=key.title())
    people["director"] = UserFactory(username="director", roles=[Role.DIRECTOR])
    people["admin"] = UserFactory(username="admin", roles=[Role.ADMINISTRATOR])

    people["amy"] = AllocationFactory(
        worker=people["alice_worker"], child=ChildFactory(first_name="Amy", last_name="Adams", la_child_id="A1")
    ).child
    people["ben"] = AllocationFactory(
        worker=people["bob_worker"], child=ChildFactory(first_name="Ben", last_name="Brown", la_child_id="B1")
    ).child
    other_b = WorkerFactory(team=team_b)
    people["bea"] = AllocationFactory(
        worker=other_b, child=ChildFactory(first_name="Bea", last_name="Baker", la_child_id="B2")
    ).child
    people["cal"] = AllocationFactory(
        worker=people["carl_worker"], child=ChildFactory(first_name="Cal", last_name="Cole", la_child_id="C1")
    ).child
    return people


def names_on(response) -> set[str]:
    text = response.content.decode()
    return {name for name in ["Amy Adams", "Ben Brown", "Bea Baker", "Cal Cole"] if name in text}


def test_it_sends_an_unauthenticated_visitor_to_sign_in(client, authority):
    for url in [reverse("home"), reverse("search") + "?q=Amy", reverse("child", args=["A1"])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_social_worker_sees_their_own_children_first(client, authority):
    client.force_login(authority["alice"])
    response = client.get(reverse("home"))
    assert "My children" in response.content.decode()
    assert names_on(response) == {"Amy Adams"}


def test_a_social_worker_can_list_their_teams_children_but_not_other_teams(client, authority):
    client.force_login(authority["alice"])
    response = client.get(reverse("home") + "?show=team")
    assert "My team&#x27;s children" in response.content.decode()
    assert names_on(response) == {"Amy Adams", "Ben Brown"}


def test_a_team_manager_sees_the_team(client, authority):
    client.force_login(authority["tina"])
    assert names_on(client.get(reverse("home") + "?show=team")) == {"Amy Adams", "Ben Brown"}


def test_a_service_manager_sees_every_team_in_the_service(client, authority):
    client.force_login(authority["sally"])
    response = client.get(reverse("home"))
    assert "Children in my service" in response.content.decode()
    assert names_on(response) == {"Amy Adams", "Ben Brown", "Bea Baker"}


def test_a_director_sees_the_whole_authority(client, authority):
    client.force_login(authority["director"])
    response = client.get(reverse("home"))
    assert "Children across the authority" in response.content.decode()
    assert names_on(response) == {"Amy Adams", "Ben Brown", "Bea Baker", "Cal Cole"}


def test_an_administrator_reads_no_case_records(client, authority):
    client.force_login(authority["admin"])
    response = client.get(reverse("home"))
    assert "Your role does not include reading children" in response.content.decode()
    assert names_on(response) == set()
    assert client.get(reverse("child", args=["A1"])).status_code == 404
    assert client.get(reverse("search") + "?q=Amy").status_code == 404


def test_a_worker_gets_not_found_for_a_child_outside_their_team(client, authority):
    client.force_login(authority["alice"])
    assert client.get(reverse("child", args=["C1"])).status_code == 404
    assert client.get(reverse("child", args=["B1"])).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [("amy", {"Amy Adams"}), ("A1", {"Amy Adams"}), ("b", {"Ben Brown"}), ("Cole", set())],
)
def test_search_finds_by_name_or_id_within_scope(client, authority, query, expected):
    client.force_login(authority["alice"])
    response = client.get(reverse("search"), {"q": query})
    assert names_on(response) == expected


def test_search_finds_by_upn_and_nhs_number(client, authority):
    amy = authority["amy"]
    amy.upn, amy.nhs_number = "A318123456789", "9434765919"
    with fixture_writes():
        amy.save()
    client.force_login(authority["director"])
    assert names_on(client.get(reverse("search"), {"q": "a318123456789"})) == {"Amy Adams"}
    assert names_on(client.get(reverse("search"), {"q": "943 476 5919"})) == {"Amy Adams"}


def test_search_is_logged_without_the_words_searched(client, authority):
    client.force_login(authority["alice"])
    client.get(reverse("search"), {"q": "Amy"})
    event = AccessEvent.objects.get(action=AccessEvent.Action.SEARCH)
    assert event.user == authority["alice"]
    assert event.detail == "1 children found"
    assert "Amy" not in event.path + event.detail


def test_search_with_nothing_found_says_so(client, authority):
    client.force_login(authority["alice"])
    assert "No children found" in client.get(reverse("search"), {"q": "Zebedee"}).content.decode()


def test_the_record_shows_status_worker_and_a_dated_chronology_newest_first(client, authority):
    amy = authority["amy"]
    ReferralFactory(child=amy, referral_date=date(2025, 3, 3), referral_source="6")
    VisitFactory(child=amy, kind=Visit.Kind.CIN, visit_date=date(2025, 4, 1), seen=True, seen_alone=True)
    CareEpisodeFactory(period__child=amy, period__start_date=date(2025, 6, 2))
    client.force_login(authority["alice"])
    response = client.get(reverse("child", args=["A1"]))
    text = response.content.decode()
    chronology = text[text.index('id="chronology"') :]
    assert "Looked after" in text
    assert authority["alice_worker"].full_name in text
    assert "Team A" in text
    positions = [chronology.index(s) for s in ["2 Jun 2025", "1 Apr 2025", "3 Mar 2025"]]
    assert positions == sorted(positions), "newest first"
    assert "Referral received (CIN episode opened)" in text
    assert "Child seen alone" in text
    assert "Started to be looked after" in text


def test_the_chronology_can_be_filtered_and_reversed(client, authority):
    amy = authority["amy"]
    VisitFactory(child=amy, visit_date=date(2025, 4, 1))
    VisitFactory(child=amy, visit_date=date(2025, 5, 1))
    client.force_login(authority["alice"])
    text = client.get(reverse("child", args=["A1"]), {"kind": "Visit", "order": "oldest"}).content.decode()
    assert "2 events, oldest first" in text
    assert text.index("1 Apr 2025") < text.index("1 May 2025")


def test_each_view_of_a_record_is_logged(client, authority):
    client.force_login(authority["alice"])
    client.get(reverse("child", args=["A1"]))
    event = AccessEvent.objects.get(action=AccessEvent.Action.VIEW)
    assert (event.user, event.object_type, event.object_id) == (
        authority["alice"],
        "people.child",
        str(authority["amy"].pk),
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.SOCIAL_WORKER, {"Amy Adams", "Ben Brown"}),
        (Role.PERSONAL_ADVISER, {"Amy Adams", "Ben Brown"}),
        (Role.TEAM_MANAGER, {"Amy Adams", "Ben Brown"}),
        (Role.IRO, {"Amy Adams", "Ben Brown"}),
        (Role.SERVICE_MANAGER, {"Amy Adams", "Ben Brown", "Bea Baker"}),
        (Role.QA, {"Amy Adams", "Ben Brown", "Bea Baker", "Cal Cole"}),
        (Role.ANALYST, {"Amy Adams", "Ben Brown", "Bea Baker", "Cal Cole"}),
        (Role.DIRECTOR, {"Amy Adams", "Ben Brown", "Bea Baker", "Cal Cole"}),
        (Role.INSPECTOR, {"Amy Adams", "Ben Brown", "Bea Baker", "Cal Cole"}),
        (Role.ADMINISTRATOR, set()),
    ],
)
def test_every_role_lists_the_children_of_its_scope(client, authority, role, expected):
    user = UserFactory(roles=[role])
    WorkerFactory(user=user, team=authority["alice_worker"].team)
    client.force_login(user)
    response = client.get(reverse("home") + "?show=team")
    assert response.status_code == 200
    assert names_on(response) == expected


def test_a_user_with_no_role_reads_nothing(client, authority):
    client.force_login(UserFactory())
    assert names_on(client.get(reverse("home"))) == set()
    assert client.get(reverse("child", args=["A1"])).status_code == 404


def test_the_home_list_does_not_query_per_child(client, authority):
    client.force_login(authority["director"])
    client.get(reverse("home"))  # warm the session and the authority settings
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    worker = authority["alice_worker"]
    for n in range(15):
        AllocationFactory(worker=worker, child=ChildFactory(first_name="Extra", last_name=f"Child{n}"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_record_shows_each_running_clock_and_its_history(client, authority):
    amy = authority["amy"]
    referral = ReferralFactory(child=amy, referral_date=date(2025, 12, 19))
    make(Assessment, referral=referral, child=amy, start_date=date(2025, 12, 22))
    client.force_login(authority["alice"])
    with time_machine.travel(date(2026, 3, 2)):
        text = client.get(reverse("child", args=["A1"])).content.decode()
    assert "Child and family assessment" in text
    assert "25 Feb 2026" in text
    assert "Overdue" in text
    history = text[text.index("History of completed and ended clocks") :]
    assert "Referral decision" in history
    assert "Done on time" in history  # decided (assessment started) the next working day


def test_a_restricted_record_is_absent_for_everyone_not_named_on_it(client, authority):
    amy = authority["amy"]
    amy.is_restricted = True
    with fixture_writes():
        amy.save()
    for user in [authority["alice"], authority["director"]]:
        client.force_login(user)
        assert "Amy Adams" not in names_on(client.get(reverse("home") + "?show=team"))
        assert names_on(client.get(reverse("search"), {"q": "Amy"})) == set()
        assert client.get(reverse("child", args=["A1"])).status_code == 404
    make(RestrictedAccess, child=amy, user=authority["director"], reason="Named by the head of service")
    client.force_login(authority["director"])
    client.post(reverse("child_reason", args=["A1"]), {"reason": "management"})
    text = client.get(reverse("child", args=["A1"])).content.decode()
    assert "Restricted record" in text
    client.force_login(authority["alice"])
    assert client.get(reverse("child", args=["A1"])).status_code == 404


def test_opening_a_record_outside_your_team_asks_why_and_logs_the_reason(client, authority):
    client.force_login(authority["director"])
    response = client.get(reverse("child", args=["A1"]))
    assert response["Location"] == reverse("child_reason", args=["A1"]) + "?next=%2Fchildren%2FA1%2F"
    refused = client.post(reverse("child_reason", args=["A1"]), {"reason": "other", "other": ""})
    assert refused.status_code == 400
    assert "Enter the reason you are opening this record" in refused.content.decode()
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.VIEW).exists()
    client.post(reverse("child_reason", args=["A1"]), {"reason": "audit"})
    assert client.get(reverse("child", args=["A1"])).status_code == 200
    details = list(AccessEvent.objects.filter(action=AccessEvent.Action.VIEW).values_list("detail", flat=True))
    assert "Reason: Case audit or quality assurance" in details


def test_the_reason_prompt_can_be_switched_off(client, authority, settings):
    settings.LANTERN_ASK_REASON_OUTSIDE_OWN_WORK = False
    client.force_login(authority["director"])
    assert client.get(reverse("child", args=["A1"])).status_code == 200


def test_a_team_manager_reads_who_opened_a_record_and_why(client, authority):
    client.force_login(authority["director"])
    client.post(reverse("child_reason", args=["A1"]), {"reason": "inspection"})
    client.force_login(authority["tina"])
    text = client.get(reverse("child_access_log", args=["A1"])).content.decode()
    assert "Who has opened this record" in text
    assert "(director)" in text
    assert "Reason: Inspection or regulatory sampling" in text


def test_the_data_protection_officer_audits_a_restricted_record_without_reading_it(client, authority):
    amy = authority["amy"]
    amy.is_restricted = True
    with fixture_writes():
        amy.save()
    dpo = UserFactory(username="dpo", roles=[Role.DATA_PROTECTION])
    client.force_login(dpo)
    assert client.get(reverse("child_access_log", args=["A1"])).status_code == 200
    assert client.get(reverse("child", args=["A1"])).status_code == 404


def test_the_reason_prompt_returns_to_the_page_that_asked_and_only_to_this_site(client, authority):
    client.force_login(authority["director"])
    asked = client.get(reverse("child", args=["A1"]))
    answered = client.post(asked["Location"], {"reason": "audit"})
    assert answered["Location"] == reverse("child", args=["A1"])
    client.force_login(authority["director"])  # a new session: asked again
    elsewhere = client.post(reverse("child_reason", args=["B1"]) + "?next=https://evil.example/", {"reason": "audit"})
    assert elsewhere["Location"] == reverse("child", args=["B1"])


def test_a_service_manager_is_not_asked_why_for_a_child_in_another_team_of_their_service(client, authority):
    client.force_login(authority["sally"])  # team A, Safeguarding service; Bea is allocated in team B
    assert client.get(reverse("child", args=["B2"])).status_code == 200
    assert client.get(reverse("child", args=["C1"])).status_code == 404  # another service: not theirs at all


def test_a_team_manager_looking_up_a_child_outside_the_team_is_told_where_it_looked(client, authority):
    client.force_login(authority["tina"])
    page = client.get(reverse("audit_find"), {"la_child_id": "C1"})
    assert page.status_code == 400
    assert "No child with that LA child ID in your team&#x27;s records: check it and try again" in page.text


def test_a_recording_form_that_shows_a_child_is_logged_as_a_view(client, authority):
    client.force_login(authority["alice"])
    assert client.get(reverse("journey:visit", args=["A1"])).status_code == 200
    (event,) = AccessEvent.objects.filter(action=AccessEvent.Action.VIEW, object_id=str(authority["amy"].pk))
    assert event.detail.startswith("Recording page: ")
    assert event.path == reverse("journey:visit", args=["A1"])
