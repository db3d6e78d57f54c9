"""The audit pages as their users see them: the sample, the form's refusals, moderation and agreement."""

import pytest
import time_machine
from django.urls import reverse

from lantern.audits import services
from lantern.audits.models import CaseAudit
from tests.audits.conftest import TODAY


@pytest.fixture(autouse=True)
def _on_the_4th_of_december():
    with time_machine.travel("2026-12-04 12:00Z", tick=False):
        yield


def programme(world):
    return services.programme_draw(
        by=world["qa"], title="December CP audit", theme="Drift", month=TODAY, rule="cp_over_12_months",
        sample_size=3, per_team_minimum=1, seed=3, tool=world["tool"], today=TODAY,
    )  # fmt: skip


def test_qa_draws_a_sample_and_sees_it(client, world):
    client.force_login(world["qa"])
    response = client.post(reverse("audits:index"), {
        "title": "December CP audit", "theme": "", "month-day": "1", "month-month": "12", "month-year": "2026",
        "rule": "cp_over_12_months", "sample_size": "3", "per_team_minimum": "1", "seed": "3",
    }, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "Drew 3 children for December CP audit" in page
    assert "ChildA1 ChildA1" not in page  # names as recorded
    for la_id in ("A1", "A2", "B1"):
        assert f"({la_id})" in page


def test_a_team_manager_sees_only_their_teams_children_in_the_sample(client, world):
    chosen = programme(world)
    client.force_login(world["manager"])
    page = client.get(reverse("audits:programme", args=[chosen.pk])).content.decode()
    assert "(A1)" in page and "(A2)" in page and "(B1)" not in page
    assert "1 outside your records not shown" in page


def test_the_audit_form_names_each_problem_and_saves_nothing(client, world):
    chosen = programme(world)
    client.force_login(world["manager"])
    url = reverse("audits:audit_new", args=["A3"]) + f"?programme={chosen.pk}"
    response = client.post(url, {"audit_date-day": "5", "audit_date-month": "12", "audit_date-year": "2026",
                                 "strengths": "x" * 4001})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "Date of the audit must be today or in the past" in page
    assert "Choose the overall grade" in page
    assert "Choose a grade for Safety" in page
    assert "What is working well must be 4,000 characters or fewer (it has 4001)" in page
    assert CaseAudit.objects.count() == 0
    domains = {d.title: d.pk for d in world["tool"].domains.all()}
    good = {"audit_date-day": "3", "audit_date-month": "12", "audit_date-year": "2026", "auditor_grade": "good",
            f"domain_{domains['Safety']}": "good", f"domain_{domains['Voice of the child']}": "good"}  # fmt: skip
    page = client.post(url, good).content.decode()
    assert "This child is not in the programme&#x27;s sample: say why they are audited" in page
    response = client.post(url, good | {"out_of_sample_reason": "Raised in supervision"}, follow=True)
    assert "Audit recorded." in response.content.decode()


def test_a_moderator_lowers_the_grade_and_the_agreement_page_counts_it(client, world):
    audit = services.audit_record(by=world["manager"], child=world["children"]["A1"], audit_date=TODAY,
                                  auditor_grade="good", today=TODAY)  # fmt: skip
    client.force_login(world["manager"])
    assert "Moderate this audit" not in client.get(reverse("audits:audit", args=[audit.pk])).content.decode()
    client.force_login(world["qa"])
    response = client.post(reverse("audits:audit", args=[audit.pk]), {
        "form": "moderation", "moderated_grade": "requires_improvement", "reason": "Plan not reviewed",
        "moderation_date-day": "4", "moderation_date-month": "12", "moderation_date-year": "2026",
    }, follow=True)  # fmt: skip
    assert "Moderation recorded" in response.content.decode()
    page = client.get(reverse("audits:agreement")).content.decode()
    row = page[page.index("Tess Manager") :]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:6]]
    assert cells == ["1", "1", "1", "1", "0", "Too few to say"]


def test_read_only_roles_are_not_offered_recording_and_are_refused_it(client, world):
    from lantern.accounts.roles import Role
    from tests.factories import UserFactory

    audit = services.audit_record(by=world["qa"], child=world["children"]["A1"], audit_date=TODAY,
                                  auditor_grade="good", today=TODAY)  # fmt: skip
    client.force_login(UserFactory(roles=[Role.DIRECTOR]))
    page = client.get(reverse("audits:audit", args=[audit.pk])).content.decode()
    assert "Add an action" not in page and "Moderate this audit" not in page
    assert client.post(reverse("audits:audit", args=[audit.pk]), {"form": "action"}).status_code == 403
    assert client.get(reverse("audits:audit_new", args=["A1"])).status_code == 403
