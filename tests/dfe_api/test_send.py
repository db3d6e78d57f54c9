"""End to end against the stand-in endpoint: batches of 100, the token, retries, and failures kept per child."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lantern.dfe_api.models import ChildSubmission, SendRun
from lantern.dfe_api.services import dfe_api_send
from lantern.dfe_api.tracking import pending
from lantern.dfe_api.wire import ApiNotConfigured
from tests.dfe_api.conftest import TODAY
from tests.factories import ChildFactory, ReferralFactory

NO_WAIT = (0, 0, 0)


def referred(count: int) -> None:
    for _ in range(count):
        ReferralFactory(child=ChildFactory(), referral_date=date(2026, 6, 1))


def test_250_children_go_in_three_batches_with_one_token_and_are_then_not_pending(db, dfe):
    referred(250)
    run = dfe_api_send(today=TODAY, delays=NO_WAIT)
    assert [len(batch) for batch in dfe.batches] == [100, 100, 50]
    assert (run.status, run.sent, run.failed, run.batches, run.requests) == ("done", 250, 0, 3, 4)
    assert dfe.tokens == 1
    sent = ChildSubmission.objects.filter(status="sent")
    assert sent.count() == 250
    assert all(s.dfe_response.startswith("20") for s in sent)
    assert pending(TODAY) == []


def test_a_429_is_retried_and_then_accepted(in_care, dfe):
    dfe.script = [429, 429]
    run = dfe_api_send(today=TODAY, delays=NO_WAIT)
    assert (run.status, run.sent, run.requests) == ("done", 2, 4)  # token + 2 refused + 1 accepted
    assert len(dfe.batches) == 1


def test_an_expired_token_is_asked_for_again(in_care, dfe):
    dfe.script = [401]
    run = dfe_api_send(today=TODAY, delays=NO_WAIT)
    assert (run.status, run.sent, dfe.tokens) == ("done", 2, 2)


def test_a_413_fails_the_batch_keeps_each_childs_error_and_leaves_them_pending(in_care, dfe):
    dfe.script = [413]
    run = dfe_api_send(today=TODAY, delays=NO_WAIT)
    assert (run.status, run.sent, run.failed) == ("failed", 0, 2)
    errors = dict(ChildSubmission.objects.values_list("la_child_id", "error"))
    assert errors == {"BEN1": "the DfE answered HTTP 413", "CARA1": "the DfE answered HTTP 413"}
    assert [(p.la_child_id, p.reason, p.last_error) for p in pending(TODAY)] == [
        ("BEN1", "new", "the DfE answered HTTP 413"),
        ("CARA1", "new", "the DfE answered HTTP 413"),
    ]
    run = dfe_api_send(today=TODAY, delays=NO_WAIT)  # the next day's send takes them
    assert (run.status, run.sent) == ("done", 2)
    assert ChildSubmission.objects.filter(error="").count() == 2


def test_retries_that_never_succeed_fail_the_batch(in_care, dfe):
    dfe.script = [429, 429, 429, 429]
    run = dfe_api_send(today=TODAY, delays=NO_WAIT)
    assert (run.status, run.failed, run.requests) == ("failed", 2, 5)
    assert ChildSubmission.objects.get(la_child_id="CARA1").error == "the DfE answered HTTP 429"


def test_an_answer_that_does_not_match_the_batch_keeps_the_whole_batch_pending(in_care, dfe):
    dfe.short_answer = True
    run = dfe_api_send(today=TODAY, delays=NO_WAIT)
    assert (run.status, run.sent, run.failed) == ("failed", 0, 2)
    assert ChildSubmission.objects.get(la_child_id="BEN1").error == (
        "the DfE acknowledged 1 of 2 records: the batch is kept pending"
    )
    assert len(pending(TODAY)) == 2


def test_missing_credentials_send_nothing_and_say_which(in_care, dfe, monkeypatch):
    monkeypatch.delenv("LANTERN_DFE_API_CLIENT_SECRET")
    monkeypatch.delenv("LANTERN_DFE_API_SUPPLIER_KEY")
    with pytest.raises(ApiNotConfigured, match="LANTERN_DFE_API_CLIENT_SECRET, LANTERN_DFE_API_SUPPLIER_KEY"):
        dfe_api_send(today=TODAY)
    assert (SendRun.objects.count(), ChildSubmission.objects.count(), dfe.tokens) == (0, 0, 0)
    with pytest.raises(CommandError, match="LANTERN_DFE_API_CLIENT_SECRET"):
        call_command("dfe-api", "send", "--today", "2026-12-04")


def test_a_dry_run_counts_and_sends_nothing(in_care, dfe):
    out = StringIO()
    call_command("dfe-api", "send", "--dry-run", "--today", "2026-12-04", stdout=out)
    assert out.getvalue().startswith("Dry run: 2 pending, 0 sent")
    assert dfe.batches == [] and ChildSubmission.objects.count() == 0


def test_pending_json_and_preview(in_care, dfe):
    out = StringIO()
    call_command("dfe-api", "pending", "--json", "--today", "2026-12-04", stdout=out)
    assert json.loads(out.getvalue()) == [
        {"la_child_id": "BEN1", "reason": "new"},
        {"la_child_id": "CARA1", "reason": "new"},
    ]
    out = StringIO()
    call_command("dfe-api", "preview", "--child", "CARA1", stdout=out)
    assert json.loads(out.getvalue())["child_details"]["first_name"] == "Cara"
    with pytest.raises(CommandError, match="No child with LA child id 'NOPE'"):
        call_command("dfe-api", "preview", "--child", "NOPE")


def test_pending_lists_field_by_field(in_care, dfe):
    dfe_api_send(today=TODAY, delays=NO_WAIT)
    from tests.factories import resave

    resave(in_care["cara"], first_name="Carah")
    out, err = StringIO(), StringIO()
    call_command("dfe-api", "pending", "--today", "2026-12-04", stdout=out, stderr=err)
    assert out.getvalue().splitlines() == ["CARA1  changed", "    child_details.first_name"]
    assert err.getvalue().startswith("1 pending (0 new, 1 changed, 0 purge)")
