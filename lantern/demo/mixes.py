"""Weighted code mixes: how often each national code is used. National shares where DfE publishes them
(Children in need / Children looked after 2024), otherwise local patterns; all codes are from core.codes."""

import random
from bisect import bisect_right
from itertools import accumulate


class Mix:
    """A weighted choice over codes, sampled with the caller's seeded random.Random."""

    __slots__ = ("codes", "cumulative", "total")

    def __init__(self, weights: dict[str, float]) -> None:
        self.codes = list(weights)
        self.cumulative = list(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> str:
        return self.codes[bisect_right(self.cumulative, rng.random() * self.total)]


# CIN census 2024: police about 29%, schools 20%, health 14%, LA services 9%, individuals 8%.
REFERRAL_SOURCE = Mix(
    {
        "6": 29, "2A": 19, "2B": 1, "3A": 3, "3B": 3, "3C": 1, "3D": 2, "3E": 3, "3F": 2, "5A": 3,
        "5B": 3, "5C": 2, "5D": 3, "1A": 5, "1B": 1, "1C": 1, "1D": 1, "4": 2, "7": 4, "8": 4, "9": 1, "10": 3,
    }
)  # fmt: skip

PRIMARY_NEED = Mix({"N1": 57, "N2": 7, "N3": 3, "N4": 9, "N5": 16, "N6": 2, "N7": 0.3, "N8": 4, "N0": 1.7})
NFA_PRIMARY_NEED = Mix({"N9": 70, "N0": 20, "N4": 10})

# Medway's child population is mostly White British; the rest as in the 2021 census for the area.
ETHNICITY = Mix(
    {
        "WBRI": 72, "WIRI": 0.5, "WOTH": 5, "WIRT": 0.3, "WROM": 1, "MWBC": 2, "MWBA": 1.5, "MWAS": 1.5,
        "MOTH": 2, "AIND": 2, "APKN": 1, "ABAN": 0.5, "AOTH": 1.5, "BCRB": 0.5, "BAFR": 4.5, "BOTH": 1,
        "CHNE": 0.5, "OOTH": 1.5, "REFU": 0.2, "NOBT": 1,
    }
)  # fmt: skip
UASC_ETHNICITY = Mix({"OOTH": 30, "BAFR": 30, "AOTH": 30, "WOTH": 10})

DISABILITY = Mix(
    {"LD": 25, "AUT": 25, "BEH": 12, "COMM": 10, "MOB": 8, "HAND": 2, "PC": 4, "INC": 2, "HEAR": 3, "VIS": 3,
     "CON": 2, "DDA": 4}
)  # fmt: skip

# Each factor's chance of being recorded on an assessment (CIN census 2024: parental mental health and
# domestic abuse about a third each, then emotional abuse and neglect).
ASSESSMENT_FACTORS: dict[str, float] = {
    "4B": 0.33, "3B": 0.31, "17A": 0.20, "16A": 0.17, "3A": 0.15, "2B": 0.15, "4A": 0.13, "1B": 0.09,
    "18C": 0.07, "15A": 0.06, "20": 0.07, "10A": 0.04, "14A": 0.05, "11A": 0.03, "24A": 0.03, "5B": 0.04,
    "6B": 0.04, "5A": 0.04, "6A": 0.03, "19C": 0.03, "13A": 0.02, "7A": 0.02, "2C": 0.02, "3C": 0.02,
    "1C": 0.01, "2A": 0.02, "18B": 0.01, "19B": 0.01, "23A": 0.003, "22A": 0.002, "12A": 0.003,
}  # fmt: skip

CONTACT_SOURCE = REFERRAL_SOURCE
# Contacts that do not become referrals.
CONTACT_OTHER_DECISION = Mix({"NFA": 30, "ADVICE": 35, "EARLY_HELP": 35})
CONTACT_SUMMARIES = [
    "Concerns about home conditions",
    "Domestic incident reported by police",
    "School concerned about attendance and presentation",
    "Parental mental health concerns",
    "Injury noticed at nursery",
    "Child disclosed worries to teacher",
    "Anonymous concern about supervision",
    "Missing from home overnight",
    "Request for support from family",
    "Health visitor concerns about weight",
]

# CIN census 2024: neglect ~50%, emotional ~36%, physical ~7%, sexual ~4%, multiple ~3%.
CP_CATEGORY = Mix({"NEG": 50, "EMO": 36, "PHY": 7, "SAB": 4, "MUL": 3})

# Reasons a placement changed (SSDA903 REASON_PLACE_CHANGE); CUSTOD only for older children (rule 234).
PLACE_CHANGE = Mix(
    {"CARPL": 35, "CREQB": 15, "CREQO": 12, "CHILD": 8, "LAREQ": 8, "STAND": 4, "ALLEG": 3, "CLOSE": 4,
     "APPRR": 1, "OTHER": 10}
)  # fmt: skip

REVIEW_PARTICIPATION = Mix({"PN1": 55, "PN2": 8, "PN3": 4, "PN4": 5, "PN5": 8, "PN6": 10, "PN7": 10})

# OC3-style outcomes; EET and suitable-accommodation shares are tuned to the 2024 national figures.
LEAVER_EET = Mix({"F1": 10, "P1": 2, "F2": 35, "P2": 8, "F4": 10, "P4": 5, "F5": 20, "P5": 10})
LEAVER_NEET = Mix({"G4": 25, "G5": 55, "G6": 20})
LEAVER_SUITABLE = Mix({"D1": 25, "U1": 28, "Z1": 12, "B1": 12, "E1": 7, "T1": 6, "K1": 4, "C1": 3, "Y1": 3})
LEAVER_UNSUITABLE = Mix({"W2": 15, "V2": 20, "S2": 10, "X2": 15, "B2": 15, "U2": 15, "R2": 10})
LEAVER_NOT_IN_TOUCH = Mix({"NO": 60, "REFU": 25, "NREQ": 8, "RHOM": 7})

EARLY_HELP_ORGANISATIONS = [
    "Medway Family Hubs",
    "School pastoral team",
    "Health visiting service",
    "Youth service",
    "Voluntary sector family support",
]
EARLY_HELP_REASONS = ["Parenting support", "School attendance", "Family conflict", "Housing and money worries"]

# Allocation end reasons (SSDA903 SW_REASON) when a case moves for reasons other than a leaver or transfer.
REALLOCATION_REASON = Mix({"MANAGE": 55, "ABSENC": 20, "ORGRST": 15, "OTHERS": 10})
