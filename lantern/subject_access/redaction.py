"""Redacting third parties from a subject access file: names of people other than the child become a marker.

The file is built from structured data, so names held in their own fields (a parent on the record, a worker on an
allocation) are replaced where they are read. Free text (a contact summary, the chronology's details) may mention
them too, so every piece of text also passes through `Redactor.text`, which replaces each third party's full name
and, on its own, each of their first and last names that is not also one of the child's own names.
"""

import calendar
import re
from collections.abc import Iterable

MARK = "[redacted: third party]"

# A single name that is also a month ("May", "June") would otherwise blank the dates written in free text, and a
# title ("Dr Jane Smith" as a lead practitioner) every other doctor.
_NOT_NAMES = {name.lower() for name in [*calendar.month_name, *calendar.month_abbr] if name} | {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
}


class Redactor:
    """Replaces the given people's names in text; `Redactor.off()` changes nothing."""

    def __init__(self, people: Iterable[tuple[str, str]], *, keep: Iterable[str] = ()) -> None:
        kept = {word.lower() for name in keep for word in name.split()}
        full_names: set[str] = set()
        single: set[str] = set()
        for first, last in people:
            first, last = first.strip(), last.strip()
            if first and last:
                full_names.add(f"{first} {last}")
                full_names.add(f"{last}, {first}")
            for part in (*first.split(), *last.split()):
                if len(part) > 1 and part.lower() not in kept and part.lower() not in _NOT_NAMES:
                    single.add(part)
        self.active = bool(full_names or single)
        self._full = _pattern(full_names, flags=re.IGNORECASE)
        # Single names only as written with a capital, so that "Will" the person does not take "will" the word.
        self._single = _pattern(single, flags=0)

    @classmethod
    def off(cls) -> "Redactor":
        return cls([])

    def text(self, value: str) -> str:
        if not value or not self.active:
            return value
        if self._full is not None:
            value = self._full.sub(MARK, value)
        if self._single is not None:
            value = self._single.sub(MARK, value)
        return value

    def name(self, full_name: str) -> str:
        """A third party's name where it stands alone: always the marker when redacting."""
        return MARK if self.active else full_name


def _pattern(names: set[str], *, flags: int) -> re.Pattern | None:
    if not names:
        return None
    # Longest first, so that "Jane Smith" is taken whole before "Jane" alone; \b keeps "Ann" out of "Annual".
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)
