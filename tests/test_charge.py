"""Charging maths against hand calculations; charger classes; the charge command."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batcalc.errors import BatcalcError
from batcalc.physics.charge import average_c_rate, average_power, charge_time, chargers, chargers_for, windows_for

KWH = 3.6e6


def test_c_rate_hand_calc():
    # 0 -> 80 % in 12 min: 0.8 / 0.2 h = 4 C; 10 -> 80 %: 0.7 / 0.2 h = 3.5 C
    assert average_c_rate(0.0, 0.8, 720) == pytest.approx(4.0)
    assert average_c_rate(0.1, 0.8, 720) == pytest.approx(3.5)
    # the two starts differ by 12.5 % in average power (0.8 vs 0.7 of the pack in the same time)
    assert average_power(0, 0.8, 720, 100 * KWH) / average_power(0.1, 0.8, 720, 100 * KWH) == pytest.approx(0.8 / 0.7)


def test_power_and_range_hand_calc():
    # 150 kWh pack, 0 -> 80 % in 12 min: 120 kWh / 0.2 h = 600 kW at the battery, 666.7 kW from the grid at 90 %
    w = windows_for(0.0, 0.8, 720, pack_energy=150 * KWH, consumption=130 * 3.6)[0]
    assert w.battery_power == pytest.approx(600e3)
    assert w.grid_power == pytest.approx(600e3 / 0.9)
    # range added = 0.8 x 150 kWh x 0.93 / 130 Wh/km = 858.5 km; per minute 71.5 km; speed 4292 km/h
    assert w.range_added == pytest.approx(0.8 * 150e3 * 0.93 / 130 * 1000)
    assert w.range_per_minute == pytest.approx(w.range_added / 12)
    assert w.charge_speed * 3.6 == pytest.approx(w.range_added / 1000 / 0.2)
    # battery power, at the default 400 V: min(power, current x 400 V) >= 600 kW
    assert {c.id for c in w.chargers()} == {c.id for c in chargers()
                                            if min(c.power, (c.current or math.inf) * 400.0) >= 600e3
                                            and (c.max_voltage or math.inf) >= 400.0}


def test_open_start_gives_two_windows():
    ws = windows_for(None, 0.8, 720)
    assert [w.from_soc for w in ws] == [0.0, 0.1] and not ws[0].start_stated


def test_cell_rating_check():
    w = windows_for(0.1, 0.8, 720, max_c_rate=3.0)[0]
    assert w.exceeds_cell_rating is True
    assert windows_for(0.1, 0.8, 720, max_c_rate=4.0)[0].exceeds_cell_rating is False


@given(de=st.floats(0.05, 1.0), t=st.floats(60, 36000), e=st.floats(1, 1000))
def test_time_and_power_are_inverse(de, t, e):
    p = average_power(0.0, de, t, e * KWH)
    assert charge_time(0.0, de, p, e * KWH) == pytest.approx(t)


def test_chargers_are_sourced_and_sorted():
    cs = chargers()
    assert [c.power for c in cs] == sorted(c.power for c in cs)
    assert {"ccs2", "gbt-2015", "chaoji-gbt-2023", "mcs"} <= {c.id for c in cs}
    assert [c.id for c in chargers_for(1e9)] == []


def test_bad_times_rejected():
    with pytest.raises(BatcalcError):
        average_c_rate(0, 0.8, 0)


def test_charge_command_llcb(run):
    r = run("charge", "huineng-llcb", "--pack-energy", "150 kWh", "-f", "json")
    assert r.exit_code == 0, r.stderr
    w = json.loads(r.stdout)["windows"]
    assert [x["average_c_rate"]["value"] for x in w] == pytest.approx([4.0, 3.5])
    assert w[0]["power_at_the_battery"] == {"value": pytest.approx(600.0), "unit": "kW"}
    assert "mcs" in w[0]["chargers"]


def test_charge_command_options_and_errors(run):
    r = run("charge", "samsung-inr21700-50e", "--from", "10 %", "--to", "80 %", "--power", "150 kW",
            "--pack-energy", "75 kWh", "-f", "json")
    w = json.loads(r.stdout)["windows"][0]
    # 0.7 x 75 kWh / 150 kW = 0.35 h = 21 min; 0.7 / 0.35 h = 2 C, above the 50E's 1 C rating
    assert w["time"]["value"] == pytest.approx(21.0)
    assert w["exceeds_cell_rating"] is True
    for args, fragment in ((["--to", "80 %"], "--time or --power"), (["--time", "12 min"], "--to is needed"),
                           (["--to", "80 %", "--power", "100 kW"], "needs a pack energy"),
                           (["--from", "90 %", "--to", "80 %", "--time", "5 min"], "above --from")):
        r = run("charge", "samsung-inr21700-50e", *args)
        assert r.exit_code == 2 and fragment in r.stderr, r.stderr


@pytest.mark.parametrize("option, value, fragment", [
    ("--charger-efficiency", "0 %", "charger efficiency must be above 0"),
    ("--pack-energy", "-75 kWh", "pack energy must be positive"),
    ("--pack-energy", "0 kWh", "pack energy must be positive"),
])
def test_charge_refuses_zero_or_negative_energy_and_efficiency(run, option, value, fragment):
    r = run("charge", "huineng-llcb", "--vehicle", "mid-sedan", option, value)
    assert r.exit_code == 2 and fragment in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_charge_window_checks_its_inputs():
    from batcalc.errors import BatcalcError
    from batcalc.physics.charge import Window, charge_time

    for kwargs in ({"pack_energy": -1.0}, {"pack_energy": 0.0}, {"charger_efficiency": 0.0},
                   {"charger_efficiency": 1.5}, {"usable_fraction": 0.0}):
        with pytest.raises(BatcalcError):
            Window(0.1, 0.8, 720.0, **kwargs)
    with pytest.raises(BatcalcError):
        charge_time(0.1, 0.8, 350e3, -2.7e8)
    assert charge_time(0.1, 0.8, 350e3, 3.6e8) == pytest.approx(0.7 * 3.6e8 / 350e3)


def test_charge_with_a_vehicle_weighs_the_pack_it_charges(run, write):
    """The consumption behind 'range added' is the vehicle's with a pack of the charged energy: made of the
    cell (cell level: E / (rho x 0.70); pack level: E / rho), else the vehicle's reference pack mass."""
    from batcalc.physics.vehicle import load_vehicle

    v = load_vehicle("mid-sedan")
    cell = write("c.yaml", """
        kind: cell
        id: c
        name: C
        energy_density: {level: cell, gravimetric: 250 Wh/kg}
        charging:
          max_c_rate: 3 C
          claims: [{to_soc: 80 %, time: 20 min}]
        """)
    pack = write("p.yaml", """
        kind: cell
        id: p
        name: P
        energy_density: {level: pack, gravimetric: 180 Wh/kg}
        charging:
          claims: [{to_soc: 80 %, time: 20 min}]
        """)
    for path, mass in ((cell, 90e3 / (250 * 0.70)), (pack, 90e3 / 180)):
        r = run("charge", path, "--vehicle", "mid-sedan", "--pack-energy", "90 kWh", "--cycle", "wltp", "-f", "json")
        assert r.exit_code == 0, r.stderr
        c = v.consumption_model("wltp")(v.total_mass(mass))
        added = json.loads(r.stdout)["windows"][0]["range_added"]["value"]      # km, 0 -> 80 %
        assert added == pytest.approx(0.8 * 90e3 * 3600 * 0.93 / c / 1000, rel=1e-9)
