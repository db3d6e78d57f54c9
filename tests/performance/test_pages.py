"""The pack page, its drill-downs, its xlsx and the commands, as their users see them."""

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from lantern.performance.models import Snapshot
from lantern.performance.tasks import snapshot_week
from tests.performance.conftest import AS_OF

pytestmark = pytest.mark.django_db

PACK = reverse("performance:pack")


def drill(measure_id: str) -> str:
    return reverse("performance:measure", args=[measure_id]) + f"?as_of={AS_OF.isoformat()}"


def row_of(html: str, measure_id: str) -> str:
    found = re.search(rf'<tr class="govuk-table__row" data-measure="{measure_id}">(.*?)</tr>', html, re.S)
    assert found, measure_id
    return found.group(1)


def shown_value(html: str, measure_id: str) -> str:
    return re.search(r"<td[^>]*data-value>(.*?)</td>", row_of(html, measure_id), re.S).group(1).strip()


def numerator(html: str) -> int:
    return int(re.search(r"<span data-numerator>([\d,]+)</span>", html).group(1).replace(",", ""))


def rows_listed(html: str) -> int:
    found = re.search(r"<span data-rows>([\d,]+)</span>", html)
    return int(found.group(1).replace(",", "")) if found else 0


def test_the_director_reads_each_measure_with_its_count_comparator_and_target(client, people, world):
    client.force_login(people["director"])
    page = client.get(PACK, {"as_of": AS_OF.isoformat()}).content.decode()
    assert "Performance pack as at 31 March 2026" in page
    assert shown_value(page, "assessments_within_45_wd") == "66.7%"
    assessments = row_of(page, "assessments_within_45_wd")
    assert "2</span> of 3" in assessments
    assert "83.0%" in assessments  # England 2023-24 and the target
    assert "2023-24" in assessments
    assert shown_value(page, "referrals_re_referred_12m") == "33.3%"
    assert shown_value(page, "icpc_within_15_wd") == "50.0%"
    assert shown_value(page, "cp_plans_second_or_later") == "50.0%"
    assert shown_value(page, "cla_3plus_placements") == "50.0%"
    for section in ("Front door", "Assessment", "Child protection", "Children in need", "Children in care"):
        assert f">{section}</h2>" in page


def test_a_measure_with_nothing_to_count_says_no_children(client, people, world):
    client.force_login(people["director"])
    page = client.get(PACK, {"as_of": AS_OF.isoformat()}).content.decode()
    # No missing episodes in the world, and no care leavers.
    assert shown_value(page, "missing_return_interviews_within_72h") == "no children"
    assert shown_value(page, "care_leavers_19_21_in_touch") == "no children"
    assert "0</span> of 0" in row_of(page, "missing_return_interviews_within_72h")


@pytest.mark.parametrize(
    "measure_id",
    [
        "referrals_re_referred_12m",
        "assessments_within_45_wd",
        "icpc_within_15_wd",
        "cp_plans_second_or_later",
        "cla_3plus_placements",
    ],
)
def test_the_drill_down_lists_as_many_rows_as_the_numerator(client, people, world, measure_id):
    client.force_login(people["director"])
    page = client.get(drill(measure_id)).content.decode()
    assert rows_listed(page) == numerator(page) > 0
    rest = client.get(drill(measure_id) + "&show=rest").content.decode()
    counted_of = re.search(r"<span data-numerator>(\d+)</span> of (\d+)", rest)
    assert rows_listed(rest) == int(counted_of.group(2)) - int(counted_of.group(1))


def test_the_late_assessment_is_bea_and_her_record_is_linked(client, people, world):
    client.force_login(people["director"])
    page = client.get(drill("assessments_within_45_wd") + "&show=rest").content.decode()
    assert "Bea Test" in page
    assert reverse("child", args=["PB1"]) in page
    assert "Ann Test" not in page


def test_a_team_sees_its_own_children_only(client, people, world):
    client.force_login(people["carl"])  # Team C: Eve, Fay and Gus, in care; no assessments
    page = client.get(PACK, {"as_of": AS_OF.isoformat()}).content.decode()
    assert shown_value(page, "assessments_within_45_wd") == "no children"
    assert shown_value(page, "cla_3plus_placements") == "50.0%"
    drilled = client.get(drill("assessments_within_45_wd") + "&show=rest").content.decode()
    assert "Bea Test" not in drilled
    client.force_login(people["tina"])  # Team A
    page = client.get(PACK, {"as_of": AS_OF.isoformat()}).content.decode()
    assert shown_value(page, "assessments_within_45_wd") == "66.7%"
    assert shown_value(page, "cla_3plus_placements") == "no children"


