"""Benchmark: bands against the point result, each a whole command run in one process.

    python benchmarks/bands.py [--rounds 15]

Runs, alternately:

  range     batcalc range gac-aion-ssb-350 -v mid-sedan            vs the same with --bands
  tradeoff  batcalc tradeoff gac-aion-ssb-300 gac-aion-ssb-350 -v heavy-truck --hold range
                                                                   vs the same with --bands
            both in this process, through the console-script entry point (``batcalc.cli.main.main``,
            output to a throw-away buffer), the caches that hold results (per-vehicle consumptions)
            emptied before every run so each run computes everything it prints; spec files stay
            parsed (both sides alike);
  check     batcalc check seed-article                             vs the same with --bands
            each a whole command as a user runs it (a new process: ``python -m batcalc``); and, for
            the record, the two in this process as above.

Prints the median ratio (bands / point) of the rounds, wall and CPU. Goals (issue 15): range and
tradeoff bands <= 3 x the point result in process; check --bands on the seed article <= 1.5 x check.
The range command also simulates four ratings, which --bands does not; so, for the record, the
physics alone too: ``range_bands`` against one ``range_of`` of the same pack.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = {
    "range": (["range", "gac-aion-ssb-350", "-v", "mid-sedan"], 3.0, False),
    "tradeoff": (["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "heavy-truck", "--hold", "range"], 3.0,
                 False),
    "check": (["check", "seed-article"], 1.5, True),
    "check (in process, for the record)": (["check", "seed-article"], None, False),
}


def run_process(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (the child's) of ``python -m batcalc ARGS`` as a new process."""
    import os
    import subprocess

    before = os.times()
    w = time.perf_counter()
    subprocess.run([sys.executable, "-m", "batcalc", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False, cwd=ROOT)
    after = os.times()
    return time.perf_counter() - w, (after.children_user + after.children_system
                                     - before.children_user - before.children_system)


def run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one in-process run of ``batcalc ARGS`` with the result caches emptied."""
    from batcalc.cli.main import main
    from batcalc.physics import vehicle

    vehicle.clear_caches()
    out = io.StringIO()
    w, c = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(args)
        except SystemExit as exc:
            if exc.code not in (0, 1, None):
                raise RuntimeError(f"batcalc {' '.join(args)} exited {exc.code}") from None
    return time.perf_counter() - w, time.process_time() - c


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    failed = False
    for name, (args, goal, process) in CASES.items():
        timer = run_process if process else run
        timer(args)
        timer(args + ["--bands"])          # warm: modules imported, spec files parsed
        wall, cpu = [], []
        for k in range(rounds):
            order = [args, args + ["--bands"]] if k % 2 == 0 else [args + ["--bands"], args]
            t = {tuple(a): timer(a) for a in order}
            p, b = t[tuple(args)], t[tuple(args + ["--bands"])]
            wall.append(b[0] / p[0])
            cpu.append(b[1] / p[1])
        ratio = statistics.median(wall)
        ok = goal is None or ratio <= goal
        failed |= not ok
        verdict = "(no goal)" if goal is None else f"goal <= {goal:g}  {'met' if ok else 'MISSED'}"
        print(f"{name:9s} bands / point: {ratio:.2f} wall [{statistics.median(cpu):.2f} CPU]  {verdict}")
    print(f"range physics alone (for the record; the range command also prints four ratings, which --bands "
          f"does not): bands / one range {physics_ratio(rounds):.2f}")
    return 1 if failed else 0


def physics_ratio(rounds: int) -> float:
    """Median ratio of :func:`batcalc.physics.bands.range_bands` to one
    :func:`batcalc.physics.tradeoff.range_of` of the same cell, vehicle and pack, consumption caches
    emptied before each: the bands' own work against the same computation done once."""
    from batcalc.physics import vehicle
    from batcalc.physics.bands import range_bands
    from batcalc.physics.cells import load_cell
    from batcalc.physics.tradeoff import range_of
    from batcalc.spec.assumptions import plausible_ranges

    cell, v, ranges = load_cell("gac-aion-ssb-350"), vehicle.load_vehicle("mid-sedan"), plausible_ranges()

    def timed(fn) -> float:
        vehicle.clear_caches()
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    one, box = (lambda: range_of(cell, v, pack_mass=480.0)), (lambda: range_bands(cell, v, ranges, pack_mass=480.0))
    ratios = []
    for k in range(rounds):                    # alternate which side goes first
        if k % 2 == 0:
            a = timed(one)
            b = timed(box)
        else:
            b = timed(box)
            a = timed(one)
        ratios.append(b / a)
    return statistics.median(ratios)


if __name__ == "__main__":
    raise SystemExit(main())
