"""Adding actions, evidence and RAGs by hand, and the bad input each refuses with its field and reason."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lantern.audits import services as audit_services
from lantern.improvement import services
from lantern.improvement.models import Action, Evidence, RagSnapshot, Theme
from lantern.improvement.selectors import plan

pytestmark = pytest.mark.django_db


def _action(people, **changes):
    fields = {
        "by": people["director"],
        "theme": Theme.objects.get(key="partnerships"),
        "ref": "PA1",
        "text": "Joint exploitation panel",
        "start_date": date(2026, 1, 1),
        "due_date": date(2026, 6, 30),
    }
    return services.action_save(**(fields | changes))


def _refused(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_the_five_themes_are_there_as_data(db):
    assert list(Theme.objects.values_list("title", flat=True)) == [
        "Quality of practice",
        "Workforce capacity and capability",
        "Strategic leadership",
        "Quality assurance and performance management",
        "Partnerships",
    ]


def test_an_action_due_before_its_start_is_refused(people):
    errors = _refused(lambda: _action(people, due_date=date(2025, 12, 31)))
    assert errors == {"due_date": ["The due date must be the same as or after the start date"]}
    assert not Action.objects.exists()


def test_a_measure_that_does_not_exist_is_refused(people):
    errors = _refused(lambda: _action(people, measure_id="happiness_index"))
    assert errors["measure_id"] == ["There is no measure “happiness_index” in the performance pack"]


def test_a_target_outside_0_to_100_percent_for_a_percentage_is_refused(people):
    errors = _refused(lambda: _action(people, measure_id="assessments_within_45_wd", target=1.2))
    assert errors["target"] == ["The target of a percentage must be between 0% and 100%"]
    # A caseload is not a percentage: 19 is a fine target.
    assert _action(people, measure_id="caseload_average", target=19).target == 19


def test_a_reference_used_twice_is_refused(people):
    _action(people)
    errors = _refused(lambda: _action(people, text="Another"))
    assert errors["ref"] == ["The reference PA1 is already used by another action"]


def test_a_rag_by_hand_needs_its_reason_and_no_linked_measure(people):
    action = _action(people)
    errors = _refused(lambda: services.manual_rag_set(by=people["director"], action=action, rag="red", reason=" "))
    assert errors == {"reason": ["Say why the action is this RAG: a RAG set by hand needs its reason"]}
    linked = _action(people, ref="PA2", measure_id="caseload_average")
    errors = _refused(lambda: services.manual_rag_set(by=people["director"], action=linked, rag="red", reason="x"))
    assert errors["rag"][0].startswith("This action's RAG is worked out from its measure")
    action.refresh_from_db()
    assert action.manual_rag == ""


def test_evidence_links_a_document_an_audit_a_record_and_a_note(people):
    action = _action(people)
    by = people["director"]
    services.evidence_add(by=by, action=action, kind="document", title="Panel terms", url="https://example.org/t")
    audit = audit_services.audit_record(
        by=people["tina"], child=people["amy"], audit_date=date(2026, 2, 1), auditor_grade="good"
    )
    services.evidence_add(by=by, action=action, kind="audit", audit_id=audit.pk)
    services.evidence_add(by=by, action=action, kind="record", la_child_id="A1")
    services.evidence_add(by=by, action=action, kind="note", note="Police lead agreed")
    assert [e.kind for e in Evidence.objects.filter(action=action)] == ["document", "audit", "record", "note"]
    errors = _refused(lambda: services.evidence_add(by=by, action=action, kind="audit", audit_id=999999))
    assert errors == {"audit_id": ["Enter the number of a case audit on Lantern"]}
    errors = _refused(lambda: services.evidence_add(by=by, action=action, kind="document", title="No link"))
    assert errors == {"url": ["Enter the document's link"]}


def test_the_plan_shows_each_rag_and_the_live_figure(plan_world):
    sections = plan(date(2026, 3, 31))
    rows = {row.action.ref: row for _, rows in sections for row in rows}
    assert (rows["QP1"].rag, rows["QP1"].value_shown, rows["QP1"].expected_shown) == ("amber", "66.7%", "69.9%")
    assert rows["QP1"].target_shown == "90.0%"
    assert (rows["WF1"].rag, rows["WF1"].rag_why) == ("green", "Six of eight posts filled")


def test_the_monthly_snapshot_keeps_one_rag_per_action_per_month(plan_world):
    services.snapshot_rags(as_of=date(2026, 3, 31))
    services.snapshot_rags(as_of=date(2026, 3, 31))
    kept = {s.action.ref: (s.rag, s.source) for s in RagSnapshot.objects.select_related("action")}
    assert kept == {"QP1": ("amber", "measure"), "WF1": ("green", "manual")}


def test_the_snapshot_command_keeps_the_month_and_refuses_a_future_date(plan_world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("improvement", "snapshot", "--as-of", "2026-03-15", stdout=out)
    assert "Kept the RAG of 2 actions for March 2026." in out.getvalue()
    assert RagSnapshot.objects.filter(month=date(2026, 3, 1)).count() == 2
    with pytest.raises(CommandError, match="is in the future"):
        call_command("improvement", "snapshot", "--as-of", "2026-04-01", stdout=out)
