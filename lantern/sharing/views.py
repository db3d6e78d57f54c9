from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from lantern.pages.recording import recording_page
from lantern.sharing.forms import SharingDecisionForm
from lantern.sharing.services import sharing_decision_record
from lantern.workforce.access import child_or_404


@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        sharing_decision_record(
            by=request.user, child=child, decided_on=data["decided_on"], information=data["information"],
            shared_with=data["shared_with"], shared=data["shared"], reason_not_shared=data["reason_not_shared"],
        )  # fmt: skip
        return "Information sharing decision recorded" if data["shared"] else "Decision not to share recorded"

    return recording_page(request, child=child, form_class=SharingDecisionForm, template="sharing/decision.html",
                          title="Record a decision to share information", save=save)  # fmt: skip
