"""Benchmark: start-up time of batcalc commands against creating a pint registry and against merely
importing the libraries the commands need, side by side.

    python benchmarks/startup.py --venv /tmp/benchvenv --install [--runs 21]   # build/refresh the venv, then run
    python benchmarks/startup.py --venv /tmp/benchvenv                         # run with the venv as it is
    python benchmarks/startup.py                                               # the batcalc next to this Python

Runs, each a fresh Python process, all in one invocation and in a new random order every round:
  pint       python -c "import pint; pint.UnitRegistry()"
  libs       python -c "import typer, pydantic, yaml, tabulate"    (what `compare` cannot avoid loading)
  libs-used  the same, with pydantic's BaseModel and TypeAdapter (``import pydantic`` is lazy; typer
             and batcalc's specs use these), for information
  help       batcalc --help
  compare    batcalc compare gac-aion-ssb-300 gac-aion-ssb-350
  show       batcalc show huineng-llcb
and prints the median wall time of each and its ratios: the median over rounds of (command / baseline
of the same round). Goals: compare <= 0.6 x pint, help <= 0.3 x pint, compare <= 1.6 x libs. The
ratio of CPU times (user + system of each child) is printed beside it: on a busy shared machine it
swings less than wall time, which is what the goals are stated in.

batcalc must be INSTALLED, not editable, as the README says (`pip install .`): pip compiles the
bytecode then; an editable install (or a checkout on PYTHONPATH) imports from the source tree, and
with PYTHONDONTWRITEBYTECODE set recompiles batcalc's modules on every start. ``--install`` makes
(or refreshes) a virtual environment at ``--venv`` with ``pip install`` of this checkout; every
command, the baselines included, then runs with that environment's Python, from a temporary folder
outside the checkout (so the installed package is the one imported).
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

ROOT = Path(__file__).resolve().parent.parent
GOALS = {("compare", "pint"): 0.6, ("help", "pint"): 0.3, ("compare", "libs"): 1.6}
_CWD = tempfile.mkdtemp(prefix="batcalc-bench-")   # outside the checkout: import the installed package


def bin_dir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def install(venv: Path) -> None:
    """Create ``venv`` if needed and install this checkout into it (a regular, non-editable install)."""
    if not (bin_dir(venv) / "python").exists() and not (bin_dir(venv) / "python.exe").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(bin_dir(venv) / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", str(ROOT)], check=True)       # dependencies, if missing
    subprocess.run([python, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(ROOT)], check=True)


def commands(python: str) -> dict[str, list[str]]:
    """Each command line: the ``batcalc`` console script next to ``python`` (as users run it), else
    ``python -m batcalc``."""
    script = Path(python).with_name("batcalc.exe" if os.name == "nt" else "batcalc")
    batcalc = [str(script)] if script.is_file() else [python, "-m", "batcalc"]
    return {
        "pint": [python, "-c", "import pint; pint.UnitRegistry()"],
        "libs": [python, "-c", "import typer, pydantic, yaml, tabulate"],
        # what those libraries load once used: `import pydantic` alone loads a lazy package stub, while
        # typer (0.2x) coerces every command-line value through a pydantic TypeAdapter, and specs are BaseModels
        "libs-used": [python, "-c", "import typer, yaml, tabulate; from pydantic import BaseModel, TypeAdapter"],
        "help": batcalc + ["--help"],
        "compare": batcalc + ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
        "show": batcalc + ["show", "huineng-llcb"],
    }


def where_batcalc(python: str) -> str:
    """The folder batcalc is imported from by ``python`` (run outside the checkout)."""
    return subprocess.run([python, "-c", "import batcalc, os; print(os.path.dirname(batcalc.__file__))"],
                          capture_output=True, text=True, check=True, cwd=_CWD,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"}).stdout.strip()


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the child's) of one run of ``cmd``, in seconds."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=_CWD)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=21, help="rounds (default 21)")
    ap.add_argument("--venv", type=Path, help="virtual environment whose Python and batcalc to run")
    ap.add_argument("--install", action="store_true", help="create/refresh --venv with pip install of this checkout")
    args = ap.parse_args()
    if args.install:
        if args.venv is None:
            ap.error("--install needs --venv, e.g. --venv /tmp/benchvenv")
        install(args.venv)
    python = str(bin_dir(args.venv) / "python") if args.venv else sys.executable
    os.environ.pop("PYTHONPATH", None)             # the installed package, not a checkout on the path
    home = where_batcalc(python)
    if Path(home).resolve().is_relative_to(ROOT):
        print(f"warning: batcalc is imported from the checkout ({home}), not an installed copy: "
              f"use --venv DIR --install", file=sys.stderr)
    cmds = commands(python)
    for cmd in cmds.values():          # warm the OS file cache (and batcalc's own caches)
        run_once(cmd)
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    order, rng = list(cmds), random.Random(0)
    for _ in range(args.runs):
        rng.shuffle(order)           # a new order each round: whatever runs right after a baseline
        for name in order:           # (numpy's threads, a large heap to tear down) is not always the same
            times[name].append(run_once(cmds[name]))
    print(f"{args.runs} rounds, batcalc from {home}")
    for name, ts in times.items():
        print(f"  {name:9s} median {statistics.median(t[0] for t in ts) * 1000:7.1f} ms  "
              f"(CPU {statistics.median(t[1] for t in ts) * 1000:6.1f} ms)")
    for (name, base), goal in sorted(GOALS.items()) + [(("compare", "libs-used"), None), (("show", "pint"), None),
                                                  (("show", "libs"), None)]:
        # the median over rounds of (this command / the baseline of the same round): a round's runs
        # are seconds apart, so a slow spell of a shared machine hits both alike
        ratio = statistics.median(t[0] / b[0] for t, b in zip(times[name], times[base], strict=True))
        cpu = statistics.median(t[1] / b[1] for t, b in zip(times[name], times[base], strict=True))
        verdict = "" if goal is None else f" (goal <= {goal:g}){'' if ratio <= goal else '  NOT MET'}"
        print(f"  {name:8s} / {base:9s} ratio {ratio:.3f}{verdict}  [CPU-time ratio {cpu:.3f}]")


if __name__ == "__main__":
    main()
