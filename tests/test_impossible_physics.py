"""Physically impossible vehicles and results are refused with the reason (exit 2, one line), never
printed as numbers (inf, NaN, -3.4e18 km) or raised as internal errors: a vehicle with no road load,
a lossless vehicle on any cycle, a cycle that gives energy back, a vehicle heavier than any road
vehicle, ranges and claim products beyond the magnitude limit."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import batcalc
from batcalc.cli.main import app
from batcalc.errors import BatcalcError
from batcalc.physics.cycles import Cycle, get_cycle
from batcalc.physics.powertrain import Powertrain, constant_efficiency, flat_map
from batcalc.physics.vehicle import MAX_VEHICLE_MASS, Consumption, RoadLoad, load_vehicle

runner = CliRunner()

BODY = ("kind: vehicle\nid: {id}\nname: Test\nclass: car\n"
        "mass_without_battery: {{value: 1270 kg, assumption: test}}\n"
        "reference_pack:\n  energy: {{value: 75 kWh, assumption: test}}\n  mass: {{value: 480 kg, assumption: test}}\n"
        "payload: {{value: 150 kg, assumption: test}}\n")
ZERO_COAST_DOWN = ("coast_down:\n  f0: {value: 0 N, assumption: test}\n  f1: {value: 0 N/(km/h), assumption: test}\n"
                   "  f2: {value: 0 N/(km/h)^2, assumption: test}\n")
LOSSLESS = ("drivetrain_efficiency: {value: 100 %, assumption: test}\n"
            "regen_fraction: {value: 100 %, assumption: test}\n"
            "auxiliary_power: {value: 0 W, assumption: test}\n")
LOSSLESS_POWERTRAIN = ("powertrain:\n  note: test\n  motor_rated_power: 150 kW\n  motor_map:\n    points:\n"
                       "      - {load: 0 %, efficiency: 100 %}\n  transmission_efficiency: 100 %\n"
                       "  battery_efficiency: 100 %\n  regen_efficiency: 100 %\n  regen_fades: false\n"
                       "auxiliary_power: {value: 0 W, assumption: test}\n")
ONE_NEWTON = ("coast_down:\n  f0: {value: 1 N, assumption: test}\n  f1: {value: 0 N/(km/h), assumption: test}\n"
              "  f2: {value: 0 N/(km/h)^2, assumption: test}\n")


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(BODY.format(id=name) + text, encoding="utf-8")
    return str(path)


def refused(args: list[str], fragment: str) -> str:
    """Run the CLI in-process: exit 2, one line on stderr containing ``fragment``, no traceback."""
    r = runner.invoke(app, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == 2, (r.exit_code, r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert fragment in lines[0], lines[0]
    assert "Traceback" not in r.output
    return lines[0]


# ------------------------------------------------------------------ no road load: refused at load time

@pytest.mark.parametrize("powertrain", [LOSSLESS, LOSSLESS_POWERTRAIN, ""])
@pytest.mark.parametrize("command", [
    ["range", "gac-aion-ssb-350", "-v", "{v}", "--cycle", "udds"],
    ["range", "gac-aion-ssb-350", "-v", "{v}", "--cycle", "80 km/h"],
    ["consumption", "-v", "{v}", "--cycle", "80 km/h"],
    ["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "{v}"],
    ["sweep", "-v", "{v}", "--pack-masses", "200:600:100 kg"],
    ["normalise", "500 km", "--from", "wltp", "--to", "epa", "-v", "{v}"],
])
def test_a_vehicle_with_no_road_load_is_refused_where_its_file_says_so(tmp_path, powertrain, command):
    path = write(tmp_path, "no-load", ZERO_COAST_DOWN + powertrain)
    line = refused([a.format(v=path) for a in command], "f0, f1 and f2 are all 0")
    assert line.startswith(f"{path}:11:3: coast_down:"), line   # the coast_down mapping


def test_plot_range_with_no_road_load_is_refused(tmp_path):
    path = write(tmp_path, "no-load", ZERO_COAST_DOWN)
    refused(["plot", "range", "gac-aion-ssb-350", "-v", path, "--cycle", "80 km/h", "-o", str(tmp_path / "r.png")],
            "a rolling vehicle has some road load")


def test_the_library_refuses_it_too(tmp_path):
    path = write(tmp_path, "no-load", ZERO_COAST_DOWN + LOSSLESS)
    with pytest.raises(BatcalcError, match="f0, f1 and f2 are all 0"):
        batcalc.range_of("gac-aion-ssb-350", path, cycle="80 km/h")


# ------------------------------------------------------------------ no energy over the cycle: refused in physics

@pytest.mark.parametrize("cycle", ["wltp", "udds", "hwfet", "us06", "sc03", "cltc", "nedc", "80 km/h"])
def test_a_lossless_vehicle_without_road_load_needs_no_energy(cycle):
    """RoadLoad() has no road load; with a lossless powertrain and no auxiliaries the cycle's energy is 0
    (or its rounding, 1e-16 of the energy passing through): refused, not a range of -3.4e18 km."""
    load = RoadLoad(powertrain=constant_efficiency(1.0, 1.0, 0.0))
    model = Consumption(load, get_cycle(cycle), "lossless")
    for mass in (1900.0, np.array([1500.0, np.nan, 2000.0])):
        with pytest.raises(BatcalcError) as exc:
            model(mass)
        message = str(exc.value)
        assert message.startswith("lossless on ") and "the cycle needs no energy from the battery" in message
        assert "no road load, no auxiliary power, lossless powertrain, full regeneration" in message
        assert message.endswith("a vehicle needs a positive consumption") and "\n" not in message


def test_a_cycle_that_ends_slower_than_it_starts_gives_energy_back(tmp_path):
    """1 N of road load, lossless, on a trace from 100 km/h to a stop: the battery gains energy."""
    trace = tmp_path / "decel.csv"
    trace.write_text("time_s,speed_kmh\n0,100\n10,80\n20,60\n30,40\n40,20\n50,0\n", encoding="utf-8")
    path = write(tmp_path, "one-newton", ONE_NEWTON + LOSSLESS_POWERTRAIN)
    line = refused(["range", "gac-aion-ssb-350", "-v", path, "--cycle", str(trace)],
                   "one-newton on decel.csv: the battery gains energy over the cycle")
    assert "the cycle ends slower than it starts" in line and line.endswith("a vehicle needs a positive consumption")


def test_a_lossless_vehicle_with_a_little_road_load_has_a_true_consumption(tmp_path):
    """1 N at the wheels, lossless: 1 J/m = 0.2778 Wh/km on any cycle; its mass sensitivity is 0 (a
    coast-down F0 does not grow with mass), not the rounding of two sums (-1.7e-15 Wh/km)."""
    path = write(tmp_path, "one-newton", ONE_NEWTON + LOSSLESS_POWERTRAIN)
    r = runner.invoke(app, ["consumption", "-v", path, "--cycle", "udds", "-f", "json"])
    assert r.exit_code == 0, r.stderr
    import json

    results = json.loads(r.stdout)["results"]
    assert results["consumption"]["value"] == pytest.approx(1 / 3.6, rel=1e-9)
    assert results["consumption_per_100kg"]["value"] == 0


# ------------------------------------------------------------------ results beyond the limits

def test_a_pack_mass_heavier_than_any_vehicle_is_refused():
    """--pack-mass '1e18 kg' printed a range and a mass sensitivity made of rounding."""
    refused(["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--pack-mass", "1e18 kg"],
            "heavier than any road vehicle (at most 1e+06 kg)")
    refused(["consumption", "-v", "mid-sedan", "--pack-mass", "1e18 kg"],
            "mid-sedan: a vehicle mass of 1e+18 kg")
    refused(["sweep", "-v", "mid-sedan", "--pack-masses", "1e5,1e7 kg"], "mid-sedan: a vehicle mass of 1e+07 kg")


def test_a_huge_vehicle_mass_is_refused_by_the_library():
    with pytest.raises(BatcalcError, match="beyond 1e\\+06 kg, more than any road vehicle"):
        load_vehicle("mid-sedan").consumption_model("wltp")(2 * MAX_VEHICLE_MASS)


def test_a_range_beyond_the_magnitude_limit_is_refused(tmp_path):
    """A cell at the limit of the allowed magnitudes (1e18 Wh/kg): its pack's energy is 1e24 J."""
    cell = tmp_path / "huge.yaml"
    cell.write_text("kind: cell\nid: huge\nname: Huge\nenergy_density:\n  level: cell\n"
                    "  gravimetric: {value: 1e18 Wh/kg, assumption: test}\n"
                    "  volumetric: {value: 1e18 Wh/L, assumption: test}\n", encoding="utf-8")
    fragment = "the huge pack's energy comes out at 1.21e+24 J: beyond 1e+18 J"
    refused(["range", str(cell), "-v", "mid-sedan"], fragment)
    refused(["plot", "range", str(cell), "-v", "mid-sedan", "-o", str(tmp_path / "r.png")], fragment)
    refused(["sweep", "-v", "mid-sedan", "--pack-masses", "100:600:100 kg", "--densities", "1e18 Wh/kg"],
            "a range in mid-sedan comes out at 6.184e+20 m: beyond 1e+18 m")


