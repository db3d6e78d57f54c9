"""ssd_department (teams; the parent department is the team's service), ssd_professionals (workers) and
ssd_involvements (allocations of a worker to a child)."""

from lantern.core.services import local_today
from lantern.ssd import values
from lantern.ssd.services import ssd_record_save
from lantern.ssd.tables.base import Table, assign
from lantern.workforce.models import WORKER_CHANGE_REASONS, Allocation, AllocationRole, Service, Team, Worker
from lantern.workforce.services import allocation_from_return

# The SSD has no team kind: a new team is a child in need and child protection team until someone changes it.
DEFAULT_TEAM_KIND = Team.Kind.SAFEGUARDING
# The SSD has no service for a team without a parent department.
NO_PARENT = "Service not recorded in the SSD"


def _choice(row, column: str, choices, what: str) -> str:
    """A free-text SSD value matched to a Lantern choice by its code or its label (any case)."""
    value = (row.get(column) or "").strip()
    if not value:
        return ""
    for code, label in choices:
        if value.lower() in (code.lower(), str(label).lower()):
            return code
    row.problem(column, f"{value!r} is not a {what} Lantern knows ({', '.join(str(label) for _, label in choices)})")
    return ""


# --- ssd_department ------------------------------------------------------------------------------------------------


def read_department(importer, row) -> dict:
    parent = row.get("dept_team_parent_name") or NO_PARENT
    service = Service.objects.filter(name=parent).first()
    if service is None and not row.bad:
        service = ssd_record_save(by=importer.by, record=Service(name=parent))
        importer.result.created["services (from dept_team_parent_name)"] += 1
    return {"name": row.get("dept_team_name"), "service": service}


def export_department(exporter):
    for team in Team.objects.select_related("service"):
        yield team, {"dept_team_name": team.name, "dept_team_parent_name": team.service.name}


DEPARTMENT = Table(
    name="ssd_department",
    key="dept_team_id",
    columns=("dept_team_id", "dept_team_name", "dept_team_parent_id", "dept_team_parent_name"),
    model=Team,
    fields={"name": "dept_team_name", "service": "dept_team_parent_name"},
    read=read_department,
    create=lambda importer, row, wanted: ssd_record_save(by=importer.by, record=Team(kind=DEFAULT_TEAM_KIND, **wanted)),
    update=lambda importer, row, record, wanted: ssd_record_save(by=importer.by, record=assign(record, wanted)),
    export=export_department,
    kept=("dept_team_parent_id",),
    match=lambda ssd_id, row: Team.objects.filter(name=row.get("dept_team_name")).first() if row else None,
)

# --- ssd_professionals ---------------------------------------------------------------------------------------------


def read_professional(importer, row) -> dict:
    name = (row.get("prof_professional_name") or "").split(" ", 1)
    if len(name) < 2:
        row.problem("prof_professional_name", "Give the worker's first and last name")
        name = ["", ""]
    team_name = row.get("prof_professional_department")
    team = Team.objects.filter(name=team_name).first()
    if team is None:
        row.problem("prof_professional_department", f"{team_name!r} is not a team in ssd_department or in Lantern")
    agency = row.get("prof_agency_worker_flag", values.flag)
    fte = row.get("prof_full_time_equivalency", values.decimal)
    return {
        "first_name": name[0], "last_name": name[1], "team": team,
        "role": _choice(row, "prof_professional_job_title", Worker.Role.choices, "job title"),
        "registration_number": row.get("prof_social_worker_registration_no"),
        "employment": Worker.Employment.AGENCY if agency else Worker.Employment.PERMANENT,
        **({"fte": fte} if fte is not None else {}),
    }  # fmt: skip


def create_professional(importer, row, wanted: dict) -> Worker:
    # The SSD has no start date for a worker: the first involvement in the extract, else today.
    starts = [
        values.iso_date(other.cells.get("invo_involvement_start_date", ""))
        for other in importer.rows.get("ssd_involvements", [])
        if other.cells.get("invo_professional_id", "").strip() == row.id and not other.bad
    ]
    start = min((day for day in starts if day), default=local_today())
    return ssd_record_save(by=importer.by, record=Worker(start_date=start, **wanted))


