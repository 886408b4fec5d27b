"""Pins on ranges, trade-offs and the same-range solve, against closed forms worked out by hand.

A vehicle with a measured consumption that is linear in mass, ``c(M) = c0 + s (M - M0) / 100 kg``,
makes the same-range fixed point solvable on paper: with ``k = rho f_mass f_usable`` (usable J per kg
of pack) and ``M = m_glider + m_pack + payload``, ``R = m k / c(M)`` gives
``m = R (c0 + s (m_glider + payload - M0) / 100) / (k - R s / 100)``.
Each test checks that a given pack energy, the user's pack options and the cycle reach the answer.
"""

from __future__ import annotations

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.cells import figures_of
from batcalc.physics.pack import PackOptions
from batcalc.physics.tradeoff import (
    cycle_label,
    default_cycle,
    range_of,
    reference_pack_energy,
    reference_pack_mass,
    sensitivities,
    solve_pack_mass_for_range,
    sweep_pack_mass,
    sweep_range,
    tradeoff,
)
from batcalc.physics.vehicle import Vehicle, load_vehicle, road_load_of
from batcalc.spec.model import parse_spec

WH = 3600.0
KWH = 3.6e6

C0 = 150 * 3.6          # 150 Wh/km in J/m
S = 4 * 3.6             # 4 Wh/km per 100 kg
M0 = 1800.0             # kg, the mass the figure was measured at
GLIDER, PAYLOAD, GROSS = 1300.0, 100.0, 2000.0


def c_of(total_mass: float) -> float:
    """The measured model by hand: c = c0 + s (M - M0) / 100, J/m."""
    return C0 + S * (total_mass - M0) / 100


def vehicle(extra: str = "") -> Vehicle:
    spec = parse_spec(f"kind: vehicle\nid: v\nname: V\nmass_without_battery: {GLIDER:g} kg\n"
                      f"payload: {PAYLOAD:g} kg\nmax_gross_mass: {GROSS:g} kg\n"
                      "measured_consumption: {value: 150 Wh/km, at_mass: 1800 kg, per_100kg: 4 Wh/km}\n" + extra)
    return Vehicle(spec, road_load_of(spec))


def cell(wh_kg: float, level: str = "cell"):
    return figures_of(parse_spec(f"kind: cell\nid: c{wh_kg:g}\nname: C\n"
                                 f"energy_density: {{level: {level}, gravimetric: {wh_kg:g} Wh/kg}}\n"))


def k_of(wh_kg: float, opts: PackOptions) -> float:
    return wh_kg * WH * opts.f_mass * opts.f_usable


def mass_for_range(R: float, wh_kg: float, opts: PackOptions) -> float:
    """The closed-form same-range pack mass, kg."""
    return R * c_of(GLIDER + PAYLOAD) / (k_of(wh_kg, opts) - R * S / 100)


OPTS = [PackOptions(), PackOptions(f_mass=0.85, f_usable=0.9)]


# --- range ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("opts", OPTS)
def test_range_of_pack_mass_hand_calc(opts):
    # 400 kg of 300 Wh/kg: E = 400 x 300 x f_mass Wh; M = 1300 + 400 + 100 = 1800 kg, c = 540 J/m
    r = range_of(cell(300), vehicle(), pack_mass=400.0, cycle=None, options=opts)
    assert r.total_mass == pytest.approx(1800.0)
    assert r.consumption == pytest.approx(C0)
    assert r.pack.energy == pytest.approx(400 * 300 * WH * opts.f_mass)
    assert r.range == pytest.approx(400 * k_of(300, opts) / C0)
    assert r.cycle is None and r.warnings == ()


@pytest.mark.parametrize("opts", OPTS)
def test_range_of_pack_energy_hand_calc(opts):
    # 60 kWh of 300 Wh/kg: m = 60 000 / (300 f_mass) kg; R = 60 kWh f_usable / c(M)
    r = range_of(cell(300), vehicle(), pack_energy=60 * KWH, cycle=None, options=opts)
    m = 60e3 / (300 * opts.f_mass)
    assert r.pack.energy == pytest.approx(60 * KWH)
    assert r.pack.mass == pytest.approx(m)
    assert r.range == pytest.approx(60 * KWH * opts.f_usable / c_of(GLIDER + m + PAYLOAD))


def test_range_of_refuses_mass_and_energy_together():
    with pytest.raises(BatcalcError, match="not both"):
        range_of(cell(300), vehicle(), pack_mass=400.0, pack_energy=60 * KWH, cycle=None)


