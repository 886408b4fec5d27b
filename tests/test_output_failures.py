"""Output that cannot be written (issue 16, in part): a full disk or a closed terminal is bad input
to batcalc's output, exit 2 with one line on stderr, never exit 3 or a traceback; and empty sweep
grids are refused in one line. A stderr that cannot be written changes no exit code ("Hardening,
second pass")."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FULL = "/dev/full"
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", [["convert", "1 m", "km"], ["range", "--help"], ["--version"], ["list"],
                                  ["show", "tesla-4680", "-f", "json"]])
def test_a_full_disk_on_stdout_is_exit_2_in_one_line(argv):
    with open(FULL, "w") as full:
        r = subprocess.run([sys.executable, "-m", "batcalc", *argv], stdout=full, stderr=subprocess.PIPE,
                           text=True, timeout=60)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines == ["batcalc: error: cannot write the output: No space left on device"], r.stderr


@pytest.mark.parametrize("option,unit", [("--pack-masses", "kg"), ("--ranges", "km")])
def test_an_empty_sweep_grid_is_refused(option, unit):
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    r = CliRunner().invoke(app, ["sweep", "-v", "mid-sedan", option, ""])
    assert r.exit_code == 2, r.output
    assert f"{option}: expected 'start:stop:step unit'" in r.output and f"'200:500:50 {unit}'" in r.output
    assert "internal error" not in r.output


@pytest.mark.parametrize("argv,option", [
    (["range", "tesla-4680", "-v", "mid-sedan", "--pack-mass", "400 kg", "--pack-mass", "600 kg"], "--pack-mass"),
    (["range", "tesla-4680", "-v", "mid-sedan", "--pack-mass=400 kg", "--pack-mass", "600 kg"], "--pack-mass"),
    (["range", "tesla-4680", "--vehicle", "mid-sedan", "-v", "compact-car"], "--vehicle"),
    (["plot", "charge", "huineng-llcb", "--charger", "ccs-350kw", "--charger", "ccs-50kw", "-o", "x.png"],
     "--charger"),
])
def test_an_option_given_twice_is_refused(argv, option, capsys):
    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"batcalc: error: {option} is given more than once; give it once (batcalc would otherwise "
                   f"keep only the last)"]


def test_options_given_once_and_lists_are_not_repeats():
    from typer.main import get_command

    from batcalc.cli.main import app, repeated_option

    command = get_command(app)
    assert repeated_option(command, ["range", "tesla-4680", "-v", "mid-sedan", "--pack-mass", "400 kg"]) is None
    assert repeated_option(command, ["compare", "a", "b", "-f", "json", "-u", "imperial"]) is None
    assert repeated_option(command, ["convert", "--", "-5 kWh", "-5 kWh"]) is None      # after --: values
    assert repeated_option(command, ["range", "x", "-f", "json", "--format", "csv"]) == "--format"


# --------------------------------------------------------------- stderr that cannot be written
# stderr carries messages only: when it cannot be written they are lost, and the exit code is still the
# job's (0 done, 1 a claim failed, 2 bad input), never 1 or 130 because a message failed.

STDERR_BROKEN = ["full", "closed-pipe", "closed"]


def run_with_broken_stderr(argv: list[str], how: str, cwd) -> subprocess.CompletedProcess:
    """``python -m batcalc ARGV`` with stderr /dev/full, a pipe nobody reads, or closed (``2>&-``)."""
    kwargs: dict = {"stdout": subprocess.PIPE, "text": True, "timeout": 120, "cwd": cwd}
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("BATCALC_DEBUG", None)
    if how == "full":
        with open(FULL, "w") as full:
            return subprocess.run([sys.executable, "-m", "batcalc", *argv], stderr=full, env=env, **kwargs)
    if how == "closed-pipe":
        r, w = os.pipe()
        os.close(r)
        try:
            return subprocess.run([sys.executable, "-m", "batcalc", *argv], stderr=w, env=env, **kwargs)
        finally:
            os.close(w)
    return subprocess.run([sys.executable, "-m", "batcalc", *argv], preexec_fn=lambda: os.close(2), env=env,
                          **kwargs)


SEED = str(ROOT / "specs" / "claims" / "seed-article.yaml")


@pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full on this system")
@pytest.mark.parametrize("how", STDERR_BROKEN)
@pytest.mark.parametrize("argv,code", [
    (["show", "no-such-spec.yaml"], 2),
    (["check", "no-such-claims.yaml"], 2),
    (["--debug", "show", "no-such-spec.yaml"], 2),
    (["range", "--bogus"], 2),
    (["convert", "1 kWh", "m"], 2),
    (["check", SEED], 1),                   # a claim of the seed article fails
    (["convert", "1 kWh", "Wh"], 0),
    (["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-o", "out.csv"], 0),   # "wrote out.csv" is lost
], ids=["missing-spec", "missing-claims", "debug", "usage", "bad-unit", "claim-fails", "ok", "output-file"])
def test_stderr_that_cannot_be_written_changes_no_exit_code(argv, code, how, tmp_path):
    r = run_with_broken_stderr(argv, how, tmp_path)
    assert r.returncode == code, (how, r.returncode)
    if argv[0] == "compare":
        assert (tmp_path / "out.csv").read_text().startswith("metric,unit,")   # CSV, as its extension names
    if code == 0 and argv[0] == "convert":
        assert r.stdout == "1 kWh = 1000 Wh\n"


def test_stderr_closed_inside_python_is_still_exit_2(monkeypatch):
    """``sys.stderr`` closed (writing raises ValueError, not OSError): bad input is still exit 2."""
    import io

    from batcalc.cli.main import main

    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stderr", closed)
    for argv in (["show", "no-such-spec.yaml"], ["--bogus"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2, argv


def test_a_closed_pipe_on_stdout_is_exit_2_in_one_line():
    """``batcalc list | nothing``: the output cannot be written (not an interruption, 130)."""
    r, w = os.pipe()
    os.close(r)
    try:
        p = subprocess.run([sys.executable, "-m", "batcalc", "list", "--kind", "cycle"], stdout=w,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(w)
    assert p.returncode == 2, p.stderr
    assert p.stderr.splitlines() == ["batcalc: error: cannot write the output: Broken pipe"]
