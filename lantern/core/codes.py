"""Every national code list in one place, with its DfE item name and labels (domain/statutory-data.md).

Model fields take `choices=<LIST>.choices` and a database check built from `<LIST>.codes`, so a return is a
projection of the record, not a translation. Lists that change by collection year say so (`valid_from`/`valid_to`).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CodeList:
    item: str
    labels: dict[str, str]
    # Codes valid only in some collection years: code -> (first year, last year), collection year = 31 March.
    years: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return list(self.labels)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(code, f"{code}: {label}") for code, label in self.labels.items()]

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def valid_in(self, collection_year: int) -> list[str]:
        return [
            code
            for code in self.labels
            if code not in self.years or self.years[code][0] <= collection_year <= self.years[code][1]
        ]


SEX = CodeList("Sex (CIN census 2024/25 on) / SEX (SSDA903 2024/25 on)", {"M": "Male", "F": "Female", "U": "Unknown"})

ETHNICITY = CodeList(
    "Ethnicity / ETHNIC",
    {
        "WBRI": "White British",
        "WIRI": "White Irish",
        "WOTH": "Any other White background",
        "WIRT": "Traveller of Irish heritage",
        "WROM": "Gypsy/Roma",
        "MWBC": "White and Black Caribbean",
        "MWBA": "White and Black African",
        "MWAS": "White and Asian",
        "MOTH": "Any other mixed background",
        "AIND": "Indian",
        "APKN": "Pakistani",
        "ABAN": "Bangladeshi",
        "AOTH": "Any other Asian background",
        "BCRB": "Caribbean",
        "BAFR": "African",
        "BOTH": "Any other Black background",
        "CHNE": "Chinese",
        "OOTH": "Any other ethnic group",
        "REFU": "Refused",
        "NOBT": "Information not yet obtained",
    },
)

UPN_UNKNOWN = CodeList(
    "UPNunknown",
    {
        "UN1": "Child is aged under 6 years old and is not yet in school",
        "UN2": "Child has never attended a state school in England",
        "UN3": "Child is educated outside England",
        "UN4": "Child is newly arrived and has no UPN yet",
        "UN5": "Sources collating UPNs reflect discrepancy or UPN not yet known",
        "UN6": "Child is an unborn baby",
        "UN7": "Referral with no further action",
    },
)

DISABILITY = CodeList(
    "Disability",
    {
        "NONE": "No disability",
        "MOB": "Mobility",
        "HAND": "Hand function",
        "PC": "Personal care",
        "INC": "Incontinence",
        "COMM": "Communication",
        "LD": "Learning",
        "HEAR": "Hearing",
        "VIS": "Vision",
        "BEH": "Behaviour",
        "CON": "Consciousness",
        "AUT": "Diagnosed with autism or Asperger syndrome",
        "DDA": "Other DDA",
    },
)

REFERRAL_SOURCE = CodeList(
    "ReferralSource (CIN census) / Contact Source (Annex A)",
    {
        "1A": "Individual – family member, relative or carer",
        "1B": "Individual – acquaintance (including neighbours and child minders)",
        "1C": "Individual – self",
        "1D": "Individual – other (including strangers)",
        "2A": "Schools",
        "2B": "Education services",
        "3A": "Health services – general practitioner (GP)",
        "3B": "Health services – health visitor",
        "3C": "Health services – school nurse",
        "3D": "Health services – other primary health services",
        "3E": "Health services – A&E (accident and emergency department)",
        "3F": "Health services – other (for example hospice)",
        "4": "Housing – local authority housing or housing association",
        "5A": "LA services – social care, for example adults social care services",
        "5B": "LA services – other internal",
        "5C": "LA services – external",
        "5D": "LA services – early help",
        "6": "Police",
        "7": "Other legal agency – including courts, probation, immigration, CAFCASS or prison",
        "8": "Other – including children's centres, independent agency providers or voluntary organisations",
        "9": "Anonymous",
        "10": "Unknown",
    },
)

PRIMARY_NEED = CodeList(
    "PrimaryNeedCode",
    {
        "N0": "Not stated",
        "N1": "Abuse or neglect",
        "N2": "Child's disability",
        "N3": "Parental disability or illness",
        "N4": "Family in acute stress",
        "N5": "Family dysfunction",
        "N6": "Socially unacceptable behaviour",
        "N7": "Low income",
        "N8": "Absent parenting",
        "N9": "Cases other than children in need",
    },
)

REASON_FOR_CLOSURE = CodeList(
    "ReasonForClosure",
    {
        "RC1": "Adopted",
        "RC2": "Died",
        "RC3": "Child arrangements order",
        "RC4": "Special guardianship order",
        "RC5": "Transferred to services of another local authority",
        "RC6": "Transferred to adult social care services",
        "RC7": "Services ceased for any other reason, including child no longer in need",
        "RC8": "Case closed after assessment, no further action",
        "RC9": "Case closed after assessment, referred to early help",
    },
)

ASSESSMENT_FACTOR = CodeList(
    "AssessmentFactors",
    {
        "1A": "Alcohol misuse: concerns about the child",
        "1B": "Alcohol misuse: concerns about the parent(s) or carer(s)",
        "1C": "Alcohol misuse: concerns about another person in the household",
        "2A": "Drug misuse: concerns about the child",
        "2B": "Drug misuse: concerns about the parent(s) or carer(s)",
        "2C": "Drug misuse: concerns about another person in the household",
        "3A": "Domestic violence: concerns about the child",
        "3B": "Domestic violence: concerns about the parent(s) or carer(s)",
        "3C": "Domestic violence: concerns about another person in the household",
        "4A": "Mental health: concerns about the child",
        "4B": "Mental health: concerns about the parent(s) or carer(s)",
        "4C": "Mental health: concerns about another person in the household",
        "5A": "Learning disability: concerns about the child",
        "5B": "Learning disability: concerns about the parent(s) or carer(s)",
        "5C": "Learning disability: concerns about another person in the household",
        "6A": "Physical disability or illness: concerns about the child",
        "6B": "Physical disability or illness: concerns about the parent(s) or carer(s)",
        "6C": "Physical disability or illness: concerns about another person in the household",
        "7A": "Young carer",
        "8B": "Privately fostered: overseas children who intend to return",
        "8C": "Privately fostered: overseas children who intend to stay",
        "8D": "Privately fostered: UK children in educational placements",
        "8E": "Privately fostered: UK children making alternative arrangements",
        "8F": "Privately fostered: other",
        "9A": "Unaccompanied asylum-seeking child",
        "10A": "Going or being missing",
        "11A": "Child sexual exploitation",
        "12A": "Trafficking",
        "13A": "Gangs",
        "14A": "Socially unacceptable behaviour",
        "15A": "Self-harm",
        "16A": "Neglect",
        "17A": "Emotional abuse",
        "18B": "Physical abuse: child on child",
        "18C": "Physical abuse: adult on child",
        "19B": "Sexual abuse: child on child",
        "19C": "Sexual abuse: adult on child",
        "20": "Other",
        "21": "No factors identified, or identification of no factors",
        "22A": "Female genital mutilation",
        "23A": "Abuse linked to faith or belief",
        "24A": "Child criminal exploitation",
    },
)

CATEGORY_OF_ABUSE = CodeList(
    "InitialCategoryOfAbuse / LatestCategoryOfAbuse",
    {
        "NEG": "Neglect",
        "PHY": "Physical abuse",
        "SAB": "Sexual abuse",
        "EMO": "Emotional abuse",
        "MUL": "Multiple",
    },
)

# SSDA903 ----------------------------------------------------------------------------------------------------

REASON_NEW_EPISODE = CodeList(
    "RNE",
    {
        "S": "Started to be looked after",
        "L": "Change of legal status only",
        "P": "Change of placement and carer(s) only",
        "T": "Change of placement (but same carer(s)) only",
        "B": "Change of legal status and placement and carer(s) at the same time",
        "U": "Change of legal status and change of placement (but same carer(s)) at the same time",
    },
)
# Episodes that begin a new placement; "L" (a change of legal status only) continues the placement.
NEW_PLACEMENT_REASONS = frozenset({"S", "P", "T", "B", "U"})

LEGAL_STATUS = CodeList(
    "LS",
    {
        "C1": "Interim care order",
        "C2": "Full care order",
        "D1": "Freeing order granted",
        "E1": "Placement order granted",
        "V2": "Single period of accommodation under section 20",
        "V3": "Accommodated under an agreed series of short-term breaks, individual episodes recorded",
        "V4": "Accommodated under an agreed series of short-term breaks, agreements recorded",
        "L1": "Under police protection and in local authority accommodation",
        "L2": "Emergency protection order (EPO)",
        "L3": "Under child assessment order and in local authority accommodation",
        "J1": "Remanded to local authority accommodation or to youth detention accommodation",
        "J2": "Placed in local authority accommodation under PACE 1984",
        "J3": "Sentenced to a youth rehabilitation order with residence or intensive fostering requirement",
    },
)

CATEGORY_OF_NEED = CodeList(
    "CIN (SSDA903 category of need)", {k: v for k, v in PRIMARY_NEED.labels.items() if k not in {"N0", "N9"}}
)

PLACEMENT_TYPE = CodeList(
    "PLACE",
    {
        "A3": "Placed for adoption with consent, with current foster carer(s)",
        "A4": "Placed for adoption with consent, not with current foster carer(s)",
        "A5": "Placed for adoption with a placement order, with current foster carer(s)",
        "A6": "Placed for adoption with a placement order, not with current foster carer(s)",
        "H5": "Semi-independent living accommodation not subject to children's homes regulations",
        "K1": "Secure children's homes",
        "K2": "Children's homes subject to Children's Homes Regulations",
        "K3": "Registered supported accommodation",
        "P1": "Placed with own parent(s) or other person(s) with parental responsibility",
        "P2": "Independent living, for example in a flat, lodgings, bedsit, B&B or with friends",
        "P3": "Residential employment",
        "R1": "Residential care home",
        "R2": "NHS/health trust or other establishment providing medical or nursing care",
        "R3": "Family centre or mother and baby unit",
        "R5": "Young offender institution",
        "S1": "All residential schools, except where dual-registered as a school and children's home",
        "T0": "All types of temporary move",
        "T1": "Temporary periods in hospital",
        "T2": "Temporary absences of the child on holiday",
        "T3": "Temporary accommodation whilst normal foster carer(s) is/are on holiday",
        "T4": "Temporary accommodation of seven days or less, not covered by T1 to T3",
        "U1": "Foster placement with relative(s) or friend(s) – long-term fostering",
        "U2": "Foster placement with relative(s) or friend(s) who are approved adopters – FFA/concurrent planning",
        "U3": "Foster placement with relative(s) or friend(s) – not long-term or FFA/concurrent planning",
        "U4": "Foster placement with other foster carer(s) – long-term fostering",
        "U5": "Foster placement with other foster carer(s) who are approved adopters – FFA/concurrent planning",
        "U6": "Foster placement with other foster carer(s) – not long-term or FFA/concurrent planning",
        "Z1": "Other placements",
        "Z11": "Other placements (2025/26 code Z11)",
        "Z12": "Other placements (2025/26 code Z12)",
        "Z13": "Other placements (2025/26 code Z13)",
        "Z14": "Other placements (2025/26 code Z14)",
    },
    # Collection years by 31 March: H5, P2 and Z1 end with 2024/25; K3 starts 2024/25; Z11-Z14 start 2025/26.
    years={
        "H5": (2000, 2025),
        "P2": (2000, 2025),
        "Z1": (2000, 2025),
        "K3": (2025, 9999),
        "Z11": (2026, 9999),
        "Z12": (2026, 9999),
        "Z13": (2026, 9999),
        "Z14": (2026, 9999),
    },
)

TEMPORARY_PLACEMENTS = {"T0", "T1", "T2", "T3", "T4"}
# Long-term fostering: after the first year, visits at intervals of not more than three months (Care Planning,
# Placement and Case Review (England) Regulations 2010 reg 28(2)(c)(i)). Only the U1/U4 codes say "long-term".
LONG_TERM_FOSTERING_PLACEMENTS = frozenset({"U1", "U4"})
# Placed for adoption: visited under the Adoption Agencies Regulations 2005 (reg 36), at a frequency set at each
# adoption review, not under reg 28(2)(c) as long-term fostering.
PLACED_FOR_ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
# A deprivation of liberty order (SSDA903 2026/27 DoLo): the placements it is expected in (rule 709: a secure or
# other registered home, or an unregistered setting the court authorised) and those it cannot be in (rule 710).
DOLO_EXPECTED_PLACEMENTS = frozenset({"K2", "Z12", "Z13"})
DOLO_FORBIDDEN_PLACEMENTS = frozenset({"K1", "P1", "R5", "K3"})
# PLACE_PROVIDER must be blank for these placement types (rules 178, 213).
NO_PROVIDER_PLACEMENTS = TEMPORARY_PLACEMENTS | {"Z1", "Z11", "Z12", "Z13", "Z14"}
# URN must be blank for these placement types (rule 222).
NO_URN_PLACEMENTS = {"P1", "P3", "R1", "R2", "R5", "Z1", "Z11", "Z12", "Z13", "Z14"} | TEMPORARY_PLACEMENTS

PLACEMENT_PROVIDER = CodeList(
    "PLACE_PROVIDER",
    {
        "PR0": "Parent(s) or other person(s) with parental responsibility",
        "PR1": "Own provision (by the local authority)",
        "PR2": "Other local authority provision",
        "PR3": "Other public provision",
        "PR4": "Private provision",
        "PR5": "Voluntary/third sector provision",
    },
)

REASON_EPISODE_CEASED = CodeList(
    "REC",
    {
        "E11": "Adopted – application for an adoption order unopposed",
        "E12": "Adopted – consent dispensed with by the court",
        "E2": "Died",
        "E3": "Care taken over by another local authority in the UK",
        "E4A": "Returned home to parent(s) or person(s) with parental responsibility, as part of care planning",
        "E4B": "Returned home to parent(s) or person(s) with parental responsibility, not part of care planning",
        "E13": "Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility",
        "E41": "Residence order or child arrangement order granted",
        "E45": "Special guardianship order made to former foster carer(s), relative(s) or friend(s)",
        "E46": "Special guardianship order made to former foster carer(s), other than relatives or friends",
        "E47": "Special guardianship order made to other carer(s), relative(s) or friend(s)",
        "E48": "Special guardianship order made to other carer(s), other than relatives or friends",
        "E5": "Moved into independent living with supportive accommodation",
        "E6": "Moved into independent living without formalised support",
        "E7": "Transferred to residential care funded by adult social care services",
        "E8": "Period of being looked after ceased for any other reason",
        "E9": "Sentenced to custody",
        "E14": "Accommodation on remand ended",
        "E15": "Age assessment determined child is aged 18 or over",
        "E16": "Child moved abroad",
        "E17": "Aged 18 (or over) and remained with current carers (including staying put)",
        "X1": "Episode ceases, and new episode begins on same day, for any reason",
    },
)

REASON_PLACE_CHANGE = CodeList(
    "REASON_PLACE_CHANGE",
    {
        "CARPL": "Change to/implementation of care plan",
        "CLOSE": "Resignation/closure of provision",
        "ALLEG": "Allegation (s47)",
        "STAND": "Standards of care concern",
        "APPRR": "Approval removed",
        "CREQB": "Carer(s) requests placement end due to child's behaviour",
        "CREQO": "Carer(s) requests placement end other than due to child's behaviour",
        "CHILD": "Child requests placement end",
        "LAREQ": "Responsible/area authority requests placement end",
        "PLACE": "Change in the status of placement only",
        "CUSTOD": "Custody arrangement",
        "OTHER": "Other",
    },
)

REVIEW_PARTICIPATION = CodeList(
    "REVIEW_CODE",
    {
        "PN0": "Child aged under 4 at the time of the review",
        "PN1": "Child physically attends and speaks for themselves",
        "PN2": "Child physically attends, an advocate speaks on their behalf",
        "PN3": "Child attends and conveys views symbolically (non-verbally)",
        "PN4": "Child physically attends but does not speak for themselves or convey views",
        "PN5": "Child does not attend but briefs an advocate to speak for them",
        "PN6": "Child does not attend but conveys feelings by a facilitative medium",
        "PN7": "Child does not attend nor are views conveyed",
    },
)

MISSING_TYPE = CodeList("MISSING", {"M": "Missing", "A": "Away from placement without authorisation"})

IN_TOUCH = CodeList(
    "IN_TOUCH",
    {
        "YES": "In touch",
        "NO": "Not in touch",
        "DIED": "Died",
        "REFU": "Young person refuses contact",
        "NREQ": "Young person no longer requires services",
        "RHOM": "Young person has returned home to parents for more than 7 days",
    },
)

CARE_LEAVER_ACTIVITY = CodeList(
    "ACTIV",
    {
        "F1": "Full time in higher education",
        "P1": "Part time in higher education",
        "F2": "Full time in education other than higher education",
        "P2": "Part time in education other than higher education",
        "F4": "Young person engaged full time in training or employment",
        "P4": "Young person engaged part time in training or employment",
        "F5": "Full time in employment",
        "P5": "Part time in employment",
        "G4": "Not in education, training or employment, owing to illness or disability",
        "G5": "Not in education, training or employment, owing to other reasons",
        "G6": "Not in education, training or employment, owing to pregnancy or parenting",
        "0": "Information not known",
    },
)

_ACCOMMODATION_KINDS = {
    "B": "Parents or relatives",
    "C": "Community home or other form of residential care",
    "D": "Semi-independent, transitional accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings, without formal support",
    "R": "Residence not known",
    "S": "No fixed abode / homeless",
    "T": "Foyers and similar supported accommodation",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carers",
}
CARE_LEAVER_ACCOMMODATION = CodeList(
    "ACCOM",
    {
        **{
            f"{letter}{suitability}": f"{label} – {'suitable' if suitability == '1' else 'not suitable'}"
            for letter, label in _ACCOMMODATION_KINDS.items()
            for suitability in ("1", "2")
            if f"{letter}{suitability}" not in {"S1", "X1"}
        },
        "0": "Information not known",
    },
)

PERMANENCE_PLAN = CodeList(
    "Permanence plan (Annex A List 8)",
    {
        "RETURN_FAMILY": "Return to family",
        "ADOPTION": "Adoption",
        "SGO_CAO": "Special guardianship or child arrangements order",
        "SUPPORTED_LIVING": "Supported living in the community",
        "LONG_TERM_RESIDENTIAL": "Long-term residential placement",
        "LONG_TERM_FOSTERING": "Long-term fostering",
        "OTHER": "Other",
    },
)

SDQ_REASON = CodeList(
    "SDQ_REASON (SSDA903 OC2: reason no Strengths and Difficulties Questionnaire score)",
    {
        "SDQ1": "No form returned as child was aged under 4 or over 17 at date of latest assessment",
        "SDQ2": "Carer(s) refused to complete and return questionnaire",
        "SDQ3": "Not possible to complete the questionnaire due to severity of the child's disability",
        "SDQ4": "Other",
        "SDQ5": "Child or young person refuses to allow an SDQ to be completed",
    },
)

ADOPTER_SEX = CodeList(
    "SEX_ADOPTR (SSDA903 AD1: sex of adopter(s) at the date of adoption)",
    {
        "M1": "Male adopter (single)",
        "F1": "Female adopter (single)",
        "MM": "Male couple",
        "FF": "Female couple",
        "MF": "Male and female couple",
    },
)

ADOPTER_LEGAL_STATUS = CodeList(
    "LS_ADOPTR (SSDA903 AD1: legal status of adopter(s))",
    {
        "L0": "Single person",
        "L11": "Married couple (different sex)",
        "L12": "Married couple (same sex)",
        "L2": "Civil partnership couple",
        "L3": "Unmarried couple (different sex)",
        "L4": "Unmarried couple (same sex)",
    },
)
# Which SEX_ADOPTR codes go with each LS_ADOPTR (903 rules 511, 514, 517-520, 524).
ADOPTER_SEXES_BY_LEGAL_STATUS = {
    "L0": ("M1", "F1"),
    "L11": ("MF",),
    "L12": ("MM", "FF"),
    "L2": ("MM", "FF", "MF"),
    "L3": ("MF",),
    "L4": ("MM", "FF"),
}

REASON_PLACED_CEASED = CodeList(
    "REASON_PLACED_CEASED (SSDA903 PlacedAdoption: why the child should no longer be placed for adoption)",
    {
        "RD1": "The child's needs changed subsequent to the decision",
        "RD2": "The court did not make a placement order",
        "RD3": "Prospective adopters could not be found",
        "RD4": "Any other reason",
    },
)

# Local lists ------------------------------------------------------------------------------------------------

CONTACT_DECISION = CodeList(
    "Contact decision (local)",
    {
        "NFA": "No further action",
        "ADVICE": "Information and advice",
        "EARLY_HELP": "Early help",
        "REFERRAL": "Referral to children's social care",
        "STRATEGY": "Strategy discussion",
    },
)

CARE_LEAVER_ELIGIBILITY = CodeList(
    "Eligibility category (Annex A List 9)",
    {
        "ELIGIBLE": "Eligible child",
        "RELEVANT": "Relevant child",
        "FORMER_RELEVANT": "Former relevant child",
        "QUALIFYING": "Qualifying care leaver",
    },
)
