"""The director opens the performance pack, reads assessment timeliness from its table, drills down to the children
behind it and counts the same number; axe finds nothing on either page. In Chromium."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from lantern.core.models import AuthoritySettings
from tests.performance.conftest import AS_OF, build_world

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_the_director_reads_assessment_timeliness_and_counts_the_children_behind_it(
    page, live_server, axe_violations, people
):
    AuthoritySettings.current()
    build_world(people)
    call_command("performance", "snapshot", "--as-of", AS_OF.isoformat(), "--weeks", "12", stdout=io.StringIO())

    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    # The director lands on the first questions, each a link to the children behind it.
    expect(page.get_by_role("heading", level=1)).to_have_text("How the service is doing")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Performance").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Performance pack as at")
    page.get_by_label("Pack date").fill(AS_OF.isoformat())
    page.get_by_role("button", name="Show the pack for this date").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance pack as at 31 March 2026")

    row = page.locator('tr[data-measure="assessments_within_45_wd"]')
    assert row.locator("[data-value]").inner_text() == "66.7%"
    counted = int(row.locator("[data-numerator]").inner_text())
    # The chart is drawn (Chart.js sizes its canvas) and its figures are in a table beside it.
    canvas = page.locator("#chart-assessments_within_45_wd")
    expect(canvas).to_have_attribute("style", re.compile("height"))
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "performance-pack.png"), full_page=True)

    row.get_by_role("link", name="Assessments within 45 working days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Authorised within 45 working days of the referral")
    children = page.locator("#children tbody tr")
    assert children.count() == counted == 2
    expect(children.first).to_contain_text("Ann Test")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Show the rest of the assessments authorised in the year").click()
    expect(page.locator("#children tbody tr")).to_have_count(1)
    expect(page.locator("#children")).to_contain_text("Bea Test")
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "performance-drill-down.png"), full_page=True)
