"""Posts, absence and supervision records: each bad answer refused naming its field, and nothing saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lantern.workforce.models import Post, Supervision, SupervisionAction, SupervisionDiscussion, Worker
from lantern.workforce.services import (
    ActionSet,
    Discussed,
    absence_record,
    post_create,
    post_fill,
    supervision_record,
)
from tests.factories import WorkerFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
SUPERVISED = "the date of the supervision"
ACTION_DUE = "Date the action is due"


def _tina(people) -> Worker:
    return Worker.objects.get(user=people["tina"])


def test_a_post_filled_twice_is_refused_naming_the_worker(people):
    alice = people["alice_worker"]
    post_create(by=people["tina"], team=people["team"], grade="social_worker", fte=Decimal(1), worker=alice)
    with pytest.raises(ValidationError) as refused:
        post_create(by=people["tina"], team=people["team"], grade="social_worker", fte=Decimal(1), worker=alice)
    assert refused.value.message_dict == {"worker": ["Alice Archer already fills a social worker post in Team A"]}
    assert Post.objects.count() == 1
    vacant = post_create(
        by=people["tina"], team=people["team"], grade="social_worker", fte=Decimal("0.5"), vacant_since=TODAY
    )
    post_fill(by=people["tina"], post=vacant, worker=WorkerFactory(first_name="Bea", last_name="Brown"))
    with pytest.raises(ValidationError) as refused:
        post_fill(by=people["tina"], post=vacant, worker=WorkerFactory(first_name="Cal", last_name="Cole"))
    assert refused.value.message_dict["worker"] == ["This post is already filled by Bea Brown: end that first"]
    vacant.refresh_from_db()
    assert vacant.worker.full_name == "Bea Brown" and vacant.vacant_since is None


@pytest.mark.parametrize("fte", [Decimal(0), Decimal("1.5"), Decimal("-0.2")])
def test_a_full_time_equivalent_outside_0_to_1_is_refused(people, fte):
    with pytest.raises(ValidationError) as refused:
        post_create(by=people["tina"], team=people["team"], grade="social_worker", fte=fte, vacant_since=TODAY)
    assert refused.value.message_dict == {
        "fte": ["Full-time equivalent must be more than 0 and no more than 1, for example 0.5"]
    }
    assert not Post.objects.exists()


def test_an_absence_ending_before_it_starts_is_refused(people):
    with pytest.raises(ValidationError) as refused:
        absence_record(
            by=people["tina"], worker=people["alice_worker"], start_date=TODAY, end_date=date(2026, 3, 1),
            kind="sickness",
        )  # fmt: skip
    assert list(refused.value.message_dict) == ["end_date"]


def _record(people, **overrides):
    fields = {
        "by": people["tina"],
        "worker": people["alice_worker"],
        "supervisor": _tina(people),
        "held_on": TODAY,
        "discussed": [
            Discussed(
                people["amy"],
                "Convene a core group",
                "Reflected on the neglect",
                [ActionSet("Visit Amy alone", people["alice_worker"], date(2026, 3, 16))],
            )
        ],
        "today": TODAY,
    }
    fields.update(overrides)
    return supervision_record(**fields)


def test_a_supervision_is_kept_with_its_decision_and_action(people):
    supervision = _record(people)
    discussion = SupervisionDiscussion.objects.get(supervision=supervision)
    assert (discussion.child, discussion.decision) == (people["amy"], "Convene a core group")
    assert SupervisionAction.objects.get(discussion=discussion).due_date == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"held_on": date(2026, 3, 3)}, "held_on", "Date of the supervision must be today or in the past"),
        ({"supervisor": "worker"}, "supervisor", "The supervisor must be someone other than Alice Archer"),
        ("early action", "child_1_action_due_date", f"{ACTION_DUE} must be the same as or after {SUPERVISED}"),
    ],
)  # fmt: skip
def test_bad_supervision_is_refused_naming_the_field_and_saves_nothing(people, overrides, field, message):
    if overrides == "early action":
        overrides = {
            "discussed": [
                Discussed(people["amy"], "Decide", "", [ActionSet("Visit", people["alice_worker"], date(2026, 3, 1))])
            ]
        }
    elif overrides.get("supervisor") == "worker":
        overrides = {"supervisor": people["alice_worker"]}
    with pytest.raises(ValidationError) as refused:
        _record(people, **overrides)
    assert refused.value.message_dict == {field: [message]}
    assert not Supervision.objects.exists() and not SupervisionDiscussion.objects.exists()
