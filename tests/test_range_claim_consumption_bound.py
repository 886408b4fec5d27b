"""A failing range claim's 'what it would take': the consumption that gives the claimed range,
c = E_usable / R, as a bound the way the figures must move to the claim (a range claimed above them needs
the consumption at most c, one below them at least c). It said 'at most' whatever the claim: 'about
500 km' from 930 km needs more consumption, not less."""

from __future__ import annotations

import pytest

import batcalc as bc

# 100 kWh x 93 % usable = 93 kWh at 100 Wh/km: 930 km
INPUTS = {"pack_energy": "100 kWh", "consumption": "100 Wh/km"}


@pytest.mark.parametrize("asserted,qualifier,words", [
    ("500 km", "about", "or a consumption of at least 186 Wh/km"),           # 93 kWh / 500 km = 186 Wh/km
    ("500 km", "at-most", "or a consumption of at least 186 Wh/km"),
    ("500 km", "under", "or a consumption of at least 186 Wh/km"),
    ("500 km", "up-to", "or a consumption of at least 186 Wh/km"),
    ("1200 km", "about", "or a consumption of at most 77.5 Wh/km"),         # 93 kWh / 1200 km = 77.5 Wh/km
    ("1200 km", "at-least", "or a consumption of at most 77.5 Wh/km"),
    ("1200 km", "over", "or a consumption of at most 77.5 Wh/km"),
])
def test_the_consumption_bound_points_the_way_the_claim_needs(asserted, qualifier, words):
    r = bc.check("range", **INPUTS, asserted=asserted, qualifier=qualifier)
    assert r.status == "fails"
    assert r.would_take.endswith(words), r.would_take
