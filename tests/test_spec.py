"""Cell spec model: validation, one-line located errors with hints, sources resolved per value."""

from __future__ import annotations

import pytest

import batcalc.spec.vehicle  # noqa: F401  (registers the vehicle kind)
from batcalc.errors import SpecError
from batcalc.spec.catalog import specs_root
from batcalc.spec.model import CellSpec, SpecErrors, load_spec, parse_spec

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


def test_a_real_day_is_a_date():
    """2024-02-29 is a day (2024 is a leap year), as is the last day of every month; the day check takes them."""
    for day in ("2024-02-29", "2023-01-31", "2023-04-30", "2023-12-31"):
        assert parse_spec(GOOD.replace("date: 2024-03", f"date: {day}")).sources[0].date == day


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
    ("  mass: {value: 70 g, source: lab}", "  mass: {value: 70 g, source: lba}", (8, 31),
     "unknown source 'lba'; did you mean 'lab'"),
    ("  mass: {value: 70 g, source: lab}", "  mass: {valu: 70 g}", (8, 9), "did you mean 'value'"),
    ("  mass: {value: 70 g, source: lab}", "  mass: {value: 70 kg/m, source: lab}", (8, 17), "not a mass"),
    ("  mass: {value: 70 g, source: lab}", "  mass: -70 g", (8, 9), "must be positive"),
    ("{to_soc: 80 %, time: 12 min}", "{from_soc: 90 %, to_soc: 80 %, time: 12 min}", (11, 7), "must be above from_soc"),
    ("{to_soc: 80 %, time: 12 min}", "{to_soc: 120 %, time: 12 min}", (11, 16), "more than 100 %"),
    ("{to_soc: 80 %, time: 12 min}", "{to_soc: 80, time: 12 min}", (11, 16), "ambiguous"),
    ("cycles: 1000,", "cycles: lots,", (12, 22), "malformed value 'lots'"),
    ("id: demo", "id: Demo Cell", (2, 5), "lowercase"),
    ("kind: cell", "kind: cel", (1, 7), "did you mean 'cell'"),
    ("grade: datasheet", "grade: rumour", (14, 67), "'datasheet', 'press' or 'reference'"),
    ("date: 2024-03", "date: March 2024", (14, 84), "YYYY-MM-DD"),
    ("date: 2024-03", "date: 2024-02-30", (14, 84), "date 2024-02-30 is not a real date (2024-02 has no day 30)"),
    ("date: 2024-03", "date: 2023-02-29", (14, 84), "(2023-02 has no day 29)"),     # 2023: no leap year
    ("date: 2024-03", "date: 2024-04-31", (14, 84), "(2024-04 has no day 31)"),
])
def test_errors_are_one_line_and_located(old, new, where, fragment):
    """(A source's date: a day the month does not have, 2024-02-30, was taken: only its shape was checked.)"""
    assert old in GOOD
    with pytest.raises(SpecError) as exc:
        parse_spec(GOOD.replace(old, new, 1), "cell.yaml")
    message = str(exc.value)
    assert "\n" not in message
    assert fragment in message
    assert (exc.value.line, exc.value.col) == where, message


THREE_ERRORS = (("physical:", "physicl:"), ("  capacity: 5 Ah", "  capacity: 5 kg"),
                ("{to_soc: 80 %, time: 12 min}", "{to_soc: 80, time: 12 min}"))


def test_all_errors_collects_every_schema_error_of_a_file_located_one_per_line(write):
    text = GOOD
    for old, new in THREE_ERRORS:
        text = text.replace(old, new, 1)
    path = write("three.yaml", text)
    with pytest.raises(SpecError, match=r"\(\+2 more\)$") as first:
        load_spec(path)                                     # by default: the first, and how many more
    with pytest.raises(SpecErrors) as every:
        load_spec(path, all_errors=True)
    lines = str(every.value).splitlines()
    assert [(e.line, e.col) for e in every.value.errors] == [(6, 13), (7, 1), (11, 16)]
    assert lines == [f"{path}:{e.line}:{e.col}: {e.message}" for e in every.value.errors]
    assert "capacity" in lines[0] and "not an electric charge" in lines[0]
    assert "unknown key 'physicl'; did you mean 'physical'?" in lines[1]
    assert "charging.claims.0.to_soc: bare number 80 is ambiguous" in lines[2]
    assert str(first.value) == lines[0] + " (+2 more)"
    for old, new in THREE_ERRORS:                           # each alone: the same message as all_errors gives
        with pytest.raises(SpecErrors) as one:
            parse_spec(GOOD.replace(old, new, 1), path, all_errors=True)
        assert len(one.value.errors) == 1 and str(one.value) in lines


