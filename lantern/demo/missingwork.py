"""The demo's missing and exploitation work, and the entitlements explained before 18, read from what the families
already hold: exploitation screenings for children who went missing, safety plans for most of those at risk, the
time each declined return home interview was declined, the council's missing coordinator, and the young person's
rights explained for most of those given their documents.

Some of each is left undone on purpose (the shares below), as inspectors find it: interviews never offered,
children at risk without a plan, entitlements missing at 18.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.care.models import CarePeriod
from lantern.demo.writer import Writer
from lantern.leaving_care.models import EARLIEST_AGE, Entitlement, EntitlementKind
from lantern.missing.models import ExploitationScreening, MissingEpisode, MissingFrom, RiskLevel, SafetyPlan
from lantern.people.models import Child
from lantern.workforce.models import Service, Team, Worker
from lantern.workingdays.calendar import add_months

MISSING_NOW_IN_CARE = 8
MISSING_NOW_FROM_HOME = 4
SCREENED = 0.6  # children missing in the last year who were screened
LEVELS = ([RiskLevel.NONE, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH], [35, 30, 22, 13])
KINDS = ["sexual", "criminal", "county_lines", "trafficking"]
KIND_WEIGHTS = [35, 40, 20, 5]
SCREENED_AGAIN = 0.5  # of screenings older than 3 months
PLANNED = 0.75  # of children found at medium or high risk
RIGHTS_EXPLAINED = 0.8  # of young people given any of their documents


def add_missing_work(out: Writer, *, seed: int, today: date) -> None:
    rng = random.Random(f"{seed}-missing-work")
    _declined_interviews(rng, today)
    _missing_tonight(out, rng, today)
    _coordinator(out, today)
    _screenings(out, rng, today)
    _rights_explained(out, rng, today)


def _declined_interviews(rng: random.Random, today: date) -> None:
    """A declined interview was declined at a moment: a few hours to three days after the return."""
    now = timezone.make_aware(datetime.combine(today, time(23, 59)))
    declined = list(
        MissingEpisode.objects.filter(
            return_interview_offered=True, return_interview_accepted=False, returned_at__isnull=False
        ).order_by("pk")
    )
    for episode in declined:
        at = episode.returned_at + timedelta(hours=rng.uniform(3, 70))
        episode.return_interview_declined_at = at if at <= now else episode.returned_at
    MissingEpisode.objects.bulk_update(declined, ["return_interview_declined_at"], batch_size=500)


def _missing_tonight(out: Writer, rng: random.Random, today: date) -> None:
    """A few children who have gone missing before are missing again as the story ends: none returned yet."""
    midnight = timezone.make_aware(datetime.combine(today, time(0, 0)))
    in_care = set(CarePeriod.objects.filter(end_date__isnull=True).values_list("child_id", flat=True))
    before = sorted(set(MissingEpisode.objects.values_list("child_id", flat=True)))
    cared_for = [pk for pk in before if pk in in_care]
    at_home = [pk for pk in before if pk not in in_care]
    chosen = rng.sample(cared_for, min(MISSING_NOW_IN_CARE, len(cared_for)))
    chosen += rng.sample(at_home, min(MISSING_NOW_FROM_HOME, len(at_home)))
    # Ordered by start, so that each child's latest episode is the one kept.
    latest = MissingEpisode.objects.filter(child_id__in=chosen).order_by("started_at", "pk")
    last = dict(latest.values_list("child_id", "returned_at"))
    episodes = []
    for pk in chosen:
        started = midnight - timedelta(hours=rng.uniform(2, 60))
        if last.get(pk) is None or last[pk] >= started:
            continue  # still out, or back too recently to be out again
        where = MissingFrom.CARE if pk in in_care else rng.choice([MissingFrom.HOME, MissingFrom.EDUCATION])
        episodes.append(MissingEpisode(child_id=pk, kind="M", started_at=started, missing_from=where))
    out.write_now(episodes)


def _coordinator(out: Writer, today: date) -> None:
    """The missing coordinator's demo sign-in gets a worker, in a team of their own, so that My work is theirs."""
    user = User.objects.filter(groups__name=Role.MISSING_COORDINATOR.value).first()
    service = Service.objects.order_by("pk").first()
    if user is None or service is None or Worker.objects.filter(user=user).exists():
        return
    (team,) = out.write_now([Team(name="Missing and exploitation", kind=Team.Kind.SAFEGUARDING, service=service)])
    out.write_now(
        [
            Worker(
                user=user,
                first_name=user.first_name,
                last_name=user.last_name,
                role=Worker.Role.SENIOR_PRACTITIONER,
                team=team,
                start_date=today - timedelta(days=700),
            )
        ]
    )


