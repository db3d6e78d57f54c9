"""The synthetic authority generator: plan every family, staff the teams to the work, allocate, then write.

    generate(size="small", seed=1)  ->  {table: rows written}

Deterministic per seed and `today`: all randomness comes from random.Random instances seeded from `seed`
(one per family, one for the master list of families, one each for providers, workforce, allocation and
supervision, and one per child for health, education, permanence and leaving-care work)
and from Faker seeded with `seed`. Everything runs in one transaction, so a killed run changes nothing.
"""

import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TextIO

from django.apps import apps
from django.db import connection, models, transaction

from lantern.accounts.models import User
from lantern.audits.models import AuditDomain, AuditProgramme, AuditTool
from lantern.core.models import AuthoritySettings
from lantern.core.writing import writing
from lantern.demo.allocate import allocate
from lantern.demo.audits import add_audits
from lantern.demo.casework import write_casework
from lantern.demo.children import FamilySpec, plan_family
from lantern.demo.establishment import write_establishment
from lantern.demo.figures import SIZES, Size
from lantern.demo.improvement import write_improvement_plan
from lantern.demo.missingwork import add_missing_work
from lantern.demo.places import DISTRICTS
from lantern.demo.records import Staff, emit_family
from lantern.demo.reforms import add_reforms
from lantern.demo.users import ensure_users, link_workers
from lantern.demo.workforce import Workforce, plan_supervisions
from lantern.demo.world import FRONT_DOOR, World, build_world
from lantern.demo.writer import RECORD_ORDER, Writer, table
from lantern.dfe_api.models import ChildSubmission, PayloadRefresh, SendRun
from lantern.performance.services import backfill_snapshots
from lantern.workforce.models import Service, Supervision, Team, Worker

# Calibration of the master list (measured on the small size): referrals each referred family brings in,
# and contact-only families per referral, so contacts come to ~3 per referral.
REFERRALS_PER_FAMILY = 2.2
CONTACT_FAMILIES_PER_REFERRAL = 0.45
FAMILY_SIZES = ([1, 2, 3, 4], [55, 25, 13, 7])
FAMILIES_PER_FLUSH = 400


def generate(*, size: str, seed: int, today: date | None = None, stdout: TextIO | None = None) -> dict[str, int]:
    """Build a whole synthetic authority; returns rows written per table."""
    if size not in SIZES:
        raise ValueError(f"Unknown size {size!r}; choose from {', '.join(SIZES)}")
    today = today or date.today()
    log = stdout or sys.stdout
    # The synthetic authority is written in bulk, not through the forms' services: it is made to be valid.
    with writing("demo generator"), transaction.atomic(), sqlite_page_cache():
        return _generate(SIZES[size], seed, today, log)


