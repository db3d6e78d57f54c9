"""The fuzz tests' count of examples, reported at the end of the run (see tests/fuzz/strategies.py)."""

from tests.fuzz.strategies import EXAMPLES_RUN, OUTCOMES
from tests.returns.conftest import _fresh_calendar, authority  # noqa: F401 (the returns' test authority)


def pytest_terminal_summary(terminalreporter) -> None:
    if EXAMPLES_RUN:
        total = sum(EXAMPLES_RUN.values())
        detail = ", ".join(f"{n} {what}" for what, n in sorted(EXAMPLES_RUN.items()))
        terminalreporter.write_line(f"fuzz: {total} examples run ({detail})")
    if OUTCOMES:
        outcomes = ", ".join(f"{n} {what}" for what, n in sorted(OUTCOMES.items()))
        terminalreporter.write_line(f"fuzz outcomes: {outcomes}")