def test_reference_pack_mass_or_energy_when_none_is_given():
    opts = PackOptions(f_mass=0.8)
    with_mass = vehicle("reference_pack: {energy: 60 kWh, mass: 450 kg}\n")
    assert reference_pack_mass(with_mass, cell(300), opts) == pytest.approx(450.0)
    assert range_of(cell(300), with_mass, cycle=None).pack.mass == pytest.approx(450.0)
    # energy only: 60 000 Wh / (300 x 0.8) = 250 kg
    energy_only = vehicle("reference_pack: {energy: 60 kWh}\n")
    assert reference_pack_mass(energy_only, cell(300), opts) == pytest.approx(250.0)
    assert range_of(cell(300), energy_only, cycle=None, options=opts).pack.mass == pytest.approx(250.0)
    assert reference_pack_energy(energy_only) == pytest.approx(60 * KWH)
    with pytest.raises(BatcalcError, match="no reference pack"):
        reference_pack_mass(vehicle(), cell(300), opts)
    with pytest.raises(BatcalcError, match="no reference pack"):
        reference_pack_energy(vehicle())


def test_range_warnings_above_gross_mass_and_pack_heavier_than_vehicle():
    v = vehicle()
    assert range_of(cell(300), v, pack_mass=600.0, cycle=None).warnings == ()          # 2000 kg: at the limit
    over = range_of(cell(300), v, pack_mass=601.0, cycle=None).warnings
    assert len(over) == 1 and "above v's max gross mass 2000 kg" in over[0]
    heavy = range_of(cell(300), v, pack_mass=1301.0, cycle=None).warnings
    assert any("outweighs the rest of the vehicle (1300 kg)" in w for w in heavy)
    assert not any("outweighs" in w for w in range_of(cell(300), v, pack_mass=1300.0, cycle=None).warnings)


def test_payload_capacity_and_sensitivities():
    t = tradeoff(cell(300), cell(350), vehicle(), "mass", pack_mass=400.0, cycle=None)
    # 2000 - 1300 - 400 = 300 kg
    assert t.payload_capacity(t.a) == pytest.approx(300.0)
    s = sensitivities(t.a)
    assert s["range_per_density"] == pytest.approx(t.a.range / (300 * WH))
    assert s["consumption_per_100kg"] == pytest.approx(S)        # the model is linear: exactly s


def test_default_cycle_and_label():
    assert default_cycle(vehicle()) is None
    assert cycle_label(vehicle(), None) == "measured consumption (cycle not stated)"
    assert default_cycle(load_vehicle("mid-sedan")) == "wltp"
    assert default_cycle(load_vehicle("heavy-truck")) == "80 km/h"
    assert cycle_label(load_vehicle("mid-sedan"), "udds") == "EPA UDDS (udds)"
    assert cycle_label(load_vehicle("mid-sedan"), "90 km/h") == "constant 90 km/h"


# --- trade-offs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("opts", OPTS)
def test_hold_mass_with_a_given_pack_energy(opts):
    # a: 60 kWh of 300 Wh/kg, m = 60 000 / (300 f_mass); b: the same mass of 350 Wh/kg cells
    t = tradeoff(cell(300), cell(350), vehicle(), "mass", pack_energy=60 * KWH, cycle=None, options=opts)
    m = 60e3 / (300 * opts.f_mass)
    assert t.a.pack.energy == pytest.approx(60 * KWH)
    assert t.a.pack.mass == pytest.approx(m) and t.b.pack.mass == pytest.approx(m)
    assert t.b.pack.energy == pytest.approx(m * 350 * WH * opts.f_mass)
    assert t.b.range == pytest.approx(m * k_of(350, opts) / c_of(GLIDER + m + PAYLOAD))
    assert t.mass_saved == 0 and t.energy_ratio == pytest.approx(350 / 300)


@pytest.mark.parametrize("opts", OPTS)
def test_hold_energy_with_a_given_pack_mass(opts):
    # a: 400 kg of 300 Wh/kg = 120 f_mass kWh; b: the same energy of 350 Wh/kg cells weighs 400 x 300/350
    t = tradeoff(cell(300), cell(350), vehicle(), "energy", pack_mass=400.0, cycle=None, options=opts)
    assert t.a.pack.mass == pytest.approx(400.0)
    assert t.b.pack.energy == pytest.approx(400 * 300 * WH * opts.f_mass)
    assert t.b.pack.mass == pytest.approx(400 * 300 / 350)
    assert t.mass_saved == pytest.approx(400 - 400 * 300 / 350)
    assert t.b.range == pytest.approx(400 * k_of(300, opts) / c_of(GLIDER + 400 * 300 / 350 + PAYLOAD))


