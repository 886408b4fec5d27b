"""Ratios at the same mass / energy against hand calculations (the seed article's 300 -> 350 Wh/kg)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batcalc.physics.cells import figures_of, load_cell
from batcalc.physics.compare import energy_at_same_mass, mass_at_same_energy
from batcalc.report.compare import compare_rows
from batcalc.spec.model import parse_spec


def test_seed_300_to_350():
    a, b = load_cell("gac-aion-ssb-300"), load_cell("gac-aion-ssb-350")
    # same mass: E2/E1 = 350/300 = 1.1667 (+16.7 %), not 3; same energy: m2/m1 = 300/350 = 0.857 (-14.3 %)
    assert energy_at_same_mass(a, b).value == pytest.approx(350 / 300)
    assert energy_at_same_mass(a, b).percent == pytest.approx(16.6667, abs=1e-3)
    assert mass_at_same_energy(a, b).value == pytest.approx(300 / 350)
    assert mass_at_same_energy(a, b).percent == pytest.approx(-14.2857, abs=1e-3)


def density_cell(rho: float, level: str = "cell"):
    return figures_of(parse_spec(f"kind: cell\nid: c{int(rho)}\nname: c\n"
                                 f"energy_density: {{level: {level}, gravimetric: {rho!r} Wh/kg}}\n"))


@given(r1=st.floats(50, 1000), r2=st.floats(50, 1000))
def test_same_mass_and_same_energy_are_reciprocal(r1, r2):
    a, b = density_cell(r1), density_cell(r2)
    assert energy_at_same_mass(a, b).value * mass_at_same_energy(a, b).value == pytest.approx(1.0)


def test_cell_and_pack_levels_are_not_compared():
    r = energy_at_same_mass(density_cell(300), density_cell(180, "pack"))
    assert r.value is None and "pack-level" in r.why_missing


def test_compare_rows_json_has_tradeoffs():
    a, b = load_cell("gac-aion-ssb-300"), load_cell("gac-aion-ssb-350")
    _, rows, _, data = compare_rows([a, b], a, "metric")
    assert data["tradeoffs"]["energy_at_same_mass"]["gac-aion-ssb-350"]["ratio"] == pytest.approx(7 / 6)
    assert any(r[0] == "mass at the same energy" for r in rows)


def test_show_flags_claims_above_the_cells_rating(run, write):
    path = write("fast.yaml", """
        kind: cell
        id: fast
        name: Fast
        charging:
          max_c_rate: 1 C
          claims:
            - {from_soc: 10 %, to_soc: 80 %, time: 12 min}
        """)
    r = run("show", path)
    # 10 -> 80 % in 12 min = 3.5 C average, above the 1 C rating
    assert "10->80 %: 3.5 C average (above the cell's max 1 C)" in r.stdout


def test_a_file_reusing_a_catalogue_id_gets_its_own_column_header(run, tmp_path):
    """Issue 14: two columns never share a header."""
    from pathlib import Path

    src = Path(__file__).resolve().parent.parent / "specs" / "cells" / "gac-aion-ssb-350.yaml"
    mine = tmp_path / "mine.yaml"
    mine.write_text(src.read_text())
    header = run("compare", "gac-aion-ssb-350", str(mine)).stdout.splitlines()[0].split("  ")
    columns = [h.strip() for h in header if h.strip()]
    assert columns[2:] == ["gac-aion-ssb-350 (baseline)", f"gac-aion-ssb-350 ({mine})"]


def test_one_file_under_two_spellings_is_one_cell(run, tmp_path, monkeypatch):
    """compare took 'cell.yaml' and './cell.yaml' (or an id and its catalogue path) as two cells, each
    x1 of the other, and a --baseline spelt another way added the file again as a third column."""
    import json
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    Path("elec.yaml").write_text("kind: cell\nid: elec\nname: E\nelectrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}\n"
                                 "physical: {mass: 70 g}\n")
    from batcalc.spec.catalog import specs_root

    catalogue = specs_root() / "cells" / "tesla-4680.yaml"     # where batcalc reads its catalogue from
    for names in (("elec.yaml", "./elec.yaml"), ("tesla-4680", str(catalogue))):
        r = run("compare", *names)
        assert r.exit_code == 2, r.stdout
        assert r.stderr.strip().splitlines() == [f"batcalc: error: {names[1]!r} is given twice (as {names[0]!r}: "
                                                 "the same file): compare needs different cells, each once"]
    data = json.loads(run("compare", "tesla-4680", "./elec.yaml", "-b", "elec.yaml", "-f", "json").stdout)
    assert data["baseline"] == "elec" and [c["id"] for c in data["cells"]] == ["tesla-4680", "elec"]
    # 3.6 V x 5 Ah / 70 g = 257.1 Wh/kg against the 4680's 241.01 Wh/kg
    ratio = data["tradeoffs"]["energy_at_same_mass"]["tesla-4680"]["ratio"]
    assert ratio == pytest.approx(241.01 / (3.6 * 5 / 0.07), rel=1e-4)


def test_a_pack_level_density_gets_no_ratio_to_a_cell_level_baseline(run, tmp_path):
    """The density rows gave a pack-level density a ratio to a cell-level baseline ('200 (x1.25, +25.0 %)')
    while the rows below said 'n/a (... cell-level, ... pack-level)' for the same pair; a cell of the
    baseline's level keeps its ratio (257.1 / 160 = x1.607)."""
    import json

    pack = tmp_path / "p.yaml"
    pack.write_text("kind: cell\nid: p\nname: P\nenergy_density: {level: pack, gravimetric: 200 Wh/kg, "
                    "volumetric: 300 Wh/L}\n")
    cell = tmp_path / "c.yaml"
    cell.write_text("kind: cell\nid: c\nname: C\nenergy_density: {level: cell, gravimetric: 257.1 Wh/kg}\n")
    data = json.loads(run("compare", "byd-blade-lfp", str(pack), str(cell), "-f", "json").stdout)
    grav = next(m for m in data["metrics"] if m["key"] == "gravimetric")
    assert "p" not in grav["vs_baseline"]
    assert grav["vs_baseline"]["c"]["ratio"] == pytest.approx(257.1 / 160)
    table = run("compare", "byd-blade-lfp", str(pack), str(cell)).stdout
    row = next(line for line in table.splitlines() if line.startswith("gravimetric energy density"))
    assert "200 (pack level: no ratio to cell level)" in row and "x1.25" not in row and "x1.607" in row
    csv_rows = run("compare", "byd-blade-lfp", str(pack), "-f", "csv").stdout.splitlines()
    assert "gravimetric energy density,Wh/kg,p,200,," in csv_rows


