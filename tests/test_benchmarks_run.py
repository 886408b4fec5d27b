"""The benchmarks whose baselines must compute what batcalc computes still do: ``sweep_vs_numpy.py``
checks its numpy baselines against the library's grids, ``batch.py`` the in-process output against the
CLI's, ``physics_floor.py`` its looked-up consumptions' output against the real one, and
``lean_claim_path.py`` its derived figures against ``batcalc check``'s, before timing them
(``claim_path_parts.py``, that the shipped command prints the same after its stand-ins); each exits
non-zero when they differ (and only then: a missed timing goal is printed, not an exit code). A
baseline that drifts from the library, as the pack-mass sweep's did when the solve's result changed,
fails here instead of only when someone times it. Tiny sizes, a few seconds in all. (``bands.py``
compares timings only, and exits 1 on a missed goal: not run here.)"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("script, args", [
    ("sweep_vs_numpy.py", ["--size", "40", "--rounds", "1"]),
    ("batch.py", ["--files", "5", "--rounds", "1"]),
    ("physics_floor.py", ["--files", "5", "--rounds", "1"]),    # checks the 'free' setting prints the same
    ("lean_claim_path.py", ["--files", "5", "--rounds", "1"]),  # checks the sketch derives batcalc's figures
    ("claim_path_parts.py", ["--files", "5", "--rounds", "1"]),  # checks every stand-in is put back
])
def test_a_benchmarks_baseline_still_computes_what_batcalc_does(script, args):
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
