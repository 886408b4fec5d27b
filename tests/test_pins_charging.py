"""Pins on charging a cell's pack (batcalc/physics/charging.py), against charges worked out by hand.

The pack throughout: E = 100 kWh = 3.6e8 J at 400 V nominal; at 1 C (1/3600 per second) it takes 100 kW.
The cell: 3.6 V x 5 Ah = 18 Wh = 64 800 J. The typical taper (specs/tapers.yaml, step): 50 % of the peak
below 10 % SoC, 100 % to 50 %, 75 % to 80 %, 35 % to 90 %, 20 % above.
"""

from __future__ import annotations

import numpy as np
import pytest

from batcalc.errors import BatcalcError

E = 3.6e8                     # J, 100 kWh
C = 1 / 3600                  # 1/s: 1 C

CELL = ("kind: cell\nid: c\nname: C\n{chem}electrical:\n  nominal_voltage: 3.6 V\n  capacity: 5 Ah\n{volt}"
        "charging:\n{charging}")


def _cell(tmp_path, charging: str, chem: str = "", volt: str = "", name: str = "c"):
    from batcalc.physics.cells import load_cell

    path = tmp_path / f"{name}.yaml"
    path.write_text(CELL.format(chem=chem, volt=volt, charging=charging), encoding="utf-8")
    return load_cell(str(path))


STEP_CURVE = ("  max_c_rate: 10 C\n  charge_curve:\n    shape: step\n    points:\n"
              "      - {soc: 0 %, c_rate: 2 C}\n      - {soc: 50 %, c_rate: 4 C}\n      - {soc: 80 %, c_rate: 1 C}\n")


def test_a_cells_own_step_curve_in_c_rates(tmp_path):
    """2 C to 50 %, 4 C to 80 %, 1 C above: peak 4 C (over the rated 10 C: the curve comes first), taper 0.5,
    1, 0.25. On 100 kWh: 200, 400 and 100 kW; 10 -> 90 %: 0.4 E / 200 kW + 0.3 E / 400 kW + 0.1 E / 100 kW
    = 720 + 270 + 360 = 1350 s."""
    from batcalc.physics.charging import cell_limit, curve_for

    lim = cell_limit(_cell(tmp_path, STEP_CURVE))
    assert lim.peak_from == "curve" and lim.peak_c_rate == pytest.approx(4 * C, rel=1e-12)
    assert lim.taper_id is None and "c's own charge curve" in lim.taper_text and "4 C" in lim.peak_text
    assert lim.taper.step and lim.taper.soc == (0.0, 0.5, 0.8)
    assert list(lim.taper.value) == pytest.approx([0.5, 1.0, 0.25], rel=1e-12)
    w = curve_for(lim, E).window(0.1, 0.9)
    assert w.time == pytest.approx(1350.0, rel=1e-9)
    assert w.peak_power == pytest.approx(400e3, rel=1e-9)


def test_a_cells_own_linear_curve_in_power_per_cell(tmp_path):
    """64.8 W at 0 % and 32.4 W at 100 % per 64 800 J cell: 1e-3 and 0.5e-3 per second (3.6 C and 1.8 C);
    linear, so 0.75 of the 3.6 C peak at 50 %: 1e-3 x 0.75 x 3.6e8 = 270 kW on 100 kWh."""
    from batcalc.physics.charging import cell_limit, curve_for

    power = "  charge_curve:\n    points:\n      - {soc: 0 %, power: 64.8 W}\n      - {soc: 100 %, power: 32.4 W}\n"
    lim = cell_limit(_cell(tmp_path, power))
    assert lim.peak_c_rate == pytest.approx(1e-3, rel=1e-12)
    assert not lim.taper.step and list(lim.taper.value) == pytest.approx([1.0, 0.5], rel=1e-12)
    assert curve_for(lim, E).power_at(np.array([0.5]))[0] == pytest.approx(270e3, rel=1e-9)


def test_a_power_curve_needs_the_cells_energy(tmp_path):
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charging import cell_limit

    path = tmp_path / "n.yaml"
    path.write_text("kind: cell\nid: n\nname: N\nelectrical:\n  nominal_voltage: 3.6 V\ncharging:\n  charge_curve:\n"
                    "    points:\n      - {soc: 0 %, power: 50 W}\n", encoding="utf-8")
    with pytest.raises(BatcalcError, match="gives no energy"):
        cell_limit(load_cell(str(path)))


