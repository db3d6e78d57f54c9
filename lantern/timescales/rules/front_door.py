"""The front door: contacts, referrals and the child and family assessment (timescales.md, "Front door").

Each rule is declared next to the function that finds its start and its stop in a child's record.
"""

from collections.abc import Iterator

from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, day_of, first, label
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules.sources import WT2023

# A contact is decided (no further action, advice, Family Help, referral) within 24 hours of its receipt.
CONTACT_DECISION = Rule(
    id="contact_decision",
    name="Contact decision",
    starts="contact received",
    stops="decision recorded (NFA, advice, early help, referral)",
    counting=Counting.HOURS,
    amount=24,
    statutory=False,
    source="Local standard: all decisions made within 24 hours",
    applies_to="front door",
)


def contact_decisions(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for contact in f.contacts:
        yield ev.clock(
            CONTACT_DECISION,
            f.child.pk,
            f"Contact of {label(day_of(contact.received_at))}",
            contact.received_at,
            contact.decision_at,
            target=("contact", contact.pk),
        )


# A referral's response is decided within one working day: its first assessment, strategy discussion or CIN
# plan, or closure with no further action, stops the clock.
REFERRAL_DECISION = Rule(
    id="referral_decision",
    name="Referral decision",
    starts="referral received",
    stops="decision on the type of response (assessment, strategy discussion or no further action)",
    counting=Counting.WORKING_DAYS,
    amount=1,
    statutory=True,
    source=WT2023,
    applies_to="front door",
)

# The assessment is authorised within 45 working days of the referral; none for a referral closed as NFA.
ASSESSMENT = Rule(
    id="assessment",
    name="Child and family assessment",
    starts="referral date (CINreferralDate)",
    stops="assessment authorised",
    counting=Counting.WORKING_DAYS,
    amount=45,
    statutory=True,
    source=f"{WT2023}; CIN census query 8670Q",
    applies_to="assessment",
)


def referrals(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    cid = f.child.pk
    for referral in f.referrals:
        subject = f"Referral of {label(referral.referral_date)}"
        assessments = [a for a in f.assessments if a.referral_id == referral.pk]
        responses = [a.start_date for a in assessments]
        responses += [s.held_on for s in f.strategy_discussions if s.referral_id == referral.pk and s.held_on]
        responses += [p.start_date for p in f.cin_plans if p.referral_id == referral.pk]
        if referral.referral_nfa and referral.closure_date:
            responses.append(referral.closure_date)
        yield ev.clock(
            REFERRAL_DECISION,
            cid,
            subject,
            referral.referral_date,
            first(responses),
            ends=referral.closure_date,
            target=("referral", referral.pk),
        )
        if referral.referral_nfa:
            continue
        authorised = first(a.authorised_date for a in assessments if a.authorised_date)
        yield ev.clock(
            ASSESSMENT,
            cid,
            subject,
            referral.referral_date,
            authorised,
            ends=referral.closure_date,
            target=("referral", referral.pk),
        )


RULES = [CONTACT_DECISION, REFERRAL_DECISION, ASSESSMENT]
CLOCKS = [contact_decisions, referrals]
