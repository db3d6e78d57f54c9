"""Reads that show the whole child: status, allocation, search and the chronology. Bulk queries only."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from lantern.audits.grades import Grade
from lantern.audits.models import CaseAudit
from lantern.care.chronology import care_events
from lantern.care.models import CareEpisode, CarePeriod, CLAReview
from lantern.casework.models import CaseNote, OversightDecision
from lantern.core import codes
from lantern.journey.models import (
    Assessment,
    ChildProtectionConference,
    CINPlan,
    Contact,
    CPPlan,
    EarlyHelpEpisode,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from lantern.leaving_care.models import CareLeaver, CareLeaverContact, PathwayPlanReview
from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.missing.models import MissingEpisode
from lantern.people.models import Child
from lantern.sharing.models import SharingDecision
from lantern.workforce.models import Allocation, SupervisionDiscussion

STATUS_LABELS = {
    "now_in_care": "Looked after",
    "now_cp_plan": "Child protection plan",
    "now_cin_plan": "Child in need plan",
    "now_care_leaver": "Care leaver",
    "now_open_assessment": "Open assessment",
    "now_open_referral": "Open referral",
}


def with_status(children: QuerySet[Child]) -> QuerySet[Child]:
    """Annotate each child with what is open for them now (one query for the whole list)."""
    child = OuterRef("pk")
    return children.annotate(
        now_in_care=Exists(CarePeriod.objects.filter(child=child, end_date__isnull=True)),
        now_cp_plan=Exists(CPPlan.objects.filter(child=child, end_date__isnull=True)),
        now_cin_plan=Exists(CINPlan.objects.filter(child=child, end_date__isnull=True)),
        now_care_leaver=Exists(CareLeaver.objects.filter(child=child)),
        now_open_assessment=Exists(
            Assessment.objects.filter(child=child, authorised_date__isnull=True, referral__closure_date__isnull=True)
        ),
        now_open_referral=Exists(Referral.objects.filter(child=child, closure_date__isnull=True)),
    ).prefetch_related(
        Prefetch(
            "allocations",
            queryset=Allocation.objects.filter(end_date__isnull=True).select_related("worker", "team"),
            to_attr="open_allocations",
        )
    )


def status_labels(child: Child) -> list[str]:
    """The child's current status, most significant first; a closed case says so."""
    labels = [label for key, label in STATUS_LABELS.items() if getattr(child, key, False)]
    if "Looked after" in labels or "Child protection plan" in labels or "Child in need plan" in labels:
        labels = [label for label in labels if label not in {"Open referral"}]
    return labels or ["Closed case"]


def allocated(child: Child, role: str = Allocation.Role.SOCIAL_WORKER) -> Allocation | None:
    for allocation in getattr(child, "open_allocations", []):
        if allocation.role == role:
            return allocation
    return None


_DIGITS = re.compile(r"^\d[\d ]*$")


def search_children(children: QuerySet[Child], query: str) -> QuerySet[Child]:
    """Find by LA child ID, UPN, NHS number (exact) or by name (every word must match a first or last name)."""
    query = query.strip()
    if not query:
        return children.none()
    compact = query.replace(" ", "")
    identifier = Q(la_child_id__iexact=compact) | Q(upn=compact.upper()) | Q(former_upn=compact.upper())
    if _DIGITS.match(query):
        identifier |= Q(nhs_number=compact)
    by_name = Q()
    for word in query.split()[:4]:
        by_name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return children.filter(identifier | by_name)


@dataclass(frozen=True)
class Event:
    on: date
    kind: str
    title: str
    detail: str = ""
    at: datetime | None = None
    url: str = ""  # where the whole of it is read (a case note, an oversight decision)
    corrected: datetime | None = None  # when it was last corrected (its earlier versions are kept)

    @property
    def sort_key(self) -> tuple:
        return (self.on, self.at.timetz() if self.at else datetime.min.time(), self.kind, self.title)


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)


def _d(value: date | None) -> str:
    return value.strftime("%-d %b %Y") if value else ""


