"""Mainstream datasheet cells in the catalogue: each shows Wh/kg and Wh/L, and the files say what the
sheets say.

Figures are SI (J/kg, J/m^3, kg, m, 1/s); the expected values below are typed from the documents
named in the comments, not copied from batcalc's output.
"""

from __future__ import annotations

import math

import pytest

from batcalc.physics.cells import load_cell
from batcalc.spec import catalog

WH = 3600.0                         # J per Wh
WH_PER_L = 3.6e6                    # J/m^3 per Wh/L

#: Cylindrical and prismatic cells in the catalogue: the mainstream formats with datasheets.
FORMAT_CELLS = [i for i in catalog.catalog_ids("cell")
                if catalog.load(i, "cell").format in ("cylindrical", "prismatic")]

#: Those with at least one datasheet-grade source (maker's sheet, independent lab or teardown).
DATASHEET_CELLS = [i for i in FORMAT_CELLS if "datasheet" in {s.grade for s in catalog.load(i, "cell").sources}]

#: Cells that still lack a sourced figure for a density; each file's notes say which figure is
#: missing and why. Strict: the test fails once the figure is added, so the entry must go.
STILL_MISSING: dict[str, str] = {}


def test_the_mainstream_cells_are_in_the_catalogue():
    for cell_id in ("panasonic-ncr18650b", "samsung-inr21700-50e", "samsung-inr21700-50s",
                    "samsung-icr18650-26c", "tenpower-inr21700-40tg", "tesla-4680"):
        assert cell_id in DATASHEET_CELLS, cell_id
    for cell_id in ("panasonic-ncr18650ga", "molicel-inr21700-m50a", "molicel-inr18650-p26a", "murata-us18650vtc6",
                    "murata-us21700vtc6a", "eve-lf105", "eve-lf230"):
        assert cell_id in FORMAT_CELLS, cell_id
    assert len(DATASHEET_CELLS) >= 6 and len(FORMAT_CELLS) >= 13


@pytest.mark.parametrize("cell_id", [
    pytest.param(i, marks=pytest.mark.xfail(strict=True, reason=STILL_MISSING[i])) if i in STILL_MISSING else i
    for i in FORMAT_CELLS])
def test_every_cylindrical_or_prismatic_cell_shows_both_densities(cell_id):
    cell = load_cell(cell_id)
    grav, vol = cell.get("gravimetric"), cell.get("volumetric")
    assert grav is not None and vol is not None, cell_id
    # a cell, not a pack or a typo: 50-400 Wh/kg and 100-1200 Wh/L
    assert 50 < grav / WH < 400 and 100 < vol / WH_PER_L < 1200, (grav / WH, vol / WH_PER_L)
    assert cell.warnings == ()


def test_ncr18650b_now_has_densities():
    cell = load_cell("panasonic-ncr18650b")
    # Panasonic safety data sheet (filed with the NCR18650BK): "Nominal voltage: Single cell: 3.6 volts"
    assert cell.get("nominal_voltage") == pytest.approx(3.6)
    # Batemo lab data via wattworks.bike: nominal 3.35 Ah, weight 45.6 g, 18.2 x 65.1 mm
    assert cell.get("capacity") == pytest.approx(3.35 * WH)
    assert cell.get("mass") == pytest.approx(0.0456)
    energy = 3.6 * 3.35 * WH
    assert cell.get("gravimetric") == pytest.approx(energy / 0.0456)
    assert cell.get("volumetric") == pytest.approx(energy / (math.pi * 0.0091 ** 2 * 0.0651))
    assert cell.figures["gravimetric"].derived and cell.figures["gravimetric"].grade == "datasheet"


def test_samsung_50s_headline_figures():
    # Samsung SDI INR21700-50S specification (batteryspace.com copy): nominal 3.6 V, standard capacity
    # typ. 5,000 mAh, cell weight 72.0 g max, height max 70.62 mm, diameter max 21.25 mm, rated charge
    # 1.2C (6,000 mA), cycle life >= 2,940 mAh after 250 cycles (60 %)
    cell = load_cell("samsung-inr21700-50s")
    assert cell.get("nominal_voltage") == pytest.approx(3.6)
    assert cell.get("capacity") == pytest.approx(5.0 * WH)
    assert cell.get("mass") == pytest.approx(0.072)
    assert cell.get("max_c_rate") == pytest.approx(6.0 / 5.0 / 3600)
    assert cell.get("cycles") == 250 and cell.get("retention") == pytest.approx(0.60)
    assert cell.get("gravimetric") / WH == pytest.approx(3.6 * 5.0 / 0.072)          # 250 Wh/kg
    litres = math.pi * (21.25 / 2) ** 2 * 70.62 / 1e6
    assert cell.get("volumetric") / WH_PER_L == pytest.approx(18.0 / litres)         # ~719 Wh/L


