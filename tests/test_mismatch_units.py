"""A cell's mismatch warnings (a given figure more than 3 % from what its other figures give) follow
``--units``: ``show``, ``compare``, ``check`` and ``lint`` wrote them in metric units under
``--units imperial`` (the physics layer wrote the text); the mismatch is now kept as numbers
(:class:`batcalc.physics.cells.Mismatch`) and written in the unit system asked for."""

from __future__ import annotations

import json

import pytest

from batcalc.physics.cells import figures_of
from batcalc.spec.model import parse_spec

LB = 0.45359237                  # kg in a pound (exact, by definition)
IN3 = 0.0254 ** 3                # m^3 in a cubic inch

#: 25 Wh given, 3.6 V x 5 Ah = 18 Wh derived; 400 Wh/kg given, 25 Wh / 70 g derived; a 20 x 60 mm
#: cylinder (18.85 cm^3) against a given 25 cm^3.
CELL = """\
kind: cell
id: mismatched
name: Mismatched
format: cylindrical
physical: {mass: 70 g, volume: 25 cm^3, dimensions: {diameter: 20 mm, height: 60 mm}}
electrical:
  nominal_voltage: 3.6 V
  capacity: 5 Ah
  energy: 25 Wh
energy_density: {gravimetric: 400 Wh/kg}
"""

GRAV_DERIVED = 25 / 0.070                          # Wh/kg
VOL_DERIVED = 3.141592653589793 * 0.010 ** 2 * 0.060   # m^3


def fmt(x: float) -> str:
    """4 significant figures, as batcalc writes numbers (trailing zeros dropped)."""
    return f"{x:.4g}"


def expected(system: str) -> list[str]:
    """The three warnings, each value converted by hand."""
    if system == "metric":
        grav = (fmt(400), fmt(GRAV_DERIVED), "Wh/kg")
        vol = (fmt(0.025), fmt(VOL_DERIVED * 1e3), "L")
    else:
        grav = (fmt(400 * LB), fmt(GRAV_DERIVED * LB), "Wh/lb")
        vol = (fmt(25e-6 / IN3), fmt(VOL_DERIVED / IN3), "in^3")
    return [f"energy: given 25 Wh but voltage x capacity gives 18 Wh ({(25 - 18) / 18 * 100:.1f} % apart)",
            f"volume: given {vol[0]} {vol[2]} but pi (d/2)^2 h gives {vol[1]} {vol[2]} "
            f"({(25e-6 - VOL_DERIVED) / VOL_DERIVED * 100:.1f} % apart)",
            f"gravimetric energy density: given {grav[0]} {grav[2]} but energy / mass gives {grav[1]} {grav[2]} "
            f"({(400 - GRAV_DERIVED) / GRAV_DERIVED * 100:.1f} % apart)"]


def test_the_mismatches_are_numbers_written_in_each_system():
    cell = figures_of(parse_spec(CELL))
    assert [(m.key, m.formula) for m in cell.mismatches] == [
        ("energy", "voltage x capacity"), ("volume", "pi (d/2)^2 h"), ("gravimetric", "energy / mass")]
    energy = cell.mismatches[0]
    assert energy.given == pytest.approx(25 * 3600) and energy.derived == pytest.approx(18 * 3600)
    assert list(cell.warnings_in("metric")) == expected("metric") == list(cell.warnings)
    assert list(cell.warnings_in("imperial")) == expected("imperial")
    assert cell.warned_at == (("electrical", "energy"), ("physical", "volume"), ("energy_density", "gravimetric"))


@pytest.mark.parametrize("system", ["metric", "imperial"])
def test_show_and_compare_write_them_in_the_system_asked_for(run, write, system):
    path = write("mismatched.yaml", CELL)
    shown = run("show", path, "--units", system)
    assert shown.exit_code == 0, shown.stdout
    assert [line.strip()[len("warning: "):] for line in shown.stdout.splitlines()
            if line.strip().startswith("warning: ")] == expected(system)
    data = json.loads(run("show", path, "--units", system, "--format", "json").stdout)
    assert data["warnings"] == expected(system)
    compared = json.loads(run("compare", path, "tesla-4680", "--units", system, "--format", "json").stdout)
    assert compared["warnings"] == [f"mismatched: {w}" for w in expected(system)]