def test_the_taper_in_order_of_precedence(tmp_path):
    """A given taper over the cell's own curve (whose peak still holds); the cell's charging.taper over its
    chemistry's default; the default of the family (nmc: typical-dc, LFP: typical-dc-lfp)."""
    from batcalc.physics.charging import cell_limit, cell_taper

    own = cell_limit(_cell(tmp_path, STEP_CURVE), taper_id="typical-dc-lfp")
    assert own.taper_id == "typical-dc-lfp" and own.peak_from == "curve"
    assert own.peak_c_rate == pytest.approx(4 * C, rel=1e-12) and "(given;" in own.taper_text
    assert list(own.taper.value) == pytest.approx([0.5, 1.0, 0.75, 0.35, 0.2]) and own.taper.step
    named = cell_limit(_cell(tmp_path, "  max_c_rate: 2 C\n  taper: typical-dc-silicon\n", name="s"))
    assert named.taper_id == "typical-dc-silicon" and "c's taper" in named.taper_text
    assert named.peak_from == "rating" and named.peak_c_rate == pytest.approx(2 * C, rel=1e-12)
    lfp = _cell(tmp_path, "  max_c_rate: 2 C\n", chem="chemistry: LFP\n", name="l")
    assert cell_limit(lfp).taper_id == "typical-dc-lfp" and "default for lfp cells" in cell_limit(lfp).taper_text
    assert cell_taper(lfp).id == "typical-dc-lfp"
    assert cell_taper(_cell(tmp_path, "  max_c_rate: 2 C\n", name="m")).id == "typical-dc"
    assert cell_limit(lfp, peak_c_rate=3 * C).peak_c_rate == 3 * C


CLAIMS = ("  claims:\n    - {from_soc: 10 %, to_soc: 80 %, time: 20 min, source: x}\n"
          "    - {to_soc: 80 %, time: 20 min, source: x}\n    - {to_soc: 10 %, time: 6 min, source: x}\n")


def _claims_cell(tmp_path):
    from batcalc.physics.cells import load_cell

    path = tmp_path / "k.yaml"
    path.write_text("kind: cell\nid: k\nname: K\nelectrical:\n  nominal_voltage: 3.6 V\n  capacity: 5 Ah\n"
                    f"charging:\n{CLAIMS}sources:\n  - {{id: x, title: X, url: https://example.org, grade: press}}\n",
                    encoding="utf-8")
    return load_cell(str(path))


def test_implied_peaks_under_the_typical_taper_by_hand(tmp_path):
    """Under the typical taper, the integral of ds / share: 10 -> 80 %: 0.4 / 1 + 0.3 / 0.75 = 0.8;
    0 -> 80 %: 0.1 / 0.5 + 0.8 = 1.0; 0 -> 10 %: 0.2. So 10 -> 80 % in 20 min: 2.1 C average, 0.8 / 1200 s
    = 2.4 C peak; the open 80 % in 20 min from 0 %: 2.4 C and 3 C, and from 10 % as the first; the open
    10 % in 6 min only from 0 % (a start at 10 % is no window): 1 C and 0.2 / 360 s = 2 C."""
    from batcalc.physics.charging import implied_peaks

    got = [(p.from_soc, p.to_soc, p.seconds, p.average_c_rate / C, p.peak_c_rate / C)
           for p in implied_peaks(_claims_cell(tmp_path))]
    want = [(0.1, 0.8, 1200.0, 2.1, 2.4), (0.0, 0.8, 1200.0, 2.4, 3.0), (0.1, 0.8, 1200.0, 2.1, 2.4),
            (0.0, 0.1, 360.0, 1.0, 2.0)]
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g == pytest.approx(w, rel=1e-9)
    # a taper named is the one read (the shipped ones share their figures: an unknown name tells)
    assert implied_peaks(_claims_cell(tmp_path), "typical-dc-lfp")[0].peak_c_rate == pytest.approx(2.4 * C)
    with pytest.raises(BatcalcError, match="no-such-taper"):
        implied_peaks(_claims_cell(tmp_path), "no-such-taper")


def test_the_least_implied_peak_is_the_cells_limit(tmp_path):
    """Without a rating, the least of the peaks above (2 C, the 10 % claim) limits the cell; claims not
    read: no cell limit."""
    from batcalc.physics.charging import cell_limit

    cell = _claims_cell(tmp_path)
    lim = cell_limit(cell)
    assert lim.peak_from == "claim" and lim.peak_c_rate == pytest.approx(2 * C, rel=1e-9)
    assert "0->10 % in 6 min" in lim.peak_text and lim.taper_id == "typical-dc"
    assert cell_limit(cell, use_claims=False).peak_c_rate is None
    assert cell_limit(cell, use_claims=False).peak_from == "none"


