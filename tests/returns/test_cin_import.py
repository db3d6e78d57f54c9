import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from lantern.journey.models import (
    Assessment,
    AssessmentFactor,
    ChildProtectionConference,
    CINPlan,
    CPPlan,
    Referral,
    Section47Enquiry,
)
from lantern.people.models import Child, ChildDisability
from lantern.returns.cin_census import export_cin_census
from lantern.returns.cin_import import import_cin_census
from tests.factories import fixture_writes
from tests.returns.conftest import YEAR

pytestmark = pytest.mark.django_db


def export(path) -> str:
    with path.open("wb") as stream:
        export_cin_census(YEAR, stream)
    # The header's DateTime is when the file was written: the rest must match byte for byte.
    return re.sub(r"<DateTime>[^<]*</DateTime>", "", path.read_text(encoding="utf-8"))


def counts() -> dict[str, int]:
    models = (Referral, Assessment, AssessmentFactor, CINPlan, Section47Enquiry, CPPlan, ChildProtectionConference)
    return {model.__name__: model.objects.count() for model in models} | {
        "ChildDisability": ChildDisability.objects.count()
    }


def forget_the_year(authority) -> None:
    """Lantern loses the year's CIN records (the children stay): what an import of the census must restore."""
    year = Referral.objects.filter(referral_date__gte=date(2025, 4, 1))
    # Conferences first: deleting a plan would otherwise set a review's plan to null, which the database refuses.
    with fixture_writes():
        ChildProtectionConference.objects.filter(referral__in=year).delete()
        year.delete()
        ChildDisability.objects.filter(child__in=[authority.amy, authority.ben, authority.cal]).delete()


def test_it_restores_the_records_a_census_holds_and_exports_the_same_census_again(authority, tmp_path):
    before = export(tmp_path / "before.xml")
    full = counts()
    forget_the_year(authority)
    result = import_cin_census(tmp_path / "before.xml")
    assert result.ok, result.lines()
    assert result.applied
    assert result.created["referrals"] == 3
    assert result.created["CP plans"] == 1
    assert result.created["conferences"] == 3  # Ben's ICPC and two reviews
    assert export(tmp_path / "after.xml") == before
    # The strategy discussion is not in the return; everything else the census holds is back.
    assert counts() == full


def test_it_changes_nothing_when_the_same_file_is_imported_again(authority, tmp_path):
    export(tmp_path / "census.xml")
    before = counts()
    first = import_cin_census(tmp_path / "census.xml")
    again = import_cin_census(tmp_path / "census.xml")
    assert first.ok and again.ok
    assert not first.created and not first.updated
    assert not again.created and not again.updated
    assert again.unchanged["referrals"] == 3
    assert counts() == before


def test_it_reports_a_conflict_with_its_line_child_and_field_and_writes_nothing(authority, tmp_path):
    path = tmp_path / "census.xml"
    export(path)
    forget_the_year(authority)
    with fixture_writes():
        Child.objects.filter(pk=authority.amy.pk).update(ethnicity="WIRI")
    before = counts()
    result = import_cin_census(path)
    assert not result.ok and not result.applied
    (problem,) = result.problems
    assert (problem.child, problem.field) == ("CINA1", "ethnicity")
    assert problem.reason == "the file has 'WBRI', Lantern has 'WIRI'"
    lines = path.read_text().splitlines()
    assert "<LAchildID>CINA1</LAchildID>" in lines[problem.line]  # the line after <ChildIdentifiers>
    assert counts() == before  # Ben's and Cal's episodes were fine, and still nothing was written


def test_it_reports_every_problem_in_the_file(authority, tmp_path):
    path = tmp_path / "census.xml"
    export(path)
    text = path.read_text()
    text = text.replace("<LAchildID>LAC1</LAchildID>", "<LAchildID>NOBODY9</LAchildID>")
    text = text.replace("<ReferralSource>2A</ReferralSource>", "<ReferralSource>99</ReferralSource>")
    text = text.replace("<CPPstartDate>2025-06-20</CPPstartDate>", "<CPPstartDate>20/06/2025</CPPstartDate>")
    path.write_text(text)
    result = import_cin_census(path)
    found = {(p.child, p.field, p.reason) for p in result.problems}
    assert found == {
        ("NOBODY9", "LAchildID", "is not on Lantern's record: add the child first (a return carries no names)"),
        ("CINA1", "ReferralSource", "'99' is not a ReferralSource code"),
        ("CPB1", "CPPstartDate", "'20/06/2025' is not a date (YYYY-MM-DD)"),
    }
    source_line = next(p.line for p in result.problems if p.field == "ReferralSource")
    assert "<ReferralSource>99</ReferralSource>" in text.splitlines()[source_line - 1]


def test_it_refuses_a_file_with_a_doctype_or_that_is_not_xml(authority, tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]><Message/>')
    (problem,) = import_cin_census(evil).problems
    assert "DOCTYPE" in problem.reason
    broken = tmp_path / "broken.xml"
    broken.write_text("<Message><Children>")
    (problem,) = import_cin_census(broken).problems
    assert "not well-formed" in problem.reason


def test_it_checks_without_writing_from_the_command(authority, tmp_path, capsys):
    path = tmp_path / "census.xml"
    export(path)
    forget_the_year(authority)
    before = counts()
    call_command("import", "cin-census", str(path), "--check")
    out = capsys.readouterr().out
    assert "created: " in out and "Checked only: nothing was written." in out
    assert counts() == before
    call_command("import", "cin-census", str(path))
    assert "Imported the CIN census." in capsys.readouterr().out
    assert counts() != before


def test_it_exits_with_status_1_when_the_import_is_refused(authority, tmp_path):
    path = tmp_path / "census.xml"
    export(path)
    path.write_text(path.read_text().replace("<LEA>887</LEA>", "<LEA>201</LEA>"))
    with pytest.raises(CommandError) as raised:
        call_command("import", "cin-census", str(path))
    assert raised.value.returncode == 1


def test_an_assessment_is_imported_through_the_forms_rules_and_its_refusal_names_the_item(authority, tmp_path):
    from django.core.exceptions import ValidationError

    from lantern.journey.services import assessment_start

    path = tmp_path / "census.xml"
    text = export(path)
    referral = Referral.objects.get(child=authority.amy, referral_date=date(2025, 9, 1))
    with pytest.raises(ValidationError) as form:  # what the form says of an assessment before the referral
        assessment_start(by=None, referral=referral, start_date=date(2025, 8, 20), today=date(2026, 3, 31))
    (said,) = form.value.message_dict["start_date"]
    forget_the_year(authority)
    before = counts()
    # Amy's assessment begins before her referral of 1 September 2025: the form refuses that, so the import does.
    text = text.replace(
        "<AssessmentActualStartDate>2025-09-02</AssessmentActualStartDate>",
        "<AssessmentActualStartDate>2025-08-20</AssessmentActualStartDate>",
    )
    path.write_text(text)
    result = import_cin_census(path)
    assert not result.ok and not result.applied
    assert [(p.child, p.field, p.reason) for p in result.problems] == [
        ("CINA1", "AssessmentActualStartDate", f"assessments: {said}")
    ]
    assert "Date the assessment started must be the same as or after the referral date" in said
    assert "<Assessments>" in text.splitlines()[result.problems[0].line - 1]  # the assessment refused
    assert counts() == before  # Ben's and Cal's episodes were fine, and still nothing was written
