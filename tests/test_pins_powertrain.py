"""Pins on the powertrain (batcalc/physics/powertrain.py), against numbers worked out by hand.

The test powertrain: 100 kW rated, a motor map 80 % at no load, 90 % at half load, 95 % at full load
(linear between), a 98 % gear, a 95 % battery (one way), 90 % regeneration, 1 kW of auxiliaries, no
fade. For 49 kW at the wheels: 49 / 0.98 = 50 kW at the motor, half load, 90 %: 55.56 kW, + 1 kW,
/ 0.95 = 59.53 kW from the store.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.powertrain import (
    DEFAULT_BATTERY_EFFICIENCY,
    DEFAULT_TRANSMISSION_EFFICIENCY,
    FASTSIM_DEFAULT_MAP,
    MASS_STEP,
    STANDARD_GRAVITY,
    EfficiencyMap,
    Powertrain,
    air_density,
    constant_efficiency,
    cycle_energy,
    cycle_energy_exact,
    flat_map,
    regen_fade,
)

MAP = EfficiencyMap((0.0, 0.5, 1.0), (0.8, 0.9, 0.95))
PT = Powertrain(rated_power=1e5, motor_map=MAP, transmission_efficiency=0.98, battery_efficiency=0.95,
                regen_efficiency=0.9, regen_fades=False, aux_power=1000.0)


def test_air_density_by_hand():
    # 101325 Pa / (287.05287 J/(kg K) x 293.15 K); ISA at 1000 m: 89874.6 Pa (ISO 2533 table)
    assert air_density() == pytest.approx(101325 / (287.05287 * 293.15), rel=1e-12)
    assert air_density(288.15, 1000.0) == pytest.approx(89874.6 / (287.05287 * 288.15), rel=1e-5)
    assert air_density(273.15, 0.0) == pytest.approx(1.2922, rel=1e-4)      # 0 C at sea level
    assert STANDARD_GRAVITY == 9.80665


@pytest.mark.parametrize("t, h", [(150.0, 0.0), (350.0, 0.0), (293.15, -500.0), (293.15, 9000.0)])
def test_air_density_at_the_edges_is_accepted(t, h):
    assert 0.3 < air_density(t, h) < 2.5


@pytest.mark.parametrize("t, h, fragment", [(149.9, 0.0, "temperature"), (350.1, 0.0, "temperature"),
                                            (math.nan, 0.0, "temperature"), (293.15, -500.1, "altitude"),
                                            (293.15, 9000.1, "altitude"), (293.15, math.inf, "altitude")])
def test_air_density_out_of_range_is_refused(t, h, fragment):
    with pytest.raises(BatcalcError, match=fragment):
        air_density(t, h)


def test_maps_linear_and_step_by_hand():
    assert list(MAP.at(np.array([-1.0, 0.0, 0.25, 0.5, 0.75, 1.0, 2.0]))) == pytest.approx(
        [0.8, 0.8, 0.85, 0.9, 0.925, 0.95, 0.95])
    step = EfficiencyMap((0.0, 0.5, 1.0), (0.8, 0.9, 0.95), step=True)
    assert list(step.at(np.array([-0.1, 0.0, 0.49, 0.5, 0.99, 1.0, 5.0]))) == [0.8, 0.8, 0.8, 0.9, 0.9, 0.95, 0.95]
    assert flat_map(0.9) == EfficiencyMap((0.0,), (0.9,))
    assert list(flat_map(0.9).at(np.array([0.0, 3.0]))) == [0.9, 0.9]
    # FASTSim's default map: 0.86 at 2 %, 0.88 at 4 %; 0.95 from 40 to 60 % load
    assert list(FASTSIM_DEFAULT_MAP.at(np.array([0.0, 0.03, 0.5, 1.0]))) == pytest.approx([0.84, 0.87, 0.95, 0.93])


@pytest.mark.parametrize("load, eff", [((), ()), ((0.0, 0.5), (0.9,)), ((0.1, 0.5), (0.9, 0.9)),
                                       ((0.0, 0.5, 0.5), (0.9, 0.9, 0.9)), ((0.0, 0.5, 0.4), (0.9, 0.9, 0.9)),
                                       ((0.0,), (0.0,)), ((0.0,), (1.01,))])
def test_bad_maps_are_refused(load, eff):
    with pytest.raises(BatcalcError, match="efficienc"):
        EfficiencyMap(load, eff)


def test_a_map_of_100_percent_is_accepted():
    assert EfficiencyMap((0.0,), (1.0,)).efficiency == (1.0,)


def test_regen_fade_by_hand():
    # 1 / (1 + 500 exp(-0.99 (v / 0.44704 m/s per mph + 1)))
    for v in (0.0, 2 / 3.6, 8 / 3.6, 15 / 3.6, 30.0):
        assert regen_fade(np.array([v]))[0] == pytest.approx(1 / (1 + 500 * math.exp(-0.99 * (v / 0.44704 + 1))))
    assert regen_fade(np.array([0.0]))[0] == pytest.approx(1 / (1 + 500 * 0.37157669), rel=1e-7)
    # the module's stated figures: 0.02 at 2 km/h, 0.42 at 8 km/h, near 1 above 15 km/h
    assert list(regen_fade(np.array([2 / 3.6, 8 / 3.6]))) == pytest.approx([0.02, 0.42], abs=0.01)


def test_battery_power_by_hand():
    wheel = np.array([49e3, 24.5e3, 200e3, 0.0, -1e3, -10e3, -200e3])
    expected = [(49e3 / 0.98 / 0.90 + 1e3) / 0.95,         # half load
                (24.5e3 / 0.98 / 0.85 + 1e3) / 0.95,       # quarter load: 85 %
                (200e3 / 0.98 / 0.95 + 1e3) / 0.95,        # beyond rated: the map's last point
                1e3 / 0.95,                                # standing: auxiliaries only
                (-1e3 * 0.98 * 0.9 + 1e3) / 0.95,          # light braking: 118 W still drawn
                (-10e3 * 0.98 * 0.9 + 1e3) * 0.95,         # braking: -7820 W into the store
                (-100e3 * 0.9 + 1e3) * 0.95]               # braking above rated power: limited
    assert list(PT.battery_power(wheel, np.full(7, 10.0))) == pytest.approx(expected, rel=1e-12)
    assert PT.eta_regen == 0.9


def test_regeneration_fades_at_low_speed():
    fading = Powertrain(rated_power=1e5, motor_map=MAP, transmission_efficiency=0.98, battery_efficiency=0.95,
                        regen_efficiency=0.9, regen_fades=True, aux_power=0.0)
    v = np.array([0.0, 30.0])
    f = 1 / (1 + 500 * np.exp(-0.99 * (v / 0.44704 + 1)))
    got = fading.battery_power(np.array([-10e3, -10e3]), v)
    assert list(got) == pytest.approx(list(-10e3 * 0.98 * 0.9 * f * 0.95), rel=1e-12)
    # driving does not fade
    assert fading.battery_power(np.array([49e3]), np.array([0.0]))[0] == pytest.approx(49e3 / 0.98 / 0.9 / 0.95)


def test_defaults_and_the_regeneration_efficiency_of_the_map():
    pt = Powertrain()
    assert (pt.rated_power, pt.motor_map, pt.regen_efficiency, pt.regen_fades, pt.aux_power) == (
        math.inf, FASTSIM_DEFAULT_MAP, None, True, 250.0)
    assert pt.transmission_efficiency == DEFAULT_TRANSMISSION_EFFICIENCY == 0.98
    assert pt.battery_efficiency == DEFAULT_BATTERY_EFFICIENCY == pytest.approx(math.sqrt(0.97))
    assert pt.eta_regen == 0.84                                    # the map at no load
    # no motor limit: 1 MW of braking at 30 m/s (no fade there to 1e-8) all regenerates
    got = pt.battery_power(np.array([-1e6]), np.array([30.0]))[0]
    assert got == pytest.approx((-1e6 * 0.98 * 0.84 + 250) * math.sqrt(0.97), rel=1e-7)


def test_constant_efficiency_is_the_old_model():
    pt = constant_efficiency(0.9, 0.5, 100.0)
    assert (pt.motor_map, pt.transmission_efficiency, pt.battery_efficiency) == (flat_map(0.9), 1.0, 1.0)
    assert (pt.regen_efficiency, pt.regen_fades, pt.aux_power, pt.rated_power) == (0.45, False, 100.0, math.inf)
    got = pt.battery_power(np.array([900.0, -1000.0, 0.0]), np.array([0.5, 0.5, 0.0]))
    assert list(got) == pytest.approx([900 / 0.9 + 100, -1000 * 0.45 + 100, 100.0])


@pytest.mark.parametrize("bad, fragment", [(dict(rated_power=0.0), "rated power"), (dict(rated_power=-1.0), "rated"),
                                           (dict(rated_power=math.nan), "rated"),
                                           (dict(transmission_efficiency=0.0), "transmission efficiency"),
                                           (dict(transmission_efficiency=1.01), "transmission efficiency"),
                                           (dict(battery_efficiency=0.0), "battery efficiency"),
                                           (dict(battery_efficiency=1.01), "battery efficiency"),
                                           (dict(regen_efficiency=-0.01), "regeneration"),
                                           (dict(regen_efficiency=1.01), "regeneration"),
                                           (dict(aux_power=-1.0), "auxiliary"),
                                           (dict(aux_power=math.inf), "auxiliary")])
def test_bad_powertrains_are_refused(bad, fragment):
    with pytest.raises(BatcalcError, match=fragment):
        Powertrain(**bad)


def test_powertrains_at_the_edges_are_accepted():
    pt = Powertrain(rated_power=1.0, transmission_efficiency=1.0, battery_efficiency=1.0, regen_efficiency=0.0,
                    aux_power=0.0)
    assert pt.eta_regen == 0.0
    assert Powertrain(regen_efficiency=1.0).eta_regen == 1.0


def test_assumptions_state_the_parameters():
    assert PT.assumptions() == ["motor rated 100 kW; motor-and-inverter efficiency 80-95 % by load",
                                "transmission 98 %, battery 95.0 % one way",
                                "regeneration at 90 % motor efficiency, limited by motor power",
                                "auxiliaries 1000 W"]
    text = Powertrain().assumptions()
    assert text[0].startswith("no motor power limit;") and text[1].endswith("battery 98.5 % one way")
    assert text[2].endswith(", fading below ~15 km/h")


def test_assumptions_do_not_contradict_a_constant_efficiency():
    """The constant-efficiency model (no motor limit, a flat map) said 'no motor power limit;
    motor-and-inverter efficiency 90-90 % by load' and 'regeneration ... limited by motor power'."""
    from batcalc.physics.powertrain import constant_efficiency

    text = constant_efficiency(0.9, 0.6, 250.0).assumptions()
    assert text == ["no motor power limit; motor-and-inverter efficiency 90 % at every load",
                    "transmission 100 %, battery 100.0 % one way",
                    "regeneration at 54 % motor efficiency",       # 0.9 x 0.6
                    "auxiliaries 250 W"]


