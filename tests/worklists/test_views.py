"""The worklist pages for each role: who sees what, in which order, filtered, exported and counted."""

import html
import io
import re
import zipfile
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from lantern.journey.models import Visit
from lantern.people.models import Child
from lantern.timescales.models import DriftSetting
from lantern.workforce.models import Supervision
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    ReferralFactory,
    UserFactory,
    VisitFactory,
    WorkerFactory,
    fixture_writes,
    make,
)
from tests.worklists.conftest import AS_OF, cp_plan, names_on, referral_with_assessment

pytestmark = pytest.mark.django_db

MY_WORK = reverse("worklists:my_work")
TEAM = reverse("worklists:team")
SERVICE = reverse("worklists:service")
CLOCKS = reverse("worklists:clocks")
ON = {"as_of": AS_OF.isoformat()}


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, ON | params)


def text_of(response) -> str:
    return response.content.decode()


def csv_rows(response) -> list[str]:
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()


def statuses_in_order(response) -> list[str]:
    return re.findall(r'<tr class="govuk-table__row" data-status="([a-z_]+)">', text_of(response))


# Who may open what


@pytest.mark.parametrize("url", [MY_WORK, TEAM, SERVICE, CLOCKS])
def test_it_sends_an_unauthenticated_visitor_to_sign_in(client, authority, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [MY_WORK, TEAM, SERVICE, CLOCKS])
def test_an_administrator_is_refused_every_worklist(client, authority, url):
    assert get(client, authority["admin"], url).status_code == 403
    assert get(client, authority["admin"], url, format="csv").status_code == 403


def test_the_service_view_is_not_for_team_roles(client, authority):
    assert get(client, authority["alice"], SERVICE).status_code == 403
    assert get(client, authority["tina"], SERVICE).status_code == 403


# My work


def test_a_social_worker_sees_the_clocks_of_their_own_children_overdue_first(client, authority):
    response = get(client, authority["alice"], MY_WORK)
    assert response.status_code == 200
    text = text_of(response)
    assert names_on(response) == {"Amy Adams"}
    assert statuses_in_order(response) == ["overdue", "overdue", "due_soon", "not_due"]  # CP visit, core group
    rows = text[text.index('data-testid="clocks"') :]
    assert rows.index("Child protection visit") < rows.index("Child and family assessment")
    assert rows.index("Child and family assessment") < rows.index("First child protection review")
    assert "16 Feb 2026" in rows and "Overdue by 10 working days" in rows
    assert "9 Mar 2026" in rows and "5 working days left" in rows
    assert "Child protection plan of 2 Feb 2026" in rows
    assert reverse("child", args=["A1"]) in rows


def test_each_clock_links_to_where_it_is_recorded_and_back(client, authority):
    text = text_of(get(client, authority["alice"], MY_WORK))
    visit = reverse("journey:visit", args=["A1"])
    assert f'href="{visit}?kind=cp&amp;next=%2Fwork%2F%3Fas_of%3D2026-03-02"' in text
    assert "Record a visit" in text
    plan = authority["amy_plan"]
    assert reverse("journey:cp_review", args=[plan.pk]) in text


def test_my_work_counts_and_summary(client, authority):
    text = text_of(get(client, authority["alice"], MY_WORK))
    summary = text[text.index("govuk-summary-list") : text.index("What is due")]
    assert re.findall(r'summary-list__value">(\d+)<', summary) == ["1", "2", "1", "1"]
    assert "4 clocks, overdue first" in text


def test_my_work_filters_by_clock_and_status(client, authority):
    alice = authority["alice"]
    assert statuses_in_order(get(client, alice, MY_WORK, status="due_soon")) == ["due_soon"]
    response = get(client, alice, MY_WORK, rule="cp_visit")
    assert statuses_in_order(response) == ["overdue"]
    assert '<option value="cp_visit" selected>' in text_of(response)
    assert "No clocks match these filters" in text_of(get(client, alice, MY_WORK, rule="icpc"))
    # Unknown values are ignored, not errors.
    assert len(statuses_in_order(get(client, alice, MY_WORK, rule="nonsense", status="x"))) == 4


