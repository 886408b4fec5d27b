"""A bad ``--cycle`` names the option, as every other option's error does, in the unit system asked for; a trace
file's own errors keep naming the file, its line and column."""

from __future__ import annotations

import pytest

COMMANDS = [
    ("consumption", "-v", "mid-sedan"),
    ("range", "gac-aion-ssb-350", "-v", "mid-sedan"),
    ("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan"),
    ("charge", "huineng-llcb", "-v", "mid-sedan"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("cycle, message", [
    ("1e400 km/h", "value '1e400 km/h' is not a finite number"),
    ("-50 km/h", "constant speed '-50 km/h' must be above 0 and at most 720 km/h"),
    ("fast", "unknown cycle 'fast': use wltp"),
])
def test_a_bad_cycle_names_the_option(run, command, cycle, message):
    r = run(*command, "--cycle", cycle)
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith(f"batcalc: error: --cycle: {message}"), line


def test_the_cycle_s_limit_is_said_in_the_units_asked_for(run):
    # 200 m/s = 720 km/h = 200 / 0.44704 = 447.4 mph
    r = run("consumption", "-v", "mid-sedan", "--cycle", "-50 km/h", "--units", "imperial")
    assert r.exit_code == 2
    assert r.stderr.strip() == f"batcalc: error: --cycle: constant speed '-50 km/h' must be above 0 and at most " \
                               f"{200 / 0.44704:.1f} mph"


def test_a_trace_file_s_error_names_the_file_line_and_column(run, tmp_path):
    trace = tmp_path / "bad.csv"
    trace.write_text("time_s,speed_kmh\n0,0\n1,x\n", encoding="utf-8")
    r = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--cycle", str(trace))
    assert r.exit_code == 2
    assert r.stderr.strip().endswith(f"{trace}:3:3: expected two numbers 'time_s,speed_kmh', got '1,x'"), r.stderr
    assert "--cycle" not in r.stderr


def test_a_good_cycle_is_taken_as_before(run):
    r = run("consumption", "-v", "mid-sedan", "--cycle", "100 km/h")
    assert r.exit_code == 0, r.output
    assert "constant 100 km/h" in r.stdout


@pytest.mark.parametrize("inputs, key, message", [
    (["cycle=1e400 km/h"], "cycle", "value '1e400 km/h' is not a finite number"),
    (["cycle=fast"], "cycle", "unknown cycle 'fast': use wltp"),
])
def test_a_command_line_claim_s_bad_cycle_names_its_input(run, inputs, key, message):
    # a claims file locates it at the input's line and column; the command line's claim said nothing of where
    r = run("claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", "pack_mass=400 kg", *inputs,
            "--asserted", "600 km")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith(f"batcalc: error: inputs.{key}: {message}"), line


def test_a_ratings_claim_s_bad_cycle_names_its_input(run):
    r = run("claim", "ratings", "vehicle=mid-sedan", "a=600 km", "a_cycle=wltp", "b_cycle=nope", "--asserted", "600 km")
    assert r.exit_code == 2
    assert r.stderr.strip().startswith("batcalc: error: inputs.b_cycle: unknown cycle 'nope'"), r.stderr
