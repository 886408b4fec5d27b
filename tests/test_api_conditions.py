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
    with pytest.raises(UnitError, match="^ambient: -300 degree_Celsius is not a temperature above absolute zero"):
        sedan.with_conditions(ambient=mine.Quantity(-300, "degC"))
