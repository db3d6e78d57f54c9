"""The demo authority's returns pass the DfE's own validators with no errors (DESIGN principle 7).

One tiny authority is built for the module, after the 2025/26 collection year has ended, and its CIN census and
SSDA903 are exported and run through csc-validator-be-cin and csc-validator-be-903. A failure lists the rules.
"""

import csv
import io
from datetime import date

import pytest
from django.db import transaction

from lantern.demo.generator import generate
from lantern.returns.cin_census import export_cin_census
from lantern.returns.ssda903 import export_ssda903
from lantern.returns.validators import ValidationResult, validate_cin_census, validate_ssda903
from lantern.workingdays.calendar import invalidate_council_calendar
from tests.demo.conftest import assert_test_database

pytest.importorskip("lac_validator")
pytest.importorskip("cin_validator")
# Marked so that pytest-django creates the test database: it sets up only those the collected tests ask for, and
# a module-scoped fixture alone does not ask (it would then write to the database in LANTERN_DATABASE_URL).
pytestmark = pytest.mark.django_db

YEAR = 2026
BUILT_ON = date(2026, 6, 1)  # after 31 March 2026, so the whole collection year is on record
SEED = 1


@pytest.fixture(scope="module")
def returns(django_db_setup, django_db_blocker, tmp_path_factory):
    """The tiny demo's two returns, exported and validated once; rolled back afterwards."""
    directory = tmp_path_factory.mktemp("demo-returns")
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        invalidate_council_calendar()
        generate(size="tiny", seed=SEED, today=BUILT_ON, stdout=io.StringIO())
        census = directory / "cin.xml"
        with census.open("wb") as handle:
            export_cin_census(YEAR, handle)
        export_ssda903(YEAR, directory)
        results = {
            "cin": validate_cin_census(census, year=YEAR),
            "903": validate_ssda903(directory, year=YEAR),
        }
        tables = {}
        for path in directory.glob("*.csv"):
            with path.open(newline="", encoding="utf-8") as handle:
                tables[path.stem] = list(csv.DictReader(handle))
        yield results, tables
        transaction.set_rollback(True)
    invalidate_council_calendar()


def errors_by_rule(result: ValidationResult) -> dict[str, int]:
    return result.rules("error")


def test_it_passes_the_cin_census_validator_with_no_errors(returns):
    results, _ = returns
    assert errors_by_rule(results["cin"]) == {}


def test_it_passes_the_ssda903_validator_with_no_errors(returns):
    results, _ = returns
    assert errors_by_rule(results["903"]) == {}


def test_it_exercises_adoption_and_the_twelve_month_items(returns):
    _, tables = returns
    for name in ("ad1", "placed_for_adoption", "oc2"):
        assert tables[name], f"the tiny demo has no {name} rows"
    # The adopted children's rows are complete (rule 601), with adopters' codes that agree (rules 511-524).
    for row in tables["ad1"]:
        assert all(row[column] for column in ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR"))
        assert (row["NB_ADOPTR"] == "1") == (row["LS_ADOPTR"] == "L0")
    assert all(row["IMMUNISATIONS"] in ("0", "1") for row in tables["oc2"])
