"""Periods of care as SSDA903 episodes: a path (adoption, special guardianship, home, long-term, UASC,
remand), legal statuses, placements with providers, URNs and postcodes, and the reasons episodes end."""

import heapq
import math
import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from lantern.core.codes import TEMPORARY_PLACEMENTS
from lantern.demo import aftercare, mixes
from lantern.demo.dates import age_on
from lantern.demo.mixes import Mix
from lantern.demo.places import OUT_OF_AREA_POSTCODES, carer_postcode
from lantern.demo.plans import AdoptersPlan, AdoptionPlan, CarePlan, EpisodePlan

if TYPE_CHECKING:
    from lantern.demo.journeys import Story

# K3 (registered supported accommodation) starts with 2024/25; H5 ends with 2024/25 (core.codes years).
K3_FROM = date(2024, 4, 1)
H5_LAST_DAY = date(2025, 3, 31)
HOSPITAL_POSTCODE = "ME7 5NY"
YOI_POSTCODE = "ME1 3LU"

# Placement mix by age band (upper bound exclusive); "IND" is supported or independent accommodation.
PLACEMENTS_BY_AGE = [
    (1, Mix({"U6": 62, "U3": 22, "R3": 6, "U5": 6, "U1": 2, "P1": 2})),
    (5, Mix({"U6": 55, "U3": 25, "U4": 6, "U1": 5, "P1": 7, "K2": 1, "U5": 1})),
    (12, Mix({"U6": 42, "U4": 18, "U3": 12, "U1": 8, "K2": 10, "P1": 7, "S1": 2, "R2": 0.5})),
    (16, Mix({"U6": 38, "U4": 16, "U3": 7, "U1": 5, "K2": 24, "K1": 1.5, "P1": 6, "S1": 2, "R2": 0.5})),
    (99, Mix({"U6": 22, "U4": 10, "U3": 5, "U1": 3, "K2": 15, "K1": 1, "P1": 4, "IND": 38, "R5": 1, "S1": 1})),
]
UASC_PLACEMENTS = Mix({"IND": 45, "U6": 45, "K2": 10})
LONG_TERM = {"U6": "U4", "U3": "U1"}
# Moves per year by age band, before the bridging move many children make soon after coming into care.
MOVE_RATE = [(5, 0.35), (12, 0.45), (16, 0.9), (99, 0.8)]
COURT_ORDERS = {"C1", "C2"}
# Adoption plans that are reversed (about one in eight nationally ends without adoption), and why (RD1-RD4):
# after a placement order the child's needs changed or no adopters were found; without one, the court refused it.
ADOPTION_REVERSED = 0.12
REVERSED_AFTER_ORDER = Mix({"RD1": 40, "RD3": 40, "RD4": 20})
# Adopters (DfE adoption figures, broadly): most are married different-sex couples; about one in seven a same-sex
# couple and one in eight a single adopter, mostly women. (legal status, sex, weight)
ADOPTERS = Mix({("L11", "MF"): 58, ("L3", "MF"): 9, ("L2", "MF"): 2, ("L12", "FF"): 4, ("L12", "MM"): 4,
                ("L2", "FF"): 2, ("L2", "MM"): 2, ("L4", "FF"): 2, ("L4", "MM"): 2, ("L0", "F1"): 12,
                ("L0", "M1"): 3})  # fmt: skip


def choose_path(s: "Story", age: int, route: str) -> str:
    rng = s.rng
    if route == "uasc":
        return "uasc"
    if route == "adoption":
        return "adopt"
    if route == "leaver_stock" or (route == "cla_stock" and rng.random() < 0.5):
        return "long"  # those in care at any one time are mostly long stayers
    u = rng.random()
    if age < 1:
        return "adopt" if u < 0.42 else "sgo" if u < 0.62 else "home" if u < 0.85 else "long"
    if age < 5:
        return "adopt" if u < 0.26 else "sgo" if u < 0.5 else "home" if u < 0.8 else "long"
    if age < 12:
        return "home" if u < 0.4 else "sgo" if u < 0.55 else "long"
    if age < 16:
        return "home" if u < 0.45 else "remand" if u < 0.5 else "long"
    return "home" if u < 0.35 else "long"


