"""The stored open clocks (`OpenClock`): rebuilt for everyone nightly, and for a child whenever their record changes.

Working out every clock reads every record of every child: seconds for a small authority, minutes for a large one.
My work and the team view work their clocks out live (a few hundred children); the service and authority views
count this table instead, so their counts come back in well under a second whatever the authority's size.

- `refresh_all(as_of)`: the whole table, from one bulk read. Children whose records change while it runs are worked
  out again at the end, so a rebuild never puts back what a worker has just cleared.
- `refresh_children(ids, as_of)`: after a write. Any case record saved (or deleted) through the ORM marks its child;
  the child's clocks are worked out again once the transaction commits (`track_changes`); the importers save
  record by record, so they are covered. The generator writes in bulk, without signals, and rebuilds at its end.
- `is_ready(as_of)`: the views read the table only for today, and only while the last rebuild stands (a change to
  a closure day, a local timescale or the warning window invalidates it and queues a rebuild in the background;
  so does a view that finds no rebuild for today, in case the nightly one did not run: `for_views`).
"""

import threading
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from lantern.people.models import Child
from lantern.timescales.clocks import Clock, Evaluator, child_clocks
from lantern.timescales.facts import SOURCES, load_all_facts, load_facts
from lantern.timescales.models import ClockRefresh, DriftSetting, OpenClock, TimescaleSetting
from lantern.workingdays.calendar import WorkingCalendar
from lantern.workingdays.models import ClosureDay

BATCH = 5000
# Records whose change can start, stop or move a clock: everything the clocks read, and the child.
WATCHED = {model for _, model, _ in SOURCES} | {Child}
# Settings whose change moves due dates or the warning window for every child.
SETTINGS = (ClosureDay, TimescaleSetting, DriftSetting)


def _evaluator(as_of: date) -> Evaluator:
    from lantern.timescales.selectors import evaluator

    return evaluator(as_of=as_of)


def _moment(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.combine(value, datetime.min.time()))


class _DueSoonFrom:
    """The first day on which a clock due on a given day is inside the warning window (cached per due day)."""

    def __init__(self, calendar: WorkingCalendar, window: int) -> None:
        self.calendar = calendar
        self.window = window
        self.cache: dict[date, date] = {}

    def __call__(self, due: date) -> date:
        found = self.cache.get(due)
        if found is None:
            # working_days_between(d, due) only grows as d moves back: step back while still inside the window.
            found = due
            while self.calendar.working_days_between(found - timedelta(days=1), due) <= self.window:
                found -= timedelta(days=1)
            self.cache[due] = found
        return found


def _rows(clocks: Iterable[Clock], ev: Evaluator, due_soon_from: _DueSoonFrom) -> list[OpenClock]:
    return [
        OpenClock(
            child_id=clock.child_id,
            rule_id=clock.rule.id,
            subject=clock.subject[:200],
            started=_moment(clock.started),
            started_has_time=isinstance(clock.started, datetime),
            started_on=clock.started_date,
            due=_moment(clock.due),
            due_on=clock.due_date,
            due_soon_from=due_soon_from(clock.due_date),
            due_has_time=isinstance(clock.due, datetime),
            target_kind=clock.target_kind,
            target_id=clock.target_id,
            worked_out_on=ev.as_of,
        )
        for clock in clocks
        if clock.live and clock.is_open
    ]


def _open_clocks(facts: dict, ev: Evaluator) -> list[OpenClock]:
    due_soon_from = _DueSoonFrom(ev.calendar, ev.due_soon)
    rows: list[OpenClock] = []
    for child_facts in facts.values():
        rows.extend(_rows(child_clocks(child_facts, ev), ev, due_soon_from))
    return rows


def refresh_children(child_ids: Iterable[int], *, as_of: date) -> int:
    """Work out again the open clocks of these children; returns how many they have now."""
    ids = sorted(set(child_ids))
    if not ids:
        return 0
    ev = _evaluator(as_of)
    children = list(Child.objects.filter(pk__in=ids))
    rows = _open_clocks(load_facts(children), ev)
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            OpenClock.objects.filter(child_id__in=ids[start : start + BATCH]).delete()
        OpenClock.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def changed_since(moment: datetime) -> set[int]:
    """Children any of whose clock-bearing records were saved at or after `moment` (one query per kind)."""
    changed = set(Child.objects.filter(updated_at__gte=moment).values_list("pk", flat=True))
    for _, model, _ in SOURCES:
        changed.update(model.objects.filter(updated_at__gte=moment).values_list("child_id", flat=True))
    return changed


