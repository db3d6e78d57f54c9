"""Missing from home, care or education (timescales.md, "Missing").

Each rule is declared next to the function that finds its start and its stop in a child's record.
"""

from collections.abc import Iterator

from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, day_of, label
from lantern.timescales.facts import ChildFacts

# A return home interview within 72 hours of the child coming back.
RETURN_INTERVIEW = Rule(
    id="return_interview",
    name="Return home interview",
    starts="child returned from a missing episode",
    stops="interview held",
    counting=Counting.HOURS,
    amount=72,
    statutory=True,
    source="Statutory guidance on children who run away or go missing from home or care (2014)",
    applies_to="missing",
)


def return_interviews(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for episode in f.missing_episodes:
        if episode.returned_at is not None:
            yield ev.clock(
                RETURN_INTERVIEW,
                f.child.pk,
                f"Missing episode of {label(day_of(episode.started_at))}",
                episode.returned_at,
                episode.return_interview_at,
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


RULES = [RETURN_INTERVIEW, MISSING_EDUCATION]
CLOCKS = [return_interviews, missing_education]
