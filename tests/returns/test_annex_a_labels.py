"""Annex A's own wording for national codes: every code of the list a map is keyed by has a label (or is left
blank on purpose, named here), so a code added to lantern/core/codes.py fails here, not as a blank cell."""

import importlib
import pkgutil

import pytest

from lantern.core import codes
from lantern.returns import annex_a
from lantern.returns.annex_a import (
    adopters,
    care_leavers,
    child_protection,
    children_in_care,
    children_in_need,
    layout,
    shared,
)

# (map, the code list it is keyed by, codes left blank on purpose)
KEYED = {
    "shared.GENDER": (shared.GENDER, codes.SEX.codes, set()),
    "shared.ETHNICITY": (shared.ETHNICITY, codes.ETHNICITY.codes, set()),
    "shared.SOURCE": (shared.SOURCE, codes.REFERRAL_SOURCE.codes, set()),
    "shared.PRIMARY_NEED": (shared.PRIMARY_NEED, codes.PRIMARY_NEED.codes, set()),
    "children_in_need.REASON_FOR_CLOSURE": (
        children_in_need.REASON_FOR_CLOSURE,
        codes.REASON_FOR_CLOSURE.codes,
        set(),
    ),
    "child_protection.CATEGORY_OF_ABUSE": (child_protection.CATEGORY_OF_ABUSE, codes.CATEGORY_OF_ABUSE.codes, set()),
    "children_in_care.LEGAL_STATUS": (children_in_care.LEGAL_STATUS, codes.LEGAL_STATUS.codes, set()),
    "children_in_care.PERMANENCE": (children_in_care.PERMANENCE, codes.PERMANENCE_PLAN.codes, set()),
    "children_in_care.REASON_CEASED": (children_in_care.REASON_CEASED, codes.REASON_EPISODE_CEASED.codes, set()),
    # Types the schema predates are written "code: description" from codes instead.
    "children_in_care.PLACEMENT_TYPE": (
        children_in_care.PLACEMENT_TYPE,
        codes.PLACEMENT_TYPE.codes,
        children_in_care.SCHEMA_PREDATES,
    ),
    "children_in_care.PROVIDER": (children_in_care.PROVIDER, codes.PLACEMENT_PROVIDER.codes, set()),
    "care_leavers.ELIGIBILITY": (care_leavers.ELIGIBILITY, codes.CARE_LEAVER_ELIGIBILITY.codes, set()),
    "care_leavers.IN_TOUCH": (care_leavers.IN_TOUCH, codes.IN_TOUCH.codes, set()),
    "care_leavers.ACTIVITY": (care_leavers.ACTIVITY, codes.CARE_LEAVER_ACTIVITY.codes, {care_leavers.NOT_KNOWN}),
    # ACCOM is the kind (a letter) and the suitability (1 or 2) in one code.
    "care_leavers.ACCOMMODATION": (
        care_leavers.ACCOMMODATION,
        {code[:1] for code in codes.CARE_LEAVER_ACCOMMODATION.codes},
        {care_leavers.NOT_KNOWN},
    ),
    "care_leavers.SUITABILITY": (
        care_leavers.SUITABILITY,
        {code[1:] for code in codes.CARE_LEAVER_ACCOMMODATION.codes},
        {""},  # "0" has no suitability
    ),
    "adopters.ADOPTER_GENDER": (adopters.ADOPTER_GENDER, codes.ADOPTER_SEX.codes, adopters.COUPLES),
}
# Lantern's own values, no national code list.
UNKEYED = {
    "children_in_need.CASE_STATUS": children_in_need.CASE_STATUS,
    "children_in_care.PLACEMENT_LOCATION": children_in_care.PLACEMENT_LOCATION,
}


@pytest.mark.parametrize("name", sorted(KEYED))
def test_every_code_of_the_list_has_an_annex_a_label(name):
    labels, code_list, blank = KEYED[name]
    assert set(labels) == set(code_list) - set(blank), name
    assert all(labels.values()), name


def test_every_label_map_in_annex_a_is_checked_against_its_code_list():
    """A new map of labels in any Annex A module must be added to KEYED (or, with no code list, to UNKEYED)."""
    found = {}
    for module_info in pkgutil.iter_modules(annex_a.__path__):
        module = importlib.import_module(f"lantern.returns.annex_a.{module_info.name}")
        for attribute, value in vars(module).items():
            if (
                attribute.isupper()
                and isinstance(value, dict)
                and value
                and all(isinstance(v, str) for v in value.values())
            ):
                found.setdefault(id(value), f"{module_info.name}.{attribute}")
    checked = {id(labels) for labels, _, _ in KEYED.values()} | {id(labels) for labels in UNKEYED.values()}
    checked |= {id(layout.HEADER_FORMAT), id(layout.DATE_FORMAT)}  # cell formats, not labels
    assert sorted(name for key, name in found.items() if key not in checked) == []


def test_a_placement_type_the_schema_predates_is_written_with_its_dfe_description():
    assert children_in_care.placement_label("K3") == "K3: Registered supported accommodation"
    assert children_in_care.placement_label("U4") == "d) U4: Foster placement - long term"


def test_the_dfe_wording_comes_from_the_code_lists():
    assert shared.PRIMARY_NEED["N1"] == "N1 - Abuse or neglect"
    assert children_in_need.REASON_FOR_CLOSURE["RC8"] == "RC8 - Case closed after assessment, no further action"