# The allocations' roles as the chronology says them: "Social worker allocated", not "Allocated social worker …".
ALLOCATED = {
    Allocation.Role.SOCIAL_WORKER: "Social worker allocated",
    Allocation.Role.PERSONAL_ADVISER: "Personal adviser allocated",
    Allocation.Role.IRO: "Independent reviewing officer allocated",
}


def chronology(child: Child) -> list[Event]:
    """Every recorded event in the child's journey, oldest first (one query per kind of record, whatever the
    number of each): the page reverses it to show the newest first."""
    events: list[Event] = []
    add = events.append
    for contact in Contact.objects.filter(child=child):
        at = _local(contact.received_at)
        decision = codes.CONTACT_DECISION.label(contact.decision) if contact.decision else "awaiting decision"
        add(
            Event(
                at.date(),
                "Contact",
                "Contact received",
                f"From {codes.REFERRAL_SOURCE.label(contact.source)}; decision: {decision}",
                at,
            )
        )
    for episode in EarlyHelpEpisode.objects.filter(child=child):
        add(Event(episode.start_date, "Early help", "Early help started", episode.organisation))
        if episode.end_date:
            add(Event(episode.end_date, "Early help", "Early help ended", episode.end_reason))
    for referral in Referral.objects.filter(child=child).select_related("team"):
        need = codes.PRIMARY_NEED.label(referral.primary_need_code) if referral.primary_need_code else "not recorded"
        add(
            Event(
                referral.referral_date,
                "Referral",
                "Referral received (CIN episode opened)",
                f"Source: {codes.REFERRAL_SOURCE.label(referral.referral_source)}; primary need: {need}"
                + ("; no further action" if referral.referral_nfa else ""),
            )
        )
        if referral.closure_date:
            add(
                Event(
                    referral.closure_date,
                    "Referral",
                    "CIN episode closed",
                    codes.REASON_FOR_CLOSURE.label(referral.reason_for_closure),
                )
            )
    for assessment in Assessment.objects.filter(child=child).prefetch_related("factors"):
        add(Event(assessment.start_date, "Assessment", "Child and family assessment started"))
        if assessment.authorised_date:
            factors = ", ".join(codes.ASSESSMENT_FACTOR.label(f.code) for f in assessment.factors.all())
            add(
                Event(
                    assessment.authorised_date,
                    "Assessment",
                    "Assessment authorised",
                    f"Factors: {factors}" if factors else "",
                )
            )
    for discussion in StrategyDiscussion.objects.filter(child=child, held_on__isnull=False):
        add(
            Event(
                discussion.held_on,
                "Child protection",
                "Strategy discussion held",
                "Section 47 enquiry initiated" if discussion.initiate_s47 else "No section 47 enquiry",
            )
        )
    for enquiry in Section47Enquiry.objects.filter(child=child):
        add(
            Event(
                enquiry.start_date,
                "Child protection",
                "Section 47 enquiry started",
                "Initial conference not required" if enquiry.icpc_not_required else "",
            )
        )
    for conference in ChildProtectionConference.objects.filter(child=child):
        detail = ""
        if conference.kind == conference.Kind.INITIAL and conference.plan_made is not None:
            detail = "Child protection plan made" if conference.plan_made else "No plan made"
        add(Event(conference.held_on, "Child protection", conference.get_kind_display(), detail))
    for plan in CPPlan.objects.filter(child=child):
        add(
            Event(
                plan.start_date,
                "Child protection",
                "Child protection plan started",
                f"Category: {codes.CATEGORY_OF_ABUSE.label(plan.initial_category)}",
            )
        )
        if plan.end_date:
            add(Event(plan.end_date, "Child protection", "Child protection plan ended"))
    for plan in CINPlan.objects.filter(child=child):
        add(Event(plan.start_date, "Child in need", "Child in need plan started"))
        if plan.end_date:
            add(Event(plan.end_date, "Child in need", "Child in need plan ended"))
    for group in child.core_groups.all():
        add(Event(group.held_on, "Child protection", "Core group held"))
    for review in child.cin_plan_reviews.all():
        add(Event(review.held_on, "Child in need", "Child in need plan reviewed", review.outcome[:200]))
    for visit in Visit.objects.filter(child=child).select_related("worker"):
        seen = "seen alone" if visit.seen_alone else ("seen" if visit.seen else "not seen")
        by = f" by {visit.worker.full_name}" if visit.worker else ""
        add(Event(visit.visit_date, "Visit", visit.get_kind_display(), f"Child {seen}{by}"))
    for period in CarePeriod.objects.filter(child=child):
        add(Event(period.start_date, "Care", "Started to be looked after"))
        if period.end_date:
            add(Event(period.end_date, "Care", "Ceased to be looked after"))
    for episode in CareEpisode.objects.filter(child=child):
        placement = codes.PLACEMENT_TYPE.label(episode.placement_type)
        add(
            Event(
                episode.start_date,
                "Care",
                f"Episode: {codes.REASON_NEW_EPISODE.label(episode.reason_new_episode)}",
                f"Legal status: {codes.LEGAL_STATUS.label(episode.legal_status)}; placement: {placement}",
            )
        )
        if episode.end_date and episode.reason_ceased != "X1":
            add(
                Event(
                    episode.end_date, "Care", "Episode ended", codes.REASON_EPISODE_CEASED.label(episode.reason_ceased)
                )
            )
    for review in CLAReview.objects.filter(child=child):
        add(
            Event(
                review.review_date,
                "Care",
                "Looked-after child review",
                codes.REVIEW_PARTICIPATION.label(review.participation),
            )
        )
    for on_day, kind, title, detail in care_events(child):
        add(Event(on_day, kind, title, detail))
    for missing in MissingEpisode.objects.filter(child=child):
        at = _local(missing.started_at)
        add(
            Event(
                at.date(),
                "Missing",
                f"{codes.MISSING_TYPE.label(missing.kind)} from care or home",
                f"Returned {_d(_local(missing.returned_at).date())}" if missing.returned_at else "Not yet returned",
                at,
            )
        )
        if missing.return_interview_at:
            held = _local(missing.return_interview_at)
            add(Event(held.date(), "Missing", "Return home interview held", "", held))
    for contact in CareLeaverContact.objects.filter(child=child):
        add(
            Event(
                contact.contact_date,
                "Leaving care",
                "Care leaver contact",
                f"{codes.IN_TOUCH.label(contact.in_touch)}"
                + (f"; {codes.CARE_LEAVER_ACTIVITY.label(contact.activity)}" if contact.activity else ""),
            )
        )
    for review in PathwayPlanReview.objects.filter(child=child):
        add(Event(review.review_date, "Leaving care", "Pathway plan reviewed"))
    for allocation in Allocation.objects.filter(child=child).select_related("worker", "team"):
        add(
            Event(
                allocation.start_date,
                "Allocation",
                ALLOCATED.get(allocation.role, f"{allocation.get_role_display()} allocated"),
                f"{allocation.worker.full_name}, {allocation.team.name}",
            )
        )
    notes = CaseNote.objects.filter(child=child).annotate(corrections=Count("versions"))
    for note in notes.only("pk", "event_at", "kind", "who_seen", "text", "updated_at"):
        at = _local(note.event_at)
        seen = f"Seen: {note.who_seen}. " if note.who_seen else ""
        add(
            Event(
                at.date(),
                "Case note",
                f"Case note: {note.get_kind_display().lower()}",
                seen + note.text,
                at,
                url=reverse("casework:case_note", args=[note.pk]),
                corrected=note.updated_at if note.corrections else None,
            )
        )
    decisions = OversightDecision.objects.filter(child=child).annotate(corrections=Count("versions"))
    for decision in decisions:
        add(
            Event(
                decision.decided_on,
                "Management oversight",
                "Oversight decision",
                f"{decision.decision} Next review by {_d(decision.next_review_on)}.",
                url=reverse("casework:oversight", args=[decision.pk]),
                corrected=decision.updated_at if decision.corrections else None,
            )
        )
    for order in DeprivationOfLibertyOrder.objects.filter(child=child):
        add(Event(order.start_date, "Deprivation of liberty", "Deprivation of liberty order made",
                  f"{order.court}; {order.accommodation}"))  # fmt: skip
        if order.end_date:
            add(Event(order.end_date, "Deprivation of liberty", "Deprivation of liberty order ended"))
    for sharing in SharingDecision.objects.filter(child=child):
        outcome = "shared" if sharing.shared else f"not shared: {sharing.reason_not_shared}"
        add(Event(sharing.decided_on, "Information sharing", "Information sharing decision",
                  f"{sharing.information}, with {sharing.shared_with}: {outcome}"))  # fmt: skip
    for audit in CaseAudit.objects.filter(child=child):
        grade = f"{Grade(audit.auditor_grade).label}" + (
            f", moderated to {Grade(audit.moderated_grade).label}" if audit.moderated_grade else ""
        )
        add(Event(audit.audit_date, "Case audit", "Case audited", f"{grade} ({audit.auditor_name})",
                  url=reverse("audits:audit", args=[audit.pk])))  # fmt: skip
    discussed = SupervisionDiscussion.objects.filter(child=child).select_related("supervision__supervisor")
    for item in discussed.prefetch_related("actions__owner"):
        actions = "; ".join(f"{a.action} ({a.owner.full_name}, by {a.due_date:%-d %b %Y})" for a in item.actions.all())
        supervisor = item.supervision.supervisor.full_name if item.supervision.supervisor else "supervisor not recorded"
        add(Event(item.supervision.held_on, "Supervision", "Management decision in supervision",
                  f"{item.decision} ({supervisor})" + (f". Actions: {actions}" if actions else "")))  # fmt: skip
    events.sort(key=lambda event: event.sort_key)
    return events


