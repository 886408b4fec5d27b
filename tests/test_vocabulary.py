"""The unit vocabulary (batcalc/units/vocabulary.py, docs/units.md): what it takes and what it refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batcalc import units
from batcalc.errors import UnitError
from batcalc.units.vocabulary import PREFIXES, VOCABULARY, spellings

ROOT = Path(__file__).resolve().parents[1]


def test_the_docs_table_is_the_vocabulary():
    rows = [line for line in (ROOT / "docs" / "units.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and "`" in line]
    documented = []
    for row in rows:
        group, word, kind, prefixes, meaning = (c.strip() for c in row.strip("|").split("|"))
        shown = [] if prefixes == "none" else [p.strip().split(" ")[0] for p in prefixes.split(",")]
        documented.append((group, word.strip("`"), kind, shown, meaning))
    listed = [(g, w, k, [PREFIXES[p] if k == "name" else p.replace("u", "µ") for p in pre], m)
              for g, w, k, pre, m in VOCABULARY]
    assert documented == listed


def test_every_spelling_is_a_unit_pint_reads_and_prefixes_scale_it():
    registry = units.ureg()
    for name in spellings():
        registry.parse_units(name)                      # raises if pint does not know it
    for _group, word, kind, prefixes, _meaning in VOCABULARY:
        base = registry.Quantity(1.0, word).to_base_units().magnitude if word not in ("°C", "°F", "degC", "degF") \
            else None
        for p in prefixes:
            spelled = (PREFIXES[p] if kind == "name" else p) + word
            factor = {"u": 1e-6, "m": 1e-3, "c": 1e-2, "d": 1e-1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12}[p]
            assert registry.Quantity(1.0, spelled).to_base_units().magnitude == pytest.approx(base * factor)


def test_every_unit_batcalc_writes_is_in_the_vocabulary():
    shown = set(units.COMMON_UNITS) | {label for table in units.SYSTEMS.values() for label in table.values()}
    for label in sorted(shown):
        if label in ("C", "cycles", "dimensionless", ""):     # labels of C-rates and counts, never parsed
            continue
        units.parse_unit(label)                          # raises UnitError for a name outside the list


@pytest.mark.parametrize("text, dim, meant, pint_reads", [
    ("480 kgr", "mass", "'kg'", "kilograin"),
    ("350 Wh/kgr", "specific_energy", "'kg'", "kilograin"),
    ("350 Wh/grs", "specific_energy", "'g'", ""),
    ("350 Eh/kg", "specific_energy", "'Wh'", "hartree"),
    ("70 grs", "mass", "'g'", ""),
    ("1 hs", "time", "'h'", "hectosecond"),
    ("5000 MAhs", "charge", "'mAh'", "megaampere_hour"),
    ("3 ktons", "mass", "'tonne", "kiloton"),
    ("5 kgs", "mass", "'kg'", ""),
    ("3 kwh", "energy", "'kWh'", ""),
    ("12 Mins", "time", "'mins'", ""),
])
def test_units_no_spec_writer_means_are_refused_with_the_spelling_meant(text, dim, meant, pint_reads):
    with pytest.raises(UnitError) as exc:
        units.parse_value(text, dim)
    message = str(exc.value)
    assert meant in message and "\n" not in message
    assert pint_reads in message


@pytest.mark.parametrize("text, si", [("2 hours", 7200.0), ("3 kilowatt_hours", 3 * 3.6e6), ("1.5 tonnes", 1500.0),
                                      ("4 mins", 240.0), ("25 µm", 25e-6), ("25 um", 25e-6),
                                      ("800 Wh/dm^3", 800 * 3600 / 1e-3), ("24.2 cc", 24.2e-6)])
def test_names_take_plurals_and_prefixes_as_listed(text, si):
    dims = {"2 hours": "time", "3 kilowatt_hours": "energy", "1.5 tonnes": "mass", "4 mins": "time",
            "25 µm": "length", "25 um": "length", "800 Wh/dm^3": "energy_density", "24.2 cc": "volume"}
    assert units.parse_value(text, dims[text]).si == pytest.approx(si)


@settings(max_examples=400, deadline=None)
@given(name=st.text(alphabet="abcdefghkmnorstuwxyzAGJKMNTWV", min_size=1, max_size=5))
def test_no_name_outside_the_vocabulary_is_ever_read(name):
    try:
        units.parse_unit(name)
    except UnitError as exc:
        assert name not in spellings() or "offset temperature" in str(exc)
        assert re.search(r"unknown unit|ambiguous unit|angle", str(exc)) or name in spellings()
    else:
        assert name in spellings()


def test_the_command_line_refuses_the_traps_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    runner = CliRunner()
    for args, meant in ((["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--pack-mass", "480 kgr"], "'kg'"),
                        (["charge", "gac-aion-ssb-350", "--time", "1 hs"], "'h'")):
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and meant in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_every_plural_is_the_same_unit_as_its_singular():
    # pint reads 'amps' as atto-(metres per second): a plural must be checked, not assumed
    registry = units.ureg()
    for name in spellings():
        if name.endswith("s") and name[:-1] in spellings() and len(name) > 3:
            assert registry.parse_units(name) == registry.parse_units(name[:-1]), name
    with pytest.raises(UnitError):
        units.parse_value("2 amps", "current")


@pytest.mark.parametrize("text, fragment", [("3 m ^2", "no space before an exponent"),
                                            ("3 m ²", "no space before an exponent"),
                                            ("3 m^ 2", "no space inside an exponent"),
                                            ("1e18 millimetres\u2028³/mi", "no space before an exponent")])
def test_an_exponent_belongs_to_the_name_before_it(text, fragment):
    # the value fuzzer found 'millimetres<U+2028>³' read as mm^3 across a line separator
    with pytest.raises(UnitError, match=fragment):
        units.parse_value(text)
    assert units.parse_value(text.replace(" ^", "^").replace(" ²", "²").replace("^ ", "^")
                             .replace("\u2028", "")).si > 0
