"""No false changes from a re-import: importing the same CIN census and SSDA903 again leaves 0 children pending."""

from lantern.dfe_api.services import dfe_api_send
from lantern.dfe_api.tracking import pending
from lantern.returns.cin_census import export_cin_census
from lantern.returns.cin_import import import_cin_census
from lantern.returns.ssda903 import export_ssda903
from lantern.returns.ssda903_import import import_ssda903
from tests.dfe_api.conftest import TODAY
from tests.returns.conftest import YEAR, authority  # noqa: F401 (the returns' hand-built authority)


def test_reimporting_the_same_returns_leaves_no_one_pending(authority, dfe, tmp_path):  # noqa: F811
    run = dfe_api_send(today=TODAY, delays=(0, 0, 0))
    assert run.sent == 4 and pending(TODAY) == []  # Amy, Ben, Cal and Dee
    census = tmp_path / "census.xml"
    with census.open("wb") as stream:
        export_cin_census(YEAR, stream)
    (tmp_path / "903").mkdir()
    export_ssda903(YEAR, tmp_path / "903")
    assert import_cin_census(census).ok
    assert import_ssda903([tmp_path / "903"]).ok
    assert pending(TODAY) == []
