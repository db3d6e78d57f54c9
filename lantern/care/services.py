"""Writes for children in care: starting and ending a period of care, each change of episode, CLA reviews, the
SSDA903 OC2 items (SDQs, immunisations, substance misuse, convictions) and adoption (adopters, the decision that a
child should be placed for adoption, the match, and a reversal)."""

from datetime import date

from lantern.care import postcodes
from lantern.care.models import (
    Adopters,
    AdoptionDecision,
    CareEpisode,
    CarePeriod,
    CLAReview,
    Conviction,
    ImmunisationCheck,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from lantern.core import codes
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
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


def _check_postcode(refusal: Refusal, field: str, postcode: str, label: str) -> str:
    """The postcode as it is written ("ME1 1DA"), refused if it is not in the ONS postcode directory: a distance
    from home is worked out from real postcodes, never guessed from a mistyped one."""
    if not postcode.strip():
        return ""
    if not postcodes.exists(postcode):
        refusal.add(field, f"{label} {postcode.strip().upper()} does not exist: check it against the address")
        return postcode.strip().upper()
    return postcodes.pretty(postcode)


def _check_urn(refusal: Refusal, *, placement_type: str, urn: str) -> None:
    if urn and placement_type in codes.NO_URN_PLACEMENTS:
        refusal.add("urn", f"Leave the Ofsted URN blank for placement type {placement_type}")


def _check_period_start(refusal: Refusal, *, child: Child, start_date: date, today: date) -> None:
    refusal.not_in_future("start_date", start_date, "Date started to be looked after", today=today)
    if child.date_of_birth is None:
        refusal.add("start_date", "An unborn child cannot start to be looked after")
    else:
        refusal.not_before("start_date", start_date, child.date_of_birth, "Start date", "the date of birth")


@service
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
    _check_period_start(refusal, child=child, start_date=start_date, today=today)
    if CarePeriod.objects.select_for_update().filter(child=child, end_date__isnull=True).exists():
        refusal.add("start_date", "This child is already looked after: end the current period of care first")
    last = CarePeriod.objects.filter(child=child).order_by("-start_date").first()
    if last is not None and last.end_date is not None and start_date < last.end_date:
        refusal.add("start_date", f"The previous period of care ended on {last.end_date:%d/%m/%Y}")
    _check_placement(
        refusal, start_date=start_date, placement_type=placement_type, placement_provider=placement_provider
    )
    _check_urn(refusal, placement_type=placement_type, urn=urn)
    home_postcode = _check_postcode(refusal, "home_postcode", home_postcode, "Home postcode")
    placement_postcode = _check_postcode(refusal, "placement_postcode", placement_postcode, "Placement postcode")
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
        home_postcode=home_postcode,
        placement_postcode=placement_postcode,
        urn=urn.strip().upper(),
    )
    save_checked(episode, by=by)
    return period


@service
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
    places_changes = reason_new_episode in codes.NEW_PLACEMENT_REASONS - {"S"}
    if reason_new_episode == "L" and (placement_type or placement_postcode or urn):
        refusal.add("reason_new_episode", "L is a change of legal status only: the placement stays the same")
    if reason_new_episode in ("L", "B", "U") and legal_status in (None, current.legal_status):
        refusal.add("legal_status", f"Choose the new legal status (the child is {current.legal_status} now)")
    if reason_new_episode in ("P", "T") and legal_status not in (None, current.legal_status):
        refusal.add("reason_new_episode", "A change of legal status as well is B or U, not P or T")
    if places_changes and placement_type is not None and not reason_place_change:
        refusal.add("reason_place_change", "Choose the reason for the move (REASON_PLACE_CHANGE)")
    elif reason_place_change:
        refusal.code("reason_place_change", reason_place_change, codes.REASON_PLACE_CHANGE.codes, "Reason for the move")
    if placement_postcode is not None:
        placement_postcode = _check_postcode(refusal, "placement_postcode", placement_postcode, "Placement postcode")
    next_urn = current.urn if urn is None else urn.strip().upper()
    _check_urn(refusal, placement_type=next_placement, urn=next_urn)
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
        placement_postcode=current.placement_postcode if placement_postcode is None else placement_postcode,
        urn=next_urn,
    )
    return save_checked(episode, by=by)


@service
def cla_period_end(
    *, by, child: Child, end_date: date, reason_ceased: str, destination: str = "", today: date | None = None
) -> CarePeriod:
    """The child stops being looked after: the open episode ends with the reason (REC), and so does the period."""
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
    period.destination = destination.strip()
    return save_checked(period, by=by)