# Two steps, with constant_efficiency(0.5, 0.5, 10): drive / 0.5, regenerate x 0.25, 10 W always.
#   step 1 (1 s):  2 m + 100 W at the wheels  -> 4 m + 210 J
#   step 2 (2 s):  110 - m W -> m < 110: (110 - m) / 0.5 + 10 W for 2 s = 460 - 4 m J
#                             m > 110: (110 - m) x 0.25 + 10 W for 2 s = 75 - 0.5 m J
# E(m) = 670 J up to 110 kg, then 285 + 3.5 m J.
ALPHA, BETA, SPEED, DT = np.array([2.0, -1.0]), np.array([100.0, 110.0]), np.array([1.0, 1.0]), np.array([1.0, 2.0])
OLD = constant_efficiency(0.5, 0.5, 10.0)


def by_hand(m: float) -> float:
    return 670.0 if m <= 110 else 285 + 3.5 * m


def test_cycle_energy_exact_by_hand():
    masses = np.linspace(0.0, 220.0, 101)                      # more than one chunk of 64
    got = cycle_energy_exact(ALPHA, BETA, SPEED, DT, masses, OLD)
    assert list(got) == pytest.approx([by_hand(m) for m in masses], rel=1e-12)
    assert list(cycle_energy(ALPHA, BETA, SPEED, DT, np.array([0.0, 110.0, 220.0]), OLD)) == pytest.approx(
        [670.0, 670.0, 1055.0])


