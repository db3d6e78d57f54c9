"""Annex A List 2 (early help): assessments started or completed in the six months to the inspection date."""

from datetime import date

import pytest

from lantern.core.models import AuthoritySettings
from lantern.journey.models import EarlyHelpEpisode
from lantern.returns.annex_a import LISTS, Inspection, list_rows
from tests.factories import ChildFactory, make

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 31)  # the window opens on 31 July 2025


def early_help(la_child_id: str, start: date, completed: date | None = None) -> None:
    child = ChildFactory(la_child_id=la_child_id, sex="M", ethnicity="BAFR", date_of_birth=date(2019, 4, 1))
    make(
        EarlyHelpEpisode,
        child=child,
        start_date=start,
        assessment_completed_date=completed,
        organisation="Family Hub North",
    )


def test_it_lists_assessments_started_or_completed_in_the_window_with_every_cell():
    AuthoritySettings.current()
    early_help("EH1", date(2025, 7, 31))  # starts on the first day of the window
    early_help("EH2", date(2025, 5, 1), completed=date(2025, 8, 15))  # started before, completed inside
    early_help("EH3", date(2025, 5, 1), completed=date(2025, 7, 30))  # done the day before the window
    early_help("EH4", date(2025, 12, 1), completed=date(2026, 2, 10))  # completed after the date: not known yet
    early_help("EH5", date(2026, 2, 1))  # after the date

    assert list(list_rows(LISTS[1], Inspection(AS_OF))) == [
        ["EH2", "a) Male", "o) BAFR", date(2019, 4, 1), 6, date(2025, 5, 1), date(2025, 8, 15), "Family Hub North"],
        ["EH1", "a) Male", "o) BAFR", date(2019, 4, 1), 6, date(2025, 7, 31), None, "Family Hub North"],
        ["EH4", "a) Male", "o) BAFR", date(2019, 4, 1), 6, date(2025, 12, 1), None, "Family Hub North"],
    ]
