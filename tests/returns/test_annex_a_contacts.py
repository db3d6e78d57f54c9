"""Annex A List 1 (contacts): contacts received in the six months to the inspection date, by the local day."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from lantern.core.models import AuthoritySettings
from lantern.journey.models import Contact
from lantern.returns.annex_a import LISTS, Inspection, list_rows
from tests.factories import ChildFactory, make

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 7, 31)  # the window opens on 31 January 2025; 31 July is in British Summer Time


def contact(la_child_id: str, received: datetime, source: str) -> None:
    child = ChildFactory(la_child_id=la_child_id, sex="U", ethnicity="NOBT", date_of_birth=date(2010, 8, 1))
    make(Contact, child=child, received_at=timezone.make_aware(received), source=source)


def test_it_lists_contacts_from_the_first_to_the_last_local_day_of_the_window():
    AuthoritySettings.current()
    contact("C-BEFORE", datetime(2025, 1, 30, 23, 59), "1A")
    contact("C-FIRST", datetime(2025, 1, 31, 0, 0), "5D")
    contact("C-LAST", datetime(2025, 7, 31, 23, 30), "10")  # 22:30 UTC: still 31 July in London
    contact("C-AFTER", datetime(2025, 8, 1, 0, 5), "6")

    assert list(list_rows(LISTS[0], Inspection(AS_OF))) == [
        [
            "C-FIRST",
            "c) Not stated/recorded",
            "s) NOBT",
            date(2010, 8, 1),
            14,
            date(2025, 1, 31),
            "p1) 5D: LA services",
        ],
        ["C-LAST", "c) Not stated/recorded", "s) NOBT", date(2010, 8, 1), 14, date(2025, 7, 31), "u) 10: Unknown"],
    ]
