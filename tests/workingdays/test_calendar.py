"""Explicit cases; every expected date was counted by hand against a printed calendar, not computed."""

from datetime import date

import pytest

from lantern.workingdays.calendar import WorkingCalendar, add_months, add_weeks

calendar = WorkingCalendar()


def test_it_counts_the_worked_example_from_the_timescales_doc():
    # Fri 19 Dec 2025 is day 0. Mon 22=1, Tue 23=2, Wed 24=3, (Thu 25, Fri 26 bank holidays), Mon 29=4,
    # Tue 30=5, Wed 31=6, (Thu 1 Jan bank holiday), Fri 2 Jan=7; seven full weeks from Mon 5 Jan to
    # Fri 20 Feb add 35 (=42); Mon 23 Feb=43, Tue 24=44, Wed 25 Feb=45.
    assert calendar.add_working_days(date(2025, 12, 19), 7) == date(2026, 1, 2)
    assert calendar.add_working_days(date(2025, 12, 19), 42) == date(2026, 2, 20)
    assert calendar.add_working_days(date(2025, 12, 19), 45) == date(2026, 2, 25)
    assert calendar.working_days_between(date(2025, 12, 19), date(2026, 2, 25)) == 45


def test_it_skips_christmas_and_new_year_falling_midweek_in_2024_25():
    # 25 and 26 Dec 2024 are Wed and Thu; 1 Jan 2025 is a Wed.
    start = date(2024, 12, 23)
    assert calendar.add_working_days(start, 1) == date(2024, 12, 24)
    assert calendar.add_working_days(start, 2) == date(2024, 12, 27)
    assert calendar.add_working_days(start, 4) == date(2024, 12, 31)
    assert calendar.add_working_days(start, 5) == date(2025, 1, 2)
    assert calendar.working_days_between(start, date(2025, 1, 2)) == 5


def test_it_lists_the_christmas_bank_holidays():
    found = calendar.holidays_between(date(2024, 12, 20), date(2025, 1, 3))
    assert [d for d, _ in found] == [date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)]
    assert "Christmas" in found[0][1]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Easter 2024: Good Friday 29 Mar, Easter Monday 1 Apr.
        (date(2024, 3, 28), 1, date(2024, 4, 2)),
        # Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr.
        (date(2025, 4, 17), 1, date(2025, 4, 22)),
        # State Funeral of Queen Elizabeth II, Mon 19 Sep 2022.
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        # Coronation of King Charles III, Mon 8 May 2023, a week after the early May bank holiday.
        (date(2023, 5, 5), 1, date(2023, 5, 9)),
        (date(2023, 4, 28), 5, date(2023, 5, 9)),
        # Platinum Jubilee: spring bank holiday moved to Thu 2 Jun 2022, jubilee holiday Fri 3 Jun.
        (date(2022, 6, 1), 1, date(2022, 6, 6)),
        # ...so the usual last Monday in May (30 May 2022) was a working day.
        (date(2022, 5, 27), 1, date(2022, 5, 30)),
    ],
)
def test_it_skips_bank_holidays(start, n, expected):
    assert calendar.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 3, 29),
        date(2024, 4, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2022, 9, 19),
        date(2023, 5, 8),
        date(2022, 6, 2),
        date(2022, 6, 3),
        date(2022, 12, 27),  # Christmas Day fell on a Sunday; observed on the Tuesday
    ],
)
def test_it_treats_bank_holidays_as_non_working(day):
    assert not calendar.is_working_day(day)


def test_it_treats_the_unmoved_spring_bank_holiday_of_2022_as_working():
    assert calendar.is_working_day(date(2022, 5, 30))


def test_it_counts_from_a_saturday_start():
    # Sat 12 Apr 2025: Mon 14=1, Tue 15=2, Wed 16=3, Thu 17=4, (Good Friday, Easter Monday), Tue 22=5.
    saturday = date(2025, 4, 12)
    assert calendar.add_working_days(saturday, 1) == date(2025, 4, 14)
    assert calendar.add_working_days(saturday, 5) == date(2025, 4, 22)
    assert calendar.working_days_between(saturday, date(2025, 4, 14)) == 1
    # A weekend start adds nothing: day 45 from Sat 20 Dec 2025 matches day 45 from Fri 19 Dec.
    assert calendar.add_working_days(date(2025, 12, 20), 45) == date(2026, 2, 25)


def test_it_returns_the_start_for_zero_days_even_on_a_weekend():
    assert calendar.add_working_days(date(2025, 4, 12), 0) == date(2025, 4, 12)


def test_it_rejects_a_negative_number_of_days():
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2025, 1, 6), -1)


def test_it_counts_backwards_as_negative():
    assert calendar.working_days_between(date(2026, 2, 25), date(2025, 12, 19)) == -45
    assert calendar.working_days_between(date(2025, 12, 19), date(2025, 12, 19)) == 0


def test_it_finds_the_next_working_day():
    assert calendar.next_working_day(date(2025, 4, 14)) == date(2025, 4, 14)
    assert calendar.next_working_day(date(2025, 4, 12)) == date(2025, 4, 14)
    assert calendar.next_working_day(date(2025, 4, 18)) == date(2025, 4, 22)


def test_it_skips_closure_days_given_directly():
    closed = WorkingCalendar({date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31)})
    assert not closed.is_working_day(date(2025, 12, 30))
    # Mon 22=1, Tue 23=2, Wed 24=3, Fri 2 Jan=4.
    assert closed.add_working_days(date(2025, 12, 19), 4) == date(2026, 1, 2)


def test_it_names_a_closure_day_that_is_also_a_bank_holiday_once():
    closed = WorkingCalendar({date(2025, 12, 25): "Council closure", date(2025, 12, 29): "Council closure"})
    found = closed.holidays_between(date(2025, 12, 24), date(2025, 12, 29))
    assert [d for d, _ in found] == [date(2025, 12, 25), date(2025, 12, 26), date(2025, 12, 29)]
    assert found[0][1].endswith("; Council closure")
    assert found[2] == (date(2025, 12, 29), "Council closure")


def test_it_extends_its_years_in_both_directions():
    fresh = WorkingCalendar()
    assert fresh.add_working_days(date(2025, 12, 19), 45) == date(2026, 2, 25)
    assert fresh.add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)
    assert fresh.working_days_between(date(2022, 9, 16), date(2022, 9, 20)) == 1
    # Roughly ten years of working days in one jump.
    far = fresh.add_working_days(date(2020, 1, 1), 2_520)
    assert fresh.working_days_between(date(2020, 1, 1), far) == 2_520


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 10, 31), 0, date(2025, 10, 31)),
    ],
)
def test_it_adds_calendar_months_clamping_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_it_adds_weeks():
    assert add_weeks(date(2025, 12, 19), 6) == date(2026, 1, 30)
    assert add_weeks(date(2025, 12, 19), -1) == date(2025, 12, 12)