@pytest.mark.parametrize("opts", OPTS)
def test_same_range_solve_hand_calc(opts):
    for wh_kg, R in ((300, 400e3), (350, 400e3), (300, 250e3)):
        m, iterations = solve_pack_mass_for_range(cell(wh_kg), vehicle(), R, None, opts)
        assert m == pytest.approx(mass_for_range(R, wh_kg, opts), rel=1e-7)
        assert 1 <= iterations < 50
    # a start point does not change the answer
    m, _ = solve_pack_mass_for_range(cell(300), vehicle(), 400e3, None, opts, start=1000.0)
    assert m == pytest.approx(mass_for_range(400e3, 300, opts), rel=1e-7)


def test_same_range_solve_on_a_pack_level_spec_uses_no_f_mass():
    # pack level 200 Wh/kg: k = 200 Wh/kg x 0.93, no f_mass
    m, _ = solve_pack_mass_for_range(cell(200, "pack"), vehicle(), 300e3, None)
    k = 200 * WH * 0.93
    assert m == pytest.approx(300e3 * c_of(GLIDER + PAYLOAD) / (k - 300e3 * S / 100), rel=1e-7)


def test_same_range_solve_refuses_a_range_the_pack_cannot_carry():
    # 100 Wh/kg cells: k = 65 100 J/kg, below R s / 100 = 72 000 for 5000 km: no pack mass is enough
    with pytest.raises(BatcalcError, match="does not converge"):
        solve_pack_mass_for_range(cell(100), vehicle(), 5000e3, None)


@pytest.mark.parametrize("opts", OPTS)
def test_hold_range_with_target_hand_calc(opts):
    # a's own pack (400 kg) is resized to the target first
    t = tradeoff(cell(300), cell(350), vehicle(), "range", pack_mass=400.0, target_range=400e3, cycle=None,
                 options=opts)
    assert t.a.pack.mass == pytest.approx(mass_for_range(400e3, 300, opts), rel=1e-7)
    assert t.b.pack.mass == pytest.approx(mass_for_range(400e3, 350, opts), rel=1e-7)
    assert t.a.range == pytest.approx(400e3, rel=1e-7) and t.b.range == pytest.approx(400e3, rel=1e-7)
    assert t.a.pack.options == opts and t.b.pack.options == opts
    assert 1 <= t.iterations < 50


@pytest.mark.parametrize("opts", OPTS)
def test_hold_range_with_target_resizes_a_given_pack_energy_too(opts):
    # a's 60 kWh pack is resized to the target first, as a given pack mass is
    t = tradeoff(cell(300), cell(350), vehicle(), "range", pack_energy=60 * KWH, target_range=400e3, cycle=None,
                 options=opts)
    assert t.a.pack.mass == pytest.approx(mass_for_range(400e3, 300, opts), rel=1e-7)
    assert t.b.pack.mass == pytest.approx(mass_for_range(400e3, 350, opts), rel=1e-7)
    assert t.a.range == pytest.approx(400e3, rel=1e-7) and t.b.range == pytest.approx(400e3, rel=1e-7)


@pytest.mark.parametrize("opts", OPTS)
def test_hold_range_of_a_given_pack_energy(opts):
    # a: 60 kWh of 300 Wh/kg, its range R_a; b: the pack of 350 Wh/kg cells that reaches R_a
    t = tradeoff(cell(300), cell(350), vehicle(), "range", pack_energy=60 * KWH, cycle=None, options=opts)
    m_a = 60e3 / (300 * opts.f_mass)
    R_a = 60 * KWH * opts.f_usable / c_of(GLIDER + m_a + PAYLOAD)
    assert t.a.pack.energy == pytest.approx(60 * KWH)
    assert t.a.range == pytest.approx(R_a)
    assert t.b.pack.mass == pytest.approx(mass_for_range(R_a, 350, opts), rel=1e-7)
    assert t.no_feedback_mass == pytest.approx(m_a * 300 / 350)      # same energy, no weight feedback


@pytest.mark.parametrize("hold", ["mass", "energy", "range"])
def test_tradeoff_runs_on_the_cycle_asked_for(hold):
    v = load_vehicle("mid-sedan")
    a, b = cell(300), cell(350)
    for cycle in ("udds", "hwfet"):
        t = tradeoff(a, b, v, hold, pack_mass=400.0, cycle=cycle)
        model = v.consumption_model(cycle)
        for r in (t.a, t.b):
            assert r.cycle == cycle
            assert r.consumption == pytest.approx(float(model(r.total_mass)))
    # the default cycle of a car is the WLTC
    t = tradeoff(a, b, v, hold, pack_mass=400.0)
    assert t.a.cycle == t.b.cycle == "wltp"


def test_tradeoff_refuses_an_unknown_hold():
    with pytest.raises(BatcalcError, match="^hold must be mass, energy or range, got .volume.$"):
        tradeoff(cell(300), cell(350), vehicle(), "volume", cycle=None)


