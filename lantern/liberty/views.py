"""Recording a deprivation of liberty order on a child in care, and its end."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from lantern.liberty import services
from lantern.liberty.forms import EndForm, OrderForm
from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.pages.recording import on, recording_page
from lantern.workforce.access import child_or_404


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.dolo_record(by=request.user, child=child, start_date=data["start_date"], end_date=data["end_date"],
                             court=data["court"], accommodation=data["accommodation"])  # fmt: skip
        return "Deprivation of liberty order recorded"

    return recording_page(request, child=child, form_class=OrderForm, template="liberty/order.html",
                          title="Record a deprivation of liberty order", save=save)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def order_end(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(DeprivationOfLibertyOrder.objects.select_related("child"), pk=pk)
    child = child_or_404(request.user, order.child.la_child_id)

    def save(data: dict) -> str:
        services.dolo_end(by=request.user, order=order, end_date=data["end_date"])
        return "The end of the deprivation of liberty order recorded"

    rows = [("Started", on(order.start_date)), ("Court", order.court), ("Accommodation", order.accommodation)]
    return recording_page(request, child=child, form_class=EndForm, template="liberty/end.html",
                          title="Record the end of a deprivation of liberty order", save=save,
                          context={"rows": rows}, edits=order)  # fmt: skip
