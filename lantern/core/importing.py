"""What every import shares: a problem reported by its place (file, line, child or id, field), and the result
that lists the problems, or what was created, filled in and left unchanged. Imports are all or nothing: with any
problem, nothing is written."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    child: str | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        who = f" {self.child}" if self.child else ""
        what = f" {self.field}:" if self.field else ""
        return f"{place}{who}{what} {self.reason}"


@dataclass
class ImportResult:
    name: str
    problems: list[Problem] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [str(problem) for problem in self.problems]
        for label, counts in (("created", self.created), ("filled in", self.updated), ("unchanged", self.unchanged)):
            if counts:
                out.append(f"{label}: " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items())))
        out.extend(self.notes)
        return out
