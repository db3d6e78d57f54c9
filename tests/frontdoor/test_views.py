"""The front door's pages and allocation: what they save, what a user sees, and bad input refused by field."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lantern.accounts.roles import Role
from lantern.journey.models import Contact, NeedLevel, Referral, StrategyDiscussion
from lantern.people.models import Child, PossibleDuplicate
from lantern.workforce.models import Allocation
from tests.factories import ReferralFactory, UserFactory, WorkerFactory, make
from tests.journey.test_views import a_date, a_moment, assert_refused, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)  # a Monday; the clock stands at 12:00


@pytest.fixture
def front_door(client, people):
    client.force_login(UserFactory(username="fran", first_name="Fran", last_name="Door", roles=[Role.FRONT_DOOR]))
    return client


def a_child(**overrides) -> dict:
    return {
        "first_name": "Ruby", "last_name": "Stone", **a_date("date_of_birth", date(2016, 9, 14)), "sex": "F",
        "ethnicity": "WBRI", "nhs_number": "", "upn": "", "la_child_id": "", "new_child_reason": "",
    } | overrides  # fmt: skip


def test_a_new_child_with_no_match_is_registered_and_the_contact_is_next(front_door):
    response = front_door.post(reverse("frontdoor:register"), a_child())
    child = Child.objects.get(last_name="Stone")
    assert child.la_child_id == "L0000001"
    assert response["Location"] == reverse("frontdoor:contact_new", args=["L0000001"])


def test_a_near_match_is_shown_and_a_new_child_despite_it_needs_the_reason(front_door, people):
    # Amy Adams (A1) was born on 15 June 2015; the caller spells her "Aimee Addams".
    posted = a_child(first_name="Aimee", last_name="Addams", **a_date("date_of_birth", date(2015, 6, 15)))
    text = assert_refused(
        front_door.post(reverse("frontdoor:register"), posted),
        link="id_new_child_reason",
        message="This child may already be known (1 possible match)",
    )
    assert "Amy Adams (A1)" in text and "A similar name and the same date of birth" in text
    assert reverse("frontdoor:contact_new", args=["A1"]) in text
    assert not Child.objects.filter(last_name="Addams").exists()

    reason = "A different child: Amy Adams has another mother, checked with the school"
    front_door.post(reverse("frontdoor:register"), posted | {"new_child_reason": reason})
    aimee = Child.objects.get(last_name="Addams")
    assert list(PossibleDuplicate.objects.values_list("child", "possible_match", "reason")) == [
        (aimee.pk, people["amy"].pk, reason)
    ]


def test_a_child_with_the_same_nhs_number_is_a_match(front_door, people):
    from tests.factories import resave

    resave(people["amy"], nhs_number="9434765919")
    text = text_of(front_door.post(reverse("frontdoor:register"), a_child(nhs_number="943 476 5919")))
    assert "Same NHS number" in text and "Amy Adams (A1)" in text
    assert not Child.objects.filter(last_name="Stone").exists()


def test_only_the_front_door_registers_a_child(alice):
    assert alice.get(reverse("frontdoor:register")).status_code == 403


def contact_form(**overrides) -> dict:
    return {
        **a_moment("received_at", TODAY, "09:15"), "source": "3A", "referrer": "Jo Bloggs, DSL, Hill Primary",
        "concerns": "Ruby came to school with a bruise on her arm.", "consent": "given",
    } | overrides  # fmt: skip


def test_a_contact_is_logged_with_its_details_then_decided(front_door, people):
    amy = people["amy"]
    amy.allocations.get()  # Amy is allocated: the front door gives its reason once, then logs the contact
    session = front_door.session
    session[f"lantern-reason-{amy.pk}"] = True
    session.save()
    response = front_door.post(reverse("frontdoor:contact_new", args=["A1"]), contact_form())
    contact = Contact.objects.get(child=amy)
    assert response["Location"] == reverse("journey:contact_decision", args=[contact.pk])
    assert (contact.referrer, contact.consent, contact.source) == ("Jo Bloggs, DSL, Hill Primary", "given", "3A")
    page = text_of(front_door.get(response["Location"]))
    assert "Ruby came to school with a bruise on her arm." in page and "Jo Bloggs, DSL, Hill Primary" in page


def test_concerns_past_their_limit_are_refused_not_cut_short(alice, people):
    response = alice.post(reverse("frontdoor:contact_new", args=["A1"]), contact_form(concerns="x" * 100_000))
    assert_refused(response, link="id_concerns", message="The concerns must be 20,000 characters or fewer")
    assert "you entered 100000" in text_of(response)
    assert not Contact.objects.exists()


@pytest.fixture
def contact(people):
    return make(Contact, child=people["amy"], source="3A", received_at=datetime(2026, 3, 2, 9, 15, tzinfo=UTC))


def decision(**overrides) -> dict:
    return {"decision": "REFERRAL", **a_moment("decision_at", TODAY, "11:00"), "need_level": "", "team": ""} | overrides


def test_a_decision_before_the_contact_was_received_is_refused(alice, contact):
    response = alice.post(
        reverse("journey:contact_decision", args=[contact.pk]), decision(**a_moment("decision_at", TODAY, "08:00"))
    )
    assert_refused(response, link="id_decision_at-day", message="The decision must be made after the contact was")
    assert not Contact.objects.get().decision and not Referral.objects.exists()


def test_a_decision_later_today_than_now_is_refused_and_earlier_today_accepted(alice, contact, people):
    url = reverse("journey:contact_decision", args=[contact.pk])
    response = alice.post(url, decision(**a_moment("decision_at", TODAY, "15:30")))
    assert_refused(response, link="id_decision_at-day", message="The time of the decision must be now or earlier")
    assert not Contact.objects.get().decision
    level = NeedLevel.objects.get(position=3)
    alice.post(url, decision(need_level=str(level.pk), team=str(people["team"].pk)))
    referral = Referral.objects.get()
    assert (referral.referral_date, referral.team, Contact.objects.get().need_level) == (TODAY, people["team"], level)


def test_a_strategy_discussion_decision_opens_the_referral_and_the_discussion_clock(alice, contact):
    alice.post(reverse("journey:contact_decision", args=[contact.pk]), decision(decision="STRATEGY"))
    discussion = StrategyDiscussion.objects.get()
    assert discussion.threshold_decision_at == datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
    assert discussion.held_on is None and discussion.referral.contact == Contact.objects.get()


def test_a_referral_within_12_months_of_the_last_is_flagged_on_the_contact(alice, contact, people):
    ReferralFactory(
        child=people["amy"], referral_date=date(2025, 6, 2), closure_date=date(2025, 9, 1), reason_for_closure="RC8"
    )
    text = text_of(alice.get(reverse("journey:contact_decision", args=[contact.pk])))
    assert "Re-referral: Amy was referred within the last 12 months." in text
    assert "2 June 2025, closed 1 September 2025" in text


def test_an_older_referral_is_not_flagged(alice, contact, people):
    ReferralFactory(
        child=people["amy"], referral_date=date(2024, 6, 2), closure_date=date(2024, 9, 1), reason_for_closure="RC8"
    )
    assert "Re-referral" not in text_of(alice.get(reverse("journey:contact_decision", args=[contact.pk])))


def test_the_queue_shows_contacts_oldest_first_with_their_clock_and_unallocated_referrals(front_door, people):
    unknown = make(Child, la_child_id="N1", first_name="Noah", last_name="New", date_of_birth=date(2019, 1, 1),
                   sex="M", ethnicity="WBRI")  # fmt: skip
    make(Contact, child=unknown, source="5A", received_at=datetime(2026, 2, 26, 10, 0, tzinfo=UTC))
    make(Contact, child=people["amy"], source="3A", received_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    ReferralFactory(child=unknown, referral_date=date(2026, 2, 27), team=people["team"])
    text = text_of(front_door.get(reverse("frontdoor:queue")))
    assert "Contacts awaiting a decision (2), oldest first" in text
    assert text.index("Noah New (N1)") < text.index("Amy Adams (A1)")
    assert "27 Feb 2026, 10:00" in text and "Overdue" in text  # due 24 hours after 10:00 on 26 February
    assert "Referrals not yet allocated (1)" in text and reverse("frontdoor:allocate", args=["N1"]) in text


def test_a_social_worker_has_no_queue(alice):
    assert alice.get(reverse("frontdoor:queue")).status_code == 403


@pytest.fixture
def waiting(people):
    """Noah, referred to Team A and waiting for a worker: on Tina's (Team A's manager's) unallocated list."""
    noah = make(Child, la_child_id="N1", first_name="Noah", last_name="New", date_of_birth=date(2019, 1, 1),
                sex="M", ethnicity="WBRI")  # fmt: skip
    ReferralFactory(child=noah, referral_date=date(2026, 2, 27), team=people["team"])
    return noah