def test_claim_products_and_expressions_beyond_the_limit_are_refused():
    factors = " * ".join(["1e18"] * 18)
    refused(["claim", "product", f"factors={factors}", "--asserted", "1"], "the factors multiply to inf")
    refused(["claim", "product", "factors=1e18 * 1e18", "--asserted", "1"], "the factors multiply to 1e+36")
    refused(["claim", "expression", "expr=1e18 * 1e18 * 1e18", "--asserted", "1"],
            "the expression comes out at 1e+54")
    r = runner.invoke(app, ["claim", "product", "factors=1e9 * 1e9", "--asserted", "1e18"])
    assert r.exit_code == 0, r.stderr


def test_check_result():
    from batcalc.units import check_result

    assert check_result(1e18, "x", "m") == 1e18
    for bad in (math.inf, math.nan, -2e18, np.array([1.0, np.inf])):
        with pytest.raises(BatcalcError):
            check_result(bad, "x", "m")


# ------------------------------------------------------------------ property: accepted means positive and finite

LOADS = st.one_of(
    st.builds(lambda c_rr, cd_a: dict(c_rr=c_rr, cd_a=cd_a),
              st.floats(0.001, 0.05), st.floats(0.05, 30.0)),
    st.builds(lambda f0, f1, f2: dict(f0=f0, f1=f1, f2=f2, coast_down=True),
              st.floats(0.0, 5000.0), st.floats(0.0, 100.0), st.floats(0.0, 20.0)).filter(
        lambda d: d["f0"] + d["f1"] + d["f2"] > 0),
)
POWERTRAINS = st.one_of(
    st.builds(constant_efficiency, st.floats(0.3, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 20_000.0)),
    st.builds(lambda eff, t, b, r, fades, aux, rated: Powertrain(rated_power=rated, motor_map=flat_map(eff),
                                                                 transmission_efficiency=t, battery_efficiency=b,
                                                                 regen_efficiency=r, regen_fades=fades,
                                                                 aux_power=aux),
              st.floats(0.3, 1.0), st.floats(0.5, 1.0), st.floats(0.5, 1.0), st.floats(0.0, 1.0), st.booleans(),
              st.floats(0.0, 20_000.0), st.floats(1e3, 1e6)),
)
CYCLES = st.sampled_from(["wltp", "udds", "hwfet", "us06", "sc03", "cltc", "nedc", "80 km/h", "5 km/h"])


