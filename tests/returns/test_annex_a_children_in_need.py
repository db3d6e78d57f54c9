"""Annex A List 6 (children in need): episodes open at the inspection date or closed in the six months to it."""

from datetime import date

import pytest

from lantern.core.models import AuthoritySettings
from lantern.journey.models import Assessment
from lantern.returns.annex_a import LISTS, Inspection, list_rows
from tests.factories import ChildFactory, ReferralFactory, VisitFactory, make

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 31)  # the window opens on 31 July 2025
CHILDREN_IN_NEED = LISTS[5]
CELLS = ["CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date", "Reason for Closure",
         "Case Status"]  # fmt: skip


def test_closed_episodes_in_the_window_show_their_reason_and_later_closures_are_not_known_yet():
    AuthoritySettings.current()
    kim = ChildFactory(la_child_id="CINK")
    ReferralFactory(
        child=kim, referral_date=date(2025, 3, 1), primary_need_code="N4", closure_date=date(2025, 8, 1),
        reason_for_closure="RC8",
    )  # fmt: skip
    VisitFactory(child=kim, visit_date=date(2025, 7, 1), seen=True)
    VisitFactory(child=kim, visit_date=date(2025, 7, 20), seen=False)
    lou = ChildFactory(la_child_id="CINL")
    lou_referral = ReferralFactory(
        child=lou, referral_date=date(2025, 11, 1), primary_need_code="N2", closure_date=date(2026, 2, 5),
        reason_for_closure="RC7",
    )  # fmt: skip
    make(Assessment, referral=lou_referral, child=lou, start_date=date(2025, 11, 2))
    old = ChildFactory(la_child_id="CINO")
    ReferralFactory(child=old, referral_date=date(2025, 1, 1), closure_date=date(2025, 7, 30), reason_for_closure="RC7")
    nfa = ChildFactory(la_child_id="CINN")
    ReferralFactory(child=nfa, referral_date=date(2025, 12, 1), referral_nfa=True)

    rows = {
        row[0]: dict(zip(CHILDREN_IN_NEED.headers, row, strict=True))
        for row in list_rows(CHILDREN_IN_NEED, Inspection(AS_OF))
    }
    assert {child: [row[cell] for cell in CELLS] for child, row in rows.items()} == {
        "CINK": [
            date(2025, 3, 1), "N4 - Family in acute stress", date(2025, 7, 1), date(2025, 8, 1),
            "RC8 - Case closed after assessment, no further action", "e) Closed episode",
        ],
        "CINL": [date(2025, 11, 1), "N2 - Child's disability", None, None, None, "d) Open assessment"],
    }  # fmt: skip
