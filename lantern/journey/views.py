"""Pages that record what stops a clock: each resolves its record, checks who may record it, calls one service.

The GET/POST cycle they share with the care, missing and leaving-care pages is `lantern.pages.recording`.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lantern.casework.drafts import drafting_page
from lantern.core import codes
from lantern.core.dates import moment_label
from lantern.journey import services
from lantern.journey.forms import (
    AssessmentAuthoriseForm,
    AssessmentRecordForm,
    AssessmentStartForm,
    ContactDecisionForm,
    CPReviewForm,
    ICPCForm,
    StrategyDiscussionHeldForm,
    StrategyDiscussionStartForm,
    VisitForm,
)
from lantern.journey.models import (
    Assessment,
    Contact,
    CPPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    VisitKind,
)
from lantern.journey.permissions import may_authorise_assessment
from lantern.journey.selectors import earlier_referral
from lantern.pages.recording import on, recording_page
from lantern.workforce.access import child_or_404, user_worker


def referral_rows(referral: Referral) -> list[tuple[str, str]]:
    return [
        ("Referral date", on(referral.referral_date)),
        ("Source", codes.REFERRAL_SOURCE.label(referral.referral_source)),
    ]


# Journey pages ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contact_decision(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.select_related("child"), pk=pk)

    def save(data: dict) -> str:
        services.contact_decide(
            by=request.user,
            contact=contact,
            decision=data["decision"],
            decision_at=data["decision_at"],
            need_level=data.get("need_level"),
            team=data.get("team"),
        )
        if data["decision"] == "STRATEGY":
            return "Contact decision recorded, referral opened and strategy discussion due"
        if data["decision"] == "REFERRAL":
            return "Contact decision recorded and referral opened"
        return "Contact decision recorded"

    rows = [
        ("Received", moment_label(contact.received_at)),
        ("Source", codes.REFERRAL_SOURCE.label(contact.source)),
    ]
    if contact.referrer:
        rows.append(("Made by", contact.referrer))
    if contact.consent:
        rows.append(("Consent", contact.get_consent_display()))
    if contact.summary:
        rows.append(("Summary", contact.summary))
    if contact.concerns:
        rows.append(("Concerns", contact.concerns))
    if contact.need_level_id:
        rows.append(("Level of need", str(contact.need_level)))
    if contact.decision:
        rows.append(
            (
                "Decision",
                f"{codes.CONTACT_DECISION.label(contact.decision)}, {moment_label(contact.decision_at)}",
            )
        )
    return recording_page(
        request,
        child=contact.child,
        form_class=ContactDecisionForm,
        template="journey/contact_decision.html",
        title="Record the decision on a contact",
        save=save,
        context={"rows": rows, "earlier_referral": earlier_referral(contact.child, on=day_of_receipt(contact))},
        edits=contact,
    )


def day_of_receipt(contact: Contact):
    return timezone.localtime(contact.received_at).date()


def assessment_rows(assessment: Assessment) -> list[tuple[str, str]]:
    rows = [
        ("Assessment started", on(assessment.start_date)),
        ("Child seen", on(assessment.child_seen_date)),
    ]
    if assessment.worker_id:
        rows.append(("Social worker", str(assessment.worker)))
    for label, text in (
        ("The child’s words and wishes", assessment.child_words),
        ("How the child’s views were gathered", assessment.how_gathered),
        ("Impact on siblings", assessment.sibling_impact),
    ):
        rows.append((label, text or "Not recorded"))
    if assessment.outcome:
        rows.append(("Outcome proposed", assessment.get_outcome_display()))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an assessment on the referral; record it as it goes (the worker); authorise it (a team manager)."""
    referral = get_object_or_404(Referral.objects.select_related("child"), pk=pk)
    in_progress = (
        referral.assessments.filter(authorised_date__isnull=True)
        .select_related("worker")
        .order_by("start_date")
        .first()
    )
    rows = referral_rows(referral)
    if in_progress is None:

        def start(data: dict) -> str:
            services.assessment_start(
                by=request.user,
                referral=referral,
                start_date=data["start_date"],
                child_seen_date=data["child_seen_date"],
                child_words=data["child_words"],
                how_gathered=data["how_gathered"],
                sibling_impact=data["sibling_impact"],
                worker=user_worker(request.user),
            )
            return "Assessment started"

        return drafting_page(
            request,
            child=referral.child,
            form_key=f"assessment_start:{referral.pk}",
            form_class=AssessmentStartForm,
            template="journey/assessment_start.html",
            title="Start a child and family assessment",
            save=start,
            context={"rows": rows},
        )
    factors = list(in_progress.factors.values_list("code", flat=True))
    if not may_authorise_assessment(request.user):

        def record(data: dict) -> str:
            services.assessment_record(
                by=request.user,
                assessment=in_progress,
                child_seen_date=data["child_seen_date"],
                child_words=data["child_words"],
                how_gathered=data["how_gathered"],
                sibling_impact=data["sibling_impact"],
                factors=data["factors"],
                outcome=data["outcome"],
            )
            return "Assessment saved: a team manager authorises it"

        return drafting_page(
            request,
            child=referral.child,
            form_key=f"assessment:{in_progress.pk}",
            form_class=AssessmentRecordForm,
            template="journey/assessment_record.html",
            title="Record the child and family assessment",
            save=record,
            initial={
                "child_seen_date": in_progress.child_seen_date,
                "child_words": in_progress.child_words,
                "how_gathered": in_progress.how_gathered,
                "sibling_impact": in_progress.sibling_impact,
                "factors": factors,
                "outcome": in_progress.outcome,
            },
            context={"rows": rows + [("Assessment started", on(in_progress.start_date))]},
            edits=in_progress,
        )

    def authorise(data: dict) -> str:
        services.assessment_authorise(
            by=request.user,
            assessment=in_progress,
            authorised_date=data["authorised_date"],
            factors=data["factors"],
            requires_support=data["requires_support"],
            outcome=data["outcome"],
        )
        return "Assessment authorised"

    return recording_page(
        request,
        child=referral.child,
        form_class=AssessmentAuthoriseForm,
        template="journey/assessment_authorise.html",
        title="Authorise the child and family assessment",
        save=authorise,
        initial={"factors": factors, "outcome": in_progress.outcome},
        context={"rows": rows + assessment_rows(in_progress)},
        edits=in_progress,
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_discussion(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a pending strategy discussion was held."""
    discussion = get_object_or_404(StrategyDiscussion.objects.select_related("child", "referral"), pk=pk)

    def save(data: dict) -> str:
        services.strategy_discussion_held(
            by=request.user, discussion=discussion, held_on=data["held_on"], initiate_s47=data["initiate_s47"]
        )
        return "Strategy discussion recorded"

    rows = referral_rows(discussion.referral)
    if discussion.threshold_decision_at:
        rows.append(("Threshold decision", moment_label(discussion.threshold_decision_at)))
    if discussion.held_on:
        rows.append(("Held", on(discussion.held_on)))
    return recording_page(
        request,
        child=discussion.child,
        form_class=StrategyDiscussionHeldForm,
        template="journey/strategy_discussion_held.html",
        title="Record the strategy discussion",
        save=save,
        context={"rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_discussion_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision that the section 47 threshold may be met (and, if it has happened, the discussion)."""
    referral = get_object_or_404(Referral.objects.select_related("child"), pk=pk)

    def save(data: dict) -> str:
        services.strategy_discussion_start(
            by=request.user,
            referral=referral,
            threshold_decision_at=data["threshold_decision_at"],
            held_on=data["held_on"],
            initiate_s47=data["initiate_s47"],
        )
        return "Strategy discussion recorded" if data["held_on"] else "Section 47 threshold decision recorded"

    return recording_page(
        request,
        child=referral.child,
        form_class=StrategyDiscussionStartForm,
        template="journey/strategy_discussion_new.html",
        title="Record a section 47 threshold decision",
        save=save,
        context={"rows": referral_rows(referral)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def icpc(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the initial child protection conference for a section 47 enquiry, or that none is required."""
    enquiry = get_object_or_404(Section47Enquiry.objects.select_related("child", "referral"), pk=pk)

    def save(data: dict) -> str:
        if data["outcome"] == ICPCForm.NOT_REQUIRED:
            services.icpc_not_required(by=request.user, enquiry=enquiry)
            return "Initial child protection conference recorded as not required"
        services.icpc_record(
            by=request.user,
            enquiry=enquiry,
            held_on=data["held_on"],
            plan_made=data["plan_made"],
            category=data["category"] or "",
        )
        if data["plan_made"]:
            return "Initial child protection conference and child protection plan recorded"
        return "Initial child protection conference recorded"

    rows = [("Section 47 enquiry started", on(enquiry.start_date))]
    if enquiry.icpc_not_required:
        rows.append(("Initial conference", "Not required"))
    return recording_page(
        request,
        child=enquiry.child,
        form_class=ICPCForm,
        template="journey/icpc.html",
        title="Record the initial child protection conference",
        save=save,
        rename={"icpc_not_required": "outcome"},
        context={"rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cp_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(CPPlan.objects.select_related("child"), pk=pk)

    def save(data: dict) -> str:
        services.cp_review_record(
            by=request.user,
            plan=plan,
            held_on=data["held_on"],
            continues=data["continues"],
            latest_category=data["latest_category"],
        )
        return "Child protection review recorded" if data["continues"] else "Review recorded and the plan ended"

    latest = plan.conferences.order_by("-held_on").first()
    rows = [
        ("Plan started", on(plan.start_date)),
        ("Latest category", codes.CATEGORY_OF_ABUSE.label(plan.latest_category)),
        ("Last conference", on(latest.held_on) if latest else "None recorded"),
    ]
    if plan.end_date:
        rows.append(("Plan ended", on(plan.end_date)))
    return recording_page(
        request,
        child=plan.child,
        form_class=CPReviewForm,
        template="journey/cp_review.html",
        title="Record a child protection review conference",
        save=save,
        initial={"latest_category": plan.latest_category},
        context={"rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.visit_record(
            by=request.user,
            child=child,
            kind=data["kind"],
            visit_date=data["visit_date"],
            seen=data["seen"],
            seen_alone=data["seen_alone"],
            worker=user_worker(request.user),
        )
        return "Visit recorded"

    kind = request.GET.get("kind", "")
    return recording_page(
        request,
        child=child,
        form_class=VisitForm,
        template="journey/visit.html",
        title="Record a visit",
        save=save,
        initial={"kind": kind} if kind in VisitKind.values else None,
    )
