"""Reads for the front door: the referral before this one (a re-referral within 12 months is flagged)."""

from datetime import date

from lantern.journey.models import Referral
from lantern.people.models import Child
from lantern.workingdays.calendar import add_months

# A referral within 12 months of the previous one is a re-referral (CIN census; Ofsted's "repeat referrals").
RE_REFERRAL_MONTHS = 12


def earlier_referral(child: Child, *, on: date, excluding: Referral | None = None) -> Referral | None:
    """The child's latest referral before `on` if it was within 12 months of it, else None."""
    earlier = Referral.objects.filter(child=child, referral_date__lte=on).order_by("-referral_date")
    if excluding is not None:
        earlier = earlier.exclude(pk=excluding.pk)
    latest = earlier.first()
    if latest is None or add_months(latest.referral_date, RE_REFERRAL_MONTHS) < on:
        return None
    return latest
