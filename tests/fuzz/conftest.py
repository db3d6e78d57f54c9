"""The fuzz tests' count of examples, reported at the end of the run (see tests/fuzz/strategies.py)."""

from tests.fuzz.strategies import EXAMPLES_RUN


def pytest_terminal_summary(terminalreporter) -> None:
    if EXAMPLES_RUN:
        total = sum(EXAMPLES_RUN.values())
        detail = ", ".join(f"{n} {what}" for what, n in sorted(EXAMPLES_RUN.items()))
        terminalreporter.write_line(f"fuzz: {total} examples run ({detail})")
