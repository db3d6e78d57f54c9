"""ssd_contacts, ssd_cin_episodes (referrals), ssd_cin_assessments and ssd_assessment_factors."""

from django.core.exceptions import ValidationError

from lantern.core import codes
from lantern.journey.models import Assessment, Contact, Referral
from lantern.journey.services import assessment_from_return, contact_record, referral_from_return
from lantern.ssd import values
from lantern.ssd.services import ssd_factors_set
from lantern.ssd.tables.base import Table, assign, label_of

# --- ssd_contacts --------------------------------------------------------------------------------------------------


def read_contact(importer, row) -> dict:
    # Lantern's own shape for the outcome: {"decision": a CONTACT_DECISION code, "decision_at": date and time}.
    outcome = row.get("cont_contact_outcome_json", values.json_value, dict) or {}
    decision_at = None
    try:
        decision_at = values.iso_datetime(str(outcome.get("decision_at") or ""))
    except values.Invalid as error:
        row.problem("cont_contact_outcome_json", f"decision_at {error}")
    return {
        "child": row.ref("cont_person_id"),
        "received_at": row.get("cont_contact_date", values.iso_datetime),
        "source": row.get("cont_contact_source_code", values.code, codes.REFERRAL_SOURCE, "contact source"),
        "decision": str(outcome.get("decision") or ""),
        "decision_at": decision_at,
    }


def update_contact(importer, row, record, wanted):
    changed = [name for name, value in wanted.items() if getattr(record, name) != value]
    # journey has no service that corrects a recorded contact: a changed contact is refused, not overwritten.
    raise ValidationError({name: ["differs from the contact Lantern holds, which an import cannot correct yet"]
                           for name in changed})  # fmt: skip


def export_contact(exporter):
    for contact in Contact.objects.select_related("child"):
        outcome = {}
        if contact.decision:
            outcome = {"decision": contact.decision, "decision_at": values.out_datetime(contact.decision_at)}
        yield (
            contact,
            {
                "cont_person_id": exporter.id_of("ssd_person", contact.child),
                "cont_contact_date": values.out_datetime(contact.received_at),
                "cont_contact_source_code": contact.source,
                "cont_contact_source_desc": label_of(codes.REFERRAL_SOURCE, contact.source),
                "cont_contact_outcome_json": values.out_json(outcome),
            },
        )


CONTACTS = Table(
    name="ssd_contacts",
    key="cont_contact_id",
    columns=(
        "cont_contact_id",
        "cont_person_id",
        "cont_contact_date",
        "cont_contact_source_code",
        "cont_contact_source_desc",
        "cont_contact_outcome_json",
    ),  # fmt: skip
    model=Contact,
    fields={
        "child": "cont_person_id",
        "received_at": "cont_contact_date",
        "source": "cont_contact_source_code",
        "decision": "cont_contact_outcome_json",
        "decision_at": "cont_contact_outcome_json",
    },  # fmt: skip
    refers={"cont_person_id": "ssd_person"},
    read=read_contact,
    create=lambda importer, row, wanted: contact_record(by=importer.by, **wanted),
    update=update_contact,
    export=export_contact,
    derived=("cont_contact_source_desc",),
)

# --- ssd_cin_episodes ----------------------------------------------------------------------------------------------


def read_episode(importer, row) -> dict:
    return {
        "child": row.ref("cine_person_id"),
        "referral_date": row.get("cine_referral_date", values.iso_date),
        "primary_need_code": row.get("cine_cin_primary_need_code", values.code, codes.PRIMARY_NEED, "primary need"),
        "referral_source": row.get("cine_referral_source_code", values.code, codes.REFERRAL_SOURCE, "referral source"),
        "referral_nfa": bool(row.get("cine_referral_nfa", values.flag)),
        "reason_for_closure": row.get("cine_close_reason", values.code, codes.REASON_FOR_CLOSURE, "reason for closure"),
        "closure_date": row.get("cine_close_date", values.iso_date),
        "team": row.ref("cine_referral_team"),
    }


def export_episode(exporter):
    for referral in Referral.objects.select_related("child", "team"):
        yield (
            referral,
            {
                "cine_person_id": exporter.id_of("ssd_person", referral.child),
                "cine_referral_date": values.out_date(referral.referral_date),
                "cine_cin_primary_need_code": referral.primary_need_code,
                "cine_referral_source_code": referral.referral_source,
                "cine_referral_source_desc": label_of(codes.REFERRAL_SOURCE, referral.referral_source),
                "cine_referral_nfa": values.out_flag(referral.referral_nfa),
                "cine_close_reason": referral.reason_for_closure,
                "cine_close_date": values.out_date(referral.closure_date),
                "cine_referral_team": exporter.id_of("ssd_department", referral.team),
            },
        )


CIN_EPISODES = Table(
    name="ssd_cin_episodes",
    key="cine_referral_id",
    columns=(
        "cine_referral_id",
        "cine_person_id",
        "cine_referral_date",
        "cine_cin_primary_need_code",
        "cine_referral_source_code",
        "cine_referral_source_desc",
        "cine_referral_outcome_json",
        "cine_referral_nfa",
        "cine_close_reason",
        "cine_close_date",
        "cine_referral_team",
        "cine_referral_worker_id",
    ),  # fmt: skip
    model=Referral,
    fields={
        "child": "cine_person_id",
        "referral_date": "cine_referral_date",
        "primary_need_code": "cine_cin_primary_need_code",
        "referral_source": "cine_referral_source_code",
        "referral_nfa": "cine_referral_nfa",
        "reason_for_closure": "cine_close_reason",
        "closure_date": "cine_close_date",
        "team": "cine_referral_team",
    },  # fmt: skip
    refers={"cine_person_id": "ssd_person", "cine_referral_team": "ssd_department"},
    read=read_episode,
    create=lambda importer, row, wanted: referral_from_return(by=importer.by, record=Referral(**wanted)),
    update=lambda importer, row, record, wanted: referral_from_return(by=importer.by, record=assign(record, wanted)),
    export=export_episode,
    kept=("cine_referral_outcome_json", "cine_referral_worker_id"),
    derived=("cine_referral_source_desc",),
)

