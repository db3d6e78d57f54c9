from datetime import date, datetime

from django.utils import timezone

from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.missing.models import (
    EXPLOITATION_KINDS,
    ExploitationScreening,
    MissingEpisode,
    MissingFrom,
    RiskLevel,
    SafetyPlan,
)
from lantern.people.models import Child


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def _not_after_now(refusal: Refusal, field: str, moment: datetime | None, label: str, today: date) -> None:
    # The date check names a later day; a time later today is refused here, as nobody can report the future.
    refusal.not_in_future(field, moment, label, today=today)
    if moment is not None and field not in refusal.errors and moment > timezone.now():
        refusal.add(field, f"{label} must be now or in the past")


@service
def missing_episode_record(
    *,
    by,
    child: Child,
    kind: str,
    started_at: datetime,
    returned_at: datetime | None = None,
    missing_from: str = "",
    today: date | None = None,
) -> MissingEpisode:
    """A child reported missing (or away without authorisation) from home, care or education: any child."""
    today = today or local_today()
    refusal = Refusal()
    _not_after_now(refusal, "started_at", started_at, "Date and time missing from", today)
    _not_after_now(refusal, "returned_at", returned_at, "Date and time returned", today)
    if returned_at is not None and returned_at < started_at:
        refusal.add("returned_at", "The child must return after they went missing")
    if missing_from and missing_from not in MissingFrom.values:
        refusal.add("missing_from", f"Missing from {missing_from!r} is not one of home, care or education")
    still_out = MissingEpisode.objects.filter(child=child, returned_at__isnull=True).first()
    if still_out is not None and returned_at is None:
        refusal.add(
            "started_at",
            f"{child.full_name} is already recorded as missing since {_when(still_out.started_at)}: "
            "record their return first",
        )
    refusal.raise_if_any()
    episode = MissingEpisode(
        child=child, kind=kind, started_at=started_at, returned_at=returned_at, missing_from=missing_from
    )
    return save_checked(episode, by=by)


@service
def missing_episode_return(
    *, by, episode: MissingEpisode, returned_at: datetime, today: date | None = None
) -> MissingEpisode:
    """The child came back: the episode ends and the 72-hour clock for the return home interview starts."""
    today = today or local_today()
    refusal = Refusal()
    if episode.returned_at is not None:
        refusal.add("returned_at", f"The child’s return was already recorded, on {_when(episode.returned_at)}")
    _not_after_now(refusal, "returned_at", returned_at, "Date and time the child returned", today)
    if returned_at < episode.started_at:
        refusal.add("returned_at", f"The child must return after they went missing, on {_when(episode.started_at)}")
    refusal.raise_if_any()
    episode.returned_at = returned_at
    return save_checked(episode, by=by)


@service
def return_interview_record(
    *,
    by,
    episode: MissingEpisode,
    offered: bool,
    accepted: bool,
    held_at: datetime | None,
    declined_at: datetime | None = None,
    today: date | None = None,
) -> MissingEpisode:
    """The return home interview: held (the clock stops when it was held) or declined (it stops when the child
    said no, not when it was written down). An interview not offered leaves the clock running."""
    today = today or local_today()
    refusal = Refusal()
    if episode.returned_at is None:
        refusal.add("held_at", "Record the child's return before the return interview")
    refusal.not_in_future("held_at", held_at, "Date and time of the interview", today=today)
    refusal.not_in_future("declined_at", declined_at, "Date and time the child declined", today=today)
    if held_at is not None and episode.returned_at is not None and held_at < episode.returned_at:
        refusal.add("held_at", "The interview must be after the child returned")
    if declined_at is not None and episode.returned_at is not None and declined_at < episode.returned_at:
        refusal.add("declined_at", "The child can only decline an interview after they returned")
    if accepted and not offered:
        refusal.add("accepted", "An interview can only be accepted if it was offered")
    if held_at is not None and not accepted:
        refusal.add("held_at", "An interview can only be held if the child accepted it")
    if offered and not accepted and declined_at is None:
        refusal.add("declined_at", "Enter the date and time the child declined the interview")
    if declined_at is not None and (accepted or not offered):
        refusal.add("declined_at", "Only an interview offered and not accepted can be declined")
    refusal.raise_if_any()
    episode.return_interview_offered = offered
    episode.return_interview_accepted = accepted
    episode.return_interview_at = held_at
    episode.return_interview_declined_at = declined_at
    return save_checked(episode, by=by)


@service
def exploitation_screening_record(
    *,
    by,
    child: Child,
    screened_on: date,
    kinds: list[str],
    level: str,
    review_on: date,
    today: date | None = None,
) -> ExploitationScreening:
    """A screening of the risk of sexual or criminal exploitation, county lines or trafficking, with its review."""
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("screened_on", screened_on, "Date of the screening", today=today)
    refusal.not_before("review_on", review_on, screened_on, "Review date", "the date of the screening")
    known = {name for name, _ in EXPLOITATION_KINDS}
    unknown = [kind for kind in kinds if kind not in known]
    if unknown:
        refusal.add("kinds", f"{', '.join(unknown)} is not a kind of exploitation")
    if level not in RiskLevel.values:
        refusal.add("level", f"Level {level!r} is not a recognised level")
    elif level != RiskLevel.NONE and not kinds:
        refusal.add("kinds", "Select the kinds of exploitation the concern is about")
    elif level == RiskLevel.NONE and kinds:
        refusal.add("level", "Select a level of concern for the kinds of exploitation selected")
    refusal.raise_if_any()
    screening = ExploitationScreening(
        child=child, screened_on=screened_on, level=level, review_on=review_on, **dict.fromkeys(kinds, True)
    )
    return save_checked(screening, by=by)


@service
def safety_plan_record(
    *,
    by,
    child: Child,
    made_on: date,
    people_involved: str,
    places: str,
    actions: str,
    review_on: date,
    today: date | None = None,
) -> SafetyPlan:
    """The written safety plan for a child at risk of exploitation (or its review, which makes a new version)."""
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("made_on", made_on, "Date of the plan", today=today)
    refusal.not_before("review_on", review_on, made_on, "Review date", "the date of the plan")
    for field, value, what in [
        ("people_involved", people_involved, "who is involved"),
        ("places", places, "the places of concern"),
        ("actions", actions, "the actions"),
    ]:
        if not value.strip():
            refusal.add(field, f"Enter {what}")
    refusal.raise_if_any()
    plan = SafetyPlan(
        child=child,
        made_on=made_on,
        people_involved=people_involved.strip(),
        places=places.strip(),
        actions=actions.strip(),
        review_on=review_on,
    )
    return save_checked(plan, by=by)