def test_samsung_26c_headline_figures():
    # Samsung SDI Spec. No. ICR18650-26C v1.0: nominal 2,600 mAh, nominal 3.7 V, weight 47.0 g max,
    # height 65.00 mm max, diameter 18.40 mm max, max charge current 2,600 mA
    cell = load_cell("samsung-icr18650-26c")
    assert cell.get("energy") / WH == pytest.approx(3.7 * 2.6)
    assert cell.get("gravimetric") / WH == pytest.approx(3.7 * 2.6 / 0.047)
    assert cell.get("volume") == pytest.approx(math.pi * 0.0092 ** 2 * 0.065)
    assert cell.get("max_c_rate") * 3600 == pytest.approx(2.6 / 2.6)


def test_tenpower_40tg_headline_figures():
    # Tenpower INR21700-40TG product datasheet v1.41: nominal 4,000 mAh, 3.6 V, 14.4 Wh, weight 70 g
    # max, gravimetric 206 Wh/kg; its 594 Wh/L is left out (3.3 % above what its max dimensions give)
    cell = load_cell("tenpower-inr21700-40tg")
    assert cell.get("energy") / WH == pytest.approx(14.4)
    assert cell.get("gravimetric") / WH == pytest.approx(206)
    assert cell.figures["gravimetric"].derived is None                     # given by the sheet
    assert cell.figures["volumetric"].derived                              # from 21.3 x 70.3 mm
    assert cell.get("volumetric") / WH_PER_L < 594 * 0.97


def test_50e_wh_per_l_rests_on_an_assumption_that_show_states():
    # Samsung SDI spec V1.0 (documents.pub copy): nominal 3.63 V, 1C = 4,900 mA; the same spec as quoted
    # in the battery-data database: "Weight max. 69.0 g"; no dimensions in either, so the volume is
    # the designation's 21 mm x 70.0 mm, an assumption
    from batcalc.report.compare import show_rows

    cell = load_cell("samsung-inr21700-50e")
    assert cell.get("gravimetric") / WH == pytest.approx(3.63 * 4.9 / 0.069)         # ~258 Wh/kg
    assert cell.figures["gravimetric"].grade == "press"        # the mass comes from a transcription
    assert cell.get("volumetric") / WH_PER_L == pytest.approx(3.63 * 4.9 / (math.pi * 1.05 ** 2 * 7.0 / 1000))
    assert cell.figures["volume"].grade == cell.figures["volumetric"].grade == "assumption"
    assert cell.figures["volumetric"].sources == ("samsung-50e-spec-v1",)     # the energy's; no source for the size
    _, rows, notes, data = show_rows(cell, "metric")
    assert [r[-1] for r in rows if r[0].startswith("volumetric")] == ["assumption"]
    said = [n for n in notes if n.startswith("assumption (physical.dimensions.")]
    assert len(said) == 2 and "INR21700" in said[0] and "3 % high" in said[0]
    assert data["figures"]["volumetric"]["grade"] == "assumption"
    assert not any(n.startswith("not known:") for n in notes)
    from batcalc.report.compare import grade_of, list_rows

    assert grade_of(cell) == "assumption+datasheet+press"
    assert grade_of(load_cell("samsung-inr21700-50s")) == "datasheet"          # no assumption, no suffix
    assert list_rows([cell], "metric")[1][0][-1] == "assumption+datasheet+press"


def test_ncr18650ga_and_eve_prismatic_headline_figures():
    # Panasonic Industry NCR-18650GA page as quoted in battery-data: 3.6 V, typ. 3,450 mAh,
    # 49.5 g max. approx., 18.5 x 65.3 mm max
    ga = load_cell("panasonic-ncr18650ga")
    assert ga.get("gravimetric") / WH == pytest.approx(3.6 * 3.45 / 0.0495)           # ~251 Wh/kg
    assert ga.get("volumetric") / WH_PER_L == pytest.approx(3.6 * 3.45 / (math.pi * 0.925 ** 2 * 6.53 / 1000))
    # EVE LF105 (EVE EU shop as quoted in battery-data): 3.2 V, 105 Ah, 1.98 kg, 130.3*36.35*200.5 mm,
    # 5000 cycles; LF230: 3.2 V, 230 Ah, 4.14 kg, 173.9*53.8*207.2 mm, 4000 cycles
    for cell_id, ah, kg, dims_mm, cycles in (("eve-lf105", 105, 1.98, (130.3, 36.35, 200.5), 5000),
                                             ("eve-lf230", 230, 4.14, (173.9, 53.8, 207.2), 4000)):
        cell = load_cell(cell_id)
        litres = math.prod(dims_mm) / 1e6
        assert cell.get("gravimetric") / WH == pytest.approx(3.2 * ah / kg)
        assert cell.get("volumetric") / WH_PER_L == pytest.approx(3.2 * ah / litres)
        assert cell.get("cycles") == cycles
        assert cell.figures["volume"].derived        # box volume from the three published sides


