"""Is this child already known? Possible matches for a child about to be registered, in one query.

A match on a national identifier (NHS number, UPN) or the LA child ID is strong. Without one, the same date of
birth (or its day and month swapped, a common slip) with a name that is close: the same after normalising
(case, accents, hyphens, spaces), the same sound (Soundex: Steven/Stephen, Smyth/Smith), one or two letters out
(Jonh/John, Mohammed/Muhammad), or one name the start of the other (Sam/Samantha). No dependency: the comparison
is small, and a library's notion of "close" would be harder to explain to the user than these reasons.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from lantern.people.models import Child


@dataclass
class PossibleMatch:
    child: Child
    reasons: list[str] = field(default_factory=list)
    strong: bool = False


def normalised(name: str) -> str:
    """Lower case, accents off, letters only: "O'Brien-Smith" → "obriensmith", "Zoë" → "zoe"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalpha())


_SOUNDEX = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"), **dict.fromkeys("dt", "3"), "l": "4"}
_SOUNDEX |= {**dict.fromkeys("mn", "5"), "r": "6"}


def soundex(name: str) -> str:
    """American Soundex (the census coding): a letter and three digits; "" for a name with no letters."""
    letters = normalised(name)
    if not letters:
        return ""
    code, last = letters[0].upper(), _SOUNDEX.get(letters[0], "")
    for ch in letters[1:]:
        digit = _SOUNDEX.get(ch, "")
        if digit and digit != last:
            code += digit
        if ch not in "hw":  # h and w do not separate two letters of the same code
            last = digit
    return (code + "000")[:4]


def edit_distance(a: str, b: str) -> int:
    """Letters added, dropped, changed or swapped with the next one (optimal string alignment distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def names_close(entered: str, known: str) -> bool:
    a, b = normalised(entered), normalised(known)
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and _sound_alike(a, b):
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    # Very short names differ by one letter too often (Li, Lu) to count a slip; longer ones take one or two.
    allowed = 0 if max(len(a), len(b)) <= 3 else 1 if max(len(a), len(b)) <= 5 else 2
    return edit_distance(a, b) <= allowed


# English spellings of one sound, folded before Soundex (which knows none of them): Hughes/Hewes, Philips/Filips.
_SPELLINGS = [("ph", "f"), ("gh", ""), ("ck", "k"), ("sch", "sk")]
_SILENT_STARTS = [("kn", "n"), ("wr", "r"), ("gn", "n")]


def _spoken(name: str) -> str:
    for start, sound in _SILENT_STARTS:
        if name.startswith(start):
            name = sound + name[len(start) :]
    for spelling, sound in _SPELLINGS:
        name = name.replace(spelling, sound)
    return name or name[:1]


def _sound_alike(a: str, b: str) -> bool:
    """The same Soundex, a first letter of the same sound included (Catherine, Kathryn)."""
    a, b = _spoken(a), _spoken(b)
    if not a or not b:
        return False
    code_a, code_b = soundex(a), soundex(b)
    same_start = a[0] == b[0] or (_SOUNDEX.get(a[0]) is not None and _SOUNDEX.get(a[0]) == _SOUNDEX.get(b[0]))
    return same_start and code_a[1:] == code_b[1:]


def _swapped(day: date) -> date | None:
    if day.day > 12 or day.day == day.month:
        return None
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


def possible_matches(
    children: QuerySet[Child],
    *,
    first_name: str = "",
    last_name: str = "",
    date_of_birth: date | None = None,
    nhs_number: str = "",
    upn: str = "",
    la_child_id: str = "",
    limit: int = 10,
) -> list[PossibleMatch]:
    """Children among `children` who may be the one described, strongest first (at most `limit`)."""
    nhs_number, upn, la_child_id = nhs_number.replace(" ", ""), upn.strip().upper(), la_child_id.strip()
    wanted = Q(pk__in=[])
    if nhs_number:
        wanted |= Q(nhs_number=nhs_number)
    if upn:
        wanted |= Q(upn=upn) | Q(former_upn=upn)
    if la_child_id:
        wanted |= Q(la_child_id__iexact=la_child_id)
    days = [d for d in (date_of_birth, date_of_birth and _swapped(date_of_birth)) if d]
    if days:
        wanted |= Q(date_of_birth__in=days) | Q(expected_date_of_birth__in=days)
    found: list[PossibleMatch] = []
    # The birthday narrows the search to a handful of children; names are compared here, not in SQL.
    for child in children.filter(wanted).order_by("last_name", "first_name", "la_child_id")[:500]:
        match = PossibleMatch(child)
        if nhs_number and child.nhs_number == nhs_number:
            match.reasons.append("Same NHS number")
        if upn and upn in (child.upn, child.former_upn):
            match.reasons.append("Same UPN")
        if la_child_id and child.la_child_id.lower() == la_child_id.lower():
            match.reasons.append("Same LA child ID")
        match.strong = bool(match.reasons)
        born = child.date_of_birth or child.expected_date_of_birth
        if born in days and names_close(last_name, child.last_name) and names_close(first_name, child.first_name):
            same_name = normalised(first_name + last_name) == normalised(child.first_name + child.last_name)
            name = "Same name" if same_name else "A similar name"
            birth = "the same date of birth" if born == date_of_birth else "the day and month of birth swapped"
            match.reasons.append(f"{name} and {birth}")
        if match.reasons:
            found.append(match)
    found.sort(key=lambda m: (not m.strong, -len(m.reasons)))
    return found[:limit]