def test_a_team_manager_sees_their_teams_unallocated_referrals_and_allocates_one(client, people, waiting):
    client.force_login(people["tina"])
    listed = text_of(client.get(reverse("frontdoor:unallocated")))
    assert "Noah New" in listed and "Team A" in listed
    response = client.post(
        reverse("frontdoor:allocate", args=["N1"]),
        {"role": "social_worker", "worker": people["alice_worker"].pk, **a_date("start_date", TODAY), "end_reason": ""},
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get(child=waiting)
    assert (allocation.worker, allocation.team) == (people["alice_worker"], people["team"])
    assert allocation.start_date == TODAY
    assert reverse("frontdoor:allocate", args=["N1"]) not in text_of(client.get(reverse("frontdoor:unallocated")))
    record = text_of(client.get(reverse("child", args=["N1"])))
    assert "History of workers (1)" in record and "Alice Archer" in record


def test_another_teams_manager_cannot_see_or_allocate_that_child(client, people, waiting):
    client.force_login(people["other_tm"])
    assert "Noah New" not in text_of(client.get(reverse("frontdoor:unallocated")))
    assert client.get(reverse("frontdoor:allocate", args=["N1"])).status_code == 404


def test_a_transfer_to_a_worker_who_has_left_is_refused_naming_the_worker(client, people):
    client.force_login(people["tina"])
    gone = WorkerFactory(first_name="Gail", last_name="Gone", team=people["team"], end_date=date(2026, 2, 27))
    response = client.post(
        reverse("frontdoor:allocate", args=["A1"]),
        {"role": "social_worker", "worker": gone.pk, **a_date("start_date", TODAY), "end_reason": "LEFTRL"},
    )
    assert_refused(response, link="id_worker", message="Gail Gone left on 27 February 2026 and cannot be allocated")
    assert Allocation.objects.get(child=people["amy"]).worker == people["alice_worker"]


def test_a_transfer_records_the_sw_reason_and_the_history_shows_both_workers(client, people):
    client.force_login(people["tina"])
    bea = WorkerFactory(first_name="Bea", last_name="Brown", team=people["team"])
    client.post(
        reverse("frontdoor:allocate", args=["A1"]),
        {"role": "social_worker", "worker": bea.pk, **a_date("start_date", TODAY), "end_reason": "LEFTRL"},
    )
    record = text_of(client.get(reverse("child", args=["A1"])))
    assert "History of workers (2: 1 change of social worker in the last 12 months)" in record
    assert "Worker left the role" in record


def test_ending_an_allocation(client, people):
    client.force_login(people["tina"])
    allocation = Allocation.objects.get(child=people["amy"])
    response = client.post(
        reverse("frontdoor:allocation_end", args=[allocation.pk]), {**a_date("end_date", TODAY), "end_reason": "MANAGE"}
    )
    assert response.status_code == 302
    allocation.refresh_from_db()
    assert (allocation.end_date, allocation.end_reason) == (TODAY, "MANAGE")


def test_a_social_worker_does_not_allocate_and_is_not_offered_it(alice):
    assert alice.get(reverse("frontdoor:allocate", args=["A1"])).status_code == 403
    record = text_of(alice.get(reverse("child", args=["A1"])))
    assert "Allocate or transfer" not in record and "Log a contact" in record


def test_the_queue_takes_the_same_queries_for_one_contact_as_for_many(front_door, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        front_door.get(reverse("frontdoor:queue"))  # the first read after writes fills the calendar's cache
        with CaptureQueriesContext(connection) as captured:
            assert front_door.get(reverse("frontdoor:queue")).status_code == 200
        return len(captured.captured_queries)

    make(Contact, child=people["amy"], source="3A", received_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    ReferralFactory(child=people["amy"], referral_date=date(2026, 3, 1))  # Amy has a worker: not on the queue
    waiting = make(Child, la_child_id="Q1", first_name="Quinn", last_name="Q1", date_of_birth=date(2018, 1, 1),
                   sex="U", ethnicity="WBRI")  # fmt: skip
    ReferralFactory(child=waiting, referral_date=date(2026, 3, 1))
    one = queries()
    for hour in range(10, 20):
        child = make(Child, la_child_id=f"Q{hour}", first_name="Quinn", last_name=f"Q{hour}",
                     date_of_birth=date(2018, 1, 1), sex="U", ethnicity="WBRI")  # fmt: skip
        make(Contact, child=child, source="5A", received_at=datetime(2026, 3, 1, hour, 0, tzinfo=UTC))
        ReferralFactory(child=child, referral_date=date(2026, 3, 1))
    assert queries() == one


def test_a_strategy_discussion_about_a_child_already_open_joins_the_open_referral(alice, contact, people):
    open_referral = ReferralFactory(child=people["amy"], referral_date=date(2026, 1, 6))
    alice.post(reverse("journey:contact_decision", args=[contact.pk]), decision(decision="STRATEGY"))
    assert Referral.objects.get() == open_referral
    assert StrategyDiscussion.objects.get().referral == open_referral
    assert Contact.objects.get().decision == "STRATEGY"


def test_a_referral_while_one_is_open_is_refused_and_saves_nothing(alice, contact, people):
    ReferralFactory(child=people["amy"], referral_date=date(2026, 1, 6))
    response = alice.post(reverse("journey:contact_decision", args=[contact.pk]), decision())
    assert_refused(response, link="id_decision", message="This child already has an open referral, from 6 January 2026")
    assert not Contact.objects.get().decision