# --- sweeps ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("opts", OPTS)
def test_sweep_range_hand_calc(opts):
    import numpy as np

    rho = np.array([250.0, 300.0]) * WH
    masses = np.array([200.0, 400.0, 600.0])
    grid = sweep_range(vehicle(), rho, masses, None, opts)
    for i, wh_kg in enumerate((250, 300)):
        for j, m in enumerate(masses):
            assert grid[i, j] == pytest.approx(m * k_of(wh_kg, opts) / c_of(GLIDER + m + PAYLOAD))


@pytest.mark.filterwarnings("ignore:All-NaN slice")
@pytest.mark.parametrize("opts", OPTS)
def test_sweep_pack_mass_hand_calc(opts):
    import numpy as np

    grid = sweep_pack_mass(vehicle(), np.array([300.0, 350.0]) * WH, np.array([250e3, 400e3]), None, opts)
    for i, wh_kg in enumerate((300, 350)):
        for j, R in enumerate((250e3, 400e3)):
            assert grid[i, j] == pytest.approx(mass_for_range(R, wh_kg, opts), rel=1e-7)
    # beyond reach: NaN, not a number that looks like an answer
    far = sweep_pack_mass(vehicle(), np.array([100.0 * WH]), np.array([5000e3]), None)
    assert np.isnan(far[0, 0])


def test_results_are_immutable():
    import dataclasses

    t = tradeoff(cell(300), cell(350), vehicle(), "mass", pack_mass=400.0, cycle=None)
    for obj, name in ((t, "hold"), (t.a, "range")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, 0.5)


def test_range_of_picks_the_default_cycle():
    assert range_of(cell(300), load_vehicle("mid-sedan"), pack_mass=400.0).cycle == "wltp"
    assert range_of(cell(300), vehicle(), pack_mass=400.0).cycle is None
    assert range_of(cell(300), load_vehicle("mid-sedan"), pack_mass=400.0, cycle="udds").cycle == "udds"


def test_cycle_label_of_a_measured_vehicle_run_on_a_cycle():
    stated = vehicle().spec.model_copy(update={"measured_consumption": vehicle().spec.measured_consumption.model_copy(
        update={"cycle": "WLTP"})})
    assert cycle_label(Vehicle(stated, road_load_of(stated)), None) == "measured consumption (WLTP)"
    assert cycle_label(vehicle(), "udds") == "EPA UDDS (udds)"


def test_assumptions_list_what_the_range_rests_on():
    measured = range_of(cell(300), vehicle(), pack_mass=400.0, cycle=None).assumptions
    assert measured[0] == "cycle: measured consumption (cycle not stated)"
    assert not any("motor-and-inverter efficiency" in a for a in measured)          # no road-load model used
    assert any(a.startswith("cell-to-pack mass fraction 0.70") for a in measured)
    assert measured[-1] == "vehicle v: 1300 kg without battery + payload 100 kg"
    modelled = range_of(cell(300), load_vehicle("mid-sedan"), pack_mass=400.0, cycle="udds").assumptions
    assert modelled[0] == "cycle: EPA UDDS (udds)"
    assert any("motor-and-inverter efficiency" in a for a in modelled)
    pack_level = range_of(cell(200, "pack"), vehicle(), pack_mass=400.0, cycle=None).assumptions
    assert any("pack level" in a for a in pack_level)


def test_a_vehicle_with_both_models_run_on_a_cycle_states_its_road_load():
    both = vehicle("drag_coefficient: 0.25\nfrontal_area: 2.4 m^2\nrolling_resistance: 0.008\n")
    on_cycle = range_of(cell(300), both, pack_mass=400.0, cycle="udds")
    assert on_cycle.assumptions[0] == "cycle: EPA UDDS (udds)"
    assert any("motor-and-inverter efficiency" in a for a in on_cycle.assumptions)
    measured = range_of(cell(300), both, pack_mass=400.0, cycle=None)
    assert measured.consumption == pytest.approx(C0)                     # 1800 kg: the measured figure
    assert not any("motor-and-inverter efficiency" in a for a in measured.assumptions)


def test_iterations_count_the_passes():
    # started at the answer, the first pass confirms it: one iteration
    exact = mass_for_range(400e3, 300, PackOptions())
    m, iterations = solve_pack_mass_for_range(cell(300), vehicle(), 400e3, None, start=exact)
    assert m == pytest.approx(exact) and iterations == 1


