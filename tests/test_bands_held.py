"""Twelfth pass: with --bands the conditions given (--ambient, --altitude, --climate, --extra-mass), the
options that fix an assumption (--f-usable, --charger-efficiency, ...) and the --assume points were
used but stated nowhere: `range X -v mid-sedan --bands --ambient "-7 °C"` printed a winter band that
said nothing of winter (the same command without --bands states the ambient). A note, and JSON
``held``, now say what the run held fixed."""

from __future__ import annotations

import json

import pytest
from vehicle_commands import vehicle_commands

COMMANDS = vehicle_commands()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_conditions_given_are_stated_under_the_bands(run, name):
    out = run(*COMMANDS[name], "--bands", "--ambient", "-7 °C", "--extra-mass", "100 kg", "-f", "json")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["held"] == ["held fixed, so no band: conditions -7 °C, 100 kg extra mass"]
    table = run(*COMMANDS[name], "--bands", "--ambient", "-7 °C", "--extra-mass", "100 kg")
    assert "  held fixed, so no band: conditions -7 °C, 100 kg extra mass\n" in table.stdout


def test_options_and_assumed_points_are_stated_and_the_central_value_is_theirs(run):
    args = [*COMMANDS["range"], "--ambient", "-7 °C", "--climate", "heat-pump", "--f-usable", "90 %",
            "--assume", "motor-peak-efficiency=96 %"]
    banded = run(*args, "--bands", "-f", "json")
    assert banded.exit_code == 0, banded.stderr
    data = json.loads(banded.stdout)
    assert data["held"] == ["held fixed, so no band: conditions -7 °C, heat-pump cabin climate; --f-usable 90 %; "
                            "motor-peak-efficiency 96 % (--assume)"]
    # what the note says was held is what the central value was computed at: the run without --bands
    plain = json.loads(run(*args, "-f", "json").stdout)
    assert data["bands"]["range"]["central"]["value"] == pytest.approx(plain["results"]["range"]["value"], rel=1e-9)
    # and the usable energy is 90 % of the gross: 350 Wh/kg x 0.70 x 480 kg x 0.90 = 105.84 kWh
    assert data["bands"]["usable_energy"]["central"]["value"] == pytest.approx(350 * 0.70 * 480 * 0.90 / 1000)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_nothing_held_says_nothing(run, name):
    out = run(*COMMANDS[name], "--bands", "-f", "json")
    assert out.exit_code == 0, out.stderr
    assert "held" not in json.loads(out.stdout)


@pytest.mark.parametrize("name", ["normalise", "consumption"])
def test_a_pack_mass_given_is_held_and_a_ranged_one_is_an_axis(run, name):
    """normalise's band table has no pack-mass row: a --pack-mass given said nowhere what it was."""
    held = json.loads(run(*COMMANDS[name], "--bands", "--pack-mass", "600 kg", "-f", "json").stdout)
    assert held["held"] == ["held fixed, so no band: --pack-mass 600 kg"]
    axis = json.loads(run(*COMMANDS[name], "--bands", "--pack-mass", "500 to 700 kg", "-f", "json").stdout)
    assert "held" not in axis and "--pack-mass" in axis["assumptions"]
    if name == "normalise":      # the central value is the one without --bands at that pack mass
        plain = json.loads(run(*COMMANDS[name], "--pack-mass", "600 kg", "-f", "json").stdout)
        assert held["bands"]["range"]["central"]["value"] == pytest.approx(plain["range"]["value"], rel=1e-12)
