"""New-user review: a bare number given for a pack energy or a range was refused with an example in
the dimension's own unit, a cell's: '--pack-energy 75' -> "e.g. '75 Wh'" and a claim's 'range=500' ->
"e.g. '500 mm'"; followed as written, that is a 75 Wh pack or a 0.5 m range, a silently different
number. The example is in kWh for pack energies and km for ranges, on the command line, in claim
inputs, in spec files and in the JSON Schema."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("args, said", [
    (("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--pack-energy", "75"),
     "--pack-energy: '75' has no unit: expected an energy, e.g. '75 kWh'"),
    (("charge", "huineng-llcb", "--pack-energy", "75", "--to", "80 %", "--time", "12 min"),
     "--pack-energy: '75' has no unit: expected an energy, e.g. '75 kWh'"),
    (("claim", "consumption", "pack_energy=75 kWh", "range=500", "--asserted", "15 kWh/100km"),
     "inputs.range: '500' has no unit: expected a length, e.g. '500 km'"),
    (("claim", "charge", "cell=huineng-llcb", "pack_energy=75", "to_soc=80 %", "--asserted", "12 min"),
     "inputs.pack_energy: '75' has no unit: expected an energy, e.g. '75 kWh'"),
])
def test_the_example_is_in_the_unit_such_a_figure_is_given_in(run, args, said):
    out = run(*args)
    assert out.exit_code == 2 and out.stderr.strip() == f"batcalc: error: {said}"


def test_a_cell_spec_range_claim(run, write):
    cell = write("c.yaml", """
        kind: cell
        id: c
        name: c
        energy_density: {gravimetric: 300 Wh/kg, level: cell}
        ranges:
          - {distance: 1000}
        sources:
          - {id: s, title: t, document: d, grade: press}
        """)
    out = run("show", cell)
    assert out.exit_code == 2 and "e.g. '1000 km'" in out.stderr, out.stderr


@pytest.mark.parametrize("kind, field, unit", [("claim", "RangeInputs", "kWh"), ("claim", "ConsumptionInputs", "km"),
                                               ("vehicle", "ReferencePack", "kWh")])
def test_the_schema_shows_the_same_units(run, kind, field, unit):
    schema = json.loads(run("schema", kind).stdout)["$defs"][field]["properties"]
    key = {"kWh": "pack_energy" if kind == "claim" else "energy", "km": "range"}[unit]
    assert f"e.g. '1 {unit}'" in json.dumps(schema[key])