def test_all_errors_includes_a_source_problem_once_the_schema_holds():
    with pytest.raises(SpecErrors) as exc:
        parse_spec(GOOD.replace("source: lab}", "source: lba}"), "cell.yaml", all_errors=True)
    assert len(exc.value.errors) == 1 and "unknown source 'lba'" in str(exc.value)
    assert isinstance(parse_spec(GOOD, all_errors=True), CellSpec)


def test_missing_required_key():
    with pytest.raises(SpecError, match="missing required key 'name'"):
        parse_spec("kind: cell\nid: x\n")


def test_group_source_applies_to_its_numbers():
    from batcalc.io.yamlfile import parse_yaml
    from batcalc.spec.model import resolve_sources

    doc = parse_yaml(GOOD)
    spec = parse_spec(GOOD)
    cited = resolve_sources(spec, doc)
    assert cited[("cycle_life", "retention")] == "maker"
    assert cited[("physical", "mass")] == "lab"
    assert cited[("electrical", "capacity")] is None


@pytest.mark.parametrize("cycles", ["1.000", "1", "9"])
def test_a_cycle_life_of_a_few_cycles_is_refused_as_a_typo(write, cycles):
    """YAML reads 1.000 (a thousand with a European separator) as 1: no cell has a cycle life that short."""
    path = write("c.yaml", f"""
        kind: cell
        id: c
        name: C
        cycle_life: {{cycles: {cycles}, retention: 80 %}}
        """)
    with pytest.raises(SpecError, match="not a cycle life|written with a decimal point") as exc:
        load_spec(path)
    assert ":4:" in str(exc.value)


@pytest.mark.parametrize("cycles,meant", [("1.000", "1000"), ("10.000", "10000"), ("2.500", "2500"),
                                          ("999.0", "999000")])
def test_a_whole_number_below_1000_with_a_point_is_refused_as_a_separator(write, cycles, meant):
    """Issue 16: ``cycles: 10.000`` was read as 10. A whole float below 1000 is refused naming both
    readings; 1000.0 and 1e3 stay 1000 (test_hostile's fine variants)."""
    path = write("c.yaml", f"""
        kind: cell
        id: c
        name: C
        cycle_life: {{cycles: {cycles}, retention: 80 %}}
        """)
    with pytest.raises(SpecError, match=f"separates thousands, write {meant}") as exc:
        load_spec(path)
    assert ":4:" in str(exc.value) and "\n" not in str(exc.value)


def test_rotational_mass_factor_has_a_plausibility_bound(write):
    text = open(str(specs_root() / "vehicles" / "large-suv.yaml"), encoding="utf-8").read()
    assert "rotational_mass_factor" not in text
    path = write("v.yaml", text + "rotational_mass_factor: 3\n")
    with pytest.raises(SpecError, match="not plausible for rotational_mass_factor"):
        load_spec(path)
    write("ok.yaml", text + "rotational_mass_factor: 0.05\n")
    assert load_spec(path.replace("v.yaml", "ok.yaml")).rotational_mass_factor.si == 0.05


