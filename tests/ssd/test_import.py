"""`lantern import ssd DIR`: bad input reported at its table, line, id and field, with nothing written; `--check`;
the same extract twice; a later extract that changes a value; fields with no home reported by name."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lantern.journey.models import Referral
from lantern.people.models import Child
from lantern.ssd.exporting import export_ssd
from lantern.ssd.importing import import_ssd
from lantern.ssd.tables.journey import CIN_EPISODES
from lantern.ssd.tables.people import PERSON
from lantern.workforce.models import Team

pytestmark = pytest.mark.django_db

CHILD = {
    "pers_person_id": "P1", "pers_forename": "Amira", "pers_surname": "Khan", "pers_sex": "F",
    "pers_ethnicity": "APKN", "pers_dob": "2015-06-01", "pers_upn_unknown": "UN1",
}  # fmt: skip
EPISODE = {
    "cine_referral_id": "R1", "cine_person_id": "P1", "cine_referral_date": "2025-03-10",
    "cine_cin_primary_need_code": "N1", "cine_referral_source_code": "6", "cine_referral_nfa": "N",
}  # fmt: skip


def write(directory: Path, table, rows: list[dict], encoding: str = "utf-8") -> None:
    directory.mkdir(exist_ok=True)
    with (directory / f"{table.name}.csv").open("w", encoding=encoding, newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=table.columns)
        writer.writeheader()
        writer.writerows(rows)


def problems(directory: Path) -> list[str]:
    return [str(problem) for problem in import_ssd(directory).problems]


def test_an_episode_whose_person_is_absent_is_refused_and_nothing_is_written(tmp_path):
    write(tmp_path, CIN_EPISODES, [EPISODE])

    assert problems(tmp_path) == [
        "ssd_cin_episodes:2 R1 cine_person_id: ssd_person.csv is not in the extract and Lantern has no P1"
    ]
    assert Referral.objects.count() == 0


def test_an_id_used_twice_is_refused(tmp_path):
    write(tmp_path, PERSON, [CHILD, {**CHILD, "pers_forename": "Other"}])

    assert problems(tmp_path) == ["ssd_person:3 P1 pers_person_id: id 'P1' is used twice (first on line 2)"]
    assert Child.objects.count() == 0


def test_a_date_in_another_format_and_a_code_not_in_its_list_are_refused_with_the_rest(tmp_path):
    write(tmp_path, PERSON, [{**CHILD, "pers_dob": "01/06/2015"}, {**CHILD, "pers_person_id": "P2"}])
    write(tmp_path, CIN_EPISODES, [{**EPISODE, "cine_referral_source_code": "99"}])

    assert problems(tmp_path) == [
        "ssd_person:2 P1 pers_dob: '01/06/2015' is not a date (YYYY-MM-DD)",
        "ssd_cin_episodes:2 R1 cine_person_id: ssd_person P1 was refused (see its line)",
        "ssd_cin_episodes:2 R1 cine_referral_source_code: '99' is not a referral source code",
    ]
    assert Child.objects.count() == 0


def test_a_file_in_another_encoding_is_refused(tmp_path):
    write(tmp_path, PERSON, [{**CHILD, "pers_surname": "Zoë"}], encoding="latin-1")

    assert problems(tmp_path) == ["ssd_person:2 is not UTF-8 (byte 0xeb): save the file as UTF-8 CSV"]


def test_a_formula_in_a_cell_is_refused(tmp_path):
    write(tmp_path, PERSON, [{**CHILD, "pers_forename": '=HYPERLINK("http://x","y")'}])

    assert problems(tmp_path) == [
        "ssd_person:2 P1 pers_forename: starts like a spreadsheet formula (=, +, -, @): not imported"
    ]


def test_the_service_refuses_what_the_form_refuses(tmp_path):
    write(tmp_path, PERSON, [CHILD])
    write(tmp_path, CIN_EPISODES, [{**EPISODE, "cine_referral_date": "2014-01-01"}])

    assert problems(tmp_path) == [
        "ssd_cin_episodes:2 R1 cine_referral_date: Referral date must be the same as or after the date of birth"
    ]
    assert Child.objects.count() == 0


def test_check_reports_what_would_be_created_and_writes_nothing(tmp_path, capsys):
    write(tmp_path, PERSON, [{**CHILD, "pers_gender": "2"}])
    write(tmp_path, CIN_EPISODES, [EPISODE])

    call_command("import", "ssd", str(tmp_path), "--check")

    out = capsys.readouterr().out
    assert "created: 1 ssd_cin_episodes, 1 ssd_person" in out
    assert "no home in Lantern (kept with the SSD id and exported again): ssd_person.pers_gender 1" in out
    assert "Checked only: nothing was written." in out
    assert Child.objects.count() == 0


def test_a_refused_import_fails_the_command(tmp_path):
    write(tmp_path, CIN_EPISODES, [EPISODE])

    with pytest.raises(CommandError, match="1 problems: the SSD extract import was refused"):
        call_command("import", "ssd", str(tmp_path))


def test_the_same_extract_again_changes_nothing_and_a_later_one_updates_what_changed(tmp_path):
    write(tmp_path, PERSON, [CHILD])
    write(tmp_path, CIN_EPISODES, [EPISODE])
    assert import_ssd(tmp_path).created == {"ssd_person": 1, "ssd_cin_episodes": 1}

    again = import_ssd(tmp_path)
    assert (dict(again.created), dict(again.updated)) == ({}, {})
    assert dict(again.unchanged) == {"ssd_person": 1, "ssd_cin_episodes": 1}

    write(tmp_path, PERSON, [{**CHILD, "pers_surname": "Khan-Ali"}])
    later = import_ssd(tmp_path)
    assert dict(later.updated) == {"ssd_person": 1}
    assert Child.objects.get(la_child_id="P1").last_name == "Khan-Ali"
    assert Referral.objects.get().child.la_child_id == "P1"


def test_export_writes_a_formula_like_name_as_a_safe_cell_and_reads_it_back(tmp_path):
    write(tmp_path, PERSON, [{**CHILD, "pers_forename": "'=Amira"}])
    import_ssd(tmp_path)
    assert Child.objects.get().first_name == "=Amira"

    export_ssd(tmp_path / "out")

    assert "P1,'=Amira,Khan" in (tmp_path / "out" / "ssd_person.csv").read_text()
    assert import_ssd(tmp_path / "out").problems == []
    assert Team.objects.count() == 0


def test_the_export_command_writes_every_table_into_the_directory(tmp_path, capsys):
    write(tmp_path, PERSON, [CHILD])
    import_ssd(tmp_path)

    call_command("export", "ssd", str(tmp_path / "out"))

    assert "ssd_person                              1" in capsys.readouterr().out
    assert (tmp_path / "out" / "ssd_person.csv").read_text().splitlines()[1].startswith("P1,Amira,Khan,F,,APKN")
    assert len(list((tmp_path / "out").glob("ssd_*.csv"))) == 10