# From a return: the records an SSDA903 import built, checked by the same rules as the forms above -------------


@service
def care_period_from_return(*, by, record: CarePeriod, today: date | None = None) -> CarePeriod:
    """A period of care (new, or its end filled in) as an SSDA903 return has it."""
    today = today or local_today()
    refusal = Refusal()
    _check_period_start(refusal, child=record.child, start_date=record.start_date, today=today)
    refusal.not_in_future("end_date", record.end_date, "Date ceased to be looked after", today=today)
    refusal.raise_if_any()
    return save_checked(record, by=by)


@service
def care_episode_from_return(*, by, record: CareEpisode, today: date | None = None) -> CareEpisode:
    """An episode of care (new, or blanks filled in) as an SSDA903 return has it: the placement rules of the forms."""
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("start_date", record.start_date, "Date of the change", today=today)
    refusal.not_in_future("end_date", record.end_date, "Date ceased", today=today)
    _check_placement(
        refusal,
        start_date=record.start_date,
        placement_type=record.placement_type,
        placement_provider=record.placement_provider,
    )
    refusal.raise_if_any()
    return save_checked(record, by=by)


@service
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


# SSDA903 OC2 items ----------------------------------------------------------------------------------------------

SDQ_AGES = range(4, 17)  # a carer's SDQ is for children aged 4 to 16
CRIMINAL_RESPONSIBILITY_AGE = 10


def _period_on(child: Child, day: date) -> CarePeriod | None:
    """The period of care the child was in on `day`, if any."""
    period = CarePeriod.objects.filter(child=child, start_date__lte=day).order_by("-start_date").first()
    if period is None or (period.end_date is not None and period.end_date < day):
        return None
    return period


def _dated(refusal: Refusal, child: Child, field: str, day: date, label: str, today: date) -> None:
    refusal.not_in_future(field, day, label, today=today)
    refusal.not_before(field, day, child.date_of_birth, label, "the date of birth")


@service
def sdq_record(
    *,
    by,
    child: Child,
    completed_on: date,
    score: int | None = None,
    reason_no_score: str = "",
    today: date | None = None,
) -> StrengthsAndDifficulties:
    """A Strengths and Difficulties Questionnaire: its total score, or the reason there is none (SDQ1-SDQ5)."""
    today = today or local_today()
    refusal = Refusal()
    _dated(refusal, child, "completed_on", completed_on, "Date of the SDQ", today)
    if (score is None) == (not reason_no_score):
        refusal.add("score", "Enter either the score or the reason there is no score, not both")
    if score is not None and not 0 <= score <= 40:
        refusal.add("score", "An SDQ total score is from 0 to 40")
    if reason_no_score:
        refusal.code("reason_no_score", reason_no_score, codes.SDQ_REASON.codes, "Reason for no SDQ score")
    age = child.age_on(completed_on)
    if score is not None and age is not None and age not in SDQ_AGES:
        refusal.add("score", "A carer's SDQ is for children aged 4 to 16: record SDQ1 for a child outside those ages")
    refusal.raise_if_any()
    return save_checked(
        StrengthsAndDifficulties(child=child, completed_on=completed_on, score=score, reason_no_score=reason_no_score),
        by=by,
    )


@service
def immunisation_check_record(
    *, by, child: Child, checked_on: date, up_to_date: bool, today: date | None = None
) -> ImmunisationCheck:
    today = today or local_today()
    refusal = Refusal()
    _dated(refusal, child, "checked_on", checked_on, "Date checked", today)
    refusal.raise_if_any()
    return save_checked(ImmunisationCheck(child=child, checked_on=checked_on, up_to_date=up_to_date), by=by)


@service
def substance_misuse_record(
    *,
    by,
    child: Child,
    identified_on: date,
    intervention_offered: bool | None = None,
    intervention_received: bool | None = None,
    today: date | None = None,
) -> SubstanceMisuse:
    """A substance misuse problem identified; an intervention received was also offered (903 rules 158, 159)."""
    today = today or local_today()
    refusal = Refusal()
    _dated(refusal, child, "identified_on", identified_on, "Date identified", today)
    if intervention_received and intervention_offered is False:
        refusal.add("intervention_offered", "An intervention the child received was offered to them")
    refusal.raise_if_any()
    if intervention_received:
        intervention_offered = True
    return save_checked(
        SubstanceMisuse(
            child=child,
            identified_on=identified_on,
            intervention_offered=intervention_offered,
            intervention_received=intervention_received,
        ),
        by=by,
    )


