"""Pins on charge curves (batcalc/physics/charge_curve.py), against charges worked out by hand.

The pack throughout: E = 100 kWh = 3.6e8 J at 400 V nominal. At 1 C (1/3600 per second) the cell limit is
E / 3600 s = 100 kW. A taper that is 1.0 below 50 % SoC, 0.5 from 50 % and 0.2 from 80 % (step) gives
100, 50 and 20 kW; charging 10 -> 90 % then takes 0.4 E / 100 kW + 0.3 E / 50 kW + 0.1 E / 20 kW
= 1440 + 2160 + 1800 = 5400 s.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.charge_curve import (
    ChargeCurve,
    ChargeLimits,
    Table,
    default_taper,
    family_of,
    flat,
    peak_c_rate_for,
    taper,
)

E = 3.6e8                     # J, 100 kWh
ONE_C = 1 / 3600              # 1/s
STEPS = Table((0.0, 0.5, 0.8), (1.0, 0.5, 0.2), step=True)


def test_step_and_linear_tables_by_hand():
    assert list(STEPS.at(np.array([-0.1, 0.0, 0.49, 0.5, 0.79, 0.8, 1.0]))) == [1.0, 1.0, 1.0, 0.5, 0.5, 0.2, 0.2]
    linear = Table((0.0, 0.5, 0.8), (1.0, 0.5, 0.2))
    assert list(linear.at(np.array([0.0, 0.25, 0.65, 0.9]))) == pytest.approx([1.0, 0.75, 0.35, 0.2])
    assert list(flat(0.7).at(np.array([0.0, 0.5, 1.0]))) == [0.7, 0.7, 0.7]


@pytest.mark.parametrize("soc, value", [((), ()), ((0.0, 0.5), (1.0,)), ((0.0, 1.1), (1.0, 1.0)),
                                        ((-0.1, 0.5), (1.0, 1.0)), ((0.0, 0.5, 0.5), (1.0, 1.0, 1.0)),
                                        ((0.5, 0.2), (1.0, 1.0)), ((0.0,), (-0.1,)), ((0.0,), (math.nan,)),
                                        ((0.0,), (math.inf,))])
def test_bad_tables_are_refused(soc, value):
    with pytest.raises(BatcalcError, match="table"):
        Table(soc, value)


def test_tables_at_the_edges_are_accepted():
    assert Table((0.0, 1.0), (0.0, 1.0)).value == (0.0, 1.0)          # SoC 0 and 100 %, a value of 0
    assert Table((1.0,), (2.0,)).at(np.array([0.5]))[0] == 2.0


@pytest.mark.parametrize("bad", [dict(pack_energy=0.0), dict(pack_energy=-1.0), dict(pack_energy=math.inf),
                                 dict(nominal_voltage=0.0), dict(nominal_voltage=math.nan),
                                 dict(peak_c_rate=0.0), dict(charger_power=-5.0), dict(charger_current=math.inf),
                                 dict(charger_voltage=0.0)])
def test_bad_limits_are_refused(bad):
    good = dict(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, charger_power=5e4, charger_current=100.0,
                charger_voltage=500.0)
    ChargeLimits(**good)
    with pytest.raises(BatcalcError, match="must be positive"):
        ChargeLimits(**{**good, **bad})


def test_a_charge_with_no_limit_is_refused():
    with pytest.raises(BatcalcError, match="nothing limits"):
        ChargeLimits(pack_energy=E, nominal_voltage=400.0)
    for one in (dict(peak_c_rate=ONE_C), dict(charger_power=5e4), dict(charger_current=100.0)):
        ChargeLimits(pack_energy=E, nominal_voltage=400.0, **one)


@pytest.mark.parametrize("limit, power", [(dict(charger_power=5e4), 5e4), (dict(charger_current=100.0), 4e4),
                                          (dict(peak_c_rate=ONE_C), 1e5)])
def test_each_limit_alone_by_hand(limit, power):
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, **limit))
    assert curve.time(0.1, 0.8) == pytest.approx(0.7 * E / power, rel=1e-12)
    assert list(curve.power_at(np.array([0.0, 0.5, 1.0]))) == pytest.approx([power] * 3)
    assert list(curve.voltage_at(np.array([0.0, 1.0]))) == [400.0, 400.0]


def test_the_least_limit_decides():
    # 60 kW charger, 200 A (80 kW at 400 V), 1 C with the step taper: 60 kW to 50 %, then the cell
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, taper=STEPS,
                                     charger_power=6e4, charger_current=200.0))
    assert list(curve.power_at(np.array([0.2, 0.6, 0.9]))) == pytest.approx([6e4, 5e4, 2e4])
    w = curve.window(0.1, 0.9)
    t = 0.4 * E / 6e4 + 0.3 * E / 5e4 + 0.1 * E / 2e4        # 2400 + 2160 + 1800 = 6360 s
    assert w.time == pytest.approx(t, rel=1e-12) and curve.time(0.1, 0.9) == pytest.approx(t, rel=1e-12)
    assert (w.from_soc, w.to_soc) == (0.1, 0.9)
    assert w.energy == pytest.approx(0.8 * E)
    assert w.average_power == pytest.approx(0.8 * E / t)
    assert w.peak_power == pytest.approx(6e4)
    assert w.peak_soc == pytest.approx(0.1 + 1 / 2000 / 2)          # the middle of the first grid cell
    assert w.limited_by == pytest.approx({"charger power": 2400 / t, "battery": 3960 / t})
    assert w.decided_by == "battery"
    assert [s[0] for s in w.limit_spans] == ["charger power", "battery"]
    assert [s[1:] for s in w.limit_spans] == [pytest.approx((0.1, 0.5)), pytest.approx((0.5, 0.9))]
    # a current limit under the others: 100 A x 400 V = 40 kW throughout
    slow = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, charger_power=6e4,
                                    charger_current=100.0))
    assert slow.window(0.0, 1.0).limited_by == {"charger current": 1.0}
    assert slow.window(0.0, 1.0).decided_by == "charger current"


def test_the_cell_taper_by_hand():
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, taper=STEPS))
    assert curve.time(0.1, 0.9) == pytest.approx(5400.0, rel=1e-12)
    assert curve.time(0.1, 0.5) + curve.time(0.5, 0.9) == pytest.approx(5400.0, rel=1e-12)
    # 2 C peak halves every time
    fast = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=2 * ONE_C, taper=STEPS))
    assert fast.time(0.1, 0.9) == pytest.approx(2700.0, rel=1e-12)
    assert peak_c_rate_for(STEPS, 0.1, 0.9, 1800.0) == pytest.approx(3 * ONE_C)   # (0.4 + 0.6 + 0.5) / 1800 s


def test_breakpoints_off_the_grid_are_exact():
    # a step at 1/3 SoC, between grid points: 1/3 x 3600 s + 2/3 x 7200 s = 6000 s at 1 C
    third = Table((0.0, 1 / 3), (1.0, 0.5), step=True)
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, taper=third))
    assert curve.time(0.0, 1.0) == pytest.approx(6000.0, rel=1e-12)
    # a voltage step at 1/3: 100 A at 300 V then 400 V -> E/3 / 30 kW + 2E/3 / 40 kW = 4000 + 6000 s
    volts = Table((0.0, 1 / 3), (300.0, 400.0), step=True)
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, voltage=volts, charger_current=100.0))
    assert curve.time(0.0, 1.0) == pytest.approx(10000.0, rel=1e-12)


def test_pack_voltage_scales_current_and_cell_limits():
    volts = Table((0.0, 1.0), (300.0, 400.0))
    by_current = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=350.0, voltage=volts, charger_current=100.0))
    assert list(by_current.voltage_at(np.array([0.0, 0.5, 1.0]))) == pytest.approx([300.0, 350.0, 400.0])
    assert by_current.power_at(np.array([0.5]))[0] == pytest.approx(35000.0)
    # t = integral E ds / (100 (300 + 100 s)) = E / 1e4 ln(400 / 300)
    assert by_current.time(0.0, 1.0) == pytest.approx(E / 1e4 * math.log(4 / 3), rel=1e-6)
    by_cell = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=350.0, voltage=volts, peak_c_rate=ONE_C))
    assert by_cell.power_at(np.array([0.0, 1.0])) == pytest.approx([1e5 * 300 / 350, 1e5 * 400 / 350])


def test_the_charger_voltage_bounds_the_pack():
    volts = Table((0.0, 1.0), (300.0, 400.0))
    ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=350.0, voltage=volts, charger_current=100.0,
                             charger_voltage=400.0))
    with pytest.raises(BatcalcError, match="reaches 400 V, above the charger's 399 V"):
        ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=350.0, voltage=volts, charger_current=100.0,
                                 charger_voltage=399.0))


def test_zero_power_stops_the_charge_where_it_starts():
    """A curve at 0 from 90 % ('no charging above 90 %') charges below it: 10 -> 80 % at 1 C is
    0.7 h = 2520 s, 10 -> 90 % 2880 s; a window past 90 % is refused there, and a charge of any length
    stops at 90 %."""
    dead = Table((0.0, 0.9), (1.0, 0.0), step=True)
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, taper=dead))
    assert curve.stop == pytest.approx(0.9, abs=1e-12)
    assert curve.time(0.1, 0.8) == pytest.approx(2520.0, rel=1e-9)
    assert curve.window(0.1, 0.9).time == pytest.approx(2880.0, rel=1e-9)
    for window in ((0.1, 0.95), (0.92, 0.95)):
        with pytest.raises(BatcalcError, match=r"zero from 90\.0 % SoC .*reaches 90\.0 % at most"):
            curve.window(*window)
        with pytest.raises(BatcalcError, match=r"zero from 90\.0 % SoC"):
            curve.time(*window)
    assert curve.soc_after(0.1, 1e9) == pytest.approx(0.9, abs=1e-12)
    assert curve.soc_after(0.1, 1800.0) == pytest.approx(0.6, rel=1e-9)     # half an hour at 1 C: +50 %
    assert curve.soc_after(0.95, 600.0) == 0.95 and curve.added_in(0.95, 600.0) == 0.0


def test_soc_after_and_added_in_by_hand():
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, charger_power=5e4))
    assert curve.soc_after(0.1, 0.7 * E / 5e4) == pytest.approx(0.8)
    assert curve.soc_after(0.1, 0.0) == pytest.approx(0.1)
    assert curve.soc_after(0.0, 1e9) == 1.0
    assert curve.soc_after(1.0, 0.0) == 1.0
    assert curve.added_in(0.1, 0.7 * E / 5e4) == pytest.approx(0.7)
    assert curve.added_in(0.1, 0.7 * E / 5e4, to_soc=0.5) == pytest.approx(0.4)
    for start, seconds, fragment in ((-0.01, 1.0, "start SoC"), (1.01, 1.0, "start SoC"), (0.5, -1.0, "negative")):
        with pytest.raises(BatcalcError, match=fragment):
            curve.soc_after(start, seconds)


def test_windows_are_checked():
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, charger_power=5e4))
    assert curve.time(0.0, 1.0) == pytest.approx(E / 5e4)
    assert curve.time(0.0, 1e-6) == pytest.approx(1e-6 * E / 5e4)       # the narrowest window
    for a, b, fragment in ((-0.01, 0.5, "within 0-100"), (0.5, 1.01, "within 0-100"), (0.5, 0.5, "rise by"),
                           (0.6, 0.5, "rise by"), (0.0, 0.5e-6, "rise by")):
        with pytest.raises(BatcalcError, match=fragment):
            curve.time(a, b)
        with pytest.raises(BatcalcError, match=fragment):
            curve.window(a, b)
    for seconds in (0.0, -1.0):
        with pytest.raises(BatcalcError, match="must be positive"):
            peak_c_rate_for(STEPS, 0.1, 0.9, seconds)
    with pytest.raises(BatcalcError, match="rise by"):
        peak_c_rate_for(STEPS, 0.5, 0.5, 10.0)


@pytest.mark.parametrize("text, family", [("LFP", "lfp"), ("LiFePO4 prismatic", "lfp"),
                                          ("lithium iron phosphate", "lfp"), ("LFPX", "nmc"),
                                          ("semi-SOLID state", "solid-state"),
                                          ("silicon-carbon anode", "silicon"), ("NMC 811, no silicon", "nmc"),
                                          ("NCA", "nmc"), (None, "nmc"), ("", "nmc")])
def test_charge_families(text, family):
    assert family_of(text) == family


def test_default_tapers_by_family():
    assert default_taper("LFP").id == "typical-dc-lfp"
    assert default_taper("NMC").id == "typical-dc"
    assert default_taper("silicon anode").id == "typical-dc-silicon"
    assert default_taper("solid-state").id == "typical-dc-solid-state"
    assert taper("typical-dc").table.soc[0] == 0.0
    with pytest.raises(BatcalcError, match="no taper 'nope'; known: .*typical-dc"):
        taper("nope")


def test_the_shipped_typical_taper_as_published():
    # TomTom's typical curve: 50 % below 10 % SoC, 100 % to 50 %, 75 % to 80 %, 35 % to 90 %, then 20 %
    t = taper("typical-dc")
    assert (t.table.soc, t.table.value, t.table.step) == ((0.0, 0.1, 0.5, 0.8, 0.9), (0.5, 1.0, 0.75, 0.35, 0.2), True)
    assert t.source == "tomtom-charging-parameters" and t.note.startswith("TomTom gives it")
    assert t.grade == "reference"


def test_curves_tables_limits_windows_and_tapers_are_immutable():
    import dataclasses

    limits = ChargeLimits(pack_energy=E, nominal_voltage=400.0, charger_power=5e4)
    window = ChargeCurve(limits).window(0.1, 0.8)
    for obj, name in ((STEPS, "step"), (limits, "charger_power"), (window, "time"), (taper("typical-dc"), "id")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, 1.0)


def test_a_window_starting_or_ending_on_a_breakpoint_holds_only_its_own_cells():
    # 60 kW charger, then the cell from 50 %: a window from 50 % is the cell's alone, one to 50 % the charger's
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, taper=STEPS,
                                     charger_power=6e4))
    upper = curve.window(0.5, 0.9)
    assert upper.limited_by == {"battery": 1.0} and upper.peak_power == pytest.approx(5e4)
    assert upper.limit_spans == (("battery", 0.5, 0.9),)
    assert all(type(x) is float for x in upper.limit_spans[0][1:] + (upper.peak_power, upper.peak_soc))
    lower = curve.window(0.1, 0.5)
    assert lower.limited_by == {"charger power": 1.0} and lower.limit_spans == (("charger power", 0.1, 0.5),)


def test_more_window_edges():
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=365.5, charger_power=5e4))
    assert list(curve.voltage_at(np.array([0, 1]))) == [365.5, 365.5]        # SoC given as integers
    with pytest.raises(BatcalcError, match="within 0-100"):
        curve.time(1.01, 0.5)
    assert peak_c_rate_for(STEPS, 0.1, 0.9, 0.5) == pytest.approx(3.0)    # half a second: 1.5 / 0.5 s


def test_zero_power_is_told_from_a_small_one():
    # 0.1 W from 50 % (1e-6 of 100 kW) is slow but a charge; the power is zero only from 90 %
    dying = Table((0.0, 0.5, 0.9), (1.0, 1e-6, 0.0), step=True)
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, taper=dying))
    assert curve.stop == pytest.approx(0.9, abs=1e-12)
    # 0 -> 50 % at 1 C: 1800 s; 50 -> 90 % at 1e-6 C: 0.4 h / 1e-6 = 1.44e9 s
    assert curve.time(0.0, 0.9) == pytest.approx(1800.0 + 0.4 * 3600 / 1e-6, rel=1e-9)
    with pytest.raises(BatcalcError, match=r"zero from 90\.0 % SoC"):
        curve.time(0.0, 0.91)


def test_a_pack_at_the_charger_voltage_is_accepted_within_rounding():
    # 400 V over the upper half: a 400 V charger (or one a rounding below) serves it, a 399.99 V one not
    volts = Table((0.0, 0.5, 1.0), (300.0, 400.0, 400.0))
    for top in (400.0, 400.0 * (1 - 5e-10)):
        ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=350.0, voltage=volts, charger_current=100.0,
                                 charger_voltage=top))
    with pytest.raises(BatcalcError, match="above the charger's"):
        ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=350.0, voltage=volts, charger_current=100.0,
                                 charger_voltage=399.99))


def test_windows_at_0_and_100_percent_fail_on_their_width_not_their_ends():
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, charger_power=5e4))
    for a, b in ((1.0, 1.0), (0.0, 0.0)):
        with pytest.raises(BatcalcError, match="rise by"):
            curve.time(a, b)


def test_a_window_of_one_grid_cell():
    # 50 % to 50.05 %: one cell of 1/2000 SoC at 50 kW (the cell limit): 0.0005 x 3.6e8 J / 5e4 W = 3.6 s
    curve = ChargeCurve(ChargeLimits(pack_energy=E, nominal_voltage=400.0, peak_c_rate=ONE_C, taper=STEPS))
    w = curve.window(0.5, 0.5005)
    assert w.limit_spans == (("battery", 0.5, pytest.approx(0.5005)),)
    assert w.time == pytest.approx(3.6)
