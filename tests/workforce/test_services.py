"""Allocating, transferring and ending an allocation: the SW_REASON kept, a leaver refused, nothing saved if refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lantern.workforce.models import Allocation
from lantern.workforce.services import allocation_end, child_allocate
from tests.factories import AllocationFactory, WorkerFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def test_a_transfer_ends_the_last_allocation_with_its_reason_and_keeps_the_history(people):
    amy, alice = people["amy"], people["alice"]
    bea = WorkerFactory(first_name="Bea", last_name="Brown")
    child_allocate(
        by=alice, child=amy, worker=bea, role="social_worker", start_date=TODAY, end_reason="LEFTRL", today=TODAY
    )
    history = list(Allocation.objects.filter(child=amy).order_by("start_date"))
    assert [(a.worker.full_name, a.end_date, a.end_reason) for a in history] == [
        ("Alice Archer", TODAY, "LEFTRL"),
        ("Bea Brown", None, ""),
    ]
    assert history[1].team == bea.team


def test_a_transfer_to_a_worker_who_has_left_is_refused_and_saves_nothing(people):
    gone = WorkerFactory(first_name="Gail", last_name="Gone", end_date=date(2026, 2, 27))
    with pytest.raises(ValidationError) as refused:
        child_allocate(
            by=people["tina"], child=people["amy"], worker=gone, role="social_worker", start_date=TODAY,
            end_reason="MANAGE", today=TODAY,
        )  # fmt: skip
    assert refused.value.message_dict == {"worker": ["Gail Gone left on 27 February 2026 and cannot be allocated"]}
    assert Allocation.objects.get(child=people["amy"]).end_date is None


def test_a_transfer_needs_the_reason_when_the_page_asks_for_it(people):
    with pytest.raises(ValidationError) as refused:
        child_allocate(
            by=people["tina"], child=people["amy"], worker=WorkerFactory(), role="social_worker", start_date=TODAY,
            reason_required=True, today=TODAY,
        )  # fmt: skip
    assert refused.value.message_dict == {"end_reason": ["Select why Alice Archer's allocation is ending"]}


def test_ending_an_allocation_keeps_its_reason_and_refuses_a_date_before_it_started(people):
    allocation = AllocationFactory(start_date=date(2026, 1, 5))
    with pytest.raises(ValidationError) as refused:
        allocation_end(by=people["tina"], allocation=allocation, end_date=date(2026, 1, 2), end_reason="MANAGE")
    assert "the date it started, 5 January 2026" in refused.value.message_dict["end_date"][0]
    allocation_end(by=people["tina"], allocation=allocation, end_date=TODAY, end_reason="CHCHAN", today=TODAY)
    allocation.refresh_from_db()
    assert (allocation.end_date, allocation.end_reason) == (TODAY, "CHCHAN")
