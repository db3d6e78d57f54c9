"""Checks a generated authority must pass: every model's own validation, and the domain rules."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Min, Q

from lantern.care.models import (
    AdoptionDecision,
    CareEpisode,
    CarePeriod,
    DentalCheck,
    HealthAssessment,
    PermanencePlan,
    PersonalEducationPlan,
)
from lantern.core.models import AuthoritySettings
from lantern.demo.writer import RECORD_ORDER
from lantern.journey.models import Assessment, CINPlan, CPPlan, Referral
from lantern.leaving_care.models import PathwayPlan, PathwayPlanReview
from lantern.people.models import Child
from lantern.workforce.models import Allocation, Service, Supervision, Team, Worker

DATE_FIELDS_AFTER_TODAY_EXEMPT = {("people_child", "expected_date_of_birth")}


def full_clean_failures(limit: int = 50) -> list[str]:
    failures = []
    for model in [AuthoritySettings, Service, Team, Worker, Supervision, *RECORD_ORDER]:
        for obj in model.objects.all().iterator(chunk_size=2000):
            try:
                obj.full_clean()
            except ValidationError as error:
                failures.append(f"{model.__name__} {obj.pk}: {error.message_dict}")
                if len(failures) >= limit:
                    return failures
    return failures


def dates_after(today) -> list[str]:
    """Date and date-time fields after today (an unborn child's expected date excepted)."""
    problems = []
    for model in [Worker, Supervision, *RECORD_ORDER]:
        for field in model._meta.concrete_fields:
            kind = field.get_internal_type()
            if kind not in ("DateField", "DateTimeField") or field.name in ("created_at", "updated_at"):
                continue
            if (model._meta.db_table, field.name) in DATE_FIELDS_AFTER_TODAY_EXEMPT:
                continue
            lookup = f"{field.name}__date__gt" if kind == "DateTimeField" else f"{field.name}__gt"
            n = model.objects.filter(**{lookup: today}).count()
            if n:
                problems.append(f"{model.__name__}.{field.name}: {n} after {today}")
    return problems


def overlapping(intervals) -> bool:
    """Half-open overlap: a hand-over on the same day is not an overlap."""
    spans = sorted(intervals, key=lambda span: span[0])
    return any(e1 is None or s2 < e1 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))


