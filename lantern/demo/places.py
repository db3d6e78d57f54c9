"""Where children live and are placed: Medway postcode districts, out-of-area postcodes, and a pool of
placement providers with Ofsted URNs."""

import random
from dataclasses import dataclass

# The authority's districts (AuthoritySettings.postcode_areas) and a fixed list of real postcodes in each (all in
# E06000035 in the ONS postcode directory the SSDA903 validator uses to place children in or out of area).
MEDWAY_TOWNS = {
    "ME1": "Rochester",
    "ME2": "Strood",
    "ME3": "Hoo",
    "ME4": "Chatham",
    "ME5": "Chatham",
    "ME7": "Gillingham",
    "ME8": "Rainham",
}
MEDWAY_POSTCODES = {
    "ME1": ["ME1 1DA", "ME1 1EB", "ME1 2EL", "ME1 3QX", "ME1 2LP", "ME1 3BP", "ME1 9JZ", "ME1 1EA", "ME1 9BG",
            "ME1 2JX"],
    "ME2": ["ME2 4QT", "ME2 2DD", "ME2 3RL", "ME2 4HU", "ME2 2DL", "ME2 3QF", "ME2 4GL", "ME2 3RG", "ME2 4SF",
            "ME2 2BF"],
    "ME3": ["ME3 9ND", "ME3 0BN", "ME3 8DS", "ME3 8DL", "ME3 0AS", "ME3 9PP", "ME3 8AS", "ME3 8PT", "ME3 7UL"],
    "ME4": ["ME4 4TZ", "ME4 4TR", "ME4 5LH", "ME4 6DP", "ME4 5XF", "ME4 4PN", "ME4 4BH", "ME4 4LJ", "ME4 4JD",
            "ME4 3AE"],
    "ME5": ["ME5 9PH", "ME5 7HQ", "ME5 8TB", "ME5 0LP", "ME5 0AP", "ME5 7LP", "ME5 7NE", "ME5 7DT", "ME5 8AB",
            "ME5 8DR"],
    "ME7": ["ME7 1NY", "ME7 5NY", "ME7 2EN", "ME7 4HJ", "ME7 5BP", "ME7 9BX", "ME7 5RW", "ME7 2HR", "ME7 2DA",
            "ME7 3SP"],
    "ME8": ["ME8 0EU", "ME8 6AB", "ME8 7NT", "ME8 9QA", "ME8 0DG", "ME8 7RU", "ME8 1DX", "ME8 1AQ", "ME8 6QH",
            "ME8 0LB"],
}  # fmt: skip
DISTRICTS = list(MEDWAY_POSTCODES)
# Rough share of the child population by district.
DISTRICT_WEIGHTS = [16, 12, 6, 18, 18, 16, 14]
# Out of area: Kent, London and Essex. Five of the twelve are over 20 miles from Medway (Folkestone, London SE1,
# E1 and N1, Colchester), so that about 1 in 10 placements is (PL_DISTANCE, lantern.care.postcodes).
OUT_OF_AREA_POSTCODES = [
    "ME15 0AA", "SS0 0AA", "ME14 1XQ", "DA11 0DQ", "CT20 1JT", "ME10 4DE", "SE1 7PB", "E1 6AN", "ME20 6AA",
    "N1 9GU", "SS1 1AA", "CO1 1EY",
]  # fmt: skip
OUT_OF_AREA_TOWNS = {
    "CT": "Canterbury", "TN": "Ashford", "ME": "Maidstone", "DA": "Gravesend", "SE": "London", "E1": "London",
    "N1": "London", "SS": "Southend-on-Sea", "CO": "Colchester",
}  # fmt: skip


def district_postcode(rng: random.Random, district: str) -> str:
    return rng.choice(MEDWAY_POSTCODES[district])


def pick_district(rng: random.Random) -> str:
    return rng.choices(DISTRICTS, weights=DISTRICT_WEIGHTS)[0]


def carer_postcode(rng: random.Random, in_area_share: float = 0.75) -> str:
    if rng.random() < in_area_share:
        return district_postcode(rng, pick_district(rng))
    return rng.choice(OUT_OF_AREA_POSTCODES)


def town_for(postcode: str) -> str:
    district = postcode.split()[0]
    if district in MEDWAY_TOWNS:
        return MEDWAY_TOWNS[district]
    return OUT_OF_AREA_TOWNS.get(postcode[:2], "")


@dataclass(frozen=True, slots=True)
class Provider:
    """A placement provider: its kind, Ofsted URN (blank where none), postcode and PLACE_PROVIDER code."""

    kind: str
    urn: str
    postcode: str
    provider: str


class Providers:
    """A fixed pool of providers built from its own seeded random, so every phase sees the same pool."""

    def __init__(self, rng: random.Random, scale: int) -> None:
        urns = iter(rng.sample(range(10_000, 999_999), 40 + 12 * scale))

        def sc() -> str:
            return f"SC{next(urns):06d}"

        def make(kind: str, count: int, codes: list[str], in_area: float, urn=sc) -> list[Provider]:
            made = []
            for _ in range(count):
                code = rng.choice(codes)
                # Own provision is inside the authority (903 rule 1015 queries PR1 placed out of area).
                made.append(Provider(kind, urn(), carer_postcode(rng, 1.0 if code == "PR1" else in_area), code))
            return made

        self.la_fostering = Provider("fostering", sc(), district_postcode(rng, "ME4"), "PR1")
        self.agencies = make("fostering", 2 + scale, ["PR4", "PR4", "PR4", "PR5"], 0.5)
        self.homes = make("home", 4 + 4 * scale, ["PR4", "PR4", "PR4", "PR4", "PR1", "PR5"], 0.4)
        self.secure = make("secure", 2, ["PR2", "PR2", "PR5"], 0.0)
        # Registered supported accommodation is in area: 903 rule 241 compares a K3's LA with the council's.
        self.supported = make("supported", 2 + scale, ["PR4", "PR4", "PR5"], 1.0)
        self.schools = make("school", 2, ["PR4", "PR5"], 0.2, urn=lambda: f"{next(urns):06d}")
        self.family_centres = make("family_centre", 1, ["PR4"], 0.5)
        # The regional adoption agency: the council's own (PR1) in area, another host authority's (PR2) outside.
        self.adoption = Provider("adoption", sc(), district_postcode(rng, "ME4"), "PR1")
        self.adoption_elsewhere = Provider("adoption", sc(), rng.choice(OUT_OF_AREA_POSTCODES), "PR2")

    def foster(self, rng: random.Random, kinship: bool) -> Provider:
        # Kinship carers are approved by the council's own fostering service; others via agencies too.
        if kinship or rng.random() < 0.62:
            return self.la_fostering
        return rng.choice(self.agencies)