def test_json_and_csv_keep_both_cells_that_share_an_id(run, tmp_path, monkeypatch):
    """A file reusing a catalogue id (``batcalc new cell tesla-4680``) compared with that catalogue cell:
    the table showed both columns, but JSON and CSV keyed figures by id, so one cell's figures overwrote
    the other's (the CSV paired the catalogue's 241.01 Wh/kg with the file's ratio x1.079). They are now
    keyed by the column label, as the table names them."""
    import csv
    import io
    import json

    monkeypatch.chdir(tmp_path)
    Path("tesla-4680.yaml").write_text("kind: cell\nid: tesla-4680\nname: mine\n"
                                       "energy_density: {level: cell, gravimetric: 260 Wh/kg}\n")
    catalogue = 85.56 / 0.355                      # the catalogue 4680: energy / mass, Wh/kg
    data = json.loads(run("compare", "tesla-4680", "tesla-4680.yaml", "-f", "json").stdout)
    mine = "tesla-4680 (tesla-4680.yaml)"
    assert data["baseline"] == "tesla-4680" and [c["label"] for c in data["cells"]] == ["tesla-4680", mine]
    grav = next(m for m in data["metrics"] if m["key"] == "gravimetric")
    assert grav["values"]["tesla-4680"]["value"] == pytest.approx(catalogue, rel=1e-4)
    assert grav["values"][mine]["value"] == pytest.approx(260)
    assert grav["vs_baseline"][mine]["ratio"] == pytest.approx(260 / catalogue, rel=1e-4)
    rows = list(csv.DictReader(io.StringIO(run("compare", "tesla-4680", "tesla-4680.yaml", "-f", "csv").stdout)))
    grav_rows = {r["cell"]: r for r in rows if r["metric"] == "gravimetric energy density"}
    assert float(grav_rows["tesla-4680"]["value"]) == pytest.approx(catalogue, rel=1e-4)
    assert grav_rows["tesla-4680"]["ratio"] == ""
    assert float(grav_rows[mine]["value"]) == pytest.approx(260)
    assert float(grav_rows[mine]["ratio"]) == pytest.approx(260 / catalogue, rel=1e-4)


