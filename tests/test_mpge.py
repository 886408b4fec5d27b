"""MPGe on request (issue 14): `--mpge` adds the consumption as miles per gallon equivalent to
`range` and `consumption`. Reference: the EPA's definition (fueleconomy.gov), 1 gallon equivalent =
33.705 kWh, so 33.705 kWh per 100 miles is exactly 100 MPGe."""
from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from batcalc.cli.main import app
from batcalc.units import convert, mpge, parse_value

runner = CliRunner()


def test_the_epa_definition_by_hand():
    c = 33.705 * 3.6e6 / (100 * 1609.344)              # 33.705 kWh per 100 mi, in J/m
    assert mpge(c) == pytest.approx(100.0, rel=1e-12)
    assert mpge(2 * c) == pytest.approx(50.0, rel=1e-12)
    assert mpge(0.0) == math.inf


@pytest.mark.parametrize("text", ["15 kWh/100km", "188.4 Wh/mi", "250 Wh/km", "0.3 kWh/mi"])
def test_mpge_agrees_with_convert(text):
    assert mpge(parse_value(text, "consumption").si) == pytest.approx(convert(text, "MPGe"), rel=1e-9)


@pytest.mark.parametrize("cmd", [["consumption", "-v", "large-suv", "--cycle", "udds"],
                                 ["range", "tesla-4680", "-v", "compact-car", "--pack-mass", "300 kg"]])
def test_mpge_row_is_the_consumption_row_converted(cmd):
    plain = runner.invoke(app, [*cmd, "-f", "json"])
    with_it = runner.invoke(app, [*cmd, "-f", "json", "--mpge"])
    assert plain.exit_code == with_it.exit_code == 0, plain.output + with_it.output
    a, b = json.loads(plain.output), json.loads(with_it.output)
    assert "consumption_mpge" not in a["results"]
    c = b["results"]["consumption"]
    row = b["results"]["consumption_mpge"]
    assert row["unit"] == "MPGe"
    assert row["value"] == pytest.approx(convert(f"{c['value']!r} {c['unit']}", "MPGe"), rel=1e-9)
    table = runner.invoke(app, [*cmd, "--mpge", "--units", "imperial"]).output
    assert "consumption at the battery as MPGe" in table and "charging losses" in table
