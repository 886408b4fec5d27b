"""specs/assumptions.yaml: plausible ranges of the physics' defaults (issue "Robust verdicts"), the
loader's SI records, narrowing and widening a range, the docs table, and bad files through lint."""

from __future__ import annotations

import importlib
import json
import math
import re
from pathlib import Path

import pytest

from batcalc.errors import BatcalcError, UnitError
from batcalc.physics import charge, charging, pack, powertrain, vehicle
from batcalc.spec.assumptions import (
    Plausible,
    load_assumptions,
    markdown_table,
    parse_assignment,
    parse_range,
    plausible_ranges,
    sources_list,
    with_override,
    with_overrides,
)
from batcalc.spec.model import parse_spec

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"

#: Each assumption's physics default, read from the code (a new entry must be added here).
DEFAULTS = {
    "cell-to-pack-mass": pack.DEFAULT_F_MASS,
    "cell-to-pack-volume": pack.DEFAULT_F_VOLUME,
    "usable-fraction": pack.DEFAULT_F_USABLE,
    "charger-efficiency": charge.DEFAULT_CHARGER_EFFICIENCY,
    "aux-power": vehicle.P_AUX,
    "transmission-efficiency": powertrain.DEFAULT_TRANSMISSION_EFFICIENCY,
    "battery-efficiency": powertrain.DEFAULT_BATTERY_EFFICIENCY,
    "motor-peak-efficiency": max(powertrain.FASTSIM_DEFAULT_MAP.efficiency),
    "regen-efficiency": powertrain.Powertrain().eta_regen,
    "drive-efficiency": vehicle.ETA_DRIVE,
    "regen-share": vehicle.K_REGEN,
    "rotating-mass-factor": vehicle.K_ROT,
    "ambient-temperature": powertrain.DEFAULT_TEMPERATURE,
    "altitude": powertrain.DEFAULT_ALTITUDE,
    "pack-voltage": charging.DEFAULT_PACK_VOLTAGE,
}


@pytest.fixture(scope="module")
def ranges():
    return plausible_ranges()


# ------------------------------------------------------------------------------------------- loading

def test_every_default_has_a_range_in_si(ranges):
    assert list(ranges) == [a.id for a in load_assumptions().assumptions]
    assert set(ranges) == set(DEFAULTS)
    for p in ranges.values():
        assert isinstance(p, Plausible)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.id)
        assert all(isinstance(x, float) and math.isfinite(x) for x in (p.low, p.central, p.high))
        assert p.low <= p.central <= p.high, p.id
        assert p.low < p.high, p.id                 # every range has some width
        assert p.note and p.name and p.overridden is None
    assert ranges["aux-power"].low == 100.0 and ranges["aux-power"].unit_label == "W"
    assert ranges["ambient-temperature"].low == pytest.approx(273.15 - 7)          # held in K
    assert ranges["usable-fraction"].high == pytest.approx(0.962)                   # '96.2 %' as 0..1
    assert ranges["pack-voltage"].show(400.0) == "400 V"
    assert ranges["ambient-temperature"].show(293.15) == "20 °C"
    assert ranges["usable-fraction"].show(0.93) == "93 %"


def test_the_ranges_are_cached_and_read_only(ranges):
    assert plausible_ranges() is ranges
    with pytest.raises(TypeError):
        ranges["aux-power"] = ranges["altitude"]        # type: ignore[index]


def test_central_is_the_physics_default(ranges):
    for id, default in DEFAULTS.items():
        assert math.isclose(ranges[id].central, default, rel_tol=1e-12, abs_tol=1e-12), (id, default)


def test_default_of_names_the_constant(ranges):
    """``default_of`` names where the central value lives: a dotted module attribute where it is one."""
    for p in ranges.values():
        m = re.fullmatch(r"(batcalc(?:\.[a-z_]+)+)\.([A-Z_]+)", p.default_of)
        if m:
            value = getattr(importlib.import_module(m.group(1)), m.group(2))
            assert math.isclose(p.central, value, rel_tol=1e-12, abs_tol=1e-12), p.id
        else:
            assert "FASTSIM_DEFAULT_MAP" in p.default_of or "Powertrain()" in p.default_of, p.id
    assert powertrain.Powertrain().aux_power == ranges["aux-power"].central    # the powertrain's own default


