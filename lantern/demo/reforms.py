"""The demo's share of the 2025–26 reforms: deprivation of liberty orders for a few children in registered homes
(one placed where an order cannot be served, as the record and the checks flag), information sharing decisions
(some not to share, each with its reason), and a history of sends to the DfE's child-level API, the last of which
had a batch refused, so the analyst's page has something to show."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from lantern.care.models import CareEpisode
from lantern.demo.writer import Writer
from lantern.dfe_api.models import ChildSubmission, SendRun
from lantern.dfe_api.selectors import cohort_ids, payloads
from lantern.dfe_api.spec import BATCH_SIZE, payload_hash
from lantern.dfe_api.tracking import refresh_states
from lantern.journey.models import Referral
from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.sharing.models import SharingDecision

ORDERS = 4  # in K2 homes; and one more in a K3 home, where an order cannot be served
COURTS = ["Family Court at Medway", "Family Court at Chelmsford", "High Court, Family Division"]
SHARED_WITH = ["School designated safeguarding lead", "Police public protection unit", "Health visiting service",
               "GP practice", "Youth justice service", "CAMHS"]  # fmt: skip
INFORMATION = ["Outcome of the strategy discussion", "The child protection plan", "School attendance concerns",
               "Assessment summary", "Missing episode details"]  # fmt: skip
NOT_SHARED_REASONS = [
    "Parent withdrew consent and the threshold for sharing without consent was not met",
    "The agency has no role with the child",
    "Sharing would place the child at greater risk",
]
SHARING_SHARE = 0.08  # of children with an open referral
NOT_SHARED = 0.15
SEND_DAYS = 7


def add_reforms(out: Writer, *, seed: int, today: date) -> None:
    rng = random.Random(f"{seed}-reforms")
    _orders(out, rng, today)
    _sharing(out, rng, today)
    _api_history(rng, today)


def _orders(out: Writer, rng: random.Random, today: date) -> None:
    open_episodes = CareEpisode.objects.filter(end_date__isnull=True, child__date_of_birth__lte=today - timedelta(
        days=10 * 365
    ))  # fmt: skip
    homes = list(open_episodes.filter(placement_type="K2").order_by("pk").values_list("child_id", "start_date"))
    unfit = list(open_episodes.filter(placement_type="K3").order_by("pk").values_list("child_id", "start_date"))
    chosen = rng.sample(homes, min(ORDERS, len(homes))) + rng.sample(unfit, min(1, len(unfit)))
    orders = []
    for child_id, started in chosen:
        start = min(started + timedelta(days=rng.randint(3, 40)), today)
        orders.append(DeprivationOfLibertyOrder(child_id=child_id, start_date=start, court=rng.choice(COURTS),
                                                accommodation="The child's current children's home"))  # fmt: skip
    out.write_now(orders)


def _sharing(out: Writer, rng: random.Random, today: date) -> None:
    open_referrals = Referral.objects.filter(closure_date__isnull=True).order_by("pk")
    referred = open_referrals.values_list("child_id", "referral_date")
    decisions = []
    for child_id, referred_on in referred:
        if rng.random() >= SHARING_SHARE:
            continue
        shared = rng.random() >= NOT_SHARED
        decided = min(referred_on + timedelta(days=rng.randint(0, 30)), today)
        decisions.append(
            SharingDecision(
                child_id=child_id,
                decided_on=decided,
                information=rng.choice(INFORMATION),
                shared_with=rng.choice(SHARED_WITH),
                shared=shared,
                reason_not_shared="" if shared else rng.choice(NOT_SHARED_REASONS),
            )  # fmt: skip
        )
    out.write_now(decisions)


def _api_history(rng: random.Random, today: date) -> None:
    """A week of daily sends: every cohort child accepted by yesterday, except one batch refused (HTTP 413) on the
    last send, which is therefore pending today with its error."""
    refresh_states(today)
    children = cohort_ids(today)
    last = timezone.make_aware(datetime.combine(today - timedelta(days=1), time(2, 0)))
    rows = []
    for _, payload in payloads(children):
        rows.append(ChildSubmission(la_child_id=payload["la_child_id"], mis_child_id=payload["mis_child_id"],
                                    sent_payload=payload, sent_hash=payload_hash(payload), sent_at=last,
                                    dfe_response=f"{last:%Y-%m-%d_%H:%M:%S.%f}_demo", status="sent",
                                    attempted_at=last))  # fmt: skip
    refused = rng.sample(range(len(rows)), min(BATCH_SIZE, len(rows)))
    for index in refused:
        row = rows[index]
        row.sent_payload, row.sent_hash, row.sent_at, row.dfe_response = None, "", None, ""
        row.status, row.error = "error", "the DfE answered HTTP 413"
    ChildSubmission.objects.bulk_create(rows, batch_size=500)
    for days_ago in range(SEND_DAYS, 0, -1):
        started = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(2, 0)))
        failed = len(refused) if days_ago == 1 else 0
        sent = rng.randint(40, 400) if days_ago < SEND_DAYS else len(rows) - len(refused)
        SendRun.objects.create(
            finished_at=started + timedelta(minutes=rng.randint(2, 9)), status="partly" if failed else "done",
            pending=sent + failed, sent=sent, failed=failed, batches=-(-(sent + failed) // BATCH_SIZE),
            requests=-(-(sent + failed) // BATCH_SIZE) + 1, error="" if not failed else "",
        )  # fmt: skip
        SendRun.objects.filter(pk=SendRun.objects.order_by("-pk").values("pk")[:1]).update(started_at=started)
