"""Pages that record what stops a child in care's clocks, through the care services."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from lantern.care import services
from lantern.care.forms import CLAReviewForm
from lantern.care.models import CarePeriod
from lantern.pages.recording import on, recording_page
from lantern.workforce.access import child_or_404


@login_required
@require_http_methods(["GET", "POST"])
def cla_review(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.cla_review_record(
            by=request.user, child=child, review_date=data["review_date"], participation=data["participation"]
        )
        return "CLA review recorded"

    period = CarePeriod.objects.filter(child=child).order_by("-start_date").first()
    rows = []
    if period is not None:
        rows.append(("Looked after since", on(period.start_date)))
        if period.end_date:
            rows.append(("Stopped being looked after", on(period.end_date)))
        last = period.reviews.order_by("-review_date").first()
        rows.append(("Last review", on(last.review_date) if last else "None recorded"))
    return recording_page(
        request,
        child=child,
        form_class=CLAReviewForm,
        template="care/cla_review.html",
        title="Record a CLA review",
        save=save,
        context={"rows": rows},
    )
