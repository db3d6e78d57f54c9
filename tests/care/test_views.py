"""The CLA review page: who may use it, what it saves, and what it says when input is bad."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.care.models import CLAReview
from lantern.timescales.selectors import child_timescales
from tests.factories import CareEpisodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def amy_looked_after(people):
    """Amy has been looked after since 5 January 2026."""
    CareEpisodeFactory(period__child=people["amy"], period__start_date=date(2026, 1, 5))


URL = "/children/A1/cla-reviews/new/"


def a_review(day: date, participation: str = "PN1") -> dict[str, str]:
    return {
        "review_date-day": str(day.day),
        "review_date-month": str(day.month),
        "review_date-year": str(day.year),
        "participation": participation,
    }


def test_it_keeps_the_contracted_url_path():
    assert reverse("care:cla_review", args=["A1"]) == URL


def test_it_shows_the_form_to_the_allocated_social_worker(alice):
    response = alice.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Record a CLA review" in text
    assert "Looked after since" in text
    assert "5 January 2026" in text
    assert "PN7: Child does not attend nor are views conveyed" in text


def test_it_records_a_cla_review_and_the_first_review_clock_is_done(alice, people):
    response = alice.post(URL + "?next=/work/", a_review(date(2026, 2, 2), "PN3"))
    assert response["Location"] == "/work/"
    review = CLAReview.objects.get()
    assert (review.review_date, review.participation) == (date(2026, 2, 2), "PN3")
    first = next(c for c in child_timescales(child=people["amy"], as_of=TODAY) if c.rule.id == "cla_review_first")
    assert first.done == date(2026, 2, 2)


def test_it_returns_to_the_childs_record_with_a_message(alice):
    response = alice.post(URL, a_review(date(2026, 2, 2)), follow=True)
    assert response.redirect_chain == [("/children/A1/", 302)]
    assert "CLA review recorded" in response.content.decode()


@pytest.mark.parametrize(
    ("posted", "link", "message"),
    [
        (a_review(date(2026, 3, 3)), "id_review_date-day", "Date of the review must be today or in the past"),
        (
            a_review(date(2026, 2, 2)) | {"review_date-day": "30"},
            "id_review_date-day",
            "Date of the review must be a real date",
        ),
        (a_review(date(2025, 12, 1)), "id_review_date-day", "The child was not looked after on that date"),
        (
            a_review(date(2026, 2, 2), "PN9"),
            "id_participation",
            "How did the child take part in the review?: “PN9” is not a recognised code",
        ),
        (
            a_review(date(2026, 2, 2), "PN0"),
            "id_participation",
            "PN0 is only for a child aged under 4 at the time of the review",
        ),
        (a_review(date(2026, 2, 2), ""), "id_participation", "Select how the child took part in the review"),
    ],
)
def test_it_refuses_a_bad_review_and_saves_nothing(alice, posted, link, message):
    response = alice.post(URL, posted)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<title>Error: Record a CLA review" in text
    summary = text[text.index("There is a problem") : text.index("</h1>")]
    assert f'href="#{link}"' in summary
    assert message in summary
    assert text.count(message) == 2
    assert not CLAReview.objects.exists()


def test_it_keeps_the_answers_when_it_refuses(alice):
    text = alice.post(URL, a_review(date(2026, 3, 3), "PN2")).content.decode()
    assert 'name="review_date-day" type="text" inputmode="numeric" value="3"' in text
    assert 'value="PN2" checked' in text


def test_it_answers_not_found_to_a_worker_outside_the_childs_team(client, people):
    client.force_login(people["carl"])
    assert client.get(URL).status_code == 404
    assert client.post(URL, a_review(date(2026, 2, 2))).status_code == 404
    assert not CLAReview.objects.exists()


@pytest.mark.parametrize("role", ["inspector", "director"])
def test_it_refuses_read_only_roles(client, people, role):
    client.force_login(people[role])
    response = client.get(URL)
    assert response.status_code == 403
    assert "Your role cannot record casework" in response.content.decode()
    assert client.post(URL, a_review(date(2026, 2, 2))).status_code == 403
    assert not CLAReview.objects.exists()


def test_it_sends_an_unauthenticated_visitor_to_sign_in(client, people):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
