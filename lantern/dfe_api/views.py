"""The analyst's page for the DfE API: who is pending and why, the last sends, and each child's failure."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from lantern.dfe_api.models import ChildSubmission, SendRun
from lantern.dfe_api.tracking import bring_up_to_date, counts, explain, pending_states, purges
from lantern.dfe_api.wire import ApiNotConfigured, credentials

SEND_ROLES = (Role.ANALYST,)
READ_ROLES = (Role.ANALYST, Role.DIRECTOR)


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(*READ_ROLES):
        raise PermissionDenied("The DfE API page is for performance analysts and the director")
    may_send = request.user.has_role(*SEND_ROLES)
    try:
        credentials()
        not_configured = ""
    except ApiNotConfigured as exc:
        not_configured = str(exc).replace(": nothing was sent", "")
    if request.method == "POST":
        if not may_send:
            raise PermissionDenied("Only performance analysts send to the DfE")
        if not_configured:
            messages.error(request, f"Nothing was sent. {not_configured}.")
        else:
            from lantern.dfe_api.tasks import queue, send_to_dfe

            if queue(send_to_dfe):
                messages.success(request, "The send has started in the background: this page shows it when it ends")
            else:
                messages.success(request, "A send is already under way: this page shows it when it ends")
        return redirect("dfe_api:index")
    refresh = bring_up_to_date(local_today())
    if refresh is None:
        from lantern.dfe_api.tasks import queue, work_out_payloads

        queue(work_out_payloads)
        ids: list[str] = []
        by_reason = {}
    else:
        ids = list(pending_states().values_list("la_child_id", flat=True))
        ids = sorted(ids + list(purges().values_list("la_child_id", flat=True)))
        by_reason = counts()
    page = Paginator(ids, settings.LANTERN_PAGE_SIZE).get_page(request.GET.get("page"))
    items = explain(list(page.object_list))
    return render(
        request,
        "dfe_api/index.html",
        {
            "nav": "returns",
            "may_send": may_send,
            "not_configured": not_configured,
            "working_out": refresh is None,
            "counts": by_reason,
            "total": len(ids),
            "page_obj": page,
            "items": items,
            "runs": SendRun.objects.select_related("requested_by")[:10],
            "failures": ChildSubmission.objects.filter(status=ChildSubmission.Status.ERROR)[:50],
            "failure_count": ChildSubmission.objects.filter(status=ChildSubmission.Status.ERROR).count(),
        },
    )
