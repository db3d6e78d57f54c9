"""The other measures on small worlds of their own, each figure worked out by hand."""

from datetime import date, timedelta

import pytest

from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.missing.models import MissingEpisode
from lantern.performance.definitions import MEASURES
from lantern.performance.definitions.in_care import placements_in_year
from lantern.performance.selectors import evaluate
from tests.factories import ChildFactory, make
from tests.performance.conftest import AS_OF, at

pytestmark = pytest.mark.django_db


def counted(measure_id: str, as_of: date = AS_OF) -> tuple[int, int]:
    _, result = evaluate(MEASURES[measure_id], as_of)
    return result.numerator, result.denominator


def test_return_interviews_count_those_held_within_72_hours_of_the_return(db):
    child = ChildFactory()
    returned = at(date(2026, 3, 2), 9)

    def episode(interviewed_after: timedelta | None, back=returned):
        make(
            MissingEpisode,
            child=child,
            kind="M",
            started_at=back - timedelta(hours=5),
            returned_at=back,
            return_interview_at=None if interviewed_after is None else back + interviewed_after,
        )

    episode(timedelta(hours=71))  # on time
    episode(timedelta(hours=73), back=at(date(2026, 3, 5), 9))  # late
    episode(None, back=at(date(2026, 3, 10), 9))  # never held, its 72 hours long gone: late
    episode(None, back=at(date(2026, 3, 30), 20))  # came back yesterday evening: not yet due, not counted
    assert counted("missing_return_interviews_within_72h") == (1, 3)


def test_care_leavers_are_counted_by_their_latest_contact(db):
    def leaver(born: date, in_touch: str, activity: str, accommodation: str, eligibility="FORMER_RELEVANT"):
        child = ChildFactory(date_of_birth=born)
        make(CareLeaver, child=child, eligibility=eligibility, eligible_from=date(2024, 1, 1))
        # An older contact that said otherwise: only the latest counts.
        make(CareLeaverContact, child=child, contact_date=date(2025, 6, 1), in_touch="NO")
        make(
            CareLeaverContact,
            child=child,
            contact_date=date(2026, 2, 1),
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
        )

    leaver(date(2005, 5, 1), "YES", "F5", "U1")  # 20: in touch, in work, suitable
    leaver(date(2006, 3, 31), "YES", "G5", "S2")  # 20 today: in touch, not EET, unsuitable
    leaver(date(2004, 4, 1), "NO", "", "")  # 21 (22 tomorrow): not in touch
    leaver(date(2004, 3, 31), "YES", "F1", "U1")  # 22 today: not aged 19 to 21
    leaver(date(2007, 6, 1), "YES", "F2", "D1", eligibility="RELEVANT")  # 18: the 17 to 18 group
    assert counted("care_leavers_19_21_in_touch") == (2, 3)
    assert counted("care_leavers_19_21_eet") == (1, 3)
    assert counted("care_leavers_19_21_suitable_accommodation") == (1, 3)
    assert counted("care_leavers_17_18_in_touch") == (1, 1)


def test_a_caseload_is_children_allocated_per_case_holding_worker(people):
    # Alice holds Amy (the personas); another worker in her team holds two more.
    from tests.factories import AllocationFactory, WorkerFactory

    other = WorkerFactory(team=people["team"])
    for _ in range(2):
        AllocationFactory(worker=other)
    _, result = evaluate(MEASURES["caseload_average"], AS_OF)
    assert (result.numerator, result.denominator, result.value) == (3, 2, 1.5)


def test_placements_in_the_year_count_the_one_held_at_its_start_and_each_new_one():
    start = date(2025, 4, 1)
    held = (date(2024, 1, 1), None, "S")
    assert placements_in_year([held], start) == 1
    assert placements_in_year([held, (date(2025, 6, 1), None, "P"), (date(2025, 7, 1), None, "L")], start) == 2
    assert placements_in_year([(date(2025, 6, 1), None, "S"), (date(2025, 8, 1), None, "B")], start) == 2
