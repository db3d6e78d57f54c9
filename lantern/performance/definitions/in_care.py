"""Children in care, care leavers and missing children (SSDA903 definitions)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from lantern.care.models import CareEpisode
from lantern.core import codes
from lantern.core.models import AuthoritySettings
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.missing.models import MissingEpisode
from lantern.performance.measures import Context, Item, Measure, PeriodKind, Polarity, Result, Unit
from lantern.timescales.rules.missing import RETURN_INTERVIEW
from lantern.workingdays.calendar import add_months

SSDA903_GUIDE = "DfE, Children looked after return (SSDA903) 2025 to 2026: guide; Children looked after in England"
# Looked after under a series of short breaks: not counted among children looked after on a date (SSDA903).
SHORT_BREAKS = {"V3", "V4"}
EET = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"}


def _looked_after_at(ctx: Context):
    """Children looked after on the as-of date, not under short breaks: their episode open on that day."""
    return ctx.scoped(
        CareEpisode.objects.filter(Q(end_date__isnull=True) | Q(end_date__gt=ctx.as_of), start_date__lte=ctx.as_of)
    ).exclude(legal_status__in=SHORT_BREAKS)


def cla_rate(ctx: Context) -> Result:
    children = sorted(set(_looked_after_at(ctx).values_list("child_id", flat=True)))
    items = [Item(c, "Looked after", ctx.as_of, True) for c in children]
    return Result(numerator=len(items), denominator=ctx.population, items=items, scale=10_000)


def placements_in_year(episodes: list[tuple], start) -> int:
    """Placements in the year from a child's episodes (start, end, RNE) touching it: the one held when the year
    began, and each new placement (RNE S, P, T, B or U) started in it."""
    held_at_start = any(begun < start for begun, _end, _reason in episodes)
    started = sum(1 for begun, _end, reason in episodes if begun >= start and reason in codes.NEW_PLACEMENT_REASONS)
    return int(held_at_start) + started


def cla_three_placements(ctx: Context) -> Result:
    children = set(_looked_after_at(ctx).values_list("child_id", flat=True))
    start = ctx.period.start
    episodes: dict[int, list] = {}
    for child, begun, end, reason in CareEpisode.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start), child_id__in=children, start_date__lte=ctx.as_of
    ).values_list("child_id", "start_date", "end_date", "reason_new_episode"):
        episodes.setdefault(child, []).append((begun, end, reason))
    return Result.of(
        [
            Item(c, "Looked after", ctx.as_of, placements_in_year(episodes.get(c, []), start) >= 3)
            for c in sorted(children)
        ]
    )


def cla_out_of_area(ctx: Context) -> Result:
    districts = {d.strip().upper() for d in AuthoritySettings.current().postcode_areas.split(",") if d.strip()}
    items = []
    for child, postcode in _looked_after_at(ctx).values_list("child_id", "placement_postcode"):
        district = postcode.upper().split(" ")[0] if postcode else ""
        items.append(Item(child, "Looked after", ctx.as_of, bool(district) and district not in districts))
    return Result.of(items)


def _care_leavers_aged(ctx: Context, youngest: int, oldest: int) -> dict[int, object]:
    """Care leavers (relevant or former relevant) aged youngest to oldest on the as-of date: child -> latest
    contact on or before it (None if none)."""
    born_after = add_months(ctx.as_of, -12 * (oldest + 1))
    born_by = add_months(ctx.as_of, -12 * youngest)
    leavers = ctx.scoped(
        CareLeaver.objects.filter(
            eligible_from__lte=ctx.as_of,
            child__date_of_birth__gt=born_after,
            child__date_of_birth__lte=born_by,
            eligibility__in=["RELEVANT", "FORMER_RELEVANT"],
        )
    ).values_list("child_id", flat=True)
    latest: dict[int, object] = dict.fromkeys(leavers)
    for contact in CareLeaverContact.objects.filter(child_id__in=list(latest), contact_date__lte=ctx.as_of).order_by(
        "child_id", "contact_date"
    ):
        latest[contact.child_id] = contact
    return latest


def _leaver_measure(youngest: int, oldest: int, test):
    def compute(ctx: Context) -> Result:
        latest = _care_leavers_aged(ctx, youngest, oldest)
        return Result.of(
            [Item(c, "Care leaver", ctx.as_of, contact is not None and test(contact)) for c, contact in latest.items()]
        )

    return compute


def return_interviews_in_72h(ctx: Context) -> Result:
    day_after = ctx.as_of + timedelta(days=1)
    items = []
    for child, returned, interviewed in ctx.scoped(
        MissingEpisode.objects.filter(returned_at__date__range=(ctx.period.start, ctx.period.end))
    ).values_list("child_id", "returned_at", "return_interview_at"):
        due = ctx.due(RETURN_INTERVIEW, returned)
        if interviewed is not None and timezone.localdate(interviewed) >= day_after:
            interviewed = None  # after the as-of day: as the record stood then, not yet
        if interviewed is None and timezone.localdate(due) >= day_after:
            continue  # its 72 hours have not run out yet
        on_time = interviewed is not None and interviewed <= due
        items.append(Item(child, "Returned from missing", timezone.localdate(returned), on_time))
    return Result.of(items)


MEASURES = [
    Measure(
        id="cla_per_10000",
        title="Children in care per 10,000",
        section="children_in_care",
        counts="children aged 0 to 17 in the authority (the council's population setting)",
        numerator_is="children looked after on the as-of date (not under short breaks)",
        period=PeriodKind.AS_AT,
        polarity=Polarity.LOWER,
        unit=Unit.PER_10000,
        definition="Children looked after on the date, excluding a series of short breaks (LS V3, V4), per "
        "10,000 children aged 0 to 17",
        source=SSDA903_GUIDE,
        compute=cla_rate,
    ),
    Measure(
        id="cla_3plus_placements",
        title="Children in care with 3 or more placements in the year",
        section="children_in_care",
        counts="children looked after on the as-of date",
        numerator_is="had 3 or more placements in the year ending on it",
        period=PeriodKind.YEAR,
        polarity=Polarity.LOWER,
        target=0.10,
        tolerance=0.02,
        definition="Children looked after on the as-of date with 3 or more placements in the year ending on it: "
        "the placement held when the year began and each new placement (RNE S, P, T, B, U) started in it",
        source=f"{SSDA903_GUIDE}: placement stability, 'three or more placements during the year'",
        compute=cla_three_placements,
    ),
    Measure(
        id="cla_placed_out_of_area",
        title="Children in care placed outside the authority",
        section="children_in_care",
        counts="children looked after on the as-of date",
        numerator_is="placed at a postcode outside the authority's districts (PL_POST)",
        period=PeriodKind.AS_AT,
        polarity=Polarity.LOWER,
        definition="Children looked after whose placement postcode district is not one of the authority's "
        "postcode districts (authority settings). Distance (over 20 miles) needs postcode locations, not held",
        source=SSDA903_GUIDE,
        compute=cla_out_of_area,
    ),
]

for _youngest, _oldest, _national in ((19, 21, True), (17, 18, False)):
    _ages = f"{_youngest}_{_oldest}"
    MEASURES += [
        Measure(
            id=f"care_leavers_{_ages}_in_touch",
            title=f"Care leavers aged {_youngest} to {_oldest} in touch",
            section="care_leavers",
            counts=f"relevant and former relevant care leavers aged {_youngest} to {_oldest}",
            numerator_is="in touch at their latest contact (IN_TOUCH YES)",
            period=PeriodKind.AS_AT,
            polarity=Polarity.HIGHER,
            target=0.91 if _national else None,
            definition="Care leavers whose latest contact on or before the date recorded them in touch",
            source=f"{SSDA903_GUIDE} (OC3 IN_TOUCH)",
            compute=_leaver_measure(_youngest, _oldest, lambda c: c.in_touch == "YES"),
        ),
        Measure(
            id=f"care_leavers_{_ages}_suitable_accommodation",
            title=f"Care leavers aged {_youngest} to {_oldest} in suitable accommodation",
            section="care_leavers",
            counts=f"relevant and former relevant care leavers aged {_youngest} to {_oldest}",
            numerator_is="accommodation recorded as suitable at their latest contact (ACCOM ending 1)",
            period=PeriodKind.AS_AT,
            polarity=Polarity.HIGHER,
            target=0.88 if _national else None,
            definition="Care leavers whose latest contact on or before the date recorded suitable accommodation",
            source=f"{SSDA903_GUIDE} (OC3 ACCOM)",
            compute=_leaver_measure(_youngest, _oldest, lambda c: c.accommodation_suitable is True),
        ),
        Measure(
            id=f"care_leavers_{_ages}_eet",
            title=f"Care leavers aged {_youngest} to {_oldest} in education, employment or training",
            section="care_leavers",
            counts=f"relevant and former relevant care leavers aged {_youngest} to {_oldest}",
            numerator_is="in education, employment or training at their latest contact (ACTIV F1 to P5)",
            period=PeriodKind.AS_AT,
            polarity=Polarity.HIGHER,
            target=0.56 if _national else None,
            definition="Care leavers whose latest contact on or before the date recorded them in education, "
            "employment or training",
            source=f"{SSDA903_GUIDE} (OC3 ACTIV)",
            compute=_leaver_measure(_youngest, _oldest, lambda c: c.activity in EET),
        ),
    ]

MEASURES.append(
    Measure(
        id="missing_return_interviews_within_72h",
        title="Return home interviews within 72 hours",
        section="missing",
        counts="returns from a missing episode in the month whose 72 hours have passed or that had an interview",
        numerator_is="interviewed within 72 hours of coming back",
        period=PeriodKind.MONTH,
        polarity=Polarity.HIGHER,
        target=0.9,
        definition="Missing episodes ended (MIS_END) in the period with the return interview held by the return "
        "interview clock's due date (Rule.due, 72 hours from the return)",
        source=RETURN_INTERVIEW.source,
        compute=return_interviews_in_72h,
    )
)
