"""``batcalc.Vehicle.with_conditions``: the Python API had no way to ask what ``batcalc range`` answers
with ``--ambient``, ``--altitude``, ``--climate`` and ``--extra-mass`` (a winter range, a loaded car).
Checked against published figures and hand calculations, and against the command line's numbers."""

from __future__ import annotations

import json
import math

import pint
import pytest

import batcalc as bc
from batcalc.errors import BatcalcError, UnitError

R_AIR = 287.05                   # J/(kg K), dry air
P_SEA = 101325.0                 # Pa, ISA sea level
P_1500 = 84556.0                 # Pa, ISA pressure at 1500 m (ISO 2533 table: 845.56 hPa)
HEAT_PUMP_AT_MINUS_7 = 2103.0    # W, specs/climate.yaml (FASTSim 3.1.0 cabin model, heat pump at -7 °C)
ETA_BATTERY = math.sqrt(0.97)    # one way: FASTSim's stock 97 % round trip (the sedan's default)


def test_ambient_and_altitude_set_the_air_density():
    sedan = bc.load_vehicle("mid-sedan")
    assert sedan.raw.load.rho == pytest.approx(P_SEA / (R_AIR * 293.15), rel=1e-3)
    cold = sedan.with_conditions(ambient="-7 °C")
    assert cold.raw.load.rho == pytest.approx(P_SEA / (R_AIR * 266.15), rel=1e-3)
    high = cold.with_conditions(altitude="1500 m")          # keeps the -7 °C asked before
    assert high.raw.load.rho == pytest.approx(P_1500 / (R_AIR * 266.15), rel=1e-3)
    fahrenheit = sedan.with_conditions(ambient="19.4 °F")  # -7 °C
    assert fahrenheit.raw.load.rho == pytest.approx(cold.raw.load.rho, rel=1e-4)
    mine = pint.UnitRegistry()
    assert sedan.with_conditions(ambient=mine.Quantity(-7, "degC")).raw.load.rho == pytest.approx(cold.raw.load.rho)
    assert sedan.raw.load.rho == pytest.approx(P_SEA / (R_AIR * 293.15), rel=1e-3)   # the original is unchanged
    warm_high = high.with_conditions(ambient="20 °C")         # keeps the 1500 m asked before
    assert warm_high.raw.load.rho == pytest.approx(P_1500 / (R_AIR * 293.15), rel=1e-3)


def test_cabin_climate_adds_its_power_to_every_second_of_a_constant_speed():
    """At a constant 100 km/h the battery gives ``P_aux / eta_batt`` more per second: per metre
    ``2103 W / eta_batt / (100/3.6 m/s)``."""
    cold = bc.load_vehicle("mid-sedan").with_conditions(ambient="-7 °C")
    warm_cabin = cold.with_conditions(climate="heat-pump")
    plain = bc.range_of("gac-aion-ssb-350", cold, pack_mass="480 kg", cycle="100 km/h")
    heated = bc.range_of("gac-aion-ssb-350", warm_cabin, pack_mass="480 kg", cycle="100 km/h")
    extra = (heated.consumption - plain.consumption).to("J/m").magnitude
    assert extra == pytest.approx(HEAT_PUMP_AT_MINUS_7 / ETA_BATTERY / (100 / 3.6), rel=1e-6)
    assert heated.range < plain.range


def test_extra_mass_is_carried_on_top_of_the_payload():
    sedan = bc.load_vehicle("mid-sedan")
    base = bc.range_of("gac-aion-ssb-350", sedan, pack_mass="480 kg")
    loaded = bc.range_of("gac-aion-ssb-350", sedan.with_conditions(extra_mass="200 kg"), pack_mass="480 kg")
    assert loaded.total_mass.to("kg").magnitude == pytest.approx(base.total_mass.to("kg").magnitude + 200)
    assert loaded.range < base.range
    again = sedan.with_conditions(extra_mass="200 kg").with_conditions(extra_mass="100 kg")   # replaced, not added
    assert again.raw.payload == pytest.approx(sedan.raw.payload + 100)


