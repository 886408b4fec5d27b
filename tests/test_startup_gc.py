"""The console script starts with the garbage collector paused and runs the command with it on
(:mod:`batcalc.cli.startup`); library use and in-process calls leave the collector alone."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from batcalc.cli import startup

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def collector():
    """Restore the collector's state after a test that changes it."""
    enabled = gc.isenabled()
    yield
    startup._PAUSED["on"] = False
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def test_pause_then_resume_freezes_what_start_up_made_and_collects_again(collector):
    gc.enable()
    startup.pause()
    assert not gc.isenabled()
    startup.resume()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    startup.resume()                         # once only
    assert gc.isenabled()


def test_resume_without_pause_changes_nothing(collector):
    gc.enable()
    frozen = gc.get_freeze_count()
    startup.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_collector_turned_off_by_the_caller_stays_off(collector):
    gc.disable()
    startup.pause()
    startup.resume()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


#: Runs the console script's entry point with a probe in the compare command's own work.
PROBE = """
import gc, json, sys
import batcalc.report.compare as rc
seen = {"start": gc.isenabled()}
rows = rc.compare_rows
def probe(*args, **kwargs):
    seen["command"] = gc.isenabled()
    seen["frozen"] = gc.get_freeze_count()
    return rows(*args, **kwargs)
rc.compare_rows = probe
from batcalc.cli.entry import main
sys.argv = ["batcalc"] + json.loads(sys.argv[1])
try:
    main()
finally:
    seen["end"] = gc.isenabled()
    sys.__stderr__.write("\\nPROBE " + json.dumps(seen) + "\\n")
"""


def probe(args: list[str], tmp_path) -> tuple[dict, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    lines = [line for line in out.stderr.splitlines() if line.startswith("PROBE ")]
    assert lines, out.stderr
    return json.loads(lines[-1][len("PROBE "):]), out.stdout


def test_the_command_runs_with_the_collector_on_and_start_up_frozen(tmp_path):
    seen, out = probe(["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"], tmp_path)
    assert seen["start"] and seen["command"] and seen["end"]
    assert seen["frozen"] > 10_000                # the modules, the typer app, the spec models
    assert "x1.167 (+16.7 %)" in out


def test_help_ends_with_the_collector_paused(tmp_path):
    seen, out = probe(["--help"], tmp_path)
    assert seen["start"] and not seen["end"] and "Usage: batcalc" in out
