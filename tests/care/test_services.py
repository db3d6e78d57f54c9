from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lantern.care.models import CareEpisode, CarePeriod
from lantern.care.services import care_episode_change, cla_period_end, cla_period_start, collection_year_of
from tests.factories import CareEpisodeFactory, CarePeriodFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


def start(child, **overrides):
    values = {
        "by": UserFactory(),
        "child": child,
        "start_date": date(2026, 5, 10),
        "legal_status": "V2",
        "category_of_need": "N4",
        "placement_type": "U6",
        "placement_provider": "PR1",
        "home_postcode": "me4 4tz",
        "placement_postcode": "ME5 9PH",
        "urn": "SC123456",
        "today": TODAY,
    }
    return cla_period_start(**(values | overrides))


def test_it_starts_a_period_of_care_with_an_rne_s_episode():
    period = start(ChildFactory())
    episode = period.episodes.get()
    assert (episode.reason_new_episode, episode.legal_status, episode.placement_type) == ("S", "V2", "U6")
    assert episode.home_postcode == "ME4 4TZ"


def test_it_refuses_a_second_open_period_of_care_and_saves_nothing():
    child = ChildFactory()
    start(child)
    with pytest.raises(ValidationError) as refused:
        start(child, start_date=date(2026, 6, 1))
    assert "already looked after" in refused.value.message_dict["start_date"][0]
    assert CarePeriod.objects.filter(child=child).count() == 1
    assert CareEpisode.objects.filter(child=child).count() == 1


def test_the_database_refuses_a_second_open_period_too():
    period = CarePeriodFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CarePeriodFactory(child=period.child, start_date=date(2026, 1, 1))


def test_it_refuses_an_episode_ending_before_it_starts_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CareEpisodeFactory(end_date=date(2025, 5, 1), reason_ceased="E4A")


def test_it_refuses_an_unknown_legal_status_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CareEpisodeFactory(legal_status="ZZ")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start_date": date(2026, 11, 25)}, "start_date", "must be today or in the past"),
        ({"placement_type": "H5"}, "placement_type", "is not a code in 2026/27"),
        ({"placement_type": "T1", "placement_provider": "PR1"}, "placement_provider", "Leave the provider blank"),
        ({"placement_provider": ""}, "placement_provider", "Enter the placement provider"),
        ({"legal_status": "ZZ"}, "legal_status", "is not a valid choice"),
        ({"start_date": date(2010, 1, 1)}, "start_date", "must be the same as or after the date of birth"),
    ],
)
def test_it_refuses_a_bad_start_naming_the_field(overrides, field, message):
    child = ChildFactory(date_of_birth=date(2012, 4, 1))
    with pytest.raises(ValidationError) as refused:
        start(child, **overrides)
    assert any(message in text for text in refused.value.message_dict[field]), refused.value.message_dict
    assert not CarePeriod.objects.exists()


def test_a_placement_change_ends_the_episode_x1_and_starts_the_next_the_same_day():
    child = ChildFactory()
    start(child)
    episode = care_episode_change(
        by=UserFactory(),
        child=child,
        change_date=date(2026, 8, 3),
        reason_new_episode="P",
        placement_type="U4",
        placement_provider="PR4",
        reason_place_change="CREQB",
        today=TODAY,
    )
    first = CareEpisode.objects.get(child=child, reason_new_episode="S")
    assert (first.end_date, first.reason_ceased, first.reason_place_change) == (date(2026, 8, 3), "X1", "CREQB")
    assert (episode.start_date, episode.placement_type, episode.legal_status) == (date(2026, 8, 3), "U4", "V2")


def test_a_change_before_the_current_episode_is_refused():
    child = ChildFactory()
    start(child)
    with pytest.raises(ValidationError) as refused:
        care_episode_change(
            by=UserFactory(), child=child, change_date=date(2026, 5, 1), reason_new_episode="L", today=TODAY
        )
    assert "must be the same as or after the current episode" in refused.value.message_dict["change_date"][0]
    assert CareEpisode.objects.filter(child=child).count() == 1


def test_ending_care_closes_the_period_and_its_last_episode():
    child = ChildFactory()
    start(child)
    period = cla_period_end(by=UserFactory(), child=child, end_date=date(2026, 10, 1), reason_ceased="E4A", today=TODAY)
    assert period.end_date == date(2026, 10, 1)
    assert CareEpisode.objects.get(child=child).reason_ceased == "E4A"


def test_it_names_the_collection_year_by_its_31_march():
    assert collection_year_of(date(2026, 3, 31)) == 2026
    assert collection_year_of(date(2026, 4, 1)) == 2027
