"""The establishment (posts per team: filled, agency-covered, vacant since a day), workers' sickness absence, and
what was discussed in each recent supervision: the decision about each child, an action and the reflection (some
records thin, with no reflection), for the workforce pages and the child's chronology."""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from lantern.demo.writer import Writer
from lantern.workforce.models import (
    Absence,
    Allocation,
    Post,
    Supervision,
    SupervisionAction,
    SupervisionDiscussion,
    Team,
    Worker,
)

DECISIONS = [
    "Continue the plan; visits to stay at the current frequency",
    "Step up to a strategy discussion if the school raises a further concern",
    "Complete the updated assessment before the next review",
    "Request a legal planning meeting to consider pre-proceedings",
    "Arrange a family group conference",
    "Step down to child in need at the next review if progress holds",
    "Seek the child's views directly, away from the parents",
]
REFLECTIONS = [
    "Discussed the child's lived experience and whether the plan is making a difference",
    "Challenged drift: the actions from the last conference are not yet done",
    "Reflected on the worker's hypothesis about the father's role and the evidence for it",
    "Considered the impact of cumulative neglect and the threshold for escalation",
]
ACTIONS = [
    "Update the chronology",
    "Visit and see the child alone",
    "Convene a core group meeting",
    "Refer to the family support service",
    "Speak to the health visitor",
]
DISCUSSED_FROM_DAYS = 183  # the recent half-year of supervision records carries case discussions


def write_establishment(out: Writer, *, seed: int, today: date) -> None:
    rng = random.Random(f"{seed}-establishment")
    in_post = Worker.objects.filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
    by_team: dict[int, list[Worker]] = defaultdict(list)
    for worker in in_post.order_by("pk"):
        by_team[worker.team_id].append(worker)
    last_left = {}
    for worker in Worker.objects.filter(end_date__lte=today).order_by("end_date"):
        last_left[(worker.team_id, worker.role)] = worker.end_date
    posts = []
    for team in Team.objects.order_by("pk"):
        workers = by_team.get(team.pk, [])
        agency = sum(1 for w in workers if w.employment == Worker.Employment.AGENCY)
        posts += [Post(team=team, grade=w.role, fte=w.fte, worker=w) for w in workers]
        # Vacancy counts agency-covered posts (the census's way): top up with empty posts to the team's rate.
        target = rng.uniform(0.15, 0.35)
        empty = max(0, int((target * len(workers) - agency) / (1 - target))) if workers else 0
        for _ in range(empty):
            grade = rng.choice(["social_worker", "social_worker", "senior_practitioner"])
            since = last_left.get((team.pk, grade)) or today - timedelta(days=rng.randint(20, 400))
            posts.append(Post(team=team, grade=grade, fte=Decimal(1), vacant_since=since))
    out.write_now(posts)

    absences = []
    for worker in in_post:
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            start = today - timedelta(days=rng.randint(5, 360))
            end = min(today, start + timedelta(days=rng.choice([0, 1, 2, 4, 9, 20])))
            absences.append(Absence(worker=worker, start_date=start, end_date=end, kind=Absence.Kind.SICKNESS))
    out.write_now(absences)

    held = list(
        Supervision.objects.filter(held_on__gte=today - timedelta(days=DISCUSSED_FROM_DAYS), held_on__lte=today)
        .order_by("pk")
        .values_list("pk", "worker_id", "held_on")
    )
    caseload: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    for worker_id, child_id, start, end in Allocation.objects.filter(
        worker_id__in={w for _, w, _ in held}, role__in=["social_worker", "personal_adviser"]
    ).values_list("worker_id", "child_id", "start_date", "end_date"):
        caseload[worker_id].append((child_id, start, end))
    discussions, planned_actions = [], []
    for supervision_id, worker_id, on in held:
        children = sorted({c for c, start, end in caseload[worker_id] if start <= on and (end is None or end > on)})
        for child_id in rng.sample(children, min(len(children), rng.randint(1, 3))):
            thin = rng.random() < 0.25  # "the quality of written supervision records varies"
            discussions.append(
                SupervisionDiscussion(
                    supervision_id=supervision_id,
                    child_id=child_id,
                    decision=rng.choice(DECISIONS),
                    reflection="" if thin else rng.choice(REFLECTIONS),
                )
            )
            planned_actions.append(None if thin else (worker_id, on + timedelta(days=rng.randint(7, 42))))
    discussions = out.write_now(discussions)
    out.write_now(
        [
            SupervisionAction(discussion=d, action=rng.choice(ACTIONS), owner_id=plan[0], due_date=plan[1])
            for d, plan in zip(discussions, planned_actions, strict=True)
            if plan is not None
        ]
    )