@pytest.mark.parametrize("system", ["metric", "imperial"])
def test_lint_takes_units_for_warnings_and_errors(run, write, system):
    cell = write("mismatched.yaml", CELL)
    claims = write("claims.yaml", """\
        kind: claims
        claims:
          - id: r1
            quote: "a range of 800 km"
            kind: range
            inputs: {cell: amprius-si-nanowire-450, pack_mass: 2000000 kg, vehicle: compact-car, cycle: 100 km/h}
            asserted: 300 km
        """)
    result = run("lint", cell, claims, "--units", system)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    energy, volume, grav = expected(system)              # lint puts them in the file's order
    assert lines[:3] == [f"{cell}:5:32: warning: {volume}", f"{cell}:9:11: warning: {energy}",
                         f"{cell}:10:31: warning: {grav}"]
    if system == "metric":
        assert "a 2e+06 kg pack" in lines[3] and "(at most 1e+06 kg)" in lines[3]
    else:
        assert f"a {2e6 / LB:.4g} lb pack" in lines[3] and f"(at most {1e6 / LB:.4g} lb)" in lines[3]
    assert lines[3].startswith(f"{claims}:6:")


def test_a_claim_on_a_mismatched_cell_warns_in_the_system_asked_for(run, write):
    cell = write("mismatched.yaml", CELL)
    claims = write("claims.yaml", f"""\
        kind: claims
        claims:
          - id: twice
            quote: "twice the energy per kilogram"
            kind: same-weight
            inputs: {{a: tesla-4680, b: {cell}}}
            asserted: 2
        """)
    for system in ("metric", "imperial"):
        data = json.loads(run("check", claims, "--units", system, "--format", "json").stdout)
        notes = data["verdicts"][0]["assumptions"]
        assert [n for n in notes if n.startswith("warning: mismatched: ")] == \
            [f"warning: mismatched: {w}" for w in expected(system)]


def test_show_json_says_which_charge_claim_windows_exceed_the_cells_rating(run, write):
    """The table marked a charge claim's window above the cell's max C-rate ('above the cell's max 1.2 C');
    `show -f json` gave the C-rates alone, so a program could not tell. Each window now has
    ``exceeds_cell_rating`` (None without a rating), as `batcalc charge` gives it."""
    rated = write("rated.yaml", CELL.replace("energy_density: {gravimetric: 400 Wh/kg}\\n", "") + """\
charging:
  max_c_rate: 1.2 C
  claims:
    - {to_soc: 80 %, time: 12 min}
    - {from_soc: 20 %, to_soc: 80 %, time: 60 min}
""")
    data = json.loads(run("show", rated, "-f", "json").stdout)
    windows = [[(w["average_c_rate"]["value"], w["exceeds_cell_rating"]) for w in c["windows"]]
               for c in data["charge_claims"]]
    # 0 -> 80 % and 10 -> 80 % in 12 min: 0.8 / 0.2 h = 4 C and 0.7 / 0.2 h = 3.5 C; 20 -> 80 % in 1 h: 0.6 C
    assert windows == [[(pytest.approx(4.0), True), (pytest.approx(3.5), True)], [(pytest.approx(0.6), False)]]
    table = run("show", rated).stdout
    assert table.count("above the cell's max 1.2 C") == 2
    unrated = write("unrated.yaml", open(rated, encoding="utf-8").read().replace("  max_c_rate: 1.2 C\n", ""))
    data = json.loads(run("show", unrated, "-f", "json").stdout)
    assert [w["exceeds_cell_rating"] for c in data["charge_claims"] for w in c["windows"]] == [None, None, None]
