import pytest
from django.core.management import CommandError, call_command

from lantern.care.models import CareEpisode, CarePeriod, CLAReview
from lantern.missing.models import MissingEpisode
from lantern.returns.ssda903 import TABLES, export_ssda903
from lantern.returns.ssda903_import import import_ssda903
from lantern.workforce.models import Allocation
from tests.factories import fixture_writes, make
from tests.returns.conftest import YEAR

pytestmark = pytest.mark.django_db


def export(directory) -> dict[str, str]:
    directory.mkdir(exist_ok=True)
    export_ssda903(YEAR, directory)
    return {table.filename: (directory / table.filename).read_text() for table in TABLES}


def counts() -> dict[str, int]:
    models = (CarePeriod, CareEpisode, CLAReview, MissingEpisode, Allocation)
    return {model.__name__: model.objects.count() for model in models}


def forget_cal(authority) -> None:
    """Lantern loses Cal's time in care: his period, episodes and reviews, his missing episode, his social worker."""
    with fixture_writes():
        CarePeriod.objects.filter(child=authority.cal).delete()
        MissingEpisode.objects.filter(child=authority.cal).delete()
        Allocation.objects.filter(child=authority.cal, role=Allocation.Role.SOCIAL_WORKER).delete()


def test_it_restores_a_child_in_care_and_exports_the_same_return_again(authority, tmp_path):
    before = export(tmp_path / "before")
    forget_cal(authority)
    result = import_ssda903([tmp_path / "before"])
    assert result.ok, result.lines()
    assert result.created == {
        "periods of care": 1,
        "episodes": 2,
        "CLA reviews": 3,
        "missing episodes": 1,
        "social worker allocations": 1,
    }
    assert any("PrevPerm rows not imported" in note for note in result.notes)
    assert export(tmp_path / "after") == before
    period = CarePeriod.objects.get(child=authority.cal)
    assert (period.start_date.isoformat(), period.end_date) == ("2025-05-10", None)


def test_it_changes_nothing_when_the_same_files_are_imported_again(authority, tmp_path):
    export(tmp_path / "903")
    before = counts()
    for _ in range(2):
        result = import_ssda903([tmp_path / "903"])
        assert result.ok, result.lines()
        assert not result.created and not result.updated
    assert counts() == before


def test_it_reports_every_problem_with_file_line_child_and_field_and_writes_nothing(authority, tmp_path):
    directory = tmp_path / "903"
    export(directory)
    forget_cal(authority)
    episodes = directory / "episodes.csv"
    episodes.write_text(episodes.read_text().replace("15/09/2025,P,C1", "2025-09-15,P,C1"))
    workers = directory / "sw_episodes.csv"
    workers.write_text(workers.read_text().replace("SW200002", "SW999999"))
    (directory / "notes.csv").write_text("NAME,TEXT\nx,y\n")
    before = counts()
    result = import_ssda903([directory])
    found = {(p.file, p.line, p.child, p.field) for p in result.problems}
    assert found == {
        ("episodes.csv", 3, "LAC1", "DECOM"),
        ("sw_episodes.csv", 2, "LAC1", "SW_ID"),
        ("notes.csv", 1, None, None),
    }
    assert not result.applied
    assert counts() == before


def test_it_refuses_from_the_command_with_status_1(authority, tmp_path):
    directory = tmp_path / "903"
    export(directory)
    header = directory / "header.csv"
    header.write_text(header.read_text().replace("LAC1,M", "LAC9,M"))
    with pytest.raises(CommandError) as raised:
        call_command("import", "ssda903", str(directory))
    assert raised.value.returncode == 1


def adoption(authority) -> None:
    """Two more children: one adopted in the year (placed A5 with her foster carers), one whose plan was reversed."""
    from datetime import date

    from lantern.care.models import Adopters, AdoptionDecision
    from tests.factories import CareEpisodeFactory, CarePeriodFactory, ChildFactory

    child = ChildFactory(la_child_id="ADOPT1", sex="F", date_of_birth=date(2023, 3, 1))
    period = CarePeriodFactory(child=child, start_date=date(2023, 4, 1), end_date=date(2025, 12, 1))
    common = {"period": period, "placement_provider": "PR1", "urn": "SC123456"}
    CareEpisodeFactory(**common, legal_status="E1", placement_type="U5", end_date=date(2025, 6, 1), reason_ceased="X1")
    CareEpisodeFactory(
        **common, start_date=date(2025, 6, 1), reason_new_episode="T", legal_status="E1", placement_type="A5",
        end_date=date(2025, 12, 1), reason_ceased="E11",
    )  # fmt: skip
    couple = make(Adopters, reference="ADP1", number_of_adopters=2, sex="FF", legal_status="L12")
    make(
        AdoptionDecision,
        child=child,
        period=period,
        decided_on=date(2023, 12, 1),
        matched_on=date(2025, 5, 15),
        adopters=couple,
    )
    kept = ChildFactory(la_child_id="REV1", date_of_birth=date(2022, 5, 5))
    kept_period = CarePeriodFactory(child=kept, start_date=date(2024, 1, 10))
    CareEpisodeFactory(period=kept_period, placement_type="U6")
    make(AdoptionDecision,
        child=kept, period=kept_period, decided_on=date(2024, 6, 1), reversed_on=date(2025, 7, 1),
        reversed_reason="RD3",
    )  # fmt: skip


