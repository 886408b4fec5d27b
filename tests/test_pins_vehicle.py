"""Pins on the road-load model and vehicles, against a four-step cycle worked out by hand.

The cycle (1 s steps, speeds 0, 2, 2, 0, 0 m/s) has one step of each kind: accelerating (mean speed
1 m/s, a = 2 m/s^2), cruising (2 m/s), braking (1 m/s, a = -2 m/s^2) and standing (0 m/s). With
m = 1000 kg, C_rr 0.01, C_d A 0.5 m^2, k_rot 0.1, g 9.81, rho_air 1.2 (passed explicitly) and the
constant-efficiency powertrain ``constant_efficiency(0.9, 0.5, 100.0)`` (eta 0.9, k_regen 0.5, P_aux 100 W):

    step  inertia m a (1+k)  rolling m g C_rr  aero 0.6 C_dA v^2   F (N)     P = F v (W)   at the battery
    1     2200               98.1              0.3                 2298.4    2298.4        / 0.9
    2     0                  98.1              1.2                 99.3      198.6         / 0.9
    3     -2200              98.1              0.3                 -2101.6   -2101.6       x 0.9 x 0.5
    4     0                  0 (standing)      0                   0         0             0
    plus 100 W x 4 s of auxiliaries; distance 1 + 2 + 1 + 0 = 4 m.
"""

from __future__ import annotations

import numpy as np
import pytest
from reference import consumption_step_by_step

from batcalc.errors import BatcalcError
from batcalc.physics.cycles import Cycle, get_cycle
from batcalc.physics.powertrain import constant_efficiency
from batcalc.physics.vehicle import (
    ETA_DRIVE,
    K_REGEN,
    K_ROT,
    P_AUX,
    RHO_AIR,
    Consumption,
    G,
    MeasuredModel,
    RoadLoad,
    Vehicle,
    consumption_breakdown,
    cycle_steps,
    road_load_of,
)
from batcalc.spec.model import parse_spec

#: The older constant-efficiency model: eta 0.9, regeneration recovers 50 % (x 0.9), 100 W auxiliaries.
OLD = constant_efficiency(0.9, 0.5, 100.0)

STEPS = Cycle("steps", "steps", np.array([0.0, 1.0, 2.0, 3.0, 4.0]), np.array([0.0, 2.0, 2.0, 0.0, 0.0]))
LOAD = RoadLoad(c_rr=0.01, cd_a=0.5, k_rot=0.1, rho=1.2, g=9.81, powertrain=OLD)


def by_hand(mass: float) -> float:
    """The table in the module docstring, J/m."""
    rolling = mass * 9.81 * 0.01
    f1 = mass * 2 * 1.1 + rolling + 0.5 * 1.2 * 0.5 * 1 ** 2
    f2 = rolling + 0.5 * 1.2 * 0.5 * 2 ** 2
    f3 = mass * -2 * 1.1 + rolling + 0.5 * 1.2 * 0.5 * 1 ** 2
    energy = f1 * 1 / 0.9 + f2 * 2 / 0.9 + f3 * 1 * 0.9 * 0.5 + 100 * 4
    return energy / 4


def test_reference_constants_are_the_design_values():
    # the reference defaults (docs/assumptions.md); standard gravity, and dry air at 20 C at sea level:
    # 101325 Pa / (287.05287 J/(kg K) x 293.15 K) = 1.2041 kg/m^3
    assert (G, K_ROT, ETA_DRIVE, K_REGEN, P_AUX) == (9.80665, 0.03, 0.90, 0.60, 250.0)
    assert RHO_AIR == pytest.approx(101325 / (287.05287 * 293.15), rel=1e-12)
    assert round(RHO_AIR, 4) == 1.2041
    r = RoadLoad()            # a spec with no road load (measured consumption only): none at all
    assert (r.c_rr, r.cd_a, r.f0, r.f1, r.f2, r.coast_down, r.m_rot) == (0.0, 0.0, 0.0, 0.0, 0.0, False, 0.0)
    assert (r.k_rot, r.rho, r.g, r.p_aux) == (0.03, RHO_AIR, 9.80665, 250.0)
    assert r.powertrain == constant_efficiency(0.9, 0.6, 250.0)


@pytest.mark.parametrize("mass", [1000.0, 1500.0])
def test_four_step_cycle_by_hand(mass):
    assert by_hand(1000.0) == pytest.approx((2298.4 / 0.9 + 198.6 / 0.9 - 2101.6 * 0.45 + 400) / 4)
    assert Consumption(LOAD, STEPS)(mass) == pytest.approx(by_hand(mass))
    assert consumption_step_by_step(LOAD, STEPS, mass) == pytest.approx(by_hand(mass))
    assert Consumption(LOAD, STEPS).distance == pytest.approx(4.0)
    assert Consumption(LOAD, STEPS).energy(mass) == pytest.approx(4 * by_hand(mass))


