from datetime import date, datetime

from django.utils import timezone

from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.missing.models import MissingEpisode
from lantern.people.models import Child


@service
def missing_episode_record(
    *,
    by,
    child: Child,
    kind: str,
    started_at: datetime,
    returned_at: datetime | None = None,
    today: date | None = None,
) -> MissingEpisode:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("started_at", started_at, "Date and time missing from", today=today)
    refusal.not_in_future("returned_at", returned_at, "Date and time returned", today=today)
    if returned_at is not None and returned_at < started_at:
        refusal.add("returned_at", "The child must return after they went missing")
    refusal.raise_if_any()
    episode = MissingEpisode(child=child, kind=kind, started_at=started_at, returned_at=returned_at)
    return save_checked(episode, by=by)


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


@service
def missing_episode_return(
    *, by, episode: MissingEpisode, returned_at: datetime, today: date | None = None
) -> MissingEpisode:
    """The child came back: the episode ends and the 72-hour clock for the return home interview starts."""
    today = today or local_today()
    refusal = Refusal()
    if episode.returned_at is not None:
        refusal.add("returned_at", f"The child’s return was already recorded, on {_when(episode.returned_at)}")
    refusal.not_in_future("returned_at", returned_at, "Date and time the child returned", today=today)
    if returned_at < episode.started_at:
        refusal.add("returned_at", f"The child must return after they went missing, on {_when(episode.started_at)}")
    refusal.raise_if_any()
    episode.returned_at = returned_at
    return save_checked(episode, by=by)


@service
def return_interview_record(
    *, by, episode: MissingEpisode, offered: bool, accepted: bool, held_at: datetime | None, today: date | None = None
) -> MissingEpisode:
    today = today or local_today()
    refusal = Refusal()
    if episode.returned_at is None:
        refusal.add("held_at", "Record the child's return before the return interview")
    refusal.not_in_future("held_at", held_at, "Date and time of the interview", today=today)
    if held_at is not None and episode.returned_at is not None and held_at < episode.returned_at:
        refusal.add("held_at", "The interview must be after the child returned")
    if accepted and not offered:
        refusal.add("accepted", "An interview can only be accepted if it was offered")
    if held_at is not None and not accepted:
        refusal.add("held_at", "An interview can only be held if the child accepted it")
    refusal.raise_if_any()
    episode.return_interview_offered = offered
    episode.return_interview_accepted = accepted
    episode.return_interview_at = held_at
    return save_checked(episode, by=by)
