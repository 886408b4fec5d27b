"""Twelfth pass: ``convert -f csv`` wrote the header ``from,unit,to,unit``; a CSV reader keyed by column
name (csv.DictReader, pandas' ``usecols``) kept one 'unit', the target's, beside the value converted from
(100 read as 100 mph). Each column is named once."""

from __future__ import annotations

import csv
import io

import pytest


def test_each_column_of_a_conversion_is_named_once(run):
    out = run("convert", "100 km/h", "mph", "-f", "csv")
    assert out.exit_code == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["from", "from_unit", "to", "to_unit"]
    assert (row["from"], row["from_unit"], row["to_unit"]) == ("100", "km/h", "mph")
    # 100 km/h = 100000 m / 1609.344 m per mile = 62.137 mph
    assert float(row["to"]) == pytest.approx(100_000 / 1609.344, rel=1e-12)
