"""Missing from home, care or education (timescales.md, "Missing").

Each rule is declared next to the function that finds its start and its stop in a child's record.
"""

from collections.abc import Iterator

from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, birthday, day_of, first, label
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules.sources import WT2023

# A return home interview within 72 hours of the child coming back.
RETURN_INTERVIEW = Rule(
    id="return_interview",
    name="Return home interview",
    starts="child returned from a missing episode",
    stops="interview held, or declined by the child (when they declined)",
    counting=Counting.HOURS,
    amount=72,
    statutory=True,
    source="Statutory guidance on children who run away or go missing from home or care (2014)",
    applies_to="missing",
)


def return_interviews(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    # The guidance is for children: an interview still owed at 18 is history, not work for someone today.
    eighteenth = birthday(f.child.date_of_birth, 18)
    for episode in f.missing_episodes:
        if episode.returned_at is not None:
            yield ev.clock(
                RETURN_INTERVIEW,
                f.child.pk,
                f"Missing episode of {label(day_of(episode.started_at))}",
                episode.returned_at,
                # Declined is an answer: the offer was made and the child said no, at that moment.
                episode.return_interview_at or episode.return_interview_declined_at,
                ends=eighteenth,
                target=("missing_episode", episode.pk),
            )


# Enquiries into a child missing education complete within 10 school days.
MISSING_EDUCATION = Rule(
    id="missing_education",
    name="Children missing education enquiries",
    starts="child reported missing education",
    stops="enquiries complete",
    counting=Counting.WORKING_DAYS,
    amount=10,
    statutory=False,
    source="Local standard (10 school days)",
    applies_to="missing",
)


def missing_education(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for episode in f.missing_education:
        yield ev.clock(
            MISSING_EDUCATION,
            f.child.pk,
            f"Missing education from {label(episode.reported_on)}",
            episode.reported_on,
            episode.enquiries_completed_on,
            target=("missing_education", episode.pk),
        )


# An exploitation screening reviewed at least every 3 months (local standard): each new screening is the review.
EXPLOITATION_REVIEW = Rule(
    id="exploitation_review",
    name="Exploitation screening review",
    starts="exploitation screening or its last review",
    stops="child screened again",
    counting=Counting.MONTHS,
    amount=3,
    statutory=False,
    source=f"Local standard (3 months); {WT2023}, chapter 3 (extra-familial harm), and the Home Office's "
    "criminal exploitation and county lines guidance (2023)",
    applies_to="missing",
    repeating=True,
)


def exploitation_reviews(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    if f.exploitation_screenings:
        screenings = f.exploitation_screenings
        yield from ev.series(
            lambda i, _: EXPLOITATION_REVIEW,
            f.child.pk,
            "Exploitation screening",
            screenings[0].screened_on,
            [s.screened_on for s in screenings[1:]],
            # No risk found at the latest screening: nothing more is owed.
            ends=None if screenings[-1].level != "none" else screenings[-1].screened_on,
        )


# A written safety plan within 10 working days of a screening that finds a child at risk (local standard).
SAFETY_PLAN = Rule(
    id="safety_plan",
    name="Safety plan for a child at risk of exploitation",
    starts="screening finds a medium or high risk",
    stops="written safety plan made",
    counting=Counting.WORKING_DAYS,
    amount=10,
    statutory=False,
    source="Local standard (10 working days), after the inspection finding of no effective written safety plan",
    applies_to="missing",
)


def safety_plans(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for screening in f.exploitation_screenings:
        if screening.at_risk:
            made = first(p.made_on for p in f.safety_plans if p.made_on >= screening.screened_on)
            yield ev.clock(
                SAFETY_PLAN, f.child.pk, f"Screening of {label(screening.screened_on)}", screening.screened_on, made
            )


# The safety plan reviewed at least every 3 months (local standard): a review is recorded as the plan's new version.
SAFETY_PLAN_REVIEW = Rule(
    id="safety_plan_review",
    name="Safety plan review",
    starts="safety plan or its last review",
    stops="safety plan reviewed",
    counting=Counting.MONTHS,
    amount=3,
    statutory=False,
    source=f"Local standard (3 months); {WT2023}, chapter 3 (extra-familial harm)",
    applies_to="missing",
    repeating=True,
)


def safety_plan_reviews(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    if f.safety_plans:
        yield from ev.series(
            lambda i, _: SAFETY_PLAN_REVIEW,
            f.child.pk,
            "Safety plan",
            f.safety_plans[0].made_on,
            [p.made_on for p in f.safety_plans[1:]],
        )


RULES = [RETURN_INTERVIEW, MISSING_EDUCATION, EXPLOITATION_REVIEW, SAFETY_PLAN, SAFETY_PLAN_REVIEW]
CLOCKS = [return_interviews, missing_education, exploitation_reviews, safety_plans, safety_plan_reviews]