def test_exact_model_takes_arrays_and_every_mass_region():
    # a light mass where even braking needs power (tiny inertia) and a heavy one where it regenerates
    model = Consumption(LOAD, STEPS)
    masses = np.array([0.0, 0.01, 1.0, 1000.0, 40000.0])
    got = model(masses)
    assert got.shape == masses.shape
    for m, c in zip(masses, got, strict=True):
        assert c == pytest.approx(consumption_step_by_step(LOAD, STEPS, float(m)))
    assert isinstance(model(1000.0), float)


def test_light_vehicle_braking_step_draws_power():
    # at 0.01 kg step 3 is +0.3 - 0.022 + 0.000981 N > 0: drawn from the battery (/ 0.9), not regenerated
    m = 0.01
    f3 = m * -2 * 1.1 + m * 9.81 * 0.01 + 0.3
    f1 = m * 2 * 1.1 + m * 9.81 * 0.01 + 0.3
    f2 = m * 9.81 * 0.01 + 1.2
    expected = ((f1 + 2 * f2 + f3) / 0.9 + 400) / 4
    assert Consumption(LOAD, STEPS)(m) == pytest.approx(expected)


def test_coast_down_form_by_hand():
    # F0 50 N, F1 2 N s/m, F2 0.4 N s^2/m^2 when moving; mass only in the inertia term
    load = RoadLoad(f0=50.0, f1=2.0, f2=0.4, coast_down=True, k_rot=0.1, powertrain=OLD)
    m = 1000.0
    r1, r2 = 50 + 2 * 1 + 0.4 * 1, 50 + 2 * 2 + 0.4 * 4
    f1, f2, f3 = m * 2 * 1.1 + r1, r2, m * -2 * 1.1 + r1
    expected = (f1 / 0.9 + f2 * 2 / 0.9 + f3 * 0.45 + 400) / 4
    assert Consumption(load, STEPS)(m) == pytest.approx(expected)
    assert consumption_step_by_step(load, STEPS, m) == pytest.approx(expected)
    parts = consumption_breakdown(load, STEPS, m)
    assert parts["rolling"] == pytest.approx((52 * 1 + 54 * 2 + 52 * 1) / 4 / 0.9)
    assert parts["aerodynamic"] == pytest.approx((0.4 * 1 + 1.6 * 2 + 0.4 * 1) / 4 / 0.9)


def test_breakdown_by_hand():
    parts = consumption_breakdown(LOAD, STEPS, 1000.0)
    assert parts["rolling"] == pytest.approx(98.1 * 4 / 4 / 0.9)            # 98.1 N over 4 m
    assert parts["aerodynamic"] == pytest.approx((0.3 * 1 + 1.2 * 2 + 0.3 * 1) / 4 / 0.9)
    assert parts["auxiliaries"] == pytest.approx(100 * 4 / 4)
    assert sum(parts.values()) == pytest.approx(by_hand(1000.0))
    rest = parts["acceleration and braking, net of regeneration"]
    # step 1: 2200 N of inertia at / 0.9; step 3 returns 2101.6 N at x 0.45, and its 98.4 N of rolling
    # and air (counted above at / 0.9) were not drawn: 2200/0.9 - 2101.6 x 0.45 - 98.4/0.9, over 4 m
    assert rest == pytest.approx((2200 / 0.9 - 2101.6 * 0.45 - 98.4 / 0.9) / 4)
    # at a constant speed nothing is left for acceleration: exactly 0
    flat = consumption_breakdown(LOAD, get_cycle("50 km/h"), 1000.0)
    assert flat["acceleration and braking, net of regeneration"] == 0.0


def test_breakdown_counts_the_auxiliaries_at_the_battery_store():
    # a powertrain with a battery loss (98 % one way) at a constant 50 km/h: the 300 W of auxiliaries
    # cost 300 / 0.98 W from the store, over 13.89 m/s; nothing is left for acceleration. (The part was
    # 300 W / v, at the terminals, and its battery loss was counted as "acceleration and braking".)
    from batcalc.physics.powertrain import Powertrain, flat_map

    pt = Powertrain(motor_map=flat_map(0.9), transmission_efficiency=1.0, battery_efficiency=0.98,
                    aux_power=300.0)
    load = RoadLoad(c_rr=0.01, cd_a=0.5, rho=1.2, g=9.81, powertrain=pt)
    v = 50 / 3.6
    parts = consumption_breakdown(load, get_cycle("50 km/h"), 1000.0)
    assert parts["auxiliaries"] == pytest.approx(300 / 0.98 / v)
    assert parts["rolling"] == pytest.approx(1000 * 9.81 * 0.01 / 0.9 / 0.98)
    assert parts["aerodynamic"] == pytest.approx(0.5 * 1.2 * 0.5 * v ** 2 / 0.9 / 0.98)
    assert parts["acceleration and braking, net of regeneration"] == 0.0
    # the parts add up to the consumption: (F v / 0.9 + 300) / 0.98 / v
    f = 1000 * 9.81 * 0.01 + 0.5 * 1.2 * 0.5 * v ** 2
    assert sum(parts.values()) == pytest.approx((f * v / 0.9 + 300) / 0.98 / v)