@pytest.mark.parametrize("opts", OPTS)
def test_a_secant_pass_lands_on_the_root_of_a_linear_model(opts):
    # with the linear model g(m) = R c(M(m)) / k is linear in m, so the secant through any two of its
    # points is the root: a solve from g(0) (the point (0, g(0)) known) settles on its second pass; one
    # from a given start alone on its third (a plain step, the secant step, the pass that confirms it);
    # one from a given start with a known point on its second; a solve without a start begins at the
    # root of the model's chord, which for a linear model is the root itself: its first pass confirms
    # it, and so does b's in a trade-off; each at the root found by hand
    from batcalc.physics.tradeoff import same_range_pack_mass

    v, by_hand = vehicle(), mass_for_range(400e3, 300, opts)
    k = 400e3 / k_of(300, opts)
    model = v.consumption_model(None)
    m, iterations = same_range_pack_mass(v, model, k)
    assert iterations == 2 and float(m) == pytest.approx(by_hand, rel=1e-12)
    m, iterations = same_range_pack_mass(v, model, k, start=by_hand + 50)
    assert iterations == 3 and float(m) == pytest.approx(by_hand, rel=1e-12)
    m, iterations = same_range_pack_mass(v, model, k, start=by_hand + 50, through=(0.0, c_of(GLIDER + PAYLOAD)))
    assert iterations == 2 and float(m) == pytest.approx(by_hand, rel=1e-12)
    m, iterations = solve_pack_mass_for_range(cell(300), v, 400e3, None, opts)
    assert iterations == 1 and m == pytest.approx(by_hand, rel=1e-12)
    t = tradeoff(cell(300), cell(350), v, "range", pack_mass=400.0, cycle=None, options=opts)
    assert t.iterations == 1 and t.no_feedback_mass == pytest.approx(400.0 * 300 / 350)
    m, iterations = solve_pack_mass_for_range(cell(350), v, t.a.range, None, opts, start=t.no_feedback_mass)
    assert iterations == 3 and m == pytest.approx(t.b.pack.mass, rel=1e-12)
    assert t.b.pack.mass == pytest.approx(mass_for_range(t.a.range, 350, opts), rel=1e-12)
    from batcalc.report.reports import explain_tradeoff, tradeoff_report

    notes = tradeoff_report(t, "metric")[2]
    assert any("mass feedback (1 iteration); " in n for n in notes)
    assert any(line.endswith("after 1 iteration") for line in explain_tradeoff(t, "metric"))
    # holding mass or energy runs no iteration
    assert tradeoff(cell(300), cell(350), v, "mass", pack_mass=400.0, cycle=None).iterations == 0
    assert tradeoff(cell(300), cell(350), v, "energy", pack_mass=400.0, cycle=None).iterations == 0


def plain_fixed_point(vehicle: Vehicle, cycle: str, k: float) -> tuple[float, int]:
    """The reference: ``m <- k c(M(m))`` from 0 until a step moves m by less than 1e-9 kg (a contraction
    with ratio ~0.1, so within ~1e-10 kg of the fixed point), and the steps it took."""
    model = vehicle.consumption_model(cycle)
    m, steps = 0.0, 0
    while True:
        nxt = k * model(vehicle.total_mass(m))
        steps += 1
        if abs(nxt - m) < 1e-9:
            return nxt, steps
        m = nxt


@pytest.mark.parametrize("name,cycle", [("mid-sedan", "wltp"), ("large-suv", "udds"), ("compact-car", "hwfet"),
                                        ("light-truck", "100 km/h")])
def test_the_secant_solve_finds_the_plain_fixed_point_in_fewer_passes(name, cycle):
    from batcalc.physics.tradeoff import same_range_pack_mass

    v = load_vehicle(name)
    for k in (0.3, 0.8, 1.5):                     # kg per J/m: packs of ~150 to ~1000 kg
        reference, plain_steps = plain_fixed_point(v, cycle, k)
        mass, passes = same_range_pack_mass(v, v.consumption_model(cycle), k)
        assert float(mass) == pytest.approx(reference, abs=1e-6)
        assert passes <= 5 < plain_steps


def test_pack_mass_for_an_energy_and_how_it_was_found():
    """60 kWh of a 300 Wh/kg cell at f_mass 0.8: 60 000 Wh / 240 Wh/kg = 250 kg; of a 150 Wh/kg pack-level
    figure, f_mass left out: 400 kg; a cell without a gravimetric density: the vehicle's reference pack
    mass, else left out (0 kg)."""
    from batcalc.physics.tradeoff import pack_mass_for_energy

    opts = PackOptions(f_mass=0.8)
    mass, how = pack_mass_for_energy(vehicle(), cell(300), 60 * KWH, opts)
    assert mass == pytest.approx(250.0) and how == "c300 pack at 0.80 cell-to-pack mass fraction"
    mass, how = pack_mass_for_energy(vehicle(), cell(150, "pack"), 60 * KWH, opts)
    assert mass == pytest.approx(400.0) and how == "c150 pack at its pack-level density"
    bare = figures_of(parse_spec("kind: cell\nid: bare\nname: B\n"))
    mass, how = pack_mass_for_energy(vehicle(), bare, 60 * KWH, opts)
    assert (mass, how) == (0.0, "pack mass unknown, left out")
    ref = vehicle("reference_pack: {mass: 450 kg, energy: 75 kWh}\n")
    assert pack_mass_for_energy(ref, bare, 60 * KWH, opts) == (450.0, "v's reference pack mass")


