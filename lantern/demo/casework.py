"""Case notes at about the rate of visits, and managers' oversight decisions on open cases (some reviews overdue).

Written after the families, from the visits and plans already in the database: a note for most visits, and now and
then a phone call, a meeting, direct work or the child's own words between them. Synthetic text only.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.care.models import CarePeriod
from lantern.casework.models import CaseNote, NoteKind, OversightDecision
from lantern.demo.writer import Writer
from lantern.journey.models import CINPlan, CPPlan, Visit

VISIT_NOTE_SHARE = 0.85  # most visits are written up as a case note
OTHER_NOTE_SHARE = 0.3  # and now and then another contact between visits
OVERDUE_SHARE = 0.25  # oversight decisions whose next review has passed without one

TEXTS = {
    NoteKind.VISIT: [
        "Home visit. {who} was at home and showed me their bedroom. The home was warm and tidy.",
        "Visit at the placement. {who} talked about school and a new friend. No concerns raised.",
        "Visit. {who} was quiet at first, then spoke about contact with their father.",
    ],
    NoteKind.PHONE_CALL: [
        "Phone call with the school: attendance has improved to 92% this half term.",
        "Phone call from mother to rearrange Thursday's visit to next week.",
    ],
    NoteKind.MEETING: ["Core group meeting. Actions reviewed; the health visitor will attend the next one."],
    NoteKind.OBSERVATION: ["Observed contact at the family centre. Warm greeting; play was relaxed."],
    NoteKind.DIRECT_WORK: ["Direct work: we made a three houses drawing (worries, good things, dreams)."],
    NoteKind.CHILDS_VOICE: ['In their words: "I like it here but I miss my brother. I want to see him more."'],
}
DECISIONS = [
    ("Continue the plan; increase visits to weekly for a month.", "Recent missed appointments at the GP."),
    ("Convene a strategy discussion.", "New information from school about an injury."),
    ("Step down at the next review if progress holds.", "Three months of improved school attendance."),
    ("Seek legal advice on the pre-proceedings route.", "Little change after six months of the plan."),
]


def _at(rng: random.Random, day: date) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])), tzinfo=UTC)


def write_casework(out: Writer, users: dict[str, User], today: date, seed: int) -> None:
    rng = random.Random(f"{seed}-casework")
    worker_user = users[Role.SOCIAL_WORKER.value]
    manager = users[Role.TEAM_MANAGER.value]
    others = [kind for kind in NoteKind if kind != NoteKind.VISIT]
    notes: list[CaseNote] = []
    visits = Visit.objects.order_by("pk").values_list("child_id", "visit_date", "seen", "worker__user_id")
    for child_id, on, seen, user_id in visits.iterator(chunk_size=5000):
        by = user_id or worker_user.pk
        if rng.random() < VISIT_NOTE_SHARE:
            text = rng.choice(TEXTS[NoteKind.VISIT]).format(who="The child" if seen else "Nobody")
            notes.append(
                CaseNote(
                    child_id=child_id,
                    event_at=_at(rng, on),
                    kind=NoteKind.VISIT,
                    who_seen="The child" if seen else "",
                    text=text,
                    recorded_by_id=by,
                )
            )
        between = on + timedelta(days=rng.randint(1, 12))
        if rng.random() < OTHER_NOTE_SHARE and between < today:
            kind = rng.choice(others)
            notes.append(
                CaseNote(
                    child_id=child_id,
                    event_at=_at(rng, between),
                    kind=kind,
                    text=rng.choice(TEXTS[kind]),
                    recorded_by_id=by,
                )
            )
        if len(notes) >= 5000:
            out.write_now(notes)
            notes = []
    out.write_now(notes)
    out.write_now(_oversight(rng, manager, today))


def _oversight(rng: random.Random, manager: User, today: date) -> list[OversightDecision]:
    """Decisions every four to eight weeks over the last six months on each child with an open plan or in care."""
    open_cases = set(CPPlan.objects.filter(end_date__isnull=True).values_list("child_id", flat=True))
    open_cases |= set(CINPlan.objects.filter(end_date__isnull=True).values_list("child_id", flat=True))
    open_cases |= set(CarePeriod.objects.filter(end_date__isnull=True).values_list("child_id", flat=True))
    decisions = []
    for child_id in sorted(open_cases):
        on = today - timedelta(days=rng.randint(150, 200))
        left_overdue = rng.random() < OVERDUE_SHARE
        while on <= today:
            review = on + timedelta(days=rng.randint(28, 56))
            decision, reason = rng.choice(DECISIONS)
            decisions.append(
                OversightDecision(
                    child_id=child_id,
                    decided_on=on,
                    decision=decision,
                    reason=reason,
                    next_review_on=review,
                    recorded_by=manager,
                )
            )
            # The next decision comes around the review date; on some cases it has not come, and is overdue.
            on = max(review + timedelta(days=rng.randint(-5, 5)), on + timedelta(days=1))
            if left_overdue and on > today - timedelta(days=30):
                break
    return decisions
