"""The improvement plan after the inspection: 33 actions over the five themes, most judged by a measure of the
performance pack (a baseline six months ago, a target by the due date), the rest RAG'd by hand with a reason, and
six months of RAG history. Replaces any plan already there (the demo's plan is the only one)."""

from datetime import date, timedelta

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.improvement.models import Action, Milestone, RagSnapshot, Status
from lantern.improvement.services import snapshot_rags, themes_ensure
from lantern.performance.definitions import MEASURES
from lantern.performance.measures import Polarity, Unit
from lantern.performance.selectors import Basics, evaluate
from lantern.workingdays.calendar import add_months

HISTORY_MONTHS = 6
# (theme key, action, the recommendation it answers, measure id or "" (RAG by hand), owner role, months to due)
PLAN: list[tuple[str, str, str, str, Role, int]] = [
    ("quality_of_practice", "Assessments completed within 45 working days, with the child seen and their views "
     "recorded", "Improve the timeliness and quality of assessments", "assessments_within_45_wd",
     Role.SERVICE_MANAGER, 6),
    ("quality_of_practice", "Strategy discussions held within one working day of the threshold decision",
     "Ensure a timely multi-agency response to children at risk of harm", "strategy_discussions_within_1_wd",
     Role.SERVICE_MANAGER, 4),
    ("quality_of_practice", "Initial child protection conferences within 15 working days",
     "Ensure a timely multi-agency response to children at risk of harm", "icpc_within_15_wd", Role.SERVICE_MANAGER,
     6),
    ("quality_of_practice", "Reduce repeat child protection plans through a review of step-down decisions",
     "Strengthen planning so that children's circumstances improve and stay improved", "cp_plans_second_or_later",
     Role.SERVICE_MANAGER, 9),
    ("quality_of_practice", "No child on a plan for over two years without a legal planning meeting",
     "Reduce drift and delay for children on plans", "cp_plans_lasting_2y", Role.SERVICE_MANAGER, 9),
    ("quality_of_practice", "Placement stability meetings after a second move in 12 months",
     "Improve the stability of children in care", "cla_3plus_placements", Role.SERVICE_MANAGER, 12),
    ("quality_of_practice", "Return home interviews offered within 72 hours of every missing episode",
     "Understand and reduce the risks to children who go missing", "missing_return_interviews_within_72h",
     Role.SERVICE_MANAGER, 5),
    ("quality_of_practice", "Plans written with families, in plain words, with clear timescales",
     "Improve the quality of plans", "", Role.QA, 6),
    ("workforce", "Bring the average social worker caseload to 17 or fewer",
     "Leaders need an accurate view of the impact of high workloads on their staff", "caseload_average",
     Role.DIRECTOR, 12),
    ("workforce", "Recruit to vacant front-line posts and cut agency use", "Reduce vacancy rates in front-line teams",
     "", Role.DIRECTOR, 12),
    ("workforce", "Supervision records that show reflection and managerial challenge",
     "Improve the quality of written supervision records", "", Role.SERVICE_MANAGER, 6),
    ("workforce", "An academy for newly qualified social workers in their first year",
     "Support and retain newly qualified staff", "", Role.SERVICE_MANAGER, 9),
    ("workforce", "Career pathway and retention offer for experienced social workers",
     "Reduce turnover in front-line teams", "", Role.DIRECTOR, 12),
    ("workforce", "Team managers' training in oversight and challenge", "Strengthen management oversight", "",
     Role.SERVICE_MANAGER, 6),
    ("workforce", "A workload tool used in every allocation decision",
     "Leaders need an accurate view of the impact of high workloads on their staff", "", Role.SERVICE_MANAGER, 4),
    ("strategic_leadership", "A self-evaluation based on a systematic analysis of practice and performance",
     "The improvement plan must be based on a systematic analysis", "", Role.DIRECTOR, 3),
    ("strategic_leadership", "Monthly improvement board with an independent chair",
     "Strengthen the oversight of improvement", "", Role.DIRECTOR, 2),
    ("strategic_leadership", "Corporate parenting board hears from children in care every quarter",
     "Strengthen corporate parenting", "care_leavers_19_21_in_touch", Role.DIRECTOR, 12),
    ("strategic_leadership", "Sufficiency strategy: more local placements", "Improve placement sufficiency",
     "cla_placed_out_of_area", Role.DIRECTOR, 18),
    ("strategic_leadership", "Members' scrutiny of performance each quarter", "Strengthen political oversight", "",
     Role.DIRECTOR, 6),
    ("strategic_leadership", "Care leavers in suitable accommodation: a joint housing protocol",
     "Improve the support for care leavers", "care_leavers_19_21_suitable_accommodation", Role.DIRECTOR, 12),
    ("quality_assurance", "Case audits graded good or better, moderated",
     "Further close the feedback and action loop following audit activity", "audits_good_or_better", Role.QA, 12),
    ("quality_assurance", "Moderation of first-line audits to close the gap between auditors",
     "Address the disparity between auditors about what good practice looks like", "audits_lowered_by_moderation",
     Role.QA, 9),
    ("quality_assurance", "Audit actions tracked to completion and reported to the board",
     "Further close the feedback and action loop following audit activity", "", Role.QA, 6),
    ("quality_assurance", "A weekly performance pack for every manager", "Strengthen performance management", "",
     Role.ANALYST, 2),
    ("quality_assurance", "Contact decisions within 24 hours at the front door",
     "Ensure timely decisions at the front door", "contact_decisions_within_24h", Role.ANALYST, 4),
    ("quality_assurance", "Re-referrals within 12 months reviewed monthly",
     "Understand why children return to the service", "referrals_re_referred_12m", Role.ANALYST, 9),
    ("quality_assurance", "Practice learning reviews shared with every team", "Learn from practice", "", Role.QA, 6),
    ("partnerships", "Multi-agency audits with health, police and education",
     "Strengthen multi-agency quality assurance", "", Role.QA, 6),
    ("partnerships", "Education, employment or training for care leavers with the virtual school and employers",
     "Improve outcomes for care leavers", "care_leavers_19_21_eet", Role.DIRECTOR, 12),
    ("partnerships", "Information sharing agreement under the duty to share", "Improve information sharing", "",
     Role.SERVICE_MANAGER, 3),
    ("partnerships", "A joint exploitation panel with the police", "Understand and reduce exploitation", "",
     Role.SERVICE_MANAGER, 6),
    ("partnerships", "Early help offer agreed with schools", "Strengthen early help", "", Role.SERVICE_MANAGER, 9),
]  # fmt: skip
HAND_RAGS = ["amber", "green", "red", "amber", "green"]
PREFIX = {"quality_of_practice": "QP", "workforce": "WF", "strategic_leadership": "SL", "quality_assurance": "QA",
          "partnerships": "PA"}  # fmt: skip


