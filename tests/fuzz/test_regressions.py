"""Server errors the fuzzers found, each kept as a plain test of what the user now sees instead."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.journey.models import Visit
from lantern.returns.importing import Invalid, parse_date

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]


@pytest.fixture
def people(casework_people):
    return casework_people


def post_visit(client, amy, day: str, month: str, year: str):
    return client.post(
        reverse("journey:visit", args=[amy.la_child_id]),
        {"visit_date-day": day, "visit_date-month": month, "visit_date-year": year, "kind": "cin", "seen": "no"},
    )


@pytest.mark.parametrize("month", ["²", "٣٣", "9" * 5000])
def test_it_says_a_month_of_unusual_digits_is_not_a_real_date(alice, people, month):
    # Was a server error: "²".isdigit() is true but int("²") fails, and int() refuses 5,000 figures.
    response = post_visit(alice, people["amy"], "1", month, "2026")
    assert response.status_code == 200
    assert "Date of visit must be a real date" in response.content.decode()
    assert not Visit.objects.exists()


def test_it_says_a_huge_day_is_not_a_real_date(alice, people):
    # Was a server error: date() overflows (OverflowError, not ValueError) on a day of 23 figures.
    response = post_visit(alice, people["amy"], "99999999999999999999999", "3", "2026")
    assert response.status_code == 200
    assert "Date of visit must be a real date" in response.content.decode()
    assert not Visit.objects.exists()


def test_an_import_says_a_huge_day_is_not_a_date():
    # Was an OverflowError out of the SSDA903 import: 99999999999999999999/01/2025.
    with pytest.raises(Invalid, match="is not a date"):
        parse_date("99999999999999999999/01/2025", formats="uk")
    assert parse_date("28/02/2025", formats="uk") == date(2025, 2, 28)