@pytest.mark.parametrize("vehicle, cycle, options", [
    ("mid-sedan", "wltp", {"ambient": "-7 °C", "climate": "heat-pump", "extra_mass": "200 kg", "altitude": "1500 m"}),
    ("compact-car", "udds", {"ambient": "35 °C", "climate": "resistance"}),
    ("heavy-truck", "80 km/h", {"altitude": "2000 m", "extra_mass": "5000 kg"}),
])
def test_the_api_gives_the_command_lines_numbers(run, vehicle, cycle, options):
    v = bc.load_vehicle(vehicle).with_conditions(**options)
    r = bc.range_of("gac-aion-ssb-350", v, pack_energy="100 kWh", cycle=cycle)
    args = [f"--{k.replace('_', '-')}={x}" for k, x in options.items()]
    out = run("range", "gac-aion-ssb-350", "-v", vehicle, "--pack-energy", "100 kWh", "--cycle", cycle,
              "--format", "json", *args)
    assert out.exit_code == 0, out.stdout
    cli = json.loads(out.stdout)["results"]
    assert r.range.to("km").magnitude == pytest.approx(cli["range"]["value"], rel=1e-12)
    assert r.consumption.to("Wh/km").magnitude == pytest.approx(cli["consumption"]["value"], rel=1e-12)
    assert r.total_mass.to("kg").magnitude == pytest.approx(cli["vehicle_mass"]["value"], rel=1e-12)


@pytest.mark.parametrize("given, error, message", [
    ({"ambient": 20}, TypeError, "ambient needs a temperature with its unit, e.g. '-7 °C'"),
    ({"ambient": "5 kg"}, UnitError, "ambient: '5 kg' is not a temperature"),
    ({"ambient": "-300 °C"}, UnitError, "ambient: '-300 °C' is below absolute zero"),
    ({"ambient": "200 °C"}, BatcalcError, "ambient: ambient temperature 200.0 °C is outside"),
    ({"altitude": "20000 m"}, BatcalcError, "altitude: altitude 20000 m is outside -500..9000 m"),
    ({"altitude": 1500}, TypeError, "altitude needs a length with its unit"),
    ({"climate": "sauna"}, BatcalcError, "climate: 'sauna' is not a climate system; choose heat-pump or resistance"),
    ({"climate": 3}, TypeError, "climate needs a climate system's name"),
    ({"extra_mass": "-5 kg"}, BatcalcError, "extra_mass: extra mass must be 0 kg or more, got -5 kg"),
    ({"extra_mass": "5 km"}, UnitError, "extra_mass: '5 km' is not a mass"),
])
def test_bad_conditions_name_the_argument(given, error, message):
    with pytest.raises(error) as info:
        bc.load_vehicle("mid-sedan").with_conditions(**given)
    assert str(info.value).startswith(message), str(info.value)
    assert "\n" not in str(info.value)


def test_a_quantity_that_is_not_a_temperature_above_absolute_zero_is_refused():
    mine = pint.UnitRegistry()
    sedan = bc.load_vehicle("mid-sedan")
    with pytest.raises(UnitError, match="^ambient: 5 kilogram is not a temperature"):
        sedan.with_conditions(ambient=mine.Quantity(5, "kg"))
    with pytest.raises(UnitError, match="^ambient: -300 degree_Celsius is below absolute zero"):
        sedan.with_conditions(ambient=mine.Quantity(-300, "degC"))
    with pytest.raises(UnitError, match="^ambient: inf degree_Celsius is not a finite temperature"):
        sedan.with_conditions(ambient=mine.Quantity(math.inf, "degC"))
    for difference in (mine.Quantity(300, "delta_degC"), mine.Quantity(10, "delta_degF")):   # not a temperature
        with pytest.raises(UnitError, match="a temperature difference is not an ambient temperature"):
            sedan.with_conditions(ambient=difference)


@pytest.mark.parametrize("options", [
    ["--ambient", "-7 °C", "--climate", "heat-pump", "--extra-mass", "200 kg"],
    ["--altitude", "2000 m", "--units", "imperial"],
])
def test_sweep_takes_the_conditions_range_takes(run, options):
    """`batcalc sweep` had no --ambient, --altitude, --climate or --extra-mass: each grid point is now the
    range `batcalc range` gives a 350 Wh/kg cell's pack with the same options, and the conditions are stated."""
    out = run("sweep", "-v", "mid-sedan", "--densities", "350 Wh/kg", "--pack-masses", "400 kg", "-f", "json", *options)
    assert out.exit_code == 0, out.stdout
    data = json.loads(out.stdout)
    ranged = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--pack-mass", "400 kg", "-f", "json", *options)
    expected = json.loads(ranged.stdout)["results"]["range"]
    (point,) = data["points"]
    assert point["range"]["unit"] == expected["unit"]
    assert point["range"]["value"] == pytest.approx(expected["value"], rel=1e-12)
    assert any(a.startswith("ambient ") for a in data["assumptions"])
    plain = json.loads(run("sweep", "-v", "mid-sedan", "--densities", "350 Wh/kg", "--pack-masses", "400 kg",
                           "-f", "json", *[o for o in options if o in ("--units", "imperial")]).stdout)
    assert plain["points"][0]["range"]["value"] != point["range"]["value"]
    assert not any(a.startswith("ambient ") for a in plain["assumptions"])