def domain_failures(today) -> list[str]:
    problems = dates_after(today)
    for model, name in [
        (Referral, "closure_date"),
        (CPPlan, "end_date"),
        (CINPlan, "end_date"),
        (CarePeriod, "end_date"),
        (CareEpisode, "end_date"),
    ]:
        many = model.objects.filter(**{f"{name}__isnull": True}).values("child").annotate(n=Count("id")).filter(n__gt=1)
        if many.exists():
            problems.append(f"{model.__name__}: {many.count()} children with more than one open")
    # Episodes in a period are contiguous: each next DECOM is the previous DEC, with REC X1, except the last.
    episodes = defaultdict(list)
    for e in CareEpisode.objects.order_by("period_id", "start_date").values_list(
        "period_id", "start_date", "end_date", "reason_ceased", "reason_new_episode"
    ):
        episodes[e[0]].append(e[1:])
    periods = {p.pk: p for p in CarePeriod.objects.all()}
    for period_id, eps in episodes.items():
        period = periods[period_id]
        if eps[0][0] != period.start_date or eps[0][3] != "S":
            problems.append(f"period {period_id}: first episode is not the period start with RNE S")
        for (_, e1, rec1, _), (s2, _, _, rne2) in zip(eps, eps[1:], strict=False):
            if e1 != s2 or rec1 != "X1" or rne2 == "S":
                problems.append(f"period {period_id}: episodes not contiguous at {s2}")
        if eps[-1][1] != period.end_date or eps[-1][2] == "X1":
            problems.append(f"period {period_id}: last episode does not end the period")
    # A CP plan and a CIN plan are never open at once.
    plans = defaultdict(lambda: ([], []))
    for child, s, e in CPPlan.objects.values_list("child", "start_date", "end_date"):
        plans[child][0].append((s, e))
    for child, s, e in CINPlan.objects.values_list("child", "start_date", "end_date"):
        plans[child][1].append((s, e))
    for child, (cps, cins) in plans.items():
        for cs, ce in cps:
            for ns, ne in cins:
                if (ne is None or cs < ne) and (ce is None or ns < ce):
                    problems.append(f"child {child}: CP plan from {cs} and CIN plan from {ns} open at once")
    # Referrals, periods of care, and each kind of allocation never overlap for one child.
    for model, start, end, extra in [
        (Referral, "referral_date", "closure_date", ()),
        (CarePeriod, "start_date", "end_date", ()),
        (Allocation, "start_date", "end_date", ("role",)),
    ]:
        spans = defaultdict(list)
        for row in model.objects.values_list("child", *extra, start, end):
            spans[row[:-2]].append(row[-2:])
        bad = [key for key, items in spans.items() if overlapping(items)]
        if bad:
            problems.append(f"{model.__name__}: {len(bad)} children with overlapping spans, e.g. {bad[:3]}")
    # Born before referral, or referred at most 280 days before the expected birth.
    for r in Referral.objects.select_related("child"):
        born = r.child.date_of_birth or r.child.expected_date_of_birth
        if r.child.date_of_birth and r.referral_date < r.child.date_of_birth:
            expected = r.child.expected_date_of_birth or r.child.date_of_birth
            if (expected - r.referral_date).days > 280:
                problems.append(f"referral {r.pk} more than 280 days before birth")
        elif r.child.date_of_birth is None and (born - r.referral_date).days > 280:
            problems.append(f"referral {r.pk} more than 280 days before expected birth")
    # Closed referrals have every assessment authorised; NFA referrals have no assessment.
    n = Assessment.objects.filter(referral__closure_date__isnull=False, authorised_date__isnull=True).count()
    if n:
        problems.append(f"{n} assessments unauthorised on closed referrals")
    if Assessment.objects.filter(referral__referral_nfa=True).exists():
        problems.append("assessments on NFA referrals")
    # Allocations within the worker's employment; open allocations only with current workers.
    bad = Allocation.objects.filter(
        Q(start_date__lt=F("worker__start_date"))
        | Q(end_date__gt=F("worker__end_date"))
        | Q(end_date__isnull=True, worker__end_date__isnull=False)
    ).count()
    if bad:
        problems.append(f"{bad} allocations outside the worker's employment")
    if Child.objects.filter(date_of_birth__isnull=True, upn_unknown="").exists():
        problems.append("unborn children without UN6")
    problems += care_work_failures()
    return problems


def care_work_failures() -> list[str]:
    """Health, education and permanence work inside a period of care; pathway plans before their reviews;
    supervisions within the worker's employment."""
    problems = []
    periods = defaultdict(list)
    for p in CarePeriod.objects.all():
        periods[p.child_id].append(p)

    def inside(child_id, day) -> bool:
        return any(p.start_date <= day and (p.end_date is None or day <= p.end_date) for p in periods[child_id])

    for model, name in [
        (HealthAssessment, "assessment_date"),
        (DentalCheck, "check_date"),
        (PersonalEducationPlan, "plan_date"),
    ]:
        outside = sum(not inside(c, d) for c, d in model.objects.values_list("child_id", name))
        if outside:
            problems.append(f"{model.__name__}: {outside} outside a period of care")
    bad = PermanencePlan.objects.filter(
        Q(decided_on__lt=F("period__start_date")) | Q(decided_on__gt=F("period__end_date"))
    ).count()
    if bad:
        problems.append(f"{bad} permanence plans outside their period")
    adopted = PermanencePlan.objects.filter(period__episodes__reason_ceased__in=["E11", "E12"]).exclude(plan="ADOPTION")
    if adopted.exists():
        problems.append(f"{adopted.count()} adopted children without an adoption plan")
    starts = dict(PathwayPlan.objects.values_list("child_id", "start_date"))
    for child, first in (
        PathwayPlanReview.objects.values("child").annotate(first=Min("review_date")).values_list("child", "first")
    ):
        if child in starts and starts[child] >= first:
            problems.append(f"child {child}: pathway plan starts on or after its first review")
    if PathwayPlan.objects.values("child").annotate(n=Count("id")).filter(n__gt=1).exists():
        problems.append("more than one pathway plan for a child")
    bad = Supervision.objects.filter(
        Q(held_on__lt=F("worker__start_date")) | Q(held_on__gt=F("worker__end_date"))
    ).count()
    if bad:
        problems.append(f"{bad} supervisions outside the worker's employment")
    return problems + adoption_failures(periods)


