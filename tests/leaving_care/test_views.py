"""The personal adviser's contact with a care leaver: the form that stops the PA contact clock."""

import html
from datetime import date

import pytest
from django.urls import reverse

from lantern.accounts.roles import Role
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.timescales.selectors import child_timescales
from lantern.workforce.models import Allocation
from tests.factories import AllocationFactory, UserFactory, WorkerFactory, fixture_writes, make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def amy_leaving_care(people):
    """Amy, 18 since 1 October 2025, is a relevant care leaver from that day."""
    amy = people["amy"]
    amy.date_of_birth = date(2007, 10, 1)
    with fixture_writes():
        amy.save()
    make(CareLeaver, child=amy, eligibility="RELEVANT", eligible_from=date(2025, 10, 1))


def url(child) -> str:
    return reverse("leaving_care:contact", args=[child.la_child_id])


def on(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def pa_clock(child):
    clocks = [c for c in child_timescales(child=child, as_of=TODAY) if c.rule.id == "pa_contact"]
    return clocks[-1]


def test_the_form_shows_the_care_leaver_and_their_last_contact(alice, people):
    text = page_text(alice.get(url(people["amy"])))
    assert "Record a contact with a care leaver" in text
    assert "Eligible since" in text and "1 October 2025" in text
    assert "None recorded" in text
    assert "IN_TOUCH" in text


def test_a_contact_in_touch_is_saved_with_what_they_do_and_where_they_live(alice, people):
    amy = people["amy"]
    assert pa_clock(amy).status.value == "overdue"
    response = alice.post(
        url(amy), on("contact_date", TODAY) | {"in_touch": "YES", "activity": "F2", "accommodation": "D1"}
    )
    assert response.status_code == 302
    contact = CareLeaverContact.objects.get(child=amy)
    assert (contact.contact_date, contact.in_touch, contact.activity, contact.accommodation) == (
        TODAY,
        "YES",
        "F2",
        "D1",
    )
    assert pa_clock(amy).status.value == "not due"
    assert pa_clock(amy).started_date == TODAY


def test_in_touch_without_activity_or_accommodation_is_refused_naming_both(alice, people):
    response = alice.post(url(people["amy"]), on("contact_date", TODAY) | {"in_touch": "YES"})
    text = page_text(response)
    assert "<title>Error: " in text
    assert 'href="#id_activity' in text and "Select what the young person is doing" in text
    assert 'href="#id_accommodation' in text and "Select where the young person is living" in text
    assert not CareLeaverContact.objects.exists()


def test_not_in_touch_keeps_no_activity_or_accommodation(alice, people):
    response = alice.post(
        url(people["amy"]), on("contact_date", TODAY) | {"in_touch": "REFU", "activity": "F2", "accommodation": "D1"}
    )
    assert response.status_code == 302
    contact = CareLeaverContact.objects.get()
    assert (contact.in_touch, contact.activity, contact.accommodation) == ("REFU", "", "")


@pytest.mark.parametrize(
    "day, message",
    [
        (date(2026, 3, 3), "Date of contact must be today or in the past"),
        (date(2025, 9, 30), "Date of contact cannot be before they became a care leaver"),
    ],
)
def test_a_date_in_the_future_or_before_eligibility_is_refused(alice, people, day, message):
    text = page_text(alice.post(url(people["amy"]), on("contact_date", day) | {"in_touch": "NO"}))
    assert message in text
    assert not CareLeaverContact.objects.exists()


def test_a_child_who_is_not_a_care_leaver_is_told_so_and_nothing_is_saved(alice, people):
    with fixture_writes():
        CareLeaver.objects.all().delete()
    text = page_text(alice.post(url(people["amy"]), on("contact_date", TODAY) | {"in_touch": "NO"}))
    assert "This young person is not recorded as a care leaver" in text
    assert not CareLeaverContact.objects.exists()


def test_a_personal_adviser_records_it_and_a_read_only_role_may_not(client, people):
    adviser = UserFactory(username="pat", roles=[Role.PERSONAL_ADVISER])
    AllocationFactory(
        child=people["amy"],
        worker=WorkerFactory(user=adviser, team=people["alice_worker"].team),
        role=Allocation.Role.PERSONAL_ADVISER,
    )
    client.force_login(adviser)
    assert client.post(url(people["amy"]), on("contact_date", TODAY) | {"in_touch": "NO"}).status_code == 302
    client.force_login(people["director"])
    assert client.get(url(people["amy"])).status_code == 403
    client.force_login(people["carl"])
    assert client.get(url(people["amy"])).status_code == 404
