"""Annex A List 5 (section 47): enquiries started in the six months to the inspection date, each with the
child's enquiries and initial conferences in the twelve months to it."""

from datetime import date

import pytest

from lantern.core.models import AuthoritySettings
from lantern.journey.models import ChildProtectionConference, Section47Enquiry, StrategyDiscussion
from lantern.people.models import ChildDisability
from lantern.returns.annex_a import LISTS, Inspection, list_rows
from tests.factories import AllocationFactory, ChildFactory, ReferralFactory, TeamFactory, WorkerFactory, make

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 31)  # the window opens on 31 July 2025, the year on 31 January 2025


def enquiry(referral, start: date, *, discussed: date | None = None, not_required: bool = False) -> Section47Enquiry:
    child = referral.child
    discussion = make(StrategyDiscussion, referral=referral, child=child, held_on=discussed) if discussed else None
    return make(Section47Enquiry,
        referral=referral, child=child, strategy_discussion=discussion, start_date=start,
        icpc_not_required=not_required,
    )  # fmt: skip


def icpc(enquiry: Section47Enquiry, held_on: date, plan_made: bool) -> None:
    make(ChildProtectionConference,
        referral=enquiry.referral, child=enquiry.child, kind="initial", section47=enquiry, held_on=held_on,
        plan_made=plan_made,
    )  # fmt: skip


def test_it_lists_each_enquiry_in_the_window_with_the_childs_counts_for_the_year():
    AuthoritySettings.current()
    worker = WorkerFactory(first_name="Sam", last_name="Shah", team=TeamFactory(name="Assessment Team"))
    eve = ChildFactory(la_child_id="S47E", sex="F", ethnicity="WBRI", date_of_birth=date(2016, 3, 1))
    ChildDisability.objects.create(child=eve, code="HEAR")
    AllocationFactory(child=eve, worker=worker, start_date=date(2025, 3, 1))
    eve_referral = ReferralFactory(child=eve, referral_date=date(2025, 3, 1))
    earlier = enquiry(eve_referral, date(2025, 3, 10), discussed=date(2025, 3, 9))  # in the year, before the window
    icpc(earlier, date(2025, 3, 30), plan_made=False)
    latest = enquiry(eve_referral, date(2025, 10, 2), discussed=date(2025, 10, 1))
    icpc(latest, date(2025, 10, 20), plan_made=True)
    fin = ChildFactory(la_child_id="S47F", sex="M", ethnicity="WBRI", date_of_birth=date(2012, 1, 31))
    fin_referral = ReferralFactory(child=fin, referral_date=date(2025, 12, 1))
    enquiry(fin_referral, date(2025, 12, 5), not_required=True)  # no strategy discussion recorded: its start date
    enquiry(fin_referral, date(2026, 2, 2))  # after the date

    assert list(list_rows(LISTS[4], Inspection(AS_OF))) == [
        [
            "S47E", "b) Female", "a) WBRI", date(2016, 3, 1), 9, "a) Yes", date(2025, 10, 1), "b) No",
            date(2025, 10, 20), "a) Yes", 2, 2, "Assessment Team", "Sam Shah",
        ],
        [
            "S47F", "a) Male", "a) WBRI", date(2012, 1, 31), 14, "c) Unknown", date(2025, 12, 5), "a) Yes", None, None,
            1, 0, None, None,
        ],
    ]  # fmt: skip