def test_a_spec_of_another_kind_is_named_whatever_modules_are_loaded():
    """In a fresh interpreter (only batcalc.spec imported) a vehicle file given where a cell is
    expected is called a vehicle, not an unknown kind."""
    import subprocess
    import sys

    code = ("from batcalc.spec.model import load_spec\n"
            "from batcalc.errors import SpecError\n"
            f"try:\n    load_spec({str(specs_root() / 'vehicles' / 'mid-sedan.yaml')!r}, expect='cell')\n"
            "except SpecError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "expected a cell spec, got kind 'vehicle'" in out and ":1:7:" in out


@pytest.mark.parametrize("table, match", [
    ("kind: tapers\ntapers:\n  - {id: t, name: T, points: [{soc: 10 %, share: 1}]}\n",
     "first point of a taper must be at 0 % SoC"),
    ("kind: tapers\ntapers:\n  - {id: t, name: T, points: [{soc: 0 %, share: 1}, {soc: 0 %, share: 1}]}\n",
     "the SoC of a taper's points must rise"),
    ("kind: climate\nsystems:\n  - {id: c, name: C, points: [{ambient: 10 °C, power: 1 kW}, "
     "{ambient: 0 °C, power: 2 kW}]}\n", "the temperature of a climate table's points must rise"),
])
def test_tables_of_every_kind_are_checked_alike(table, match):
    import batcalc.spec.climate  # noqa: F401
    import batcalc.spec.tapers  # noqa: F401

    with pytest.raises(SpecError, match=match):
        parse_spec(table, "t.yaml")


@pytest.mark.parametrize("version, match", [(1, None), (2, "written for spec format 2; this batcalc reads format 1"),
                                             ("one", "format_version must be a whole number"),
                                             (0, "format_version must be a whole number")])
def test_format_version(version, match):
    text = f"kind: cell\nformat_version: {version}\nid: c\nname: C\n"
    if match is None:
        assert parse_spec(text, "c.yaml").id == "c"
    else:
        with pytest.raises(SpecError, match=match):
            parse_spec(text, "c.yaml")


def test_a_claims_file_without_claims_names_the_missing_key():
    """A claims file's kind is 'claims', the name of the key it lacked: the key was taken for a claim's kind
    (pydantic's union tag, dropped from the location) and the message said "missing required key '(top level)'"."""
    import batcalc.spec.claims  # noqa: F401  (registers kind: claims)

    with pytest.raises(SpecError) as exc:
        parse_spec("kind: claims\ntitle: t\n", "c.yaml")
    assert str(exc.value) == "c.yaml:1:1: missing required key 'claims'"


@pytest.mark.parametrize("field,edge_in,edge_out", [
    ("auxiliary_power", "100 kW", "100.1 kW"),
    ("battery_efficiency", "70 %", "69.9 %"),
    ("transmission_efficiency", "50 %", "49.9 %"),
    ("motor_rated_power", "5 MW", "5.01 MW"),
])
def test_powertrain_figures_have_plausibility_bounds(write, field, edge_in, edge_out):
    """A battery efficiency of 1 % (for 100 %?) gave a 16 kWh/km car and 1e9 W of auxiliaries a range of 3.5 m,
    without a word, where a drag coefficient of 23 was refused as a typo: the powertrain's figures and the
    auxiliaries have bounds too, refused at their line and column in the unit the file wrote."""
    def vehicle(value: str) -> str:
        given = {"motor_rated_power": "150 kW", field: value}
        return ("kind: vehicle\nid: v\nname: V\nmass_without_battery: 1500 kg\npayload: 100 kg\n"
                "drag_coefficient: 0.3\nfrontal_area: 2.3 m^2\nrolling_resistance: 0.008\n"
                + (f"auxiliary_power: {value}\n" if field == "auxiliary_power" else "")
                + "powertrain:\n" + "".join(f"  {k}: {v}\n" for k, v in given.items() if k != "auxiliary_power"))
    assert load_spec(write("ok.yaml", vehicle(edge_in))) is not None
    text = vehicle(edge_out)
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.strip().startswith(f"{field}: {edge_out}"))
    with pytest.raises(SpecError, match=f"'{edge_out}' is not plausible for {field} " + r"\(expected") as exc:
        load_spec(write("bad.yaml", text))
    assert f"bad.yaml:{line}:" in str(exc.value) and "\n" not in str(exc.value)
