"""The workforce page, recording a supervision and the census export, as a manager, a reader and a social worker
see them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from lantern.core.services import local_today
from lantern.timescales.clocks import Clock, Status
from lantern.timescales.rules import REGISTRY
from lantern.workforce.models import Post, Supervision, SupervisionDiscussion, Worker
from lantern.worklists.links import action_for
from tests.factories import WorkerFactory, fixture_writes, make

pytestmark = pytest.mark.django_db


@pytest.fixture
def establishment(people):
    """Team A: Alice's post, an agency worker's, and two vacant posts (FTE 1 and 0.5)."""
    team = people["team"]
    agent = WorkerFactory(team=team, first_name="Ava", last_name="Agent", employment=Worker.Employment.AGENCY)
    with fixture_writes():
        make(Post, team=team, grade="social_worker", fte=Decimal(1), worker=people["alice_worker"])
        make(Post, team=team, grade="social_worker", fte=Decimal(1), worker=agent)
        make(Post, team=team, grade="social_worker", fte=Decimal(1), vacant_since=date(2025, 11, 3))
        make(Post, team=team, grade="senior_practitioner", fte=Decimal("0.5"), vacant_since=date(2026, 1, 5))
    return agent


def test_a_team_manager_sees_their_teams_vacancy_and_agency_rates_and_whose_supervision_is_due(
    client, people, establishment
):
    client.force_login(people["tina"])
    page = client.get(reverse("staffing:workforce")).content.decode()
    assert "Workforce: Team A" in page
    # 2.5 of 3.5 FTE without a permanent holder; 1 of 2 FTE in post agency.
    assert "71.4% (2.5 of 3.5 FTE posts without a permanent holder)" in page
    assert "50.0% (1 of 2 FTE in post are agency)" in page
    # Alice started in 2020 with no supervision since: overdue, with the form offered.
    assert 'Record supervision<span class="govuk-visually-hidden"> of Alice Archer' in page
    assert "Team C" not in page


def test_a_team_manager_records_a_supervision_and_the_decision_is_on_the_childs_chronology(client, people):
    client.force_login(people["tina"])
    alice = people["alice_worker"]
    url = reverse("staffing:supervision_new", args=[alice.pk])
    assert "Amy Adams (A1)" in client.get(url).content.decode()
    today = local_today()
    due = today + timedelta(days=14)
    tina = Worker.objects.get(user=people["tina"])
    response = client.post(
        url,
        {
            "held_on-day": today.day, "held_on-month": today.month, "held_on-year": today.year,
            "supervisor": tina.pk, "child_1": people["amy"].pk, "child_1_decision": "Convene a core group",
            "child_1_reflection": "Reflected on neglect", "child_1_action": "See Amy alone",
            "child_1_action_owner": alice.pk, "child_1_action_due_date-day": due.day,
            "child_1_action_due_date-month": due.month, "child_1_action_due_date-year": due.year,
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert Supervision.objects.get().held_on == today
    client.force_login(people["alice"])
    record = client.get(reverse("child", args=["A1"])).content.decode()
    assert "Management decision in supervision" in record
    assert "Convene a core group (Tina Tanner)" in record


def test_a_supervisor_who_is_the_worker_is_refused_on_the_page_and_nothing_is_saved(client, people):
    client.force_login(people["tina"])
    alice = people["alice_worker"]
    today = local_today()
    response = client.post(
        reverse("staffing:supervision_new", args=[alice.pk]),
        {
            "held_on-day": today.day, "held_on-month": today.month, "held_on-year": today.year,
            "supervisor": alice.pk, "child_1": people["amy"].pk, "child_1_decision": "Decide",
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "The supervisor must be someone other than Alice Archer" in page
    assert not SupervisionDiscussion.objects.exists()


def test_read_only_roles_get_no_supervision_form_and_a_social_worker_no_workforce_page(client, people):
    alice = people["alice_worker"]
    client.force_login(people["director"])
    assert client.get(reverse("staffing:supervision_new", args=[alice.pk])).status_code == 403
    page = client.get(reverse("staffing:workforce")).content.decode()
    assert "Team A" in page and "Team C" in page and "Record supervision" not in page
    client.force_login(people["alice"])
    assert client.get(reverse("staffing:workforce")).status_code == 403
    client.force_login(people["other_tm"])
    assert client.get(reverse("staffing:supervision_new", args=[alice.pk])).status_code == 404


def test_the_census_export_streams_the_figures_as_csv(client, people, establishment):
    client.force_login(people["director"])
    response = client.get(reverse("staffing:census") + "?format=csv")
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"].startswith('attachment; filename="workforce-census-')
    assert "Agency workers (headcount),1" in body
    assert "Vacancies (FTE),2.5" in body


def test_the_supervision_clock_links_to_its_form_and_the_team_view_to_whose_supervision_is_due(client, people):
    alice = people["alice_worker"]
    due = date(2026, 3, 2)
    clock = Clock(
        REGISTRY["supervision"], 1, "Supervision", due, due, None, Status.OVERDUE, 0, 0, True, "worker", alice.pk
    )
    action = action_for(clock, "A1")
    assert (action.url, action.text) == (reverse("staffing:supervision_new", args=[alice.pk]), "Record the supervision")
    client.force_login(people["tina"])
    page = client.get(reverse("worklists:team")).content.decode()
    assert "Whose supervision is due in Team A" in page