def test_measured_model():
    spec = parse_spec("kind: vehicle\nid: v\nname: V\nmass_without_battery: 1300 kg\npayload: 100 kg\n"
                      "measured_consumption: {value: 150 Wh/km, at_mass: 1800 kg, per_100kg: 4 Wh/km, cycle: WLTP}\n")
    model = MeasuredModel(spec.measured_consumption)
    # c = 540 + 14.4 (m - 1800) / 100 J/m
    assert model(1800.0) == pytest.approx(540.0)
    assert model(1700.0) == pytest.approx(540.0 - 14.4)
    assert list(model(np.array([1800.0, 1900.0]))) == pytest.approx([540.0, 554.4])
    assert model.cycle_name == "WLTP"
    # 540 / 14.4 x 100 = 3750 kg below 1800 kg the consumption would reach 0: refused
    with pytest.raises(BatcalcError, match="consumption <= 0"):
        model(1800.0 - 3750.0)
    with pytest.raises(BatcalcError, match="consumption <= 0"):
        model(np.array([1800.0, -2000.0]))
    v = Vehicle(spec, road_load_of(spec))
    assert isinstance(v.consumption_model(None), MeasuredModel)
    with pytest.raises(BatcalcError, match="only a measured consumption"):
        v.consumption_model("udds")


VEH = "kind: vehicle\nid: v\nname: V\nmass_without_battery: 1300 kg\npayload: 100 kg\n"


def test_road_load_of_a_spec():
    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n"
                      "drivetrain_efficiency: 85 %\nregen_fraction: 40 %\nauxiliary_power: 1 kW\n"
                      "rotational_mass_factor: 0.05\n")
    load = road_load_of(spec)
    assert load.cd_a == pytest.approx(0.6) and load.c_rr == pytest.approx(0.008)
    pt = load.powertrain                   # the constant-efficiency model with the spec's figures
    assert (pt.motor_map.efficiency[0], pt.eta_regen, load.p_aux, load.k_rot) == pytest.approx(
        (0.85, 0.85 * 0.4, 1000.0, 0.05))
    assert (pt.transmission_efficiency, pt.battery_efficiency, pt.regen_fades) == (1.0, 1.0, False)
    assert not load.coast_down
    defaults = road_load_of(parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\n"
                                             "rolling_resistance: 0.008\n"))
    assert defaults.powertrain == constant_efficiency(0.9, 0.6, 250.0) and defaults.k_rot == 0.03
    cd = road_load_of(parse_spec(VEH + "coast_down: {f0: 100 N, f1: 1 N/(m/s), f2: 0.5 N/(m/s)^2}\n"))
    assert cd.coast_down and (cd.f0, cd.f1, cd.f2) == pytest.approx((100.0, 1.0, 0.5))


def test_vehicle_masses_and_model():
    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n")
    v = Vehicle(spec, road_load_of(spec))
    assert v.total_mass(400.0) == pytest.approx(1800.0)          # 1300 + 400 + 100
    assert list(v.total_mass(np.array([0.0, 100.0]))) == [1400.0, 1500.0]
    assert v.max_gross_mass is None
    # no cycle named: the WLTC
    assert v.consumption_model(None)(1800.0) == pytest.approx(Consumption(v.load, get_cycle("wltp"))(1800.0))
    assert v.consumption_model("udds")(1800.0) == pytest.approx(Consumption(v.load, get_cycle("udds"))(1800.0))


def test_assumptions_state_the_values_used():
    text = " | ".join(LOAD.assumptions())
    assert "C_rr 0.01, C_d A 0.500 m^2, air 1.2 kg/m^3, g 9.81 m/s^2" in text
    assert "rotating-mass factor 0.1" in text and "motor-and-inverter efficiency 90 % at every load" in text
    assert "regeneration at 45 % motor efficiency" in text and "auxiliaries 100 W" in text
    cd = RoadLoad(f0=50.0, f1=2.0, f2=0.4, coast_down=True)
    assert cd.assumptions()[0] == "coast-down F0 50.0 N, F1 2.000 N s/m, F2 0.4000 N s^2/m^2"


def test_road_loads_vehicles_and_cycles_are_immutable():
    import dataclasses

    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n")
    steps = cycle_steps(LOAD, STEPS)
    for obj, name in ((LOAD, "c_rr"), (OLD, "aux_power"), (Vehicle(spec, road_load_of(spec)), "load"), (STEPS, "id"),
                      (steps, "dt")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, 1.0)


def test_two_second_steps_by_hand():
    # the same speeds every 2 s: a = +-1 m/s^2, each step twice as long (8 m, 8 s)
    slow = Cycle("slow", "slow", np.array([0.0, 2.0, 4.0, 6.0, 8.0]), np.array([0.0, 2.0, 2.0, 0.0, 0.0]))
    m = 1000.0
    f1 = m * 1 * 1.1 + 98.1 + 0.3
    f2 = 98.1 + 1.2
    f3 = m * -1 * 1.1 + 98.1 + 0.3
    expected = (f1 * 1 * 2 / 0.9 + f2 * 2 * 2 / 0.9 + f3 * 1 * 2 * 0.45 + 100 * 8) / 8
    assert Consumption(LOAD, slow)(m) == pytest.approx(expected)
    assert consumption_step_by_step(LOAD, slow, m) == pytest.approx(expected)
    assert slow.distance == pytest.approx(8.0) and slow.duration == pytest.approx(8.0)


