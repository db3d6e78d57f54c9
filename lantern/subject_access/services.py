"""Writes for subject access: logging a request. Building the file is a read (export.py); each download is logged."""

import re

from lantern.core.services import Refusal
from lantern.core.writing import service
from lantern.people.models import Child
from lantern.subject_access.models import Redaction, SubjectAccessRequest

REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /_.-]*$")


@service
def subject_access_request(*, by, child: Child, reference: str, redaction: str) -> SubjectAccessRequest:
    """Record the data protection officer's request for a child's whole file, refusing bad input by field."""
    reference = " ".join(reference.split())
    refusal = Refusal()
    if not reference:
        refusal.add("reference", "Enter the request reference")
    elif len(reference) > 40:
        refusal.add("reference", "Request reference must be 40 characters or fewer")
    elif not REFERENCE.match(reference):
        refusal.add(
            "reference",
            "Request reference must only include letters, numbers, spaces, hyphens, full stops, slashes and "
            "underscores",
        )
    if redaction not in Redaction.values:
        refusal.add("redaction", "Select whether to redact third parties")
    refusal.raise_if_any()
    return SubjectAccessRequest.objects.create(child=child, reference=reference, redaction=redaction, requested_by=by)
