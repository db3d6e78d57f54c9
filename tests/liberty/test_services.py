"""Recording deprivation of liberty orders: the rules of the 2026/27 SSDA903 as refusals at the form."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.liberty.selectors import placement_conflicts
from lantern.liberty.services import dolo_end, dolo_record
from tests.factories import CareEpisodeFactory, ChildFactory, UserFactory

TODAY = date(2026, 12, 4)


@pytest.fixture
def in_secure(db):
    child = ChildFactory(la_child_id="DOL1", date_of_birth=date(2011, 2, 3))
    CareEpisodeFactory(period__child=child, period__start_date=date(2026, 5, 1), placement_type="K2",
                       placement_provider="PR1")  # fmt: skip
    return child


def record(child, **kwargs):
    args = {"by": UserFactory(), "child": child, "start_date": date(2026, 6, 1), "court": "Family Court at Medway",
            "accommodation": "Oak House secure unit", "today": TODAY}  # fmt: skip
    return dolo_record(**(args | kwargs))


def test_an_order_in_a_secure_home_fits_and_ends(in_secure):
    order = record(in_secure)
    assert placement_conflicts([in_secure.pk]) == {}
    dolo_end(by=UserFactory(), order=order, end_date=date(2026, 11, 1), today=TODAY)
    order.refresh_from_db()
    assert order.end_date == date(2026, 11, 1)


def test_each_refusal_names_its_field_and_nothing_is_saved(in_secure):
    not_in_care = ChildFactory()
    with pytest.raises(ValidationError) as refused:
        record(not_in_care, start_date=date(2026, 12, 5), end_date=date(2026, 12, 1), court=" ", accommodation="")
    assert refused.value.message_dict == {
        "start_date": [
            "The date the order started must be today or in the past",
            "The child was not looked after on that day: record an order for a child in care",
        ],
        "end_date": ["The date the order ended must be the same as or after the date it started"],
        "court": ["Enter the court that made the order"],
        "accommodation": ["Enter the accommodation the order authorises"],
    }
    record(in_secure)
    with pytest.raises(ValidationError, match="The order from 1 June 2026 is still open"):
        record(in_secure, start_date=date(2026, 7, 1))
    assert DeprivationOfLibertyOrder.objects.count() == 1


def test_a_placement_that_cannot_serve_the_order_is_flagged(db):
    child = ChildFactory()
    CareEpisodeFactory(period__child=child, period__start_date=date(2026, 5, 1), placement_type="K1",
                       placement_provider="PR1")  # fmt: skip
    record(child)
    [conflict] = placement_conflicts([child.pk])[child.pk]
    assert conflict.forbidden
    assert conflict.message.startswith("Placed in Secure children's homes (K1) while a deprivation of liberty order")
