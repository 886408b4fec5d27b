"""Cabin climate power: the shipped table is FASTSim's own runs, read as documented; the option adds it."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.powertrain import climate_power
from batcalc.spec.catalog import specs_root
from batcalc.units import parse_temperature

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "fastsim_results.json"


def test_table_is_the_mean_of_fastsims_runs():
    """Heat pump = FASTSim's Tesla, resistance = its Bolt and Leaf; mean aux power less the 250 W base,
    over UDDS and HWFET, rounded to the watt."""
    runs = json.loads(DATA.read_text())["hvac_by_ambient"]
    means: dict = defaultdict(list)
    for r in runs:
        system = "heat-pump" if r["vehicle"].startswith("tesla") else "resistance"
        means[(system, r["ambient_C"])].append(r["mean_aux_W"] - 250.0)
    for (system, celsius), values in means.items():
        assert climate_power(celsius + 273.15, system) == pytest.approx(round(sum(values) / len(values)), abs=0.5)
    assert "fastsim-hvac-runs" in (specs_root() / "climate.yaml").read_text()


def test_linear_between_points_and_held_at_the_ends():
    # heat pump: 2103 W at -7 C, 1190 W at 0 C: at -3.5 C halfway, 1646.5 W
    assert climate_power(parse_temperature("-3.5 °C"), "heat-pump") == pytest.approx((2103 + 1190) / 2)
    assert climate_power(parse_temperature("-30 °C"), "resistance") == pytest.approx(2769)
    with pytest.raises(BatcalcError, match="no climate system 'gas'"):
        climate_power(273.15, "gas")


def test_temperatures_parse_once_for_every_caller():
    assert parse_temperature("-7 °C") == pytest.approx(266.15)
    assert parse_temperature("77 degF") == pytest.approx(298.15)
    for bad in ("-300 °C", "20 km", "20"):
        with pytest.raises(BatcalcError):
            parse_temperature(bad)


def test_the_option_adds_climate_power_to_the_auxiliaries(run):
    import json as js

    base = js.loads(run("consumption", "--vehicle", "mid-sedan", "--ambient", "-7 °C", "-f", "json").stdout)
    warm = js.loads(run("consumption", "--vehicle", "mid-sedan", "--ambient", "-7 °C", "--climate", "heat-pump",
                        "-f", "json").stdout)

    def c(d):
        return next(v for k, v in d["results"].items() if k.startswith("consumption") and isinstance(v, dict))["value"]

    # 2103 W for WLTC's 1800 s over 23.27 km, through the battery (98.49 % one way): +46.8 Wh/km
    assert c(warm) - c(base) == pytest.approx(2103 * 1800 / 3600 / 23.266 / 0.97 ** 0.5, rel=0.01)
    r = run("consumption", "--vehicle", "mid-sedan", "--climate", "gas")
    assert r.exit_code == 2 and r.stderr.strip().startswith("batcalc: error: --climate: 'gas' is not")


def test_a_temperature_outside_the_table_says_the_power_is_held(run):
    """The cabin table (FASTSim runs) covers -7 to 35 °C; at -30 °C the heat pump's power is held at its
    -7 °C value, 2103 W, which the note gave as '2103 W at -30.0 °C' as if modelled there. It now says so.
    By hand: the auxiliaries are 250 W + 2103 W = 2353 W at -30 °C and at -7 °C alike."""
    cold = run("consumption", "-v", "mid-sedan", "--climate", "heat-pump", "--ambient", "-30 °C")
    edge = run("consumption", "-v", "mid-sedan", "--climate", "heat-pump", "--ambient", "-7 °C")
    assert cold.exit_code == 0 and edge.exit_code == 0
    assert "auxiliaries 2353 W" in cold.stdout and "auxiliaries 2353 W" in edge.stdout
    assert ("cabin climate (heat-pump) 2103 W at -30.0 °C, added to the auxiliaries (FASTSim's cabin models, "
            "specs/climate.yaml); held at its value at -7 °C: the table covers -7 °C to 35 °C, colder is not "
            "modelled") in cold.stdout
    assert "held at" not in edge.stdout
    hot = run("consumption", "-v", "mid-sedan", "--climate", "resistance", "--ambient", "113 °F", "-u", "imperial")
    assert "held at its value at 95 °F: the table covers 19.4 °F to 95 °F, hotter is not modelled" in hot.stdout