def test_results_state_the_conditions_as_the_command_line_does(run):
    """A result from a vehicle with conditions said nothing of them (nor that a measured consumption does
    not use them); its assumptions now end with what `batcalc range` states (report.vehicle.ambient_notes)."""
    winter = {"ambient": "-40 °C", "climate": "resistance", "extra_mass": "200 kg"}
    r = bc.range_of("gac-aion-ssb-350", bc.load_vehicle("mid-sedan").with_conditions(**winter), pack_mass="480 kg")
    out = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--pack-mass", "480 kg", "--ambient", "-40 °C",
              "--climate", "resistance", "--extra-mass", "200 kg", "-f", "json")
    stated = json.loads(out.stdout)["ambient"]
    assert r.assumptions[-len(stated):] == stated and len(stated) == 3
    assert "colder is not modelled" in stated[1]
    assert bc.range_of("gac-aion-ssb-350", "mid-sedan").assumptions[-1].startswith("vehicle mid-sedan")   # none set
    charged = bc.charge("huineng-llcb", vehicle=bc.load_vehicle("mid-sedan").with_conditions(**winter))
    assert all(note in charged.assumptions for note in stated)


def test_a_measured_consumption_says_it_does_not_use_the_conditions(tmp_path):
    path = tmp_path / "measured.yaml"
    path.write_text("kind: vehicle\nid: measured-car\nname: Measured car\nmass_without_battery: 1300 kg\n"
                    "payload: 100 kg\nreference_pack: {energy: 60 kWh, mass: 400 kg}\n"
                    "measured_consumption: {value: 150 Wh/km, cycle: WLTP, at_mass: 1800 kg, per_100kg: 3 Wh/km}\n",
                    encoding="utf-8")
    measured = bc.load_vehicle(str(path))
    cold = bc.range_of("gac-aion-ssb-350", measured.with_conditions(ambient="-7 °C", climate="heat-pump"))
    assert cold.range == bc.range_of("gac-aion-ssb-350", measured).range
    assert any("(not used: the consumption is measured-car's measured figure)" in a for a in cold.assumptions)
    assert any(a.startswith("cabin climate (heat-pump)") and "not used" in a for a in cold.assumptions)


def test_range_bands_refuses_an_assume_of_a_condition_the_vehicle_sets():
    """The command line refuses `--altitude` with `--assume altitude=...`; the API took the vehicle's
    altitude and dropped the `assume` without a word."""
    v = bc.load_vehicle("mid-sedan").with_conditions(altitude="1500 m", ambient="-7 °C")
    with pytest.raises(BatcalcError, match="^assume altitude: altitude '1500 m' sets it here; give one of them$"):
        bc.range_bands("gac-aion-ssb-350", v, pack_mass="480 kg", assume={"altitude": "0 m to 3000 m"})
    with pytest.raises(BatcalcError, match="^assume ambient-temperature: ambient '-7 °C' sets it here"):
        bc.range_bands("gac-aion-ssb-350", v, pack_mass="480 kg", assume={"ambient-temperature": "-20 °C to 0 °C"})
    banded = bc.range_bands("gac-aion-ssb-350", v, pack_mass="480 kg", assume={"usable-fraction": "0.9 to 0.95"})
    assert "altitude" not in banded.axes and "ambient-temperature" not in banded.axes


@pytest.mark.parametrize("options, stated", [
    (["--extra-mass", "200 kg"], "extra mass 200 kg added to the payload (150 kg + 200 kg)"),
    (["--extra-mass", "200 kg", "--units", "imperial"], "extra mass 440.9 lb added to the payload"),
])
def test_sweep_states_an_extra_mass_given_alone(run, options, stated):
    out = run("sweep", "-v", "mid-sedan", "--densities", "350 Wh/kg", "--pack-masses", "400 kg", "-f", "json", *options)
    assert any(a.startswith(stated) for a in json.loads(out.stdout)["assumptions"]), out.stdout


def test_lint_and_check_write_a_refused_assumption_range_in_the_unit_system(run, write):
    path = write("assumed.yaml", """\
        kind: claims
        assumptions: {ambient-temperature: "-150 °C to 20 °C"}
        claims:
          - {id: r, quote: x, kind: ratio, inputs: {a: 1 kg, b: 2 kg}, asserted: 2}
        """)
    for system, text in (("metric", "ambient temperature -150.0 °C is outside -123..77 °C"),
                         ("imperial", f"ambient temperature {-150 * 1.8 + 32:.1f} °F is outside -190..170 °F")):
        linted = run("lint", path, "--units", system)
        assert linted.exit_code == 2 and linted.stdout.strip().endswith(text), linted.stdout
        checked = run("check", path, "--units", system)
        assert checked.exit_code == 2 and checked.stderr.strip().endswith(text), checked.stderr


