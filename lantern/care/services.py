"""Writes for children in care: starting and ending a period of care, each change of episode, CLA reviews."""

from datetime import date

from django.db import transaction

from lantern.care.models import CareEpisode, CarePeriod, CLAReview
from lantern.core import codes
from lantern.core.services import Refusal, local_today, save_checked
from lantern.people.models import Child


def collection_year_of(day: date) -> int:
    """The SSDA903/CIN collection year a date falls in, named by the 31 March that ends it."""
    return day.year + 1 if (day.month, day.day) > (3, 31) else day.year


def _check_placement(refusal: Refusal, *, start_date: date, placement_type: str, placement_provider: str) -> None:
    year = collection_year_of(start_date)
    if placement_type not in codes.PLACEMENT_TYPE.valid_in(year):
        refusal.add("placement_type", f"Placement type {placement_type!r} is not a code in {year - 1}/{year % 100:02d}")
    if placement_type in codes.NO_PROVIDER_PLACEMENTS and placement_provider:
        refusal.add("placement_provider", f"Leave the provider blank for placement type {placement_type}")
    if placement_type not in codes.NO_PROVIDER_PLACEMENTS and not placement_provider:
        refusal.add("placement_provider", "Enter the placement provider")


@transaction.atomic
def cla_period_start(
    *,
    by,
    child: Child,
    start_date: date,
    legal_status: str,
    category_of_need: str,
    placement_type: str,
    placement_provider: str = "",
    home_postcode: str = "",
    placement_postcode: str = "",
    urn: str = "",
    today: date | None = None,
) -> CarePeriod:
    """The child starts to be looked after: a new period of care and its first episode (RNE S)."""
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("start_date", start_date, "Date started to be looked after", today=today)
    if child.date_of_birth is None:
        refusal.add("start_date", "An unborn child cannot start to be looked after")
    else:
        refusal.not_before("start_date", start_date, child.date_of_birth, "Start date", "the date of birth")
    if CarePeriod.objects.select_for_update().filter(child=child, end_date__isnull=True).exists():
        refusal.add("start_date", "This child is already looked after: end the current period of care first")
    last = CarePeriod.objects.filter(child=child).order_by("-start_date").first()
    if last is not None and last.end_date is not None and start_date < last.end_date:
        refusal.add("start_date", f"The previous period of care ended on {last.end_date:%d/%m/%Y}")
    _check_placement(
        refusal, start_date=start_date, placement_type=placement_type, placement_provider=placement_provider
    )
    refusal.raise_if_any()
    period = save_checked(CarePeriod(child=child, start_date=start_date), by=by)
    episode = CareEpisode(
        period=period,
        child=child,
        start_date=start_date,
        reason_new_episode="S",
        legal_status=legal_status,
        category_of_need=category_of_need,
        placement_type=placement_type,
        placement_provider=placement_provider,
        home_postcode=home_postcode.upper(),
        placement_postcode=placement_postcode.upper(),
        urn=urn,
    )
    save_checked(episode, by=by)
    return period


@transaction.atomic
def care_episode_change(
    *,
    by,
    child: Child,
    change_date: date,
    reason_new_episode: str,
    legal_status: str | None = None,
    placement_type: str | None = None,
    placement_provider: str | None = None,
    placement_postcode: str | None = None,
    urn: str | None = None,
    reason_place_change: str = "",
    today: date | None = None,
) -> CareEpisode:
    """A change of legal status or placement: the open episode ends (REC X1) and the next begins that day."""
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("change_date", change_date, "Date of the change", today=today)
    if reason_new_episode not in codes.REASON_NEW_EPISODE or reason_new_episode == "S":
        refusal.add("reason_new_episode", "Choose the reason for the new episode (L, P, T, B or U)")
    current = CareEpisode.objects.select_for_update().filter(child=child, end_date__isnull=True).first()
    if current is None:
        refusal.add("change_date", "This child is not looked after: start a period of care first")
        refusal.raise_if_any()
    refusal.not_before("change_date", change_date, current.start_date, "Date of the change", "the current episode")
    if change_date == current.start_date:
        refusal.add("change_date", "The current episode began that day: correct it rather than adding a new one")
    next_placement = placement_type or current.placement_type
    next_provider = current.placement_provider if placement_provider is None else placement_provider
    if placement_type is not None:
        _check_placement(
            refusal, start_date=change_date, placement_type=next_placement, placement_provider=next_provider
        )
    refusal.raise_if_any()
    current.end_date = change_date
    current.reason_ceased = "X1"
    # SSDA903 keeps the reason for a placement change on the episode that ends (rule 225).
    current.reason_place_change = reason_place_change
    save_checked(current, by=by)
    episode = CareEpisode(
        period=current.period,
        child=child,
        start_date=change_date,
        reason_new_episode=reason_new_episode,
        legal_status=legal_status or current.legal_status,
        category_of_need=current.category_of_need,
        placement_type=next_placement,
        placement_provider=next_provider,
        home_postcode=current.home_postcode,
        placement_postcode=(current.placement_postcode if placement_postcode is None else placement_postcode).upper(),
        urn=current.urn if urn is None else urn,
    )
    return save_checked(episode, by=by)


@transaction.atomic
def cla_period_end(*, by, child: Child, end_date: date, reason_ceased: str, today: date | None = None) -> CarePeriod:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("end_date", end_date, "Date ceased to be looked after", today=today)
    if reason_ceased == "X1" or reason_ceased not in codes.REASON_EPISODE_CEASED:
        refusal.add("reason_ceased", "Choose the reason the child ceased to be looked after")
    period = CarePeriod.objects.select_for_update().filter(child=child, end_date__isnull=True).first()
    if period is None:
        refusal.add("end_date", "This child is not looked after")
        refusal.raise_if_any()
    episode = period.episodes.get(end_date__isnull=True)
    refusal.not_before("end_date", end_date, episode.start_date, "Date ceased", "the start of the current episode")
    refusal.raise_if_any()
    episode.end_date = end_date
    episode.reason_ceased = reason_ceased
    save_checked(episode, by=by)
    period.end_date = end_date
    return save_checked(period, by=by)


@transaction.atomic
def cla_review_record(
    *, by, child: Child, review_date: date, participation: str, today: date | None = None
) -> CLAReview:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("review_date", review_date, "Review date", today=today)
    refusal.code("participation", participation, codes.REVIEW_PARTICIPATION.codes, "Participation")
    age = child.age_on(review_date)
    if participation == "PN0" and age is not None and age >= 4:
        refusal.add("participation", "PN0 is only for a child aged under 4 at the time of the review")
    if CLAReview.objects.filter(child=child, review_date=review_date).exists():
        refusal.add("review_date", "A review is already recorded on that date")
    period = CarePeriod.objects.filter(child=child, start_date__lte=review_date).order_by("-start_date").first()
    if period is None or (period.end_date is not None and period.end_date < review_date):
        refusal.add("review_date", "The child was not looked after on that date")
    refusal.raise_if_any()
    return save_checked(
        CLAReview(child=child, period=period, review_date=review_date, participation=participation), by=by
    )