def test_cycle_duration_and_distance_count_from_the_first_timestamp():
    late = Cycle("late", "late", np.array([10.0, 11.0, 12.0]), np.array([0.0, 4.0, 0.0]))
    assert late.duration == pytest.approx(2.0)
    assert late.distance == pytest.approx(4.0)          # (0 + 4)/2 x 1 + (4 + 0)/2 x 1
    steady = get_cycle("72 km/h")
    assert steady.duration == 3600.0 and steady.distance == pytest.approx(72e3)


def test_road_load_of_a_measured_only_spec_is_zero_with_the_stated_efficiencies():
    spec = parse_spec(VEH + "drivetrain_efficiency: 85 %\n"
                            "measured_consumption: {value: 150 Wh/km, at_mass: 1800 kg, per_100kg: 4 Wh/km}\n")
    load = road_load_of(spec)
    assert isinstance(load, RoadLoad)
    assert (load.c_rr, load.cd_a, load.f0, load.coast_down) == (0.0, 0.0, 0.0, False)
    assert load.powertrain.motor_map.efficiency == pytest.approx((0.85,))


def test_a_tiny_measured_consumption_is_still_a_consumption():
    # 0.2 Wh/km = 0.72 J/m: small, but above 0, so accepted
    from batcalc.spec.vehicle import MeasuredConsumption

    mc = MeasuredConsumption.model_validate({"value": "0.2 Wh/km", "at_mass": "1800 kg", "per_100kg": "0 Wh/km"})
    assert MeasuredModel(mc)(1800.0) == pytest.approx(0.72)


SLOW = Cycle("slow", "slow", np.array([0.0, 2.0, 4.0, 6.0, 8.0]), np.array([0.0, 2.0, 2.0, 0.0, 0.0]))


def test_breakdown_with_two_second_steps_by_hand():
    # each step lasts 2 s: rolling 98.1 N over 8 m; air 0.3, 1.2, 0.3 N over 2, 4, 2 m
    parts = consumption_breakdown(LOAD, SLOW, 1000.0)
    assert parts["rolling"] == pytest.approx(98.1 * 8 / 8 / 0.9)
    assert parts["aerodynamic"] == pytest.approx((0.3 * 2 + 1.2 * 4 + 0.3 * 2) / 8 / 0.9)
    assert parts["auxiliaries"] == pytest.approx(100.0)
    cd = RoadLoad(f0=50.0, f1=2.0, f2=0.4, coast_down=True, k_rot=0.1, powertrain=OLD)
    parts = consumption_breakdown(cd, SLOW, 1000.0)
    assert parts["rolling"] == pytest.approx((52 * 2 + 54 * 4 + 52 * 2) / 8 / 0.9)
    assert parts["aerodynamic"] == pytest.approx((0.4 * 2 + 1.6 * 4 + 0.4 * 2) / 8 / 0.9)


def test_a_small_constant_force_at_cruise_is_drawn_not_recovered():
    # coast-down F0 0.1 N only: the cruise step needs 0.1 N x 2 m = 0.2 J (drawn, / 0.9); mass only in inertia
    load = RoadLoad(f0=0.1, coast_down=True, k_rot=0.1, powertrain=OLD)
    expected = ((2200 + 0.1) / 0.9 + 0.2 / 0.9 - (2200 - 0.1) * 0.45 + 400) / 4
    assert Consumption(load, STEPS)(1000.0) == pytest.approx(expected)


@pytest.mark.parametrize("mass", [1.0, 10.0, 22.0, 23.0, 100.0, 1000.0])
def test_exact_model_with_a_pushing_force(mass):
    # F0 = -50 N (a push, as downhill): accelerating steps regenerate below r = 50 / 2.2 = 22.7 kg,
    # so both groups of steps have members on each side of the mass; the exact model must still agree
    load = RoadLoad(f0=-50.0, coast_down=True, k_rot=0.1, powertrain=OLD)
    assert Consumption(load, STEPS)(mass) == pytest.approx(consumption_step_by_step(load, STEPS, mass))
    assert Consumption(load, SLOW)(mass) == pytest.approx(consumption_step_by_step(load, SLOW, mass))


