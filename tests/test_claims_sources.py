"""Sources cited by the values inside a claims file are checked, and the walk over a spec's values
(``spec.model._walk_values``) visits only the sub-models that can hold values."""

from __future__ import annotations

import pytest

from batcalc.errors import SpecError
from batcalc.spec.claims import KIND_INPUTS, ClaimsFile
from batcalc.spec.model import CellSpec, Source, _value_fields, parse_spec

CLAIMS = """kind: claims
sources:
  - {id: s1, title: T, url: "https://example.org", grade: press}
claims:
  - id: c1
    quote: "150 Wh/km"
    kind: consumption
    inputs: {pack_energy: {value: 75 kWh, source: SOURCE}, range: 500 km}
    asserted: 150 Wh/km
  - id: r1
    quote: "twice"
    kind: ratio
    inputs: {a: 100 Wh/kg, b: 200 Wh/kg}
    asserted: 2
"""


def test_a_claim_value_citing_an_unknown_source_is_refused_where_it_stands():
    with pytest.raises(SpecError, match="unknown source 's2'; sources are: s1") as exc:
        parse_spec(CLAIMS.replace("SOURCE", "s2"), "c.yaml")
    assert (exc.value.line, exc.value.col) == (8, 51)


def test_claim_values_cite_their_sources():
    """Its own source, or the file's only one; the ratio claim's figures are no values (not walked)."""
    from batcalc.io.yamlfile import parse_yaml
    from batcalc.spec.model import resolve_sources

    second = '  - {id: s0, title: U, url: "https://example.org/u", grade: press}\n'
    text = CLAIMS.replace("SOURCE", "s1").replace("claims:\n  - id: c1", second + "claims:\n  - id: c1")
    spec = parse_spec(text, "c.yaml")
    assert resolve_sources(spec, parse_yaml(text, "c.yaml")) == {("claims", 0, "inputs", "pack_energy"): "s1",
                                                                  ("claims", 0, "inputs", "range"): None}


def test_the_walk_skips_models_without_values():
    assert _value_fields(Source)[0] == ()
    assert _value_fields(KIND_INPUTS["ratio"])[0] == () and _value_fields(KIND_INPUTS["growth"])[0] == ()
    assert _value_fields(ClaimsFile)[0] == ("claims",)
    assert "sources" not in _value_fields(CellSpec)[0] and "electrical" in _value_fields(CellSpec)[0]
    assert _value_fields(KIND_INPUTS["consumption"])[0] == ("pack_energy", "range", "usable_fraction")
