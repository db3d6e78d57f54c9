"""Is this child already known? Matches on identifiers and on a name with its date of birth, misspellings allowed."""

from datetime import date

import pytest

from lantern.people.models import Child
from lantern.people.selectors import edit_distance, names_close, possible_matches, soundex
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("entered", "known"),
    [("Jonh", "John"), ("Stephen", "Steven"), ("Smyth", "Smith"), ("Mohammed", "Muhammad"), ("Zoë", "Zoe"),
     ("O'Brien", "OBrien"), ("Sam", "Samantha"), ("Catherine", "Kathryn"), ("Aimee", "Amy"),
     ("Hughes", "Hewes"), ("Philips", "Filipps")],
)  # fmt: skip
def test_common_misspellings_are_close(entered, known):
    assert names_close(entered, known)


@pytest.mark.parametrize(("entered", "known"), [("John", "Mary"), ("Adams", "Baker"), ("Li", "Lu")])
def test_different_names_are_not(entered, known):
    assert not names_close(entered, known)


def test_soundex_and_edit_distance_are_the_standard_ones():
    assert soundex("Robert") == soundex("Rupert") == "R163"
    assert soundex("Ashcraft") == "A261"
    assert edit_distance("abcd", "acbd") == 1  # a swap of neighbours is one slip
    assert edit_distance("kitten", "sitting") == 3


def known(**fields) -> list[str]:
    return [m.child.la_child_id for m in possible_matches(Child.objects.all(), **fields)]


def test_it_finds_a_child_by_each_identifier():
    ChildFactory(la_child_id="K1", nhs_number="9434765919", upn="A123456789012")
    assert known(nhs_number="943 476 5919") == ["K1"]
    assert known(upn="a123456789012") == ["K1"]
    assert known(la_child_id="k1") == ["K1"]


def test_it_finds_a_misspelt_name_with_the_date_of_birth_or_its_day_and_month_swapped():
    ChildFactory(la_child_id="K2", first_name="Jayden", last_name="Smith", date_of_birth=date(2015, 4, 3))
    ChildFactory(la_child_id="K3", first_name="Jayden", last_name="Smith", date_of_birth=date(2016, 4, 3))
    assert known(first_name="Jaden", last_name="Smyth", date_of_birth=date(2015, 4, 3)) == ["K2"]
    assert known(first_name="Jayden", last_name="Smith", date_of_birth=date(2015, 3, 4)) == ["K2"]
    assert known(first_name="Oliver", last_name="Smith", date_of_birth=date(2015, 4, 3)) == []


def test_an_identifier_match_comes_before_a_name_match_and_says_why():
    ChildFactory(la_child_id="K4", first_name="Amy", last_name="Adams", date_of_birth=date(2014, 5, 1))
    ChildFactory(la_child_id="K5", first_name="Ruby", last_name="Jones", nhs_number="9434765919")
    matches = possible_matches(
        Child.objects.all(),
        first_name="Amy",
        last_name="Adams",
        date_of_birth=date(2014, 5, 1),
        nhs_number="9434765919",
    )
    assert [(m.child.la_child_id, m.reasons) for m in matches] == [
        ("K5", ["Same NHS number"]),
        ("K4", ["Same name and the same date of birth"]),
    ]
