"""Starting care, a change of placement or legal status, and ending care: what each page saves, what the child's
record then shows, and the bad input each refuses (naming the field, saving nothing)."""

from datetime import date

import pytest

from lantern.care.models import CareEpisode, CarePeriod
from tests.factories import CareEpisodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
START, CHANGE, END = "/children/A1/care/start/", "/children/A1/care/change/", "/children/A1/care/end/"


def dated(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def a_start(**changes) -> dict[str, str]:
    return (
        dated("start_date", date(2026, 2, 2))
        | {
            "legal_status": "C1",
            "category_of_need": "N1",
            "placement_type": "U6",
            "placement_provider": "PR1",
            "home_postcode": "me4 4tz",
            "placement_postcode": "ME5 9PH",
            "urn": "sc123456",
        }
        | changes
    )


def a_move(**changes) -> dict[str, str]:
    return (
        dated("change_date", date(2026, 2, 20))
        | {
            "reason_new_episode": "P",
            "placement_type": "U4",
            "placement_provider": "PR4",
            "placement_postcode": "CT20 1JT",
            "urn": "SC654321",
            "reason_place_change": "CREQB",
        }
        | changes
    )


def summary_of(response) -> str:
    text = response.content.decode()
    assert response.status_code == 200
    return text[text.index("There is a problem") : text.index("</h1>")]


@pytest.fixture
def in_care(people):
    return CareEpisodeFactory(period__child=people["amy"], period__start_date=date(2026, 1, 5), urn="SC111111")


def test_a_social_worker_starts_a_period_of_care(alice, people):
    response = alice.post(START, a_start(), follow=True)
    assert "Period of care started" in response.content.decode()
    episode = CareEpisode.objects.get(child=people["amy"])
    assert (episode.reason_new_episode, episode.legal_status, episode.placement_type) == ("S", "C1", "U6")
    assert (episode.home_postcode, episode.urn) == ("ME4 4TZ", "SC123456")
    text = response.content.decode()
    assert "Looked after since" in text and "2 Feb 2026" in text
    assert "4.1 miles" in text  # Chatham to Walderslade
    assert "(in area)" in text


def test_the_start_page_offers_the_childs_home_postcode_and_the_fixed_reason(alice):
    text = alice.get(START).content.decode()
    assert "S: Started to be looked after" in text
    assert "C2: Full care order" in text


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        (
            a_start(placement_postcode="ZZ9 9ZZ"),
            "id_placement_postcode",
            "Placement postcode ZZ9 9ZZ does not exist",
        ),
        (a_start(home_postcode="ME1 1ZZ"), "id_home_postcode", "Home postcode ME1 1ZZ does not exist"),
        (a_start(placement_type="T1"), "id_placement_provider", "Leave the provider blank for placement type T1"),
        (a_start(placement_type="P1", placement_provider="PR0"), "id_urn", "Leave the Ofsted URN blank"),
        (a_start(legal_status=""), "id_legal_status", "Choose the legal status"),
        (a_start(**dated("start_date", date(2026, 3, 3))), "id_start_date-day", "must be today or in the past"),
    ],
)
def test_a_bad_start_is_refused_naming_the_field(alice, posted, field, message):
    summary = summary_of(alice.post(START, posted))
    assert f'href="#{field}"' in summary
    assert message in summary
    assert not CarePeriod.objects.exists()


def test_a_second_open_period_of_care_is_refused(alice, in_care):
    summary = summary_of(alice.post(START, a_start()))
    assert "This child is already looked after: end the current period of care first" in summary
    assert CarePeriod.objects.count() == 1