def test_cycle_energy_interpolates_between_nodes_20_kg_apart():
    # 23 masses over 0..220 kg: more than the 12 nodes (0, 20, ..., 220), so read between nodes; at
    # 110 kg (the kink, between nodes 100 and 120) that is (670 + 705) / 2 = 687.5 J, not 670
    assert MASS_STEP == 20.0
    masses = np.linspace(0.0, 220.0, 23)
    got = cycle_energy(ALPHA, BETA, SPEED, DT, masses, OLD)
    assert got[11] == pytest.approx(687.5)
    assert got[10] == pytest.approx(670.0) and got[12] == pytest.approx(285 + 3.5 * 120)
    # at the nodes and on the straight parts it is exact
    for i in (0, 2, 4, 14, 22):
        assert got[i] == pytest.approx(by_hand(masses[i]))


def test_cycle_energy_of_one_mass_repeated_and_of_diverged_masses():
    assert list(cycle_energy(ALPHA, BETA, SPEED, DT, np.full(20, 150.0), OLD)) == pytest.approx([810.0] * 20)
    got = cycle_energy(ALPHA, BETA, SPEED, DT, np.array([math.nan, 150.0, math.inf]), OLD)
    assert math.isnan(got[0]) and got[1] == pytest.approx(810.0) and math.isnan(got[2])
    assert cycle_energy(ALPHA, BETA, SPEED, DT, np.array([]), OLD).size == 0


