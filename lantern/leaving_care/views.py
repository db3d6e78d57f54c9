"""Pages that record a personal adviser's contact with a care leaver and the entitlements handed over before 18,
through the leaving-care services; and the list of who turns 18 soon and what they still lack."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.roles import Scope
from lantern.core import codes
from lantern.core.services import local_today
from lantern.leaving_care import selectors, services
from lantern.leaving_care.forms import CareLeaverContactForm, EntitlementsForm
from lantern.leaving_care.models import EARLIEST_AGE, CareLeaver, CareLeaverContact
from lantern.pages.recording import on, recording_page
from lantern.workforce.access import child_or_404, user_scope, visible_children
from lantern.workingdays.calendar import add_months


@login_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.care_leaver_contact_record(
            by=request.user,
            child=child,
            contact_date=data["contact_date"],
            in_touch=data["in_touch"],
            activity=data["activity"] or "",
            accommodation=data["accommodation"] or "",
        )
        return "Contact recorded"

    leaver = CareLeaver.objects.filter(child=child).first()
    rows = []
    if leaver is not None:
        rows.append(("Care leaver", codes.CARE_LEAVER_ELIGIBILITY.label(leaver.eligibility)))
        rows.append(("Eligible since", on(leaver.eligible_from)))
        last = CareLeaverContact.objects.filter(child=child).order_by("-contact_date").first()
        rows.append(("Last contact", on(last.contact_date) if last else "None recorded"))
    else:
        rows.append(("Care leaver", "Not recorded as a care leaver"))
    return recording_page(
        request,
        child=child,
        form_class=CareLeaverContactForm,
        template="leaving_care/contact.html",
        title="Record a contact with a care leaver",
        save=save,
        context={"rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def entitlements(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        saved = services.entitlements_record(by=request.user, child=child, handed_over=data)
        return f"{len(saved)} entitlement{'' if len(saved) == 1 else 's'} recorded"

    rows = selectors.checklist(child)
    eighteenth = add_months(child.date_of_birth, 12 * 18) if child.date_of_birth else None
    fifteenth = add_months(child.date_of_birth, 12 * EARLIEST_AGE) if child.date_of_birth else None
    summary = [
        ("18th birthday", on(eighteenth)),
        ("Owed before then", f"{sum(r.owed for r in rows)} items"),
        ("Counted from", f"{on(fifteenth)} (their 15th birthday)"),
    ]
    return recording_page(
        request,
        child=child,
        form_class=EntitlementsForm,
        template="leaving_care/entitlements.html",
        title="Entitlements before 18",
        save=save,
        initial={r.kind.value: r.handed_over_on for r in rows if r.handed_over_on},
        context={"rows": summary, "checklist": rows},
    )


@require_GET
@login_required
def turning_18(request: HttpRequest) -> HttpResponse:
    if user_scope(request.user) is Scope.NONE:
        raise PermissionDenied("Your role does not include reading children's records")
    rows = selectors.turning_eighteen(visible_children(request.user), as_of=local_today())
    return render(
        request,
        "leaving_care/turning_18.html",
        {"nav": "", "rows": rows, "lacking": sum(1 for r in rows if r.lacking), "months": selectors.SOON_MONTHS},
    )
