"""A range whose high end carries the unit but no readable number ('400 to inf km', '500 to 1e999 Wh/L',
'80 to nan %') was refused at its low end, "'400' has no unit: give one", which is right as written and
names neither the end nor the fault. The error names the high end now, wherever a range is read: a
'between' claim's asserted range, a plausible range, a ranged input with --bands, --assume, a file."""

from __future__ import annotations

import pytest

from batcalc import units


@pytest.mark.parametrize("text, parts", [
    ("400 to inf km", ["400 km", "inf km"]),
    ("400 to 1e999 km", ["400 km", "1e999 km"]),
    ("0.4 thousand to nan km", ["0.4 thousand km", "nan km"]),
    ("400 to km", ["400", "km"]),              # no number at all: nothing to lend, its reader reports it
])
def test_the_high_end_lends_its_unit_even_when_its_number_is_bad(text, parts):
    assert units.range_parts(text) == parts


@pytest.mark.parametrize("args, expected", [
    (["claim", "range", "pack_energy=75 kWh", "consumption=150 Wh/km", "-q", "between", "--asserted",
      "400 to inf km"], "asserted.1: 'inf km' is not a finite number"),
    (["claim", "range", "pack_energy=75 kWh", "consumption=150 Wh/km", "-q", "between", "--asserted",
      "400 to 1e999 km"], "asserted.1: value '1e999 km' is not a finite number"),
    (["claim", "ratio", "a=?", "b=900 Wh/L", "--asserted", "+40 %", "--plausible", "500 to 1e999 Wh/L"],
     "plausible.1: value '1e999 Wh/L' is not a finite number"),
    (["claim", "range", "pack_energy=70 to inf kWh", "consumption=150 Wh/km", "--asserted", "400 km", "--bands"],
     "inputs.pack_energy: malformed value 'inf kWh'"),
    (["claim", "range", "pack_energy=75 kWh", "consumption=150 Wh/km", "--asserted", "400 km", "--bands",
      "--assume", "usable-fraction=80 to nan %"], "malformed value 'nan %'"),
    (["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--pack-mass", "400 to inf kg", "--bands"],
     "--pack-mass: malformed value 'inf kg'"),
])
def test_the_command_line_names_the_high_end(run, args, expected):
    out = run(*args)
    assert out.exit_code == 2, out.output
    assert expected in out.output and "has no unit" not in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_a_claims_file_names_the_high_end_at_its_line(run, write):
    path = write("claims.yaml", """
        kind: claims
        claims:
          - id: c
            quote: q
            kind: range
            inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}
            qualifier: between
            asserted: 400 to 1e999 km
        """)
    out = run("check", path)
    assert out.exit_code == 2
    assert out.output.strip() == f"{path}:8:15: value '1e999 km' is not a finite number"


def test_a_high_end_that_is_not_a_number_and_a_unit_lends_nothing():
    """'about 500 km' is no number followed by a unit: '500 km' is not lent to the low end ('400 500 km')."""
    assert units.range_parts("400 to about 500 km") == ["400", "about 500 km"]