def test_charge_takes_the_conditions_for_the_range_added_not_the_rate(run):
    """`batcalc charge` had no --ambient, --altitude, --climate or --extra-mass. With them, the range added
    is the winter one, ``dSoC E_pack f_usable / c`` with c the consumption `range` gives for the same pack in
    the same conditions; the time and power do not change (no temperature model of charging: said so)."""
    options = ["--ambient", "-7 °C", "--climate", "heat-pump", "--extra-mass", "100 kg"]
    cold = json.loads(run("charge", "huineng-llcb", "-v", "mid-sedan", "-f", "json", *options).stdout)
    plain = json.loads(run("charge", "huineng-llcb", "-v", "mid-sedan", "-f", "json").stdout)
    v = bc.load_vehicle("mid-sedan").with_conditions(ambient="-7 °C", climate="heat-pump", extra_mass="100 kg")
    c = bc.range_of("huineng-llcb", v, pack_energy="75 kWh").consumption.to("Wh/km").magnitude
    for w, p in zip(cold["windows"], plain["windows"], strict=True):
        soc = (w["to_soc"]["value"] - w["from_soc"]["value"]) / 100
        assert w["range_added"]["value"] == pytest.approx(soc * 75_000 * 0.93 / c, rel=1e-9)
        assert w["range_added"]["value"] < p["range_added"]["value"]
        assert w["time"] == p["time"] and w["power_at_the_battery"] == p["power_at_the_battery"]
    assert any(a.startswith("ambient -7.0 °C") for a in cold["assumptions"])
    assert any("not the charge rate" in a for a in cold["assumptions"])
    assert not any(a.startswith("ambient") for a in plain["assumptions"])
    api = bc.charge("huineng-llcb", vehicle=v)
    assert [w.range_added.to("km").magnitude for w in api.windows] == \
        pytest.approx([w["range_added"]["value"] for w in cold["windows"]], rel=1e-12)
    assert any("not the charge rate" in a for a in api.assumptions)
    curve = run("charge", "huineng-llcb", "-v", "mid-sedan", "--charger", "ccs-350kw", "-f", "json", *options)
    assert any("not the charge rate" in a for a in json.loads(curve.stdout)["assumptions"])
    alone = run("charge", "huineng-llcb", "--ambient", "-7 °C")
    assert alone.exit_code == 2 and "give --vehicle" in alone.stderr


@pytest.mark.parametrize("assumed, same_as", [
    ("usable-fraction=88 to 95 %", "usable-fraction=0.88 to 0.95"),
    ("aux-power=200 to 400 W", "aux-power=200 W to 400 W"),
    ("altitude=0 to 1000 m", "altitude=0 m to 1000 m"),
    ("ambient-temperature=-10 to 0 °C", "ambient-temperature=263.15 K to 273.15 K"),
    ("usable-fraction=88 to 90 to 95 %", "usable-fraction=88 % to 90 % to 95 %"),
])
def test_an_assumed_range_written_with_one_unit_reads_as_each_with_it(run, assumed, same_as):
    """`--assume 'aux-power=200 to 400 W'` was refused ('200' has no unit), and so was every range written
    with its unit once, where `--bands --pack-mass '400 to 500 kg'` reads it: an assumed range now reads its
    values as every other range does (units.range_parts)."""
    args = ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "-f", "json", "--assume"]
    one, each = run(*args, assumed), run(*args, same_as)
    assert one.exit_code == 0, one.stderr
    assert json.loads(one.stdout)["bands"] == json.loads(each.stdout)["bands"]


def test_charge_refuses_an_assume_of_a_condition_it_is_given(run):
    for options, message in ((["--ambient", "-7 °C", "--assume", "ambient-temperature=-10 to 0 °C"],
                              "--assume ambient-temperature: --ambient '-7 °C' sets it here; give one of them"),
                             (["--charger", "ccs-350kw", "--altitude", "1000 m", "--assume", "altitude=0 to 100 m"],
                              "--assume altitude: --altitude '1000 m' sets it here; give one of them")):
        r = run("charge", "huineng-llcb", "-v", "mid-sedan", "--bands", *options)
        assert r.exit_code == 2 and r.stderr.strip() == f"batcalc: error: {message}", r.stderr