# --- ssd_cin_assessments -------------------------------------------------------------------------------------------


def read_assessment(importer, row) -> dict:
    child = row.ref("cina_person_id")
    referral = row.ref("cina_referral_id")
    if child is not None and referral is not None and referral.child_id != child.pk:
        row.problem("cina_referral_id", f"the referral is not {row.cells.get('cina_person_id')}'s")
    nfa = row.get("cina_assessment_outcome_nfa", values.flag)
    row.get("cina_assessment_child_seen", values.flag)
    return {
        "child": child,
        "referral": referral,
        "start_date": row.get("cina_assessment_start_date", values.iso_date),
        "authorised_date": row.get("cina_assessment_auth_date", values.iso_date),
        "requires_support": None if nfa is None else not nfa,
        "worker": row.ref("cina_assessment_worker_id"),
    }


def export_assessment(exporter):
    for assessment in Assessment.objects.select_related("child", "referral", "worker"):
        nfa = None if assessment.requires_support is None else not assessment.requires_support
        yield (
            assessment,
            {
                "cina_person_id": exporter.id_of("ssd_person", assessment.child),
                "cina_referral_id": exporter.id_of("ssd_cin_episodes", assessment.referral),
                "cina_assessment_start_date": values.out_date(assessment.start_date),
                # Lantern keeps the date the child was seen; the SSD only whether.
                "cina_assessment_child_seen": "Y" if assessment.child_seen_date else "",
                "cina_assessment_auth_date": values.out_date(assessment.authorised_date),
                "cina_assessment_outcome_nfa": values.out_flag(nfa),
                "cina_assessment_worker_id": exporter.id_of("ssd_professionals", assessment.worker),
            },
        )


CIN_ASSESSMENTS = Table(
    name="ssd_cin_assessments",
    key="cina_assessment_id",
    columns=(
        "cina_assessment_id",
        "cina_person_id",
        "cina_referral_id",
        "cina_assessment_start_date",
        "cina_assessment_child_seen",
        "cina_assessment_auth_date",
        "cina_assessment_outcome_json",
        "cina_assessment_outcome_nfa",
        "cina_assessment_team",
        "cina_assessment_worker_id",
    ),  # fmt: skip
    model=Assessment,
    fields={
        "child": "cina_person_id",
        "referral": "cina_referral_id",
        "start_date": "cina_assessment_start_date",
        "authorised_date": "cina_assessment_auth_date",
        "requires_support": "cina_assessment_outcome_nfa",
        "worker": "cina_assessment_worker_id",
    },  # fmt: skip
    refers={
        "cina_person_id": "ssd_person",
        "cina_referral_id": "ssd_cin_episodes",
        "cina_assessment_worker_id": "ssd_professionals",
        "cina_assessment_team": "ssd_department",
    },  # fmt: skip
    read=read_assessment,
    create=lambda importer, row, wanted: assessment_from_return(by=importer.by, record=Assessment(**wanted)),
    update=lambda importer, row, record, wanted: assessment_from_return(by=importer.by, record=assign(record, wanted)),
    export=export_assessment,
    kept=("cina_assessment_child_seen", "cina_assessment_outcome_json", "cina_assessment_team"),
)

# --- ssd_assessment_factors ----------------------------------------------------------------------------------------


def read_factors(importer, row) -> dict:
    parsed = row.get("cinf_assessment_factors_json", values.json_value, (list, dict))
    factor_codes = sorted(parsed if isinstance(parsed, list) else (parsed or {}).keys())
    for code in factor_codes:
        if code not in codes.ASSESSMENT_FACTOR.codes:
            row.problem("cinf_assessment_factors_json", f"{code!r} is not an assessment factor code")
    row.assessment = row.ref("cinf_assessment_id")
    return {"factor_codes": factor_codes}


def _factor_codes(assessment: Assessment) -> list[str]:
    return sorted(factor.code for factor in assessment.factors.all())


def set_factors(importer, row, record, wanted):
    return ssd_factors_set(by=importer.by, assessment=record or row.assessment, factor_codes=wanted["factor_codes"])


def export_factors(exporter):
    for assessment in Assessment.objects.prefetch_related("factors").filter(factors__isnull=False).distinct():
        yield (
            assessment,
            {
                "cinf_assessment_id": exporter.id_of("ssd_cin_assessments", assessment),
                "cinf_assessment_factors_json": values.out_json(_factor_codes(assessment)),
            },
        )


ASSESSMENT_FACTORS = Table(
    name="ssd_assessment_factors",
    key="cinf_table_id",
    columns=("cinf_table_id", "cinf_assessment_id", "cinf_assessment_factors_json"),
    model=Assessment,
    fields={"factor_codes": "cinf_assessment_factors_json", "code": "cinf_assessment_factors_json"},
    refers={"cinf_assessment_id": "ssd_cin_assessments"},
    read=read_factors,
    create=lambda importer, row, wanted: set_factors(importer, row, None, wanted),
    update=set_factors,
    export=export_factors,
    compare=lambda record, wanted: ["factor_codes"] if _factor_codes(record) != wanted["factor_codes"] else [],
)
