"""Health assessments, dental checks, immunisations, SDQs, PEPs and the IRO's contact: each page saves, stops its
clock in My work, and refuses bad input naming the field and saving nothing."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.care.models import (
    DentalCheck,
    HealthAssessment,
    ImmunisationCheck,
    IROContact,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
)
from lantern.timescales.rules import in_care as in_care_rules
from lantern.worklists.links import FORMS
from tests.factories import CareEpisodeFactory

MY_WORK = reverse("worklists:my_work")
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
HEALTH, DENTAL, IMMUNISATION = (
    "/children/A1/health-assessments/new/",
    "/children/A1/dental-checks/new/",
    ("/children/A1/immunisations/new/"),
)
SDQ, PEP, IRO = "/children/A1/sdq/new/", "/children/A1/peps/new/", "/children/A1/iro-contacts/new/"


def dated(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def summary_of(response) -> str:
    text = response.content.decode()
    assert response.status_code == 200
    return text[text.index("There is a problem") : text.index("</h1>")]


@pytest.fixture
def in_care(people):
    return CareEpisodeFactory(period__child=people["amy"], period__start_date=date(2026, 1, 5))


def test_every_clock_in_care_reaches_its_form():
    missing = [rule.id for rule in in_care_rules.RULES if rule.id not in FORMS]
    assert missing == []


def test_recording_the_initial_health_assessment_stops_its_clock_in_my_work(alice, in_care):
    before = alice.get(MY_WORK).content.decode()
    assert "/children/A1/health-assessments/new/?kind=initial" in before
    form = alice.get(HEALTH + "?kind=initial").content.decode()
    assert 'value="initial" checked' in form
    response = alice.post(HEALTH, {"kind": "initial"} | dated("assessment_date", date(2026, 1, 20)), follow=True)
    assert "Health assessment recorded" in response.content.decode()
    assert HealthAssessment.objects.get().kind == "initial"
    after = alice.get(MY_WORK).content.decode()
    assert "/children/A1/health-assessments/new/?kind=initial" not in after
    assert "/children/A1/health-assessments/new/?kind=review" in after


def test_a_pep_stops_the_pep_clock_and_the_next_is_the_termly_review(alice, in_care):
    assert "Record the PEP<" in alice.get(MY_WORK).content.decode()
    response = alice.post(PEP, dated("plan_date", date(2026, 1, 28)), follow=True)
    assert "Personal education plan recorded" in response.content.decode()
    after = alice.get(MY_WORK).content.decode()
    assert "Record the PEP<" not in after
    assert "Record the PEP review" in after
    assert PersonalEducationPlan.objects.get().plan_date == date(2026, 1, 28)


def test_dental_immunisation_sdq_and_iro_contact_are_saved(alice, in_care):
    assert alice.post(DENTAL, dated("check_date", date(2026, 2, 3))).status_code == 302
    assert alice.post(IMMUNISATION, dated("checked_on", date(2026, 2, 3)) | {"up_to_date": "no"}).status_code == 302
    assert alice.post(SDQ, dated("completed_on", date(2026, 2, 4)) | {"score": "17"}).status_code == 302
    posted = dated("contact_date", date(2026, 2, 5)) | {"method": "video", "summary": "Wants to see her brother."}
    assert alice.post(IRO, posted).status_code == 302
    assert DentalCheck.objects.get().check_date == date(2026, 2, 3)
    assert ImmunisationCheck.objects.get().up_to_date is False
    assert StrengthsAndDifficulties.objects.get().score == 17
    contact = IROContact.objects.get()
    assert (contact.method, contact.summary, contact.period) == ("video", "Wants to see her brother.", in_care.period)
    # The summary above each form says when it was last recorded.
    assert "5 February 2026" in alice.get(IRO).content.decode()
    chronology = alice.get("/children/A1/").content.decode()
    for title in ("Dental check", "Immunisations checked", "Score 17", "IRO contact with the child", "Video call"):
        assert title in chronology


@pytest.mark.parametrize(
    ("url", "posted", "field", "message"),
    [
        (
            HEALTH,
            {"kind": "review"} | dated("assessment_date", date(2025, 12, 1)),
            "assessment_date",
            "before the period of care, which began on 5 January 2026",
        ),
        (HEALTH, {"kind": "review"} | dated("assessment_date", date(2026, 3, 9)), "assessment_date", "in the past"),
        (HEALTH, {"kind": "x"} | dated("assessment_date", date(2026, 2, 9)), "kind", "initial or review"),
        (DENTAL, dated("check_date", date(2025, 12, 1)), "check_date", "before the period of care"),
        (PEP, dated("plan_date", date(2026, 4, 1)), "plan_date", "in the past"),
        (SDQ, dated("completed_on", date(2026, 2, 4)) | {"score": "41"}, "score", "from 0 to 40"),
        (SDQ, dated("completed_on", date(2026, 2, 4)) | {"score": "-1"}, "score", "from 0 to 40"),
        (SDQ, dated("completed_on", date(2026, 2, 4)), "score", "either the score or the reason"),
        (IRO, dated("contact_date", date(2025, 11, 1)) | {"method": "visit"}, "contact_date", "before the period"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(alice, in_care, url, posted, field, message):
    summary = summary_of(alice.post(url, posted))
    assert f'href="#id_{field}' in summary
    assert message in summary
    for model in (HealthAssessment, DentalCheck, PersonalEducationPlan, StrengthsAndDifficulties, IROContact):
        assert not model.objects.exists()


def test_a_second_initial_assessment_in_the_period_is_refused(alice, in_care):
    alice.post(HEALTH, {"kind": "initial"} | dated("assessment_date", date(2026, 1, 20)))
    summary = summary_of(alice.post(HEALTH, {"kind": "initial"} | dated("assessment_date", date(2026, 2, 20))))
    assert "choose review" in summary
    assert HealthAssessment.objects.count() == 1


def test_the_record_offers_the_health_and_education_forms_for_a_child_in_care(alice, in_care):
    text = alice.get("/children/A1/").content.decode()
    for url in (HEALTH, DENTAL, IMMUNISATION, SDQ, PEP, IRO, "/children/A1/permanence-plan/new/"):
        assert f'href="{url}"' in text


def test_the_record_does_not_offer_them_for_a_child_not_in_care(alice):
    assert HEALTH not in alice.get("/children/A1/").content.decode()


@pytest.mark.parametrize("url", [HEALTH, DENTAL, IMMUNISATION, SDQ, PEP, IRO])
def test_read_only_roles_cannot_record_and_are_not_offered_the_forms(client, people, in_care, url):
    client.force_login(people["inspector"])
    assert client.get(url).status_code == 403
    assert url not in client.get("/children/A1/?reason=Inspection+sample").content.decode()
