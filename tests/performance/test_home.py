"""The read-only roles land on their first questions, each one click from the children behind it."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from lantern.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.ANALYST, Role.QA, Role.INSPECTOR])
def test_a_read_only_role_lands_on_the_three_questions(client, world, role):
    client.force_login(UserFactory(roles=[role]))
    page = client.get(reverse("home")).content.decode()
    assert "<h1" in page and page.count("<h1") == 1
    assert "How the service is doing" in page
    for measure in ("cla_3plus_placements", "care_leavers_19_21_in_touch", "assessments_within_45_wd"):
        assert reverse("performance:measure", args=[measure]) in page
    assert "assessments were authorised late" in page
    assert reverse("performance:pack") in page
    assert "Children across the authority" in page  # and the children list, below


def test_the_late_assessments_link_counts_the_children_it_opens(client, people, world):
    client.force_login(people["director"])
    with time_machine.travel(datetime(2026, 3, 31, 12, tzinfo=UTC), tick=False):
        home = client.get(reverse("home")).content.decode()
        link = re.search(r'href="(/performance/measures/assessments_within_45_wd/\?show=rest)">([\d,]+)', home)
        assert link.group(2) == "1"  # Bea's
        listed = client.get(link.group(1)).content.decode()
    assert "Bea Test" in listed
    assert re.search(r"<span data-rows>([\d,]+)</span>", listed).group(1) == "1"


def test_a_social_worker_still_lands_on_their_children(alice):
    page = alice.get(reverse("home")).content.decode()
    assert "My children" in page
    assert "How the service is doing" not in page