def test_every_value_has_a_source_or_an_assumption(ranges):
    spec = load_assumptions()
    ids = {s.id: s for s in spec.sources}
    cited: set[str] = set()
    for a in spec.assumptions:
        p = ranges[a.id]
        for value, sid in zip((a.low, a.central, a.high), p.sources, strict=True):
            if sid is None:
                assert value.assumption, (a.id, value.text)
            else:
                assert sid in ids, (a.id, sid)
                assert ids[sid].grade in ("datasheet", "press", "reference")
                assert ids[sid].url or ids[sid].document
                cited.add(sid)
    assert cited == set(ids)                            # no source listed and never used
    assert sum(s is None for p in ranges.values() for s in p.sources) <= 4    # assumptions stay rare


def test_fastsim_figures_are_the_benchmark_data_s(ranges):
    """The FASTSim numbers in the file are those of benchmarks/data/fastsim_vehicles.json."""
    data = json.loads((ROOT / "benchmarks" / "data" / "fastsim_vehicles.json").read_text(encoding="utf-8"))
    cars = {v["id"]: v for v in data["vehicles"]}
    bolt = cars["chevrolet-bolt-ev-2020"]
    assert ranges["transmission-efficiency"].low == min(v["transmission_efficiency"] for v in cars.values())
    assert ranges["transmission-efficiency"].high == max(v["transmission_efficiency"] for v in cars.values())
    assert ranges["motor-peak-efficiency"].low == max(data["default_motor_map"]["large_baseline_eff"])
    assert ranges["motor-peak-efficiency"].central == data["default_motor_map"]["modern_max"]
    assert ranges["motor-peak-efficiency"].high == pytest.approx(bolt["motor_peak_efficiency"], abs=5e-5)
    assert ranges["regen-efficiency"].low == data["default_motor_map"]["large_baseline_eff"][0]
    assert ranges["regen-efficiency"].high == pytest.approx(bolt["regen"]["efficiency"], abs=5e-5)
    assert ranges["rotating-mass-factor"].low == pytest.approx(
        min(v["k_rot_at_stock_mass"] for v in cars.values()), abs=5e-5)
    assert {v["aux_power_W"] for v in cars.values()} == {ranges["aux-power"].central}
    table = bolt["battery"]["efficiency"]
    at_23 = {c: row[table["grid_temperature_C"].index(23.0)] for c, row in zip(table["grid_c_rate"], table["values"],
                                                                              strict=True)}
    assert ranges["battery-efficiency"].low == pytest.approx(at_23[1.0], abs=5e-4)      # 1 C discharge
    assert ranges["battery-efficiency"].high == pytest.approx(at_23[0.1], abs=5e-4)     # 0.1 C


# ----------------------------------------------------------------------------------------- overrides

def test_narrow_keeps_the_central_when_it_is_inside(ranges):
    out = with_override(ranges, "cell-to-pack-mass", "0.65 to 0.85")
    p = out["cell-to-pack-mass"]
    assert (p.low, p.central, p.high) == (0.65, 0.70, 0.85)
    assert p.overridden == "0.65 to 0.85"
    assert ranges["cell-to-pack-mass"].low == 0.62          # the original is untouched
    assert out["aux-power"] is ranges["aux-power"]


def test_a_range_without_the_central_takes_its_midpoint(ranges):
    p = with_override(ranges, "cell-to-pack-mass", "80 % to 90 %")["cell-to-pack-mass"]
    assert (p.low, p.high) == (0.80, 0.90)
    assert p.central == pytest.approx(0.85)


def test_three_values_set_the_central_and_one_value_is_a_point(ranges):
    p = with_override(ranges, "aux-power", "150 W to 0.2 kW to 1 kW")["aux-power"]
    assert (p.low, p.central, p.high) == (150.0, 200.0, 1000.0)         # widened beyond the shipped 300 W
    p = with_override(ranges, "usable-fraction", "0.9")["usable-fraction"]
    assert (p.low, p.central, p.high) == (0.9, 0.9, 0.9) and p.width == 0