def test_same_range_pack_mass_from_a_given_start_on_an_array():
    """``m = k c(m_glider + m + payload)`` for two k at once, started from a given mass: the linear model's
    closed form ``m = k (c0 + s (m_glider + payload - M0) / 100) / (1 - k s / 100)``."""
    import numpy as np

    from batcalc.physics.tradeoff import same_range_pack_mass

    v = vehicle()
    ks = np.array([[0.5], [0.8]])                       # kg per J/m, a (2, 1) array
    m, passes_taken = same_range_pack_mass(v, v.consumption_model(None), ks, start=300.0)
    by_hand = ks * c_of(GLIDER + PAYLOAD) / (1 - ks * S / 100)
    assert m.shape == (2, 1) and passes_taken > 1
    assert m == pytest.approx(by_hand, rel=1e-8)


def test_a_sweep_grid_beyond_the_magnitude_limit_is_refused_and_one_within_it_is_not():
    """sweep_range checks its grid from its factors: max|rho| max|m / c| bounds every point. A density
    of 1e18 J/kg (x f_mass f_usable = 6.5e17) in a 4000 kg pack: R = 6.5e17 x 4000 / c(M) = 2.5e18 m,
    above 1e18 m while each factor is below it; 1e15 J/kg stays within."""
    import numpy as np

    opts = PackOptions(f_mass=0.7, f_usable=0.93)
    masses = np.array([400.0, 4000.0])
    m_over_c = 4000.0 / c_of(GLIDER + 4000.0 + PAYLOAD)
    by_hand = 1e18 * 0.7 * 0.93 * m_over_c
    assert by_hand > 1e18 and 1e18 * 0.7 * 0.93 < 1e18 and m_over_c < 1e18
    with pytest.raises(BatcalcError, match=r"a range in v comes out at 2\.46e\+18 m: beyond 1e\+18 m"):
        sweep_range(vehicle(), np.array([1e15, 1e18]), masses, None, opts)
    grid = sweep_range(vehicle(), np.array([1e15]), masses, None, opts)
    assert grid[0, 1] == pytest.approx(by_hand / 1e3, rel=1e-12)


class _Convex:
    """A consumption (J/m) that bends up hard with the pack's mass m = M - 1400 kg: 5 + 0.05 m up to
    100 kg, 10 + 0.9 (m - 100) above (float or array)."""

    def __call__(self, total):
        import numpy as np

        m = np.asarray(total, dtype=float) - (GLIDER + PAYLOAD)
        c = np.where(m <= 100.0, 5.0 + 0.05 * m, 10.0 + 0.9 * (m - 100.0))
        return float(c) if c.ndim == 0 else c


def test_a_secant_step_below_zero_is_replaced_by_the_plain_step():
    """k = 1 kg per J/m from a start of 200 kg: pass 1 steps to g(200) = 100; pass 2's secant through
    (200, -100) and (100, -90) lands at 100 - 90 / 0.1 = -800 kg, so it takes the plain step to
    g(100) = 10; pass 3's secant through (100, -90) and (10, -4.5) is the root of the straight part,
    5 / 0.95 = 5.263 kg; pass 4 confirms it. Both paths, step for step."""
    import numpy as np

    from batcalc.physics.tradeoff import same_range_pack_mass

    for k, start in ((1.0, 200.0), (np.array([1.0]), np.array([200.0]))):
        mass, passes = same_range_pack_mass(vehicle(), _Convex(), k, start=start)
        assert float(np.ravel(mass)[0]) == pytest.approx(5 / 0.95, rel=1e-12) and passes == 4


class _TwoRoots:
    """g(m) = 5 + 0.05 m + 0.001 m^2 kg at k = 1 kg per J/m, with m = M - 1400 kg the pack's mass (float
    or array): two fixed points, the lighter one attracting, the heavier one (944.7 kg) repelling."""

    def __call__(self, total):
        import numpy as np

        m = np.asarray(total, dtype=float) - (GLIDER + PAYLOAD)
        c = 5.0 + 0.05 * m + 0.001 * m ** 2
        return float(c) if c.ndim == 0 else c


