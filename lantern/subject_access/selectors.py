"""Reads for subject access: who may produce a child's file, and everything the file holds, read in bulk.

The data protection officer normally reads no records (roles.Scope.NONE); answering a subject access request is
the exception, so it is allowed here, for this purpose only, and every file produced goes in the access log.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from lantern.accounts.services import CHILD_RECORD
from lantern.journey.models import Assessment, Contact, EarlyHelpEpisode, Visit
from lantern.missing.models import MissingEducationEpisode
from lantern.people.models import Address, Child, RestrictedAccess
from lantern.record import history
from lantern.record import selectors as record
from lantern.subject_access.models import SubjectAccessRequest
from lantern.subject_access.redaction import MARK, Redactor
from lantern.timescales.selectors import child_timescales
from lantern.workforce.models import Allocation, Worker

# Subject access is the data protection officer's job; no other role produces a whole file.
SUBJECT_ACCESS_ROLES = (Role.DATA_PROTECTION,)


def may_produce(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_role(*SUBJECT_ACCESS_ROLES)


def producible_children(user) -> QuerySet[Child]:
    """Every child for the data protection officer, except restricted records that do not name them."""
    if not may_produce(user):
        return Child.objects.none()
    named = RestrictedAccess.objects.filter(child=OuterRef("pk"), user_id=user.pk)
    return Child.objects.exclude(Q(is_restricted=True) & ~Exists(named))


def child_requests(child: Child) -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.filter(child=child).select_related("requested_by")


@dataclass
class SubjectFile:
    """Everything in one child's file, already redacted: the PDF template and the CSV read only this."""

    child: Child
    details: list[tuple[str, str]]
    status: list[str]
    addresses: list[list[str]]
    people: list[list[str]]
    workers: list[list[str]]
    chronology: list[record.Event]
    clocks: list[list[str]]
    notes: list[list[str]]
    records_held: list[list[str]]
    access: list[list[str]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def _d(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return f"{value:%-d %b %Y}"


def _related_people(child: Child) -> list:
    return list(child.relationships.select_related("person").order_by("kind", "person__last_name"))


def redactor_for(child: Child, sar: SubjectAccessRequest, relationships: list | None = None) -> Redactor:
    """Who is a third party in this child's file: everyone related to them, and their workers if asked."""
    if not sar.redacts_third_parties:
        return Redactor.off()
    relationships = _related_people(child) if relationships is None else relationships
    people = [(r.person.first_name, r.person.last_name) for r in relationships]
    if sar.redacts_workers:
        # IN subqueries, not joins through every allocation and visit in the authority (measured 1 s against 0.01 s).
        workers = Worker.objects.filter(
            Q(pk__in=Allocation.objects.filter(child=child).values("worker_id"))
            | Q(pk__in=Visit.objects.filter(child=child).values("worker_id"))
            | Q(pk__in=Assessment.objects.filter(child=child).values("worker_id"))
        )
        people += list(workers.values_list("first_name", "last_name"))
        # Early help's lead practitioner is a professional named in free text, not a worker row.
        for name in (
            EarlyHelpEpisode.objects.filter(child=child)
            .exclude(lead_practitioner="")
            .values_list("lead_practitioner", flat=True)
        ):
            first, _, last = name.partition(" ")
            people.append((first, last))
    return Redactor(set(people), keep=[child.first_name, child.last_name])


def subject_file(sar: SubjectAccessRequest, *, as_of: date) -> SubjectFile:
    """The child's whole file for one request: one query per kind of record, whatever the length of the record."""
    child = sar.child
    relationships = _related_people(child)
    redact = redactor_for(child, sar, relationships)
    third_party = redact.name if sar.redacts_third_parties else (lambda name: name)
    worker_name = redact.name if sar.redacts_workers else (lambda name: name)

    summary = record.child_record(child)
    shown = summary["child"]
    details = [
        ("Name", shown.full_name),
        ("LA child ID", shown.la_child_id),
        ("Date of birth", _d(shown.date_of_birth) or f"Unborn, expected {_d(shown.expected_date_of_birth)}"),
        ("Sex", summary["sex"]),
        ("Ethnicity", summary["ethnicity"]),
        ("UPN", shown.upn or summary["upn_unknown"] or "Not recorded"),
        ("NHS number", shown.nhs_number or "Not recorded"),
        ("Disabilities", ", ".join(summary["disabilities"]) or "None recorded"),
        ("Unaccompanied asylum-seeking child", "Yes" if shown.uasc else "No"),
    ]
    if shown.death_date:
        details.append(("Date of death", _d(shown.death_date)))

    addresses = [
        [", ".join(p for p in (a.line_1, a.town, a.postcode) if p), _d(a.start_date), _d(a.end_date) or "Current"]
        for a in Address.objects.filter(child=child).order_by("-start_date")
    ]
    people = [
        [
            third_party(f"{r.person.first_name} {r.person.last_name}"),
            r.get_kind_display(),
            "Yes" if r.lives_with_child else "No",
            "Yes" if r.parental_responsibility else "No",
            _d(r.start_date),
            _d(r.end_date),
        ]
        for r in relationships
    ]
    workers = [
        [
            a.get_role_display(),
            worker_name(a.worker.full_name),
            a.team.name,
            _d(a.start_date),
            _d(a.end_date) or "Now",
        ]
        for a in Allocation.objects.filter(child=child).select_related("worker", "team").order_by("start_date")
    ]
    chronology = [
        record.Event(e.on, e.kind, redact.text(e.title), redact.text(e.detail), e.at)
        for e in [*record.chronology(child), *_file_events(child, relationships)]
    ]
    chronology.sort(key=lambda event: event.sort_key)
    clocks = [
        [c.rule.name, redact.text(c.subject), _d(c.started_date), _d(c.due_date), _d(c.done_date), str(c.status)]
        for c in child_timescales(child=child, as_of=as_of)
    ]
    notes: list[list[str]] = []
    for episode in EarlyHelpEpisode.objects.filter(child=child).order_by("start_date"):
        parts = [
            f"Organisation: {episode.organisation}",
            f"Lead practitioner: {worker_name(episode.lead_practitioner)}" if episode.lead_practitioner else "",
            f"Reason: {episode.reason}" if episode.reason else "",
            f"Ended: {episode.end_reason}" if episode.end_reason else "",
        ]
        notes.append([_d(episode.start_date), "Early help", redact.text("; ".join(p for p in parts if p))])
    for missing in MissingEducationEpisode.objects.filter(child=child).exclude(outcome="").order_by("reported_on"):
        notes.append([_d(missing.reported_on), "Missing education", redact.text(missing.outcome)])

    return SubjectFile(
        child=shown,
        details=details,
        status=summary["status"],
        addresses=addresses,
        people=people,
        workers=workers,
        chronology=chronology,
        clocks=clocks,
        notes=notes,
        records_held=records_held(child),
        access=access_to(child, redact, redact_workers=sar.redacts_workers),
        sections=[
            "Who they are",
            "Addresses",
            "Family and other people",
            "Workers allocated",
            "Chronology",
            "Timescales",
            "Notes",
            "Records held",
            "Who opened or exported the record",
        ],
    )


def _file_events(child: Child, relationships: list) -> list[record.Event]:
    """What the file adds to the record page's chronology: the people around the child and what contacts said.

    The names here pass through the redactor with the rest of the chronology; the kind of relationship stays.
    """
    events = [
        record.Event(
            r.start_date,
            "Family",
            f"{r.get_kind_display()} recorded",
            f"{r.person.first_name} {r.person.last_name}" + ("; lives with the child" if r.lives_with_child else ""),
        )
        for r in relationships
        if r.start_date is not None
    ]
    for contact in Contact.objects.filter(child=child).exclude(summary=""):
        at = timezone.localtime(contact.received_at)
        events.append(record.Event(at.date(), "Contact", "What the contact said", contact.summary, at))
    return events


def access_to(child: Child, redact: Redactor, *, redact_workers: bool) -> list[list[str]]:
    """Each time the record was opened or a file holding the child was taken (worklists, returns, this file),
    oldest first: when, what, by whom (a marker when workers are redacted) and the detail logged."""
    events = AccessEvent.objects.filter(
        object_type=CHILD_RECORD,
        object_id=str(child.pk),
        action__in=[AccessEvent.Action.VIEW, AccessEvent.Action.EXPORT],
    ).select_related("user")
    return [
        [
            f"{timezone.localtime(e.at):%d/%m/%Y %H:%M}",
            e.get_action_display(),
            MARK if redact_workers else (e.user.get_full_name() or e.user.username),
            redact.text(e.detail),
        ]
        for e in events.order_by("sequence")
    ]


# Who may open a restricted record is about staff, not the child: it is not part of the child's file.
_NOT_HELD = {"people.child", "people.person", "people.restrictedaccess"}


def records_held(child: Child) -> list[list[str]]:
    """Each kind of record held about the child: how many, and when the first and last were entered."""
    held = []
    for key, model in history.record_types().items():
        if key in _NOT_HELD:
            continue
        found = model._default_manager.filter(child=child).aggregate(
            n=Count("pk"), first=Min("created_at"), last=Max("created_at")
        )
        if found["n"]:
            held.append([history.type_label(model), str(found["n"]), _d(found["first"]), _d(found["last"])])
    return held
