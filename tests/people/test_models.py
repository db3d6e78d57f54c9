from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lantern.people.models import Child
from lantern.people.services import child_register
from lantern.people.validators import nhs_number_is_valid, upn_check_letter
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_an_unknown_ethnicity_code_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ChildFactory(ethnicity="XXXX")
    assert Child.objects.count() == 0


def test_it_refuses_a_child_with_neither_birth_date_nor_expected_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ChildFactory(date_of_birth=None, expected_date_of_birth=None)


def test_it_refuses_a_death_before_birth():
    with pytest.raises(IntegrityError), transaction.atomic():
        ChildFactory(date_of_birth=date(2015, 1, 1), death_date=date(2014, 12, 31))


def test_it_reports_the_age_on_a_date():
    child = ChildFactory.build(date_of_birth=date(2010, 2, 28))
    assert child.age_on(date(2026, 2, 27)) == 15
    assert child.age_on(date(2026, 2, 28)) == 16


def test_it_checks_nhs_number_check_digits():
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")
    assert not nhs_number_is_valid("94347659")


def test_it_computes_the_upn_check_letter():
    # DfE worked example style: the letter is computed from the 12 characters after it.
    suffix = "318123456789"
    letter = upn_check_letter(suffix)
    assert letter in "ABCDEFGHJKLMNPQRTUVWXYZ"
    assert upn_check_letter(suffix) == letter


def test_it_registers_a_child_with_disabilities():
    user = UserFactory()
    child = child_register(
        by=user,
        la_child_id="C0000123",
        first_name=" Ada ",
        last_name="Lovelace",
        sex="F",
        ethnicity="WBRI",
        date_of_birth=date(2016, 3, 1),
        nhs_number="943 476 5919",
        disabilities=["AUT", "COMM"],
        today=date(2026, 11, 24),
    )
    assert child.full_name == "Ada Lovelace"
    assert child.nhs_number == "9434765919"
    assert sorted(child.disabilities.values_list("code", flat=True)) == ["AUT", "COMM"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date_of_birth": date(2026, 11, 25)}, "date_of_birth", "Date of birth must be today or in the past"),
        ({"date_of_birth": None}, "date_of_birth", "Enter a date of birth, or an expected date of birth"),
        ({"ethnicity": "XXXX"}, "ethnicity", "is not a valid choice"),
        ({"sex": "2"}, "sex", "is not a valid choice"),
        ({"nhs_number": "1234567890"}, "nhs_number", "valid check digit"),
        ({"la_child_id": "C-0002"}, "la_child_id", "letters and numbers only"),
        ({"upn": "I12345678901"}, "upn", "Enter a UPN"),
        ({"disabilities": ["WINGS"]}, "disabilities", "'WINGS' is not a recognised code"),
    ],
)
def test_it_refuses_bad_input_naming_the_field_and_saves_nothing(fields, field, message):
    values = {
        "la_child_id": "C1",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "sex": "F",
        "ethnicity": "WBRI",
        "date_of_birth": date(2016, 3, 1),
    } | fields
    with pytest.raises(ValidationError) as refused:
        child_register(by=UserFactory(), today=date(2026, 11, 24), **values)
    assert field in refused.value.message_dict
    assert any(message in text for text in refused.value.message_dict[field])
    assert Child.objects.count() == 0