def test_between_two_fixed_points_the_solve_finds_the_lighter_pack():
    """From 900 kg, between the roots of m = 5 + 0.05 m + 0.001 m^2, (0.95 -+ sqrt(0.95^2 - 0.02)) / 0.002
    = 5.294 and 944.7 kg: the secant through the first passes (900, -40) and (860, -72.4) has a positive
    slope (g' > 1 there), which the solve does not follow (it would lead to the heavier root); plain
    steps take it down to the lighter pack, where secant steps finish."""
    import numpy as np

    from batcalc.physics.tradeoff import same_range_pack_mass

    lighter = (0.95 - (0.95 ** 2 - 4 * 0.001 * 5) ** 0.5) / 0.002
    for k, start in ((1.0, 900.0), (np.array([1.0]), np.array([900.0]))):
        mass, _ = same_range_pack_mass(vehicle(), _TwoRoots(), k, start=start)
        assert float(np.ravel(mass)[0]) == pytest.approx(lighter, rel=1e-9)


def test_the_chord_start_is_the_root_of_the_parabola_through_three_points():
    """_TwoRoots is a parabola, so the one through the model's points at 0, 350 and 700 kg of pack (the
    chord spans half of the 1400 kg without a pack) is the model itself, and the start is the lighter
    fixed point found by hand, (0.95 - sqrt(0.95^2 - 0.02)) / 0.002 = 5.294 kg, with the nearest point
    (0 kg, c = 5 J/m) as the secant's partner; a solve from there confirms it on its first pass. A model
    too steep for any pack (k s > 1 everywhere: m = 5 + 1.5 m has no root above 0) has no chord start,
    nor has a vehicle whose chord would pass the 1e6 kg limit."""
    import numpy as np

    from batcalc.physics.tradeoff import _chord_start, chord, same_range_pack_mass

    lighter = (0.95 - (0.95 ** 2 - 4 * 0.001 * 5) ** 0.5) / 0.002
    assert chord(vehicle(), _TwoRoots()) == (700.0, 5.0, 5.0 + 0.05 * 350 + 0.001 * 350 ** 2,
                                             5.0 + 0.05 * 700 + 0.001 * 700 ** 2)
    start, through = _chord_start(vehicle(), _TwoRoots(), 1.0)
    assert start == pytest.approx(lighter, rel=1e-12) and through == (0.0, 5.0)
    mass, passes = same_range_pack_mass(vehicle(), _TwoRoots(), 1.0, start=start, through=through)
    assert passes == 1 and float(mass) == pytest.approx(lighter, rel=1e-12)

    class _Steep:
        def __call__(self, total):
            return 5.0 + 1.5 * (np.asarray(total, dtype=float) - (GLIDER + PAYLOAD))

    assert _chord_start(vehicle(), _Steep(), 1.0) is None
    heavy = vehicle().with_extra_mass(7e5 - PAYLOAD - GLIDER)       # 700 t: + 350 t passes 1e6 kg
    assert heavy.total_mass(0.0) == 7e5 and chord(heavy, _TwoRoots()) is None
    assert chord(vehicle().with_extra_mass(6e5 - PAYLOAD - GLIDER), _TwoRoots()) is not None   # 900 t


def test_a_chord_root_too_far_out_is_not_taken_and_a_start_that_loses_the_solution_falls_back(monkeypatch):
    """A parabola trusted only up to CHORD_REACH = 2 spans (1400 kg of pack here): for the line
    m = 2 + 0.999 m the root, 2000 kg, is beyond it (no chord start), and for m = 1.45 + 0.999 m, 1450 kg,
    just beyond; for m = 1 + 0.999 m it is 1000 kg, within. And a chord start past the heavier,
    repelling fixed point of _TwoRoots (1000 kg > 944.7 kg) runs away, so the solve starts again from
    g(0) and finds the lighter pack, 5.294 kg, counting the passes of both."""
    import numpy as np

    import batcalc.physics.tradeoff as tr
    from batcalc.physics.tradeoff import _chord_start

    class _Line:
        def __init__(self, c0):
            self.c0 = c0

        def __call__(self, total):
            return self.c0 + 0.999 * (np.asarray(total, dtype=float) - (GLIDER + PAYLOAD))

    assert _chord_start(vehicle(), _Line(2.0), 1.0) is None
    assert _chord_start(vehicle(), _Line(1.45), 1.0) is None                # 1450 kg: just beyond
    assert _chord_start(vehicle(), _Line(1.0), 1.0)[0] == pytest.approx(1000.0, rel=1e-9)
    lighter = (0.95 - (0.95 ** 2 - 4 * 0.001 * 5) ** 0.5) / 0.002
    monkeypatch.setattr(Vehicle, "consumption_model", lambda self, cycle: _TwoRoots())
    c = cell(300)
    k = 1.0                                             # kg per J/m: R = k rho_pack f_usable
    R = k * k_of(300, PackOptions())
    mass, passes = solve_pack_mass_for_range(c, vehicle(), R, None)
    assert mass == pytest.approx(lighter, rel=1e-9) and passes == 1        # from the chord: exact
    monkeypatch.setattr(tr, "_chord_start", lambda v, model, k: (1000.0, (0.0, 5.0)))
    lost, lost_passes = tr.same_range_pack_mass(vehicle(), _TwoRoots(), k, 1000.0, (0.0, 5.0))
    assert np.isnan(lost)
    mass, passes = solve_pack_mass_for_range(c, vehicle(), R, None)
    _, plain = tr.same_range_pack_mass(vehicle(), _TwoRoots(), k)
    assert mass == pytest.approx(lighter, abs=2e-6) and passes == lost_passes + plain          # to 1e-6 kg


