"""The Annex A workbook's layout as data: one sheet per list, each column's exact header and the value it holds,
and the cell formats. Nothing here reads the record.

Headers are liia-tools' `Annex_A_schema.yml` verbatim. A column's `field` names either a value the list's module
gives each row, or one of the child's own columns worked out once for every list (`shared.CHILD_FIELDS`: child_id,
gender, ethnicity, date_of_birth, age, disability, team, worker, personal_adviser); `None` is a column Lantern does
not record, always blank. No column sets a width: the workbook has always used the spreadsheet's default.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str
    field: str | None
    width: float | None = None  # characters; None: the spreadsheet's default


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    window: str
    columns: tuple[Column, ...]

    @property
    def sheet(self) -> str:
        return f"List {self.number} - {self.title}"

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
HEADER_FORMAT = {"bold": True}  # row 1
DATE_FORMAT = {"num_format": "dd/mm/yyyy"}  # every date cell


def _columns(*parts: tuple) -> tuple[Column, ...]:
    """Columns from (header, field) pairs, and from groups of them the lists share (PERSON, ALLOCATED)."""
    columns: list[Column] = []
    for part in parts:
        if isinstance(part[0], tuple):
            columns.extend(Column(header, name) for header, name in part)
        else:
            columns.append(Column(*part))
    return tuple(columns)


CHILD_ID = ("Child Unique ID", "child_id")
PERSON = (
    CHILD_ID,
    ("Gender", "gender"),
    ("Ethnicity", "ethnicity"),
    ("Date of Birth", "date_of_birth"),
    ("Age of Child (Years)", "age"),
)
DISABILITY = ("Does the Child have a Disability", "disability")
ALLOCATED = (("Allocated Team", "team"), ("Allocated Worker", "worker"))

LISTS: tuple[AnnexList, ...] = (
    AnnexList(
        1,
        "Contacts",
        "Contacts received in the six months to the date",
        _columns(PERSON, ("Date of Contact", "date"), ("Contact Source", "source")),
    ),
    AnnexList(
        2,
        "Early help",
        "Early help assessments started or completed in the six months to the date",
        _columns(
            PERSON,
            ("Assessment start date", "start"),
            ("Assessment completion date", "completed"),
            ("Organisation completing assessment", "organisation"),
        ),
    ),
    AnnexList(
        3,
        "Referrals",
        "Referrals in the six months to the date",
        _columns(
            PERSON,
            ("Date of referral", "date"),
            ("Referral Source", "source"),
            ("Referral NFA?", "nfa"),
            ("Number of Referrals in Last 12 Months", "in_last_year"),
            ALLOCATED,
        ),
    ),
    AnnexList(
        4,
        "Assessments",
        "Assessments open at any time in the six months to the date",
        _columns(
            PERSON,
            DISABILITY,
            ("Continuous Assessment Start Date", "start"),
            ("Child Seen During Continuous Assessment", "seen"),
            ("Continuous Assessment Date of Authorisation", "authorised"),
            ("Was the child assessed as requiring LA children's social care support?", "requires_support"),
            ALLOCATED,
        ),
    ),
    AnnexList(
        5,
        "Section 47",
        "Section 47 enquiries started in the six months to the date",
        _columns(
            PERSON,
            DISABILITY,
            ("Strategy discussion initiating Section 47 Enquiry Start Date", "discussed"),
            ("Was an Initial Child Protection Conference deemed unnecessary?", "not_required"),
            ("Date of Initial Child Protection Conference", "icpc"),
            ("Did the Initial Child Protection Conference Result in a Child Protection Plan", "plan"),
            ("Number of Section 47 Enquiries in the last 12 months", "enquiries"),
            ("Number of ICPCs in the last 12 months", "icpcs"),
            ALLOCATED,
        ),
    ),
    AnnexList(
        6,
        "Children in need",
        "CIN episodes open at the date or closed in the six months to it (not referrals closed NFA)",
        _columns(
            PERSON,
            DISABILITY,
            ("CIN Start Date", "start"),
            ("Primary Need Code", "need"),
            ("Date Child Was Last Seen", "last_seen"),
            ("CIN Closure Date", "closed"),
            ("Reason for Closure", "reason"),
            ("Case Status", "status"),
            ALLOCATED,
        ),
    ),
    AnnexList(
        7,
        "Child protection",
        "Child protection plans open at the date or ended in the six months to it",
        _columns(
            PERSON,
            DISABILITY,
            ("Child Protection Plan Start Date", "start"),
            ("Initial Category of Abuse", "initial"),
            ("Latest Category of Abuse", "latest"),
            ("Date of the Last Statutory Visit", "last_visit"),
            ("Was the Child Seen Alone?", "seen_alone"),
            ("Date of latest review conference", "last_review"),
            ("Child Protection Plan End Date", "end"),
            (
                "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
                "protected",
            ),
            ("Number of Previous Child Protection Plans", "previous"),
            ALLOCATED,
        ),
    ),
    AnnexList(
        8,
        "Children in care",
        "Children in care at the date, and those who ceased to be looked after in the six months to it",
        _columns(
            PERSON,
            ("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", "uasc"),
            DISABILITY,
            ("Date Started to be Looked After", "start"),
            ("Child's Category of Need", "need"),
            (
                "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
                "again",
            ),
            ("Start date of current legal status", "status_start"),
            ("Child's Legal Status", "status"),
            ("Date of Latest Statutory Review", "last_review"),
            ("Date of Last Social Work Visit", "last_visit"),
            ("What is the permanence plan for this child?", "permanence"),
            ("Date of Last IRO Visit / Contact to the Child", "last_iro"),
            ("Date of Last Health Assessment", "last_health"),
            ("Date of Last Dental Check", "last_dental"),
            ("Number of Placements in the Last 12 months", "placements"),
            ("Date Ceased to be Looked After", "ended"),
            ("Reason Ceased to be Looked After", "reason"),
            ("Start Date of Most Recent Placement", "placement_start"),
            ("Placement Type", "placement"),
            ("Placement Provider", "provider"),
            ("Placement postcode", "postcode"),
            ("URN of Placement", "urn"),
            ("Placement Location", "location"),
            ("LA of Placement", "la"),
            ("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months", "missing"),
            ("Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months", "absent"),
            ("Was the child offered a Return Interview after their last missing episode (Y/N)?", "offered"),
            ("Did the child accept a Return Interview after their last missing episode (Y/N)?", "accepted"),
            ALLOCATED,
        ),
    ),
    AnnexList(
        9,
        "Care leavers",
        "Care leavers at the date",
        _columns(
            PERSON,
            ("Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", "uasc"),
            DISABILITY,
            ALLOCATED,
            ("Allocated Personal Advisor", "personal_adviser"),
            ("Eligibility Category", "eligibility"),
            ("Latest Pathway Plan Review Date", "last_review"),
            ("LA in Touch", "in_touch"),
            ("Latest Date of Contact", "last_contact"),
            ("Type of Accommodation", "accommodation"),
            ("Suitability of Accommodation", "suitable"),
            ("Activity Status", "activity"),
        ),
    ),
    AnnexList(
        10,
        "Adoption",
        "Decisions to place for adoption in force at the date, or ended by adoption or reversal in the 12 months",
        _columns(
            CHILD_ID,
            ("Family identifier", "family"),
            PERSON[1:],
            DISABILITY,
            ("Date the Child Entered Care", "entered"),
            ("Date of Decision that Child Should be Placed for Adoption", "decided"),
            ("Date of Placement Order", "order"),
            ("Date of Matching Child and Prospective Adopters", "matched"),
            ("Date Placed for Adoption", "placed"),
            ("Date of Adoption Order", "adopted"),
            ("Date of Decision that Child Should No Longer be Placed for Adoption", "reversed"),
            ("Reason Why Child No Longer Placed for Adoption", "reason"),
            ("Date the child was placed for fostering in FFA or concurrent planning placement", "ffa"),
        ),
    ),
    AnnexList(
        11,
        "Adopters",
        "Prospective adopters in the process at the date, or matched, placed, adopted or left in the 12 months",
        _columns(
            ("Individual adopter identifier", "adopter"),
            ("Family identifier", "family"),
            ("Gender", "adopter_gender"),
            ("Ethnicity", None),
            ("Disability", None),
            ("Is the (prospective) adopter fostering for adoption?", "ffa"),
            ("Date enquiry received", "enquiry"),
            ("Date Stage 1 started", "stage_one_start"),
            ("Date Stage 1 ended", "stage_one_end"),
            ("Date Stage 2 started", "stage_two_start"),
            ("Date Stage 2 ended", "stage_two_end"),
            ("Date application submitted", "application"),
            ("Date application approved", "approved"),
            ("Date adopter matched with child(ren)", "matched"),
            ("Date child/children placed with adopter(s)", "placed"),
            ("No. of children placed", "children"),
            ("Date of Adoption Order", "adopted"),
            ("Date of leaving adoption process", "left"),
            ("Reason for leaving adoption process", "left_reason"),
        ),
    ),
)