@pytest.mark.parametrize(
    ("as_of", "reason"),
    [
        ("2099-01-01", "The pack date 01/01/2099 is in the future"),
        ("2000-01-01", "The pack date 01/01/2000 is before the records begin (05/01/2023)"),
        ("31/03/2026", "Pack date must be a date in the form YYYY-MM-DD"),
    ],
)
def test_a_pack_date_in_the_future_or_before_the_records_is_refused_with_the_reason(
    client, people, world, as_of, reason
):
    client.force_login(people["director"])
    response = client.get(PACK, {"as_of": as_of})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert reason in page


def test_the_xlsx_has_a_sheet_per_section_and_a_row_per_measure(client, people, world):
    client.force_login(people["director"])
    response = client.get(PACK, {"as_of": AS_OF.isoformat(), "format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="performance-pack-2026-03-31.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Front door", "Assessment", "Child protection"]
    rows = list(book["Assessment"].iter_rows(values_only=True))
    assert rows[0] == (
        "measure_id",
        "title",
        "period_start",
        "period_end",
        "value",
        "numerator",
        "denominator",
        "comparator",
        "target",
        "rag",
    )
    measure_id, _, start, end, value, num, den, comparator, target, rag = rows[1]
    assert (measure_id, start.date(), end.date(), num, den) == (
        "assessments_within_45_wd",
        date(2025, 4, 1),
        AS_OF,
        2,
        3,
    )
    assert (round(value, 3), comparator, target, rag) == (0.667, 0.83, 0.83, "red")
    missing = list(book["Missing"].iter_rows(values_only=True))[1]
    assert missing[4] is None and missing[6] == 0  # no children: no value, not 0


def test_lantern_pack_writes_the_same_file(client, people, world, tmp_path):
    target = tmp_path / "pack.xlsx"
    call_command("pack", "--as-of", AS_OF.isoformat(), "-o", str(target), stdout=io.StringIO())
    client.force_login(people["director"])
    page = client.get(PACK, {"as_of": AS_OF.isoformat(), "format": "xlsx"})
    from_page = load_workbook(io.BytesIO(page.content))
    from_command = load_workbook(target)
    assert from_command.sheetnames == from_page.sheetnames
    for name in from_page.sheetnames:
        assert list(from_command[name].iter_rows(values_only=True)) == list(from_page[name].iter_rows(values_only=True))


def test_lantern_pack_refuses_a_date_in_the_future(world, tmp_path):
    with pytest.raises(CommandError, match="is in the future"):
        call_command("pack", "--as-of", "2099-01-01", "-o", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_snapshots_make_the_trend_and_its_table(client, people, world):
    call_command("performance", "snapshot", "--as-of", AS_OF.isoformat(), "--weeks", "3", stdout=io.StringIO())
    kept = Snapshot.objects.filter(measure_id="assessments_within_45_wd").order_by("period_end")
    assert [s.period_end for s in kept] == [date(2026, 3, 17), date(2026, 3, 24), AS_OF]
    assert (kept.last().numerator, kept.last().denominator) == (2, 3)
    missing = Snapshot.objects.get(measure_id="missing_return_interviews_within_72h", period_end=AS_OF)
    assert (missing.value, missing.denominator) == (None, 0)
    client.force_login(people["director"])
    page = client.get(PACK, {"as_of": AS_OF.isoformat()}).content.decode()
    assert 'id="chart-assessments_within_45_wd"' in page
    assert 'id="pack-charts" type="application/json"' in page
    assert "Assessments within 45 working days, week by week" in page
    assert "<script>" not in page  # CSP: data by json_script, code from static files only


def test_the_background_task_keeps_a_week(world):
    snapshot_week.call(AS_OF.isoformat())
    assert Snapshot.objects.filter(period_end=AS_OF).count() >= 21


def test_the_pdf_holds_the_pack_with_its_trends_drawn_on_the_server(client, people, world):
    call_command("performance", "snapshot", "--as-of", AS_OF.isoformat(), "--weeks", "3", stdout=io.StringIO())
    client.force_login(people["director"])
    response = client.get(PACK, {"as_of": AS_OF.isoformat(), "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Performance pack as at 31 March 2026" in text
    assert "Assessments within 45 working days" in text
    assert "66.7%" in text