@service
def conviction_record(
    *, by, child: Child, convicted_on: date, offence: str = "", today: date | None = None
) -> Conviction:
    today = today or local_today()
    refusal = Refusal()
    _dated(refusal, child, "convicted_on", convicted_on, "Date of the conviction", today)
    age = child.age_on(convicted_on)
    if age is not None and age < CRIMINAL_RESPONSIBILITY_AGE:
        refusal.add("convicted_on", "A child under 10 cannot be convicted (the age of criminal responsibility)")
    refusal.raise_if_any()
    return save_checked(Conviction(child=child, convicted_on=convicted_on, offence=offence.strip()), by=by)


# Adoption ------------------------------------------------------------------------------------------------------


def _check_adopters(refusal: Refusal, *, number_of_adopters: int | None, sex: str, legal_status: str) -> None:
    """The adopters' sex goes with their legal status and their number (checked where both are known)."""
    allowed = codes.ADOPTER_SEXES_BY_LEGAL_STATUS.get(legal_status, ())
    if sex in codes.ADOPTER_SEX and legal_status in codes.ADOPTER_LEGAL_STATUS and sex not in allowed:
        refusal.add("sex", f"Legal status {legal_status} goes with {' or '.join(allowed)}, not {sex}")
    if number_of_adopters in (1, 2) and sex in codes.ADOPTER_SEX and (number_of_adopters == 1) != (sex in ("M1", "F1")):
        refusal.add("number_of_adopters", f"{sex} is {'one adopter' if sex in ('M1', 'F1') else 'a couple'}")


@service
def adopters_register(
    *,
    by,
    reference: str,
    number_of_adopters: int,
    sex: str,
    legal_status: str,
    fostering_for_adoption: bool = False,
    enquiry_on: date | None = None,
    application_on: date | None = None,
    approved_on: date | None = None,
    today: date | None = None,
) -> Adopters:
    """Prospective adopters: one adopter (M1 or F1, single) or a couple whose sexes fit their legal status."""
    today = today or local_today()
    refusal = Refusal()
    reference = reference.strip()
    if not reference:
        refusal.add("reference", "Enter the adopters' reference")
    elif Adopters.objects.filter(reference=reference).exists():
        refusal.add("reference", f"Adopters {reference} are already registered")
    if number_of_adopters not in (1, 2):
        refusal.add("number_of_adopters", "The number of adopters is 1 or 2")
    refusal.code("sex", sex, codes.ADOPTER_SEX.codes, "Sex of adopters")
    refusal.code("legal_status", legal_status, codes.ADOPTER_LEGAL_STATUS.codes, "Legal status of adopters")
    _check_adopters(refusal, number_of_adopters=number_of_adopters, sex=sex, legal_status=legal_status)
    for field, day, label in (
        ("enquiry_on", enquiry_on, "Date of enquiry"),
        ("application_on", application_on, "Date of application"),
        ("approved_on", approved_on, "Date approved"),
    ):
        refusal.not_in_future(field, day, label, today=today)
    refusal.not_before("application_on", application_on, enquiry_on, "Date of application", "the enquiry")
    refusal.not_before("approved_on", approved_on, application_on, "Date approved", "the application")
    refusal.raise_if_any()
    return save_checked(
        Adopters(
            reference=reference,
            number_of_adopters=number_of_adopters,
            sex=sex,
            legal_status=legal_status,
            fostering_for_adoption=fostering_for_adoption,
            enquiry_on=enquiry_on,
            application_on=application_on,
            approved_on=approved_on,
        ),
        by=by,
    )


@service
def adoption_decision_record(*, by, child: Child, decided_on: date, today: date | None = None) -> AdoptionDecision:
    """The agency decision that a looked-after child should be placed for adoption (SSDA903 DATE_PLACED)."""
    today = today or local_today()
    refusal = Refusal()
    period = _check_decision(refusal, child=child, decided_on=decided_on, in_force=True, today=today)
    refusal.raise_if_any()
    return save_checked(AdoptionDecision(child=child, period=period, decided_on=decided_on), by=by)


