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
