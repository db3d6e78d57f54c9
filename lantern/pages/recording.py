"""What every recording page shares: who may record, where to go next, and the GET/POST cycle of one form.

`recording_page` serves the journey, care, missing and leaving-care pages alike. Their templates extend
`journey/form_page.html`, and a read-only role gets `journey/cannot_record.html`: the template names are kept
where the pages have always found them.
"""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from lantern.core.dates import day_label
from lantern.pages import viewing
from lantern.people.models import Child
from lantern.workforce.access import can_record, child_for_user

CANNOT_RECORD = "journey/cannot_record.html"


def recording_denied(request: HttpRequest, child: Child, *, also: tuple[str, ...] = ()) -> HttpResponse | None:
    """None if the user may record for this child; a 403 page if their role only reads; 404 if not theirs.

    `also`: roles that may record on this page though they record nowhere else (the missing coordinator)."""
    # A child outside the user's records is "not found", so that the record's existence is not disclosed.
    if child_for_user(request.user, child.la_child_id) is None:
        raise Http404("No child with that ID in your records")
    if not can_record(request.user) and not (also and request.user.has_role(*also)):
        return render(request, CANNOT_RECORD, {"child": child, "nav": ""}, status=403)
    return None


def return_url(request: HttpRequest, child: Child) -> str:
    """Where to go after saving or cancelling: `?next=` if it is on this site, else the child's record."""
    candidate = request.GET.get("next", "")
    # Only a path on this site: redirect() would take "999" or "home" for the name of a view and fail.
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("child", args=[child.la_child_id])


def show_refusal(form: Form, refusal: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's refusal on the form: each message beside its field, the rest in the error summary only."""
    rename = rename or {}
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for key, problems in refusal.message_dict.items():
        field = rename.get(key, key)
        form.add_error(field if field in form.fields else None, problems)


def recording_page(
    request: HttpRequest,
    *,
    child: Child,
    form_class: type[Form],
    template: str,
    title: str,
    save: Callable[[dict], str],
    initial: dict | None = None,
    rename: dict[str, str] | None = None,
    context: dict | None = None,
    edits: Model | None = None,
    also: tuple[str, ...] = (),
) -> HttpResponse:
    """GET shows the form; POST checks it and calls `save` (one service call, returning the success message).

    On a refusal the page comes back with what was typed and the errors, and nothing is saved. When the page
    changes an existing record (`edits`), a save is refused if someone else changed that record after the page
    was opened: nothing is overwritten silently, and the user's entries stay on the page.
    """
    denied = recording_denied(request, child, also=also)
    if denied is not None:
        return denied
    # The form shows the child's name and ID: the same question and log line as the record itself. Asked on
    # opening the form only: a post (one kept over an idle sign-out included) must never lose what was typed.
    if request.method != "POST" and viewing.reason_needed(request, child):
        return viewing.ask_reason(request, child)
    version = _version(edits)
    if request.method == "POST":
        form = form_class(request.POST)
        # Pages send the version they were opened at; a post without one (a script) is not checked.
        if edits is not None and "version" in request.POST and request.POST["version"] != version:
            form.is_valid()
            changed = type(edits).objects.filter(pk=edits.pk).values_list("updated_at", flat=True).first()
            when = timezone.localtime(changed).strftime("%H:%M on %-d %B %Y") if changed else "just now"
            form.add_error(
                None,
                f"Someone else saved a change to this record at {when}, after you opened this page. Nothing was "
                "saved. Check the details above, then save again: your entries are kept below.",
            )
        elif form.is_valid():
            try:
                message = save(form.cleaned_data)
            except ValidationError as refusal:
                show_refusal(form, refusal, rename)
            else:
                messages.success(request, message)
                return redirect(return_url(request, child))
    else:
        form = form_class(initial=initial)
    viewing.child_shown(request, child, detail=f"Recording page: {title}"[:200])
    first_field = form[next(iter(form.fields))]
    page = {
        "form": form,
        "child": child,
        "title": title,
        "nav": "",
        "action": request.get_full_path(),
        "return_url": return_url(request, child),
        "non_field_href": f"#{first_field.id_for_label}",
        "version": version,
    }
    return render(request, template, page | (context or {}))


def _version(record: Model | None) -> str:
    if record is None:
        return ""
    current = type(record).objects.filter(pk=record.pk).values_list("updated_at", flat=True).first()
    return current.isoformat() if current else ""


def on(day: date | None) -> str:
    """A date for a summary row: "2 June 2025", or "Not recorded"."""
    return day_label(day) if day else "Not recorded"
