"""The powertrain: hand calculations, the standard atmosphere's published figures, the older constant-
efficiency model as a special case, and NREL FASTSim 3.1.0's own results on its stock cars."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batcalc.errors import BatcalcError
from batcalc.physics.cycles import get_cycle
from batcalc.physics.powertrain import (
    FASTSIM_DEFAULT_MAP,
    EfficiencyMap,
    OneMassTable,
    Powertrain,
    air_density,
    constant_efficiency,
    cycle_energy,
    cycle_energy_exact,
    regen_fade,
)

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


def steps(cycle: str, c_rr=0.007, cd_a=0.5106, k_rot=0.03, m_rot=0.0, rho=1.204, g=9.80665):
    """Per-step wheel power per kg (alpha, W/kg) and mass-free wheel power (beta, W), written here
    from the road-load formula: P = (m (1 + k_rot) + m_rot) a v + m g C_rr v [v > 0] + 1/2 rho C_d A v^3."""
    c = get_cycle(cycle)
    v0, v1, dt = c.speed[:-1], c.speed[1:], np.diff(c.time)
    v, a = (v0 + v1) / 2, (v1 - v0) / np.diff(c.time)
    alpha = (a * (1 + k_rot) + np.where(v > 0, g * c_rr, 0.0)) * v
    beta = m_rot * a * v + 0.5 * rho * cd_a * v ** 3
    return alpha, beta, v, dt


def test_one_step_by_hand():
    """20 kW at the wheels of a 100 kW motor: 20.408 kW after a 98 % gear, 20.4 % load -> map 0.9404
    (linear between 0.94 at 20 % and 0.95 at 40 %), 250 W aux, 98.4886 % battery one way."""
    pt = Powertrain(rated_power=100e3)
    p_t = 20e3 / 0.98
    eta_m = 0.94 + (p_t / 100e3 - 0.2) / 0.2 * 0.01
    expected = (p_t / eta_m + 250) / math.sqrt(0.97)
    assert pt.battery_power(np.array([20e3]), np.array([20.0]))[0] == pytest.approx(expected, rel=1e-12)


def test_braking_by_hand_with_limit_and_fade():
    """-150 kW at the wheels, 100 kW motor: -147 kW after the gear, capped at -100 kW, x 0.84 regen,
    x fade; at 50 km/h the fade is ~1; +250 W aux; charging the store x 98.4886 %."""
    pt = Powertrain(rated_power=100e3)
    fade = 1 / (1 + 500 * math.exp(-0.99 * (50 / 3.6 / 0.44704 + 1)))
    expected = (-100e3 * 0.84 * fade + 250) * math.sqrt(0.97)
    assert pt.battery_power(np.array([-150e3]), np.array([50 / 3.6]))[0] == pytest.approx(expected, rel=1e-12)


def test_regen_fade_is_fastsim_2s_curve():
    """Values of FASTSim 2's curve 1/(1 + 500 exp(-0.99 (mph + 1))) computed by hand at 5 and 20 mph."""
    assert regen_fade(np.array([5 * 0.44704]))[0] == pytest.approx(1 / (1 + 500 * math.exp(-0.99 * 6)))
    assert regen_fade(np.array([20 * 0.44704]))[0] == pytest.approx(1 / (1 + 500 * math.exp(-0.99 * 21)))
    assert regen_fade(np.array([0.0]))[0] < 0.01


def test_step_map_takes_the_point_below():
    m = EfficiencyMap((0.0, 0.5), (0.8, 0.9), step=True)
    assert list(m.at(np.array([0.0, 0.49, 0.5, 2.0]))) == [0.8, 0.8, 0.9, 0.9]
    assert list(EfficiencyMap((0.0, 0.5), (0.8, 0.9)).at(np.array([0.25, 2.0]))) == pytest.approx([0.85, 0.9])


@pytest.mark.parametrize("kwargs", [dict(rated_power=0.0), dict(transmission_efficiency=1.2),
                                    dict(battery_efficiency=0.0), dict(regen_efficiency=-0.1),
                                    dict(aux_power=float("nan"))])
def test_impossible_powertrains_are_refused(kwargs):
    with pytest.raises(BatcalcError):
        Powertrain(**kwargs)


def test_maps_are_checked():
    for load, eff in (((0.1, 0.5), (0.9, 0.9)), ((0.0, 0.0), (0.9, 0.9)), ((0.0,), (1.5,))):
        with pytest.raises(BatcalcError):
            EfficiencyMap(load, eff)


