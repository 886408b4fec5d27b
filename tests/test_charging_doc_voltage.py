"""Twelfth pass: docs/charging.md said the pack voltage is constant over SoC and "the series count of a
pack is not modelled, so a cell's own voltage does not set it", while a cell with an
`electrical.voltage_curve` charges at n = round(V_nominal / V_cell,nominal) cells in series times its
curve (docs/spec-format.md; `batcalc charge` states "111 cells in series x vcell's voltage curve"). The
page now says so; the arithmetic it gives is pinned here."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CELL = """\
kind: cell
id: vcell
name: Cell with a voltage curve
electrical:
  nominal_voltage: 3.6 V
  capacity: 5 Ah
  voltage_curve:
    points:
      - {soc: 0 %, voltage: 3.0 V}
      - {soc: 100 %, voltage: 4.2 V}
physical: {mass: 70 g}
charging:
  max_c_rate: 2 C
"""


def test_the_page_describes_the_voltage_the_code_charges_at():
    text = " ".join((ROOT / "docs" / "charging.md").read_text(encoding="utf-8").split())
    assert "series count of a pack is not modelled" not in text
    assert "n = round(V_nominal / V_cell,nominal)" in text and "batcalc.physics.charging.pack_voltage_curve" in text


def test_a_voltage_curve_sets_the_pack_voltage_as_the_page_says(tmp_path, run):
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charging import pack_voltage_curve

    path = tmp_path / "vcell.yaml"
    path.write_text(CELL, encoding="utf-8")
    series, table = pack_voltage_curve(load_cell(str(path)), 400.0)
    # n = round(400 V / 3.6 V) = round(111.1) = 111; at 30 % SoC the cell is at 3.0 + 1.2 x 0.3 = 3.36 V
    assert series == 111
    assert float(table.at(0.3)) == pytest.approx(111 * 3.36, rel=1e-12)
    out = run("charge", str(path), "--pack-energy", "75 kWh", "--charger", "ccs-350kw")
    assert out.exit_code == 0, out.stderr
    # the span stated: 111 x 3.0 V = 333 V to 111 x 4.2 V = 466.2 V
    assert "111 cells in series x vcell's voltage curve (333-466.2 V), nominal 400 V" in out.stdout
