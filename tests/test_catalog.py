"""The built-in catalogue: every file loads, every number has a graded source, seed cells present."""

from __future__ import annotations

import pytest

from batcalc.errors import NotFoundError
from batcalc.io.yamlfile import load_yaml
from batcalc.physics.cells import load_cell
from batcalc.spec import catalog
from batcalc.spec.model import _walk_values, resolve_sources

CELL_IDS = catalog.catalog_ids("cell")


def test_seed_cells_and_enough_real_cells():
    for seed in ("gac-aion-ssb-300", "gac-aion-ssb-350", "huineng-llcb"):
        assert seed in CELL_IDS
    real = [i for i in CELL_IDS if not i.startswith("gac-aion") and i != "huineng-llcb"]
    assert len(real) >= 8


@pytest.mark.parametrize("cell_id", CELL_IDS)
def test_every_number_has_a_graded_source(cell_id):
    path, in_catalogue = catalog.resolve(cell_id, "cell")
    assert in_catalogue
    spec = catalog.load(cell_id, "cell")            # require_sources=True for catalogue files
    cited = resolve_sources(spec, load_yaml(path), require=True)
    grades = {s.id: s.grade for s in spec.sources}
    for loc, value, _ in _walk_values(spec):
        assert cited[loc] in grades or value.assumption, (cell_id, loc)
        assert grades.get(cited[loc]) in ("datasheet", "press") or value.assumption
    for s in spec.sources:
        assert s.url or s.document
    if spec.cycle_life is not None:
        assert spec.cycle_life.source or len(spec.sources) == 1


def test_seed_values():
    assert load_cell("gac-aion-ssb-300").get("gravimetric") / 3600 == pytest.approx(300)
    assert load_cell("gac-aion-ssb-350").get("gravimetric") / 3600 == pytest.approx(350)
    llcb = catalog.load("huineng-llcb", "cell")
    claim = llcb.charging.claims[0]
    assert claim.from_soc is None and claim.to_soc.si == pytest.approx(0.8) and claim.time.si == 720
    assert any(r.distance.si == pytest.approx(1e6) for r in llcb.ranges)


def test_unknown_id_suggests():
    with pytest.raises(NotFoundError, match="did you mean gac-aion-ssb-350"):
        catalog.resolve("gac-aion-ssb-35", "cell")


def test_catalogue_ids_match_file_names():
    for cell_id in CELL_IDS:
        assert catalog.load(cell_id, "cell").id == cell_id


def test_reading_specs_leaves_no_cyclic_garbage():
    """Loading, showing and checking free everything by reference counting: garbage left to the
    cycle collector (a recursive closure, say) holds whole specs and slows batch runs."""
    import gc

    from batcalc.claims.check import check_file
    from batcalc.report.compare import show_rows
    from batcalc.spec import catalog

    ids = catalog.catalog_ids("cell")
    claims = str(catalog.specs_root() / "claims" / "seed-article.yaml")

    def work():
        catalog._load_cached.cache_clear()
        for cid in ids:
            show_rows(load_cell(cid), "metric", with_data=False)
        check_file(claims)

    work()                                      # first use builds caches (pint, pydantic) once
    gc.collect()
    gc.disable()
    try:
        work()
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_file_in_the_current_folder_does_not_shadow_a_catalogue_id(tmp_path, monkeypatch):
    from batcalc.errors import SpecError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "gac-aion-ssb-350").write_text("not a spec\n")
    (tmp_path / "mid-sedan").mkdir()
    path, in_catalogue = catalog.resolve("gac-aion-ssb-350", "cell")
    assert in_catalogue and path.parent.name == "cells"
    assert catalog.resolve("mid-sedan", "vehicle")[1]
    with pytest.raises(SpecError, match="expected a YAML mapping"):          # ./name means the file
        load_cell("./gac-aion-ssb-350")
    (tmp_path / "my-cell").write_text("x")                                  # not an id: the file
    assert catalog.resolve("my-cell", "cell") == (tmp_path.joinpath("my-cell").relative_to(tmp_path), False)


def test_a_value_where_a_spec_belongs_is_named_a_value(run):
    """'350 Wh/kg' as a cell (its '/' read as a path) said '350 Wh/kg: no such file'."""
    cases = [(("range", "350 Wh/kg", "--vehicle", "mid-sedan"),
              "'350 Wh/kg' is a value, not a cell: give a catalogue id or the path of a cell spec (see "
              "'batcalc list'; 'batcalc new cell ID' writes one)"),
             (("range", "gac-aion-ssb-350", "--vehicle", "1800 kg"),
              "'1800 kg' is a value, not a vehicle: give a catalogue id or the path of a vehicle spec (see "
              "'batcalc list --kind vehicle'; 'batcalc new vehicle ID' writes one)")]
    for args, message in cases:
        r = run(*args)
        assert r.exit_code == 2 and r.stderr.strip().splitlines() == [f"batcalc: error: {message}"], r.stderr


def test_a_catalogue_cells_value_may_be_an_assumption_as_spec_format_says():
    """docs/spec-format.md: any spec file, catalogue ones included, may mark a value no source gives as an
    assumption with its reason (it said vehicle files only, while catalogue cells carried some): loaded
    with sources required, graded 'assumption'."""
    marked = [c for c in catalog.catalog_ids("cell")
              if "assumption:" in catalog.resolve(c, "cell")[0].read_text(encoding="utf-8")]
    assert marked, "no catalogue cell marks an assumption: docs/spec-format.md names one"
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "spec-format.md").read_text(encoding="utf-8")
    assert any(f"specs/cells/{c}.yaml" in text for c in marked)
    for cell_id in marked:
        cell = load_cell(cell_id)
        assert cell.assumptions and all(why.strip() for _, why in cell.assumptions), cell_id
        assert any(f.grade == "assumption" for f in cell.figures.values()), cell_id
