"""Vehicle consumption: constant-speed hand calculations, the model vs a plain step-by-step sum, mass effect."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import consumption_step_by_step

from batcalc.errors import SpecError
from batcalc.physics.cycles import get_cycle
from batcalc.physics.powertrain import Powertrain, constant_efficiency
from batcalc.physics.vehicle import Consumption, RoadLoad, load_vehicle, road_load_of
from batcalc.spec import catalog
from batcalc.spec.model import parse_spec

#: The older constant-efficiency model (90 %, regeneration 60 %) at the older reference air and g.
SEDAN = RoadLoad(c_rr=0.007, cd_a=0.23 * 2.22, rho=1.2, g=9.81, powertrain=constant_efficiency(0.90, 0.60, 250.0))
#: The load-dependent powertrain (FASTSim's default map, a 239 kW motor) at the default ambient.
SEDAN_PT = RoadLoad(c_rr=0.007, cd_a=0.23 * 2.22, powertrain=Powertrain(rated_power=239e3))


def test_constant_speed_hand_calc():
    # mid-size sedan 1750 kg at 100 km/h (27.778 m/s), no acceleration:
    #   rolling  1750 x 9.81 x 0.007              = 120.17 N
    #   aero     0.5 x 1.2 x 0.23 x 2.22 x 27.778^2 = 236.39 N
    #   at the battery (376.56 N) / 0.90 = 396.18 N, plus 250 W / 27.778 m/s = 9.00 N
    #   c = 405.18 J/m = 112.55 Wh/km
    c = Consumption(SEDAN, get_cycle("100 km/h"))(1750.0)
    assert c / 3.6 == pytest.approx(112.55, abs=0.01)


def test_constant_speed_hand_calc_with_the_powertrain():
    # the same car with the default powertrain, 20 C at sea level (1.2041 kg/m^3), g 9.80665:
    #   rolling 1750 x 9.80665 x 0.007 = 120.13 N; aero 0.5 x 1.2041 x 0.5106 x 27.778^2 = 237.20 N
    #   wheels 357.33 N x 27.778 m/s = 9926 W; gear 98 %: 10128 W = 4.238 % of 239 kW
    #   motor map between 0.04 (0.88) and 0.06 (0.90): 0.88 + 0.1189 x 0.02 = 0.88238
    #   battery (10128 / 0.88238 + 250) / sqrt(0.97) = 11908 W -> / 27.778 m/s = 428.7 J/m = 119.1 Wh/km
    rho = 101325 / (287.05287 * 293.15)
    wheel = (1750 * 9.80665 * 0.007 + 0.5 * rho * 0.5106 * (100 / 3.6) ** 2) * (100 / 3.6)
    p_t = wheel / 0.98
    eta_m = 0.88 + (p_t / 239e3 - 0.04) / 0.02 * 0.02
    expected = (p_t / eta_m + 250) / 0.97 ** 0.5 / (100 / 3.6)
    c = Consumption(SEDAN_PT, get_cycle("100 km/h"))(1750.0)
    assert c == pytest.approx(expected, rel=1e-9)
    assert c / 3.6 == pytest.approx(119.1, abs=0.05)


@settings(max_examples=40, deadline=None)
@given(mass=st.floats(500, 60000), cycle=st.sampled_from(["wltp", "udds", "hwfet", "50 km/h"]),
       crr=st.floats(0.004, 0.015), cda=st.floats(0.3, 10), regen=st.floats(0, 1))
def test_exact_model_equals_step_by_step_sum(mass, cycle, crr, cda, regen):
    for pt in (constant_efficiency(0.9, regen, 250.0), Powertrain(rated_power=50e3 + regen * 300e3)):
        load = RoadLoad(c_rr=crr, cd_a=cda, powertrain=pt)
        cyc = get_cycle(cycle)
        assert Consumption(load, cyc)(mass) == pytest.approx(consumption_step_by_step(load, cyc, mass), rel=1e-9)


@settings(max_examples=20, deadline=None)
@given(mass=st.floats(500, 60000), cycle=st.sampled_from(["wltp", "udds", "50 km/h"]),
       f0=st.floats(50, 3000), f1=st.floats(0, 30), f2=st.floats(0.1, 5), regen=st.floats(0, 1))
def test_exact_model_equals_step_by_step_sum_in_coast_down_form(mass, cycle, f0, f1, f2, regen):
    load = RoadLoad(f0=f0, f1=f1, f2=f2, coast_down=True, m_rot=30.0,
                    powertrain=Powertrain(rated_power=100e3, regen_efficiency=regen))
    cyc = get_cycle(cycle)
    assert Consumption(load, cyc)(mass) == pytest.approx(consumption_step_by_step(load, cyc, mass), rel=1e-9)


@pytest.mark.parametrize("cycle", ["wltp", "udds", "hwfet"])
def test_mid_sedan_plausible_and_rises_with_mass(cycle):
    model = Consumption(SEDAN_PT, get_cycle(cycle))
    c = model(1750.0) / 3.6                       # Wh/km at the battery
    assert 90 < c < 170, c                        # Model 3-class cars: ~110-160 Wh/km
    rise = model(1850.0) / model(1750.0) - 1      # +100 kg
    assert 0.01 < rise < 0.06, rise               # "a few percent per 100 kg"


@settings(max_examples=30, deadline=None)
@given(m1=st.floats(800, 40000), dm=st.floats(1, 5000))
def test_consumption_monotonic_in_mass(m1, dm):
    model = Consumption(SEDAN_PT, get_cycle("wltp"))
    assert model(m1 + dm) > model(m1)


def test_city_cycle_benefits_from_regeneration():
    udds = get_cycle("udds")
    no_regen = RoadLoad(c_rr=0.007, cd_a=0.23 * 2.22, powertrain=Powertrain(rated_power=239e3, regen_efficiency=0.0))
    assert Consumption(SEDAN_PT, udds)(1750.0) < Consumption(no_regen, udds)(1750.0)


def test_presets_load_with_sources_or_assumptions():
    ids = catalog.catalog_ids("vehicle")
    for preset in ("compact-car", "mid-sedan", "large-suv", "light-truck", "medium-truck", "heavy-truck"):
        assert preset in ids
        v = load_vehicle(preset)
        assert v.glider_mass > 0 and v.spec.sources


def test_mid_sedan_preset_matches_stated_example():
    v = load_vehicle("mid-sedan")
    assert v.total_mass(v.spec.reference_pack.mass.si) - v.payload == pytest.approx(1750)
    assert v.load.cd_a == pytest.approx(0.23 * 2.22) and v.load.c_rr == 0.007


VEH = """\
kind: vehicle
id: v
name: V
mass_without_battery: 1300 kg
payload: 100 kg
{extra}
"""


def test_measured_consumption_model():
    measured = "measured_consumption: {value: 150 Wh/km, at_mass: 1800 kg, per_100kg: 4 Wh/km}"
    spec = parse_spec(VEH.format(extra=measured))
    from batcalc.physics.vehicle import Vehicle

    v = Vehicle(spec, road_load_of(spec))
    model = v.consumption_model(None)
    assert model(1900.0) / 3.6 == pytest.approx(154.0)


def test_coast_down_form():
    spec = parse_spec(VEH.format(extra="coast_down: {f0: 120 N, f1: 0 N/(km/h), f2: 0.03 N/(km/h)^2}"))
    load = road_load_of(spec)
    # at 100 km/h: F = 120 + 0.03 x 100^2 = 420 N at the wheels; / 0.9 + 250 W / 27.78 m/s = 475.67 N
    assert Consumption(load, get_cycle("100 km/h"))(1500.0) == pytest.approx(420 / 0.9 + 250 / (100 / 3.6))


@pytest.mark.parametrize("extra, fragment", [
    ("", "give drag_coefficient, frontal_area and rolling_resistance"),
    ("drag_coefficient: 0.23\nfrontal_area: 2.2 m\nrolling_resistance: 0.007", "not an area"),
    ("drag_coefficient: 0.23\nfrontal_area: 2.2 m^2\nrolling_resistance: 0.007\ndrivetrain_efficiency: 120 %",
     "more than 100 %"),
])
def test_bad_vehicle_specs(extra, fragment):
    with pytest.raises(SpecError, match=fragment):
        parse_spec(VEH.format(extra=extra), "v.yaml")


@pytest.mark.parametrize("cycle", ["100 km/h", "wltp", "udds"])
def test_breakdown_adds_up_in_coast_down_form(cycle):
    from batcalc.physics.vehicle import consumption_breakdown

    load = RoadLoad(f0=150.0, f1=2.0, f2=0.4, coast_down=True, powertrain=constant_efficiency(0.9, 0.6, 250.0))
    cyc = get_cycle(cycle)
    parts = consumption_breakdown(load, cyc, 1750.0)
    assert sum(parts.values()) == pytest.approx(Consumption(load, cyc)(1750.0), rel=1e-12)
    if cycle == "100 km/h":
        v = 100 / 3.6       # F0 + F1 v rolls, F2 v^2 is the air, each over the drivetrain efficiency
        assert parts["rolling"] == pytest.approx((150 + 2 * v) / 0.9)
        assert parts["aerodynamic"] == pytest.approx(0.4 * v * v / 0.9)


@pytest.mark.parametrize("cycle", ["100 km/h", "wltp", "udds"])
def test_breakdown_adds_up(cycle):
    from batcalc.physics.vehicle import consumption_breakdown

    cyc = get_cycle(cycle)
    parts = consumption_breakdown(SEDAN, cyc, 1750.0)
    assert sum(parts.values()) == pytest.approx(Consumption(SEDAN, cyc)(1750.0), rel=1e-12)
    assert sum(parts.values()) == pytest.approx(consumption_step_by_step(SEDAN, cyc, 1750.0), rel=1e-9)
    if cycle == "100 km/h":
        # the hand calculation above: rolling 120.17 N / 0.9, aero 236.39 N / 0.9, aux 9.0 N, nothing else
        assert parts["rolling"] == pytest.approx(1750 * 9.81 * 0.007 / 0.9)
        assert parts["aerodynamic"] == pytest.approx(0.5 * 1.2 * 0.23 * 2.22 * (100 / 3.6) ** 2 / 0.9)
        assert parts["acceleration and braking, net of regeneration"] == pytest.approx(0.0, abs=1e-9)
    else:
        assert parts["acceleration and braking, net of regeneration"] > 0   # regeneration recovers only part


def test_a_key_given_by_name_and_by_alias_is_one_clear_error(write):
    from batcalc.errors import SpecError
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.model import load_spec

    text = (specs_root() / "vehicles" / "mid-sedan.yaml").read_text(encoding="utf-8")
    assert "\nclass:" in text
    path = write("v.yaml", text + "vehicle_class: suv\n")
    with pytest.raises(SpecError, match="'vehicle_class' and 'class' are the same key"):
        load_spec(path)