def at_eighteen(s: "Story") -> str:
    if s.child.disabilities and s.rng.random() < 0.4:
        return "E7"
    return Mix({"E5": 45, "E17": 30, "E6": 10, "E13": 5, "E8": 10}).pick(s.rng)


def path_end(s: "Story", start: date, path: str, age: int) -> tuple[date, str, dict[str, date]]:
    """When and why the period ends, and its milestones (care order, placement order, adoptive placement)."""
    rng, r = s.rng, s.rng.randint
    marks: dict[str, date] = {}
    if path == "adopt":
        # Its own stream, so that adding the adoption milestones left every other story as it was.
        ar = adoption_rng(s, start)
        if ar.random() < ADOPTION_REVERSED:
            return reversed_adoption(s, ar, start)
        marks["E1"] = start + timedelta(days=r(200, 380))
        marks["adopt"] = marks["E1"] + timedelta(days=r(30, 180))
        # The agency decision comes before the placement order; the match a few weeks before the placement.
        earliest = start + timedelta(days=ar.randint(45, 90))
        marks["decided"] = max(earliest, marks["E1"] - timedelta(days=ar.randint(40, 150)))
        marks["matched"] = marks["adopt"] - timedelta(days=ar.randint(10, 60))
        marks["matched"] = max(marks["matched"], marks["decided"] + timedelta(days=1))
        end, rec = marks["adopt"] + timedelta(days=r(120, 300)), "E11" if rng.random() < 0.6 else "E12"
    elif path == "sgo":
        end, rec = start + timedelta(days=r(270, 720)), Mix({"E45": 50, "E47": 30, "E46": 10, "E48": 10}).pick(rng)
    elif path == "home":
        length = min(1100, max(7, int(rng.lognormvariate(math.log(150), 0.9))))
        end, rec = start + timedelta(days=length), Mix({"E4A": 75, "E4B": 10, "E13": 10, "E8": 5}).pick(rng)
    elif path == "remand":
        end, rec = start + timedelta(days=r(20, 120)), "E14"
    elif path == "uasc" and rng.random() < 0.03:
        end, rec = start + timedelta(days=r(30, 200)), "E15"
    elif path == "long" and s.adult and rng.random() < 0.15 and (s.adult - start).days > 200:
        end = start + timedelta(days=r(180, (s.adult - start).days - 1))
        rec = Mix({"E4A": 50, "E13": 20, "E8": 15, "E41": 15}).pick(rng)
    else:
        end, rec = (s.adult or start + timedelta(days=3650)), at_eighteen(s)
    if path in ("sgo", "long") or (path == "home" and (end - start).days > 250 and rng.random() < 0.5):
        marks["C2"] = start + timedelta(days=r(180, 365))
    if s.adult and end >= s.adult:
        end, rec = s.adult, at_eighteen(s)
    return end, rec, marks


def adoption_rng(s: "Story", start: date) -> random.Random:
    return random.Random(f"{s.w.seed}-adoption-{s.child.index}-{start.toordinal()}")


def reversed_adoption(s: "Story", ar: random.Random, start: date) -> tuple[date, str, dict[str, date | str]]:
    """A plan for adoption that is given up: with a placement order later revoked (the care order revives), or
    without one because the court refused it. The child then leaves care on a special guardianship order."""
    marks: dict[str, date | str] = {"decided": start + timedelta(days=ar.randint(90, 250))}
    if ar.random() < 0.7:
        marks["E1"] = marks["decided"] + timedelta(days=ar.randint(40, 150))
        marks["reversed"] = marks["E1"] + timedelta(days=ar.randint(60, 300))
        marks["reason"] = REVERSED_AFTER_ORDER.pick(ar)
    else:
        marks["reversed"] = marks["decided"] + timedelta(days=ar.randint(60, 200))
        marks["reason"] = "RD2"
    marks["C2"] = marks["reversed"]
    end = marks["reversed"] + timedelta(days=ar.randint(150, 500))
    return end, Mix({"E45": 50, "E47": 30, "E46": 10, "E48": 10}).pick(ar), marks


