"""The steps of permanence recorded from their pages: the permanence plan, the decision that the child should be
placed for adoption, the placement order, the match and a reversal; the tracker shows each and links to them."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.care import services
from lantern.care.models import AdoptionDecision, PermanencePlan
from tests.factories import CareEpisodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
PLAN, DECISION = "/children/A1/permanence-plan/new/", "/children/A1/adoption/decision/"
ORDER, MATCH, REVERSAL = (
    "/children/A1/adoption/placement-order/",
    "/children/A1/adoption/match/",
    ("/children/A1/adoption/reversal/"),
)
TRACKER = reverse("care:permanence")


def dated(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def summary_of(response) -> str:
    text = response.content.decode()
    assert response.status_code == 200
    return text[text.index("There is a problem") : text.index("</h1>")]


@pytest.fixture
def in_care(people):
    return CareEpisodeFactory(period__child=people["amy"], period__start_date=date(2025, 6, 2))


@pytest.fixture
def decided(alice, in_care):
    assert alice.post(DECISION, dated("decided_on", date(2025, 10, 6))).status_code == 302
    return AdoptionDecision.objects.get()


@pytest.fixture
def approved(people):
    return services.adopters_register(
        by=people["alice"],
        reference="ADP7",
        number_of_adopters=2,
        sex="MF",
        legal_status="L11",
        application_on=date(2025, 3, 1),
        approved_on=date(2025, 7, 1),
        today=date(2026, 3, 2),
    )


def test_a_permanence_plan_is_recorded_and_shown_on_the_tracker(alice, people, in_care):
    response = alice.post(PLAN, {"plan": "ADOPTION"} | dated("decided_on", date(2025, 9, 1)), follow=True)
    assert "Permanence plan recorded" in response.content.decode()
    assert PermanencePlan.objects.get().period == in_care.period
    alice.force_login(people["tina"])
    text = alice.get(TRACKER).content.decode()
    assert "Adoption" in text and "1 Sep 2025" in text


def test_the_adoption_steps_are_recorded_in_turn_and_the_tracker_shows_them(alice, people, decided, approved):
    order = dated("applied_on", date(2025, 11, 3)) | dated("order_on", date(2026, 1, 12))
    assert alice.post(ORDER, order).status_code == 302
    assert alice.post(MATCH, {"adopters": str(approved.pk)} | dated("matched_on", date(2026, 2, 16))).status_code == 302
    decision = AdoptionDecision.objects.get()
    assert (decision.placement_order_applied_on, decision.placement_order_on) == (date(2025, 11, 3), date(2026, 1, 12))
    assert (decision.matched_on, decision.adopters) == (date(2026, 2, 16), approved)
    alice.force_login(people["tina"])
    text = alice.get(TRACKER).content.decode()
    assert "12 Jan 2026" in text and "16 Feb 2026" in text
    assert "35 days" in text  # placement order to match: 12 January to 16 February
    chronology = alice.get("/children/A1/?reason=Permanence+review").content.decode()
    assert "Placement order made" in chronology and "Matched with adopters" in chronology


def test_a_reversal_is_recorded_with_its_reason(alice, people, decided):
    response = alice.post(REVERSAL, dated("reversed_on", date(2026, 2, 2)) | {"reason": "RD3"}, follow=True)
    assert "Reversal of the decision recorded" in response.content.decode()
    decision = AdoptionDecision.objects.get()
    assert (decision.reversed_on, decision.reversed_reason) == (date(2026, 2, 2), "RD3")
    alice.force_login(people["tina"])
    assert "Reversed 2 Feb 2026 (RD3)" in alice.get(TRACKER).content.decode()


def test_the_tracker_links_each_row_to_its_next_steps(alice, people, decided):
    alice.force_login(people["tina"])
    text = alice.get(TRACKER).content.decode()
    for url in (PLAN, ORDER, MATCH, REVERSAL):
        assert f'href="{url}?next=' in text
    assert f'href="{DECISION}?next=' not in text  # a decision is in force


def test_read_only_roles_see_the_tracker_without_the_step_links(client, people, decided):
    client.force_login(people["inspector"])
    text = client.get(TRACKER).content.decode()
    assert "Amy Adams" in text
    assert PLAN not in text
    assert client.get(PLAN).status_code == 403


def test_a_plan_before_the_period_of_care_is_refused(alice, in_care):
    summary = summary_of(alice.post(PLAN, {"plan": "ADOPTION"} | dated("decided_on", date(2025, 5, 1))))
    assert 'href="#id_decided_on' in summary
    assert "before the period of care, which began on 2 June 2025" in summary
    assert not PermanencePlan.objects.exists()


@pytest.mark.parametrize(
    ("url", "posted", "field", "message"),
    [
        (
            MATCH,
            dated("matched_on", date(2025, 9, 1)),
            "matched_on",
            "Date matched must be the same as or after the decision",
        ),
        (
            ORDER,
            dated("applied_on", date(2025, 12, 1)) | dated("order_on", date(2025, 11, 20)),
            "order_on",
            "Date of the placement order must be the same as or after the date of the application",
        ),
        (ORDER, {}, "applied_on", "Enter the date of the application, the date of the order, or both"),
        (REVERSAL, dated("reversed_on", date(2026, 2, 2)) | {"reason": "RD9"}, "reason", "not a recognised code"),
        (DECISION, dated("decided_on", date(2026, 1, 5)), "decided_on", "already in force"),
    ],
)
def test_bad_adoption_steps_are_refused_naming_the_field(alice, decided, approved, url, posted, field, message):
    if url == MATCH:
        posted = posted | {"adopters": str(approved.pk)}
    summary = summary_of(alice.post(url, posted))
    assert f'href="#id_{field}' in summary
    assert message in summary
    decision = AdoptionDecision.objects.get()
    assert (decision.matched_on, decision.placement_order_on, decision.reversed_on) == (None, None, None)


def test_a_later_order_date_is_checked_against_the_application_already_recorded(alice, decided):
    alice.post(ORDER, dated("applied_on", date(2025, 12, 1)))
    summary = summary_of(alice.post(ORDER, dated("order_on", date(2025, 11, 28))))
    assert "after the date of the application" in summary
    assert AdoptionDecision.objects.get().placement_order_on is None


def test_a_step_without_a_decision_in_force_is_refused(alice, in_care):
    summary = summary_of(alice.post(ORDER, dated("order_on", date(2026, 1, 12))))
    assert "record the decision first" in summary
