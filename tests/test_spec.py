"""Cell spec model: validation, one-line located errors with hints, sources resolved per value."""

from __future__ import annotations

import pytest

from batcalc.errors import SpecError
from batcalc.spec import CellSpec, parse_spec

GOOD = """\
kind: cell
id: demo
name: Demo cell
electrical:
  nominal_voltage: 3.6 V
  capacity: 5 Ah
physical:
  mass: {value: 70 g, source: lab}
charging:
  claims:
    - {to_soc: 80 %, time: 12 min}
cycle_life: {cycles: 1000, retention: 80 %, source: maker}
sources:
  - {id: maker, title: Demo datasheet, document: demo.pdf, grade: datasheet, date: 2024-03}
  - {id: lab, title: Lab test, url: https://example.org/lab, grade: press}
"""


def test_good_spec_loads_with_quantities():
    spec = parse_spec(GOOD.replace("  capacity: 5 Ah", "  capacity: {value: 5 Ah, source: maker}")
                      .replace("  nominal_voltage: 3.6 V", "  nominal_voltage: {value: 3.6 V, source: maker}")
                      .replace("{to_soc: 80 %, time: 12 min}", "{to_soc: 80 %, time: 12 min, source: maker}"),
                      require_sources=True)
    assert isinstance(spec, CellSpec)
    assert spec.physical.mass.si == pytest.approx(0.070)
    assert spec.charging.claims[0].from_soc is None
    assert spec.charging.claims[0].time.si == 720


def test_catalogue_mode_requires_a_source_for_each_number():
    with pytest.raises(SpecError, match=r"<string>:5:20: electrical.nominal_voltage: no source for '3.6 V'"):
        parse_spec(GOOD, require_sources=True)
    parse_spec(GOOD)  # a user's own file may leave sources out


@pytest.mark.parametrize("old, new, where, fragment", [
    ("  mass: {value: 70 g, source: lab}", "  mass: 350 km/kg", (8, 9), "not a mass"),
    ("physical:", "physicl:", (7, 1), "did you mean 'physical'"),
    ("  mass: {value: 70 g, source: lab}", "  mass: 70", (8, 9), "bare number 70 needs a unit"),
    ("  mass: {value: 70 g, source: lab}", "  mass: {value: 70 g, source: lba}", (8, 31), "unknown source 'lba'; did you mean 'lab'"),
    ("  mass: {value: 70 g, source: lab}", "  mass: {valu: 70 g}", (8, 9), "did you mean 'value'"),
    ("  mass: {value: 70 g, source: lab}", "  mass: {value: 70 kg/m, source: lab}", (8, 17), "not a mass"),
    ("  mass: {value: 70 g, source: lab}", "  mass: -70 g", (8, 9), "must be positive"),
    ("{to_soc: 80 %, time: 12 min}", "{from_soc: 90 %, to_soc: 80 %, time: 12 min}", (11, 7), "must be above from_soc"),
    ("{to_soc: 80 %, time: 12 min}", "{to_soc: 120 %, time: 12 min}", (11, 16), "more than 100 %"),
    ("{to_soc: 80 %, time: 12 min}", "{to_soc: 80, time: 12 min}", (11, 16), "ambiguous"),
    ("cycles: 1000,", "cycles: lots,", (12, 22), "valid integer"),
    ("id: demo", "id: Demo Cell", (2, 5), "lowercase"),
    ("kind: cell", "kind: cel", (1, 7), "did you mean 'cell'"),
    ("grade: datasheet", "grade: rumour", (14, 67), "'datasheet' or 'press'"),
    ("date: 2024-03", "date: March 2024", (14, 84), "YYYY-MM-DD"),
])
def test_errors_are_one_line_and_located(old, new, where, fragment):
    assert old in GOOD
    with pytest.raises(SpecError) as exc:
        parse_spec(GOOD.replace(old, new, 1), "cell.yaml")
    message = str(exc.value)
    assert "\n" not in message
    assert fragment in message
    assert (exc.value.line, exc.value.col) == where, message


def test_missing_required_key():
    with pytest.raises(SpecError, match="missing required key 'name'"):
        parse_spec("kind: cell\nid: x\n")


def test_group_source_applies_to_its_numbers():
    from batcalc.spec import resolve_sources
    from batcalc.yamlfile import parse_yaml

    doc = parse_yaml(GOOD)
    spec = parse_spec(GOOD)
    cited = resolve_sources(spec, doc)
    assert cited[("cycle_life", "retention")] == "maker"
    assert cited[("physical", "mass")] == "lab"
    assert cited[("electrical", "capacity")] is None