def adopters_for(s: "Story", ar: random.Random, matched: date, fostering: bool) -> AdoptersPlan:
    legal_status, sex = ADOPTERS.pick(ar)
    approved = matched - timedelta(days=ar.randint(30, 240))
    stage_two = (approved - timedelta(days=ar.randint(110, 150)), approved)
    stage_one_end = stage_two[0] - timedelta(days=ar.randint(0, 30))
    stage_one = (stage_one_end - timedelta(days=ar.randint(45, 70)), stage_one_end)
    return AdoptersPlan(
        reference=f"ADP{s.child.index:06d}-{matched:%y%m%d}",
        number=1 if legal_status == "L0" else 2,
        sex=sex,
        legal_status=legal_status,
        fostering_for_adoption=fostering,
        enquiry=stage_one[0] - timedelta(days=ar.randint(14, 60)),
        stage_one=stage_one,
        stage_two=stage_two,
        application=stage_two[0],
        approved=approved,
    )


def adoption_plan(s: "Story", start: date, marks: dict, episodes: list[EpisodePlan]) -> AdoptionPlan | None:
    if "decided" not in marks:
        return None
    ar = random.Random(f"{s.w.seed}-adopters-{s.child.index}-{start.toordinal()}")
    plan = AdoptionPlan(marks["decided"])
    if "reversed" in marks:
        plan.reversed_on, plan.reversed_reason = marks["reversed"], marks["reason"]
    else:
        fostering = any(e.place in ("U2", "U5") for e in episodes)
        plan.matched = marks["matched"]
        plan.adopters = adopters_for(s, ar, marks["matched"], fostering)
    return plan


def first_legal_status(s: "Story", path: str, route: str, age: int) -> list[tuple[str, int]]:
    """Legal statuses from the start: [(status, days it lasts before the next)] with the last open-ended."""
    rng = s.rng
    if path == "remand":
        return [("J1", 0)]
    if path == "uasc" or (path == "long" and age >= 12 and rng.random() < 0.5):
        return [("V2", 0)]
    if path == "home" and rng.random() < 0.6:
        if route == "emergency" and rng.random() < 0.15:
            return [("L1", rng.randint(1, 3)), ("V2", 0)]
        return [("V2", 0)]
    if route == "emergency" and rng.random() < 0.15:
        return [("L2", rng.randint(3, 8)), ("C1", 0)]
    return [("C1", 0)]


class Placer:
    """Chooses placements and fills in their provider, URN and postcode for one child."""

    def __init__(self, s: "Story", path: str) -> None:
        self.s, self.rng, self.path = s, s.rng, path
        self.providers = s.w.providers

    def kind_for(self, age: int, ls: str, on: date) -> str:
        if self.path == "uasc":
            place = UASC_PLACEMENTS.pick(self.rng) if age >= 16 else ("U6" if self.rng.random() < 0.8 else "K2")
        else:
            place = next(mix for bound, mix in PLACEMENTS_BY_AGE if age < bound).pick(self.rng)
        if place == "IND":
            place = "K3" if on >= K3_FROM else "H5"
        if place == "P1" and ls not in COURT_ORDERS:
            place = "U6"
        if place == "U5" and self.path != "adopt":
            place = "U6"
        return place

    def fill(self, ep: EpisodePlan, place: str, home_post: str, previous: EpisodePlan | None = None) -> EpisodePlan:
        """A placement of this type that is not the child's home address (903 rule 392d) and, after a move,
        not the same placement again (rule 435); falls back to a foster placement."""
        for attempt in range(8):
            self.fill_once(ep, place if attempt < 6 else "U6", home_post)
            at_home = ep.place != "P1" and ep.pl_post == home_post
            unchanged = previous is not None and (ep.place, ep.pl_post, ep.urn, ep.provider) == (
                previous.place,
                previous.pl_post,
                previous.urn,
                previous.provider,
            )
            if not at_home and not unchanged:
                break
        return ep

    def fill_once(self, ep: EpisodePlan, place: str, home_post: str) -> None:
        rng, pool = self.rng, self.providers
        ep.place, ep.provider, ep.urn = place, "", ""
        if place in TEMPORARY_PLACEMENTS:
            ep.pl_post = HOSPITAL_POSTCODE
            return
        if place.startswith("U"):
            agency = pool.foster(rng, kinship=place in ("U1", "U2", "U3"))
            ep.provider, ep.urn = agency.provider, agency.urn
            ep.pl_post = carer_postcode(rng, 1.0 if agency.provider == "PR1" else 0.5)
        elif place.startswith("A"):
            agency = pool.adoption if rng.random() < 0.5 else pool.adoption_elsewhere
            ep.provider, ep.urn = agency.provider, agency.urn
            ep.pl_post = carer_postcode(rng, 1.0) if agency.provider == "PR1" else rng.choice(OUT_OF_AREA_POSTCODES)
        elif place == "P1":
            ep.provider, ep.pl_post = "PR0", home_post
        elif place in ("R2", "R5"):
            ep.provider, ep.pl_post = "PR3", HOSPITAL_POSTCODE if place == "R2" else YOI_POSTCODE
        else:
            group = {"K1": pool.secure, "K2": pool.homes, "K3": pool.supported, "H5": pool.supported}
            home = rng.choice(group.get(place) or (pool.schools if place == "S1" else pool.family_centres))
            ep.provider, ep.urn, ep.pl_post = home.provider, home.urn, home.postcode


