"""The record shows deprivation of liberty orders (and a placement that cannot serve one), information sharing
decisions and case audits, in its sections and its chronology, and offers the forms to those who record."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.audits.services import audit_moderate, audit_record
from lantern.liberty.services import dolo_record
from lantern.sharing.services import sharing_decision_record
from tests.factories import CareEpisodeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)


def test_an_order_in_a_placement_that_cannot_serve_it_is_flagged_and_in_the_chronology(client, people):
    amy = people["amy"]
    CareEpisodeFactory(period__child=amy, period__start_date=date(2026, 1, 5), placement_type="K1",
                       placement_provider="PR1")  # fmt: skip
    dolo_record(by=people["alice"], child=amy, start_date=date(2026, 2, 1), court="Family Court at Medway",
                accommodation="Oak House", today=TODAY)  # fmt: skip
    sharing_decision_record(by=people["alice"], child=amy, decided_on=date(2026, 2, 20), information="School reports",
                            shared_with="CAMHS", shared=False, reason_not_shared="No consent", today=TODAY)  # fmt: skip
    qa = UserFactory(first_name="Quinn", last_name="Assure")
    audit = audit_record(by=qa, child=amy, audit_date=date(2026, 2, 25), auditor_grade="good", today=TODAY)
    audit_moderate(by=people["tina"], audit=audit, moderated_grade="inadequate", reason="Drift",
                   moderation_date=date(2026, 2, 26), today=TODAY)  # fmt: skip
    client.force_login(people["alice"])
    page = client.get(reverse("child", args=["A1"])).content.decode()
    assert "Placed in Secure children&#x27;s homes (K1) while a deprivation of liberty order is in force" in page
    assert "Order from 1 February 2026, in force: Family Court at Medway; Oak House" in page
    assert "School reports, with CAMHS: <strong>not shared</strong> (No consent)" in page
    assert "Deprivation of liberty order made" in page
    assert "Case audited" in page and "Good, moderated to Inadequate (Quinn Assure)" in page
    assert reverse("liberty:order_new", args=["A1"]) in page
    assert reverse("sharing:decision_new", args=["A1"]) in page
    assert reverse("missing:report", args=["A1"]) in page
