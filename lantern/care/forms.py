"""Forms for children in care, built from the shared GOV.UK fields in `lantern.pages.forms`."""

from lantern.core import codes
from lantern.pages.forms import GovukDateField, RecordForm, code_field


class CLAReviewForm(RecordForm):
    review_date = GovukDateField(label="Date of the review")
    participation = code_field(
        codes.REVIEW_PARTICIPATION,
        label="How did the child take part in the review?",
        required_message="Select how the child took part in the review",
        with_code=True,
    )
