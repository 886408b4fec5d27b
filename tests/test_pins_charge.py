"""Pins on the charging maths, each number worked out by hand in the comment.

Written against the survivors of ``tools/mutation.py`` (docs/mutation.md); the charger match uses a
pack whose battery power and grid power fall on either side of a charger class's rating, so that
matching on the wrong one is noticed.
"""

from __future__ import annotations

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.charge import (
    ASSUMED_STARTS,
    DEFAULT_CHARGER_EFFICIENCY,
    Window,
    average_c_rate,
    average_power,
    charge_time,
    chargers,
    chargers_for,
    check_charge_inputs,
    open_start_text,
    windows_for,
)

KWH = 3.6e6


def test_chargers_are_matched_on_battery_power_not_grid_power():
    # 85 kWh, 0 -> 80 % in 12 min: 68 kWh / 0.2 h = 340 kW at the battery, 340 / 0.9 = 377.8 kW from
    # the grid. A 350 kW class (CCS2, specs/chargers.yaml) delivers 340 kW at its DC output, so it is
    # listed (Window.chargers: "a charger's rating is its DC output"); matching on grid power would drop it.
    w = Window(0.0, 0.8, 720.0, pack_energy=85 * KWH)
    assert w.battery_power == pytest.approx(340e3)
    assert w.grid_power == pytest.approx(340e3 / 0.9)
    ratings = {c.id: c.max_power for c in chargers()}
    assert ratings["ccs2"] == pytest.approx(350e3)              # the case needs a class between the two
    ids = [c.id for c in w.chargers()]
    assert "ccs2" in ids
    assert ids == [c.id for c in chargers() if c.max_power >= 340e3]
    assert Window(0.0, 0.8, 720.0).chargers() == []             # no pack energy: no power, no charger


def test_chargers_for_includes_a_charger_rated_exactly_at_the_power():
    cs = chargers()
    top = cs[-1]
    assert top in chargers_for(top.max_power)
    assert chargers_for(top.max_power * 1.001) == []
    assert chargers_for(0.0) == list(cs)


def test_charger_efficiency_default_and_grid_power():
    # DESIGN.md reference value: charger efficiency 0.9
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
