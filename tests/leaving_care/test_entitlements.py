"""The entitlements checklist (what a young person must have before 18), who turns 18 soon without them, and the
personal adviser's caseload."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from lantern.accounts.roles import Role
from lantern.leaving_care.models import CareLeaver, Entitlement
from lantern.timescales.selectors import child_timescales
from lantern.workforce.models import Allocation, Worker
from tests.factories import AllocationFactory, ChildFactory, UserFactory, WorkerFactory, fixture_writes, make
from tests.missing.test_views import assert_refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def amy_turning_18(people):
    """Amy turns 18 on 1 June 2026 (15 on 1 June 2023), and is a relevant child."""
    amy = people["amy"]
    amy.date_of_birth = date(2008, 6, 1)
    with fixture_writes():
        amy.save()
    make(CareLeaver, child=amy, eligibility="RELEVANT", eligible_from=date(2024, 6, 1))
    return amy


def on(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def open_entitlements(child) -> dict[str, str]:
    return {
        c.subject: c.status.value
        for c in child_timescales(child=child, as_of=TODAY)
        if c.rule.id == "entitlements" and c.is_open
    }


def test_it_records_what_was_handed_over_and_stops_those_clocks(alice, amy_turning_18):
    url = reverse("leaving_care:entitlements", args=["A1"])
    page = text(alice.get(url))
    assert "Entitlements before 18" in page and "18th birthday 1 June 2026" in page
    assert "Passport (where relevant)" in page and "Rights and entitlements explained" in page
    assert len(open_entitlements(amy_turning_18)) == 6  # every one but the passport is owed
    response = alice.post(url, on("ni_number", date(2026, 1, 12)) | on("rights_explained", date(2026, 2, 2)))
    assert response.status_code == 302
    assert dict(Entitlement.objects.values_list("kind", "handed_over_on")) == {
        "ni_number": date(2026, 1, 12),
        "rights_explained": date(2026, 2, 2),
    }
    assert sorted(open_entitlements(amy_turning_18)) == [
        "Bank account",
        "Birth certificate",
        "Health history",
        "Photo ID",
    ]
    # The page shows the dates recorded, and a later save changes only what is typed.
    assert 'value="12"' in alice.get(url).content.decode()
    alice.post(url, on("ni_number", date(2026, 1, 12)) | on("photo_id", date(2026, 2, 20)))
    assert Entitlement.objects.count() == 3


def test_it_refuses_an_entitlement_handed_over_before_the_young_person_was_15(alice):
    response = alice.post(
        reverse("leaving_care:entitlements", args=["A1"]),
        on("photo_id", date(2023, 5, 31)) | on("bank_account", date(2025, 5, 1)),
    )
    assert_refused(
        response,
        link="id_photo_id-day",
        message="Photo ID: date handed over cannot be before the young person was 15 (on 1 June 2023)",
    )
    assert not Entitlement.objects.exists()  # the good date is not saved either


def test_it_refuses_a_date_in_the_future(alice):
    response = alice.post(reverse("leaving_care:entitlements", args=["A1"]), on("passport", date(2026, 3, 3)))
    assert_refused(response, link="id_passport-day", message="Passport (where relevant) must be today or in the past")
    assert not Entitlement.objects.exists()


def test_the_entitlement_clock_reaches_its_form_from_my_work(alice):
    work = html.unescape(alice.get(reverse("worklists:my_work")).content.decode())
    assert f'href="{reverse("leaving_care:entitlements", args=["A1"])}?next=' in work
    assert "Record what was handed over" in work


def test_turning_18_lists_who_turns_18_in_six_months_and_what_they_lack(alice, people, amy_turning_18):
    make(Entitlement, child=amy_turning_18, kind="health_history", handed_over_on=date(2026, 2, 1))
    # Not listed: 18 in seven months; and a child neither in care nor a care leaver.
    later = ChildFactory(first_name="Lee", last_name="Later", date_of_birth=date(2008, 10, 1))
    make(CareLeaver, child=later, eligibility="ELIGIBLE", eligible_from=date(2024, 10, 1))
    AllocationFactory(child=later, worker=people["alice_worker"])
    AllocationFactory(
        child=ChildFactory(first_name="Nat", date_of_birth=date(2008, 7, 1)), worker=people["alice_worker"]
    )
    page = text(alice.get(reverse("leaving_care:turning_18")))
    assert "1 young person" in page
    assert (
        "Amy Adams A1 1 June 2026 National Insurance number, Photo ID, Bank account, Birth certificate, "
        "Rights and entitlements explained None allocated" in page
    )
    assert "Lee Later" not in page and "Nat " not in page


def test_turning_18_shows_only_the_viewers_records(client, people):
    client.force_login(people["carl"])
    assert "0 young people" in text(client.get(reverse("leaving_care:turning_18")))
    client.force_login(people["admin"])
    assert client.get(reverse("leaving_care:turning_18")).status_code == 403


def test_a_personal_advisers_caseload_counts_the_young_people_allocated_to_them(client, people, amy_turning_18):
    adviser = UserFactory(username="pat", roles=[Role.PERSONAL_ADVISER])
    pa = WorkerFactory(
        user=adviser, team=people["team"], role=Worker.Role.PERSONAL_ADVISER, first_name="Pat", last_name="Adviser"
    )
    AllocationFactory(child=amy_turning_18, worker=pa, role=Allocation.Role.PERSONAL_ADVISER)
    for _ in range(2):
        AllocationFactory(child=ChildFactory(), worker=pa, role=Allocation.Role.PERSONAL_ADVISER)
    client.force_login(people["tina"])
    page = text(client.get(reverse("worklists:team")))
    assert "Pat Adviser Personal adviser 3" in page
    assert "Alice Archer Social worker 1" in page
