"""Pins on range ratings (batcalc/physics/ratings.py), against numbers worked out by hand.

The constant-speed vehicle throughout: the older constant-efficiency model (90 % at the battery, 250 W
auxiliaries) with c_rr 0.007, CdA 0.23 x 2.22 m2, rho 1.2 kg/m3, g 9.81 m/s2, at 1750 kg and 100 km/h
(27.778 m/s): rolling 1750 x 9.81 x 0.007 = 120.1725 N, aero 0.5 x 1.2 x 0.5106 x 27.778^2 = 236.39 N,
(356.56 N) / 0.9 = 396.18 N, plus 250 W / 27.778 m/s = 9.00 N: c = 405.18 J/m.
"""

from __future__ import annotations

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.ratings import epa_label_range, published_band, rating_key, ratio_between

V = 100 / 3.6                                                   # m/s
C_BY_HAND = (1750 * 9.81 * 0.007 + 0.5 * 1.2 * 0.23 * 2.22 * V ** 2) / 0.9 + 250 / V      # J/m


def _vehicle(extra: str = "drag_coefficient: 0.23\nfrontal_area: 2.22 m^2\nrolling_resistance: 0.007"):
    from batcalc.physics.powertrain import constant_efficiency
    from batcalc.physics.vehicle import RoadLoad, Vehicle
    from batcalc.spec.model import parse_spec

    spec = parse_spec(f"kind: vehicle\nid: v\nname: V\nmass_without_battery: 1300 kg\npayload: 100 kg\n{extra}\n")
    load = RoadLoad(c_rr=0.007, cd_a=0.23 * 2.22, rho=1.2, g=9.81, powertrain=constant_efficiency(0.90, 0.60, 250.0))
    return Vehicle(spec, load)


def test_the_hand_calculation_itself():
    assert C_BY_HAND == pytest.approx(405.18, abs=0.01)


def test_epa_label_at_the_limits_of_its_inputs():
    """Ranges must be above 0 (each on its own); the adjustment above 0 and at most 1 (1: the unadjusted
    0.55 x 400 + 0.45 x 300 = 355 km)."""
    for args in ((0.0, 300e3), (400e3, 0.0), (-1.0, 300e3)):
        with pytest.raises(BatcalcError, match="ranges must be positive"):
            epa_label_range(*args)
    with pytest.raises(BatcalcError, match="adjustment"):
        epa_label_range(400e3, 300e3, adjustment=0.0)
    with pytest.raises(BatcalcError, match="adjustment"):
        epa_label_range(400e3, 300e3, adjustment=1.01)
    assert epa_label_range(400e3, 300e3, adjustment=1.0) == pytest.approx(355e3, rel=1e-12)
    assert epa_label_range(400e3, 300e3, adjustment=0.5) == pytest.approx(177.5e3, rel=1e-12)
    # the default factor is 0.7 and the weights 55/45, not 45/55: 0.7 x (0.55 x 100 + 0.45 x 200) = 101.5 km
    assert epa_label_range(100e3, 200e3) == pytest.approx(101.5e3, rel=1e-12)


def test_ratio_between_at_the_limits():
    for args in ((0.0, 1.0), (1.0, 0.0), (-1.0, 1.0), (1.0, -1.0)):
        with pytest.raises(BatcalcError, match="ranges must be positive"):
            ratio_between(*args)
    assert ratio_between(400e3, 500e3) == pytest.approx(1.25, rel=1e-12)
    assert ratio_between(1e-3, 1e-3) == 1.0


def test_rating_names_and_their_aliases():
    assert [rating_key(n) for n in (" WLTP ", "  nedc", "CLTC", "epa-label", "EPA-2cycle", "wltc-3b", "cltc-p")] == \
        ["wltp", "nedc", "cltc", "epa", "epa", "wltp", "cltc"]
    assert rating_key("hwfet") == "hwfet"
    assert rating_key(" 100 km/h ") == "constant 100 km/h"
    # a trace file keeps its name as written (case and all), only the spaces around it go
    assert rating_key("  My-Trace.CSV ") == "My-Trace.CSV"
    with pytest.raises(BatcalcError, match="unknown cycle"):
        rating_key("epa-3cycle")