def test_it_restores_adoption_decisions_matches_and_adopters(authority, tmp_path):
    from lantern.care.models import Adopters, AdoptionDecision

    adoption(authority)
    before = export(tmp_path / "before")
    assert before["ad1.csv"].count("\n") == 2 and before["placed_for_adoption.csv"].count("\n") == 3
    with fixture_writes():
        AdoptionDecision.objects.all().delete()
        Adopters.objects.all().delete()
    result = import_ssda903([tmp_path / "before"])
    assert result.ok, result.lines()
    assert (result.created["adoption decisions"], result.created["adopters"]) == (2, 1)
    assert export(tmp_path / "after") == before
    adopters = Adopters.objects.get()
    assert (adopters.reference, adopters.number_of_adopters, adopters.sex, adopters.legal_status) == (
        "ADOPT1-ADOPTERS", 2, "FF", "L12",
    )  # fmt: skip
    again = import_ssda903([tmp_path / "before"])
    assert again.ok and not again.created and not again.updated, again.lines()


def test_it_refuses_an_adopters_code_that_is_not_in_the_list(authority, tmp_path):
    adoption(authority)
    directory = tmp_path / "903"
    export(directory)
    ad1 = directory / "ad1.csv"
    ad1.write_text(ad1.read_text().replace(",FF,L12", ",XX,L12"))
    result = import_ssda903([directory])
    assert {(p.file, p.child, p.field) for p in result.problems} == {("ad1.csv", "ADOPT1", "SEX_ADOPTR")}
    assert not result.applied


def test_a_review_is_imported_through_the_forms_rules_pn0_for_a_child_of_4_or_over_is_refused(authority, tmp_path):
    files = export(tmp_path / "903")
    with fixture_writes():
        CLAReview.objects.filter(child=authority.cal).delete()
    reviews = files["reviews.csv"].splitlines()
    cal_rows = [i for i, line in enumerate(reviews) if line.startswith("LAC1,")]
    first = reviews[cal_rows[0]].split(",")
    reviews[cal_rows[0]] = ",".join([*first[:3], "PN0"])  # Cal is 12: PN0 is for a child under 4
    (tmp_path / "903" / "reviews.csv").write_text("\n".join(reviews) + "\n")
    result = import_ssda903([tmp_path / "903"])
    assert not result.ok
    assert [str(p).split(" ", 1)[1] for p in result.problems] == [
        "LAC1 REVIEW_CODE: CLA reviews: PN0 is only for a child aged under 4 at the time of the review"
    ]
    assert str(result.problems[0]).startswith(f"reviews.csv:{cal_rows[0] + 1} ")
    assert not CLAReview.objects.filter(child=authority.cal).exists()  # nothing applied, the good rows neither


def test_a_review_when_the_child_was_not_looked_after_is_refused_with_the_forms_message(authority, tmp_path):
    files = export(tmp_path / "903")
    with fixture_writes():
        CLAReview.objects.filter(child=authority.cal).delete()
    reviews = files["reviews.csv"].splitlines()
    row = next(i for i, line in enumerate(reviews) if line.startswith("LAC1,"))
    parts = reviews[row].split(",")
    reviews[row] = ",".join([parts[0], parts[1], "01/05/2025", parts[3]])  # before his care began on 10/05/2025
    (tmp_path / "903" / "reviews.csv").write_text("\n".join(reviews) + "\n")
    result = import_ssda903([tmp_path / "903"])
    assert [str(p).split(" ", 1)[1] for p in result.problems] == [
        "LAC1 REVIEW: CLA reviews: The child was not looked after on that date"
    ]
    assert not CLAReview.objects.filter(child=authority.cal).exists()


def test_an_adoption_decision_when_the_child_was_not_looked_after_is_refused_with_the_forms_message(
    authority, tmp_path
):
    from datetime import date

    from django.core.exceptions import ValidationError

    from lantern.care.models import Adopters, AdoptionDecision
    from lantern.care.services import adoption_decision_record

    adoption(authority)
    child = AdoptionDecision.objects.get(child__la_child_id="REV1").child
    with pytest.raises(ValidationError) as form:  # the form, for a day before her care began on 10/01/2024
        adoption_decision_record(by=None, child=child, decided_on=date(2023, 12, 1), today=date(2026, 3, 31))
    (said,) = form.value.message_dict["decided_on"]
    directory = tmp_path / "903"
    files = export(directory)
    with fixture_writes():
        AdoptionDecision.objects.all().delete()
        Adopters.objects.all().delete()
    placed = files["placed_for_adoption.csv"].replace("REV1,05/05/2022,01/06/2024", "REV1,05/05/2022,01/12/2023")
    (directory / "placed_for_adoption.csv").write_text(placed)
    result = import_ssda903([directory])
    assert [(p.file, p.child, p.field, p.reason) for p in result.problems] == [
        ("placed_for_adoption.csv", "REV1", "DATE_PLACED", f"adoption decisions: {said}")
    ]
    assert said == "The child was not looked after on that date"
    assert not result.applied and not AdoptionDecision.objects.exists() and not Adopters.objects.exists()
