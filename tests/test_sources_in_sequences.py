"""Values inside a spec's sequences (charge claims, range claims, charge-curve points) cite sources as every other
value does: their own ``source:``, else their group's, else the file's only source; an unknown id is an error.

A spec's sequences became tuples (shared catalogue specs) and the walk over a spec's values looked into lists only:
a charge or range claim citing a misspelt source passed `lint`, and a cell's charge claim covered by the file's
only source was "unsourced" in a claim's evidence.
"""

from __future__ import annotations

import textwrap

import pytest

CELL = """\
kind: cell
id: seq-cell
name: Seq cell
energy_density: {level: cell, gravimetric: {value: 300 Wh/kg, source: a-sheet}}
charging:
  claims:
    - from_soc: 10 %
      to_soc: 80 %
      time: 20 min
      source: CLAIM_SOURCE
ranges:
  - distance: 600 km
    test_cycle: WLTP
    source: RANGE_SOURCE
sources:
  - {id: a-sheet, title: A datasheet, url: "https://example.com/a", grade: datasheet}
  - {id: b-press, title: B press, url: "https://example.com/b", grade: press}
"""


def _write(tmp_path, text: str):
    path = tmp_path / "seq.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _at(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the value ``needle`` (after 'source: ')."""
    for number, line in enumerate(text.splitlines(), 1):
        if f"source: {needle}" in line:
            return number, line.index(f"source: {needle}") + len("source: ") + 1
    raise AssertionError(needle)


@pytest.mark.parametrize("claim, range_", [("b-pres", "b-press"), ("a-sheet", "a-shet")])
def test_an_unknown_source_in_a_charge_or_range_claim_is_an_error_at_its_place(run, tmp_path, claim, range_):
    text = CELL.replace("CLAIM_SOURCE", claim).replace("RANGE_SOURCE", range_)
    path = _write(tmp_path, text)
    wrong = claim if claim == "b-pres" else range_
    line, col = _at(text, wrong)
    shown = run("show", str(path))
    assert shown.exit_code == 2, shown.output
    assert shown.stderr.strip().endswith(f"seq.yaml:{line}:{col}: unknown source {wrong!r}; did you mean "
                                         f"{'b-press' if claim == 'b-pres' else 'a-sheet'!r}?"), shown.stderr
    linted = run("lint", str(path))
    assert linted.exit_code == 2 and f"seq.yaml:{line}:{col}: unknown source {wrong!r}" in linted.stdout


def test_the_values_of_charge_and_range_claims_cite_their_own_source(tmp_path):
    from batcalc.physics.cells import load_cell
    from batcalc.spec.model import sourced_values

    path = _write(tmp_path, CELL.replace("CLAIM_SOURCE", "b-press").replace("RANGE_SOURCE", "a-sheet"))
    cited = {loc: sid for loc, _, sid in sourced_values(load_cell(str(path)).spec)}
    assert cited == {("energy_density", "gravimetric"): "a-sheet",
                     ("charging", "claims", 0, "from_soc"): "b-press", ("charging", "claims", 0, "to_soc"): "b-press",
                     ("charging", "claims", 0, "time"): "b-press", ("ranges", 0, "distance"): "a-sheet"}


def test_a_charge_claim_covered_by_the_file_s_only_source_is_graded_by_it(run, tmp_path):
    path = _write(tmp_path, textwrap.dedent("""\
        kind: cell
        id: one-source
        name: One source
        energy_density: {level: cell, gravimetric: 300 Wh/kg}
        charging:
          claims:
            - {from_soc: 10 %, to_soc: 80 %, time: 20 min}
        sources:
          - {id: a-sheet, title: A datasheet, url: "https://example.com/a", grade: datasheet}
        """))
    r = run("claim", "charge", f"cell={path}", "pack_energy=75 kWh", "--asserted", "20 min")
    assert r.exit_code == 0, r.output
    assert "one-source charge claim (datasheet)" in r.stdout, r.stdout