def test_b_s_first_secant_goes_through_a_s_point_and_a_solve_s_through_its_chord_s_nearest(monkeypatch):
    """Which known point each solve's first secant step goes through (the answers agree to the
    tolerance either way; the passes differ): b's in a same-range trade-off through a's pack and
    consumption; a solve given no point through the chord's point nearest its start."""
    import batcalc.physics.tradeoff as tr

    seen = []
    solve = tr.same_range_pack_mass

    def spy(vehicle, model, k, start=None, through=None):
        seen.append((start, through))
        return solve(vehicle, model, k, start, through)

    monkeypatch.setattr(tr, "same_range_pack_mass", spy)
    v = load_vehicle("mid-sedan")
    t = tradeoff(cell(300), cell(350), v, "range", target_range=400e3, cycle="wltp")
    (start_a, through_a), (start_b, through_b) = seen
    chord_start_a = tr._chord_start(v, v.consumption_model("wltp"), 400e3 / k_of(300, PackOptions()))
    assert (start_a, through_a) == chord_start_a and through_a[0] in (0.0, 0.25 * v.total_mass(0.0),
                                                                      0.5 * v.total_mass(0.0))
    assert through_b == (t.a.pack.mass, t.a.consumption) and start_b == pytest.approx(t.b.pack.mass, abs=0.5)
    # without a chord start: a from g(0), b from the same-energy estimate, still through a's point
    seen.clear()
    monkeypatch.setattr(tr, "_chord_start", lambda vehicle, model, k: None)
    t = tradeoff(cell(300), cell(350), v, "range", target_range=400e3, cycle="wltp")
    assert seen == [(None, None), (t.no_feedback_mass, (t.a.pack.mass, t.a.consumption))]
    # a given pack resized for a target range: from the given pack's mass, as before the chord
    seen.clear()
    t = tradeoff(cell(300), cell(350), v, "range", pack_mass=400.0, target_range=400e3, cycle="wltp")
    assert seen[0] == (400.0, None) and seen[1][0] == t.no_feedback_mass


@pytest.mark.parametrize("opts", OPTS)
def test_a_target_range_needs_no_reference_pack(opts):
    """Holding a given range, both packs are sized for it: the vehicle needs no reference pack (this one
    has none), and each mass is the closed form of the linear model."""
    t = tradeoff(cell(300), cell(350), vehicle(), "range", target_range=400e3, cycle=None, options=opts)
    assert t.a.pack.mass == pytest.approx(mass_for_range(400e3, 300, opts), rel=1e-9)
    assert t.b.pack.mass == pytest.approx(mass_for_range(400e3, 350, opts), rel=1e-9)
    assert t.a.range == pytest.approx(400e3) and t.b.range == pytest.approx(400e3)
    with pytest.raises(BatcalcError, match="no reference pack"):       # without a range it is still asked for
        tradeoff(cell(300), cell(350), vehicle(), "range", cycle=None, options=opts)


def test_a_range_results_assumptions_in_imperial_units():
    """A range result states the vehicle's masses in the unit system asked for: 1300 kg without battery
    is 2866 lb and the 100 kg payload 220 lb (/ 0.45359237 kg per lb); metric keeps kg."""
    r = range_of(cell(300.0), vehicle(), pack_mass=400.0)
    assert r.assumptions_in("metric")[-1] == "vehicle v: 1300 kg without battery + payload 100 kg"
    assert r.assumptions_in("imperial")[-1] == \
        f"vehicle v: {1300 / 0.45359237:.0f} lb without battery + payload {100 / 0.45359237:.0f} lb"