@settings(max_examples=60, deadline=None)
@given(LOADS, POWERTRAINS, CYCLES, st.floats(100.0, MAX_VEHICLE_MASS))
def test_an_accepted_vehicle_has_a_positive_finite_consumption(load, powertrain, cycle, mass):
    """Any road load batcalc accepts (C_rr and C_d A within the spec's bounds, or a coast-down with some
    term above 0), any powertrain, any shipped cycle or constant speed, any mass up to the limit: the
    consumption is positive and finite, or refused with the reason; never 0, negative, inf or NaN."""
    model = Consumption(RoadLoad(powertrain=powertrain, **load), get_cycle(cycle), "v")
    c = model(mass)
    assert math.isfinite(c) and c > 0
    many = model(np.array([mass, 100.0, MAX_VEHICLE_MASS]))
    assert np.all(np.isfinite(many)) and np.all(many > 0)


def test_a_user_cycle_of_one_standing_step_is_not_divided_by_zero():
    """A trace that never moves has no distance: refused where the cycle is read, or by the consumption."""
    still = Cycle("still", "still", np.array([0.0, 10.0]), np.array([0.0, 0.0]))
    with pytest.raises(BatcalcError, match="v on still: the cycle covers no distance"):
        Consumption(RoadLoad(), still, "v")(1500.0)


def test_a_cycle_covering_less_than_a_metre_is_refused(tmp_path):
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    f = tmp_path / "tiny.csv"
    f.write_text("time_s,speed_kmh\n0,0\n1,1e-300\n2,0\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--cycle", str(f)])
    assert r.exit_code == 2 and "covers only" in r.stderr and "at least 1 m" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    f.write_text("time_s,speed_kmh\n0,0\n1,3.6\n2,3.6\n3,0\n", encoding="utf-8")     # 2 m: a real, if short, trace
    assert CliRunner().invoke(app, ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--cycle", str(f)]).exit_code == 0


def test_the_energy_a_cycle_gives_back_is_shown_in_the_unit_system_asked_for(tmp_path):
    """The same refusal under --units imperial gives the energy gained per mile: the metric Wh/km x 1.609344."""
    import re

    trace = tmp_path / "decel.csv"
    trace.write_text("time_s,speed_kmh\n0,100\n10,80\n20,60\n30,40\n40,20\n50,0\n", encoding="utf-8")
    path = write(tmp_path, "one-newton", ONE_NEWTON + LOSSLESS_POWERTRAIN)
    args = ["range", "gac-aion-ssb-350", "-v", path, "--cycle", str(trace)]
    metric = refused(args, "the battery gains energy over the cycle (")
    imperial = refused(args + ["--units", "imperial"], "the battery gains energy over the cycle (")
    per_km = float(re.search(r"over the cycle \((-?[0-9.e+-]+) Wh/km\)", metric).group(1))
    per_mi = float(re.search(r"over the cycle \((-?[0-9.e+-]+) Wh/mi\)", imperial).group(1))
    assert per_mi == pytest.approx(per_km * 1.609344, rel=2e-3)                     # 3 significant figures