def test_show_json_names_the_one_source_of_a_claim_as_the_table_does(run, tmp_path):
    """A file with one source: ``show`` put that source beside its charge and range claims in the table but
    gave ``"source": null`` in JSON; both now name it (10 -> 80 % in 20 min is 0.7 / (1/3 h) = 2.1 C)."""
    import json

    cell = tmp_path / "one.yaml"
    cell.write_text("kind: cell\nid: one\nname: One\ncharging:\n  claims:\n"
                    "    - {from_soc: 10 %, to_soc: 80 %, time: 20 min}\n"
                    "ranges:\n  - {distance: 600 km, test_cycle: WLTP}\n"
                    "sources:\n  - {id: sheet, title: T, url: 'https://example.org', grade: datasheet}\n")
    table = run("show", str(cell)).stdout
    assert [line.split()[-2:] for line in table.splitlines() if line.startswith(("charge claim", "range claim"))] \
        == [["sheet", "datasheet"], ["sheet", "datasheet"]]         # the source and its grade
    data = json.loads(run("show", str(cell), "-f", "json").stdout)
    (charge,), (rng,) = data["charge_claims"], data["range_claims"]
    assert charge["source"] == "sheet" and rng["source"] == "sheet"
    assert charge["windows"][0]["average_c_rate"]["value"] == pytest.approx((0.80 - 0.10) / (20 / 60))


def test_compare_says_which_figures_the_baseline_lacks(run, tmp_path):
    """A baseline without a figure the others give (a file with a gravimetric density only, against the
    Blade's 432 Wh, 2.7 kg, 1.216 L) left those rows' figures bare, with no ratio and no word why; a note
    now names them. The row both give keeps its ratio: 160 / 200 = x0.8."""
    base = tmp_path / "g.yaml"
    base.write_text("kind: cell\nid: g\nname: G\nenergy_density: {level: cell, gravimetric: 200 Wh/kg}\n")
    out = run("compare", str(base), "byd-blade-lfp").stdout
    assert ("the baseline g gives no nominal voltage, capacity, energy, mass, volume, volumetric energy density: "
            "no ratio to it in those rows") in out
    grav = next(line for line in out.splitlines() if line.startswith("gravimetric energy density"))
    assert f"x{160 / 200:g}" in grav
    full = run("compare", "byd-blade-lfp", str(base)).stdout     # the Blade as baseline gives every figure
    assert "gives no" not in full


def test_a_baseline_not_among_the_cells_is_added_as_the_first_column_as_the_help_says(run):
    out = run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "--baseline", "tesla-4680", "-f", "csv")
    assert out.exit_code == 0
    cells = list(dict.fromkeys(line.split(",")[2] for line in out.stdout.splitlines()[1:]))
    assert cells == ["tesla-4680", "gac-aion-ssb-300", "gac-aion-ssb-350"]
    assert "added as the first column when not among CELLS" in " ".join(run("compare", "--help").stdout.split())
