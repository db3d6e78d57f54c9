"""Drawing a sample, recording and moderating audits, their actions, and every refusal."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lantern.audits import services
from lantern.audits.models import AuditAction, CaseAudit, SampleRule
from tests.audits.conftest import TODAY
from tests.factories import ChildFactory


def draw(world, **kwargs):
    args = {
        "by": world["qa"], "title": "December CP audit", "theme": "Drift", "month": date(2026, 12, 1),
        "rule": SampleRule.CP_OVER_12_MONTHS, "sample_size": 2, "per_team_minimum": 1, "seed": 7,
        "tool": world["tool"], "today": TODAY,
    }  # fmt: skip
    return services.programme_draw(**(args | kwargs))


def sampled(programme) -> list[str]:
    return sorted(programme.sample.values_list("child__la_child_id", flat=True))


def test_the_sample_takes_the_rules_children_one_per_team_and_the_same_for_the_same_seed(world):
    first, again = draw(world), draw(world)
    assert sampled(first) == sampled(again)
    chosen = sampled(first)
    assert len(chosen) == 2 and "B1" in chosen  # Team B's only child over 12 months
    assert set(chosen) <= {"A1", "A2", "B1"}  # A3 and B2 are on plans of under 12 months
    assert sampled(draw(world, sample_size=10)) == ["A1", "A2", "B1"]


def test_an_audit_records_grades_worker_and_team_and_a_concern_goes_to_the_team_manager(world):
    programme = draw(world, sample_size=3)
    domains = {d.title: d.pk for d in world["tool"].domains.all()}
    audit = services.audit_record(
        by=world["manager"], child=world["children"]["A1"], programme=programme, audit_date=date(2026, 12, 3),
        auditor_grade="good", domain_grades={domains["Safety"]: "good", domains["Voice of the child"]: "inadequate"},
        safeguarding_concern="Father has returned home", today=TODAY,
    )  # fmt: skip
    assert (audit.auditor_name, audit.worker_name, audit.team_name, audit.theme) == (
        "Tess Manager", "Alex Able", "Team A", "Drift")  # fmt: skip
    assert sorted(audit.domain_grades.values_list("grade", flat=True)) == ["good", "inadequate"]
    [concern] = AuditAction.objects.filter(audit=audit)
    assert (concern.safeguarding, concern.owner, concern.due_date) == (True, world["manager_worker"], TODAY)


def test_refusals_name_the_field_and_save_nothing(world):
    programme = draw(world)
    outsider = world["children"]["B2"]
    with pytest.raises(ValidationError) as refused:
        services.audit_record(by=world["qa"], child=outsider, programme=programme, audit_date=date(2026, 12, 5),
                              auditor_grade="goood", today=TODAY)  # fmt: skip
    assert set(refused.value.message_dict) == {"audit_date", "auditor_grade", "out_of_sample_reason"}
    assert CaseAudit.objects.count() == 0
    audit = services.audit_record(by=world["qa"], child=outsider, programme=programme, audit_date=TODAY,
                                  auditor_grade="good", out_of_sample_reason="Raised at the team meeting",
                                  today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.audit_moderate(by=world["qa"], audit=audit, moderated_grade="good", reason="", moderation_date=TODAY,
                                today=TODAY)  # fmt: skip
    assert refused.value.message_dict == {
        "moderated_grade": ["An audit is moderated by someone other than its auditor"],
        "reason": ["Say why the grade stands or changes"],
    }
    with pytest.raises(ValidationError) as refused:
        services.audit_action_add(by=world["qa"], audit=audit, action="Review the plan", owner=None,
                                  due_date=date(2026, 12, 1))  # fmt: skip
    assert refused.value.message_dict == {"due_date": ["The due date must be the same as or after the audit"]}
    left = world["worker_a"]
    from tests.factories import resave

    resave(left, end_date=date(2026, 11, 30))
    with pytest.raises(ValidationError) as refused:
        services.audit_action_add(by=world["qa"], audit=audit, action="x", owner=left, due_date=TODAY)
    assert refused.value.message_dict == {"owner": ["Alex Able has left: choose someone in post"]}
    assert AuditAction.objects.count() == 0


def test_moderation_by_another_lowers_the_grade_and_actions_close(world):
    audit = services.audit_record(by=world["manager"], child=ChildFactory(), audit_date=TODAY, auditor_grade="good",
                                  today=TODAY)  # fmt: skip
    services.audit_moderate(by=world["qa2"], audit=audit, moderated_grade="requires_improvement",
                            reason="Plan not reviewed since June", moderation_date=TODAY, today=TODAY)  # fmt: skip
    audit.refresh_from_db()
    assert (audit.moderator_name, audit.final_grade) == ("Mo Derate", "requires_improvement")
    action = services.audit_action_add(by=world["qa2"], audit=audit, action="Review the plan", owner=None,
                                       due_date=date(2026, 12, 18))  # fmt: skip
    services.audit_action_done(by=world["manager"], action=action, done_on=TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="already recorded as done"):
        services.audit_action_done(by=world["manager"], action=action, done_on=TODAY, today=TODAY)


def test_a_new_tool_version_keeps_the_old_one_for_its_audits(world):
    audit = services.audit_record(by=world["qa"], child=ChildFactory(), audit_date=TODAY, auditor_grade="good",
                                  today=TODAY)  # fmt: skip
    newer = services.audit_tool_create(by=world["qa"], name="Practice audit", domains=[("Safety", ["New?"])])
    audit.refresh_from_db()
    assert (newer.version, audit.tool.version, audit.tool.domains.count()) == (2, 1, 2)