def adoption_failures(periods) -> list[str]:
    """Each decision to place for adoption sits in its period of care, before the placement order and the adoptive
    placement, with the match in between (903 rules 1003, 331, 521, 552, 554); every adoption has its decision,
    match and adopters (601); a reversed decision ends any placement order (553)."""
    problems = []
    episodes = defaultdict(list)
    for e in CareEpisode.objects.order_by("start_date").values(
        "period_id", "start_date", "end_date", "legal_status", "placement_type", "reason_ceased"
    ):
        episodes[e["period_id"]].append(e)
    decided_periods = set()
    for d in AdoptionDecision.objects.select_related("period", "adopters"):
        decided_periods.add(d.period_id)
        run = episodes[d.period_id]
        period = d.period
        if d.decided_on < period.start_date or (period.end_date and d.decided_on > period.end_date):
            problems.append(f"decision {d.pk} outside its period of care")
        for e in run:
            if (e["legal_status"] == "E1" or e["placement_type"] in ("A3", "A4", "A5", "A6")) and e[
                "start_date"
            ] < d.decided_on:
                problems.append(f"decision {d.pk} after the placement order or the adoptive placement")
        placed = next((e["start_date"] for e in run if e["placement_type"] in ("A3", "A4", "A5", "A6")), None)
        if placed and (d.matched_on is None or d.matched_on > placed):
            problems.append(f"decision {d.pk}: placed for adoption without a match before it")
        if d.reversed_on and any(e["legal_status"] == "E1" and e["end_date"] is None for e in run):
            problems.append(f"decision {d.pk} reversed while the placement order is still in force")
        if run and run[-1]["reason_ceased"] in ("E11", "E12") and (d.adopters is None or d.matched_on is None):
            problems.append(f"decision {d.pk}: adopted without a match and adopters")
    adopted = {p for p, run in episodes.items() if run and run[-1]["reason_ceased"] in ("E11", "E12")}
    if adopted - decided_periods:
        problems.append(f"{len(adopted - decided_periods)} adoptions with no decision to place for adoption")
    return problems