def test_negative_values_and_units(ranges):
    p = with_override(ranges, "ambient-temperature", "-10 °C to 0 °C")["ambient-temperature"]
    assert p.low == pytest.approx(263.15) and p.high == pytest.approx(273.15)
    assert p.central == pytest.approx(268.15)
    p = with_override(ranges, "altitude", "-100 m to 2 km")["altitude"]
    assert (p.low, p.central, p.high) == (-100.0, 0.0, 2000.0)
    p = with_override(ranges, "ambient-temperature", "32 °F to 86 °F")["ambient-temperature"]
    assert (p.low, p.high) == (pytest.approx(273.15), pytest.approx(303.15))


def test_several_overrides(ranges):
    out = with_overrides(ranges, {"aux-power": "200 W to 400 W", "pack-voltage": "800 V"})
    assert out["pack-voltage"].central == 800.0 and out["aux-power"].central == 250.0
    out = with_overrides(ranges, [parse_assignment("usable-fraction = 90 % to 95 %")])
    assert (out["usable-fraction"].low, out["usable-fraction"].high) == (0.90, 0.95)
    with pytest.raises(BatcalcError, match="given twice"):
        with_overrides(ranges, [("aux-power", "200 W"), ("aux-power", "300 W")])


def test_an_assumption_id_with_a_control_character_is_named_with_one_escape(ranges, run):
    """--assume $'x\ty=1' said "unknown assumption 'x\\ty'": the escaped id went through repr again,
    doubling its backslash; it is escaped once, as Python writes it (docs/usage.md)."""
    out = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--assume", "x\ty=1")
    assert out.exit_code == 2 and out.stderr.startswith("batcalc: error: --assume: unknown assumption 'x\\ty'; ")
    with pytest.raises(BatcalcError) as err:
        with_overrides(ranges, [("a\tb", "1")])
    assert str(err.value).startswith("unknown assumption 'a\\tb'; ")


@pytest.mark.parametrize("id, text, message", [
    ("cell-to-pack-mas", "0.8", "unknown assumption 'cell-to-pack-mas'; did you mean 'cell-to-pack-mass'?"),
    ("cell-to-pack-mass", "250 W", "assumption 'cell-to-pack-mass': '250 W' is not a fraction"),
    ("aux-power", "0.5", "assumption 'aux-power': '0.5' has no unit"),
    ("cell-to-pack-mass", "0.9 to 0.8", "low '0.9' is above high '0.8'"),
    ("cell-to-pack-mass", "0.7 to 0.95 to 0.9", "central '0.95' is outside 0.7 to 0.9"),
    ("cell-to-pack-mass", "0.75-0.85", "write a range as 'LOW to HIGH'"),
    ("cell-to-pack-mass", "120 %", "'120 %' is outside 0-100 %"),
    ("cell-to-pack-mass", "80", "ambiguous for a fraction"),
    ("aux-power", "-5 W to 300 W", "'-5 W' is outside 0 W and above"),
    ("ambient-temperature", "-300 °C", "below absolute zero"),
    ("ambient-temperature", "20 W", "is not a temperature"),
    ("cell-to-pack-mass", "to 0.8", "is not a range"),
    ("cell-to-pack-mass", "0.6 to 0.7 to 0.8 to 0.9", "is not a range"),
    ("cell-to-pack-mass", "  ", "empty range"),
])
def test_bad_overrides_are_one_line_errors(ranges, id, text, message):
    with pytest.raises(BatcalcError) as err:
        with_override(ranges, id, text)
    assert message in str(err.value)
    assert "\n" not in str(err.value)
    assert err.value.exit_code == 2


def test_parse_range_and_assignment(ranges):
    p = ranges["charger-efficiency"]
    assert parse_range("85 % to 95 %", p) == (0.85, None, 0.95)
    assert parse_range("0.9", p) == (0.9, 0.9, 0.9)
    assert parse_assignment("aux-power=100 W to 500 W") == ("aux-power", "100 W to 500 W")
    for bad in ("aux-power", "=100 W", "aux-power="):
        with pytest.raises(BatcalcError, match="ID=RANGE"):
            parse_assignment(bad)
    with pytest.raises(UnitError):
        parse_range("0.9 to", p)


