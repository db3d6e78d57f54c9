"""The plan, an action, the forms and the board report, as the director, a team manager and others see them."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from lantern.improvement.models import Action, RagSnapshot
from lantern.improvement.services import snapshot_rags
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_director_sees_each_action_with_its_rag_and_the_live_measure(client, plan_world):
    client.force_login(plan_world["director"])
    page = client.get(reverse("improvement:plan")).content.decode()
    assert "Quality of practice" in page and "Partnerships" in page
    assert "Assessments within 45 working days" in page
    assert "66.7%" in page and "69.9%" in page and "90.0%" in page
    assert 'data-rag="amber"' in page and 'data-rag="green"' in page
    assert "0 red, 1 amber, 1 green" in page
    assert "Add an action" in page


def test_the_plan_filters_by_theme_rag_and_owner(client, plan_world):
    client.force_login(plan_world["director"])
    url = reverse("improvement:plan")
    assert 'data-action="WF1"' not in client.get(url, {"rag": "amber"}).content.decode()
    assert 'data-action="QP1"' not in client.get(url, {"theme": "workforce"}).content.decode()
    page = client.get(url, {"owner": "Head of HR"}).content.decode()
    assert 'data-action="WF1"' in page and 'data-action="QP1"' not in page


def test_a_team_manager_reads_the_plan_but_is_not_offered_or_allowed_a_form(client, plan_world):
    client.force_login(plan_world["tina"])
    page = client.get(reverse("improvement:plan")).content.decode()
    assert "QP1" in page and "Add an action" not in page
    assert client.get(reverse("improvement:action_new")).status_code == 403
    assert client.post(reverse("improvement:rag", args=[plan_world["wf1"].pk]), {"rag": "red"}).status_code == 403


def test_the_action_page_shows_milestones_evidence_and_the_history_as_a_table_with_its_chart(client, plan_world):
    qp1 = plan_world["qp1"]
    for day in (date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)):
        snapshot_rags(as_of=day)
    client.force_login(plan_world["director"])
    page = client.get(reverse("improvement:action", args=[qp1.pk])).content.decode()
    assert "March 2026" in page and "January 2026" in page
    assert "<svg" in page and 'id="history"' in page
    other = client.get(reverse("improvement:action", args=[plan_world["wf1"].pk])).content.decode()
    assert "<svg" not in other  # set by hand: no measure to draw, so no chart (its table still shows)
    assert RagSnapshot.objects.filter(action=plan_world["wf1"]).count() == 3


def test_adding_an_action_with_a_percentage_target_keeps_it_as_a_share(client, plan_world):
    client.force_login(plan_world["director"])
    data = {
        "theme": "partnerships", "ref": "PA9", "text": "Joint panel", "status": "not_started",
        "start_date-day": "1", "start_date-month": "4", "start_date-year": "2026",
        "due_date-day": "1", "due_date-month": "10", "due_date-year": "2026",
        "measure_id": "assessments_within_45_wd", "baseline": "60", "target": "85",
    }  # fmt: skip
    response = client.post(reverse("improvement:action_new"), data)
    assert response.status_code == 302
    action = Action.objects.get(ref="PA9")
    assert (action.baseline, action.target) == (0.6, 0.85)


def test_bad_input_on_the_action_form_is_refused_by_field(client, plan_world):
    client.force_login(plan_world["director"])
    data = {
        "theme": "partnerships", "ref": "PA9", "text": "Joint panel", "status": "not_started",
        "start_date-day": "1", "start_date-month": "4", "start_date-year": "2026",
        "due_date-day": "1", "due_date-month": "3", "due_date-year": "2026",
        "measure_id": "assessments_within_45_wd", "target": "120",
    }  # fmt: skip
    response = client.post(reverse("improvement:action_new"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "The due date must be the same as or after the start date" in page
    assert "The target of a percentage must be between 0% and 100%" in page
    assert not Action.objects.filter(ref="PA9").exists()


def test_a_rag_set_by_hand_without_a_reason_is_refused(client, plan_world):
    client.force_login(plan_world["director"])
    response = client.post(reverse("improvement:rag", args=[plan_world["wf1"].pk]), {"rag": "red", "reason": ""})
    assert response.status_code == 400
    assert "a RAG set by hand needs its reason" in response.content.decode()
    plan_world["wf1"].refresh_from_db()
    assert plan_world["wf1"].manual_rag == "green"


def test_the_board_report_downloads_as_pdf_and_xlsx(client, plan_world):
    client.force_login(plan_world["director"])
    url = reverse("improvement:board")
    assert "Report to the improvement board, 31 March 2026" in client.get(url).content.decode()
    pdf = client.get(url, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "QP1" in text and "66.7%" in text
    xlsx = client.get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["QP1"][7] == "amber" and round(rows["QP1"][10], 3) == 0.667
    assert rows["WF1"][7] == "green" and rows["WF1"][13] == "Six of eight posts filled"


def test_a_social_worker_may_not_open_the_plan(client, plan_world):
    client.force_login(UserFactory(username="sw2"))
    assert client.get(reverse("improvement:plan")).status_code == 403