def test_murata_and_molicel_listing_figures():
    # Murata products-search listing as quoted in battery-data: VTC6 3,120 mAh, 3.6 V, 46.6 g,
    # 18.0 x 65.0 mm; VTC6A 4,100 mAh, 3.6 V, 67.5 g, 21.0 x 70.0 mm
    for cell_id, ah, g, d_mm, h_mm in (("murata-us18650vtc6", 3.12, 46.6, 18.0, 65.0),
                                       ("murata-us21700vtc6a", 4.1, 67.5, 21.0, 70.0)):
        cell = load_cell(cell_id)
        litres = math.pi * (d_mm / 2) ** 2 * h_mm / 1e6
        assert cell.get("gravimetric") / WH == pytest.approx(3.6 * ah / (g / 1000))
        assert cell.get("volumetric") / WH_PER_L == pytest.approx(3.6 * ah / litres)
    # Molicel P26A page as quoted in battery-data: "Energy Density 535 Wh/L and 190 Wh/kg", given and
    # within 3 % of 3.6 V x 2.6 Ah over 50 g and 18.6 x 65.2 mm (so no mismatch warning)
    p26a = load_cell("molicel-inr18650-p26a")
    assert p26a.get("gravimetric") / WH == pytest.approx(190)
    assert p26a.get("volumetric") / WH_PER_L == pytest.approx(535)
    assert p26a.figures["gravimetric"].derived is None and p26a.warnings == ()


def test_show_says_which_figures_are_missing():
    """Issue 14: where a figure is missing, `show` says which (and points to the notes for why)."""
    from batcalc.physics.cells import load_cell
    from batcalc.report.compare import show_rows

    _, _, notes, _ = show_rows(load_cell("catl-condensed"), "metric", with_data=False)
    line = next(n for n in notes if n.startswith("not known:"))
    assert "mass, volume" in line and "volumetric energy density" in line and "notes below" in line
    _, _, notes, _ = show_rows(load_cell("tesla-4680"), "metric", with_data=False)
    assert not any(n.startswith("not known:") for n in notes)


def test_weakest_grade_orders_unsourced_assumption_press_datasheet():
    from batcalc.physics.cells import weakest_grade

    assert weakest_grade(["datasheet", "datasheet"]) == "datasheet"
    assert weakest_grade(["datasheet", "press"]) == "press"
    assert weakest_grade(["press", "assumption", "datasheet"]) == "assumption"
    assert weakest_grade(["assumption", None]) is None
    assert weakest_grade([]) is None


def test_a_figure_with_a_stated_assumption_and_no_source_is_graded_assumption():
    from batcalc.physics.cells import figures_of
    from batcalc.spec.model import parse_spec

    spec = parse_spec("kind: cell\nid: x\nname: X\n"
                      "electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}\n"
                      "physical: {mass: {value: 70 g, assumption: a typical 21700}}\n")
    figs = figures_of(spec)
    assert figs.assumptions == ((("physical", "mass"), "a typical 21700"),)
    f = figs.figures
    assert f["mass"].grade == "assumption" and f["gravimetric"].grade is None     # the energy is unsourced
    assert f["gravimetric"].si == pytest.approx(3.6 * 5 * 3600 / 0.070)


def test_a_cells_grade_is_of_the_sources_its_values_cite(write):
    """``list`` and ``compare`` graded tesla-4680 'datasheet+press' from every source its file lists, though
    every value cites a press teardown and the datasheet-grade paper is named in the notes only: the grade is
    of what the values cite (a source no value cites lends none), as each figure's grade is."""
    from batcalc.report.compare import grade_of

    cell = load_cell("tesla-4680")
    assert {s.grade for s in cell.spec.sources} == {"datasheet", "press"}
    assert {f.grade for f in cell.figures.values()} == {"press"} and grade_of(cell) == "press"
    path = write("c.yaml", """
        kind: cell
        id: c
        name: C
        electrical: {nominal_voltage: {value: 3.6 V, source: d}, capacity: {value: 5 Ah, assumption: "a guess"}}
        physical: {mass: 70 g}
        sources:
          - {id: d, title: D, document: d.pdf, grade: datasheet}
          - {id: p, title: P, url: "https://example.org", grade: press}
        """)
    assert grade_of(load_cell(path)) == "assumption+datasheet+unsourced"      # the mass cites nothing


def test_show_grades_a_cells_charge_and_range_claims(run):
    """``show`` left the grade column empty on a cell's charge-claim and range-claim rows (their source
    given): each takes the grade of the source it cites, in the table and in JSON."""
    import json

    table = run("show", "catl-shenxing-lfp").stdout
    rows = [line.split() for line in table.splitlines() if line.startswith(("charge claim", "range claim"))]
    assert len(rows) == 2 and all(r[-2:] == ["paultan-shenxing-2023", "press"] for r in rows)
    data = json.loads(run("show", "catl-shenxing-lfp", "-f", "json").stdout)
    assert [c["grade"] for c in data["charge_claims"] + data["range_claims"]] == ["press", "press"]