# ------------------------------------------------------------------------------------ file validation

GOOD = """\
kind: assumptions
assumptions:
  - id: aux-power
    name: aux
    dimension: power
    default_of: batcalc.physics.vehicle.P_AUX
    low: 100 W
    central: {value: 250 W, assumption: "a reason"}
    high: {value: 0.3 kW, source: s}
    note: why
sources:
  - {id: s, title: t, url: "https://example.org", grade: press}
"""


def test_a_small_file_validates():
    spec = parse_spec(GOOD, require_sources=True)
    assert spec.assumptions[0].high.si == 300.0


@pytest.mark.parametrize("change, message", [
    (("dimension: power", "dimension: speed"), "dimension: Input should be"),
    (("low: 100 W", "low: 100 km"), "'100 km' is not a power"),
    (("central: {value: 250 W, assumption: \"a reason\"}", "central: 350 W"),
     "low <= central <= high does not hold"),
    (("source: s}", "source: t}"), "unknown source 't'"),
    (("  - id: aux-power", "  - id: Aux_Power"), "invalid id"),
    (("    note: why\n", "    note: why\n    extra: 1\n"), "unknown key"),
])
def test_bad_files_are_refused(change, message):
    with pytest.raises(BatcalcError, match=re.escape(message)):
        parse_spec(GOOD.replace(*change), "bad.yaml", require_sources=True)


def test_uncited_value_needs_an_assumption_in_the_catalogue():
    text = GOOD.replace('{value: 250 W, assumption: "a reason"}', "250 W").replace(
        "  - {id: s,", "  - {id: s2, title: t, url: \"https://example.org\", grade: press}\n  - {id: s,")
    with pytest.raises(BatcalcError, match="assumptions.0.low: no source for '100 W'"):
        parse_spec(text, "bad.yaml", require_sources=True)


def test_lint_passes_the_shipped_file_and_refuses_bad_fixtures(run):
    result = run("lint", str(ROOT / "specs" / "assumptions.yaml"))
    assert result.exit_code == 0, result.output
    result = run("lint", str(BAD / "assumptions-unordered.yaml"), str(BAD / "assumptions-wrong-dimension.yaml"))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("assumptions-unordered.yaml:4:5: assumptions.0: low <= central <= high does not "
                             "hold: 88.7 %, 97 %, 96.2 %")
    assert lines[1].endswith("assumptions-wrong-dimension.yaml:8:10: assumptions.0.low: '250 W' is not a "
                             "fraction: write a plain number or a percentage, e.g. '80 %'")
    # the fixture's second problem, its uncited source id, with the first (it waited for the first to be fixed)
    assert lines[2].endswith("assumptions-wrong-dimension.yaml:10:35: unknown source 'adac-2023'; did you mean "
                             "'adac-2022'?")


def test_the_schema_of_the_kind_builds():
    from batcalc.spec.assumptions import AssumptionsFile

    schema = AssumptionsFile.model_json_schema()
    assert "assumptions" in schema["properties"]
    low = schema["$defs"]["Assumption"]["properties"]["low"]
    assert "Value" not in schema["$defs"]            # a bound is text or {value, source, ...}, not the record
    assert [k.get("type") for k in low["anyOf"]] == [None, "object"]
    assert set(low["anyOf"][1]["properties"]) == {"value", "source", "note", "assumption"}


# --------------------------------------------------------------------------------------------- docs

DOC = (ROOT / "docs" / "assumptions.md").read_text(encoding="utf-8")


def _block(marker: str) -> str:
    start = DOC.index(marker)
    start = DOC.index("\n", start) + 1
    end = DOC.find("\n\n", start)
    return DOC[start:end if end >= 0 else None].rstrip("\n")


def test_docs_table_is_the_yaml():
    assert _block("<!-- table:") == markdown_table()


def test_docs_sources_are_the_yaml_s():
    assert _block("<!-- sources:") == sources_list()


def test_docs_table_rows_name_every_id(ranges):
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", DOC, re.MULTILINE)
    assert rows == list(ranges)


def test_assumptions_page_is_linked():
    assert "assumptions.md" in (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