@pytest.mark.parametrize("t_c, h, rho", [(15.0, 0.0, 1.2250), (8.5, 1000.0, 1.1117), (-4.5, 3000.0, 0.9093)])
def test_air_density_is_the_standard_atmosphere(t_c, h, rho):
    """ISO 2533 / ICAO standard atmosphere densities at 0, 1000 and 3000 m (published tables)."""
    assert air_density(t_c + 273.15, h) == pytest.approx(rho, abs=2e-4)


def test_default_ambient_is_20_c_at_sea_level():
    assert air_density() == pytest.approx(101325 / (287.05287 * 293.15))
    with pytest.raises(BatcalcError, match="outside"):
        air_density(10.0)


def test_constant_efficiency_is_the_older_model():
    """eta 0.9, regeneration 60 %: battery power P/0.9 driving, P x 0.9 x 0.6 braking, + aux; summed
    by hand over UDDS for 1750 kg."""
    alpha, beta, v, dt = steps("udds")
    m = 1750.0
    p = alpha * m + beta
    by_hand = float(np.sum((np.where(p > 0, p / 0.9, p * 0.9 * 0.6) + 250.0) * dt))
    pt = constant_efficiency(0.9, 0.6, 250.0)
    assert cycle_energy_exact(alpha, beta, v, dt, np.array([m]), pt)[0] == pytest.approx(by_hand, rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["udds", "hwfet", "wltp"]), st.floats(800.0, 4000.0), st.floats(1.0, 30000.0),
       st.integers(0, 2 ** 32 - 1))
def test_many_masses_match_the_exact_sum(cycle, low, width, seed):
    """The node-and-interpolate path agrees with the exact step sum within 1e-5 relative."""
    alpha, beta, v, dt = steps(cycle)
    pt = Powertrain(rated_power=150e3)
    masses = np.random.default_rng(seed).uniform(low, low + width, 3000)
    fast = cycle_energy(alpha, beta, v, dt, masses, pt)
    exact = cycle_energy_exact(alpha, beta, v, dt, masses[:200], pt)
    assert np.max(np.abs(fast[:200] / exact - 1)) <= 1e-5


def fastsim_data():
    vehicles = json.loads((DATA / "fastsim_vehicles.json").read_text())
    results = json.loads((DATA / "fastsim_results.json").read_text())
    return vehicles, results


@pytest.mark.parametrize("run", range(24))
def test_fastsim_stock_cars_within_half_a_percent(run):
    """FASTSim 3.1.0's consumption at the battery (energy out of the store, Wh/km) for its stock BEVs on
    UDDS and HWFET at three masses (benchmarks/data, written by FASTSim itself), against this powertrain
    with each car's inputs: its map (step or linear), gear, fixed wheel inertia, no fade (FASTSim 3.1.0
    has none), FASTSim's air density and g. The Bolt's battery table is taken as 0.995 one way."""
    vehicles, results = fastsim_data()
    r = results["runs"][run]
    veh = next(v for v in vehicles["vehicles"] if v["id"] == r["vehicle"])
    amb = vehicles["ambient"]
    mm = veh["motor_map"]
    eff = veh["battery"]["efficiency"]
    pt = Powertrain(rated_power=veh["motor_rated_power_W"],
                    motor_map=EfficiencyMap(tuple(mm["power_fraction"]), tuple(mm["efficiency"]),
                                            step=mm["interpolation"] == "step-lower"),
                    transmission_efficiency=veh["transmission_efficiency"],
                    battery_efficiency=eff["one_way"] if eff["kind"] == "constant" else 0.995,
                    regen_fades=False, aux_power=veh["aux_power_W"])
    alpha, beta, v, dt = steps(r["cycle"], c_rr=veh["rolling_resistance"], cd_a=veh["cd_a_m2"], k_rot=0.0,
                               m_rot=veh["rotating_equivalent_mass_kg"], rho=amb["air_density_for_drag_kg_m3"],
                               g=amb["g_m_s2"])
    wh_per_km = cycle_energy_exact(alpha, beta, v, dt, np.array([r["mass_kg"]]), pt)[0] / np.sum(v * dt) / 3.6
    assert wh_per_km == pytest.approx(r["wh_per_km_battery_chemical"], rel=5e-3)
    # the one-mass layout claims and solvers use gives the same sum
    one = OneMassTable(alpha, beta, v, dt, pt).energy(float(r["mass_kg"])) / np.sum(v * dt) / 3.6
    assert one == pytest.approx(wh_per_km, rel=1e-12)


