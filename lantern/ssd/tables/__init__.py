"""Every SSD table this import and export take, in the order they are written (a table after those it points at).
Each table's mapping to Lantern's records is in one place: its module here."""

from lantern.ssd.tables.base import Table
from lantern.ssd.tables.journey import ASSESSMENT_FACTORS, CIN_ASSESSMENTS, CIN_EPISODES, CONTACTS
from lantern.ssd.tables.people import ADDRESS, DISABILITY, PERSON
from lantern.ssd.tables.workforce import DEPARTMENT, INVOLVEMENTS, PROFESSIONALS

TABLES: list[Table] = [
    DEPARTMENT, PROFESSIONALS, PERSON, DISABILITY, ADDRESS, INVOLVEMENTS,
    CONTACTS, CIN_EPISODES, CIN_ASSESSMENTS, ASSESSMENT_FACTORS,
]  # fmt: skip

__all__ = ["TABLES", "Table"]
