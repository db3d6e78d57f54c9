"""What the viewer of a child's record may do from it: each recording page they may use, one click away.

Only actions the user's role may take are offered (a read-only role is offered none), and only those that apply to
the child now (a CLA review for a child in care, the decision on a contact awaiting one). A few small queries,
whatever the size of the record.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from lantern.care.actions import in_care_actions
from lantern.casework.permissions import may_record_oversight
from lantern.journey.models import Contact, CPPlan, Referral, Section47Enquiry, StrategyDiscussion
from lantern.missing.models import MissingEpisode
from lantern.people.models import Child
from lantern.workforce.access import can_record

# Clocks whose form only some recording roles may use: the rule's id, and who may.
RESTRICTED_FORMS = {"oversight_review": may_record_oversight}


def may_act(user, clock, actions: list) -> bool:
    """Whether to offer this clock's form to the user (`actions`: what `record_actions` offered them)."""
    if not actions:
        return False
    allowed = RESTRICTED_FORMS.get(clock.rule.id)
    return allowed is None or allowed(user)


@dataclass(frozen=True)
class Action:
    text: str
    url: str
    main: bool = False  # the everyday actions, shown as buttons; the rest as links


def record_actions(user, child: Child, *, in_care: bool, care_leaver: bool) -> list[Action]:
    """The actions this user may take on this child now, the everyday ones first. [] for a read-only role."""
    if not can_record(user):
        return []
    la = child.la_child_id
    actions = [
        Action("Write a case note", reverse("casework:case_note_new", args=[la]), main=True),
        Action("Record a visit", reverse("journey:visit", args=[la]), main=True),
    ]
    if may_record_oversight(user):
        actions.append(Action("Record an oversight decision", reverse("casework:oversight_new", args=[la]), main=True))
    if in_care:
        actions.append(Action("Record a looked-after child review", reverse("care:cla_review", args=[la])))
        actions.append(Action("Record a deprivation of liberty order", reverse("liberty:order_new", args=[la])))
        actions.extend(Action(text, url) for text, url in in_care_actions(child))
    if care_leaver:
        actions.append(Action("Record a leaving-care contact", reverse("leaving_care:contact", args=[la])))
    if in_care or care_leaver:
        actions.append(Action("Record entitlements handed over", reverse("leaving_care:entitlements", args=[la])))
    actions.append(Action("Report the child missing", reverse("missing:report", args=[la])))
    actions.append(Action("Record an exploitation screening", reverse("missing:screening", args=[la])))
    actions.append(Action("Record an information sharing decision", reverse("sharing:decision_new", args=[la])))
    for contact in Contact.objects.filter(child=child, decision="").order_by("received_at"):
        when = timezone.localtime(contact.received_at).strftime("%-d %b %Y")
        actions.append(
            Action(
                f"Record the decision on the contact of {when}", reverse("journey:contact_decision", args=[contact.pk])
            )
        )
    referral = Referral.objects.filter(child=child, closure_date__isnull=True).order_by("-referral_date").first()
    if referral is not None:
        actions.append(Action("Record the assessment", reverse("journey:assessment", args=[referral.pk])))
        actions.append(
            Action(
                "Record a strategy discussion (section 47 threshold decision)",
                reverse("journey:strategy_discussion_new", args=[referral.pk]),
            )
        )
    for discussion in StrategyDiscussion.objects.filter(child=child, held_on__isnull=True):
        actions.append(
            Action("Record the strategy discussion held", reverse("journey:strategy_discussion", args=[discussion.pk]))
        )
    enquiries = Section47Enquiry.objects.filter(child=child, icpc_not_required=False, conferences__isnull=True)
    for enquiry in enquiries.distinct():
        actions.append(
            Action("Record the initial child protection conference", reverse("journey:icpc", args=[enquiry.pk]))
        )
    for plan in CPPlan.objects.filter(child=child, end_date__isnull=True):
        actions.append(
            Action("Record a child protection review conference", reverse("journey:cp_review", args=[plan.pk]))
        )
        actions.append(Action("Record a core group", reverse("journey:core_group", args=[plan.pk])))
        actions.append(Action("Open the child protection plan", reverse("journey:cp_plan", args=[plan.pk])))
    for plan in child.cin_plans.filter(end_date__isnull=True):
        actions.append(Action("Record a child in need plan review", reverse("journey:cin_plan_review", args=[plan.pk])))
        actions.append(
            Action("Add an action to the child in need plan", reverse("journey:cin_plan_action_new", args=[plan.pk]))
        )
    for episode in MissingEpisode.objects.filter(child=child).exclude(
        returned_at__isnull=False, return_interview_at__isnull=False
    ):
        if episode.returned_at is None:
            actions.append(Action("Record the child’s return", reverse("missing:return", args=[episode.pk])))
        else:
            actions.append(
                Action("Record the return home interview", reverse("missing:return_interview", args=[episode.pk]))
            )
    return actions
