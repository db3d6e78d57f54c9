"""The Returns page: performance analysts run the CIN census, SSDA903 and Annex A as background jobs, read what the
validators found, and download the file.

Who may do what (checked here, on the server, for every page, fragment and download):
- performance analysts: everything;
- the director and QA: read the runs and their summaries (no new runs, no downloads: the files hold every child's
  details, restricted records included, and only the analysts submit them);
- everyone else gets 403 (administrators and the DPO read no records at all; casework roles work on their own
  children, not on authority-wide returns).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantern.accounts.roles import Role
from lantern.accounts.services import access_export_record
from lantern.returns import jobs, selectors, services
from lantern.returns.forms import bound_form, empty_forms
from lantern.returns.jobs import job_children, job_file
from lantern.returns.models import ReturnJob

RUN_ROLES = (Role.ANALYST,)
READ_ROLES = (Role.ANALYST, Role.DIRECTOR, Role.QA)
# Inspectors are given Annex A (DESIGN.md): they read and download its runs, and see no other return.
ANNEX_A_ROLES = (Role.INSPECTOR,)
CONTENT_TYPES = {
    ReturnJob.Kind.CIN_CENSUS: "application/xml",
    ReturnJob.Kind.SSDA903: "application/zip",
    ReturnJob.Kind.ANNEX_A: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
POLL_SECONDS = 2


def _may_read(request: HttpRequest) -> None:
    if not request.user.has_role(*READ_ROLES, *ANNEX_A_ROLES):
        raise PermissionDenied("Statutory returns are for performance analysts, QA and the director")


def _annex_a_only(request: HttpRequest) -> bool:
    return not request.user.has_role(*READ_ROLES)


def _may_download(request: HttpRequest, job: ReturnJob) -> bool:
    return _may_run(request) or (request.user.has_role(*ANNEX_A_ROLES) and job.kind == ReturnJob.Kind.ANNEX_A)


def _may_run(request: HttpRequest) -> bool:
    return request.user.has_role(*RUN_ROLES)


def _job(request: HttpRequest, pk: int) -> ReturnJob:
    job = selectors.job_by_id(pk)
    if job is None or (_annex_a_only(request) and job.kind != ReturnJob.Kind.ANNEX_A):
        raise Http404("No such return run")
    return job


@require_http_methods(["GET", "POST"])
@login_required
def index(request: HttpRequest) -> HttpResponse:
    _may_read(request)
    jobs.return_jobs_fail_stopped()
    forms = empty_forms()
    chosen = None
    if request.method == "POST":
        if not _may_run(request):
            raise PermissionDenied("Only performance analysts start return runs")
        chosen = request.POST.get("return", "")
        if chosen not in ReturnJob.Kind.values:
            raise Http404("No such return")
        form = bound_form(chosen, request.POST)
        forms[chosen] = form
        if form.is_valid():
            job = services.return_job_request(by=request.user, kind=chosen, **form.cleaned_data)
            return redirect("returns:job", pk=job.pk)
    return render(
        request,
        "returns/index.html",
        {
            "nav": "returns",
            "may_run": _may_run(request),
            "annex_a_only": _annex_a_only(request),
            "forms": [
                (kind, ReturnJob.Kind(kind).label, ReturnJob.Kind(kind).label.split(" (")[0], form)
                for kind, form in forms.items()
            ],
            "failed_form": forms[chosen] if chosen and forms[chosen].errors else None,
            "jobs": selectors.recent_jobs(kind=ReturnJob.Kind.ANNEX_A if _annex_a_only(request) else None),
        },
        status=400 if chosen and forms[chosen].errors else 200,
    )


def _job_context(request: HttpRequest, job: ReturnJob) -> dict:
    gave_up = selectors.worker_gave_up(job)
    may_run_again = _may_run(request) and (gave_up or job.status == ReturnJob.Status.FAILED)
    validation = job.validation or {}
    # A large authority can have thousands of children with a query: show them a page at a time.
    children_page = Paginator(validation.get("children", []), settings.LANTERN_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {
        "nav": "returns",
        "job": job,
        "gave_up": gave_up,
        "finished": job.is_finished or gave_up,
        "waiting_too_long": selectors.waiting_too_long(job),
        "may_download": _may_download(request, job) and job.status == ReturnJob.Status.DONE and bool(job.file_path),
        "validation": validation,
        "error_rules": [rule for rule in validation.get("rules", []) if rule["severity"] == "error"],
        "query_rules": [rule for rule in validation.get("rules", []) if rule["severity"] == "query"],
        "bug_rules": [rule for rule in validation.get("rules", []) if rule["severity"] == "false positive"],
        "children_page": children_page,
        "children": selectors.issues_by_child(list(children_page), request.user),
        "counts": sorted((job.export_summary or {}).get("counts", {}).items()),
        "warnings": (job.export_summary or {}).get("warnings", []),
        "progress_url": reverse("returns:job_progress", args=[job.pk]),
        "poll_seconds": POLL_SECONDS,
        "may_run_again": may_run_again,
    }


def _state(context: dict) -> str:
    """What the page last showed: the poll sends it back, and gets 204 (nothing to swap) while it is unchanged,
    so that a screen reader hears each change of status once, not every two seconds."""
    job = context["job"]
    return f"{job.status}-{job.percent}-{int(context['gave_up'])}-{int(context['waiting_too_long'])}"


@require_GET
@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    _may_read(request)
    jobs.return_jobs_fail_stopped()
    context = _job_context(request, _job(request, pk))
    return render(request, "returns/job.html", {**context, "seen": _state(context)})


@require_GET
@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of the job page that changes, for htmx to poll; unchanged since last time: 204, nothing swapped."""
    _may_read(request)
    jobs.return_jobs_fail_stopped()
    context = _job_context(request, _job(request, pk))
    seen = _state(context)
    if request.GET.get("seen") == seen:
        return HttpResponse(status=204)
    return render(request, "returns/_progress.html", {**context, "seen": seen})


@require_POST
@login_required
def run_again(request: HttpRequest, pk: int) -> HttpResponse:
    _may_read(request)
    if not _may_run(request):
        raise PermissionDenied("Only performance analysts start return runs")
    job = _job(request, pk)
    if not (job.status == ReturnJob.Status.FAILED or selectors.worker_gave_up(job)):
        messages.error(request, "Only a run that failed can be started again.")
        return redirect("returns:job", pk=job.pk)
    again = services.return_job_again(by=request.user, job=job)
    return redirect("returns:job", pk=again.pk)


@require_GET
@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    _may_read(request)
    job = _job(request, pk)
    if not _may_download(request, job):
        raise PermissionDenied("Only performance analysts download returns, and inspectors Annex A")
    path = job_file(job) if job.status == ReturnJob.Status.DONE else None
    if path is None:
        raise Http404("This run has no file to download")
    # The file holds children's personal details: log who took it, when, which return, and each child in it.
    access_export_record(request, detail=f"{job.title}: {job.download_name}", children=job_children(job), obj=job)
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=job.download_name, content_type=CONTENT_TYPES[job.kind]
    )
