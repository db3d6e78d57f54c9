from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from lantern.journey.models import Contact, Referral, Visit
from lantern.journey.services import contact_record, referral_close, referral_open, visit_record
from tests.factories import ChildFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


def test_it_records_a_contact_and_its_decision():
    contact = contact_record(
        by=UserFactory(),
        child=ChildFactory(),
        received_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        source="6",
        decision="REFERRAL",
        decision_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
        today=TODAY,
    )
    assert contact.get_decision_display() == "REFERRAL: Referral to children's social care"


def test_it_refuses_a_decision_before_the_contact_arrived():
    with pytest.raises(ValidationError) as refused:
        contact_record(
            by=UserFactory(),
            child=ChildFactory(),
            received_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
            source="6",
            decision="NFA",
            decision_at=datetime(2026, 11, 19, 15, 0, tzinfo=UTC),
            today=TODAY,
        )
    assert refused.value.message_dict["decision_at"] == ["The decision must be made after the contact was received"]
    assert not Contact.objects.exists()


def test_it_refuses_an_unknown_contact_source():
    with pytest.raises(ValidationError) as refused:
        contact_record(
            by=UserFactory(),
            child=ChildFactory(),
            received_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
            source="11",
            today=TODAY,
        )
    assert "source" in refused.value.message_dict
    assert not Contact.objects.exists()


def test_it_refuses_a_second_open_referral():
    referral = ReferralFactory(referral_date=date(2026, 9, 1))
    with pytest.raises(ValidationError) as refused:
        referral_open(
            by=UserFactory(), child=referral.child, referral_date=date(2026, 10, 1), referral_source="2A", today=TODAY
        )
    assert "already has an open referral" in refused.value.message_dict["referral_date"][0]
    assert Referral.objects.count() == 1


def test_it_refuses_a_referral_of_an_unborn_child_too_early():
    child = ChildFactory(date_of_birth=None, expected_date_of_birth=date(2027, 6, 1))
    with pytest.raises(ValidationError) as refused:
        referral_open(by=UserFactory(), child=child, referral_date=date(2026, 8, 1), referral_source="3B", today=TODAY)
    assert "within 280 days" in refused.value.message_dict["referral_date"][0]


def test_it_refuses_a_closure_before_the_referral_and_an_unknown_reason():
    referral = ReferralFactory(referral_date=date(2026, 9, 1))
    with pytest.raises(ValidationError) as refused:
        referral_close(
            by=UserFactory(), referral=referral, closure_date=date(2026, 8, 1), reason_for_closure="RC10", today=TODAY
        )
    assert set(refused.value.message_dict) == {"closure_date", "reason_for_closure"}
    referral.refresh_from_db()
    assert referral.closure_date is None


def test_it_refuses_a_visit_in_the_future_and_seen_alone_without_seen():
    with pytest.raises(ValidationError) as refused:
        visit_record(
            by=UserFactory(),
            child=ChildFactory(),
            kind=Visit.Kind.CP,
            visit_date=date(2026, 11, 25),
            seen=False,
            seen_alone=True,
            today=TODAY,
        )
    assert refused.value.message_dict == {
        "visit_date": ["Visit date must be today or in the past"],
        "seen_alone": ["A child seen alone must also have been seen"],
    }
    assert not Visit.objects.exists()


def test_a_recorded_visit_keeps_its_history_with_the_actor():
    from auditlog.models import LogEntry

    user = UserFactory()
    visit = visit_record(
        by=user, child=ChildFactory(), kind=Visit.Kind.CIN, visit_date=TODAY, seen=True, seen_alone=True, today=TODAY
    )
    entry = LogEntry.objects.get_for_object(visit).get()
    assert entry.actor == user
    assert entry.action == LogEntry.Action.CREATE
