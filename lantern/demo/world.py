"""What every planner shares: the size, the seed, today, the calendar, name pools and placement providers."""

import random
from dataclasses import dataclass
from datetime import date

from faker import Faker

from lantern.demo.dates import Clock
from lantern.demo.figures import Size
from lantern.demo.places import Providers

# The workforce model's team kinds that hold children (workforce.TeamKind values).
ASSESSMENT = "assessment"
SAFEGUARDING = "safeguarding"
CHILDREN_IN_CARE = "children_in_care"
LEAVING_CARE = "leaving_care"
DISABLED = "disabled_children"
IRO_SERVICE = "iro"
FRONT_DOOR = "front_door"

SW = "social_worker"
PA = "personal_adviser"
IRO = "iro"


def _pool(draw, n: int) -> list[str]:
    # Unique values in first-seen order, so the pool is the same for the same Faker seed.
    return list(dict.fromkeys(draw() for _ in range(n)))


@dataclass
class World:
    size: Size
    seed: int
    clock: Clock
    start: date
    providers: Providers
    boys: list[str]
    girls: list[str]
    surnames: list[str]
    streets: list[str]

    @property
    def today(self) -> date:
        return self.clock.today

    @property
    def care_rate(self) -> float:
        """Share of the usual care entries this authority makes: its children in care against its referrals
        (the planner's rates give ~0.15 children in care per yearly referral once settled)."""
        return min(1.0, self.size.children_in_care / (0.15 * self.size.referrals_per_year))

    def family_rng(self, index: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + index)

    def first_name(self, rng: random.Random, sex: str) -> str:
        if sex == "U":
            sex = rng.choice("MF")
        return rng.choice(self.boys if sex == "M" else self.girls)

    def surname(self, rng: random.Random) -> str:
        return rng.choice(self.surnames)


def build_world(size: Size, seed: int, today: date) -> World:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    clock = Clock(today)
    start = clock.months(today, -12 * size.years)
    scale = max(1, size.referrals_per_year // 1500)
    return World(
        size=size,
        seed=seed,
        clock=clock,
        start=start,
        providers=Providers(random.Random(f"{seed}-providers"), scale),
        boys=_pool(fake.first_name_male, 2000),
        girls=_pool(fake.first_name_female, 2000),
        surnames=_pool(fake.last_name, 3000),
        streets=_pool(fake.street_name, 1500),
    )
