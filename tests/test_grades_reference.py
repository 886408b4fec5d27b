"""A figure derived from reference-grade inputs (a standard, a peer model such as FASTSim) was graded
'datasheet': ``weakest_grade`` knew only assumption, press and datasheet, and took anything else for a
datasheet. It now ranks a reference below a datasheet (second hand) and above the press; the Ragone chart,
which colours a point by that grade, draws a reference-grade point."""

from __future__ import annotations

import pytest

from batcalc.physics.cells import figures_of, weakest_grade
from batcalc.spec.model import parse_spec

REFERENCE_CELL = """\
kind: cell
id: ref-cell
name: A cell whose figures come from a reference model
electrical: {energy: 18 Wh}
physical: {mass: 70 g, volume: 0.025 L}
sources:
  - {id: model, title: "A peer model", url: "https://example.org/model", date: 2024, grade: reference}
"""


def test_weakest_grade_ranks_reference_between_press_and_datasheet():
    assert weakest_grade(["reference", "reference"]) == "reference"
    assert weakest_grade(["datasheet", "reference"]) == "reference"
    assert weakest_grade(["reference", "press"]) == "press"
    assert weakest_grade(["reference", "assumption"]) == "assumption"
    assert weakest_grade(["reference", None]) is None


def test_a_figure_derived_from_reference_figures_is_reference_grade():
    c = figures_of(parse_spec(REFERENCE_CELL))
    assert c.figures["energy"].grade == "reference" and c.figures["mass"].grade == "reference"
    g = c.figures["gravimetric"]
    assert g.derived == "energy / mass" and g.grade == "reference"
    assert g.si == pytest.approx(18 * 3600 / 0.070)                  # 257.1 Wh/kg, by hand


def test_the_ragone_chart_draws_a_reference_grade_point(tmp_path):
    pytest.importorskip("matplotlib")
    from batcalc.physics.cells import load_cell
    from batcalc.plots.draw import draw_ragone, ragone_data

    path = tmp_path / "ref-cell.yaml"
    path.write_text(REFERENCE_CELL, encoding="utf-8")
    data = ragone_data([load_cell(str(path)), load_cell("tesla-4680")], "metric")
    assert data["points"][0]["grade"] == "reference"
    out = draw_ragone(data, tmp_path / "r.png")
    assert out.stat().st_size > 0