def export_professional(exporter):
    for worker in Worker.objects.select_related("team"):
        yield (
            worker,
            {
                "prof_professional_name": f"{worker.first_name} {worker.last_name}",
                "prof_social_worker_registration_no": worker.registration_number,
                "prof_professional_job_title": str(Worker.Role(worker.role).label),
                "prof_professional_department": worker.team.name,
                "prof_full_time_equivalency": f"{worker.fte:.2f}",
                "prof_agency_worker_flag": values.out_flag(worker.employment == Worker.Employment.AGENCY),
            },
        )


PROFESSIONALS = Table(
    name="ssd_professionals",
    key="prof_professional_id",
    columns=(
        "prof_professional_id",
        "prof_staff_id",
        "prof_professional_name",
        "prof_social_worker_registration_no",
        "prof_professional_job_title",
        "prof_professional_caseload",
        "prof_professional_department",
        "prof_full_time_equivalency",
        "prof_agency_worker_flag",
    ),  # fmt: skip
    model=Worker,
    fields={
        "first_name": "prof_professional_name",
        "last_name": "prof_professional_name",
        "role": "prof_professional_job_title",
        "team": "prof_professional_department",
        "fte": "prof_full_time_equivalency",
        "employment": "prof_agency_worker_flag",
        "registration_number": "prof_social_worker_registration_no",
        "start_date": "prof_professional_id",
    },  # fmt: skip
    read=read_professional,
    create=create_professional,
    update=lambda importer, row, record, wanted: ssd_record_save(by=importer.by, record=assign(record, wanted)),
    export=export_professional,
    kept=("prof_staff_id", "prof_professional_caseload"),
)

REASON_CODES = [code for code, _ in WORKER_CHANGE_REASONS]

# --- ssd_involvements ----------------------------------------------------------------------------------------------


def read_involvement(importer, row) -> dict:
    worker = row.ref("invo_professional_id")
    team = row.ref("invo_professional_team") or (worker.team if worker else None)
    return {
        "child": row.ref("invo_person_id"),
        "worker": worker,
        "team": team,
        "role": _choice(row, "invo_professional_role_id", AllocationRole.choices, "worker role"),
        "start_date": row.get("invo_involvement_start_date", values.iso_date),
        "end_date": row.get("invo_involvement_end_date", values.iso_date),
        "end_reason": row.get("invo_worker_change_reason", values.code, REASON_CODES, "SW_REASON"),
    }


def export_involvement(exporter):
    for allocation in Allocation.objects.select_related("child", "worker", "team"):
        yield (
            allocation,
            {
                "invo_professional_id": exporter.id_of("ssd_professionals", allocation.worker),
                "invo_professional_role_id": str(AllocationRole(allocation.role).label),
                "invo_professional_team": exporter.id_of("ssd_department", allocation.team),
                "invo_involvement_start_date": values.out_date(allocation.start_date),
                "invo_involvement_end_date": values.out_date(allocation.end_date),
                "invo_worker_change_reason": allocation.end_reason,
                "invo_person_id": exporter.id_of("ssd_person", allocation.child),
            },
        )


INVOLVEMENTS = Table(
    name="ssd_involvements",
    key="invo_involvements_id",
    columns=(
        "invo_involvements_id",
        "invo_professional_id",
        "invo_professional_role_id",
        "invo_professional_team",
        "invo_involvement_start_date",
        "invo_involvement_end_date",
        "invo_worker_change_reason",
        "invo_person_id",
        "invo_referral_id",
    ),  # fmt: skip
    model=Allocation,
    fields={
        "child": "invo_person_id",
        "worker": "invo_professional_id",
        "team": "invo_professional_team",
        "role": "invo_professional_role_id",
        "start_date": "invo_involvement_start_date",
        "end_date": "invo_involvement_end_date",
        "end_reason": "invo_worker_change_reason",
    },  # fmt: skip
    refers={
        "invo_professional_id": "ssd_professionals",
        "invo_professional_team": "ssd_department",
        "invo_person_id": "ssd_person",
    },  # fmt: skip
    read=read_involvement,
    create=lambda importer, row, wanted: allocation_from_return(by=importer.by, record=Allocation(**wanted)),
    update=lambda importer, row, record, wanted: allocation_from_return(by=importer.by, record=assign(record, wanted)),
    export=export_involvement,
    kept=("invo_referral_id",),
)