def test_my_work_defaults_to_today(client, authority):
    client.force_login(authority["alice"])
    with time_machine.travel(date(2026, 3, 2)):
        response = client.get(MY_WORK)
    assert statuses_in_order(response) == ["overdue", "overdue", "due_soon", "not_due"]  # CP visit, core group
    assert "Clocks as they stood on" not in text_of(response)
    assert "Clocks as they stood on 2 March 2026" in text_of(get(client, authority["alice"], MY_WORK))


def test_a_visit_stops_the_overdue_visit_clock(client, authority):
    VisitFactory(child=authority["amy"], kind=Visit.Kind.CP, visit_date=date(2026, 2, 27), seen=True)
    response = get(client, authority["alice"], MY_WORK, rule="cp_visit")
    assert statuses_in_order(response) == ["not_due"]


def test_my_work_shows_drift_signals_and_a_caseload_warning(client, authority):
    ReferralFactory(
        child=authority["amy"], referral_date=date(2025, 6, 2), closure_date=date(2025, 7, 1), reason_for_closure="RC1"
    )
    DriftSetting.objects.update_or_create(id=1, defaults={"caseload_threshold": 0})
    text = text_of(get(client, authority["alice"], MY_WORK))
    signals = text[text.index('data-testid="signals"') :]
    assert "Re-referred within 12 months" in signals
    assert "Amy Adams" in signals
    assert "Caseload above 0 children: 1 children allocated (threshold 0)" in text


def test_a_user_without_a_worker_record_is_told_so(client, authority):
    response = get(client, authority["director"], MY_WORK)
    assert response.status_code == 200
    assert "Your account is not linked to a worker" in text_of(response)
    assert names_on(response) == set()


def test_my_work_never_shows_a_child_outside_the_users_scope(client, authority):
    # Carl is in team C; an allocation of Amy to him (team A) does not let a team-scoped worker read her.
    AllocationFactory(child=authority["amy"], worker=authority["carl_worker"], team=authority["team_a"], role="iro")
    assert names_on(get(client, authority["carl"], MY_WORK)) == {"Cal Cole"}


def test_my_work_is_paginated_and_the_export_holds_every_row(client, authority, settings):
    settings.LANTERN_PAGE_SIZE = 2
    response = get(client, authority["alice"], MY_WORK)
    assert statuses_in_order(response) == ["overdue", "overdue"]
    assert statuses_in_order(get(client, authority["alice"], MY_WORK, page="2")) == ["due_soon", "not_due"]
    assert len(csv_rows(get(client, authority["alice"], MY_WORK, format="csv", page="1"))) == 1 + 4


