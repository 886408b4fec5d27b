"""Two range ratings of one vehicle: the simulated ratio decides with a vehicle, the published band without."""

import pytest

from batcalc.claims.check import check_inline
from batcalc.physics.ratings import published_band, simulated_ratio
from batcalc.physics.vehicle import load_vehicle


def test_with_a_vehicle_the_simulated_ratio_decides():
    car = load_vehicle("mid-sedan")
    ratio = simulated_ratio(car, "cltc", "wltp", car.total_mass(480.0))
    expected = 700e3 * ratio
    v = check_inline("ratings", {"a": "700 km", "a_cycle": "cltc", "b_cycle": "wltp", "vehicle": "mid-sedan"},
                     f"{expected / 1000:.0f} km")
    assert v.status == "holds" and v.derived.si == pytest.approx(expected, rel=1e-12)
    far = check_inline("ratings", {"a": "700 km", "a_cycle": "cltc", "b_cycle": "wltp", "vehicle": "mid-sedan"},
                       f"{expected * 1.3 / 1000:.0f} km")
    assert far.status == "fails" and far.needed.si == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("asserted, status", [("600 km", "holds"), ("500 km", "fails"), ("650 km", "fails")])
def test_without_a_vehicle_the_published_band_decides(asserted, status):
    band = published_band("cltc", "wltp")                  # 0.78-0.88: 546-616 km for 700 km CLTC
    assert (band.low, band.high) == pytest.approx((0.78, 0.88))
    v = check_inline("ratings", {"a": "700 km", "a_cycle": "cltc", "b_cycle": "wltp"}, asserted)
    assert v.status == status


def test_the_band_is_read_in_either_direction():
    """WLTP -> CLTC uses the CLTC -> WLTP band inverted: 600 km WLTP is 682-769 km CLTC."""
    assert check_inline("ratings", {"a": "600 km", "a_cycle": "wltp", "b_cycle": "cltc"}, "700 km").status == "holds"
    assert check_inline("ratings", {"a": "600 km", "a_cycle": "wltp", "b_cycle": "cltc"}, "800 km").status == "fails"


def test_the_same_rating_twice_is_refused():
    from batcalc.errors import BatcalcError

    with pytest.raises(BatcalcError, match="same rating"):
        check_inline("ratings", {"a": "600 km", "a_cycle": "wltp", "b_cycle": "wltc"}, "600 km")


# 700 km CLTC with WLTP/CLTC 0.78-0.88 puts WLTP at 546-616 km (by hand); a directional qualifier holds when
# it holds at both ends of that band, fails when it fails at both, and is underdetermined in between.
@pytest.mark.parametrize("qualifier, asserted, status", [
    ("at-most", "650 km", "holds"),           # 546 and 616 are both at most 650
    ("under", "650 km", "holds"),
    ("up-to", "650 km", "holds"),
    ("at-least", "500 km", "holds"),          # 546 and 616 are both at least 500
    ("over", "500 km", "holds"),
    ("at-most", "500 km", "fails"),           # neither 546 nor 616 is at most 500
    ("at-least", "650 km", "fails"),          # neither is at least 650
    ("at-least", "580 km", "underdetermined"),  # 616 is, 546 is not
    ("at-most", "580 km", "underdetermined"),
])
def test_without_a_vehicle_a_directional_claim_is_judged_over_the_whole_band(qualifier, asserted, status):
    v = check_inline("ratings", {"a": "700 km", "a_cycle": "cltc", "b_cycle": "wltp"}, asserted, qualifier=qualifier)
    assert v.status == status
    if status == "underdetermined":              # the ratio where it turns: (580 km -/+ 0.5 km) / 700 km
        turn = (580 - 0.5) / 700 if qualifier == "at-least" else (580 + 0.5) / 700
        assert v.missing == [f"a vehicle: the claim holds where WLTP/CLTC is at {qualifier[3:]} {turn:.4g}"]


@pytest.mark.parametrize("asserted, status", [("500 to 650 km", "holds"), ("400 to 500 km", "fails"),
                                              ("580 to 650 km", "underdetermined")])
def test_without_a_vehicle_a_between_claim_is_judged_over_the_whole_band(asserted, status):
    v = check_inline("ratings", {"a": "700 km", "a_cycle": "cltc", "b_cycle": "wltp"}, asserted, qualifier="between")
    assert v.status == status
