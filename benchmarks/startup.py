"""Benchmark: start-up time of batcalc commands against creating a pint registry, side by side.

    python benchmarks/startup.py [--runs 7]

Runs, interleaved in one invocation, each a fresh Python process:
  baseline   python -c "import pint; pint.UnitRegistry()"
  help       python -m batcalc --help
  compare    python -m batcalc compare gac-aion-ssb-300 gac-aion-ssb-350
  show       python -m batcalc show huineng-llcb
and prints the median wall time of each and its ratio to the baseline
(goals: compare <= 0.6, help <= 0.3). Run it with the Python of an environment where batcalc is
installed as the README says (`pip install .`: pip compiles the bytecode then; an editable install
with PYTHONDONTWRITEBYTECODE set recompiles batcalc's modules on every start).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = {
    "baseline": [sys.executable, "-c", "import pint; pint.UnitRegistry()"],
    "help": [sys.executable, "-m", "batcalc", "--help"],
    "compare": [sys.executable, "-m", "batcalc", "compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
    "show": [sys.executable, "-m", "batcalc", "show", "huineng-llcb"],
}
GOALS = {"help": 0.3, "compare": 0.6}


_CWD = tempfile.mkdtemp(prefix="batcalc-bench-")   # outside the checkout: import the installed package


def run_once(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=_CWD)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    for cmd in COMMANDS.values():          # warm the OS file cache (and batcalc's own caches)
        run_once(cmd)
    times: dict[str, list[float]] = {k: [] for k in COMMANDS}
    for _ in range(args.runs):
        for name, cmd in COMMANDS.items():
            times[name].append(run_once(cmd))
    base = statistics.median(times["baseline"])
    for name, ts in times.items():
        med = statistics.median(ts)
        goal = f" (goal <= {GOALS[name]})" if name in GOALS else ""
        print(f"{name:9s} median {med * 1000:7.1f} ms  ratio {med / base:.3f}{goal}")


if __name__ == "__main__":
    main()
