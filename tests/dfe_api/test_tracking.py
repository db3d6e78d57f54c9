"""Who is pending and why: new children, a real change (and only that part), purges, and no false changes."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.care.services import care_episode_change
from lantern.dfe_api.selectors import cohort_ids, payloads
from lantern.dfe_api.services import dfe_api_send
from lantern.dfe_api.tracking import pending
from lantern.timescales.store import refresh_all
from tests.dfe_api.conftest import TODAY
from tests.factories import CareEpisodeFactory, ChildFactory, ReferralFactory, UserFactory, resave


def test_the_cohort_is_children_open_in_this_or_last_collection_year(in_care):
    ids = cohort_ids(TODAY)
    assert in_care["cara"].pk in ids and in_care["ben"].pk in ids
    assert in_care["old"].pk not in ids


def test_a_payload_carries_the_record_in_the_dfe_vocabulary(in_care):
    [(_, payload)] = list(payloads([in_care["cara"].pk]))
    assert payload["la_child_id"] == "CARA1"
    assert payload["child_details"]["first_name"] == "Cara"
    assert payload["child_details"]["unique_pupil_number"] is None
    [episode] = payload["social_care_episodes"]
    assert episode["referral_date"] == "2026-05-01"
    [placement] = episode["child_looked_after_placements"]
    assert placement == {
        "child_looked_after_placement_id": str(in_care["episode"].pk),
        "start_date": "2026-06-01",
        "start_reason": "S",
        "placement_type": "U4",
        "postcode": "ME5 9PH",
        "end_date": None,
        "end_reason": None,
        "change_reason": None,
    }
    [(_, ben)] = list(payloads([in_care["ben"].pk]))
    assert ben["social_care_episodes"][0]["care_worker_details"] == [
        {"worker_id": "SW000123", "start_date": "2026-09-02", "end_date": None}
    ]


def test_every_child_never_sent_is_new(in_care):
    assert [(p.la_child_id, p.reason) for p in pending(TODAY)] == [("BEN1", "new"), ("CARA1", "new")]


def test_a_placement_change_makes_exactly_that_child_pending_with_a_partial_payload(in_care, dfe):
    dfe_api_send(today=TODAY, delays=(0, 0, 0))
    assert pending(TODAY) == []
    worker = UserFactory()
    care_episode_change(
        by=worker,
        child=in_care["cara"],
        change_date=date(2026, 11, 2),
        reason_new_episode="P",
        placement_type="U5",
        reason_place_change="CARPL",
        today=TODAY,
    )
    [item] = pending(TODAY)
    assert (item.la_child_id, item.reason) == ("CARA1", "changed")
    sent = item.payload
    assert set(sent) == {"la_child_id", "mis_child_id", "child_details", "social_care_episodes"}
    [episode] = sent["social_care_episodes"]
    placements = {p["child_looked_after_placement_id"]: p for p in episode["child_looked_after_placements"]}
    old_id = str(in_care["episode"].pk)
    assert placements[old_id]["end_date"] == "2026-11-02"
    [new] = [p for key, p in placements.items() if key != old_id]
    assert new["placement_type"] == "U5" and new["start_reason"] == "P"
    assert "child_and_family_assessments" not in episode  # unchanged parts are not sent
    assert f"social_care_episodes[{in_care['referral'].pk}].child_looked_after_placements[{old_id}].end_date" in (
        item.changes
    )


def test_saving_the_same_values_and_refreshing_every_clock_leave_no_one_pending(in_care, dfe):
    dfe_api_send(today=TODAY, delays=(0, 0, 0))
    resave(in_care["cara"], first_name="Cara")
    resave(in_care["episode"], placement_type="U4")
    refresh_all(as_of=TODAY)
    assert pending(TODAY) == []


def test_an_item_removed_is_sent_as_a_purge_and_a_child_leaving_the_cohort_as_a_purge(in_care, dfe):
    dfe_api_send(today=TODAY, delays=(0, 0, 0))
    episode_id = str(in_care["episode"].pk)
    from tests.factories import fixture_writes

    with fixture_writes():
        in_care["episode"].period.delete()
    resave(in_care["ben"])  # unchanged
    [cara] = pending(TODAY)
    placements = cara.payload["social_care_episodes"][0]["child_looked_after_placements"]
    assert placements == [{"child_looked_after_placement_id": episode_id, "purge": True}]
    with fixture_writes():
        in_care["ben"].referrals.all().delete()
    reasons = {p.la_child_id: (p.reason, p.payload) for p in pending(TODAY)}
    assert reasons["BEN1"] == ("purge", {"la_child_id": "BEN1", "mis_child_id": str(in_care["ben"].pk), "purge": True})


def test_working_out_the_payloads_takes_the_same_queries_for_2_children_as_for_40(db):
    def queries_for(count: int) -> int:
        for _ in range(count):
            child = ChildFactory()
            ReferralFactory(child=child, referral_date=date(2026, 6, 1))
            CareEpisodeFactory(period__child=child, period__start_date=date(2026, 7, 1))
        with CaptureQueriesContext(connection) as captured:
            list(payloads(cohort_ids(TODAY)))
        return len(captured)

    assert queries_for(2) == queries_for(38)


def test_a_save_after_the_days_working_out_is_picked_up_for_that_child_alone(in_care, dfe):
    from lantern.dfe_api.tracking import bring_up_to_date, counts, refresh_states

    assert bring_up_to_date(TODAY) is None  # no working-out today yet: the page queues one
    refresh_states(TODAY)
    assert counts() == {"new": 2, "changed": 0, "purge": 0}
    dfe_api_send(today=TODAY, delays=(0, 0, 0))
    assert counts() == {"new": 0, "changed": 0, "purge": 0}
    resave(in_care["cara"], first_name="Carah")
    refresh = bring_up_to_date(TODAY)
    assert (refresh.whole, refresh.children) == (False, 1)
    assert counts() == {"new": 0, "changed": 1, "purge": 0}
