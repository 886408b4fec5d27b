"""Issue 10, eighth pass: a value of an assumption the physics refuses is refused where it is given
(--assume, a claims file's `assumptions:`, the API's `assume=`), naming it there. It was refused only
when a run first read it, and then located at whatever claim read it first (`check seed-article
--assume cell-to-pack-mass=0` blamed specs/claims/seed-article.yaml:46:7) or worded without the
assumption ("efficiencies must be above 0 and at most 100 %")."""

from __future__ import annotations

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.bands import central_defaults, check_assumption

#: (assumption, a value the physics refuses as the user writes it, the words of the physics' refusal)
REFUSED = [
    ("cell-to-pack-mass", "0", "cell-to-pack-mass must be above 0 % and at most 100 % for a pack"),
    ("cell-to-pack-volume", "0 %", "cell-to-pack-volume must be above 0 %"),
    ("usable-fraction", "0 to 0.95", "usable-fraction must be above 0 %"),
    ("charger-efficiency", "0", "charger efficiency must be above 0"),
    ("transmission-efficiency", "0", "transmission efficiency must be above 0"),
    ("battery-efficiency", "0 %", "battery efficiency must be above 0"),
    # FASTSim's default map runs 84-95 %: a 10 % peak shifts its 84 % to -1 %
    ("motor-peak-efficiency", "10 %", "takes the default map's lowest point (84 %) to -1 %"),
    ("drive-efficiency", "0", "above 0"),
    ("pack-voltage", "0 V", "pack_voltage must be positive"),
    ("altitude", "0 m to 20000 m", "altitude 20000 m is outside -500..9000 m"),
    ("ambient-temperature", "100 °C", "ambient temperature 100.0 °C is outside -123..77 °C"),
]


@pytest.mark.parametrize("id, text, words", REFUSED)
def test_the_command_line_refuses_it_as_assume_gave_it(run, id, text, words):
    out = run("check", "seed-article", "--assume", f"{id}={text}")
    assert out.exit_code == 2
    line = out.stderr.strip()
    assert "\n" not in line and line.startswith(f"batcalc: error: --assume {id}=")
    assert words in line and "seed-article.yaml" not in line


@pytest.mark.parametrize("id, text, words", REFUSED[:3])
def test_every_command_refuses_it_before_it_runs(run, id, text, words):
    for args in (["range", "gac-aion-ssb-350", "-v", "compact-car"], ["consumption", "-v", "mid-sedan"],
                 ["claim", "ratio", "a=1", "b=2", "--asserted", "2"]):
        out = run(*args, "--assume", f"{id}={text}")
        assert out.exit_code == 2 and f"--assume {id}=" in out.stderr and words in out.stderr


@pytest.mark.parametrize("id", ["regen-efficiency", "regen-share", "aux-power", "rotating-mass-factor"])
def test_zero_is_taken_where_the_physics_takes_it(id):
    """No regeneration, no auxiliaries, no rotating mass: the physics computes with 0, so 0 is not refused."""
    check_assumption(id, 0.0, "0")


def test_the_defaults_all_pass():
    for id, value in central_defaults().items():
        check_assumption(id, value, str(value))


def test_a_claims_file_locates_it_at_its_key_and_lint_agrees(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("kind: claims\nassumptions:\n  usable-fraction: 0 to 0.9\nclaims:\n  - id: r\n    kind: range\n"
                    "    quote: q\n    inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}\n    asserted: 465 km\n",
                    encoding="utf-8")
    expected = (f"{path}:3:20: assumption usable-fraction=0 %: usable-fraction must be above 0 % and at most "
                f"100 % for a pack, got 0 %")
    for args in (["check", str(path)], ["check", str(path), "--bands"]):
        out = run(*args)
        assert out.exit_code == 2 and out.stderr.strip() == expected
    lint = run("lint", str(path))
    assert lint.exit_code != 0 and expected in lint.stdout + lint.stderr


def test_the_library_refuses_it_in_its_own_words():
    import batcalc as bc

    with pytest.raises(BatcalcError, match=r"^assume usable-fraction=0 %: usable-fraction must be above 0 %"):
        bc.range_bands("gac-aion-ssb-350", "mid-sedan", assume={"usable-fraction": "0"})


def test_a_refused_value_is_given_back_in_the_unit_system_asked_for(run):
    """Under --units imperial the refused altitude is shown in feet, as the physics' own words are:
    20000 m / 0.3048 m/ft = 65617 ft."""
    out = run("check", "seed-article", "--assume", "altitude=0 m to 20000 m", "--units", "imperial")
    assert out.exit_code == 2
    assert f"--assume altitude={20000 / 0.3048:.0f} ft: altitude" in out.stderr and " m:" not in out.stderr


@pytest.mark.parametrize("assignment, refused, figure, bounds", [
    ("battery-efficiency=1 %", "1 %", "battery_efficiency", "70-100 %"),
    ("transmission-efficiency=1 %", "1 %", "transmission_efficiency", "50-100 %"),
    ("drive-efficiency=1 %", "1 %", "drivetrain_efficiency", "30-100 %"),
    ("rotating-mass-factor=5", "5", "rotational_mass_factor", "0-0.5"),
    ("aux-power=1000 kW", "1000000 W", "auxiliary_power", "0-100 kW"),      # in the assumption's unit
    ("battery-efficiency=1 % to 99 %", "1 %", "battery_efficiency", "70-100 %"),
])
def test_an_assumption_for_a_vehicle_figure_keeps_that_figures_bounds(run, assignment, refused, figure, bounds):
    """A vehicle file refuses 'battery_efficiency: 1 %' as a typo, but '--assume battery-efficiency=1 %', which
    stands in for the same figure, gave 15959 Wh/km and a range of 4.7 km without a word (a band of 3.6 to
    1040 km). The default assumptions that stand in for a vehicle's figures take its bounds."""
    r = run("range", "tesla-4680", "-v", "large-suv", "--assume", assignment)
    id = assignment.split("=")[0]
    assert r.exit_code == 2 and r.stderr.strip() == (
        f"batcalc: error: --assume {id}={refused}: not plausible for {figure} (expected {bounds}); a typo?")


def test_the_plausible_ranges_of_vehicle_assumptions_lie_within_the_figures_bounds():
    """specs/assumptions.yaml's own ranges for the defaults that stand in for vehicle figures are plausible
    vehicles: a band over them never reaches a value a vehicle file would refuse."""
    from batcalc.spec.assumptions import plausible_ranges
    from batcalc.spec.bounds import ASSUMED_FIGURES, PLAUSIBLE

    ranges = plausible_ranges()
    for id, figure in ASSUMED_FIGURES.items():
        low, high, _ = PLAUSIBLE[figure]
        assert low <= ranges[id].low <= ranges[id].high <= high, id


@pytest.mark.parametrize("assignment, dimension, example", [("aux-power=250", "power", "'250 W'"),
                                                            ("altitude=800", "length", "'800 m'"),
                                                            ("pack-voltage=800", "voltage", "'800 V'")])
def test_a_bare_number_is_shown_with_the_assumption_s_own_unit(run, assignment, dimension, example):
    """'--assume altitude=800' was told "expected a length, e.g. '800 mm'" and 'aux-power=250' "e.g. '250 kW'"
    (a car's base load is 100-300 W): the example takes the unit the assumption is written in (docs/assumptions.md)."""
    r = run("range", "tesla-4680", "-v", "mid-sedan", "--assume", assignment)
    assert r.exit_code == 2 and r.stderr.strip().endswith(f"has no unit: expected a {dimension}, e.g. {example}")
