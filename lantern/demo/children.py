"""Families and children: who they are (names, identifiers, dates of birth, ethnicity, disabilities, homes),
and the order in which each family's story is planned."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from lantern.demo import aftercare, carework, journeys, mixes, places, visits
from lantern.demo.clip import clip_child
from lantern.demo.dates import birthday, later, office_time
from lantern.demo.plans import ChildPlan, ContactPlan, EarlyHelpPlan, FamilyPlan, PersonPlan
from lantern.demo.world import World
from lantern.people.validators import nhs_number_is_valid, upn_check_letter

MEDWAY_LEA = "887"
YEAR = timedelta(days=365)
# Contacts received two to six days before the build date that are still waiting for a decision: the front door's
# backlog on the day, so the contact decision clock shows some overdue (worklist drift, issue 3).
CONTACT_STUCK = 0.04
# How long an asylum-seeking child is "newly arrived, no UPN yet" (UN4) before a school gives one.
UN4_DAYS = 60
# Age at first referral: (chance, youngest, oldest) in years; -1 is a referral before birth.
AGE_AT_REFERRAL = [(0.04, -1, -1), (0.09, 0, 0), (0.19, 1, 4), (0.26, 5, 9), (0.33, 10, 15), (0.09, 16, 17)]
# Age of children in care at the window's start (DfE 2024 ages of looked-after children).
AGE_IN_CARE = [(0.05, 0, 0), (0.14, 1, 4), (0.18, 5, 9), (0.38, 10, 15), (0.25, 16, 17)]


@dataclass(frozen=True, slots=True)
class FamilySpec:
    """What the master random decides about a family before its own random takes over."""

    index: int
    mode: str  # referral, uasc, cla_stock, leaver_stock, adoption, contact
    first: date
    size: int
    first_child: int


def pick_age(rng: random.Random, bands: list[tuple[float, int, int]]) -> int:
    u = rng.random() * sum(b[0] for b in bands)
    for chance, lo, hi in bands:
        if u < chance:
            return rng.randint(lo, hi)
        u -= chance
    return bands[-1][2]


def la_child_id(seed: int, index: int) -> str:
    # A bijection of the index onto 7 digits (7_654_321 is coprime to 9_000_000), offset by the seed.
    return f"C{1_000_000 + (index * 7_654_321 + seed * 7919) % 9_000_000}"


def nhs_number(index: int) -> str:
    """An NHS number in the 999 range NHS England keeps for test data; blank when the check digit fails."""
    if index >= 1_000_000:
        return ""
    base = f"999{(index * 7919 + 12345) % 1_000_000:06d}"
    total = sum(int(c) * w for c, w in zip(base, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    number = f"{base}{check}"
    return number if check != 10 and nhs_number_is_valid(number) else ""


def school_age(dob: date | None, today: date) -> bool:
    if dob is None:
        return False
    # Compulsory school age from the September after the fifth birthday; reception starts the September before.
    cutoff_year = today.year - 5 if today.month >= 9 else today.year - 6
    return dob <= date(cutoff_year, 8, 31)


def identify(w: World, rng: random.Random, child: ChildPlan) -> None:
    """UPN (or the reason there is none) and NHS number as at today."""
    if child.dob is None:
        child.upn_unknown = "UN6"
    elif not school_age(child.dob, w.today):
        child.upn_unknown = "UN1"
    elif child.uasc:
        # UN4 "newly arrived": only while new; a child looked after more than a week at 31 March has a UPN (903 210).
        newly_arrived = (w.today - child.known_from).days <= UN4_DAYS
        child.upn_unknown = "UN4" if rng.random() < 0.5 and newly_arrived else ""
    elif rng.random() < 0.04:
        child.upn_unknown = rng.choice(["UN2", "UN3", "UN5"])
    if child.dob is not None and not child.upn_unknown:
        joined = birthday(child.dob, 5).year % 100
        tail = f"{MEDWAY_LEA}{2000 + (child.index // 1000) % 8000:04d}{joined:02d}{child.index % 1000:03d}"
        child.upn = upn_check_letter(tail) + tail
    if child.dob is not None or rng.random() < 0.3:
        child.nhs = nhs_number(child.index)


def new_child(w: World, rng: random.Random, spec: FamilySpec, k: int, dob: date | None, surname: str) -> ChildPlan:
    index = spec.first_child + k
    sex = "M" if rng.random() < 0.5 else "F"
    if spec.mode == "contact" and rng.random() < 0.03:
        sex = "U"  # not known at a contact; the returns query U for anyone looked after (903 rule 232)
    uasc = spec.mode == "uasc"
    if uasc:
        sex = "M" if rng.random() < 0.9 else "F"
    ethnicity = (mixes.UASC_ETHNICITY if uasc else mixes.ETHNICITY).pick(rng)
    child = ChildPlan(index, la_child_id(w.seed, index), "", surname, sex, dob, None, ethnicity, rng.randrange(1000))
    child.first_name = w.first_name(rng, sex)
    child.uasc = uasc
    child.restricted = rng.random() < 0.005
    if rng.random() < 0.08:
        child.disabilities = sorted({mixes.DISABILITY.pick(rng) for _ in range(rng.randint(1, 2))})
    return child


def plan_family(w: World, spec: FamilySpec) -> FamilyPlan:
    rng = w.family_rng(spec.index)
    today, first = w.today, spec.first
    surname = w.surname(rng)
    district = places.pick_district(rng)
    postcode = places.district_postcode(rng, district)
    street = f"{rng.randint(1, 180)} {rng.choice(w.streets)}"
    children: list[ChildPlan] = []
    if spec.mode == "cla_stock":
        dob = w.start - timedelta(days=pick_age(rng, AGE_IN_CARE) * 365 + rng.randint(0, 364))
        first = max(dob, w.start - timedelta(days=min((w.start - dob).days, int(rng.expovariate(1 / 900)))))
    elif spec.mode == "leaver_stock":
        dob = birthday(w.start, -18) - timedelta(days=rng.randint(1, 3 * 365))
        first = birthday(dob, rng.randint(10, 16)) + timedelta(days=rng.randint(0, 300))
    elif spec.mode == "uasc":
        dob = first - timedelta(days=rng.randint(14 * 365, 17 * 365 + 300))
    elif spec.mode == "adoption":
        dob = first - timedelta(days=rng.randint(1, 200))
    else:
        age = pick_age(rng, AGE_AT_REFERRAL)
        dob = (
            first + timedelta(days=rng.randint(30, 250))
            if age < 0
            else first - timedelta(days=age * 365 + rng.randint(0, 364))
        )
    dobs = [dob]
    for _ in range(spec.size - 1):
        older = dobs[-1] - timedelta(days=rng.randint(300, 1800))
        if older > first - timedelta(days=17 * 365):
            dobs.append(older)
    for k, child_dob in enumerate(dobs):
        child = new_child(w, rng, spec, k, child_dob, surname)
        if k > 0 and rng.random() < 0.3:
            child.half_sibling = True
            child.last_name = w.surname(rng)
        if child.dob is not None and child.dob > today:
            # Not born yet: an expected date only, and sex unknown (CIN rules 8525Q, 8750).
            child.dob, child.edd, child.sex = None, child_dob, "U"
        children.append(child)
    eldest = min(c.dob or c.edd for c in children)
    mother = PersonPlan(w.first_name(rng, "F"), surname, eldest - timedelta(days=rng.randint(18 * 365, 38 * 365)), "F")
    father = None
    if rng.random() < 0.5:
        father = PersonPlan(
            w.first_name(rng, "M"), w.surname(rng), mother.dob - timedelta(days=rng.randint(-900, 3000)), "M"
        )
    moved_in = min(first, eldest) - timedelta(days=rng.randint(30, 2000))
    addresses = [(street, places.town_for(postcode), postcode, moved_in, None)]
    if rng.random() < 0.15 and (today - first).days > 60:
        moved = first + timedelta(days=rng.randint(30, (today - first).days))
        new_post = places.district_postcode(rng, places.pick_district(rng))
        new_street = f"{rng.randint(1, 180)} {rng.choice(w.streets)}"
        addresses = [
            (*addresses[0][:4], moved - timedelta(days=1)),
            (new_street, places.town_for(new_post), new_post, moved, None),
        ]
    family = FamilyPlan(spec.index, spec.mode, children, mother, father, addresses)

    def home_post(on: date) -> str:
        return next((a[2] for a in reversed(addresses) if a[3] <= on), addresses[0][2])

    for child in children:
        plan_child(w, rng, spec, child, first, home_post)
    return family


def plan_child(
    w: World, rng: random.Random, spec: FamilySpec, child: ChildPlan, first: date, home_post: Callable[[date], str]
) -> None:
    story = journeys.Story(w, rng, child, home_post)
    if spec.mode == "contact":
        plan_contacts(w, rng, child, first, first + YEAR, rng.randint(1, 3))
    else:
        journeys.plan_story(story, first, spec.mode)
        if rng.random() < 0.45 and child.dob is not None:
            # Other contacts cluster around the time the family first came to notice.
            earliest = max(w.start, child.dob, first - YEAR)
            plan_contacts(w, rng, child, earliest, first + YEAR, 1 + int(rng.random() < 0.3))
    clip_child(child, w.today, w.clock.end_of_today)
    aftercare.plan_leaver(story, child)
    carework.plan_carework(w, child)
    if child.uasc and child.dob is not None and birthday(child.dob, 18) <= w.today:
        child.uasc_ceased = birthday(child.dob, 18)
    visits.plan_visits(story)
    visits.plan_needs(child, w.today)
    identify(w, rng, child)


def plan_contacts(w: World, rng: random.Random, child: ChildPlan, earliest: date, latest: date, n: int) -> None:
    """Contacts that did not become referrals: NFA, advice, or early help (which then opens an episode)."""
    span = (min(latest, w.today) - earliest).days
    if span <= 0:
        return
    for _ in range(n):
        received = office_time(rng, earliest + timedelta(days=rng.randint(0, span)))
        decision = mixes.CONTACT_OTHER_DECISION.pick(rng)
        hours = rng.uniform(0.5, 23.5) if rng.random() < 0.92 else rng.uniform(24.5, 70)
        decided = later(received, timedelta(hours=hours))
        waiting = (w.today - received.date()).days
        if 2 <= waiting <= 6 and rng.random() < CONTACT_STUCK:
            decided = w.clock.end_of_today + timedelta(days=1)  # still in the front door's queue today
        if decided > w.clock.end_of_today:
            child.contacts.append(ContactPlan(received, mixes.CONTACT_SOURCE.pick(rng), "", None, ""))
            continue
        summary = rng.choice(mixes.CONTACT_SUMMARIES)
        child.contacts.append(ContactPlan(received, mixes.CONTACT_SOURCE.pick(rng), decision, decided, summary))
        if decision == "EARLY_HELP" and rng.random() < 0.6:
            start = decided.date() + timedelta(days=rng.randint(1, 20))
            if start > w.today:
                continue
            end = start + timedelta(days=rng.randint(60, 300))
            assessed = start + timedelta(days=rng.randint(10, 45))
            child.early_help.append(
                EarlyHelpPlan(
                    start,
                    end if end <= w.today else None,
                    rng.choice(mixes.EARLY_HELP_REASONS),
                    "Needs met" if end <= w.today else "",
                    rng.choice(mixes.EARLY_HELP_ORGANISATIONS),
                    f"{w.first_name(rng, 'F')} {w.surname(rng)}",
                    assessed if assessed <= w.today else None,
                )
            )
