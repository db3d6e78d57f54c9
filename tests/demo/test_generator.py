"""The generator: deterministic per seed, and everything it writes is valid by the models' own rules and the
domain rules the statutory returns will check."""

import hashlib
import io

import pytest
from django.db import transaction

from lantern.demo.generator import generate
from lantern.demo.writer import RECORD_ORDER, table
from lantern.people.models import Child
from tests.demo.checks import domain_failures, full_clean_failures, statutory_failures
from tests.demo.conftest import SEED, TODAY, build

pytestmark = pytest.mark.django_db


def digest() -> str:
    h = hashlib.sha256()
    for child in Child.objects.order_by("la_child_id").prefetch_related("referrals"):
        dates = sorted(r.referral_date.isoformat() for r in child.referrals.all())
        h.update(repr((child.la_child_id, child.first_name, child.last_name, child.date_of_birth, dates)).encode())
    return h.hexdigest()


def run_and_digest(seed: int) -> tuple[dict[str, int], str]:
    with transaction.atomic():
        counts = build(seed=seed)
        result = counts, digest()
        transaction.set_rollback(True)
    return result


def test_it_gives_the_same_authority_for_the_same_seed():
    first = run_and_digest(SEED)
    second = run_and_digest(SEED)
    assert first == second
    assert first[0]["people_child"] > 100


def test_it_gives_a_different_authority_for_a_different_seed():
    assert run_and_digest(SEED)[1] != run_and_digest(SEED + 1)[1]


def test_it_reports_the_rows_it_wrote(tiny):
    for model in RECORD_ORDER:
        assert tiny[table(model)] == model.objects.count(), model.__name__


def test_it_passes_full_clean_on_every_object(tiny):
    assert full_clean_failures() == []


def test_it_keeps_the_domain_rules(tiny):
    assert domain_failures(TODAY) == []


def test_it_rejects_an_unknown_size():
    with pytest.raises(ValueError, match="Unknown size"):
        generate(size="enormous", seed=1, today=TODAY, stdout=io.StringIO())


def test_it_keeps_the_rules_the_statutory_validators_check(tiny):
    assert statutory_failures(TODAY) == []


def test_the_demo_holds_the_reforms_orders_sharing_decisions_and_a_week_of_dfe_api_sends(tiny):
    from lantern.dfe_api.models import ChildSubmission, SendRun
    from lantern.dfe_api.tracking import counts
    from lantern.liberty.models import DeprivationOfLibertyOrder
    from lantern.sharing.models import SharingDecision

    assert DeprivationOfLibertyOrder.objects.exists()
    assert SharingDecision.objects.exists()
    assert not SharingDecision.objects.filter(shared=False, reason_not_shared="").exists()
    last = SendRun.objects.first()
    failed = ChildSubmission.objects.filter(status="error")
    assert (last.status, last.failed) == ("partly", failed.count())
    assert counts()["new"] == failed.count() > 0  # the refused batch is pending today


def test_the_demo_holds_a_year_of_audits_whose_moderation_lowers_about_a_third(tiny):
    from lantern.audits.grades import RANK
    from lantern.audits.models import AuditProgramme, CaseAudit

    assert AuditProgramme.objects.count() == 12
    moderated = list(CaseAudit.objects.exclude(moderated_grade="").values_list("auditor_grade", "moderated_grade"))
    assert moderated
    lowered = sum(RANK[second] > RANK[first] for first, second in moderated)
    assert 0 < lowered < len(moderated)
    assert not CaseAudit.objects.exclude(moderated_grade="").filter(moderator_name="").exists()
