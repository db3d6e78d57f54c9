"""Quality of practice: audit grades, moderation lowering them, and decisions not to share, counted by hand."""

from datetime import date

import pytest

from lantern.audits.models import CaseAudit
from lantern.performance.definitions import MEASURES
from lantern.performance.selectors import evaluate
from lantern.sharing.models import SharingDecision
from tests.factories import ChildFactory, make
from tests.performance.conftest import AS_OF

pytestmark = pytest.mark.django_db


def counted(measure_id: str) -> tuple[int, int]:
    _, result = evaluate(MEASURES[measure_id], AS_OF)
    return result.numerator, result.denominator


def test_audit_grades_use_the_moderated_grade_and_count_lowering(db):
    child = ChildFactory()

    def audit(first: str, moderated: str = "", on: date = date(2026, 1, 10)):
        make(CaseAudit, child=child, audit_date=on, auditor_name="A", auditor_grade=first, moderated_grade=moderated,
             moderator_name="M" if moderated else "")  # fmt: skip

    audit("good")  # good
    audit("good", "requires_improvement")  # lowered: not good
    audit("requires_improvement", "good")  # raised: good
    audit("outstanding", "outstanding")  # good
    audit("good", on=date(2024, 1, 1))  # before the 12 months: not counted
    assert counted("audits_good_or_better") == (3, 4)
    assert counted("audits_lowered_by_moderation") == (1, 3)


def test_decisions_not_to_share_and_none_at_all(db):
    assert MEASURES["sharing_not_shared"] and counted("sharing_not_shared") == (0, 0)  # "no children" on the page
    child = ChildFactory()
    for shared in (True, True, False):
        make(SharingDecision, child=child, decided_on=date(2026, 2, 1), information="x", shared_with="y",
             shared=shared, reason_not_shared="" if shared else "No consent")  # fmt: skip
    assert counted("sharing_not_shared") == (1, 3)
