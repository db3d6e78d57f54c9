"""Hostile input for the fuzz tests: what a tired user, a broken export or an attacker might send.

`LANTERN_FUZZ_EXAMPLES` raises the number of examples per test for a longer local run (the normal run keeps the
whole fuzz suite under a minute); `EXAMPLES_RUN` counts every example run, reported at the end of the session.
"""

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("LANTERN_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(default_examples: int) -> settings:
    """Hypothesis settings for one fuzz test: `default_examples` unless LANTERN_FUZZ_EXAMPLES says more."""
    return settings(
        max_examples=EXAMPLES or default_examples,
        deadline=None,
        derandomize=not EXAMPLES,  # the normal run is repeatable; a long local run explores
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        database=None,
    )


EXAMPLES_RUN: dict[str, int] = {}


OUTCOMES: dict[str, int] = {}


def count(test_name: str) -> None:
    EXAMPLES_RUN[test_name] = EXAMPLES_RUN.get(test_name, 0) + 1


def outcome(what: str) -> None:
    """How examples ended (applied, refused …): a fuzzer whose every example is refused early tests little."""
    OUTCOMES[what] = OUTCOMES.get(what, 0) + 1


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("http://x","y")', "\t=1", "\r=1"]
CONFUSABLES = [
    "Аmy",  # Cyrillic A
    "A\u200bmy",  # zero-width space
    "A\u0301",  # combining accent
    "\u202eyma",  # right-to-left override
    "ＡＭＹ",  # fullwidth
    "ﬁ",  # ligature
    "İ",  # dotted capital I (lowercases to two characters)
    "ß",
    "\ufeffA1",  # a BOM inside a value
]
DIGITS_THAT_ARE_NOT = ["²", "³", "¹²", "²²²²", "²⁰²⁵", "١٢", "٣", "߁", "①", "⁴⁵", "𝟙𝟚", "½", "Ⅻ", "٢٠٢٥"]
DATES = [
    "31/02/2025", "0000-00-00", "9999-12-31", "29/02/2023", "00/00/0000", "2025-02-31", "31-12-9999",
    "1/1/1", "01/13/2025", "32/01/2025", "2025-13-01", "1900-01-01", "0001-01-01", "10000-01-01", "2025/01/01",
    " 2025-01-01 ", "2025-1-1", "1e3", "NaN", "-1", "1/1/-2025", "99/99/99999", "2025-01-01T00:00:00",
]  # fmt: skip
NUMBERS = ["-1", "0", "-0", "1e309", "99999999999999999999999", "9" * 5000, "0x1F", "1_000", "+5", "3.5", "inf"]
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x7f",
    "\ud7ff",
    "\ufffd",
    "\uffff",
    "null",
    "None",
    "undefined",
    "true",
    "yes ",
    "YES",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "%s%s%s%n",
    "'; DROP TABLE people_child; --",
    "../../etc/passwd",
    "http://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "\r\n\r\n",
    "😀" * 3,
    "é",
    "x" * 300,
    *FORMULAS,
    *CONFUSABLES,
    *DIGITS_THAT_ARE_NOT,
    *DATES,
    *NUMBERS,
]

# Text that survives being posted (the test client sends str); lone surrogates cannot be encoded, so none here.
text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
nasty_text = st.one_of(st.sampled_from(NASTY), text, st.builds(lambda n: "9" * n, st.integers(1, 12)))
huge_text = st.sampled_from([10_000, 100_000, 600_000]).map(lambda n: "A" * n)
hostile = st.one_of(nasty_text, nasty_text, nasty_text, huge_text)
