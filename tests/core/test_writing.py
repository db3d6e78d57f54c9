"""Records are written only through services: a shortcut is refused the first time it runs, naming the way in."""

from datetime import date

import pytest

from lantern.core.writing import WriteOutsideService, current_writer, service
from lantern.journey.models import Visit, VisitKind
from lantern.journey.services import visit_record
from lantern.people.models import Child
from tests.factories import ChildFactory, UserFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_a_record_saved_outside_a_service_is_refused_naming_the_service_module():
    child = ChildFactory(la_child_id="W1")
    with pytest.raises(WriteOutsideService) as refused:
        Visit(child=child, kind=VisitKind.OTHER, visit_date=date(2026, 3, 2), seen=True, seen_alone=False).save()
    assert str(refused.value) == (
        "Visit.save() outside a service: write it through a function marked @service in "
        "lantern/journey/services.py, so that its rules and its history apply"
    )
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    "write, action",
    [
        (lambda: Child.objects.filter(la_child_id="W1").update(first_name="Changed"), "update"),
        (lambda: Child.objects.filter(la_child_id="W1").delete(), "delete"),
        (lambda: Child.objects.get(la_child_id="W1").delete(), "delete"),
        (lambda: Child.objects.bulk_create([Child(la_child_id="W2", first_name="New")]), "bulk_create"),
        (lambda: Child.objects.bulk_update(list(Child.objects.all()), ["first_name"]), "bulk_update"),
    ],
)
def test_bulk_and_queryset_writes_outside_a_service_are_refused_and_change_nothing(write, action):
    ChildFactory(la_child_id="W1", first_name="Amy")
    with pytest.raises(WriteOutsideService, match=rf"^Child\.{action}\(\) outside a service: .*lantern/people/"):
        write()
    assert list(Child.objects.values_list("la_child_id", "first_name")) == [("W1", "Amy")]


def test_a_service_writes_and_the_mark_ends_with_it():
    child = ChildFactory(la_child_id="W1")
    user = UserFactory()
    visit = visit_record(
        by=user, child=child, kind=VisitKind.OTHER, visit_date=date(2026, 3, 2), seen=True, seen_alone=False
    )
    assert Visit.objects.get(pk=visit.pk).visit_date == date(2026, 3, 2)
    assert current_writer() is None
    with pytest.raises(WriteOutsideService):
        visit.delete()


def test_a_service_that_fails_writes_nothing():
    child = ChildFactory(la_child_id="W1")
    VisitFactory(child=child)

    @service
    def delete_then_fail():
        Visit.objects.filter(child=child).delete()
        raise ValueError("stopped")

    with pytest.raises(ValueError):
        delete_then_fail()
    assert Visit.objects.filter(child=child).count() == 1
