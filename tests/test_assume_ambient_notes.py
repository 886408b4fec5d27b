"""Twelfth pass: ``--assume ambient-temperature=...`` or ``--assume altitude=...`` without ``--bands`` moves
the point a result is computed at (docs/assumptions.md): the air density and a ``--climate`` power were
those of the assumed conditions, but the note under the result said "ambient 20 °C (default) at sea level
(default)" beside that density, and "cabin climate (heat-pump) 57 W at 20 °C (default)" while 2103 W
(the power at -7 °C) was in the auxiliaries. The note now states the conditions the numbers use."""

from __future__ import annotations

import pytest
from vehicle_commands import vehicle_commands

#: every command whose notes state the ambient conditions and that takes --assume
COMMANDS = {k: v for k, v in vehicle_commands().items() if k != "charge on a curve"}

#: ISO 2533 air: p0 101325 Pa, R 287.05287 J/(kg K), T0 288.15 K, lapse 0.0065 K/m, g 9.80665 m/s^2
P0, R, T0, L, G = 101325.0, 287.05287, 288.15, 0.0065, 9.80665


def _density(celsius: float, metres: float) -> float:
    """Air density by hand: p(h) / (R T), p(h) = p0 (1 - L h / T0)^(g / (R L))."""
    return P0 * (1 - L * metres / T0) ** (G / (R * L)) / (R * (celsius + 273.15))


def _ambient_note(out) -> str:
    return next(line.strip() for line in out.stdout.splitlines() if line.strip().startswith("ambient "))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_assumed_temperature_is_the_one_stated(run, name):
    out = run(*COMMANDS[name], "--assume", "ambient-temperature=-7 °C")
    assert out.exit_code == 0, out.stderr
    # -7 °C at sea level: 101325 / (287.05287 x 266.15) = 1.3263 kg/m^3
    rho = _density(-7.0, 0.0)
    assert f"{rho:.4g}" == "1.326"
    assert _ambient_note(out) == f"ambient -7.0 °C (assumed) at sea level (default): air density {rho:.4g} kg/m^3"
    assert "20 °C (default)" not in out.stdout


@pytest.mark.parametrize("name", ["range", "consumption"])
def test_an_assumed_altitude_is_the_one_stated_in_either_system(run, name):
    metric = run(*COMMANDS[name], "--assume", "altitude=1300 m")
    imperial = run(*COMMANDS[name], "--assume", "altitude=1300 m", "-u", "imperial")
    rho = _density(20.0, 1300.0)            # 1.0514 kg/m^3
    assert _ambient_note(metric) == f"ambient 20 °C (default) at 1300 m (assumed): air density {rho:.4g} kg/m^3"
    # 1300 m / 0.3048 m/ft = 4265 ft; 20 °C = 68 °F
    assert _ambient_note(imperial) == f"ambient 68 °F (default) at {1300 / 0.3048:.0f} ft (assumed): " \
                                      f"air density {rho:.4g} kg/m^3"


@pytest.mark.parametrize("name", ["range", "consumption", "charge"])
def test_the_climate_power_stated_is_the_one_added_at_the_assumed_temperature(run, name):
    """The cabin's power at -7 °C assumed is the one at --ambient -7 °C (the same physics), and the note
    says so; it said 57 W at 20 °C while the auxiliaries held the power at -7 °C."""
    assumed = run(*COMMANDS[name], "--assume", "ambient-temperature=-7 °C", "--climate", "heat-pump")
    given = run(*COMMANDS[name], "--ambient", "-7 °C", "--climate", "heat-pump")
    assert assumed.exit_code == 0 and given.exit_code == 0, assumed.stderr + given.stderr
    # the same consumption both ways (the range, or the range added, is the same figure)
    assert [x for x in assumed.stdout.splitlines() if "Wh/km" in x][:1] == \
        [x for x in given.stdout.splitlines() if "Wh/km" in x][:1]

    def climate(out):
        return next(line.strip() for line in out.stdout.splitlines() if line.strip().startswith("cabin climate"))
    assert climate(assumed) == climate(given).replace("at -7.0 °C,", "at -7.0 °C (assumed),")
    assert climate(assumed).startswith("cabin climate (heat-pump) 2103 W at -7.0 °C (assumed), added")


def test_a_central_point_at_the_defaults_still_says_default(run):
    """Any --assume builds the run at the central point; the ambient ones there are the defaults."""
    out = run(*COMMANDS["range"], "--assume", "usable-fraction=90 %")
    assert _ambient_note(out) == "ambient 20 °C (default) at sea level (default): air density 1.204 kg/m^3"