def test_rating_consumption_and_range_at_constant_speed_by_hand():
    """On a constant-speed cycle the rating's consumption is the hand calculation above, and its range
    E / c: 60 kWh = 2.16e8 J over 405.18 J/m = 533.1 km."""
    from batcalc.physics.ratings import rating_consumption, rating_range, simulated_ratio

    v = _vehicle()
    c = rating_consumption(v, "100 km/h", 1750.0)
    assert type(c) is float
    assert c == pytest.approx(C_BY_HAND, rel=1e-9)
    assert rating_range(v, "100 km/h", 2.16e8, 1750.0) == pytest.approx(2.16e8 / C_BY_HAND, rel=1e-9)
    assert rating_range(v, " 100 km/h", 2.16e8, 1750.0) == pytest.approx(533.1e3, rel=1e-4)
    # 1 kg more: rolling rises by 9.81 x 0.007 / 0.9 = 0.0763 N, so the range on 2.16e8 J falls
    heavier = rating_range(v, "100 km/h", 2.16e8, 1751.0)
    assert heavier == pytest.approx(2.16e8 / (C_BY_HAND + 9.81 * 0.007 / 0.9), rel=1e-9)
    # the same cycle both ways: a ratio of exactly 1
    assert simulated_ratio(v, "100 km/h", "100 km/h", 1750.0) == pytest.approx(1.0, rel=1e-12)
    # any energy above 0 has a range, half a joule too: 0.5 J / 405.18 J/m = 1.234 mm
    assert rating_range(v, "100 km/h", 0.5, 1750.0) == pytest.approx(0.5 / C_BY_HAND, rel=1e-9)
    for bad in (0.0, -1.0):
        with pytest.raises(BatcalcError, match="usable energy must be positive"):
            rating_range(v, "100 km/h", bad, 1750.0)


def test_simulated_ratio_between_two_constant_speeds_by_hand():
    """At 50 km/h (13.889 m/s): (120.1725 + 0.5 x 1.2 x 0.5106 x 13.889^2) / 0.9 + 250 / 13.889 = 217.19 J/m;
    R_50 / R_100 = c_100 / c_50."""
    from batcalc.physics.ratings import simulated_ratio

    v50 = 50 / 3.6
    c50 = (1750 * 9.81 * 0.007 + 0.5 * 1.2 * 0.23 * 2.22 * v50 ** 2) / 0.9 + 250 / v50
    assert c50 == pytest.approx(217.19, abs=0.01)
    assert simulated_ratio(_vehicle(), "100 km/h", "50 km/h", 1750.0) == pytest.approx(C_BY_HAND / c50, rel=1e-9)


def test_a_bad_cycle_name_is_named_before_the_vehicles_own_checks(tmp_path):
    """A vehicle that gives only a measured consumption cannot run a cycle; a missing trace file is still
    reported as the missing file, not as that."""
    from batcalc.physics.ratings import rating_consumption

    v = _vehicle("measured_consumption: {value: 150 Wh/km, at_mass: 1800 kg, per_100kg: 4 Wh/km}")
    missing = str(tmp_path / "missing.csv")
    with pytest.raises(BatcalcError) as err:
        rating_consumption(v, missing, 1800.0)
    assert "only a measured consumption" not in str(err.value) and "missing.csv" in str(err.value)
    with pytest.raises(BatcalcError, match="only a measured consumption"):
        rating_consumption(v, "100 km/h", 1800.0)


def test_ratings_of_gives_all_four():
    from batcalc.physics.ratings import rating_range, ratings_of
    from batcalc.physics.vehicle import load_vehicle

    v = load_vehicle("compact-car")
    got = ratings_of(v, 2.16e8, 1700.0)
    assert list(got) == ["wltp", "epa", "cltc", "nedc"]
    assert got["nedc"] == rating_range(v, "nedc", 2.16e8, 1700.0)
    assert all(r > 0 for r in got.values())


def test_published_bands_at_their_edges():
    """cltc -> wltp is 78-88 % in specs/rating_bands.yaml; its edges are inside; read the other way round,
    1 / 0.88 = 1.13636 to 1 / 0.78 = 1.28205."""
    band = published_band("cltc", "wltp")
    assert band.source == "evkx-understanding-range" and (band.from_rating, band.to_rating) == ("cltc", "wltp")
    assert band.contains(band.low) and band.contains(band.high)
    assert not band.contains(0.7799) and not band.contains(0.8801)
    back = published_band("wltp", "cltc")
    assert back.source == "evkx-understanding-range" and (back.from_rating, back.to_rating) == ("wltp", "cltc")
    assert back.low == pytest.approx(1.13636, abs=1e-5) and back.high == pytest.approx(1.28205, abs=1e-5)
    assert published_band("wltp", "epa").low == pytest.approx(0.86)
    assert published_band("epa", "wltp").high == pytest.approx(1 / 0.86)


def test_band_sources_name_title_and_address():
    from batcalc.physics.ratings import band_sources

    sources = band_sources()
    assert sources["evkx-understanding-range"] == \
        "Understanding range: CLTC, NEDC, WLTP and EPA (EVKX.net) (https://github.com/evkx/evkx.github.io)"
    assert set(sources) == {"evkx-understanding-range", "ev-range-converter", "newthingstoday-ratings"}


def test_a_published_band_is_immutable():
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        published_band("cltc", "wltp").low = 0.0
