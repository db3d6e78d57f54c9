"""Annex A List 9 (care leavers): each care leaver at the inspection date, from their latest contact by it."""

from datetime import date

import pytest

from lantern.core.models import AuthoritySettings
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.returns.annex_a import LISTS, Inspection, list_rows
from tests.factories import ChildFactory, make

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 31)
CARE_LEAVERS = LISTS[8]
FROM_LATEST_CONTACT = [
    "LA in Touch", "Latest Date of Contact", "Type of Accommodation", "Suitability of Accommodation", "Activity Status",
]  # fmt: skip


def leaver(la_child_id: str, **child) -> object:
    young_person = ChildFactory(la_child_id=la_child_id, date_of_birth=date(2006, 5, 1), **child)
    make(CareLeaver, child=young_person, eligibility="RELEVANT", eligible_from=date(2024, 5, 1))
    return young_person


def test_the_latest_contact_by_the_date_gives_touch_accommodation_and_activity_and_not_known_is_blank():
    AuthoritySettings.current()
    ida = leaver("CLI1")
    make(CareLeaverContact, child=ida, contact_date=date(2025, 9, 1), in_touch="YES", activity="F4", accommodation="D2")
    make(CareLeaverContact, child=ida, contact_date=date(2025, 12, 1), in_touch="REFU", activity="0", accommodation="0")
    make(
        CareLeaverContact,  # after the date: not known yet
        child=ida,
        contact_date=date(2026, 2, 1),
        in_touch="YES",
        activity="F1",
        accommodation="U1",
    )
    jo = leaver("CLJ1")
    make(CareLeaverContact, child=jo, contact_date=date(2025, 10, 1), in_touch="YES", activity="G6", accommodation="D2")
    leaver("CLK1", death_date=date(2025, 12, 24))  # died before the date: not a care leaver on it
    leaver("CLL1")  # no contact yet

    rows = {
        row[0]: dict(zip(CARE_LEAVERS.headers, row, strict=True)) for row in list_rows(CARE_LEAVERS, Inspection(AS_OF))
    }
    assert {child: [row[h] for h in ["Eligibility Category", *FROM_LATEST_CONTACT]] for child, row in rows.items()} == {
        "CLI1": ["a) Relevant child", "d) Refu", date(2025, 12, 1), None, None, None],
        "CLJ1": [
            "a) Relevant child", "a) Yes", date(2025, 10, 1),
            "D: Semi-independent, transitional accommodation and self-contained accommodation", "b) Unsuitable",
            "G6: Not in education, employment or training - pregnancy or parenting",
        ],
        "CLL1": ["a) Relevant child", None, None, None, None, None],
    }  # fmt: skip
