"""Subject access pages: the request form on the child's record area, and the permission-checked download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.models import AccessEvent
from lantern.accounts.services import access_record
from lantern.people.models import Child
from lantern.subject_access import selectors, services
from lantern.subject_access.export import build_bundle
from lantern.subject_access.forms import SubjectAccessForm
from lantern.subject_access.models import SubjectAccessRequest


def _child(request: HttpRequest, la_child_id: str) -> Child:
    if not selectors.may_produce(request.user):
        raise PermissionDenied("Only the data protection officer produces subject access files")
    # A restricted record that does not name this officer is "not found", as it is for everyone else.
    child = selectors.producible_children(request.user).filter(la_child_id=la_child_id).first()
    if child is None:
        raise Http404("No child with that ID")
    return child


@require_http_methods(["GET", "POST"])
@login_required
def subject_access(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = _child(request, la_child_id)
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sar = services.subject_access_request(by=request.user, child=child, **form.cleaned_data)
        except ValidationError as refusal:
            for field, errors in refusal.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, f"Request {sar.reference} logged: download the file from the list below")
            return redirect(reverse("subject_access", args=[child.la_child_id]) + "#requests")
    context = {"child": child, "form": form, "requests": selectors.child_requests(child)}
    return render(request, "subject_access/request.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
def subject_access_download(request: HttpRequest, la_child_id: str, pk: int) -> FileResponse:
    child = _child(request, la_child_id)
    sar = get_object_or_404(SubjectAccessRequest.objects.select_related("child"), pk=pk, child=child)
    bundle = build_bundle(sar, by=request.user)
    redaction = sar.get_redaction_display() if sar.redacts_third_parties else "not redacted"
    access_record(
        request,
        action=AccessEvent.Action.EXPORT,
        obj=child,
        detail=f"Subject access file, request {sar.reference}: {redaction}",
    )
    return FileResponse(bundle.file, as_attachment=True, filename=bundle.filename, content_type="application/zip")