@contextmanager
def sqlite_page_cache(kib: int = 256 * 1024) -> Iterator[None]:
    """A bigger SQLite page cache while generating: one long transaction otherwise spills and rewrites the
    same index pages to the WAL again and again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        # Not after a failed write: the transaction is broken, and the error that broke it is the one to see.
        if not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _say(log: TextIO, started: float, message: str) -> None:
    log.write(f"[{time.monotonic() - started:6.1f}s] {message}\n")
    log.flush()


def family_specs(w: World) -> list[FamilySpec]:
    """The master list: who arrives when, from the master random."""
    rng = random.Random(w.seed)
    size, start, today = w.size, w.start, w.today
    warm_start = start - timedelta(days=365)  # a year before the window, so cases are open when it opens
    span = (today - warm_start).days
    specs: list[FamilySpec] = []
    next_child = 0

    def add(mode: str, first: date, n: int) -> None:
        nonlocal next_child
        specs.append(FamilySpec(len(specs), mode, first, n, next_child))
        next_child += n

    referrals = size.referrals_per_year * span / 365
    for _ in range(round(referrals / REFERRALS_PER_FAMILY)):
        add("referral", warm_start + timedelta(days=rng.randrange(span)), rng.choices(*FAMILY_SIZES)[0])
    for _ in range(round(referrals * 0.004)):
        add("uasc", warm_start + timedelta(days=rng.randrange(span)), 1)
    for _ in range(round(size.children_in_care * 0.85)):
        add("cla_stock", start, 1)
    for _ in range(round(size.children_in_care * 0.4)):
        add("leaver_stock", start, 1)
    window = (today - start).days
    contacts = size.referrals_per_year * window / 365 * CONTACT_FAMILIES_PER_REFERRAL
    for _ in range(round(contacts)):
        add("contact", start + timedelta(days=rng.randrange(window)), rng.choices([1, 2, 3], [70, 20, 10])[0])
    for _ in range(size.adoptions):
        add("adoption", start + timedelta(days=rng.randrange(120)), 1)
    return specs


def _generate(size: Size, seed: int, today: date, log: TextIO) -> dict[str, int]:
    started = time.monotonic()
    w = build_world(size, seed, today)
    _say(log, started, f"Generating {size.authority}: {size.years} years to {today:%d %b %Y}, seed {seed}")
    specs = family_specs(w)
    kept: list[FamilySpec] = []
    needs = []
    for spec in specs:
        family = plan_family(w, spec)
        if spec.first < w.start and spec.mode == "referral":
            last = family.has_activity_from
            if last is not None and last < w.start:
                continue  # a warm-up family whose story ended before the window opened
        kept.append(spec)
        needs.extend((c.index, c.slot, need) for c in family.children for need in c.needs)
    _say(log, started, f"Planned {len(kept)} families")

    force = Workforce(w)
    force.staff(needs)
    allocations = allocate(force, needs)
    linked = link_workers(force, allocations)
    _say(log, started, f"Staffed {len(force.teams)} teams with {len(force.workers)} workers over the years")

    out = Writer()
    authority(size)
    out.counts[table(AuthoritySettings)] = 1
    users = ensure_users(w, force, linked)
    out.counts["accounts_user"] = len(users)
    staff = write_staff(out, force, users)
    step = max(FAMILIES_PER_FLUSH, len(kept) // 10 // FAMILIES_PER_FLUSH * FAMILIES_PER_FLUSH)
    for start in range(0, len(kept), FAMILIES_PER_FLUSH):
        for spec in kept[start : start + FAMILIES_PER_FLUSH]:
            emit_family(out, staff, plan_family(w, spec), allocations, today)
        out.flush()
        done = min(len(kept), start + FAMILIES_PER_FLUSH)
        if done % step == 0 and done < len(kept):
            _say(log, started, f"Wrote {done} of {len(kept)} families ({sum(out.counts.values())} rows)")
    write_casework(out, users, today, seed)
    add_missing_work(out, seed=w.seed, today=today)
    add_reforms(out, seed=w.seed, today=today)
    add_audits(out, seed=w.seed, today=today, sample_size=12 if size.name != "large" else 40)
    write_establishment(out, seed=w.seed, today=today)
    _say(log, started, f"Wrote {sum(out.counts.values())} rows")
    _say(log, started, f"Kept {backfill_snapshots(as_of=today, weeks=12)} weeks of performance snapshots")
    _say(log, started, f"Kept {write_improvement_plan(users, today)} monthly RAGs of the improvement plan's actions")
    return dict(sorted(out.counts.items()))


def authority(size: Size) -> None:
    settings = AuthoritySettings.current()
    settings.name = size.authority
    settings.ons_code, settings.lea_code = "E06000035", "887"
    settings.postcode_areas = ",".join(DISTRICTS)
    settings.save()


def write_staff(out: Writer, force: Workforce, users: dict[str, User]) -> Staff:
    services = out.write_now([Service(name=name) for name in force.services])
    teams = out.write_now([Team(name=t.name, kind=t.kind, service=services[t.service]) for t in force.teams])
    workers = out.write_now(
        [
            Worker(
                user=users.get(p.user_role),
                first_name=p.first_name,
                last_name=p.last_name,
                role=p.role,
                team=teams[p.team],
                employment=p.employment,
                fte=p.fte,
                registration_number=p.registration,
                start_date=p.start,
                end_date=p.end,
            )
            for p in force.workers
        ]
    )
    out.write_now(
        [
            Supervision(worker=workers[p], supervisor=workers[s] if s is not None else None, held_on=on)
            for p, s, on in plan_supervisions(force)
        ]
    )
    return Staff(teams, workers, teams[force.by_kind[FRONT_DOOR][0]])


def generated_models() -> list[type[models.Model]]:
    """Every model the generator fills, plus any installed model that points at one (deleted with them),
    ordered so that rows pointing at others go first."""
    # The DfE API's send log names children by LA child id only: it goes with the children it describes.
    chosen = set(RECORD_ORDER) | {Worker, Team, Service, Supervision, ChildSubmission, SendRun, PayloadRefresh}
    # The audit tool and its programmes name no child, and go with the audits they hold.
    chosen |= {AuditTool, AuditDomain, AuditProgramme}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model in chosen:
                continue
            for f in model._meta.concrete_fields:
                if f.is_relation and f.related_model in chosen and f.remote_field.on_delete is not models.SET_NULL:
                    chosen.add(model)
                    grew = True
                    break
    ordered: list[type[models.Model]] = []
    remaining = set(chosen)
    while remaining:
        for model in sorted(remaining, key=lambda m: m._meta.label):
            pointed_at = any(
                f.is_relation and f.related_model is model
                for other in remaining - {model}
                for f in other._meta.concrete_fields
            )
            if not pointed_at:
                ordered.append(model)
                remaining.remove(model)
                break
        else:
            raise RuntimeError("Circular references among generated models")
    return ordered


def wipe() -> dict[str, int]:
    """Delete all generated data with plain SQL (no per-row signals, no audit entries). Call inside a transaction."""
    targets = generated_models()
    deleted: dict[str, int] = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model in targets:
                continue
            for f in model._meta.concrete_fields:
                if f.is_relation and f.related_model in targets and f.null:
                    model.objects.filter(**{f"{f.name}__isnull": False}).update(**{f.name: None})
        for model in targets:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            deleted[model._meta.db_table] = cursor.rowcount
    return deleted
