"""Output that cannot be written (issue 16, in part): a full disk or a closed terminal is bad input
to batcalc's output, exit 2 with one line on stderr, never exit 3 or a traceback; and empty sweep
grids are refused in one line."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

FULL = "/dev/full"


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
