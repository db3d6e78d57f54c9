"""The duty to share: each decision recorded, and a decision not to share refused without its reason."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantern.people.models import Child
from lantern.sharing.models import SharingDecision
from lantern.sharing.selectors import not_shared
from lantern.sharing.services import sharing_decision_record


def test_not_shared_without_a_reason_is_refused_by_the_service(people):
    with pytest.raises(ValidationError) as refused:
        sharing_decision_record(by=people["alice"], child=people["amy"], decided_on=date(2026, 3, 3),
                                information="Police checks", shared_with="", shared=False,
                                today=date(2026, 3, 2))  # fmt: skip
    assert refused.value.message_dict == {
        "decided_on": ["The date of the decision must be today or in the past"],
        "shared_with": ["Say who it was, or would have been, shared with"],
        "reason_not_shared": ["Say why the information was not shared: the duty to share asks for it"],
    }
    assert SharingDecision.objects.count() == 0


@time_machine.travel("2026-03-02 12:00Z", tick=False)
def test_the_form_records_a_decision_not_to_share_and_the_measure_counts_it(client, people):
    client.force_login(people["alice"])
    url = reverse("sharing:decision_new", args=["A1"])
    form = {"decided_on-day": "2", "decided_on-month": "3", "decided_on-year": "2026",
            "information": "Health visitor's notes", "shared_with": "School nurse", "shared": "no"}  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 200
    assert "Say why the information was not shared: the duty to share asks for it" in response.content.decode()
    assert SharingDecision.objects.count() == 0
    response = client.post(url, form | {"reason_not_shared": "Mother withdrew consent; no risk of harm"})
    assert response.status_code == 302
    decision = SharingDecision.objects.get()
    assert (decision.shared, decision.reason_not_shared, decision.decided_by) == (
        False, "Mother withdrew consent; no risk of harm", people["alice"])  # fmt: skip
    assert not_shared(Child.objects.all()).count() == 1
