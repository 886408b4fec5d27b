"""Pins on density ratios between two cells, their text and JSON forms (hand-worked numbers)."""

from __future__ import annotations

import pytest

from batcalc.physics.cells import figures_of
from batcalc.physics.compare import (
    TRADEOFFS,
    Ratio,
    energy_at_same_mass,
    energy_at_same_volume,
    mass_at_same_energy,
    volume_at_same_energy,
)
from batcalc.spec.model import parse_spec


def cell(cid: str, density: str):
    return figures_of(parse_spec(f"kind: cell\nid: {cid}\nname: X\nenergy_density: {density}\n"))


A = cell("a", "{gravimetric: 300 Wh/kg, volumetric: 600 Wh/L}")
B = cell("b", "{gravimetric: 350 Wh/kg, volumetric: 800 Wh/L}")


def test_ratios_by_hand():
    assert energy_at_same_mass(A, B).value == pytest.approx(350 / 300)
    assert mass_at_same_energy(A, B).value == pytest.approx(300 / 350)
    assert energy_at_same_volume(A, B).value == pytest.approx(800 / 600)
    assert volume_at_same_energy(A, B).value == pytest.approx(600 / 800)
    assert energy_at_same_mass(A, B).percent == pytest.approx(50 / 3)        # +16.67 %
    assert [t[0] for t in TRADEOFFS] == ["energy_at_same_mass", "mass_at_same_energy", "energy_at_same_volume",
                                         "volume_at_same_energy"]


def test_text_inline_and_json():
    r = Ratio(350 / 300)
    assert r.text() == "x1.167 (+16.7 %)"
    assert r.inline() == "x1.167, +16.7 %"
    assert Ratio(0.75).text() == "x0.75 (-25.0 %)"
    j = r.json()
    assert j == {"ratio": round(350 / 300, 12), "percent": round(50 / 3, 10)}
    assert j["ratio"] == pytest.approx(1.166666666667, abs=1e-13)
    assert Ratio(None, "no data").json() == {"ratio": None, "percent": None, "why_missing": "no data"}
    assert Ratio(None, "no data").text() == "n/a (no data)"
    assert Ratio(None).percent is None


def test_a_change_that_rounds_to_zero_has_no_minus_sign():
    """A range held to 1e-9 below its target is no change: '+0.0 %', as one 1e-9 above it; -0.04 % still
    rounds to zero, -0.05 % does not (to -0.1 %, half away from zero in binary: 0.9995 is 0.99949...)."""
    from batcalc.claims.check import _pct
    from batcalc.report.claims import phrase_text

    assert Ratio(1 - 1e-9).text() == Ratio(1 + 1e-9).text() == "x1 (+0.0 %)"
    assert Ratio(1 - 1e-9).inline() == "x1, +0.0 %"
    assert Ratio(1 - 4e-4).text() == "x0.9996 (+0.0 %)" and Ratio(1 - 6e-4).text() == "x0.9994 (-0.1 %)"
    assert phrase_text((_pct(-1e-9),)) == "+0.0 %" and phrase_text((_pct(-1e-3),)) == "-0.1 %"


def test_missing_figure_names_the_cell_that_lacks_it():
    grav_only = cell("g", "{gravimetric: 300 Wh/kg}")
    r = energy_at_same_volume(grav_only, B)
    assert r.value is None and r.why_missing == "no volumetric energy density for g"
    assert energy_at_same_volume(B, grav_only).why_missing == "no volumetric energy density for g"
    assert energy_at_same_volume(grav_only, grav_only).why_missing == "no volumetric energy density for g"


def test_cell_and_pack_level_are_not_compared():
    p = cell("p", "{level: pack, gravimetric: 180 Wh/kg}")
    r = energy_at_same_mass(A, p)
    assert r.value is None and r.why_missing == "a is cell-level, p is pack-level"
    assert energy_at_same_mass(p, cell("q", "{level: pack, gravimetric: 200 Wh/kg}")).value == pytest.approx(200 / 180)
