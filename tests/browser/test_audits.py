"""QA sees which auditors' grades moderation changes most, with weighted kappa; a team manager sees the open audit
actions of their team; a manager audits a child from the sample; axe finds nothing on the way."""

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from lantern.audits import services
from lantern.audits.importing import import_audits
from tests.audits.conftest import TODAY, world  # noqa: F401 (the audits' small world)

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = "audit_id,la_child_id,audit_date,theme,auditor,auditor_grade,moderator,moderated_grade,moderation_date\n"


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_qa_reads_agreement_and_a_manager_audits_and_sees_the_teams_actions(
    page,
    live_server,
    axe_violations,
    world,  # noqa: F811
    tmp_path,
):
    grades = ["good"] * 6 + ["requires improvement"] * 5 + ["inadequate"] * 2
    rows = [f"Q-{n},A1,2026-10-02,Drift,Quinn Assure,good,Mo Derate,{g},2026-10-05" for n, g in enumerate(grades)]
    rows += [f"T-{n},A2,2026-10-02,Drift,Tess Manager,{g},Mo Derate,{g},2026-10-05" for n, g in
             enumerate(["good", "requires improvement", "inadequate", "outstanding"] * 3)]  # fmt: skip
    (tmp_path / "audits.csv").write_text(HEADER + "\n".join(rows) + "\n")
    assert import_audits(tmp_path / "audits.csv").ok
    with time_machine.travel("2026-12-04 12:00Z", tick=False):
        chosen = services.programme_draw(
            by=world["qa"], title="December CP audit", theme="Drift", month=TODAY, rule="cp_over_12_months",
            sample_size=3, per_team_minimum=1, seed=3, tool=world["tool"], today=TODAY,
        )  # fmt: skip

    sign_in(page, live_server, "quinn")
    page.goto(live_server.url + reverse("audits:agreement"))
    by_auditor = page.locator("table").first
    quinn = by_auditor.locator("tr", has_text="Quinn Assure")
    expect(quinn.locator("td").nth(3)).to_have_text("7")  # lowered 7 of 13
    tess = by_auditor.locator("tr", has_text="Tess Manager")
    expect(tess.locator("td").nth(5)).to_have_text("1.00 (1.00 to 1.00)")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/audits_agreement.png", full_page=True)

    page.goto(live_server.url + reverse("audits:programme", args=[chosen.pk]))
    assert axe_violations(page) == []
    sign_in(page, live_server, "tess")
    page.goto(live_server.url + reverse("audits:programme", args=[chosen.pk]))
    page.get_by_role("link", name="Audit ChildA1").click()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("group", name="Safety").get_by_label("Good").check()
    page.get_by_role("group", name="Voice of the child").get_by_label("Requires improvement").check()
    page.get_by_role("group", name="Overall grade").get_by_label("Requires improvement").check()
    page.get_by_label("Safeguarding concern").fill("Mother's partner has moved back in")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/audits_form.png", full_page=True)
    page.get_by_role("button", name="Save the audit").click()
    expect(page.get_by_text("The safeguarding concern was raised to the team manager.")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("audits:index"))
    expect(page.get_by_text("1 open action in your records")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Safeguarding concern from the audit: Mother's partner")
    expect(page.locator("table").first).to_contain_text("Tess Manager")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/audits_index.png", full_page=True)
