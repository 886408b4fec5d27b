"""The benchmarks run and their baselines still compute what batcalc computes: each script checks the
two sides agree before timing them (a baseline that drifted from the library, as the pack-mass sweep's
did when the solve's result changed, fails here instead of only when someone times it). Tiny sizes: a
few seconds in all; the timings themselves are not looked at."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("script, args", [
    ("sweep_vs_numpy.py", ["--size", "40", "--rounds", "1"]),
    ("batch.py", ["--files", "5", "--rounds", "1"]),
    ("bands.py", ["--rounds", "1"]),
])
def test_a_benchmark_runs_and_its_sides_agree(script, args):
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "ratio" in r.stdout or "bands / point" in r.stdout