def test_a_drive_below_one_watt_reads_the_map_at_its_own_load():
    # a 1 W motor driving 0.5 W: half load, 90 % (not the map at full load)
    tiny = Powertrain(rated_power=1.0, motor_map=MAP, transmission_efficiency=1.0, battery_efficiency=1.0,
                      aux_power=0.0)
    assert tiny.battery_power(np.array([0.5, 0.25]), np.array([1.0, 1.0])) == pytest.approx([0.5 / 0.9, 0.25 / 0.85])


def test_cycle_energy_nodes_start_at_the_lightest_mass():
    # 100..320 kg: nodes 100, 120, ..., 320; 110 kg lies midway between 100 (670 J) and 120 (705 J)
    masses = np.linspace(100.0, 320.0, 23)
    got = cycle_energy(ALPHA, BETA, SPEED, DT, masses, OLD)
    assert got[1] == pytest.approx(687.5) and got[0] == pytest.approx(670.0)


def test_cycle_energy_uses_at_most_4097_nodes():
    # 0..102400 kg needs 5121 nodes 20 kg apart: capped at 4097, 25 kg apart; 110 kg lies between the
    # nodes 100 (670 J) and 125 (285 + 3.5 x 125 = 722.5 J): 670 + 52.5 x 10 / 25 = 691 J
    masses = np.concatenate([[110.0], np.linspace(0.0, 102400.0, 4200)])
    assert cycle_energy(ALPHA, BETA, SPEED, DT, masses, OLD)[0] == pytest.approx(691.0, rel=1e-9)


def test_cycle_energy_of_integer_masses_is_not_truncated():
    # 151 kg: 285 + 3.5 x 151 = 813.5 J, whether masses come as integers or floats
    assert cycle_energy_exact(ALPHA, BETA, SPEED, DT, np.array([151]), OLD)[0] == 813.5
    assert list(cycle_energy(ALPHA, BETA, SPEED, DT, np.full(20, 151), OLD)) == [813.5] * 20


def test_as_many_masses_as_nodes_are_summed_exactly():
    # 12 masses over 0..220 kg need 12 nodes: each is summed exactly, 670 J at 110 kg (not 687.5)
    masses = np.array([0.0, 110.0, 15.0, 35.0, 55.0, 75.0, 95.0, 135.0, 155.0, 175.0, 195.0, 220.0])
    got = cycle_energy(ALPHA, BETA, SPEED, DT, masses, OLD)
    assert list(got) == pytest.approx([by_hand(m) for m in masses], rel=1e-12)
