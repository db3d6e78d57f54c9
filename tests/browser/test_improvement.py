"""The director opens the improvement plan, sees each action's RAG and the live measure behind it, opens an action,
and downloads the board report as PDF holding the action's reference; axe finds nothing. In Chromium."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from lantern.core.models import AuthoritySettings
from lantern.improvement.services import snapshot_rags
from tests.improvement.conftest import _themes, on_as_of, plan_world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_the_director_reads_the_plan_and_downloads_the_board_report(page, live_server, axe_violations, plan_world):  # noqa: F811
    AuthoritySettings.current()
    snapshot_rags()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="Improvement plan").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvement plan")
    qp1 = page.locator('tr[data-action="QP1"]')
    expect(qp1.locator("[data-rag]")).to_contain_text("Amber")
    expect(qp1.locator("[data-value]")).to_have_text("66.7%")
    expect(qp1).to_contain_text("Assessments within 45 working days")
    expect(page.locator('tr[data-action="WF1"] [data-rag]')).to_contain_text("Green")
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "improvement-plan.png"), full_page=True)

    qp1.get_by_role("link", name="QP1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action QP1")
    expect(page.locator("#history")).to_contain_text("March 2026")
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "improvement-action.png"), full_page=True)

    page.goto(live_server.url + reverse("improvement:board"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Report to the improvement board, 31 March 2026")
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "improvement-board.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the board report (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "QP1" in text and "Amber" in text
    response = page.request.get(live_server.url + reverse("improvement:board") + "?format=pdf")
    assert response.headers["content-type"] == "application/pdf"