def plan_care(s: "Story", start: date, route: str) -> tuple[CarePlan, str]:
    rng = s.rng
    age = age_on(s.child.dob, start)
    path = choose_path(s, age, route)
    end, rec, marks = path_end(s, start, path, age)
    if route == "cla_stock" and end < s.w.start:
        # Stock children are still in care when the window opens.
        end = s.w.start + timedelta(days=rng.randint(30, 900))
        if s.adult and end >= s.adult:
            end, rec = s.adult, at_eighteen(s)
    # A UASC has no home postcode (903 rule 406: no placement distance for them).
    home_post = "" if s.child.uasc else s.home_post(start)
    cin = "N8" if path == "uasc" else ("N1" if s.need in ("N0", "N9") else s.need)
    placer = Placer(s, path)
    statuses = first_legal_status(s, path, route, age)
    ls = statuses[0][0]
    first = EpisodePlan(start, "S", ls, cin, "", "", home_post, "", "")
    placer.fill(first, placer.kind_for(age, ls, start), home_post)
    episodes = build_episodes(s, placer, first, end, rec, path, statuses, marks)
    period = CarePlan(start, end, episodes)
    period.adoption = adoption_plan(s, start, marks, episodes)
    aftercare.add_reviews(s, period)
    aftercare.add_missing(s, period)
    return period, rec


