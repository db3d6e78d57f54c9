"""List 1: contacts received in the six months to the inspection date."""

from __future__ import annotations

from collections.abc import Iterator

from lantern.journey.models import Contact
from lantern.returns.annex_a.shared import SOURCE, Inspection, Row
from lantern.returns.common import day_start, local_date


def rows(i: Inspection) -> Iterator[Row]:
    contacts = Contact.objects.filter(received_at__gte=day_start(i.window_start), received_at__lt=i.end_moment)
    i.load_children(contacts.values("child_id"))
    for contact in contacts.order_by("received_at", "pk").values("child_id", "received_at", "source"):
        yield Row(
            i.child(contact["child_id"]),
            {"date": local_date(contact["received_at"]), "source": SOURCE.get(contact["source"])},
        )
