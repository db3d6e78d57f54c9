"""Recording the SSDA903 OC2 items and adoption: what is kept, and bad input refused by field with nothing saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lantern.care.models import Adopters, AdoptionDecision, StrengthsAndDifficulties, SubstanceMisuse
from lantern.care.services import (
    adopters_register,
    adoption_decision_record,
    adoption_decision_reverse,
    adoption_match,
    conviction_record,
    sdq_record,
    substance_misuse_record,
)
from tests.factories import CareEpisodeFactory, CarePeriodFactory, ChildFactory, UserFactory, make

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def by():
    return UserFactory()


@pytest.fixture
def looked_after():
    child = ChildFactory(la_child_id="LA1", date_of_birth=date(2015, 6, 15))
    CareEpisodeFactory(period=CarePeriodFactory(child=child, start_date=date(2024, 1, 10)))
    return child


def refused(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_it_records_an_sdq_score_or_the_reason_there_is_none(by, looked_after):
    scored = sdq_record(by=by, child=looked_after, completed_on=date(2025, 9, 1), score=17, today=TODAY)
    assert (scored.score, scored.reason_no_score) == (17, "")
    refused_one = sdq_record(
        by=by, child=looked_after, completed_on=date(2026, 1, 5), reason_no_score="SDQ5", today=TODAY
    )
    assert (refused_one.score, refused_one.reason_no_score) == (None, "SDQ5")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"score": 41}, "score"),
        ({"score": -1}, "score"),
        ({"score": 12, "reason_no_score": "SDQ2"}, "score"),
        ({}, "score"),
        ({"reason_no_score": "SDQ9"}, "reason_no_score"),
        ({"score": 10, "completed_on": date(2026, 3, 3)}, "completed_on"),
    ],
)
def test_it_refuses_a_bad_sdq(by, looked_after, values, field):
    values = {"completed_on": date(2025, 9, 1)} | values
    assert field in refused(lambda: sdq_record(by=by, child=looked_after, today=TODAY, **values))
    assert not StrengthsAndDifficulties.objects.exists()


def test_it_refuses_an_sdq_score_for_a_child_under_four(by):
    baby = ChildFactory(date_of_birth=date(2023, 1, 1))
    assert "score" in refused(
        lambda: sdq_record(by=by, child=baby, completed_on=date(2025, 9, 1), score=8, today=TODAY)
    )
    assert sdq_record(by=by, child=baby, completed_on=date(2025, 9, 1), reason_no_score="SDQ1", today=TODAY)


def test_the_database_refuses_an_sdq_with_neither_score_nor_reason(looked_after):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(StrengthsAndDifficulties, child=looked_after, completed_on=date(2025, 9, 1))


def test_an_intervention_received_was_offered(by, looked_after):
    misuse = substance_misuse_record(
        by=by, child=looked_after, identified_on=date(2025, 11, 1), intervention_received=True, today=TODAY
    )
    assert (misuse.intervention_offered, misuse.intervention_received) == (True, True)
    errors = refused(
        lambda: substance_misuse_record(
            by=by,
            child=looked_after,
            identified_on=date(2025, 12, 1),
            intervention_offered=False,
            intervention_received=True,
            today=TODAY,
        )  # fmt: skip
    )
    assert "intervention_offered" in errors
    assert SubstanceMisuse.objects.count() == 1


def test_it_refuses_a_conviction_under_ten(by):
    young = ChildFactory(date_of_birth=date(2017, 1, 1))
    assert "convicted_on" in refused(
        lambda: conviction_record(by=by, child=young, convicted_on=date(2025, 12, 1), today=TODAY)
    )


def adopters(by, **overrides) -> Adopters:
    values = {
        "reference": "ADP1",
        "number_of_adopters": 2,
        "sex": "MF",
        "legal_status": "L11",
        "application_on": date(2024, 9, 1),
        "approved_on": date(2025, 1, 20),
        "today": TODAY,
    }
    return adopters_register(by=by, **(values | overrides))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"sex": "MF", "legal_status": "L0", "number_of_adopters": 1}, "sex"),
        ({"sex": "MM", "legal_status": "L11"}, "sex"),
        ({"sex": "F1", "legal_status": "L0", "number_of_adopters": 2}, "number_of_adopters"),
        ({"legal_status": "L9"}, "legal_status"),
        ({"number_of_adopters": 3}, "number_of_adopters"),
        ({"reference": "  "}, "reference"),
        ({"approved_on": date(2024, 8, 1)}, "approved_on"),
    ],
)
def test_it_refuses_adopters_whose_codes_do_not_agree(by, values, field):
    assert field in refused(lambda: adopters(by, **values))
    assert not Adopters.objects.exists()


def test_it_takes_a_decision_matches_and_refuses_a_second_decision_in_force(by, looked_after):
    decision = adoption_decision_record(by=by, child=looked_after, decided_on=date(2024, 6, 1), today=TODAY)
    couple = adopters(by)
    assert "decided_on" in refused(
        lambda: adoption_decision_record(by=by, child=looked_after, decided_on=date(2025, 1, 1), today=TODAY)
    )
    assert "adopters" in refused(
        lambda: adoption_match(by=by, decision=decision, adopters=couple, matched_on=date(2025, 1, 1), today=TODAY)
    )  # not approved until 20 January
    matched = adoption_match(by=by, decision=decision, adopters=couple, matched_on=date(2025, 3, 1), today=TODAY)
    assert (matched.matched_on, matched.adopters.sex) == (date(2025, 3, 1), "MF")


def test_it_refuses_a_decision_for_a_child_not_looked_after(by):
    child = ChildFactory(date_of_birth=date(2020, 1, 1))
    assert "decided_on" in refused(
        lambda: adoption_decision_record(by=by, child=child, decided_on=date(2025, 1, 1), today=TODAY)
    )
    assert not AdoptionDecision.objects.exists()


def test_it_reverses_a_decision_with_its_reason(by, looked_after):
    decision = adoption_decision_record(by=by, child=looked_after, decided_on=date(2024, 6, 1), today=TODAY)
    for values, field in (
        ({"reversed_on": date(2024, 5, 1), "reason": "RD1"}, "reversed_on"),
        ({"reversed_on": date(2025, 7, 1), "reason": "RD7"}, "reason"),
    ):
        assert field in refused(lambda v=values: adoption_decision_reverse(by=by, decision=decision, today=TODAY, **v))
    done = adoption_decision_reverse(by=by, decision=decision, reversed_on=date(2025, 7, 1), reason="RD3", today=TODAY)
    assert (done.reversed_on, done.reversed_reason) == (date(2025, 7, 1), "RD3")
    # Once reversed, a new decision may be made.
    assert adoption_decision_record(by=by, child=looked_after, decided_on=date(2025, 9, 1), today=TODAY)
