"""Pages that record a personal adviser's contact with a care leaver, through the leaving-care services."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from lantern.core import codes
from lantern.leaving_care import services
from lantern.leaving_care.forms import CareLeaverContactForm
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.pages.recording import on, recording_page
from lantern.workforce.access import child_or_404


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
