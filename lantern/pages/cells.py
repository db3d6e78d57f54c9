"""The guard on every cell Lantern writes to a CSV or xlsx file: text a spreadsheet would run as a formula.

The worklists' exports, the three returns and the subject access chronology all write through `safe_cell`, so
there is one rule for what counts as a formula.
"""

from datetime import date

# A spreadsheet treats a cell starting with one of these as a formula (OWASP's list: = + - @, tab, return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | date | None


def safe_cell(value: Cell) -> Cell:
    """The cell as exported: text that a spreadsheet would run as a formula gets a leading single quote.

    Numbers and dates are left alone (a negative number is a number, not a formula); only text is changed.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
