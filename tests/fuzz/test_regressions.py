"""Server errors the fuzzers found, each kept as a plain test of what the user now sees instead."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import AccessEvent
from lantern.journey.models import Visit
from lantern.people.validators import validate_la_child_id, validate_upn
from lantern.returns.cin_census import export_cin_census
from lantern.returns.cin_import import import_cin_census
from lantern.returns.forms import PREFIXES, CollectionYearForm
from lantern.returns.importing import Invalid, parse_date
from lantern.returns.models import ReturnJob
from lantern.returns.ssda903_import import import_ssda903
from tests.returns.conftest import YEAR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]


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


@pytest.mark.parametrize("next_page", ["999", "home", "a\x00b"])
def test_a_next_that_is_not_a_path_goes_back_to_the_child_after_saving(alice, people, next_page):
    # Was a server error: redirect("999") takes it for the name of a view, and reversing it fails.
    amy = people["amy"]
    url = reverse("journey:visit", args=[amy.la_child_id]) + "?" + urlencode({"next": next_page})
    response = alice.post(
        url,
        {"visit_date-day": "27", "visit_date-month": "2", "visit_date-year": "2026", "kind": "cin", "seen": "no"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("child", args=[amy.la_child_id])
    assert Visit.objects.count() == 1


def test_a_next_that_is_not_a_path_after_the_second_factor_goes_home(client, people):
    # The same mistake in the two-factor pages' own copy of "where next".
    device = TOTPDevice.objects.create(user=people["director"], name="Authenticator app", confirmed=True)
    client.force_login(people["director"])
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("two_factor_verify"), {"code": code, "next": "999"})
    assert response.status_code == 302
    assert response["Location"] == "/"


# NUL characters: SQLite keeps them, PostgreSQL refuses them in text; every path must answer without a server error.


def test_a_search_with_a_nul_character_answers(alice, people):
    # Was a server error on PostgreSQL ("text fields cannot contain NUL").
    response = alice.get(reverse("search"), {"q": "Am\x00y"})
    assert response.status_code == 200
    assert "Amy" in response.content.decode()


def test_a_reason_with_a_nul_character_is_recorded_without_it(client, people):
    client.force_login(people["director"])  # Amy is outside the director's own work: the reason is asked
    amy = people["amy"]
    response = client.post(reverse("child_reason", args=[amy.la_child_id]), {"reason": "other", "other": "a\x00b"})
    assert response.status_code == 302
    assert AccessEvent.objects.get(user=people["director"]).detail == "Reason: Another reason: ab"


def test_a_sign_in_with_a_nul_character_is_refused_plainly(client, people):
    response = client.post(reverse("login"), {"username": "ali\x00ce", "password": "a-long-test-password"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_an_ssda903_file_with_a_nul_character_is_refused_with_a_problem(people, tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA\x001,1,01/01/2015,WBRI,UN1,,\n")
    # Was a DataError out of the import on PostgreSQL, when it looked the child up.
    result = import_ssda903([path])
    assert not result.applied
    assert [(p.file, p.line, p.reason) for p in result.problems] == [("header.csv", 2, "a NUL character")]


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("page", ["worklists:my_work", "worklists:team", "worklists:clocks"])
def test_a_worklist_as_of_a_date_past_the_calendar_shows_today(alice, people, page, as_of):
    # Was a server error: counting working days to 9999-12-31 overflows the calendar.
    assert alice.get(reverse(page), {"as_of": as_of}).status_code == 200


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_the_service_view_as_of_a_date_past_the_calendar_answers(client, people, as_of):
    client.force_login(people["director"])
    assert client.get(reverse("worklists:service"), {"as_of": as_of}).status_code == 200


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_the_timescales_api_as_of_a_date_past_the_calendar_answers(alice, people, as_of):
    url = reverse("api-1:child_timescales_api", kwargs={"la_child_id": people["amy"].la_child_id})
    assert alice.get(url, {"as_of": as_of}).status_code < 500


def test_a_sign_in_with_a_huge_username_is_refused_plainly(client, people):
    # Was a server error on PostgreSQL: django-axes recorded the failed sign-in in a varchar(255).
    response = client.post(reverse("login"), {"username": "A" * 10_000, "password": "a-long-test-password"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Username must be 150 characters or fewer" in page


# Digits that are not: "²".isdigit() is true, but int("²") fails ----------------------------------------------------


@pytest.mark.parametrize("worker", ["²", "9" * 30, "٣"])
def test_the_clocks_page_for_a_worker_that_is_not_a_number_answers(alice, people, worker):
    # Was a server error: int("²") fails, and 30 figures is past what the database holds.
    assert alice.get(reverse("worklists:clocks"), {"worker": worker}).status_code == 200


@pytest.mark.parametrize("year", ["²²²²", "²⁰²⁵"])
def test_a_returns_year_of_unusual_digits_is_refused_naming_the_field(year):
    # Was a server error on the Returns page: "²²²²".isdigit() is true, int() refuses it.
    kind = ReturnJob.Kind.values[0]
    form = CollectionYearForm(data={f"{PREFIXES[kind]}-year": year}, kind=kind)
    assert not form.is_valid()
    assert "must be a year with 4 numbers" in form.errors["year"][0]


def test_a_census_count_of_previous_plans_in_unusual_digits_is_not_a_crash(authority, tmp_path):
    # Was a ValueError out of `lantern import cin-census`: NumberOfPreviousCPP "²" passed isdigit().
    path = tmp_path / "census.xml"
    with path.open("wb") as stream:
        export_cin_census(YEAR, stream)
    text = path.read_text()
    assert "<NumberOfPreviousCPP>" in text
    path.write_text(re.sub(r"<NumberOfPreviousCPP>\d+<", "<NumberOfPreviousCPP>²<", text))
    assert import_cin_census(path).ok


@pytest.mark.parametrize("upn", ["A123456789012\n", "A١٢٣٤٥٦٧٨٩٠١٢"])
def test_a_upn_with_a_final_newline_or_other_digits_is_refused(upn):
    with pytest.raises(ValidationError):
        validate_upn(upn)
    validate_upn("A123456789012")


def test_an_la_child_id_with_a_final_newline_is_refused():
    with pytest.raises(ValidationError):
        validate_la_child_id("A1\n")
    validate_la_child_id("A1")


def test_an_ssda903_table_with_a_column_twice_is_refused(people, tmp_path):
    # Was taken in silently, the last of the two cells winning.
    path = tmp_path / "header.csv"
    path.write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,SEX\nA1,1,01/01/2015,WBRI,UN1,,,2\n")
    result = import_ssda903([path])
    assert not result.applied
    assert [(p.file, p.line, p.reason) for p in result.problems] == [
        ("header.csv", 1, "the columns ['SEX'] appear more than once")
    ]


def test_a_census_item_given_twice_is_refused_at_its_line(authority, tmp_path):
    # Was taken in silently: the importer read the first of the two and dropped the second.
    path = tmp_path / "census.xml"
    with path.open("wb") as stream:
        export_cin_census(YEAR, stream)
    text = path.read_text().replace(
        "<ReferralSource>2A</ReferralSource>", "<ReferralSource>2A</ReferralSource><ReferralSource>6</ReferralSource>"
    )
    path.write_text(text)
    result = import_cin_census(path)
    assert not result.applied
    assert [(p.child, p.field, p.reason) for p in result.problems] == [
        ("CINA1", "ReferralSource", "appears more than once")
    ]
