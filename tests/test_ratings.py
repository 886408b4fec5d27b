"""Ratings: the EPA two-cycle label formula by hand and against a published derivation."""

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.ratings import epa_label_range, ratio_between

MILE = 1609.344


def test_epa_label_by_hand():
    # 0.7 x (0.55 x 400 km + 0.45 x 300 km) = 0.7 x 355 km = 248.5 km
    assert epa_label_range(400e3, 300e3) == pytest.approx(248.5e3)


def test_epa_label_matches_a_published_derivation():
    """Tesla Motors Club's derivation for the Model 3 from EPA's dyno ranges (495.11 mi UDDS, 454.64 mi
    HWFET) with the Model S's derived factor 73.8 %: 352 mi (as published, rounded)."""
    assert round(epa_label_range(495.11 * MILE, 454.64 * MILE, adjustment=0.738) / MILE) == 352


def test_bad_inputs_are_refused():
    for args in ((0.0, 1.0), (1.0, -1.0)):
        with pytest.raises(BatcalcError):
            epa_label_range(*args)
    with pytest.raises(BatcalcError):
        epa_label_range(1.0, 1.0, adjustment=1.5)
    with pytest.raises(BatcalcError):
        ratio_between(0.0, 1.0)
    assert ratio_between(500e3, 400e3) == pytest.approx(0.8)
