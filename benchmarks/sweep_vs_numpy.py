"""Benchmark: a 1,000,000-point range sweep through batcalc against the same physics in plain numpy.

    python benchmarks/sweep_vs_numpy.py [--repeat 5]

Case A, grid: 1000 cell densities x 1000 pack masses (mid-sedan, WLTC class 3b) -> range.
  batcalc: ``tradeoff.sweep_range`` (consumption model built from scratch each run).
  baseline: the road load written directly in numpy, steps x masses, then R = rho f m f_u / c.
Case B, overhead: the same grid with the consumption model already built (batcalc's cache warm),
  against numpy given the consumption per mass as a ready array: only R = rho f m f_u / c is timed
  on the baseline side, so the ratio is batcalc's own overhead on top of the bare formula.
Prints the best-of-N time of each and the ratio batcalc / baseline (goal <= 1.5).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from batcalc.physics.cycles import get_cycle
from batcalc.physics.pack import PackOptions
from batcalc.physics.tradeoff import sweep_range
from batcalc.physics.vehicle import _CACHE, RHO_AIR, G, load_vehicle


def direct_consumption(load, cycle, masses):
    """c(m) in J/m for an array of masses: the DESIGN.md road-load formula, steps x masses in numpy."""
    v0, v1 = cycle.speed[:-1], cycle.speed[1:]
    v = ((v0 + v1) / 2)[:, None]
    a = (v1 - v0)[:, None]
    m = masses[None, :]
    resist = np.where(v > 0, m * G * load.c_rr, 0.0) + 0.5 * RHO_AIR * load.cd_a * v ** 2
    power = (m * a * (1 + load.k_rot) + resist) * v
    batt = np.where(power > 0, power / load.eta, power * load.eta * load.k_regen)
    return (batt.sum(axis=0) + load.p_aux * len(v)) / v.sum()


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    vehicle = load_vehicle("mid-sedan")
    cycle = get_cycle("wltp")
    opts = PackOptions()
    dens = np.linspace(150, 500, 1000) * 3600.0          # J/kg
    masses = np.linspace(100, 900, 1000)                  # kg

    def batcalc_grid():
        _CACHE.clear()                                    # build the consumption model every run
        return sweep_range(vehicle, dens, masses, "wltp", opts)

    def numpy_grid():
        c = direct_consumption(vehicle.load, cycle, vehicle.total_mass(masses))
        return dens[:, None] * opts.f_mass * masses[None, :] * opts.f_usable / c[None, :]

    c_known = vehicle.consumption_model("wltp")(vehicle.total_mass(masses))

    def batcalc_warm():
        return sweep_range(vehicle, dens, masses, "wltp", opts)

    def numpy_formula():
        return dens[:, None] * opts.f_mass * masses[None, :] * opts.f_usable / c_known[None, :]

    for name, ours, base, repeat in (("A grid 1000 x 1000", batcalc_grid, numpy_grid, args.repeat),
                                     ("B overhead, consumption known", batcalc_warm, numpy_formula, args.repeat)):
        t_ours, r_ours = best(ours, repeat)
        t_base, r_base = best(base, repeat)
        err = float(np.max(np.abs(r_ours - r_base) / r_base))
        print(f"{name}: batcalc {t_ours * 1000:.1f} ms, numpy baseline {t_base * 1000:.1f} ms, "
              f"ratio {t_ours / t_base:.3f} (goal <= 1.5), max relative difference {err:.1e}")


if __name__ == "__main__":
    main()
