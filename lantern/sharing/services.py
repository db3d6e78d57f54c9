from datetime import date

from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child
from lantern.sharing.models import SharingDecision


@service
def sharing_decision_record(
    *,
    by,
    child: Child,
    decided_on: date,
    information: str,
    shared_with: str,
    shared: bool,
    reason_not_shared: str = "",
    today: date | None = None,
) -> SharingDecision:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("decided_on", decided_on, "The date of the decision", today=today)
    if not information.strip():
        refusal.add("information", "Say what information the decision is about")
    if not shared_with.strip():
        refusal.add("shared_with", "Say who it was, or would have been, shared with")
    if not shared and not reason_not_shared.strip():
        refusal.add("reason_not_shared", "Say why the information was not shared: the duty to share asks for it")
    refusal.raise_if_any()
    decision = SharingDecision(
        child=child, decided_on=decided_on, information=information.strip(), shared_with=shared_with.strip(),
        shared=shared, reason_not_shared="" if shared else reason_not_shared.strip(), decided_by=by,
    )  # fmt: skip
    return save_checked(decision, by=by)
