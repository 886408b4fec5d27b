"""Benchmark: 10^6-point sweeps through batcalc against the same algebra written directly in numpy.

    python benchmarks/sweep_vs_numpy.py [--rounds 9] [--size 1000] [--vehicle mid-sedan] [--cycle wltp]

Grid: 1000 cell densities x 1000 pack masses (or ranges), mid-size sedan on WLTC class 3b.

  A range      batcalc: ``tradeoff.sweep_range``, the consumption model built from scratch each run
               (as in a fresh ``batcalc sweep``). Baseline: the same steps in numpy -- per-step
               alpha_i, beta_i of P_i(m) = alpha_i m + beta_i, break points r_i = -beta_i / alpha_i
               sorted with cumulative sums, c(m) by binary search for the 1000 masses, then the one
               outer product R = (rho f_mass f_usable) x (m / c(m)).
  B range, model built   the same with batcalc's consumption model already built (cache warm) and
               the baseline given the sorted break points: the per-mass evaluation and the outer product.
  C pack mass  batcalc: ``tradeoff.sweep_pack_mass`` (1000 densities x 1000 ranges), the fixed point
               m = k c(m_total(m)) iterated on the whole grid (model built each run). Baseline: the
               same iteration in numpy, c evaluated on the 10^6-element array by the same binary search.
  D consumption  c(m) for 10^6 total masses (1 to 40 t), model built each run: batcalc's
               ``Vehicle.consumption_model(cycle)`` called on the array, against the same two steps
               in numpy (issue 11's goal, <= 1.5, kept when the algorithm changes).

The baseline is the algorithm batcalc uses, not another one: the same operations on the same arrays,
minus batcalc's Python layers (objects, calls, checks). Both give the same numbers (asserted before
timing). Every round times batcalc and the baseline back to back (each over as many calls as take
about 0.1 s), alternating which goes first; the ratio printed is the median over rounds of batcalc /
baseline of the same round (goal <= 1.5 for A, C and D; B is batcalc's overhead once the model exists).
The ratio of CPU times (``time.process_time``) is printed beside it: on a busy shared machine it
swings less than wall time.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

import numpy as np

from batcalc.physics import vehicle as vehicle_module
from batcalc.physics.cycles import get_cycle
from batcalc.physics.pack import PackOptions
from batcalc.physics.tradeoff import MAX_ITERATIONS, TOLERANCE_KG, sweep_pack_mass, sweep_range
from batcalc.physics.vehicle import RHO_AIR, G, load_vehicle

GOAL = 1.5


def break_points(load, cycle):
    """Consumption's set-up in plain numpy (same steps as ``vehicle.Consumption.__init__``): the
    sorted break points and cumulative sums of each group of steps, the flat steps' energy, the
    auxiliaries' energy and the distance."""
    v0, v1 = cycle.speed[:-1], cycle.speed[1:]
    dt = np.diff(cycle.time)
    v = (v0 + v1) / 2
    a = (v1 - v0) / dt
    moving = v > 0
    if load.coast_down:
        resist_m = np.zeros_like(v)
        resist_0 = np.where(moving, load.f0 + load.f1 * v + load.f2 * v ** 2, 0.0)
    else:
        resist_m = np.where(moving, G * load.c_rr, 0.0)
        resist_0 = 0.5 * RHO_AIR * load.cd_a * v ** 2
    alpha = (a * (1 + load.k_rot) + resist_m) * v * dt
    beta = resist_0 * v * dt
    up, down = 1.0 / load.eta, load.eta * load.k_regen
    groups = []
    for sel in (alpha > 0, alpha < 0):
        r = -beta[sel] / alpha[sel]
        order = np.argsort(r)
        groups.append((r[order], np.concatenate([[0.0], np.cumsum(alpha[sel][order])]),
                       np.concatenate([[0.0], np.cumsum(beta[sel][order])])))
    b = beta[alpha == 0]
    flat = float(np.sum(np.where(b > 0, b * up, b * down)))
    return groups, flat, load.p_aux * float(np.sum(dt)), float(np.sum(v * dt)), up, down


def consumption(model, m):
    """c(m), J/m, for an array of total masses (same steps as ``vehicle.Consumption.energy``)."""
    (r1, ca1, cb1), (r2, ca2, cb2) = model[0]
    flat, aux, distance, up, down = model[1:]
    total = flat + aux + np.zeros_like(m)
    k = np.searchsorted(r1, m, side="left")              # alpha > 0: power positive where r < m
    low_a, low_b = ca1[k], cb1[k]
    total = total + up * (m * low_a + low_b) + down * (m * (ca1[-1] - low_a) + (cb1[-1] - low_b))
    k = np.searchsorted(r2, m, side="left")              # alpha < 0: power positive where m < r
    low_a, low_b = ca2[k], cb2[k]
    total = total + down * (m * low_a + low_b) + up * (m * (ca2[-1] - low_a) + (cb2[-1] - low_b))
    return total / distance