def _screenings(out: Writer, rng: random.Random, today: date) -> None:
    year_ago = today - timedelta(days=365)
    latest: dict[int, date] = {}
    for child_id, returned in MissingEpisode.objects.filter(
        started_at__date__gte=year_ago, returned_at__isnull=False
    ).values_list("child_id", "returned_at"):
        latest[child_id] = max(latest.get(child_id, returned.date()), returned.date())
    screenings, plans = [], []
    for child_id in sorted(latest):
        if rng.random() >= SCREENED:
            continue
        on = min(today, latest[child_id] + timedelta(days=rng.randint(1, 20)))
        while True:
            level = rng.choices(*LEVELS)[0]
            kinds = set() if level == RiskLevel.NONE else set(rng.choices(KINDS, KIND_WEIGHTS, k=rng.randint(1, 2)))
            review = on + timedelta(days=rng.randint(28, 90))
            screenings.append(
                ExploitationScreening(
                    child_id=child_id, screened_on=on, level=level, review_on=review, **dict.fromkeys(kinds, True)
                )
            )
            if level in (RiskLevel.MEDIUM, RiskLevel.HIGH) and rng.random() < PLANNED:
                made = on + timedelta(days=rng.randint(1, 16))
                if made <= today:
                    plans.append(
                        SafetyPlan(
                            child_id=child_id,
                            made_on=made,
                            people_involved=rng.choice(PEOPLE),
                            places=rng.choice(PLACES),
                            actions=rng.choice(ACTIONS),
                            review_on=made + timedelta(days=rng.randint(28, 90)),
                        )
                    )
            later = add_months(on, 3) + timedelta(days=rng.randint(-10, 10))
            if later > today or rng.random() >= SCREENED_AGAIN:
                break
            on = later
    out.write_now(screenings)
    out.write_now(plans)


def _rights_explained(out: Writer, rng: random.Random, today: date) -> None:
    """Rights and entitlements explained, on the day of their first document, for most young people given one."""
    first: dict[int, date] = {}
    for child_id, handed in Entitlement.objects.values_list("child_id", "handed_over_on"):
        first[child_id] = min(first.get(child_id, handed), handed)
    already = set(Entitlement.objects.filter(kind=EntitlementKind.RIGHTS_EXPLAINED).values_list("child_id", flat=True))
    born = dict(Child.objects.filter(pk__in=list(first)).values_list("pk", "date_of_birth"))
    rows = []
    for child_id, handed in sorted(first.items()):
        dob = born.get(child_id)
        if child_id in already or dob is None or rng.random() >= RIGHTS_EXPLAINED:
            continue
        if add_months(dob, 12 * EARLIEST_AGE) <= handed <= today:
            rows.append(Entitlement(child_id=child_id, kind=EntitlementKind.RIGHTS_EXPLAINED, handed_over_on=handed))
    out.write_now(rows)


PEOPLE = [
    "Two older young men known to police who give her lifts; her aunt, who she trusts and who will collect her",
    "An adult male contact met online; his foster carers; the school's designated safeguarding lead",
    "Older peers from the estate linked to a county line; his mother and his youth worker",
]
PLACES = [
    "The retail park and the bus station after dark; a flat on Station Road",
    "The train line to the city; the park behind the leisure centre",
    "Snapchat and Telegram groups; the chicken shop on the high street",
]
ACTIONS = [
    "Carer collects from school each day (carer); police disruption notice to the adult (police); weekly youth "
    "work sessions (youth worker); return home interview after any episode (missing coordinator)",
    "Phone checked with consent weekly (carer); referral to the NRM considered (social worker); school safety "
    "plan shared with the DSL (social worker)",
    "Curfew agreed with him and his mother (social worker); intelligence shared with police (missing coordinator); "
    "education re-engagement plan (virtual school)",
]