def _target(measure_id: str, baseline: float | None) -> float | None:
    """Better than the baseline by about a fifth of the way to perfect, within the measure's range."""
    measure = MEASURES[measure_id]
    if baseline is None:
        return measure.target if measure.target is not None else (0.8 if measure.unit is Unit.FRACTION else None)
    if measure.unit is Unit.FRACTION:
        best = 1.0 if measure.polarity is Polarity.HIGHER else 0.0
        return round(baseline + (best - baseline) * 0.2, 3)
    return round(baseline * (0.85 if measure.polarity is Polarity.LOWER else 1.15), 1)


def write_improvement_plan(users: dict[str, User], today: date) -> int:
    """The plan, its baselines from the record six months ago, and a RAG for each of the last six months."""
    Action.objects.all().delete()
    themes = {t.key: t for t in themes_ensure()}
    start = add_months(today, -HISTORY_MONTHS)
    basics = Basics.read()
    ids = sorted({m for *_, m, _, _ in PLAN if m})
    baselines = {m: evaluate(MEASURES[m], start, basics=basics)[1].value for m in ids}
    counts: dict[str, int] = {}
    hand = 0
    for n, (key, text, recommendation, measure_id, role, months) in enumerate(PLAN):
        counts[key] = counts.get(key, 0) + 1
        owner = users.get(role.value)
        baseline = baselines.get(measure_id) if measure_id else None
        due = add_months(start, months + HISTORY_MONTHS // 2)
        action = Action(
            theme=themes[key], ref=f"{PREFIX[key]}{counts[key]}", text=text, recommendation=recommendation,
            owner=owner, owner_name=owner.get_full_name() if owner else "", start_date=start, due_date=due,
            status=Status.COMPLETE if n % 11 == 4 else Status.IN_PROGRESS, measure_id=measure_id,
            baseline=baseline, target=_target(measure_id, baseline) if measure_id else None,
        )  # fmt: skip
        if not measure_id:
            action.manual_rag = HAND_RAGS[hand % len(HAND_RAGS)]
            action.manual_rag_reason = "Judged at the improvement board from the milestones met so far"
            action.manual_rag_on = today
            hand += 1
        action.save()
        Milestone(action=action, text="Plan agreed at the improvement board", due_date=start + timedelta(days=28),
                  done_on=start + timedelta(days=30)).save()  # fmt: skip
        Milestone(action=action, text="Progress reviewed with the owner", due_date=add_months(due, -1)).save()
    # The last day of each of the five months before this one, then today.
    for back in range(HISTORY_MONTHS - 1, 0, -1):
        snapshot_rags(as_of=add_months(today.replace(day=1), 1 - back) - timedelta(days=1))
    snapshot_rags(as_of=today)
    return RagSnapshot.objects.count()