def test_a_powertrain_group_is_read_whole():
    """Every figure of a ``powertrain:`` group reaches the Powertrain: a step map 80 % below half load and
    95 % from it, a 96 % gear, a 99 % battery, 70 % when regenerating, no fade, 500 W auxiliaries."""
    from batcalc.physics.powertrain import EfficiencyMap, Powertrain

    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n"
                      "auxiliary_power: 500 W\npowertrain:\n  motor_rated_power: 100 kW\n  motor_map:\n"
                      "    shape: step\n    points:\n      - {load: 0 %, efficiency: 80 %}\n"
                      "      - {load: 50 %, efficiency: 95 %}\n  transmission_efficiency: 96 %\n"
                      "  battery_efficiency: 99 %\n  regen_efficiency: 70 %\n  regen_fades: false\n")
    pt = road_load_of(spec).powertrain
    want = Powertrain(rated_power=100e3, motor_map=EfficiencyMap((0.0, 0.5), (0.8, 0.95), step=True),
                      transmission_efficiency=0.96, battery_efficiency=0.99, regen_efficiency=0.7,
                      regen_fades=False, aux_power=500.0)
    assert pt == want
    assert type(pt.rated_power) is float and type(pt.motor_map.load[1]) is float
    assert type(pt.motor_map.efficiency[1]) is float and type(pt.regen_efficiency) is float
    # linear by default, and the default map, gear, battery and regeneration where the group is silent
    linear = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n"
                        "powertrain:\n  motor_rated_power: 100 kW\n  motor_map:\n    points:\n"
                        "      - {load: 0 %, efficiency: 80 %}\n      - {load: 50 %, efficiency: 95 %}\n")
    got = road_load_of(linear).powertrain
    assert got.motor_map == EfficiencyMap((0.0, 0.5), (0.8, 0.95), step=False)
    assert got == Powertrain(rated_power=100e3, motor_map=got.motor_map, aux_power=250.0)
    assert got.regen_efficiency is None and got.regen_fades


def test_climate_power_joins_the_auxiliaries_and_the_air_follows_the_ambient():
    """At -7 C a heat pump draws 2103 W and resistance heating 2769 W (specs/climate.yaml), on top of the
    spec's 1 kW; the air at -7 C and sea level: 101325 / (287.05 x 266.15) = 1.3263 kg/m^3. Without a
    temperature, climate is taken at 20 C: between 10 C (342 W) and 22 C (0 W), 342 x 2/12 = 57 W."""
    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n"
                      "auxiliary_power: 1 kW\n")
    cold = road_load_of(spec, 266.15, None, "heat-pump")
    assert cold.p_aux == pytest.approx(3103.0) and cold.rho == pytest.approx(1.3263, abs=1e-4)
    assert road_load_of(spec, 266.15, 0.0, "resistance").p_aux == pytest.approx(3769.0)
    assert road_load_of(spec, 266.15).p_aux == pytest.approx(1000.0)
    assert road_load_of(spec, None, None, "heat-pump").p_aux == pytest.approx(1057.0)
    assert road_load_of(spec).rho == pytest.approx(101325 / (287.05 * 293.15), rel=1e-3)


def test_a_vehicle_with_ambient_and_extra_mass_keeps_the_rest():
    """with_ambient changes the air and the auxiliaries and keeps the extra mass; with_extra_mass adds to the
    payload (0 kg allowed, a negative or non-finite mass refused) and keeps the road load."""
    import math

    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n"
                      "auxiliary_power: 1 kW\n")
    v = Vehicle(spec, road_load_of(spec))
    heavy = v.with_extra_mass(75.0)
    assert heavy.payload == 175.0 and heavy.total_mass(400.0) == 1875.0 and heavy.load == v.load
    assert v.with_extra_mass(0.0).payload == 100.0
    for bad in (-1.0, -1e-9, math.nan, math.inf):
        with pytest.raises(BatcalcError, match="extra mass"):
            v.with_extra_mass(bad)
    cold = heavy.with_ambient(266.15, 1000.0, "resistance")
    assert cold.extra_mass == 75.0 and cold.spec is spec
    assert cold.load == road_load_of(spec, 266.15, 1000.0, "resistance") and cold.load.p_aux == pytest.approx(3769.0)
    assert heavy.with_ambient().load == v.load


def test_breakdown_of_a_cycle_that_only_brakes():
    """From 20 m/s to 0 in 10 s (a = -2 m/s^2, mean speed 10 m/s, 100 m): no step draws traction power,
    so the resistances are shown at the wheels (efficiency 1): rolling 1500 x 9.81 x 0.01 = 147.15 N,
    air 0.6 x 0.5 x 10^2 = 30 N; auxiliaries 100 W x 10 s / 100 m = 10 J/m."""
    coast = Cycle("coast", "coast", np.array([0.0, 10.0]), np.array([20.0, 0.0]))
    parts = consumption_breakdown(LOAD, coast, 1500.0)
    assert parts["rolling"] == pytest.approx(147.15, rel=1e-12)
    assert parts["aerodynamic"] == pytest.approx(30.0, rel=1e-12)
    assert parts["auxiliaries"] == pytest.approx(10.0, rel=1e-12)


def test_a_fixed_rotating_mass_replaces_the_rotating_mass_factor():
    """A spec giving ``rotating_mass`` (kg) uses it in place of the factor: k_rot 0, not the 0.03 default."""
    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n"
                      "rotating_mass: 50 kg\n")
    load = road_load_of(spec)
    assert (load.k_rot, load.m_rot) == (0.0, 50.0)
    silent = road_load_of(parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\n"
                                           "rolling_resistance: 0.008\n"))
    assert (silent.k_rot, silent.m_rot) == (K_ROT, 0.0)