def alternate(ours, base, rounds, inner=1):
    """(wall, CPU) times of ``inner`` calls of ``ours`` and of ``base`` over ``rounds`` rounds, back to
    back, alternating which goes first."""
    t_ours, t_base = [], []
    for r in range(rounds):
        for fn, into in (((ours, t_ours), (base, t_base)) if r % 2 == 0 else ((base, t_base), (ours, t_ours))):
            t, c = time.perf_counter(), time.process_time()
            for _ in range(inner):
                fn()
            into.append((time.perf_counter() - t, time.process_time() - c))
    return t_ours, t_base


def calls_per_timing(fn, at_least=0.1) -> int:
    """How many calls of ``fn`` take about ``at_least`` seconds: a few-millisecond sweep is timed over
    many calls, so the clock's and the machine's jitter stay small against it."""
    t = time.perf_counter()
    fn()
    return max(1, math.ceil(at_least / max(time.perf_counter() - t, 1e-6)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=9, help="rounds (default 9); the ratio is their median")
    ap.add_argument("--size", type=int, default=1000, help="points per axis (default 1000: a 10^6-point grid)")
    ap.add_argument("--vehicle", default="mid-sedan")
    ap.add_argument("--cycle", default="wltp")
    args = ap.parse_args()
    vehicle = load_vehicle(args.vehicle)
    cycle = get_cycle(args.cycle)
    opts = PackOptions()
    n = args.size
    dens = np.linspace(150, 500, n) * 3600.0              # J/kg
    masses = np.linspace(100, 900, n)                     # kg
    ranges = np.linspace(200, 1200, n) * 1000.0           # m
    fu = opts.f_mass * opts.f_usable
    built = break_points(vehicle.load, cycle)

    def cold():
        vehicle_module._CACHE.clear()                     # batcalc builds its consumption model again

    def batcalc_range():
        cold()
        return sweep_range(vehicle, dens, masses, args.cycle, opts)

    def numpy_range():
        model = break_points(vehicle.load, cycle)
        c = consumption(model, vehicle.glider_mass + masses + vehicle.payload)
        return np.multiply.outer(dens * fu, masses / c)

    def batcalc_range_warm():
        return sweep_range(vehicle, dens, masses, args.cycle, opts)

    def numpy_range_warm():
        c = consumption(built, vehicle.glider_mass + masses + vehicle.payload)
        return np.multiply.outer(dens * fu, masses / c)

    def batcalc_pack_mass():
        cold()
        return sweep_pack_mass(vehicle, dens, ranges, args.cycle, opts)

    def numpy_pack_mass():
        model = break_points(vehicle.load, cycle)
        k = ranges[None, :] / (dens[:, None] * opts.f_mass * opts.f_usable)
        m = k * consumption(model, np.asarray(vehicle.glider_mass + 0.0 + vehicle.payload))
        for _ in range(MAX_ITERATIONS):
            nxt = k * consumption(model, vehicle.glider_mass + m + vehicle.payload)
            done = np.nanmax(np.abs(nxt - m)) < TOLERANCE_KG
            m = np.where(nxt > 1e7, np.nan, nxt)
            if done:
                break
        return m

    many = np.linspace(1000, 40000, n * n)                # 10^6 total masses, kg

    def batcalc_consumption():
        cold()
        return vehicle.consumption_model(args.cycle)(many)

    def numpy_consumption():
        return consumption(break_points(vehicle.load, cycle), many)

    print(f"{n} x {n} grid, {args.vehicle} on {args.cycle}, {args.rounds} rounds, numpy {np.__version__}")
    for name, ours, base, goal in (("A range, model built each run", batcalc_range, numpy_range, GOAL),
                                   ("B range, model already built", batcalc_range_warm, numpy_range_warm, None),
                                   ("C pack mass (fixed point)", batcalc_pack_mass, numpy_pack_mass, GOAL),
                                   ("D consumption of 10^6 masses", batcalc_consumption, numpy_consumption, GOAL)):
        a, b = ours(), base()                              # the same work: the same numbers
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=0, equal_nan=True)
        assert a.size == n * n
        inner = calls_per_timing(base)
        t_ours, t_base = alternate(ours, base, args.rounds, inner)
        ratio = statistics.median(o[0] / x[0] for o, x in zip(t_ours, t_base, strict=True))
        cpu = statistics.median(o[1] / x[1] for o, x in zip(t_ours, t_base, strict=True))
        verdict = "" if goal is None else f" (goal <= {goal:g}){'' if ratio <= goal else '  NOT MET'}"
        print(f"  {name:31s} batcalc {statistics.median(o[0] for o in t_ours) / inner * 1000:7.1f} ms  numpy "
              f"{statistics.median(x[0] for x in t_base) / inner * 1000:7.1f} ms  ratio {ratio:.3f}{verdict}  "
              f"[CPU-time ratio {cpu:.3f}]")


if __name__ == "__main__":
    main()
