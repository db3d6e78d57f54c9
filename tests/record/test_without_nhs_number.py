"""The data quality list of children without an NHS number, and the NHS number shown wherever children are listed."""

import pytest
from django.urls import reverse

from lantern.accounts.roles import Role
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_analyst_sees_the_children_without_one_and_the_number_is_shown_in_lists(client):
    ChildFactory(la_child_id="N1", first_name="Nia", last_name="Numbered", nhs_number="9434765919")
    ChildFactory(la_child_id="N2", first_name="Olu", last_name="Without", nhs_number="")
    client.force_login(UserFactory(roles=[Role.ANALYST]))
    page = client.get(reverse("without_nhs_number")).content.decode()
    assert "1 child without an NHS number, by name" in page
    assert "Olu Without" in page and "Nia Numbered" not in page
    listed = client.get(reverse("search"), {"q": "9434765919"}).content.decode()
    assert "Nia Numbered" in listed and "943 476 5919" in listed


def test_casework_roles_do_not_get_the_list(client):
    client.force_login(UserFactory(roles=[Role.SOCIAL_WORKER]))
    assert client.get(reverse("without_nhs_number")).status_code == 403