def test_pack_voltage_curve_series_count(tmp_path):
    """round(800 / 3.6) = 222 in series; a pack below one cell still has one."""
    from batcalc.physics.charging import pack_voltage_curve

    volt = "  voltage_curve:\n    points:\n      - {soc: 0 %, voltage: 3.0 V}\n      - {soc: 100 %, voltage: 4.2 V}\n"
    cell = _cell(tmp_path, "  max_c_rate: 1 C\n", volt=volt)
    series, table = pack_voltage_curve(cell, 800.0)
    assert series == 222 and table.soc == (0.0, 1.0) and list(table.value) == pytest.approx([666.0, 932.4])
    assert not table.step
    one, low = pack_voltage_curve(cell, 1.0)
    assert one == 1 and list(low.value) == pytest.approx([3.0, 4.2])
    assert pack_voltage_curve(_cell(tmp_path, "  max_c_rate: 1 C\n", name="nv"), 800.0) is None


def test_stations_limits_and_the_default_pack_voltage(tmp_path):
    """A 10 C cell (1000 kW on 100 kWh) on a DC station of 50 kW and 100 A: 100 A x 400 V = 40 kW decides;
    10 -> 80 %: 0.7 E / 40 kW = 6300 s. The same figures as an AC station (``ac-`` id): only its power, drawn
    from the grid, 50 kW x 0.9 at the battery: 0.7 E / 45 kW = 5600 s (5040 s at 100 %), and a 400 V pack
    above its 230 V is no error. Without a station, the cell under the typical taper: 0.4 E / 1000 kW +
    0.3 E / 750 kW = 144 + 144 = 288 s."""
    from batcalc.physics.charging import DEFAULT_PACK_VOLTAGE, ChargerLimits, cell_limit, curve_for, is_ac

    assert DEFAULT_PACK_VOLTAGE == 400.0
    lim = cell_limit(_cell(tmp_path, "  max_c_rate: 10 C\n"))
    dc = ChargerLimits("dc-x", "DC", power=50e3, current=100.0, max_voltage=500.0)
    curve = curve_for(lim, E, station=dc)
    assert curve.window(0.1, 0.8).time == pytest.approx(6300.0, rel=1e-9)
    assert list(curve.voltage_at(np.array([0.0, 1.0]))) == [400.0, 400.0]
    ac = ChargerLimits("ac-x", "AC", power=50e3, current=100.0, max_voltage=230.0)
    assert is_ac(ac) and not is_ac(dc) and not is_ac(ChargerLimits("dc-ac", "x", 1.0, None, None))
    assert curve_for(lim, E, station=ac).window(0.1, 0.8).time == pytest.approx(5600.0, rel=1e-9)
    assert curve_for(lim, E, station=ac, charger_efficiency=1.0).window(0.1, 0.8).time == pytest.approx(5040.0)
    assert curve_for(lim, E).window(0.1, 0.8).time == pytest.approx(288.0, rel=1e-9)
    only_current = ChargerLimits("dc-y", "DC", power=None, current=100.0, max_voltage=None)
    assert curve_for(lim, E, 800.0, only_current).window(0.1, 0.8).time == pytest.approx(0.7 * E / 80e3, rel=1e-9)
    with pytest.raises(BatcalcError, match="above"):
        curve_for(lim, E, 600.0, dc)


def test_a_stations_lowest_voltage(tmp_path):
    """ccs-180kw delivers 150-920 V at 200 A (specs/chargers.yaml): a 150 V pack is charged (200 A x 150 V =
    30 kW), a 149 V pack is refused."""
    from batcalc.physics.charging import cell_limit, charger, curve_for

    station = charger("ccs-180kw")
    assert (station.power, station.current, station.max_voltage, station.min_voltage) == (180e3, 200.0, 920.0, 150.0)
    lim = cell_limit(_cell(tmp_path, "  max_c_rate: 10 C\n"))
    assert curve_for(lim, E, 150.0, station).window(0.1, 0.8).time == pytest.approx(0.7 * E / 30e3, rel=1e-9)
    with pytest.raises(BatcalcError, match="150 V at the least"):
        curve_for(lim, E, 149.0, station)
    assert charger("ccs2").min_voltage is None
    curve_for(lim, E, 10.0, charger("ccs2"))                        # no lowest voltage given: no bound