def test_the_air_at_altitude():
    """The standard atmosphere at 1000 m: 89 874.6 Pa (ISO 2533); at 20 C, 89 874.6 / (287.05 x 293.15)
    = 1.0680 kg/m^3."""
    spec = parse_spec(VEH + "drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n")
    assert road_load_of(spec, 293.15, 1000.0).rho == pytest.approx(1.0680, abs=2e-4)


def test_a_measured_spec_with_part_of_the_road_load_has_none():
    """A drag coefficient alone (no frontal area, no rolling resistance) beside a measured consumption: no
    road load from the spec, as with none of the three."""
    spec = parse_spec(VEH + "drag_coefficient: 0.25\n"
                      "measured_consumption: {value: 150 Wh/km, at_mass: 1800 kg, per_100kg: 4 Wh/km}\n")
    load = road_load_of(spec)
    assert (load.c_rr, load.cd_a, load.coast_down) == (0.0, 0.0, False)


def test_the_last_float_mass_asked_for_is_kept_and_only_that(monkeypatch):
    """A consumption keeps the last float mass and its value: asked again at that mass it computes
    nothing; at another mass, or for an array, it computes, and the value is the fresh one."""
    from batcalc.physics import powertrain
    from batcalc.physics.vehicle import load_vehicle

    v = load_vehicle("mid-sedan")
    model = Consumption(v.load, get_cycle("udds"), v.id)      # its own: the shared one keeps other tests' masses
    calls = []
    energy = powertrain.OneMassTable.energy
    monkeypatch.setattr(powertrain.OneMassTable, "energy", lambda self, m: calls.append(m) or energy(self, m))
    c1 = model(1800.0)
    c2 = model(1900.0)
    assert c1 != c2 and calls == [1800.0, 1900.0]
    assert model(1900.0) == c2 and calls == [1800.0, 1900.0]          # kept: nothing computed
    assert model(1800.0) == c1 and calls == [1800.0, 1900.0, 1800.0]  # only the last is kept
    assert float(model(np.array([1800.0, 1900.0]))[1]) == pytest.approx(c2, rel=1e-12)
    assert calls == [1800.0, 1900.0, 1800.0]                           # arrays take the many-mass path
    with pytest.raises(BatcalcError):
        model(1e9)                                                     # a mass beyond the limit is refused


def test_a_cycle_of_exactly_the_shortest_distance_is_a_cycle():
    """A cycle must cover at least MIN_CYCLE_DISTANCE (1 m): 0.5 m/s for 2 s is taken, 0.25 m/s is not."""
    from batcalc.physics.vehicle import MIN_CYCLE_DISTANCE

    one_metre = Cycle("m", "m", np.array([0.0, 1.0, 2.0, 3.0]), np.array([0.0, 0.5, 0.5, 0.0]))
    assert one_metre.distance == MIN_CYCLE_DISTANCE == 1.0
    assert Consumption(LOAD, one_metre)(1500.0) > 0
    half = Cycle("h", "h", np.array([0.0, 1.0, 2.0, 3.0]), np.array([0.0, 0.25, 0.25, 0.0]))
    with pytest.raises(BatcalcError, match="covers only 0.5 m"):
        Consumption(LOAD, half)


def test_energy_of_an_int_and_of_a_0_d_array_is_that_of_the_float():
    """The one-mass path takes a float; an int, a 0-d array and a 1-element array take the many-mass
    path and give the same energy (a float for the scalars)."""
    model = Consumption(LOAD, STEPS)
    e = model.energy(1500.0)
    assert e == pytest.approx(by_hand(1500.0) * STEPS.distance, rel=1e-12)
    for other in (1500, np.array(1500.0)):
        got = model.energy(other)
        assert isinstance(got, float) and got == pytest.approx(e, rel=1e-12)
    assert model.energy(np.array([1500.0])).shape == (1,)


def test_the_heaviest_vehicle_is_computed_and_a_heavier_one_refused():
    """MAX_VEHICLE_MASS (1e6 kg) itself is a vehicle mass, as float or in an array; 1.05e6 kg is refused
    either way, naming the vehicle."""
    from batcalc.physics.vehicle import MAX_VEHICLE_MASS

    model = Consumption(LOAD, STEPS, "truck")
    assert MAX_VEHICLE_MASS == 1e6
    assert model(1e6) == pytest.approx(by_hand(1e6), rel=1e-12)
    assert model(np.array([1e6]))[0] == pytest.approx(by_hand(1e6), rel=1e-12)
    for heavy in (1.05e6, np.array([1000.0, 1.05e6])):
        with pytest.raises(BatcalcError, match=r"truck: a vehicle mass of 1\.05e\+06 kg .* beyond 1e\+06 kg"):
            model(heavy)


def test_consumption_at_a_constant_speed_by_hand():
    """At a constant 90 km/h (25 m/s) only rolling and air drag work: F = m g C_rr + rho C_d A v^2 / 2;
    through the 90 % drivetrain, plus 100 W of auxiliaries, per metre: (F v / 0.9 + 100) / v."""
    force = 1500 * 9.81 * 0.01 + 0.5 * 1.2 * 0.5 * 25.0 ** 2
    assert Consumption(LOAD, get_cycle("90 km/h"))(1500.0) == pytest.approx((force * 25 / 0.9 + 100) / 25, rel=1e-12)


