"""Pins on the charging maths, each number worked out by hand in the comment.

Written against the survivors of ``tools/mutation.py`` (docs/mutation.md); the charger match uses a
pack whose battery power and grid power fall on either side of a charger class's rating, so that
matching on the wrong one is noticed.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.charge import (
    ASSUMED_STARTS,
    DEFAULT_CHARGER_EFFICIENCY,
    DEFAULT_PACK_VOLTAGE,
    Window,
    average_c_rate,
    average_power,
    charge_time,
    charger_catalogue,
    chargers,
    chargers_for,
    check_charge_inputs,
    delivered_power,
    open_start_text,
    windows_for,
)
from batcalc.physics.charge_curve import flat
from batcalc.physics.charging import CellLimit, curve_for

KWH = 3.6e6


def test_chargers_are_matched_on_battery_power_not_grid_power():
    # 85 kWh, 0 -> 80 % in 12 min: 68 kWh / 0.2 h = 340 kW at the battery, 340 / 0.9 = 377.8 kW from
    # the grid. A 350 kW class (CCS2: 350 kW, 500 A, up to 920 V) delivers min(350, 500 A x 800 V = 400)
    # = 350 kW at its DC output into an 800 V pack, so it is listed (a charger's rating is its DC output);
    # matching on grid power would drop it.
    w = Window(0.0, 0.8, 720.0, pack_energy=85 * KWH, pack_voltage=800.0)
    assert w.battery_power == pytest.approx(340e3)
    assert w.grid_power == pytest.approx(340e3 / 0.9)
    ratings = {c.id: c.power for c in chargers()}
    assert ratings["ccs2"] == pytest.approx(350e3)              # the case needs a class between the two
    assert "ccs2" in [c.id for c in w.chargers()]
    assert Window(0.0, 0.8, 720.0).chargers() == []             # no pack energy: no power, no charger


def test_chargers_deliver_the_least_of_power_and_current_at_the_pack_voltage():
    # 75 kWh, 10 -> 80 % in 20 min: 52.5 kWh / (1/3 h) = 157.5 kW at the battery. At 400 V (the default
    # pack voltage, the charge curve's): ccs-180kw (180 kW, 200 A) delivers min(180, 200 x 400 = 80) =
    # 80 kW and gbt-2015 (250 kW, 250 A) 100 kW: neither is listed (they were, by power alone); CHAdeMO
    # 2.0 (400 kW, 400 A) delivers 160 kW and is. At 800 V: ccs-180kw 160 kW and gbt-2015 200 kW are.
    w = Window(0.1, 0.8, 1200.0, pack_energy=75 * KWH)
    assert w.pack_voltage == DEFAULT_PACK_VOLTAGE == 400.0 and w.battery_power == pytest.approx(157.5e3)
    by_id = charger_catalogue()
    assert delivered_power(by_id["ccs-180kw"], 400.0) == pytest.approx(80e3)
    assert delivered_power(by_id["gbt-2015"], 400.0) == pytest.approx(100e3)
    assert delivered_power(by_id["chademo-2"], 400.0) == pytest.approx(160e3)
    ids = [c.id for c in w.chargers()]
    assert "ccs-180kw" not in ids and "gbt-2015" not in ids and "chademo-2" in ids
    ids800 = [c.id for c in replace(w, pack_voltage=800.0).chargers()]
    assert {"ccs-180kw", "gbt-2015", "chademo-2"} <= set(ids800)
    # the same rule as the charge curve: a flat curve on each charger charges at exactly what it delivers
    for c in chargers():
        p = delivered_power(c, 400.0)
        if 0 < p < math.inf:
            curve = curve_for(CellLimit(None, flat(1.0), "none", "", None, ""), 75 * KWH, 400.0, c)
            assert curve.window(0.1, 0.8).average_power == pytest.approx(p), c.id


def test_a_charger_outside_its_voltage_range_delivers_nothing():
    # ccs-180kw runs 150-920 V: nothing into a 100 V or a 1000 V pack (the charge curve refuses both)
    c = charger_catalogue()["ccs-180kw"]
    assert delivered_power(c, 100.0) == 0.0 and delivered_power(c, 1000.0) == 0.0
    # AC classes: their voltage and current are at the on-board charger, so their power alone applies,
    # drawn from the grid: 22 kW x 0.9 (the default charger efficiency) at the battery, 22 kW x 0.8 at 80 %
    assert delivered_power(charger_catalogue()["ac-3ph-22kw"], 800.0) == pytest.approx(22e3 * 0.9)
    assert delivered_power(charger_catalogue()["ac-3ph-22kw"], 800.0, 0.8) == pytest.approx(22e3 * 0.8)


def test_chargers_for_includes_a_charger_delivering_exactly_the_power():
    cs = chargers()
    top = max(cs, key=lambda c: delivered_power(c, 800.0))
    p = delivered_power(top, 800.0)
    assert top in chargers_for(p, 800.0)
    assert chargers_for(p * 1.001, 800.0) == []
    assert set(chargers_for(0.0)) == {c for c in cs if delivered_power(c, 400.0) > 0}


def test_charger_efficiency_default_and_grid_power():
    # the reference value (docs/assumptions.md): charger efficiency 0.9
    assert DEFAULT_CHARGER_EFFICIENCY == 0.9
    w = Window(0.1, 0.9, 1800.0, pack_energy=100 * KWH, charger_efficiency=0.8)
    # 0.8 x 100 kWh / 0.5 h = 160 kW at the battery; / 0.8 = 200 kW from the grid
    assert w.battery_power == pytest.approx(160e3)
    assert w.grid_power == pytest.approx(200e3)
    assert w.energy_added == pytest.approx(80 * KWH)
    assert w.delta == pytest.approx(0.8)
    assert w.c_rate == pytest.approx(1.6)                      # 0.8 / 0.5 h
    assert Window(0.1, 0.9, 1800.0).grid_power is None
    assert Window(0.1, 0.9, 1800.0).energy_added is None


def test_range_added_uses_usable_fraction_and_consumption():
    # 0.5 x 80 kWh x 0.9 = 36 kWh usable; at 150 Wh/km (540 J/m): 240 km; in 20 min: 12 km/min, 720 km/h
    w = Window(0.2, 0.7, 1200.0, pack_energy=80 * KWH, usable_fraction=0.9, consumption=540.0)
    assert w.range_added == pytest.approx(240e3)
    assert w.range_per_minute == pytest.approx(12e3)
    assert w.charge_speed == pytest.approx(720e3 / 3600)
    assert Window(0.2, 0.7, 1200.0, pack_energy=80 * KWH).range_added is None
    assert Window(0.2, 0.7, 1200.0, consumption=540.0).range_added is None
    assert Window(0.2, 0.7, 1200.0).range_per_minute is None
    assert Window(0.2, 0.7, 1200.0).charge_speed is None


def test_average_formulas_with_a_nonzero_start():
    # 20 -> 50 % in 15 min: 0.3 / 0.25 h = 1.2 C; of 60 kWh: 18 kWh / 0.25 h = 72 kW
    assert average_c_rate(0.2, 0.5, 900.0) == pytest.approx(1.2)
    assert average_power(0.2, 0.5, 900.0, 60 * KWH) == pytest.approx(72e3)
    # and back: 18 kWh at 72 kW takes 900 s
    assert charge_time(0.2, 0.5, 72e3, 60 * KWH) == pytest.approx(900.0)


def test_times_powers_and_energies_must_be_positive():
    for bad in (0.0, -60.0):
        with pytest.raises(BatcalcError, match="time must be positive"):
            average_c_rate(0.0, 0.8, bad)
        with pytest.raises(BatcalcError, match="time must be positive"):
            average_power(0.0, 0.8, bad, KWH)
        with pytest.raises(BatcalcError, match="power must be positive"):
            charge_time(0.0, 0.8, bad, KWH)
        with pytest.raises(BatcalcError, match="energy must be positive"):
            charge_time(0.0, 0.8, 1e3, bad)
    assert average_c_rate(0.0, 0.5, 1.0) == pytest.approx(1800.0)
    assert average_power(0.0, 0.5, 1.0, KWH) == pytest.approx(0.5 * KWH)
    assert charge_time(0.0, 0.5, 1.0, 1.0) == pytest.approx(0.5)


def test_charge_inputs_limits():
    check_charge_inputs(1.0, 1.0, 1.0)                          # 100 % efficiency and fraction allowed
    check_charge_inputs(None, 0.01, 0.01)
    for energy in (0.0, -KWH):
        with pytest.raises(BatcalcError, match="pack energy must be positive"):
            check_charge_inputs(energy, 0.9)
    for eff in (0.0, 1.01):
        with pytest.raises(BatcalcError, match="charger efficiency"):
            check_charge_inputs(None, eff)
    for frac in (0.0, 1.01):
        with pytest.raises(BatcalcError, match="usable fraction"):
            check_charge_inputs(None, 0.9, frac)


def test_cell_rating_boundary():
    # 0 -> 80 % in 24 min: 0.8 / 0.4 h = 2 C exactly: at the rating is not above it
    assert Window(0.0, 0.8, 1440.0, max_c_rate=2.0).exceeds_cell_rating is False
    assert Window(0.0, 0.8, 1440.0, max_c_rate=1.99).exceeds_cell_rating is True
    assert Window(0.0, 0.8, 1440.0).exceeds_cell_rating is None


def test_open_start_windows_and_text():
    assert ASSUMED_STARTS == (0.0, 0.10)
    # an end at 10 % leaves only the 0 % start (10 % is not below 10 %)
    ws = windows_for(None, 0.1, 600.0)
    assert [w.from_soc for w in ws] == [0.0] and not ws[0].start_stated
    assert windows_for(0.3, 0.8, 600.0)[0].start_stated
    assert [w.from_soc for w in windows_for(None, 0.8, 600.0, pack_energy=KWH)] == [0.0, 0.1]
    assert windows_for(None, 0.8, 600.0, pack_energy=KWH)[1].pack_energy == KWH
    assert open_start_text(0.8) == "0 % and 10 % starts"
    assert open_start_text(0.1) == "0 % start (10 % is not below the end SoC 10 %)"


def test_windows_and_chargers_are_immutable():
    import dataclasses

    for obj, name in ((Window(0.0, 0.8, 720.0), "seconds"), (chargers()[0], "max_power")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, 1.0)


def test_a_charger_delivers_into_a_pack_only_inside_its_voltage_range():
    # min(P, I x V) inside [min_voltage, max_voltage] (its ends included), 0 outside: hand figures
    from batcalc.physics.charge import ChargerLimits, delivered_power

    dc = ChargerLimits("t", "test", power=150e3, current=300.0, max_voltage=500.0, min_voltage=200.0)
    assert delivered_power(dc, 400.0) == pytest.approx(120e3)            # 300 A x 400 V below 150 kW
    assert delivered_power(dc, 500.0) == pytest.approx(150e3)            # at its highest voltage
    assert delivered_power(dc, 200.0) == pytest.approx(60e3)             # at its lowest voltage
    assert delivered_power(dc, 199.0) == 0.0 and delivered_power(dc, 501.0) == 0.0
    assert delivered_power(dc, 500.0 * (1 + 1e-10)) == pytest.approx(150e3)   # rounding at the top is inside
    open_ended = ChargerLimits("u", "test", power=None, current=None, max_voltage=None)
    assert delivered_power(open_ended, 800.0) == float("inf")


def test_a_pack_voltage_must_be_positive_and_finite():
    import math

    from batcalc.errors import BatcalcError
    from batcalc.physics.charge import Window, check_pack_voltage, pack_voltage_for

    for bad in (0.0, -1.0, math.nan, math.inf):
        with pytest.raises(BatcalcError, match="pack_voltage must be positive"):
            check_pack_voltage(bad)
        with pytest.raises(BatcalcError, match="pack_voltage must be positive"):
            Window(0.1, 0.8, 1200.0, pack_voltage=bad)
        with pytest.raises(BatcalcError, match="pack_voltage must be positive"):
            pack_voltage_for(None, bad, {"pack-voltage": 400.0})
    check_pack_voltage(None)
    check_pack_voltage(0.5)
    assert Window(0.1, 0.8, 1200.0, pack_voltage=0.5).pack_voltage == 0.5
    assert pack_voltage_for(None, 0.5, {"pack-voltage": 400.0}) == (0.5, "given")
    assert pack_voltage_for(None, None, {"pack-voltage": 350.0}) == (350.0, "default")


def test_chargers_for_scales_an_ac_rating_by_the_charger_efficiency_asked_for():
    """An AC class is rated at the grid: it delivers ``P_AC x eta_charger`` into the battery, at the efficiency
    the caller gives (``--charger-efficiency``), not the default 90 %. 7.4 kW at 85 % is 6.29 kW: a
    6.5 kW charge is within it at 90 % (6.66 kW) and beyond it at 85 %."""
    at_90 = [c.id for c in chargers_for(6500.0, 400.0, 0.90)]
    at_85 = [c.id for c in chargers_for(6500.0, 400.0, 0.85)]
    assert "ac-1ph-7kw" in at_90 and "ac-1ph-7kw" not in at_85
    assert "ac-3ph-22kw" in at_85                  # 22 kW x 0.85 = 18.7 kW: still enough
