"""Benchmark: start-up time of batcalc commands against creating a pint registry, side by side.

    python benchmarks/startup.py [--runs 21]

Runs, interleaved in one invocation (in a new random order each round), each a fresh Python process:
  baseline   python -c "import pint; pint.UnitRegistry()"
  help       batcalc --help
  compare    batcalc compare gac-aion-ssb-300 gac-aion-ssb-350
  show       batcalc show huineng-llcb
(the console script next to this Python, else python -m batcalc)
and prints the median wall time of each and its ratio to the baseline: the median over rounds of
the command's time over the baseline's in the same round (goals: compare <= 0.6, help <= 0.3).
Run it with the Python of an environment where batcalc is installed as the README says
(`pip install .`: pip compiles the bytecode then; an editable install with PYTHONDONTWRITEBYTECODE
set recompiles batcalc's modules on every start).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _batcalc() -> list[str]:
    """The ``batcalc`` console script next to this Python (as users run it), else ``python -m batcalc``."""
    script = Path(sys.executable).with_name("batcalc.exe" if os.name == "nt" else "batcalc")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "batcalc"]


COMMANDS = {
    "baseline": [sys.executable, "-c", "import pint; pint.UnitRegistry()"],
    "help": _batcalc() + ["--help"],
    "compare": _batcalc() + ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
    "show": _batcalc() + ["show", "huineng-llcb"],
}
GOALS = {"help": 0.3, "compare": 0.6}


_CWD = tempfile.mkdtemp(prefix="batcalc-bench-")   # outside the checkout: import the installed package


def run_once(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=_CWD)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    for cmd in COMMANDS.values():          # warm the OS file cache (and batcalc's own caches)
        run_once(cmd)
    times: dict[str, list[float]] = {k: [] for k in COMMANDS}
    order, rng = list(COMMANDS), random.Random(0)
    for _ in range(args.runs):
        rng.shuffle(order)           # a new order each round: whatever runs right after the baseline
        for name in order:           # (numpy's threads, a large heap to tear down) is not always the same
            times[name].append(run_once(COMMANDS[name]))
    for name, ts in times.items():
        # the ratio is the median over rounds of (this command / the baseline of the same round): a
        # round's runs are seconds apart, so a slow spell of a shared machine hits both alike
        ratio = statistics.median(t / b for t, b in zip(ts, times["baseline"], strict=False))
        goal = f" (goal <= {GOALS[name]})" if name in GOALS else ""
        print(f"{name:9s} median {statistics.median(ts) * 1000:7.1f} ms  ratio {ratio:.3f}{goal}")


if __name__ == "__main__":
    main()