def test_no_energy_reasons_name_each_cause_and_only_when_it_holds():
    """The reasons given when a cycle needs no energy: no road load (either form, every term 0), no
    auxiliary power, a lossless powertrain (map, gear and battery all 100 %; full regeneration when it
    is 100 % and does not fade), a cycle that ends slower than it starts (last sample against first)."""
    from batcalc.physics.powertrain import EfficiencyMap, Powertrain
    from batcalc.physics.vehicle import no_energy_reasons

    lossless = Powertrain(motor_map=EfficiencyMap((0.0,), (1.0,)), transmission_efficiency=1.0,
                          battery_efficiency=1.0, regen_efficiency=1.0, regen_fades=False, aux_power=0.0)
    flat = Cycle("f", "f", np.array([0.0, 1.0, 2.0]), np.array([10.0, 20.0, 10.0]))
    assert no_energy_reasons(RoadLoad(powertrain=lossless), flat) == [
        "no road load", "no auxiliary power", "lossless powertrain, full regeneration"]
    assert no_energy_reasons(RoadLoad(coast_down=True, powertrain=lossless), flat)[0] == "no road load"
    for load in (RoadLoad(c_rr=0.01, powertrain=lossless), RoadLoad(cd_a=0.5, powertrain=lossless),
                 RoadLoad(coast_down=True, f0=1.0, powertrain=lossless),
                 RoadLoad(coast_down=True, f1=1.0, powertrain=lossless),
                 RoadLoad(coast_down=True, f2=1.0, powertrain=lossless),
                 RoadLoad(coast_down=True, c_rr=0.0, cd_a=0.0, f0=0.0, f1=0.0, f2=0.5, powertrain=lossless)):
        assert "no road load" not in no_energy_reasons(load, flat), load
    fading = Powertrain(motor_map=EfficiencyMap((0.0,), (1.0,)), transmission_efficiency=1.0,
                        battery_efficiency=1.0, regen_efficiency=1.0, regen_fades=True, aux_power=0.0)
    assert "lossless powertrain" in no_energy_reasons(RoadLoad(powertrain=fading), flat)
    partial = Powertrain(motor_map=EfficiencyMap((0.0,), (1.0,)), transmission_efficiency=1.0,
                         battery_efficiency=1.0, regen_efficiency=0.9, regen_fades=False, aux_power=0.0)
    assert "lossless powertrain" in no_energy_reasons(RoadLoad(powertrain=partial), flat)
    for lossy in (Powertrain(motor_map=EfficiencyMap((0.0,), (0.99,)), transmission_efficiency=1.0,
                             battery_efficiency=1.0, aux_power=0.0),
                  Powertrain(motor_map=EfficiencyMap((0.0,), (1.0,)), transmission_efficiency=0.99,
                             battery_efficiency=1.0, aux_power=0.0),
                  Powertrain(motor_map=EfficiencyMap((0.0,), (1.0,)), transmission_efficiency=1.0,
                             battery_efficiency=0.99, aux_power=0.0)):
        assert not any("lossless" in r for r in no_energy_reasons(RoadLoad(powertrain=lossy), flat))
    assert "no auxiliary power" not in no_energy_reasons(RoadLoad(c_rr=0.01), flat)
    slower = "the cycle ends slower than it starts"
    for speeds, ends_slower in (([20.0, 25.0, 30.0, 0.0], True), ([20.0, 0.0, 10.0], True),
                                ([10.0, 20.0, 10.0], False), ([0.0, 20.0, 5.0], False)):
        trace = Cycle("t", "t", np.arange(len(speeds), dtype=float), np.array(speeds))
        assert (slower in no_energy_reasons(RoadLoad(c_rr=0.01), trace)) is ends_slower, speeds


def test_a_vehicle_at_an_assumption_point_keeps_its_ambient_and_extra_mass_and_reads_the_point():
    """with_assumed reads the powertrain defaults from the point (a spec silent on the battery: 0.9 at
    this point) and keeps the ambient asked for (-7 C: air 1.327 kg/m^3) and the extra mass; each of
    with_ambient, with_assumed and with_extra_mass hands the ambient on."""
    from batcalc.physics.bands import central_defaults
    from batcalc.physics.vehicle import load_vehicle

    v = load_vehicle("large-suv")
    assert v.spec.powertrain is not None and v.spec.powertrain.battery_efficiency is None
    point = central_defaults() | {"battery-efficiency": 0.9}
    cold = v.with_ambient(266.15).with_extra_mass(100.0)
    assert cold.ambient == (266.15, None, None) and cold.extra_mass == 100.0
    at = cold.with_assumed(point)
    assert at.load.powertrain.battery_efficiency == 0.9
    assert at.ambient == (266.15, None, None) and at.extra_mass == 100.0
    assert at.load.rho == pytest.approx(101325 / (287.05287 * 266.15), rel=1e-12)
    assert v.with_assumed(point).with_ambient(266.15).ambient == (266.15, None, None)


