"""The Ofsted grading scale the audits use, best first: the order is what moderation "lowers" or "raises"."""

from django.db import models


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


SCALE = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]
RANK = {grade.value: index for index, grade in enumerate(SCALE)}


def grade_from_words(text: str) -> str | None:
    """A grade as a person writes it ("Good ", "requires improvement", "Requires Improvement"); None if it is not
    one (a spreadsheet's "Goood")."""
    words = " ".join(text.replace("_", " ").split()).lower()
    for grade in SCALE:
        if words == grade.label.lower():
            return grade.value
    return None


def lowered(first: str, moderated: str) -> bool:
    """Moderation found the practice worse than the first auditor did (first-line optimism)."""
    return RANK[moderated] > RANK[first]
