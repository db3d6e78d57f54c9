"""An analyst sends the pending children to the DfE (the stand-in endpoint) from the DfE API page in Chromium."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from tests.dfe_api.conftest import dfe  # noqa: F401 (the stand-in endpoint)
from tests.factories import CareEpisodeFactory, ChildFactory, ReferralFactory, UserFactory
from tests.returns.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_sees_who_is_pending_sends_them_and_sees_the_send(page, live_server, axe_violations, dfe):  # noqa: F811
    UserFactory(username="ana", first_name="Ana", last_name="Lyst", roles=[Role.ANALYST])
    for name in ("Maisie", "Tomasz", "Ife"):
        child = ChildFactory(first_name=name)
        ReferralFactory(child=child, referral_date=date(2026, 6, 1))
    CareEpisodeFactory(period__child=child, period__start_date=date(2026, 7, 1))

    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + reverse("dfe_api:index"))
    expect(page.get_by_role("heading", name="DfE child-level API", level=1)).to_be_visible()
    expect(page.get_by_text("Lantern is working out every child’s record for today")).to_be_visible()
    run_worker()  # the working-out the first look of the day queued
    page.reload()
    expect(page.get_by_text("3 pending children, by LA child id")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/dfe_api_pending.png", full_page=True)

    page.get_by_role("button", name="Send the pending children now").click()
    expect(page.get_by_text("The send has started in the background")).to_be_visible()
    run_worker()
    page.reload()
    expect(page.get_by_text("No child is pending")).to_be_visible()
    row = page.locator("table").last.locator("tbody tr").first
    expect(row).to_contain_text("Sent")
    expect(row.locator("td").nth(3)).to_have_text("3")
    assert [len(batch) for batch in dfe.batches] == [3]
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/dfe_api_sent.png", full_page=True)