def test_a_vehicle_at_an_assumption_point_keeps_the_point_through_with_ambient_and_extra_mass():
    """The point a vehicle was built at outlives a later with_ambient and with_extra_mass: the battery at
    0.9 (the point's) stays 0.9, in either order the same road load (it was dropped back to the
    default, 98.5 %, by a with_ambient after with_assumed)."""
    from batcalc.physics.bands import central_defaults
    from batcalc.physics.vehicle import load_vehicle

    v = load_vehicle("large-suv")
    point = central_defaults() | {"battery-efficiency": 0.9}
    later = v.with_assumed(point).with_ambient(266.15).with_extra_mass(50.0)
    sooner = v.with_ambient(266.15).with_extra_mass(50.0).with_assumed(point)
    assert later.load.powertrain.battery_efficiency == 0.9
    assert later.load == sooner.load and later.extra_mass == sooner.extra_mass == 50.0
    assert v.with_ambient(266.15).load.powertrain.battery_efficiency != 0.9     # the default, without a point
    # whatever comes between: each step hands the point on to the next with_ambient
    for chain in (v.with_assumed(point).with_extra_mass(50.0).with_ambient(266.15),
                  v.with_assumed(point).with_ambient(280.0).with_ambient(266.15)):
        assert chain.load.powertrain.battery_efficiency == 0.9 and chain.load == sooner.load


def test_imperial_assumptions_give_the_road_load_in_imperial_units():
    """The road load's stated assumptions follow the unit system: C_d A 0.5 m^2 is 5.382 ft^2 (1 ft =
    0.3048 m: 0.5 / 0.3048^2), and a rotating mass of 40 kg is 88.18 lb (40 / 0.45359237); the metric
    texts keep m^2 and kg. (A mutant that dropped the system wrote the imperial texts in metric units.)"""
    load = RoadLoad(c_rr=0.01, cd_a=0.5, m_rot=40.0, rho=1.2, g=9.81, powertrain=OLD)
    metric, imperial = load.assumptions(), load.assumptions("imperial")
    assert "C_d A 0.500 m^2" in metric[0] and "rotating mass 40 kg" == metric[1]
    assert f"C_d A {0.5 / 0.3048 ** 2:.3f} ft^2" in imperial[0]
    assert imperial[1] == f"rotating mass {40 / 0.45359237:.4g} lb"


def test_breakdown_reads_wheel_power_per_second_of_each_step():
    """The breakdown's traction efficiency is read off the motor map at each step's wheel power, energy over
    the step's length (W = J / s). At 1-s steps energy and power are the same number, so a product for the
    quotient went unnoticed: the same constant 80 km/h sampled every 2 s is the same drive and must break
    down the same (with a map whose efficiency moves with load, as every catalogue vehicle's does)."""
    from batcalc.physics.vehicle import load_vehicle

    load = load_vehicle("mid-sedan").load
    v = np.full(301, 80 / 3.6)
    every_second = Cycle("1s", "1s", np.arange(301.0), v)
    every_two = Cycle("2s", "2s", np.arange(0.0, 601.0, 2.0), v)
    one, two = consumption_breakdown(load, every_second, 1900.0), consumption_breakdown(load, every_two, 1900.0)
    assert two == pytest.approx(one, rel=1e-12)
    # and the efficiency that divides rolling resistance is the map's at that power: F_roll / (eta_t eta_m eta_b)
    pt = load.powertrain
    wheel = 1900.0 * load.g * load.c_rr + 0.5 * load.rho * load.cd_a * v[0] ** 2
    eta = pt.transmission_efficiency * float(pt.motor_map.at(np.array([wheel * v[0] / pt.transmission_efficiency
                                                                        / pt.rated_power]))[0]) * pt.battery_efficiency
    assert two["rolling"] == pytest.approx(1900.0 * load.g * load.c_rr / eta, rel=1e-9)


def test_an_assumed_ambient_sets_the_air_the_road_load_is_for():
    """A point of the assumptions box with another ambient temperature and altitude (a band's corner, or
    ``--assume ambient-temperature=-10 °C``) gives the road load the air of that point (ISO 2533, as
    :func:`air_density` computes it), and the vehicle says so (``air``): both read the point, not 20 °C at sea
    level, where neither the spec nor the command names an ambient."""
    from batcalc.physics.bands import Assumed
    from batcalc.physics.powertrain import air_density
    from batcalc.physics.vehicle import load_vehicle

    point = Assumed().with_values({"ambient-temperature": 263.15, "altitude": 1500.0})
    cold = load_vehicle("mid-sedan").with_assumed(point)
    assert cold.air == (263.15, 1500.0)
    assert cold.load.rho == pytest.approx(air_density(263.15, 1500.0), rel=1e-12)
    assert cold.load.rho != pytest.approx(air_density(), rel=1e-3)
    # an ambient the command names wins over the point's
    assert cold.with_ambient(300.0, 0.0).load.rho == pytest.approx(air_density(300.0, 0.0), rel=1e-12)