def build_episodes(
    s: "Story",
    placer: Placer,
    first: EpisodePlan,
    end: date,
    rec: str,
    path: str,
    statuses: list[tuple[str, int]],
    marks: dict[str, date],
) -> list[EpisodePlan]:
    """Episodes from the first: legal-status changes, moves, long-term matches, adoption, registration of
    semi-independent homes, short hospital stays; each change ends the previous episode X1."""
    rng, start = s.rng, first.start
    horizon = min(end, s.today + timedelta(days=1))
    events: list[tuple[date, int, str, str]] = []
    seq = 0

    def push(on: date, kind: str, value: str = "") -> None:
        nonlocal seq
        if start < on < horizon:
            seq += 1
            heapq.heappush(events, (on, seq, kind, value))

    on = start
    for (_, lasts), (following, _) in zip(statuses, statuses[1:], strict=False):
        on += timedelta(days=lasts)
        push(on, "ls", following)
    if "C2" in marks and (statuses[-1][0] == "C1" or "reversed" in marks):
        # A care order; or, when an adoption plan is given up, the care order the placement order suspended.
        push(marks["C2"], "ls", "C2")
    if "E1" in marks:
        push(marks["E1"], "ls", "E1")
    if "adopt" in marks:
        push(marks["adopt"], "adopt")
    if rng.random() < 0.3 and path != "remand":
        push(start + timedelta(days=rng.randint(10, 60)), "move")
    rate = next(r for bound, r in MOVE_RATE if age_on(s.child.dob, start) < bound)
    t = start
    while True:
        t += timedelta(days=1 + int(rng.expovariate(rate / 365)))
        if t >= horizon:
            break
        push(t, "move")
    if path in ("long", "sgo") and age_on(s.child.dob, start) < 16:
        push(start + timedelta(days=rng.randint(365, 700)), "longterm")
    if rng.random() < 0.03:
        push(start + timedelta(days=rng.randint(5, 400)), "temp", str(rng.randint(1, 6)))

    def register_h5(ep: EpisodePlan) -> None:
        # Semi-independent homes registered as supported accommodation (K3) between April 2024 and March 2025.
        register = max(K3_FROM + timedelta(days=rng.randint(0, 300)), ep.start + timedelta(days=1))
        push(min(register, H5_LAST_DAY), "register")

    episodes = [first]
    if first.place == "H5":
        register_h5(first)
    adopted = False
    before_temporary = first
    while events:
        on, _, kind, value = heapq.heappop(events)
        changes = [(kind, value)]
        while events and events[0][0] == on:
            changes.append(heapq.heappop(events)[2:])
        current = episodes[-1]
        if on <= current.start:
            continue
        ls, place, new_carers, same_carers, reason, back = current.ls, current.place, False, False, "", None
        for kind, value in changes:
            if current.place in TEMPORARY_PLACEMENTS and kind != "return":
                # Nothing else changes during a short temporary stay: the child goes back first (903 rule 383).
                if kind in ("ls", "adopt", "register"):
                    push(on + timedelta(days=7), kind, value)
                continue
            if kind == "ls":
                ls = value
            elif kind == "move" and not adopted:
                place, new_carers = placer.kind_for(age_on(s.child.dob, on), ls, on), True
                reason = "CUSTOD" if place == "R5" else mixes.PLACE_CHANGE.pick(rng)
            elif kind == "longterm" and place in LONG_TERM and not new_carers:
                place, same_carers, reason = LONG_TERM[place], True, "PLACE"
            elif kind == "adopt":
                adopted, reason = True, "CARPL"
                if place == "U5":
                    place, same_carers = "A5", True
                else:
                    place, new_carers = "A6", True
            elif kind == "register" and place == "H5":
                place, same_carers, reason = "K3", True, "PLACE"
            elif kind == "temp" and place not in TEMPORARY_PLACEMENTS and not adopted:
                push(on + timedelta(days=int(value)), "return")
                place, new_carers, before_temporary = "T1", True, current
            elif kind == "return" and place in TEMPORARY_PLACEMENTS:
                # Back to the same placement after a temporary one (903 rule 383).
                place, new_carers, back = before_temporary.place, True, before_temporary
        if place == "P1" and ls not in COURT_ORDERS:
            place, new_carers = "U6", True
        moved = new_carers or same_carers
        if ls == current.ls and not moved:
            continue
        if ls != current.ls and moved:
            rne = "B" if new_carers else "U"
        else:
            rne = ("P" if new_carers else "T") if moved else "L"
        nxt = EpisodePlan(on, rne, ls, current.cin, "", "", current.home_post, "", "")
        if same_carers and not new_carers:
            nxt.place, nxt.provider, nxt.urn, nxt.pl_post = place, current.provider, current.urn, current.pl_post
            if place.startswith("A"):
                placer.fill(nxt, place, current.home_post)
        elif back is not None:
            nxt.place, nxt.provider, nxt.urn, nxt.pl_post = back.place, back.provider, back.urn, back.pl_post
        elif moved:
            placer.fill(nxt, place, current.home_post, previous=current)
        else:
            nxt.place, nxt.provider, nxt.urn, nxt.pl_post = (
                current.place,
                current.provider,
                current.urn,
                current.pl_post,
            )
        current.end, current.rec = on, "X1"
        temporary = current.place in TEMPORARY_PLACEMENTS or nxt.place in TEMPORARY_PLACEMENTS
        # REASON_PLACE_CHANGE: on the episode that ends before a placement change (903 rules 225, 226).
        current.rpc = (reason or "OTHER") if rne in "PBTU" and not temporary else ""
        episodes.append(nxt)
        if nxt.place == "H5":
            register_h5(nxt)
    last = episodes[-1]
    if rec in ("E45", "E46"):
        # SGO to former foster carers needs a foster placement to end (903 rule 516): relatives U1-U3 (E45),
        # other carers U4-U6 (E46); otherwise it was to other carers.
        kinship = last.place in ("U1", "U2", "U3")
        rec = "E45" if kinship else "E46" if last.place.startswith("U") else "E47"
    last.end, last.rec = end, rec
    return episodes