def test_fastsim_default_map_is_the_published_one():
    vehicles, _ = fastsim_data()
    published = vehicles["default_motor_map"]
    assert FASTSIM_DEFAULT_MAP.load == tuple(published["power_fraction"])
    assert FASTSIM_DEFAULT_MAP.efficiency == pytest.approx(tuple(published["efficiency"]))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["udds", "hwfet", "wltp", "cltc", "us06"]), st.floats(300.0, 60000.0),
       st.sampled_from([30e3, 150e3, math.inf]), st.booleans(), st.booleans(), st.floats(0.0, 3000.0),
       st.floats(0.0, 0.05), st.floats(0.0, 60.0), st.booleans())
def test_the_one_mass_layout_is_the_exact_sum(cycle, mass, rated, fades, step_map, aux, k_rot, m_rot, at_kink):
    """OneMassTable.energy against cycle_energy_exact: every step's own branch, found by its kink mass,
    gives the module's step sum to rounding, for motor limits, fade on and off, step and linear maps,
    any auxiliary load, and at a mass where a step's wheel power is exactly 0."""
    alpha, beta, v, dt = steps(cycle, k_rot=k_rot, m_rot=m_rot)
    motor = EfficiencyMap(FASTSIM_DEFAULT_MAP.load, FASTSIM_DEFAULT_MAP.efficiency, step=step_map)
    pt = Powertrain(rated_power=rated, motor_map=motor, regen_fades=fades, aux_power=aux)
    if at_kink:                  # the kink of a braking step with aero drag: P(m) = 0 there
        mixed = np.flatnonzero((alpha < 0) & (beta > 0))
        if mixed.size:
            mass = float(-beta[mixed[0]] / alpha[mixed[0]])
    table = OneMassTable(alpha, beta, v, dt, pt)
    exact = cycle_energy_exact(alpha, beta, v, dt, np.array([mass]), pt)[0]
    throughput = float(np.sum(np.abs(alpha * mass + beta) * dt)) + aux * float(np.sum(dt))
    assert abs(table.energy(mass) - exact) <= 1e-12 * throughput


def test_the_one_mass_layout_by_hand():
    """Five steps, no motor limit, flat 90 % motor, 95 % gear, 97 % battery one way, regeneration at 80 %,
    100 W of auxiliaries; 1, 2, 3, 4 and 5 s. P = alpha m + beta (W): a step that drives at every mass
    (2 m + 500), one that drives below 333 kg and brakes above (-3 m + 1000), one standing still (0),
    and two that brake below 500 and 800 kg and drive above (m - 500, 0.5 m - 400). Driving:
    (P / 0.95 / 0.9 + 100) / 0.97; braking: p_b = 0.95 x 0.8 P + 100, times 0.97 when negative, over 0.97
    when positive."""
    alpha, beta = np.array([2.0, -3.0, 0.0, 1.0, 0.5]), np.array([500.0, 1000.0, 0.0, -500.0, -400.0])
    v, dt = np.array([10.0, 10.0, 0.0, 10.0, 10.0]), np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    pt = Powertrain(motor_map=EfficiencyMap((0.0,), (0.9,)), transmission_efficiency=0.95, battery_efficiency=0.97,
                    regen_efficiency=0.8, regen_fades=False, aux_power=100.0)
    table = OneMassTable(alpha, beta, v, dt, pt)

    def drive(p):
        return (p / 0.95 / 0.9 + 100) / 0.97

    def brake(p):
        p_b = 0.95 * 0.8 * p + 100
        return p_b * 0.97 if p_b < 0 else p_b / 0.97

    # 1000 kg: 2500 W drives, -2000 W brakes, standing, 500 W and 100 W drive
    by_hand = drive(2500) * 1 + brake(-2000) * 2 + 100 / 0.97 * 3 + drive(500) * 4 + drive(100) * 5
    assert table.energy(1000.0) == pytest.approx(by_hand, rel=1e-12)
    # 300 kg: 1100 W drives, 100 W drives, standing, -200 W brakes (p_b = -52 W, charging), -250 W brakes
    by_hand = drive(1100) * 1 + drive(100) * 2 + 100 / 0.97 * 3 + brake(-200) * 4 + brake(-250) * 5
    assert table.energy(300.0) == pytest.approx(by_hand, rel=1e-12)
    # 400 kg: 1300 W drives, -200 W brakes, standing, -100 W brakes (p_b = 24 W, still drawing), -200 W
    by_hand = drive(1300) * 1 + brake(-200) * 2 + 100 / 0.97 * 3 + brake(-100) * 4 + brake(-200) * 5
    assert table.energy(400.0) == pytest.approx(by_hand, rel=1e-12)
    assert table.energy(400.0) == pytest.approx(cycle_energy_exact(alpha, beta, v, dt, np.array([400.0]), pt)[0],
                                                rel=1e-12)