def test_my_work_takes_the_same_number_of_queries_for_2_or_15_children(client, authority):
    alice = authority["alice_worker"]

    def add_child(n):
        child = ChildFactory(first_name="Extra", last_name=f"Child{n}")
        referral = referral_with_assessment(child, date(2026, 1, 5), date(2026, 1, 6))
        cp_plan(referral, date(2026, 2, 2))
        VisitFactory(child=child, kind=Visit.Kind.CP, visit_date=date(2026, 2, 10))
        AllocationFactory(worker=alice, child=child)

    client.force_login(authority["alice"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(MY_WORK, ON)
        assert response.status_code == 200
        return len(captured.captured_queries)

    add_child(0)  # Amy and one more
    queries()  # warm the calendar cache
    two = queries()
    for n in range(1, 14):
        add_child(n)
    fifteen = queries()
    assert fifteen == two
    print(f"My work: {two} queries")


# Team view


def test_a_team_manager_sees_each_worker_with_caseload_and_counts(client, authority):
    response = get(client, authority["tina"], TEAM)
    assert response.status_code == 200
    text = text_of(response)
    assert '<h1 class="govuk-heading-l">Team A</h1>' in text
    workers = text[text.index('data-testid="workers"') : text.index('data-testid="rules"')]
    alice = workers[workers.index("Alice Tester") : workers.index("Bob Tester")]
    assert re.findall(r">(\d+)<", alice)[:3] == ["1", "2", "1"]  # caseload, overdue, due soon
    assert "Bella Other" not in workers  # team B
    rules = text[text.index('data-testid="rules"') :]
    assert "Child protection visit" in rules and "Child and family assessment" in rules
    assert names_on(response) == set()  # counts, not children


def test_a_caseload_above_the_threshold_is_flagged(client, authority):
    DriftSetting.objects.update_or_create(id=1, defaults={"caseload_threshold": 2})
    for _ in range(3):
        AllocationFactory(worker=authority["bob_worker"])
    text = text_of(get(client, authority["tina"], TEAM))
    bob = text[text.index("Bob Tester") : text.index("Sally Tester")]
    assert "4" in bob and "Above 2" in bob
    alice = text[text.index("Alice Tester") : text.index("Bob Tester")]
    assert "Above 2" not in alice


def test_the_team_view_is_limited_to_the_teams_a_user_may_see(client, authority):
    assert get(client, authority["tina"], TEAM, team=str(authority["team_c"].pk)).status_code == 404
    assert get(client, authority["alice"], TEAM).status_code == 200  # a social worker sees their own team
    assert get(client, authority["sally"], TEAM, team=str(authority["team_b"].pk)).status_code == 200
    assert get(client, authority["sally"], TEAM, team=str(authority["team_c"].pk)).status_code == 404
    director = get(client, authority["director"], TEAM, team=str(authority["team_c"].pk))
    assert "Carl Tester" in text_of(director)


def test_the_team_view_filters_by_clock(client, authority):
    text = text_of(get(client, authority["tina"], TEAM, rule="cp_visit"))
    rules = text[text.index('data-testid="rules"') :]
    assert "Child protection visit" in rules
    assert "Child and family assessment" not in rules


def test_the_team_exports_its_workers_and_its_clocks(client, authority):
    rows = csv_rows(get(client, authority["tina"], TEAM, format="csv"))
    assert rows[0] == "Worker,Role,Caseload,Caseload above 20,Overdue,Due soon"
    assert "Alice Tester,Social worker,1,No,2,1" in rows
    clocks = csv_rows(get(client, authority["tina"], TEAM, format="csv", table="clocks"))
    assert clocks[0] == "Clock,Overdue,Due soon,Not due"
    assert "Child protection visit,1,0,0" in clocks


# Service view and the drill-down


def test_a_service_manager_sees_the_teams_of_their_service(client, authority):
    text = text_of(get(client, authority["sally"], SERVICE))
    teams = text[text.index('data-testid="teams"') :]
    assert "Team A" in teams and "Team B" in teams
    assert "Team C" not in teams and "Not allocated" not in teams
    assert '<h1 class="govuk-heading-l">Safeguarding</h1>' in text


def test_a_director_sees_every_team_and_the_children_not_allocated(client, authority):
    text = text_of(get(client, authority["director"], SERVICE))
    teams = text[text.index('data-testid="teams"') :]
    for name in ["Team A", "Team B", "Team C", "Not allocated"]:
        assert name in teams
    assert "All services" in text


COUNT_LINK = re.compile(r'<a class="govuk-link" href="([^"]*/work/clocks/[^"]*)">(\d+)<span')


def count_links(response) -> list[tuple[str, int]]:
    return [(html.unescape(href), int(n)) for href, n in COUNT_LINK.findall(text_of(response))]


def drill_down_rows(client, href: str) -> int:
    page = client.get(href)
    assert page.status_code == 200
    caption = re.search(r"(\d+) clocks?, overdue first", text_of(page))
    rows = len(csv_rows(client.get(href + "&format=csv"))) - 1
    assert caption is not None and int(caption.group(1)) == rows
    return rows


@pytest.mark.parametrize("user", ["sally", "director"])
def test_every_count_on_the_service_view_equals_the_rows_of_its_drill_down(client, busier, user):
    response = get(client, busier[user], SERVICE)
    links = count_links(response)
    assert len(links) >= 6
    assert any(n > 1 for _, n in links)
    for href, n in links:
        assert drill_down_rows(client, href) == n, href


def test_every_count_on_the_team_view_equals_the_rows_of_its_drill_down(client, busier):
    links = count_links(get(client, busier["tina"], TEAM))
    assert any(n > 1 for _, n in links)
    for href, n in links:
        assert drill_down_rows(client, href) == n, href


def test_the_service_view_filtered_by_clock_still_matches_its_drill_down(client, busier):
    links = count_links(get(client, busier["director"], SERVICE, rule="assessment"))
    assert links and all("rule=assessment" in href for href, _ in links)
    for href, n in links:
        assert drill_down_rows(client, href) == n, href


def test_the_drill_down_lists_the_clocks_behind_a_count(client, authority):
    team_b = authority["team_b"]
    response = get(client, authority["sally"], CLOCKS, team=str(team_b.pk), status="overdue", rule="assessment")
    text = text_of(response)
    assert names_on(response) == {"Bea Baker"}
    assert "Overdue, Child and family assessment, Team B" in text
    assert "25 Feb 2026" in text and "Bella Other" in text


def test_the_drill_down_never_reaches_outside_the_users_scope(client, authority):
    assert get(client, authority["sally"], CLOCKS, team=str(authority["team_c"].pk)).status_code == 404
    assert get(client, authority["sally"], CLOCKS, team="none").status_code == 404
    assert names_on(get(client, authority["sally"], CLOCKS)) == {"Amy Adams", "Ben Brown", "Bea Baker"}
    assert names_on(get(client, authority["alice"], CLOCKS)) == {"Amy Adams", "Ben Brown"}
    assert names_on(get(client, authority["director"], CLOCKS, team="none")) == {"Uma Unwin"}


# Exports


def test_my_work_exports_as_csv_with_plain_headers_and_is_logged(client, authority):
    rows = csv_rows(get(client, authority["alice"], MY_WORK, format="csv"))
    assert rows[0] == (
        "Child's name,LA child ID,What is due,For,Started,Due,Status,Working days left (negative when overdue),"
        "Social worker,Action"
    )
    assert rows[1] == (
        "Amy Adams,A1,Child protection visit,Child protection plan of 2 Feb 2026,2026-02-02,2026-02-16,Overdue,-10,"
        "Alice Tester,Record a visit"
    )
    assert len(rows) == 5
    exports = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT, user=authority["alice"])
    event = exports.get(object_type="")
    assert event.detail == "My work: 4 rows as csv, 1 child"
    assert "Amy" not in event.detail
    # Each child in the file has the export on their own access log.
    each = exports.filter(object_type="people.child")
    assert list(each.values_list("object_id", "detail")) == [(str(authority["amy"].pk), "My work: 4 rows as csv")]
    client.force_login(authority["tina"])
    log = client.get(reverse("child_access_log", args=["A1"])).text
    assert "Exported" in log and "My work: 4 rows as csv" in log


def test_my_work_exports_as_xlsx(client, authority):
    response = get(client, authority["alice"], MY_WORK, format="xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-work-2026-03-02.xlsx"'
    workbook = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert "What is due" in sheet and "Child protection visit" in sheet and "Amy Adams" in sheet
    assert "My work" in workbook.read("xl/workbook.xml").decode()
    assert AccessEvent.objects.get(action=AccessEvent.Action.EXPORT, object_type="").detail == (
        "My work: 4 rows as xlsx, 1 child"
    )


def test_the_drift_signals_export(client, authority):
    ReferralFactory(
        child=authority["amy"], referral_date=date(2025, 6, 2), closure_date=date(2025, 7, 1), reason_for_closure="RC1"
    )
    rows = csv_rows(get(client, authority["alice"], MY_WORK, format="csv", table="signals"))
    assert rows[0] == "Child's name,LA child ID,Signal,Detail"
    assert rows[1].startswith("Amy Adams,A1,Re-referred within 12 months,")


def test_service_and_drill_down_export(client, authority):
    rows = csv_rows(get(client, authority["director"], SERVICE, format="csv"))
    assert rows[0] == "Team,Clock,Overdue,Due soon"
    assert "Team A,All clocks,2,1" in rows
    assert "Not allocated,Child and family assessment,1,0" in rows
    drill = csv_rows(get(client, authority["director"], CLOCKS, format="csv", status="overdue"))
    assert len(drill) == 1 + 5
    exports = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).order_by("sequence")
    # The service table is counts only: it names no child. The drill-down names each child once.
    assert [e.detail for e in exports.filter(object_type="")] == [
        "Service: 10 rows as csv, 0 children",
        "Clocks: 5 rows as csv, 4 children",
    ]
    named = {line.split(",")[1] for line in drill[1:]}
    assert (
        set(
            Child.objects.filter(
                pk__in=[
                    int(pk) for pk in exports.filter(object_type="people.child").values_list("object_id", flat=True)
                ]
            ).values_list("la_child_id", flat=True)
        )
        == named
    )


def test_an_export_neutralises_cells_that_a_spreadsheet_would_run(client, authority):
    amy = authority["amy"]
    amy.first_name, amy.last_name = '=HYPERLINK("http://x")', "@Adams"
    with fixture_writes():
        amy.save()
    rows = csv_rows(get(client, authority["alice"], MY_WORK, format="csv"))
    assert rows[1].startswith('"\'=HYPERLINK(""http://x"") @Adams",A1,')
    sheet = (
        zipfile.ZipFile(io.BytesIO(b"".join(get(client, authority["alice"], MY_WORK, format="xlsx").streaming_content)))
        .read("xl/worksheets/sheet1.xml")
        .decode()
    )
    assert "<f>" not in sheet
    assert re.search(r"<t>(&apos;|')=HYPERLINK", sheet)


# Other roles


@pytest.mark.parametrize(
    ("role", "team_ok", "service_ok"),
    [
        (Role.SOCIAL_WORKER, True, False),
        (Role.PERSONAL_ADVISER, True, False),
        (Role.TEAM_MANAGER, True, False),
        (Role.IRO, True, False),
        (Role.SERVICE_MANAGER, True, True),
        (Role.QA, True, True),
        (Role.ANALYST, True, True),
        (Role.DIRECTOR, True, True),
        (Role.INSPECTOR, True, True),
        (Role.ADMINISTRATOR, False, False),
    ],
)
def test_every_role_gets_the_worklists_of_its_scope(client, authority, role, team_ok, service_ok):
    user = UserFactory(roles=[role])
    WorkerFactory(user=user, team=authority["team_a"])
    client.force_login(user)
    expected = {True: 200, False: 403}
    assert client.get(MY_WORK, ON).status_code == expected[team_ok]
    assert client.get(TEAM, ON).status_code == expected[team_ok]
    assert client.get(SERVICE, ON).status_code == expected[service_ok]
    assert client.get(CLOCKS, ON).status_code == expected[team_ok]


def test_a_restricted_record_stays_off_every_worklist(client, authority):
    amy = authority["amy"]
    amy.is_restricted = True
    with fixture_writes():
        amy.save()
    assert names_on(get(client, authority["alice"], MY_WORK)) == set()
    assert "Amy Adams" not in "".join(csv_rows(get(client, authority["director"], CLOCKS, format="csv")))
    text = text_of(get(client, authority["tina"], TEAM))
    assert "Child protection visit" not in text[text.index('data-testid="rules"') :]


def test_a_whole_authority_worklist_reads_the_same_clocks(client, authority, monkeypatch):
    from lantern.timescales import selectors

    by_ids = csv_rows(get(client, authority["director"], CLOCKS, format="csv"))
    monkeypatch.setattr(selectors, "WHOLE_AUTHORITY", 0)
    assert csv_rows(get(client, authority["director"], CLOCKS, format="csv")) == by_ids
    assert len(by_ids) == 1 + 8


def test_the_team_view_lists_the_drift_signals_of_the_teams_children(client, authority):
    ReferralFactory(
        child=authority["ben"], referral_date=date(2025, 6, 2), closure_date=date(2025, 7, 1), reason_for_closure="RC1"
    )
    text = text_of(get(client, authority["tina"], TEAM))
    signals = text[text.index('data-testid="signals"') :]
    assert "Ben Brown" in signals and "Re-referred within 12 months" in signals
    rows = csv_rows(get(client, authority["tina"], TEAM, format="csv", table="signals"))
    assert rows[0] == "Child's name,LA child ID,Signal,Detail"
    assert rows[1].startswith("Ben Brown,B1,Re-referred within 12 months,")


def test_my_work_shows_when_my_next_supervision_is_due(client):
    user = UserFactory(roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=user, start_date=date(2025, 1, 6))
    make(Supervision, worker=worker, held_on=date(2026, 2, 2))
    client.force_login(user)
    text = client.get(reverse("worklists:my_work"), {"as_of": "2026-03-03"}).content.decode()
    assert "Your next supervision" in text
    assert "Due 2 Mar 2026" in text