def test_charge_curve_limits_and_catalogue_errors(tmp_path):
    """charge_curve reads the rating, not claims: the claims cell on a 50 kW station charges at 50 kW
    (0.7 E / 50 kW = 5040 s); a rated 1 C cell alone at 100 kW (2520 s)."""
    from batcalc.physics.charging import ChargerLimits, charge_curve, charger

    station = ChargerLimits("s", "S", power=50e3, current=None, max_voltage=None)
    assert charge_curve(_claims_cell(tmp_path), E, station=station).window(0.1, 0.8).time == \
        pytest.approx(5040.0, rel=1e-9)
    rated = _cell(tmp_path, "  max_c_rate: 1 C\n")
    curve = charge_curve(rated, E)
    assert curve.window(0.1, 0.5).time == pytest.approx(0.4 * E / 100e3, rel=1e-9)
    assert list(curve.voltage_at(np.array([0.5]))) == [400.0]
    assert charge_curve(rated, E, peak_c_rate=2 * C).window(0.1, 0.5).time == pytest.approx(720.0, rel=1e-9)
    assert charge_curve(rated, E, taper_id="typical-dc").window(0.5, 0.8).time == \
        pytest.approx(0.3 * E / 75e3, rel=1e-9)
    with pytest.raises(BatcalcError, match="no-such-taper"):        # the taper named is the one read
        charge_curve(rated, E, taper_id="no-such-taper")
    with pytest.raises(BatcalcError, match="no rated charge C-rate"):
        charge_curve(_claims_cell(tmp_path), E)
    with pytest.raises(BatcalcError, match=r"no charger 'zzzz'; known: ac-1ph-7kw, ac-3ph-22kw, ccs-150kw"):
        charger("zzzz")
    assert charger("ccs2").power == 350e3 and charger("ccs2").max_voltage == 920.0


def test_tapers_with_their_families():
    from batcalc.physics.charging import tapers

    got = {t.id: families for t, families in tapers()}
    assert got["typical-dc"] == ["nmc"] and got["typical-dc-lfp"] == ["lfp"]
    assert got["typical-dc-solid-state"] == ["solid-state"]


def test_charge_results_are_immutable(tmp_path):
    import dataclasses

    from batcalc.physics.charging import cell_limit, charger, implied_peaks

    for obj, name in ((charger("ccs2"), "power"), (cell_limit(_cell(tmp_path, STEP_CURVE)), "peak_c_rate"),
                      (implied_peaks(_claims_cell(tmp_path))[0], "peak_c_rate")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, 1.0)


def test_a_given_taper_is_the_one_a_cells_claims_are_read_under(monkeypatch):
    """Without a rated C-rate, the peak is what the cell's charge claim implies under the taper in use:
    under a given taper, that one. A step taper of 100 % up to 50 % SoC and 50 % above: huineng-llcb's
    10 -> 80 % in 12 min needs 0.4 / 1.0 + 0.3 / 0.5 = 1.0 of the peak over 0.2 h: 5 C (its default
    taper gives 4 C)."""
    from batcalc.physics import charging
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charge_curve import Table, Taper

    steep = Taper("steep", "steep", Table((0.0, 0.5), (1.0, 0.5), step=True), None, "a test taper")
    shipped = charging.taper
    monkeypatch.setattr(charging, "taper", lambda tid: steep if tid == "steep" else shipped(tid))
    cell = load_cell("huineng-llcb")
    assert cell.get("max_c_rate") is None
    assert charging.cell_limit(cell).peak_c_rate * 3600 == pytest.approx(4.0, rel=1e-9)
    limit = charging.cell_limit(cell, taper_id="steep")
    assert limit.peak_from == "claim" and limit.taper_id == "steep"
    assert limit.peak_c_rate * 3600 == pytest.approx(5.0, rel=1e-9)


def test_a_given_peak_a_little_above_the_rating_is_said(tmp_path):
    """A given peak C-rate 1.25 x the cell's rated 2 C (2.5 C) is above it and said so; at the rating, not."""
    from batcalc.physics.charging import cell_limit

    rated = _cell(tmp_path, "  max_c_rate: 2 C\n", name="r")
    assert "above c's rated max C-rate 2 C" in cell_limit(rated, peak_c_rate=2.5 * C).peak_text
    assert "above" not in cell_limit(rated, peak_c_rate=2 * C).peak_text