def refresh_all(*, as_of: date) -> ClockRefresh:
    """Rebuild the whole table for `as_of` and record the rebuild."""
    started = time.perf_counter()
    refresh = ClockRefresh.objects.create(started_at=timezone.now(), as_of=as_of)
    ev = _evaluator(as_of)
    facts = load_all_facts()
    rows = _open_clocks(facts, ev)
    with transaction.atomic():
        OpenClock.objects.all().delete()
        OpenClock.objects.bulk_create(rows, batch_size=BATCH)
    # Whatever was saved while the records were being read is worked out again from what is there now.
    late = changed_since(refresh.started_at)
    refresh_children(late, as_of=as_of)
    refresh.finished_at = timezone.now()
    refresh.children = len(facts)
    refresh.clocks = OpenClock.objects.count()
    refresh.seconds = round(time.perf_counter() - started, 2)
    refresh.save()
    return refresh


def last_refresh() -> ClockRefresh | None:
    return ClockRefresh.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


def is_ready(as_of: date, today: date) -> ClockRefresh | None:
    """The rebuild the views may count from on `as_of`, or None when they must work clocks out live."""
    if as_of != today:
        return None
    refresh = last_refresh()
    if refresh is None or refresh.invalidated_at is not None or refresh.as_of > as_of:
        return None
    return refresh


def for_views(as_of: date, today: date) -> ClockRefresh | None:
    """`is_ready`, and a rebuild queued in the background when today's is missing (so the next look is quick)."""
    refresh = is_ready(as_of, today)
    if as_of == today and (refresh is None or refresh.as_of < today):
        from lantern.timescales.tasks import queue_rebuild

        queue_rebuild()
    return refresh


def invalidate(reason: str) -> None:
    """The stored clocks no longer follow the rules: views work clocks out live until the queued rebuild ends."""
    from lantern.timescales.tasks import queue_rebuild

    stands = ClockRefresh.objects.filter(invalidated_at__isnull=True)
    stands.update(invalidated_at=timezone.now(), invalidated_by=reason)
    queue_rebuild()


# Keeping the table up to date as records change.

_pending = threading.local()


def _flush() -> None:
    ids = getattr(_pending, "ids", None)
    _pending.ids = None
    if not ids:
        return
    refresh = last_refresh()
    if refresh is None or refresh.invalidated_at is not None:
        return  # nobody reads the table until the next rebuild, which will see this change
    from lantern.core.services import local_today

    refresh_children(ids, as_of=local_today())


def _record_changed(sender, instance, **kwargs) -> None:
    child_id = instance.pk if sender is Child else getattr(instance, "child_id", None)
    if child_id is None:
        return
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.add(child_id)
    connection = transaction.get_connection()
    # One callback per transaction, however many records it saves. After a rollback Django forgets the callback
    # and the marks stay, to be worked out at the next commit: harmless, as it only recomputes.
    if not connection.in_atomic_block or not any(entry[1] is _flush for entry in connection.run_on_commit):
        transaction.on_commit(_flush)


def _settings_changed(sender, instance, **kwargs) -> None:
    name = sender._meta.verbose_name
    transaction.on_commit(lambda: invalidate(f"{name} changed"))


def track_changes() -> None:
    # Connected model by model: a receiver for every sender would also stop Django deleting other tables in bulk
    # (it loads rows to signal them one by one when anything listens), this table's rebuild among them.
    for model in WATCHED:
        label = model._meta.label_lower
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"timescales.store.saved.{label}")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"timescales.store.deleted.{label}")
    for model in SETTINGS:
        label = model._meta.label_lower
        post_save.connect(_settings_changed, sender=model, dispatch_uid=f"timescales.store.setting.{label}")
        post_delete.connect(_settings_changed, sender=model, dispatch_uid=f"timescales.store.unset.{label}")