def test_a_move_35_miles_away_shows_the_distance_and_out_of_area_on_the_record(alice, in_care):
    response = alice.post(CHANGE, a_move(), follow=True)
    text = response.content.decode()
    assert "Change of placement or legal status recorded" in text
    assert "35.8 miles" in text
    assert "Out of area" in text and "Over 20 miles from home" in text
    first, second = CareEpisode.objects.order_by("start_date")
    assert (first.end_date, first.reason_ceased, first.reason_place_change) == (date(2026, 2, 20), "X1", "CREQB")
    assert (second.reason_new_episode, second.placement_postcode, second.home_postcode) == ("P", "CT20 1JT", "ME4 4TZ")


def test_a_change_of_legal_status_only_keeps_the_placement(alice, in_care):
    alice.post(CHANGE, dated("change_date", date(2026, 2, 20)) | {"reason_new_episode": "L", "legal_status": "E1"})
    latest = CareEpisode.objects.get(end_date__isnull=True)
    assert (latest.legal_status, latest.placement_type, latest.urn) == ("E1", "U4", "SC111111")


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        (
            a_move(**dated("change_date", date(2026, 1, 2))),
            "id_change_date-day",
            "Date of the change must be the same as or after the current episode",
        ),
        (a_move(placement_postcode="ZZ9 9ZZ"), "id_placement_postcode", "Placement postcode ZZ9 9ZZ does not exist"),
        (a_move(reason_place_change=""), "id_reason_place_change", "Choose the reason for the move"),
        (a_move(reason_new_episode="L"), "id_reason_new_episode", "L is a change of legal status only"),
        (a_move(reason_new_episode="B"), "id_legal_status", "Choose the new legal status (the child is C2 now)"),
    ],
)
def test_a_bad_change_is_refused_naming_the_field(alice, in_care, posted, field, message):
    summary = summary_of(alice.post(CHANGE, posted))
    assert f'href="#{field}"' in summary
    assert message in summary
    assert CareEpisode.objects.count() == 1
    assert CareEpisode.objects.get().end_date is None


def test_a_change_for_a_child_not_in_care_is_refused(alice):
    summary = summary_of(alice.post(CHANGE, a_move()))
    assert "This child is not looked after: start a period of care first" in summary


def test_ending_care_closes_the_period_with_its_reason_and_destination(alice, in_care):
    posted = dated("end_date", date(2026, 2, 27)) | {"reason_ceased": "E4A", "destination": "Home to mother"}
    text = alice.post(END, posted, follow=True).content.decode()
    assert "Period of care ended" in text
    assert "Stopped being looked after on 27 Feb 2026: Home to mother." in text
    period = CarePeriod.objects.get()
    assert (period.end_date, period.destination, period.episodes.get().reason_ceased) == (
        date(2026, 2, 27),
        "Home to mother",
        "E4A",
    )
    assert "Start a period of care" in text


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        (
            dated("end_date", date(2026, 1, 1)) | {"reason_ceased": "E4A"},
            "id_end_date-day",
            "Date ceased must be the same as or after the start of the current episode",
        ),
        (
            dated("end_date", date(2026, 2, 27)) | {"reason_ceased": "X1"},
            "id_reason_ceased",
            "Choose the reason the child ceased to be looked after",
        ),
    ],
)
def test_a_bad_end_is_refused_naming_the_field(alice, in_care, posted, field, message):
    summary = summary_of(alice.post(END, posted))
    assert f'href="#{field}"' in summary
    assert message in summary
    assert CarePeriod.objects.get().end_date is None


@pytest.mark.parametrize("url", [START, CHANGE, END])
def test_read_only_roles_cannot_record_and_are_not_offered_the_forms(client, people, in_care, url):
    client.force_login(people["inspector"])
    assert client.get(url).status_code == 403
    record = client.get("/children/A1/?reason=Inspection+sample").content.decode()
    assert "35.8" not in record
    assert "Record a change of placement or legal status" not in record


def test_the_record_offers_the_care_forms_to_the_social_worker(alice, in_care):
    text = alice.get("/children/A1/").content.decode()
    assert 'href="/children/A1/care/change/"' in text
    assert 'href="/children/A1/care/end/"' in text
    assert "Start a period of care" not in text