def current_plan(child: Child) -> str:
    """The plan the child is on now, in words: "Child protection plan (neglect) since 20 Jan 2026"."""
    plans = []
    cp = CPPlan.objects.filter(child=child, end_date__isnull=True).order_by("-start_date").first()
    if cp is not None:
        category = codes.CATEGORY_OF_ABUSE.label(cp.latest_category).lower()
        plans.append(f"Child protection plan ({category}) since {_d(cp.start_date)}")
    cin = CINPlan.objects.filter(child=child, end_date__isnull=True).order_by("-start_date").first()
    if cin is not None:
        plans.append(f"Child in need plan since {_d(cin.start_date)}")
    period = CarePeriod.objects.filter(child=child, end_date__isnull=True).order_by("-start_date").first()
    if period is not None:
        plans.append(f"Looked after since {_d(period.start_date)}")
    return "; ".join(plans) or "No plan open"


def current_placement(child: Child) -> str:
    episode = CareEpisode.objects.filter(child=child, end_date__isnull=True).order_by("-start_date").first()
    if episode is None:
        return "Not looked after"
    legal = codes.LEGAL_STATUS.label(episode.legal_status)
    return f"{codes.PLACEMENT_TYPE.label(episode.placement_type)}, since {_d(episode.start_date)} ({legal})"


def child_record(child: Child) -> dict:
    """What the record page shows beside the chronology."""
    child = with_status(Child.objects.filter(pk=child.pk)).prefetch_related("disabilities").get()
    address = child.addresses.filter(end_date__isnull=True).first()
    return {
        "current_plan": current_plan(child),
        "current_placement": current_placement(child),
        "child": child,
        "status": status_labels(child),
        "social_worker": allocated(child, Allocation.Role.SOCIAL_WORKER),
        "personal_adviser": allocated(child, Allocation.Role.PERSONAL_ADVISER),
        "iro": allocated(child, Allocation.Role.IRO),
        "address": address,
        "sex": codes.SEX.label(child.sex),
        "ethnicity": codes.ETHNICITY.label(child.ethnicity),
        "upn_unknown": f"Unknown: {codes.UPN_UNKNOWN.label(child.upn_unknown)}" if child.upn_unknown else "",
        "disabilities": [codes.DISABILITY.label(d.code) for d in child.disabilities.all()],
        "relationships": list(child.relationships.select_related("person").order_by("kind")),
    }
