import io
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from lantern.returns.importing import Invalid, parse_date

pytestmark = pytest.mark.django_db


def test_it_exports_the_cin_census_from_the_command(authority, tmp_path):
    path = tmp_path / "cin.xml"
    out = io.StringIO()
    call_command("export", "cin-census", "--year", "2026", "-o", str(path), stdout=out)
    root = ET.fromstring(path.read_bytes())
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"
    assert len(root.findall("Children/Child")) == 3
    assert "Wrote CIN census 2025/26" in out.getvalue()


def test_it_exports_the_ssda903_into_a_directory_from_the_command(authority, tmp_path):
    directory = tmp_path / "ssda903"
    call_command("export", "ssda903", "--year", "2026", "-o", str(directory), stdout=io.StringIO())
    assert sorted(p.name for p in directory.iterdir()) == [
        "ad1.csv",
        "episodes.csv",
        "header.csv",
        "missing.csv",
        "oc2.csv",
        "oc3.csv",
        "placed_for_adoption.csv",
        "previous_permanence.csv",
        "reviews.csv",
        "sw_episodes.csv",
        "uasc.csv",
    ]


def test_it_refuses_to_write_the_ssda903_over_a_file(authority, tmp_path):
    path = tmp_path / "not-a-directory"
    path.write_text("")
    with pytest.raises(CommandError, match="directory"):
        call_command("export", "ssda903", "--year", "2026", "-o", str(path), stdout=io.StringIO())


def test_it_exports_annex_a_from_the_command(authority, tmp_path):
    path = tmp_path / "annex-a.xlsx"
    call_command("export", "annex-a", "--as-of", "2026-01-31", "-o", str(path), stdout=io.StringIO())
    assert len(openpyxl.load_workbook(path).worksheets) == 11


def test_it_refuses_a_date_that_is_not_a_date(tmp_path):
    with pytest.raises(CommandError, match="--as-of"):
        call_command("export", "annex-a", "--as-of", "31/01/2026", "-o", str(tmp_path / "a.xlsx"))


def test_annex_a_refuses_a_day_the_clocks_cannot_count_to(tmp_path):
    with pytest.raises(CommandError, match="--as-of: the date must be between 1900-01-01 and 2199-12-31"):
        call_command("export", "annex-a", "--as-of", "9999-12-31", "-o", str(tmp_path / "a.xlsx"))
    assert not (tmp_path / "a.xlsx").exists()


@pytest.mark.parametrize("text", ["9999-12-31", "31/12/9999", "01/01/1066"])
def test_an_imported_date_outside_the_counting_range_is_refused(text):
    with pytest.raises(Invalid, match="outside the dates Lantern counts"):
        parse_date(text, "iso" if "-" in text else "dmy")
