"""Annex A List 11 (adopters): one row per household still in the process at the inspection date, or that left
it (or saw every matched child adopted) in the twelve months to it."""

from datetime import date

import pytest

from lantern.care.models import Adopters
from lantern.core.models import AuthoritySettings
from lantern.returns.annex_a import LISTS, Inspection, list_rows
from tests.factories import make

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 31)  # the twelve months open on 31 January 2025
ADOPTERS = LISTS[10]


def household(reference: str, sex: str, legal_status: str, **dates) -> None:
    make(Adopters,
        reference=reference, number_of_adopters=1 if sex in ("M1", "F1") else 2, sex=sex, legal_status=legal_status,
        **dates,
    )  # fmt: skip


def test_households_in_the_process_or_that_left_in_the_year_with_a_single_adopters_gender():
    AuthoritySettings.current()
    household("ADF1", "F1", "L0", enquiry_on=date(2025, 4, 1), stage_one_start=date(2025, 5, 1),
              stage_one_end=date(2026, 3, 1))  # fmt: skip
    household("ADC1", "FF", "L12", enquiry_on=date(2024, 3, 1), left_on=date(2025, 6, 1),
              left_reason="Withdrew after stage one")  # fmt: skip
    household("ADC2", "MF", "L11", enquiry_on=date(2023, 3, 1), left_on=date(2025, 1, 30), left_reason="Moved away")
    household("ADL1", "M1", "L0", enquiry_on=date(2026, 2, 1))  # enquired after the date

    rows = {row[0]: dict(zip(ADOPTERS.headers, row, strict=True)) for row in list_rows(ADOPTERS, Inspection(AS_OF))}
    assert list(rows) == ["ADC1", "ADF1"]  # ADC2 left before the twelve months
    assert [rows["ADF1"][h] for h in ("Family identifier", "Gender", "Ethnicity", "Disability")] == [
        "ADF1", "b) Female", None, None,
    ]  # fmt: skip
    # Stage 1 ends after the date: not known yet.
    assert (rows["ADF1"]["Date Stage 1 started"], rows["ADF1"]["Date Stage 1 ended"]) == (date(2025, 5, 1), None)
    assert rows["ADC1"]["Gender"] is None  # a couple has no one gender
    assert (rows["ADC1"]["Date of leaving adoption process"], rows["ADC1"]["Reason for leaving adoption process"]) == (
        date(2025, 6, 1), "Withdrew after stage one",
    )  # fmt: skip
