"""Where a placement is, from the ONS postcode directory: checked against the SSDA903 validator's own PL_DISTANCE
and PL_LOCATION (lac_validator.datastore), which is how the DfE computes them."""

import pandas as pd
import pytest
from lac_validator.datastore import _add_postcode_derived_fields

from lantern.care import postcodes
from lantern.care.postcodes import distance_band, locate, placement_place

MEDWAY = "E06000035"
# Medway homes, and placements in Medway, Kent, London, Essex, Wales and Scotland.
PAIRS = [
    ("ME4 4TZ", "ME5 9PH"),
    ("ME1 1DA", "CT1 2DG"),
    ("ME4 4TZ", "CT20 1JT"),
    ("ME7 1NY", "ME14 1XQ"),
    ("ME2 4QT", "SE1 7PB"),
    ("ME8 0EU", "CO1 1EY"),
    ("ME3 9ND", "SS1 1AA"),
    ("ME1 1DA", "CF10 1AA"),
    ("ME5 9PH", "EH1 1YZ"),
    ("ME4 4TZ", "ME4 4TZ"),
]


def test_it_finds_a_postcode_however_it_is_typed():
    for typed in ("ME1 1DA", "me11da", " Me1  1dA "):
        place = locate(typed)
        assert (place.postcode, place.local_authority) == ("ME1 1DA", MEDWAY)
    assert locate("M1 1AE").postcode == "M1 1AE"


@pytest.mark.parametrize("typed", ["ZZ9 9ZZ", "ME1 1ZZ", "", "ME1", "12345", "ÉME1 1DA", "\x00ME11DA", "SW1A 1AAAA"])
def test_a_postcode_not_in_the_directory_is_not_found(typed):
    assert locate(typed) is None
    assert not postcodes.exists(typed)


def test_the_distance_and_the_area_match_the_dfe_validator():
    episodes = pd.DataFrame({"HOME_POST": [h for h, _ in PAIRS], "PL_POST": [p for _, p in PAIRS]})
    dfe = _add_postcode_derived_fields(episodes, MEDWAY)
    for (home, placed), distance, location in zip(PAIRS, dfe["PL_DISTANCE"], dfe["PL_LOCATION"], strict=True):
        ours = placement_place(home, placed, MEDWAY)
        assert ours.distance == float(distance), (home, placed)
        assert ours.out_of_area == (location == "OUT"), (home, placed)


def test_folkestone_is_35_8_miles_from_chatham_and_out_of_area():
    place = placement_place("ME4 4TZ", "CT20 1JT", MEDWAY)
    assert (place.distance, place.out_of_area, place.far_from_home) == (35.8, True, True)
    assert place.placement_authority == "E10000016"  # Kent: Folkestone and Hythe's county
    assert distance_band(place.distance) == "20_to_50"


def test_a_placement_in_wales_is_out_of_area_as_the_validator_says():
    assert placement_place("ME1 1DA", "CF10 1AA", MEDWAY).placement_authority == "WAL"


def test_an_unknown_postcode_leaves_the_distance_blank_and_says_so():
    place = placement_place("ME4 4TZ", "ZZ9 9ZZ", MEDWAY)
    assert (place.distance, place.out_of_area) == (None, None)
    assert place.problems == ["Placement postcode ZZ9 9ZZ is not a postcode in the ONS postcode directory"]
    assert distance_band(place.distance) == "unknown"


def test_no_home_postcode_means_no_distance_but_the_area_is_known():
    place = placement_place("", "CT20 1JT", MEDWAY)
    assert (place.distance, place.out_of_area, place.problems) == (None, True, [])


def test_it_reads_only_the_letters_asked_about():
    locate("ME1 1DA")
    assert "M" in postcodes.loaded_letters()
    assert len(postcodes.loaded_letters()) < 26
