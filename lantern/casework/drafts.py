"""Drafts of long forms, kept on the server as the user types, and given back when they return.

A form page made with `drafting_page` carries an htmx element (`casework/_draft_status.html`) that posts the
form's fields, marked `lantern_draft`, to the page's own address a moment after each change. Posting to the page
itself means a draft sent after the idle sign-out is kept like any post (`accounts.sessions`) and, once the user
signs in again, is kept and the page opened with it. Saving the form discards the draft; opening the page again
before saving restores what was typed, field by field, as typed.

Any long recording form can use it: call `drafting_page` where the view would call `recording_page`, with a
`form_key` naming the form and the record it changes, and include the status partial inside the `<form>`.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict

from lantern.casework import services
from lantern.casework.models import Draft
from lantern.pages.recording import recording_denied, recording_page
from lantern.people.models import Child

MARK = "lantern_draft"
NOT_KEPT = {"csrfmiddlewaretoken", MARK, "version"}


def _posted(request: HttpRequest) -> dict[str, list[str]]:
    return {name: request.POST.getlist(name) for name in request.POST if name not in NOT_KEPT}


def restored(form_class: type[Form], data: dict[str, list[str]]) -> dict:
    """A draft's fields as a form's initial values: each as typed (a date's boxes, a radio, the text)."""
    posted = MultiValueDict(data)
    initial = {}
    for name, field in form_class.base_fields.items():
        if not field.widget.value_omitted_from_data(posted, {}, name):
            initial[name] = field.widget.value_from_datadict(posted, {}, name)
    return initial


def drafting_page(
    request: HttpRequest,
    *,
    child: Child,
    form_key: str,
    form_class: type[Form],
    template: str,
    title: str,
    save: Callable[[dict], str],
    initial: dict | None = None,
    rename: dict[str, str] | None = None,
    context: dict | None = None,
    edits: Model | None = None,
) -> HttpResponse:
    """`recording_page`, with a draft kept on the server while the user types (see the module's notes)."""
    if request.method == "POST" and MARK in request.POST:
        denied = recording_denied(request, child)
        if denied is not None:
            return denied
        try:
            draft = services.draft_keep(by=request.user, child=child, form=form_key, data=_posted(request))
        except ValidationError as refused:
            return render(request, "casework/_draft_status.html", {"refused": refused.messages}, status=400)
        if request.htmx:
            return render(request, "casework/_draft_status.html", {"draft": draft})
        # A draft posted again after signing in (it was kept over the idle sign-out): open the page with it.
        return redirect(request.get_full_path())
    draft = None
    if request.method != "POST":
        draft = Draft.objects.filter(user_id=request.user.pk, child=child, form=form_key).first()
        if draft is not None:
            initial = (initial or {}) | restored(form_class, draft.data)

    def save_and_forget(data: dict) -> str:
        message = save(data)
        services.draft_discard(by=request.user, child=child, form=form_key)
        return message

    return recording_page(
        request,
        child=child,
        form_class=form_class,
        template=template,
        title=title,
        save=save_and_forget,
        initial=initial,
        rename=rename,
        context=(context or {}) | {"restored_draft": draft, "keeps_drafts": True},
        edits=edits,
    )