def _check_decision(
    refusal: Refusal, *, child: Child, decided_on: date, in_force: bool, today: date
) -> CarePeriod | None:
    """A new decision: the period of care it is made in (the child was looked after that day), and no other decision
    in force when this one is (`in_force`: not reversed)."""
    _dated(refusal, child, "decided_on", decided_on, "Date of the decision", today)
    period = _period_on(child, decided_on)
    if period is None:
        refusal.add("decided_on", "The child was not looked after on that date")
    # In force: not reversed, in a period of care that has not ended (a child adopted and later looked after again
    # may need a new decision, so this is the service's check, not a database constraint).
    others = AdoptionDecision.objects.select_for_update().filter(
        child=child, reversed_on__isnull=True, period__end_date__isnull=True
    )
    if in_force and others.exists():
        refusal.add("decided_on", "A decision to place this child for adoption is already in force")
    return period


def _check_matched_on(refusal: Refusal, decision: AdoptionDecision, matched_on: date | None, today: date) -> None:
    refusal.not_in_future("matched_on", matched_on, "Date matched", today=today)
    refusal.not_before("matched_on", matched_on, decision.decided_on, "Date matched", "the decision")


def _check_reversed_on(
    refusal: Refusal, decision: AdoptionDecision, reversed_on: date | None, reason: str, today: date
) -> None:
    refusal.not_in_future("reversed_on", reversed_on, "Date of the decision", today=today)
    refusal.not_before("reversed_on", reversed_on, decision.decided_on, "Date of the decision", "the decision")
    refusal.code("reason", reason, codes.REASON_PLACED_CEASED.codes, "Reason")


@service
def adoption_match(
    *, by, decision: AdoptionDecision, adopters: Adopters, matched_on: date, today: date | None = None
) -> AdoptionDecision:
    """The child is matched with approved adopters (SSDA903 DATE_MATCH and the AD1 adopter items)."""
    today = today or local_today()
    refusal = Refusal()
    decision = AdoptionDecision.objects.select_for_update().get(pk=decision.pk)
    _check_matched_on(refusal, decision, matched_on, today)
    if decision.reversed_on is not None:
        refusal.add("matched_on", "The decision that this child should be placed for adoption was reversed")
    if adopters.approved_on is None or adopters.approved_on > matched_on:
        refusal.add("adopters", f"Adopters {adopters.reference} were not approved by {matched_on:%d/%m/%Y}")
    refusal.raise_if_any()
    decision.adopters, decision.matched_on = adopters, matched_on
    return save_checked(decision, by=by)


@service
def adoption_decision_reverse(
    *, by, decision: AdoptionDecision, reversed_on: date, reason: str, today: date | None = None
) -> AdoptionDecision:
    """The child should no longer be placed for adoption (DATE_PLACED_CEASED, REASON_PLACED_CEASED)."""
    today = today or local_today()
    refusal = Refusal()
    decision = AdoptionDecision.objects.select_for_update().get(pk=decision.pk)
    _check_reversed_on(refusal, decision, reversed_on, reason, today)
    if decision.reversed_on is not None:
        refusal.add("reversed_on", f"The decision was already reversed on {decision.reversed_on:%d/%m/%Y}")
    adopted = decision.period.episodes.filter(reason_ceased__in=("E11", "E12")).exists()
    if adopted:
        refusal.add("reversed_on", "The child has been adopted")
    refusal.raise_if_any()
    decision.reversed_on, decision.reversed_reason = reversed_on, reason
    return save_checked(decision, by=by)


@service
def adopters_from_return(*, by, record: Adopters) -> Adopters:
    """Adopters as an SSDA903 AD1 row has them (new, or blanks filled in): the register's rules for what is known."""
    refusal = Refusal()
    _check_adopters(
        refusal, number_of_adopters=record.number_of_adopters, sex=record.sex, legal_status=record.legal_status
    )
    refusal.raise_if_any()
    return save_checked(record, by=by)


@service
def adoption_decision_from_return(*, by, record: AdoptionDecision, today: date | None = None) -> AdoptionDecision:
    """A decision as an SSDA903 return has it, with its match and reversal (new, or blanks filled in): the rules
    of the decision, match and reversal forms; a new decision goes in the period of care that covers its date."""
    today = today or local_today()
    refusal = Refusal()
    if record.pk is None:
        record.period = _check_decision(
            refusal,
            child=record.child,
            decided_on=record.decided_on,
            in_force=record.reversed_on is None,
            today=today,
        )
    _check_matched_on(refusal, record, record.matched_on, today)
    if record.reversed_on is not None or record.reversed_reason:
        _check_reversed_on(refusal, record, record.reversed_on, record.reversed_reason, today)
    refusal.raise_if_any()
    return save_checked(record, by=by)