def statutory_failures(today) -> list[str]:
    """Rules the CIN census and SSDA903 validators enforce that a generator can get wrong (rule numbers from
    the 2025/26 rulesets, docs/domain/statutory-data.md)."""
    from datetime import date as _date

    from lantern.core.codes import NO_PROVIDER_PLACEMENTS, NO_URN_PLACEMENTS, TEMPORARY_PLACEMENTS
    from lantern.journey.models import AssessmentFactor, ChildProtectionConference, Section47Enquiry
    from lantern.workingdays.calendar import council_calendar

    calendar = council_calendar()
    problems = []

    def flag(name: str, queryset) -> None:
        n = queryset.count()
        if n:
            problems.append(f"{name}: {n}")

    episodes = CareEpisode.objects.all()
    flag("526/178 provider blank iff temporary", episodes.filter(
        Q(placement_type__in=NO_PROVIDER_PLACEMENTS, placement_provider__gt="")
        | (~Q(placement_type__in=NO_PROVIDER_PLACEMENTS) & Q(placement_provider=""))
    ))  # fmt: skip
    flag("218/222 URN", episodes.filter(
        Q(placement_type__in=NO_URN_PLACEMENTS, urn__gt="") | (~Q(placement_type__in=NO_URN_PLACEMENTS) & Q(urn=""))
    ))  # fmt: skip
    flag("146 H5/P2/Z1 open after 1 April 2025", episodes.filter(
        Q(placement_type__in=["H5", "P2", "Z1"]) & (Q(end_date=None) | Q(end_date__gt=_date(2025, 3, 31)))
    ))  # fmt: skip
    flag("146 K3 before April 2024", episodes.filter(placement_type="K3", start_date__lt=_date(2024, 4, 1)))
    flag("392d home and placement postcode the same", episodes.exclude(placement_type="P1").filter(
        home_postcode=F("placement_postcode")
    ).exclude(home_postcode=""))  # fmt: skip
    flag("1015 own provision out of area", episodes.filter(placement_provider="PR1").exclude(
        placement_postcode__regex=r"^ME[1-57-8] "
    ))  # fmt: skip
    flag("406 UASC with a home postcode", episodes.filter(child__uasc=True).exclude(home_postcode=""))
    by_period = defaultdict(list)
    for e in episodes.order_by("period_id", "start_date"):
        by_period[e.period_id].append(e)
    for eps in by_period.values():
        for i, (before, after) in enumerate(zip(eps, eps[1:], strict=False)):
            temporary = before.placement_type in TEMPORARY_PLACEMENTS or after.placement_type in TEMPORARY_PLACEMENTS
            needs_reason = after.reason_new_episode in "PBTU" and not temporary
            if needs_reason != bool(before.reason_place_change):
                problems.append(f"225/226 reason for placement change on episode {before.pk}")
            if before.placement_type in TEMPORARY_PLACEMENTS and i > 0:
                normal = eps[i - 1]
                same = (after.placement_type, after.placement_postcode) == (
                    normal.placement_type,
                    normal.placement_postcode,
                )
                if after.reason_new_episode != "P" or not same:
                    problems.append(f"383 no return from a temporary placement after episode {before.pk}")
        last = eps[-1]
        if last.reason_ceased in ("E45", "E46") and not last.placement_type.startswith("U"):
            problems.append(f"516 SGO to former foster carers from {last.placement_type}")
    for e in episodes.filter(placement_type="K3").select_related("child"):
        if e.child.age_on(e.start_date) < 16:
            problems.append(f"371 K3 under 16 (episode {e.pk})")
    flag("232 sex U while looked after", CarePeriod.objects.filter(child__sex="U"))
    flag(
        "8525Q born child with an expected date",
        Child.objects.filter(date_of_birth__isnull=False, expected_date_of_birth__isnull=False),
    )
    flag("8750 unborn child not sex U", Child.objects.filter(date_of_birth=None).exclude(sex="U"))
    for child in Child.objects.filter(upn_unknown="UN1"):
        if child.age_on(today) is not None and child.age_on(today) >= 6:
            problems.append(f"209 UN1 for a school-age child {child.la_child_id}")
    for conference in ChildProtectionConference.objects.all():
        if not calendar.is_working_day(conference.held_on):
            problems.append(f"8875 conference on a non-working day {conference.held_on}")
    icpc_days = set(ChildProtectionConference.objects.filter(kind="initial").values_list("referral", "held_on"))
    for plan in CPPlan.objects.all():
        if (plan.referral_id, plan.start_date) not in icpc_days:
            problems.append(f"2885 CP plan {plan.pk} does not start on an ICPC")
    rc89 = Referral.objects.filter(reason_for_closure__in=["RC8", "RC9"])
    flag("2990 RC8/RC9 with an enquiry or plan", rc89.filter(
        Q(section47_enquiries__isnull=False) | Q(cp_plans__isnull=False) | Q(cin_plans__isnull=False)
    ).distinct())  # fmt: skip
    flag("8825Q RC8/RC9 without an assessment", rc89.filter(assessments__isnull=True))
    nfa = Referral.objects.filter(referral_nfa=True)
    flag("8831/4000 NFA with an assessment, enquiry or plan", nfa.filter(
        Q(assessments__isnull=False) | Q(section47_enquiries__isnull=False) | Q(cp_plans__isnull=False)
        | Q(cin_plans__isnull=False)
    ).distinct())  # fmt: skip
    flag(
        "8614 factors on an assessment not authorised",
        AssessmentFactor.objects.filter(assessment__authorised_date=None),
    )
    flag("8896 two open assessments in an episode", Assessment.objects.filter(authorised_date=None).values("referral")
         .annotate(n=Count("id")).filter(n__gt=1))  # fmt: skip
    flag("8868 closed episode with an enquiry left open", Section47Enquiry.objects.filter(
        referral__closure_date__isnull=False, icpc_not_required=False, conferences__isnull=True
    ))  # fmt: skip
    cin_plans = defaultdict(list)
    for referral, start, end in CINPlan.objects.order_by("start_date").values_list(
        "referral", "start_date", "end_date"
    ):
        cin_plans[referral].append((start, end))
    for referral, spans in cin_plans.items():
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            if end is None or start <= end:
                problems.append(f"4014 CIN plans touch or overlap in referral {referral}")
    open_cin = defaultdict(list)
    for child, start, end in CINPlan.objects.values_list("child", "start_date", "end_date"):
        open_cin[child].append((start, end))
    for child, held in ChildProtectionConference.objects.filter(kind="review").values_list("child", "held_on"):
        if any(start <= held and (end is None or held <= end) for start, end in open_cin[child]):
            problems.append(f"4003 CP review on {held} while a CIN plan is open (child {child})")
    return problems
