"""Hostile input against the loader layer (YAML -> pint -> pydantic), through the library and the CLI.

Every input here must give a clean one-line batcalc error (SpecError / UnitError, CLI exit code 2,
one line on stderr with ``path:line:col`` where a file is involved, no traceback) within one second,
or, if it is valid, the right number. Besides the obvious attacks (alias bombs, power towers, NaN,
huge files) it covers what such a stack misreads *silently*:

- YAML 1.1 (PyYAML's resolver): ``1:20`` is 80, ``0o17`` is 15, ``no`` is False, ``1_000`` is 1000;
- pint: a space multiplies (``350 Wh kg`` is Wh*kg, pint issues #34, #799), ``a/b*c`` is (a/b)*c,
  ``C`` is coulomb, ``cycles`` is 2 pi radians, ``°`` and ``rad`` are plain numbers, ``°C`` is an
  offset unit (``1/°C`` raises), ``(m) (s)**-1`` binds oddly (pint issue #1485), ``%`` combines;
- Python's float(): fullwidth and Arabic-Indic digits, ``1e999`` -> inf, ``1e-999`` -> 0.0;
- pydantic's lax mode: ``true`` -> 1, ``"1000"`` -> 1000, ``1000.0`` -> 1000.

Hypothesis properties at the end feed generated YAML documents, unit strings and CLI argument lists.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import string
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from batcalc import units
from batcalc.cli.main import app, main
from batcalc.errors import BatcalcError, SpecError, UnitError
from batcalc.io import yamlfile
from batcalc.spec.model import CellSpec, load_spec, parse_spec

TIME_LIMIT = 1.0   # seconds, per input, library or CLI

BASE = """\
kind: cell
id: hostile
name: Hostile test cell
sources:
  - {id: s, title: Test sheet, document: t.pdf, grade: press}
"""

VALID = BASE + """\
electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}
physical: {mass: 70 g}
charging:
  claims:
    - {from_soc: 10 %, to_soc: 80 %, time: 12 min}
cycle_life: {cycles: 1000, retention: 80 %}
"""

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _warm():
    """Load pint's registry and the CLI once, so that the time limits measure the input, not start-up.

    typer's CliRunner rebuilds the click command from the app on every call (~20 ms); this module
    makes some 300 calls, so the command is built once here (restored afterwards).
    """
    import typer.testing

    original = typer.testing._get_command
    command = original(app)
    typer.testing._get_command = lambda a: command if a is app else original(a)
    try:
        units.parse_quantity("350 Wh/kg", "specific_energy")
        runner.invoke(app, ["convert", "1 m", "km"])
        runner.invoke(app, ["show", "gac-aion-ssb-350"])
        yield
    finally:
        typer.testing._get_command = original


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    try:
        return fn(*args, **kwargs)
    finally:
        elapsed = time.perf_counter() - start
        assert elapsed < TIME_LIMIT, f"took {elapsed:.2f} s"


def lib_error(fn, *args, fragment: str | None = None, **kwargs) -> BatcalcError:
    """Call ``fn``; it must raise a BatcalcError (one line, with ``fragment``) in time."""
    with pytest.raises(BatcalcError) as exc:
        timed(fn, *args, **kwargs)
    message = str(exc.value)
    assert "\n" not in message and "\r" not in message, message
    if fragment:
        assert fragment in message, message
    return exc.value


def cli(args: list[str]):
    result = timed(runner.invoke, app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def cli_error(args: list[str], path: str | None = None, located: bool = True, fragment: str | None = None):
    """Run the CLI in-process; it must exit 2 with one line on stderr (``path:line:col: ...``)."""
    r = cli(args)
    assert r.exit_code == 2, (r.exit_code, r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    if path is not None:
        pattern = re.escape(yamlfile.shown_path(path)) + (r":\d+:\d+: \S" if located else r": \S")
        assert re.match(pattern, lines[0]), lines[0]
    if fragment:
        assert fragment in lines[0], lines[0]
    return lines[0]


def write(tmp_path: Path, content: str | bytes, name: str = "spec.yaml") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return str(path)


def billion_laughs() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    return BASE + "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- hostile files

# (id, file content, fragment of the message, (line, col) or None)
HOSTILE_FILES = [
    ("billion-laughs", billion_laughs(), "aliases", (7, 10)),
    ("alias", BASE + "physical: {mass: &m 70 g}\nelectrical: {capacity: *m}\n", "aliases", (7, 24)),
    ("anchored-alias-key", BASE + "&k name2: x\n*k : y\n", "aliases", (7, 1)),
    ("merge-key", BASE + "physical: &p {mass: 70 g}\nelectrical:\n  <<: {capacity: 5 Ah}\n", "merge keys", (8, 3)),
    ("deep-flow", BASE + "notes: " + "[" * 60 + "]" * 60 + "\n", "nesting too deep", None),
    ("deep-flow-10k", BASE + "notes: " + "[" * 10_000 + "]" * 10_000 + "\n", "nesting", None),
    ("deep-block", BASE + "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "x: 1\n",
     "nesting too deep", None),
    ("many-nodes", BASE + "notes: [" + ",".join(["1"] * 300_000) + "]\n", "too many YAML nodes", None),
    ("long-string", BASE + "notes: " + "x" * (yamlfile.MAX_SCALAR_CHARS + 1) + "\n", "string too long", (6, 8)),
    ("long-key", BASE + "? " + "k" * 5000 + "\n: 1\n", "key too long", (6, 3)),
    ("long-implicit-key", BASE + "k" * 5000 + ": 1\n", "invalid YAML", None),
    ("duplicate-key", BASE + "name: Again\n", "duplicate key 'name' (first given on line 3)", (6, 1)),
    ("duplicate-key-quoted", BASE + "'name': Again\n", "duplicate key 'name'", (6, 1)),
    ("duplicate-nested", BASE + "physical: {mass: 70 g, mass: 80 g}\n", "duplicate key 'mass'", (6, 24)),
    ("unknown-key", BASE + "electricl: {capacity: 5 Ah}\n", "did you mean 'electrical'", (6, 1)),
    ("unknown-nested", BASE + "physical: {mas: 70 g}\n", "did you mean 'mass'", (6, 12)),
    ("unknown-long-form-key", BASE + "physical: {mass: {value: 70 g, sorce: s}}\n", "did you mean 'source'", (6, 18)),
    ("wrong-dimension", BASE + "physical: {mass: 70 Wh}\n", "not a mass", (6, 18)),
    ("zero-mass", BASE + "physical: {mass: 0 g}\n", "must be positive", (6, 18)),
    ("negative-capacity", BASE + "electrical: {capacity: -5 Ah}\n", "must be positive", (6, 24)),
    ("negative-zero-time", BASE + "charging: {claims: [{to_soc: 80 %, time: -0 min}]}\n", "must be positive", None),
    ("zero-c-rate", BASE + "charging: {max_c_rate: 0 C}\n", "must be positive", (6, 24)),
    ("soc-above-100", BASE + "charging: {claims: [{to_soc: 120 %, time: 12 min}]}\n", "more than 100 %", (6, 30)),
    ("soc-negative", BASE + "charging: {claims: [{from_soc: -10 %, to_soc: 80 %, time: 12 min}]}\n",
     "positive", (6, 32)),
    ("soc-ends-below-start", BASE + "charging: {claims: [{from_soc: 90 %, to_soc: 80 %, time: 12 min}]}\n",
     "must be above from_soc", (6, 21)),
    ("soc-ends-at-start", BASE + "charging: {claims: [{from_soc: 80 %, to_soc: 80 %, time: 12 min}]}\n",
     "must be above from_soc", (6, 21)),
    ("soc-bare-80", BASE + "charging: {claims: [{to_soc: 80, time: 12 min}]}\n", "ambiguous", (6, 30)),
    ("retention-above-100", BASE + "cycle_life: {cycles: 500, retention: 101 %}\n", "more than 100 %", None),
    ("bare-number", BASE + "physical: {mass: 70}\n", "needs a unit", (6, 18)),
    ("yaml-nan", BASE + "physical: {mass: .nan}\n", "malformed value", (6, 18)),
    ("nan-value", BASE + "physical: {mass: nan g}\n", "malformed value", (6, 18)),
    ("inf-value", BASE + "physical: {mass: inf}\n", "malformed value", (6, 18)),
    ("yaml-inf", BASE + "cycle_life: {cycles: 500, retention: .inf}\n", "malformed value", None),
    ("1e999-unit", BASE + "physical: {mass: 1e999 g}\n", "not a finite number", (6, 18)),
    ("1e999-bare", BASE + "cycle_life: {cycles: 500, retention: 1e999}\n", "not a finite number", None),
    ("1e999-c-rate", BASE + "charging: {max_c_rate: 1e999 C}\n", "not a finite number", (6, 24)),
    ("1e-999", BASE + "physical: {mass: 1e-999 g}\n", "too small", (6, 18)),
    ("huge", BASE + "physical: {mass: 1e300 kg}\n", "too large", (6, 18)),
    ("huge-digits", BASE + "physical: {mass: " + "9" * 70 + " g}\n", "too large", (6, 18)),
    ("huge-int-5000-digits", BASE + "cycle_life: {cycles: 500, retention: " + "9" * 5000 + "}\n",
     "too long", None),
    ("huge-int-cycles", BASE + "cycle_life: {cycles: " + "9" * 5000 + "}\n", "cycle_life.cycles", (6, 22)),
    ("empty", "", "file is empty", (1, 1)),
    ("whitespace-only", "  \n\t\n   \n", "file is empty", (1, 1)),
    ("comment-only", "# just a comment\n# another\n", "file is empty", (1, 1)),
    ("top-level-list", "- kind: cell\n- id: x\n", "expected a YAML mapping", (1, 1)),
    ("top-level-scalar", "kind\n", "expected a YAML mapping", (1, 1)),
    ("top-level-null", "~\n", "expected a YAML mapping", (1, 1)),
    ("top-level-number", "42\n", "expected a YAML mapping", (1, 1)),
    ("no-kind", "id: x\n", "missing 'kind:'", (1, 1)),
    ("kind-typo", BASE.replace("kind: cell", "kind: cel"), "did you mean 'cell'", (1, 7)),
    ("tag-python", BASE + "notes: !!python/object/apply:os.system ['echo hi']\n", "YAML tag", (6, 8)),
    ("tag-python-name", BASE + "notes: !!python/name:os.system x\n", "YAML tag", (6, 8)),
    ("tag-binary", BASE + "notes: !!binary aGVsbG8=\n", "YAML tag", (6, 8)),
    ("tag-custom", BASE + "notes: !custom x\n", "YAML tag !custom", (6, 8)),
    ("tag-set", BASE + "notes: !!set {a, b}\n", "YAML tag", (6, 8)),
    ("tag-verbatim", BASE + "notes: !<tag:yaml.org,2002:python/object> x\n", "YAML tag", (6, 8)),
    ("tag-int", BASE + "cycle_life: {cycles: !!int '1000'}\n", "YAML tag", (6, 22)),
    ("tag-timestamp", BASE + "notes: !!timestamp 2024-01-01\n", "YAML tag", (6, 8)),
    ("multi-document", BASE + "---\n" + BASE, "more than one YAML document", (7, 1)),
    ("key-number", BASE + "1: x\n", "unknown key '1'", (6, 1)),
    ("key-null", BASE + "~: x\n", "unknown key '~'", (6, 1)),
    ("key-list", BASE + "[a, b]: x\n", "mapping keys must be plain names", (6, 1)),
    ("key-mapping", BASE + "{a: 1}: x\n", "mapping keys must be plain names", (6, 1)),
    ("key-newline", BASE + '"na\\nme": x\n', "control character", (6, 1)),
    ("nul-escaped", BASE + 'notes: "a\\0b"\n', "U+0000", (6, 8)),
    ("escape-sequence", BASE + 'notes: "\\e[31mred\\e[0m"\n', "U+001B", (6, 8)),
    ("bidi-override", BASE + 'notes: "abc\\u202edcba"\n', "U+202E", (6, 8)),
    ("line-separator", BASE + 'notes: "one\\u2028two"\n', "U+2028", (6, 8)),
    ("nul-raw", BASE + "notes: a\x00b\n", "NUL", (6, 9)),
    ("tab-indent", BASE + "physical:\n\tmass: 70 g\n", "invalid YAML", (7, 1)),
    ("unclosed-flow", BASE + "physical: {mass: 70 g\n", "invalid YAML", None),
    ("bad-escape", BASE + 'notes: "\\ud800"\n', "invalid YAML", None),
    ("list-for-mapping", BASE + "physical: [70 g]\n", "physical", (6, 11)),
    ("mapping-for-number", BASE + "physical: {mass: {a: 1}}\n", "unknown key 'a'", (6, 18)),
    ("list-for-value", BASE + "physical: {mass: [70 g]}\n", "got a list", (6, 18)),
    # a cycle count is read by the value grammar, as a lifetime claim's cycles are (its words, not pydantic's)
    ("sexagesimal", BASE + "cycle_life: {cycles: 1:20}\n", "write a plain decimal number", (6, 22)),
    ("octal", BASE + "cycle_life: {cycles: 0o17}\n", "write a plain decimal number", (6, 22)),
    ("hex", BASE + "cycle_life: {cycles: 0x1F}\n", "write a plain decimal number", (6, 22)),
    ("underscore-cycles", BASE + "cycle_life: {cycles: 1_000}\n", "no hex, octal, '1_000' or '1:20' forms", (6, 22)),
    ("yaml11-no", BASE + "cycle_life: {cycles: no}\n", "malformed value 'no'", (6, 22)),
    ("fractional-cycles", BASE + "cycle_life: {cycles: 1000.7}\n", "'1000.7' is not a whole number of cycles", (6, 22)),
    ("fullwidth-cycles", BASE + "cycle_life: {cycles: １０００}\n", "ASCII digits", (6, 22)),
    ("status-huge-list", BASE + "status: [" + ",".join(["abc"] * 5000) + "]\n", "status", (6, 9)),
    ("status-long-string", BASE + "status: " + "x" * 5000 + "\n", "...", (6, 9)),
    ("utf8-bom-bad-after", "\ufeff" + BASE + "physical: {mass: 70 kg/m}\n", "not a mass", (6, 18)),
]


@pytest.mark.parametrize("content, fragment, where", [c[1:] for c in HOSTILE_FILES],
                         ids=[c[0] for c in HOSTILE_FILES])
def test_hostile_file_library_and_cli(tmp_path, content, fragment, where):
    path = write(tmp_path, content)
    exc = lib_error(load_spec, path, fragment=fragment)
    assert isinstance(exc, SpecError) and exc.path == path
    if where is not None:
        assert (exc.line, exc.col) == where, str(exc)
    assert exc.line is not None and exc.col is not None
    # the same text given as a string
    if "\x00" not in content:
        lib_error(parse_spec, content, "s.yaml", fragment=fragment)
    cli_error(["show", path], path, fragment=fragment)


def test_alias_bomb_is_refused_before_expansion():
    """A 9^12-element bomb: refused at the first alias, in milliseconds."""
    start = time.perf_counter()
    lib_error(parse_spec, billion_laughs(), fragment="aliases")
    assert time.perf_counter() - start < 0.1


def test_many_nodes_stop_early():
    """Node counting happens while reading: a 1 MiB document of tiny nodes stops at MAX_NODES."""
    text = "a: [" + ",".join(["1"] * 500_000) + "]"
    assert len(text) <= yamlfile.MAX_FILE_BYTES
    start = time.perf_counter()
    lib_error(yamlfile.parse_yaml, text, fragment="too many YAML nodes")
    assert time.perf_counter() - start < 0.5


# --------------------------------------------------------------------------- files that are not text

def _files(tmp_path: Path) -> dict[str, tuple[str, str, bool]]:
    """name -> (path, fragment, located)"""
    out = {}
    out["binary"] = (write(tmp_path, b"kind: cell\nid: \x00\x01\x02\xff", "bin.yaml"), "binary file", True)
    out["latin-1"] = (write(tmp_path, "kind: cell\nname: caf\xe9\n".encode("latin-1"), "l1.yaml"), "not UTF-8", True)
    out["utf-16-bom"] = (write(tmp_path, "\ufeffkind: cell\n".encode("utf-16-le"), "u16.yaml"), "UTF-16", True)
    out["utf-16-be-bom"] = (write(tmp_path, "\ufeffkind: cell\n".encode("utf-16-be"), "u16be.yaml"), "UTF-16", True)
    out["utf-32-bom"] = (write(tmp_path, "\ufeffkind: cell\n".encode("utf-32"), "u32.yaml"), "UTF-32", True)
    out["png"] = (write(tmp_path, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "img.yaml"), "binary file", True)
    out["jpeg"] = (write(tmp_path, b"\xff\xd8\xff\xe0JFIF", "img2.yaml"), "not UTF-8", True)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.write(b"# padding\n" * (yamlfile.MAX_FILE_BYTES // 10 + 1))
    out["too-large"] = (str(big), "file too large", False)
    sparse = tmp_path / "sparse.yaml"
    with open(sparse, "wb") as fh:
        fh.truncate(1 << 26)       # 64 MiB, sparse: refused from its size, never read
    out["huge-sparse"] = (str(sparse), "file too large", False)
    (tmp_path / "a-directory").mkdir()
    out["directory"] = (str(tmp_path / "a-directory"), "is a directory", False)
    out["missing"] = (str(tmp_path / "missing.yaml"), "no such file", False)
    out["dev-null"] = ("/dev/null", "not a regular file", False)
    return out


@pytest.mark.parametrize("name", ["binary", "latin-1", "utf-16-bom", "utf-16-be-bom", "utf-32-bom", "png",
                                  "too-large", "huge-sparse", "jpeg", "directory", "missing", "dev-null"])
def test_files_that_are_not_specs(tmp_path, name):
    path, fragment, located = _files(tmp_path)[name]
    exc = lib_error(load_spec, path, fragment=fragment)
    assert isinstance(exc, SpecError) and exc.path == path
    assert (exc.line is not None) == located
    cli_error(["show", path], path, located=located, fragment=fragment)


def test_latin1_error_column_counts_characters(tmp_path):
    path = write(tmp_path, "name: 輝能 caf\xe9\n".encode("utf-8")[:-3] + b"\xe9\n")
    exc = lib_error(load_spec, path, fragment="not UTF-8")
    assert (exc.line, exc.col) == (1, 13)


def test_newline_in_file_name_stays_one_line(tmp_path):
    path = write(tmp_path, "kind: cell\nid: [\n", "bad\nname.yaml")
    line = cli_error(["show", path], path)
    assert "bad\\nname.yaml:" in line


# --------------------------------------------------------------------------- fine inputs read right

def _read(text: str, tmp_path: Path) -> CellSpec:
    spec = timed(parse_spec, text, "s.yaml")
    path = write(tmp_path, text)
    assert timed(load_spec, path) == spec
    r = cli(["show", path])
    assert r.exit_code == 0, r.stderr
    return spec


def test_valid_reference(tmp_path):
    spec = _read(VALID, tmp_path)
    assert spec.electrical.nominal_voltage.si == pytest.approx(3.6)
    assert spec.electrical.capacity.si == pytest.approx(5 * 3600)
    assert spec.physical.mass.si == pytest.approx(0.070)
    assert spec.charging.claims[0].time.si == 720
    assert spec.cycle_life.cycles == 1000 and spec.cycle_life.retention.si == pytest.approx(0.8)


@pytest.mark.parametrize("transform", [
    pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
    pytest.param(lambda t: t.replace("\n", "\r"), id="cr-only"),
    pytest.param(lambda t: "\ufeff" + t, id="utf8-bom"),
    pytest.param(lambda t: t.replace("3.6 V", "3.6\tV").replace("5 Ah", "5\u00a0Ah"), id="tab-and-nbsp-in-values"),
    pytest.param(lambda t: t.replace("70 g", "70g"), id="no-space"),
    pytest.param(lambda t: "%YAML 1.1\n---\n" + t + "...\n", id="directive-and-end-marker"),
    pytest.param(lambda t: t + "notes: \"3.6 V, 輝能科技, ünïcödé, 🔋\"\n", id="unicode-notes"),
    pytest.param(lambda t: t + "notes: &anchor unused anchor\n", id="anchor-without-alias"),
    pytest.param(lambda t: "# comment\n" + t.replace("\n", "   # trailing comment\n", 3), id="comments"),
    pytest.param(lambda t: t.replace("cycles: 1000", "cycles: '1000'"), id="quoted-int"),
    pytest.param(lambda t: t.replace("cycles: 1000", "cycles: 1e3"), id="float-int"),
    pytest.param(lambda t: t.replace("cycles: 1000", "cycles: 1000.0"), id="float-int-exact"),
    pytest.param(lambda t: t.replace("80 %}", "0.8}"), id="bare-fraction"),
    pytest.param(lambda t: t.replace("80 %}", "80 percent}"), id="percent-word"),
])
def test_fine_variants_read_the_same(tmp_path, transform):
    spec = _read(transform(VALID), tmp_path)
    assert spec.electrical.nominal_voltage.si == pytest.approx(3.6)
    assert spec.electrical.capacity.si == pytest.approx(5 * 3600)
    assert spec.physical.mass.si == pytest.approx(0.070)
    assert spec.charging.claims[0].from_soc.si == pytest.approx(0.1)
    assert spec.cycle_life.cycles == 1000 and spec.cycle_life.retention.si == pytest.approx(0.8)


# --------------------------------------------------------------------------- value strings

# dim -> (YAML snippet with {v}, accessor)
FIELDS = {
    "specific_energy": ("energy_density: {{gravimetric: {v}}}", lambda s: s.energy_density.gravimetric),
    "energy_density": ("energy_density: {{volumetric: {v}}}", lambda s: s.energy_density.volumetric),
    "energy": ("electrical: {{energy: {v}}}", lambda s: s.electrical.energy),
    "charge": ("electrical: {{capacity: {v}}}", lambda s: s.electrical.capacity),
    "voltage": ("electrical: {{nominal_voltage: {v}}}", lambda s: s.electrical.nominal_voltage),
    "mass": ("physical: {{mass: {v}}}", lambda s: s.physical.mass),
    "volume": ("physical: {{volume: {v}}}", lambda s: s.physical.volume),
    "time": ("charging: {{claims: [{{to_soc: 80 %, time: {v}}}]}}", lambda s: s.charging.claims[0].time),
    "fraction": ("cycle_life: {{cycles: 500, retention: {v}}}", lambda s: s.cycle_life.retention),
    "length": ("ranges: [{{distance: {v}}}]", lambda s: s.ranges[0].distance),
    "c_rate": ("charging: {{max_c_rate: {v}}}", lambda s: s.charging.max_c_rate),
}

# (value string, dim, SI value or error fragment)
VALUES = [
    # power towers and exponents
    ("10**10**10 Wh/kg", "specific_energy", "malformed unit"),
    ("10^10^10 Wh/kg", "specific_energy", "malformed unit"),
    ("1 Wh/kg**9999", "specific_energy", "exponent 9999 too large"),
    ("1 Wh/kg^99999999999999999999", "specific_energy", "too large"),
    ("1 Wh/kg^-2^3", "specific_energy", "malformed unit"),
    ("1 Wh/(kg^4)^4", "specific_energy", "powers above"),
    ("1 kg**0.5", "mass", "malformed unit"),
    ("1 kg^(1/2)", "mass", "whole number"),
    ("1 kg^0", "mass", "nonzero"),
    ("1 m*m*m*m*m", "volume", "powers above"),
    ("1 m^4*km^4", None, "powers above"),
    ("1 m*m*m*m*m*m/m^3", "volume", 1.0),
    # NaN and infinities
    ("nan Wh/kg", "specific_energy", "malformed value"),
    ("NaN Wh/kg", "specific_energy", "malformed value"),
    ("inf Wh/kg", "specific_energy", "malformed value"),
    ("-inf Wh/kg", "specific_energy", "malformed value"),
    ("infinity Wh/kg", "specific_energy", "malformed value"),
    ("1e999 Wh/kg", "specific_energy", "not a finite number"),
    ("-1e999 Wh/kg", "specific_energy", "not a finite number"),
    ("1 nan", "specific_energy", "unknown unit"),
    ("1 inf", "specific_energy", "unknown unit"),
    # huge and tiny
    ("1e300 Wh/kg", "specific_energy", "too large"),
    ("1e-999 Wh/kg", "specific_energy", "too small"),
    ("1e-300 g", "mass", "too small"),
    ("1e18 kg", "mass", 1e18),
    ("1" + "0" * 60 + " g", "mass", "too large"),
    ("0.000000000000000000001 g", "mass", "too small"),
    # very long
    ("3" * 100 + " Wh/kg", "specific_energy", "too long"),
    ("1 " + "k" * 60, "mass", "too long"),
    ("1 " + "(" * 20 + "kg" + ")" * 20, "mass", "too long"),
    ("1 ((((kg))))", "mass", "levels of parentheses"),
    ("1 (((kg)))", "mass", 1.0),
    # code-looking strings
    ("1 __import__('os')", "mass", "malformed unit"),
    ("1 __import__", "mass", "malformed unit"),
    ("1 eval", "mass", "unknown unit 'eval'"),
    ("1 kg; rm -rf /", "mass", "malformed unit"),
    ("1 kg.__class__", "mass", "malformed unit"),
    ("1 {kg}", "mass", "malformed unit"),
    ("1 kg[0]", "mass", "malformed unit"),
    ("1 'kg'", "mass", "malformed unit"),
    ("1/0", "mass", "malformed unit"),
    ("1 1/0", "mass", "malformed unit"),
    ("1 kg/0", "mass", "malformed unit"),
    # unbalanced and dangling
    ("1 Wh/(kg", "specific_energy", "unbalanced"),
    ("1 Wh/kg)", "specific_energy", "unbalanced"),
    ("1 kg/", "mass", "ends with an operator"),
    ("1 kg*", "mass", "ends with an operator"),
    ("1 kg^", "mass", "exponent"),
    ("1 /kg", "mass", "malformed unit"),
    ("1 ()", "mass", "malformed unit"),
    ("Wh/kg 350", "specific_energy", "malformed value"),
    ("", "mass", "malformed value"),
    ("   ", "mass", "malformed value"),
    # unicode tricks
    ("３５０ Wh/kg", "specific_energy", "ASCII digits"),
    ("٣٥٠ Wh/kg", "specific_energy", "ASCII digits"),
    ("३५० Wh/kg", "specific_energy", "ASCII digits"),
    ("350 Ｗh/kg", "specific_energy", "malformed unit"),
    ("350\u00a0Wh/kg", "specific_energy", 350 * 3600.0),
    ("350\u2009Wh/kg", "specific_energy", 350 * 3600.0),
    ("350 Wh\u00a0/\u00a0kg", "specific_energy", 350 * 3600.0),
    ("350 Wh/kg\u200b", "specific_energy", "malformed unit"),
    ("\u2212350 Wh/kg", "specific_energy", "malformed value"),
    ("800 Wh/dm³", "energy_density", 800 * 3600 * 1000),
    ("800 Wh/dm^3", "energy_density", 800 * 3600 * 1000),
    ("800 Wh·dm⁻³", "energy_density", 800 * 3600 * 1000),
    ("800 Wh/dm3", "energy_density", "malformed unit"),
    ("5000 µm", "length", 0.005),          # micro sign U+00B5
    ("5000 μm", "length", 0.005),          # Greek mu U+03BC
    ("5 µ", "length", "prefix"),
    ("4.2 Ah", "charge", 4.2 * 3600),
    ("4200 mAh", "charge", 4.2 * 3600),
    ("25 °C", "time", "offset temperature unit"),
    ("25 degC", "time", "offset temperature unit"),
    ("25 ℃", "time", "malformed unit"),
    # pint traps
    ("3 C", "charge", "ambiguous"),
    ("3 C", "c_rate", 3 / 3600),
    ("3C", "c_rate", 3 / 3600),
    ("3 c", "c_rate", "C-rate"),
    ("3 1/h", "c_rate", "C-rate"),
    ("3 C/h", "c_rate", "C-rate"),
    ("3 A*s", "charge", 3.0),
    ("3 coulomb", "charge", 3.0),
    ("50 %", "fraction", 0.5),
    ("50 percent", "fraction", 0.5),
    ("0.5", "fraction", 0.5),
    ("50", "fraction", "ambiguous"),
    ("50 %%", "fraction", "not a fraction"),
    ("50 %%", None, "malformed unit"),
    ("50 pct", "fraction", "not a fraction"),   # pint: picocarat
    ("50 °", "fraction", "not a fraction"),     # pint: degrees of angle, a plain number
    ("0.5 rad", "fraction", "not a fraction"),
    ("1 pi", "fraction", "not a fraction"),
    ("50 ppm", "fraction", "not a fraction"),
    ("1 dimensionless", "fraction", "not a fraction"),
    ("80 Wh/Wh", "fraction", "not a fraction"),
    ("350 Wh/kg*%", "specific_energy", "ambiguous"),
    ("350 Wh*%/kg", "specific_energy", "dimensionless unit"),
    ("350 %*Wh/kg", "specific_energy", "dimensionless unit"),
    ("350 Wh/kg%", "specific_energy", "malformed unit"),
    ("350 pi*Wh/kg", "specific_energy", "unknown unit 'pi'"),
    ("350 Wh*%/kg", "specific_energy", "dimensionless unit"),
    ("1e3 kWh", "energy", 3.6e9),
    ("5 mWh", "energy", 18.0),
    ("5 MWh", "energy", 1.8e10),
    ("5 kwh", "energy", "did you mean 'kWh'"),
    ("5 KWH", "energy", "unknown unit"),
    ("350 Wh/kg*kg/kg", "specific_energy", "ambiguous"),
    ("350 Wh/kg/h", "specific_energy", "ambiguous"),
    ("1 J/kg/s", "specific_energy", "ambiguous"),
    ("350 Wh/(kg)", "specific_energy", 350 * 3600.0),
    ("350 (Wh)/(kg)", "specific_energy", 350 * 3600.0),
    ("350 Wh*kg^-1", "specific_energy", 350 * 3600.0),
    ("350 Wh kg^-1", "specific_energy", "a space does not multiply"),
    ("350 Wh kg", "specific_energy", "a space does not multiply"),
    ("350 W h/kg", "specific_energy", "a space does not multiply"),
    ("350 (W)(h)/kg", "specific_energy", "join units"),
    ("1 kg kg", "mass", "a space does not multiply"),
    ("350Wh/kg", "specific_energy", 350 * 3600.0),
    ("350 Wh/kg ", "specific_energy", 350 * 3600.0),
    ("  350   Wh / kg  ", "specific_energy", 350 * 3600.0),
    ("350 W*h/kg", "specific_energy", 350 * 3600.0),
    ("350 W·h/kg", "specific_energy", 350 * 3600.0),
    ("12 min", "time", 720.0),
    ("12 mins", "time", 720.0),
    ("0.2 h", "time", 720.0),
    ("12 m", "time", "not a time"),
    ("1000 km", "length", 1e6),
    ("1000 mi", "length", 1609344.0),
    ("3.6 V", "voltage", 3.6),
    ("3600 mV", "voltage", 3.6),
    ("70 g", "mass", 0.07),
    ("70 kg/m", "mass", "not a mass"),
    ("350 km/kg", "specific_energy", "not a specific energy"),
    ("5 Ah", "energy", "not an energy"),
    ("24.2 mL", "volume", 24.2e-6),
    ("24.2 ml", "volume", 24.2e-6),
    ("24.2 cc", "volume", 24.2e-6),
    ("1 cycles", "fraction", "not a fraction"),  # pint: a turn, 2 pi radians
    # number syntax traps
    ("3,6 V", "voltage", "decimal point"),
    ("4,900 mAh", "charge", "decimal point"),
    ("3.6.1 V", "voltage", "malformed value"),
    ("1:20 h", "time", "plain decimal number"),
    ("0o17 V", "voltage", "plain decimal number"),
    ("0x1F V", "voltage", "plain decimal number"),
    ("0b101 V", "voltage", "plain decimal number"),
    ("1_000 V", "voltage", "plain decimal number"),
    ("+3.6 V", "voltage", 3.6),
    (".5 V", "voltage", 0.5),
    ("5. V", "voltage", 5.0),
    ("3.6e0 V", "voltage", 3.6),
    ("36E-1 V", "voltage", 3.6),
    ("0360 V", "voltage", 360.0),        # YAML 1.1 would say octal 240; a value string is decimal
    ("1e1e1 V", "voltage", "malformed"),
    ("- 3.6 V", "voltage", "malformed value"),
    ("--3.6 V", "voltage", "malformed value"),
    ("3.6 V V", "voltage", "a space does not multiply"),
]


@pytest.mark.parametrize("text, dim, expected", VALUES, ids=[f"{t!r}-{d}" for t, d, _ in VALUES])
def test_value_strings_library(text, dim, expected):
    if dim == "c_rate":
        pytest.skip("C-rates are parsed by the spec layer (see the file test)")
    if isinstance(expected, str):
        exc = lib_error(units.parse_quantity, text, dim)
        assert isinstance(exc, UnitError) and expected in str(exc), str(exc)
        assert str(lib_error(units.parse_value, text, dim)) == str(exc)     # the one parse path: same message
    else:
        q = timed(units.parse_quantity, text, dim)
        assert units.to_si(q, dim) == pytest.approx(expected, rel=1e-9)
        assert timed(units.parse_value, text, dim).si == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("text, dim, expected", VALUES, ids=[f"{t!r}-{d}" for t, d, _ in VALUES])
def test_value_strings_in_a_spec_file(tmp_path, text, dim, expected):
    if dim is None:
        pytest.skip("no spec field takes any dimension")
    snippet, get = FIELDS[dim]
    doc = BASE + snippet.format(v=json.dumps(text)) + "\n"    # JSON strings are YAML double-quoted strings
    path = write(tmp_path, doc)
    if isinstance(expected, str):
        exc = lib_error(load_spec, path)
        assert isinstance(exc, SpecError) and exc.line == 6 and exc.col is not None
        line = cli_error(["show", path], path)
        assert expected in line, line
    else:
        spec = timed(load_spec, path)
        assert get(spec).si == pytest.approx(expected, rel=1e-9)
        r = cli(["show", path])
        assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize("text, fragment", [
    ("10**10**10 Wh/kg", "malformed unit"),
    ("1 Wh/kg**9999", "too large"),
    ("1e999 Wh/kg", "not a finite number"),
    ("20 °C", "offset temperature unit"),
    ("1 m/(", "malformed unit"),
])
def test_convert_cli_refuses(text, fragment):
    cli_error(["convert", text, "J/kg"], fragment=fragment)


@pytest.mark.parametrize("value, target, fragment", [
    ("20 °C", "1/K", "offset temperature unit"),    # was an OffsetUnitCalculusError (exit 3)
    ("20 K", "1/degC", "offset temperature unit"),
    ("1 m", "m/(", "malformed unit"),               # was a tokenize.TokenError (exit 3)
    ("1 m", "(m", "unbalanced"),
    ("1 m", "m^", "exponent"),                      # was an AssertionError (exit 3)
    ("1 C", "Ah", "ambiguous"),                     # 1 coulomb = 0.000278 Ah, not a C-rate
    ("1 kg", "kg kg", "a space does not multiply"),
    ("1 kg", "1/0", "malformed unit"),
])
def test_convert_through_main(capsys, value, target, fragment):
    with pytest.raises(SystemExit) as exc:
        timed(main, ["convert", value, target])
    out = capsys.readouterr()
    assert exc.value.code == 2, out
    assert len(out.err.splitlines()) == 1 and fragment in out.err and "Traceback" not in out.err


def test_show_through_main(tmp_path, capsys):
    path = write(tmp_path, BASE + "physical: {mass: 1e999 g}\n")
    with pytest.raises(SystemExit) as exc:
        timed(main, ["show", path])
    out = capsys.readouterr()
    assert exc.value.code == 2
    assert out.err.startswith(f"{path}:6:18: physical.mass: ") and len(out.err.splitlines()) == 1
    with pytest.raises(SystemExit) as exc:
        timed(main, ["show", "a\x00b"])
    out = capsys.readouterr()
    assert exc.value.code == 2 and len(out.err.splitlines()) == 1


# --------------------------------------------------------------------------- found by this suite, fixed

def test_boolean_cycles_refused():
    lib_error(parse_spec, BASE + "cycle_life: {cycles: true}\n", fragment="cycles")


def test_kind_that_is_a_list():
    lib_error(parse_spec, "kind: [cell]\n", fragment="kind")


def test_very_long_cell_name():
    cli_error(["show", "x" * 5000])


# --------------------------------------------------------------------------- property tests

_KEYS = ["kind", "id", "name", "electrical", "physical", "mass", "capacity", "nominal_voltage", "energy",
         "charging", "claims", "to_soc", "from_soc", "time", "cycle_life", "cycles", "retention", "value",
         "source", "sources", "<<", "", "~", "1", "notes", "max_c_rate", "ranges", "distance"]
_VALUE_STRINGS = ["350 Wh/kg", "70 g", "3.6 V", "5 Ah", "80 %", "12 min", "2 C", "1e999 g", "nan g", "-1 g",
                  "0 g", "1:20", "no", "0o17", "10**10**10 Wh/kg", "3 C", "20 °C", "1_000", "３ V", "350 Wh kg",
                  ".nan", ".inf", "1e308 kWh", "1 Wh/kg*kg/kg", "((((kg))))", "__import__('os')", "cell"]
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(_VALUE_STRINGS),
    st.text(max_size=20),
)
_keys = st.one_of(st.sampled_from(_KEYS), st.text(max_size=12))
_documents = st.recursive(_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)), max_leaves=20)
_PATHS = [("electrical",), ("physical",), ("physical", "mass"), ("electrical", "capacity"), ("charging",),
          ("charging", "claims"), ("cycle_life",), ("cycle_life", "cycles"), ("sources",), ("kind",), ("id",),
          ("name",), ("energy_density",), ("ranges",), ("notes",), ("extra",)]


def _kind_is_unhashable(text: str) -> bool:
    """The known TypeError of ``kind: [..]`` (see test_kind_that_is_a_list) is left to that test."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and isinstance(data.get("kind"), (list, dict))


def _check_library(text: str):
    if _kind_is_unhashable(text):
        return None
    try:
        spec = parse_spec(text, "gen.yaml")
    except BatcalcError as exc:
        assert "\n" not in str(exc), str(exc)
        return None
    assert isinstance(spec, CellSpec)
    for v in (spec.electrical.capacity, spec.physical.mass, spec.electrical.nominal_voltage):
        if v is not None:
            assert math.isfinite(v.si) and v.si > 0
    return spec


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_documents)
def test_generated_documents_only_raise_batcalc_errors(doc):
    _check_library(yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_PATHS), value=_documents, flow=st.booleans())
def test_valid_spec_with_one_generated_part(path, value, flow):
    data = yaml.safe_load(VALID)
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node.get(key), dict) or key not in node else node[key]
        if not isinstance(node, dict):
            return
    node[path[-1]] = value
    _check_library(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow))


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("kind: cell\n -{}[]&*!|>'\"#%@`,?:0123456789.eE+\t\\")),
                    max_size=80))
def test_yaml_syntax_soup(text):
    _check_library(text)


_UNIT_ALPHABET = list(string.ascii_letters[:30]) + list("WhkgVAmLsCN%°µμΩ²³⁻·*/^()-_ 0123456789.,e+:\u00a0") + \
    ["Wh", "kg", "km", "**", "100", "ohm", "degC", "pi", "nan", "inf", "__", "C", "percent", "1/"]
_unit_strings = st.lists(st.sampled_from(_UNIT_ALPHABET), max_size=12).map("".join)
_numbers = st.one_of(st.sampled_from(["350", "1e999", "1e-999", "-0", ".5", "3,6", "１", "nan", "", "1e18"]),
                     st.floats(allow_nan=False, allow_infinity=False).map(repr))


@settings(max_examples=400, deadline=None)
@given(number=_numbers, sep=st.sampled_from(["", " ", "\t", "\u00a0"]), unit=_unit_strings,
       dim=st.sampled_from([None, *sorted(units.DIMENSIONS)]))
def test_unit_strings_only_raise_unit_errors(number, sep, unit, dim):
    text = number + sep + unit
    start = time.perf_counter()
    try:
        q = units.parse_quantity(text, dim)
    except UnitError as exc:
        assert "\n" not in str(exc)
        if dim is not None:          # with no dimension, parse_value also refuses angles ('800 cycles')
            with pytest.raises(UnitError) as same:
                units.parse_value(text, dim)
            assert str(same.value) == str(exc)
    else:
        assert math.isfinite(q.magnitude) and abs(q.magnitude) <= units.MAX_MAGNITUDE
        if dim is not None:
            assert math.isfinite(units.to_si(q, dim))
            assert units.parse_value(text, dim).si == pytest.approx(units.to_si(q, dim), rel=1e-12)
    assert time.perf_counter() - start < TIME_LIMIT


_UNIT_TOKENS = ["W", "h", "Wh", "kg", "g", "m", "s", "A", "V", "k", "M", "Q", "q", "Qm", "qm", "Tm", "Gm", "%",
                "mAh", "Wh/kg", "km/h", "/", "*", "^", "^2", "^3", "^4", "^5", "^-1", "(", ")", " ", "100", "degC"]


@settings(max_examples=150, deadline=None)
@given(unit=st.one_of(st.text(max_size=45), st.lists(st.sampled_from(_UNIT_TOKENS), max_size=12).map("".join)))
def test_any_text_as_a_unit(unit):
    """Any text is refused with a one-line UnitError, or is a unit inside the limits: at most
    MAX_UNIT_LENGTH characters, no dimension to a power above MAX_EXPONENT, and 1 of it is between
    MIN_UNIT_FACTOR and MAX_UNIT_FACTOR SI units."""
    try:
        u = units.parse_unit(unit)
    except UnitError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message
        if len(unit) > units.MAX_UNIT_LENGTH:
            assert message.startswith("unit too long")
        return
    assert len(unit) <= units.MAX_UNIT_LENGTH
    assert all(abs(power) <= units.MAX_EXPONENT for power in u.dimensionality.values())
    factor = units.ureg().Quantity(1.0, u).to_base_units().magnitude
    assert units.MIN_UNIT_FACTOR <= factor <= units.MAX_UNIT_FACTOR
    if not unit.strip():
        assert u.dimensionless and factor == 1.0


_ARG_POOL = ["list", "show", "compare", "convert", "range", "tradeoff", "charge", "sweep", "check", "claim",
             "gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", "-v", "--vehicle", "-f", "json", "csv", "--format",
             "-u", "imperial", "--units", "--baseline", "--pack-mass", "480 kg", "--pack-energy",
             "75 kWh", "--to", "80 %", "80", "--from", "10 %", "--time", "12 min", "--cycle", "wltp", "100 km/h",
             "--f-mass", "70 %", "1e999", "nan", "-1", "0", "350 Wh/kg", "kJ/g", "20 °C", "1/K", "3 C", "Ah",
             "10**10**10 Wh/kg", "", " ", "-", "--", "\x00", "x" * 300, "/", ".", "/dev/null", "--help", "-h",
             "--hold", "mass", "range", "--range", "1000 km", "same-weight", "-a", "x1.167"]


_UNSAFE_ARGS = ("new", "plot", "sweep", "-o", "--output", "--install-completion", "--show-completion",
                "--debug")   # --debug switches tracebacks on for the rest of the process


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=st.lists(st.one_of(st.sampled_from(_ARG_POOL), st.text(max_size=10)), max_size=6))
def test_cli_arguments_exit_cleanly(argv):
    # commands that write files (new, plot, completion) are left out, and the run happens in an empty
    # folder anyway; sweep grids are fuzzed by their own tests
    if any(a.startswith(_UNSAFE_ARGS) for a in argv):
        return
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(argv))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        assert not os.listdir(folder), os.listdir(folder)
    assert code in (0, 1, 2), (argv, code, err.getvalue())
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    if code == 2:
        assert len(err.getvalue().splitlines()) == 1, err.getvalue()


# --- one parse path: a sweep axis reads its numbers and unit as a single value does -----------------------------

@pytest.mark.parametrize("value, dim", [
    ("300 Wh / kg", "specific_energy"),      # spaces around '/' (docs/units.md): refused by the grid alone
    ("300 Wh * kg^-1", "specific_energy"),
    ("480 kg", "mass"), ("1e3 km", "length"), ("+500 km", "length"), ("500. km", "length"),
])
def test_a_grid_of_one_value_reads_what_the_value_reads(value, dim):
    # '300 Wh / kg' is 300 Wh/kg in a spec, a claims file and every other option, but the sweep
    # axis refused it ("expected 'start:stop:step unit' ..."): its own pattern took a unit without spaces
    assert list(units.parse_grid(value, dim)) == [units.parse_value(value, dim).si]


@pytest.mark.parametrize("value, dim, example", [
    ("480 k g", "mass", None),               # a space does not multiply: the value's own message, not "expected"
    ("1e400 km", "length", "km"),             # "not a finite number", as --range says
    ("1e19 km", "length", "km"),
    ("500 kWh", "length", "km"),              # "expected units like km", not 'mm', as --range says
    ("300 Wh/L", "specific_energy", None),
])
def test_a_grid_refuses_a_value_in_the_words_a_single_value_gets(value, dim, example):
    with pytest.raises(UnitError) as single:
        units.parse_value(value, dim, example)
    with pytest.raises(UnitError) as grid:
        units.parse_grid(value, dim, "--ranges", example)
    assert str(grid.value) == f"--ranges: {single.value}"


def test_sweep_takes_a_unit_with_spaces_as_range_takes_it(run):
    # the same axis written with and without spaces around '/' gives the same table
    spaced = run("sweep", "-v", "mid-sedan", "--densities", "200, 300 Wh / kg", "--pack-masses", "400 kg", "-f", "csv")
    joined = run("sweep", "-v", "mid-sedan", "--densities", "200, 300 Wh/kg", "--pack-masses", "400 kg", "-f", "csv")
    assert spaced.exit_code == 0, spaced.stderr
    assert spaced.stdout == joined.stdout
    refused = run("sweep", "-v", "mid-sedan", "--densities", "300 Wh/kg", "--ranges", "500 kWh")
    single = run("tradeoff", "tesla-4680", "byd-blade-lfp", "-v", "mid-sedan", "--hold", "range", "--range", "500 kWh")
    assert refused.exit_code == single.exit_code == 2
    assert refused.stderr.replace("--ranges", "--range") == single.stderr


# --- one parse path: a cycle count reads the same in a cell spec and in a lifetime claim -------------------------

@pytest.mark.parametrize("written, refused", [
    ("1000", None), ("'1000'", None), ("1e3", None), ("'1e3'", None), ("1000.0", None),
    ("1_000", "write a plain decimal number (no hex, octal, '1_000' or '1:20' forms)"),   # docs/limits.md
    ("'1000 %'", "'1000 %' is a percentage: a count is a plain number"),                 # docs/units.md
    ("'1,000'", "use '.' as the decimal point and no thousands separator"),
    ("1000.5", "'1000.5' is not a whole number of cycles"),
    ("5", "5 cycles is not a cycle life (at least 10)"),                                 # docs/units.md
    ("1.000", "write 1000"),                 # YAML reads 1.000 as 1: a thousands point, or 1 cycle
])
def test_a_cycle_count_reads_the_same_in_a_cell_and_in_a_lifetime_claim(run, write, written, refused):
    # a cell's cycle_life.cycles went through pydantic's int: '1_000' was 1000 there and refused in a claim,
    # '1e3' (quoted) and '1000 %' got "Input should be a valid integer" there and were read (or worded) in a
    # claim; a claim took '5', '1000.5' and YAML's 1.000 (1) as cycle counts that a cell refuses
    cell = write("c.yaml", f"kind: cell\nid: c\nname: C\ncycle_life: {{cycles: {written}, retention: 80 %}}\n")
    claims = write("l.yaml", "kind: claims\nclaims:\n  - id: l\n    quote: q\n    kind: lifetime\n"
                             f"    inputs: {{cycles: {written}, retention: 80 %, range: 500 km}}\n"
                             "    asserted: 450000 km\n")
    command_line = written.strip("'")
    outs = [run("show", cell), run("check", claims),
            run("claim", "lifetime", f"cycles={command_line}", "retention=80 %", "range=500 km", "-a", "450000 km")]
    if refused is None:
        assert [o.exit_code for o in outs] == [0, 0, 0], [o.stderr for o in outs]
        # 1000 cycles x 500 km x (1 + 0.8) / 2 = 450000 km
        assert "holds" in outs[2].stdout.lower()
        return
    assert [o.exit_code for o in outs] == [2, 2, 2]
    assert all(len(o.stderr.strip().splitlines()) == 1 and refused in o.stderr for o in outs), \
        [o.stderr for o in outs]
    assert outs[0].stderr.startswith(f"{cell}:4:22: cycle_life.cycles: ")
    assert outs[1].stderr.startswith(f"{claims}:6:22: claims.0.inputs.cycles: ")


# --- one parse path: a growth claim's years are read as counts are, in a file and on the command line -------------

@pytest.mark.parametrize("written, refused", [
    ("2024", None), ("'2024'", None), ("2.024e3", None), ("'+2024'", None),
    ("2_024", "write a plain decimal number (no hex, octal, '1_000' or '1:20' forms)"),     # docs/limits.md
    ("'2024 %'", "'2024 %' is a percentage: a count is a plain number"),
    ("1700", "'1700' is not a year: give a whole year from 1800 to 2300"),
    ("2024.5", "'2024.5' is not a year"),
])
def test_a_growth_claims_years_read_the_same_in_a_file_and_on_the_command_line(run, write, written, refused):
    # years went through pydantic's int: '2_024' was 2024 (docs/limits.md: not a number), '2.024e3' was 2024
    # in a file and refused on the command line, and every refusal was in pydantic's words ("Input should be a
    # valid integer, unable to parse string as an integer", "greater than or equal to 1800")
    path = write("g.yaml", "kind: claims\nclaims:\n  - id: g\n    quote: q\n    kind: growth\n"
                           f"    inputs: {{start: 1 yuan, end: 2 yuan, start_year: {written}, end_year: 2030}}\n"
                           "    asserted: 12.2 %\n")
    year = written.strip("'")
    outs = [run("check", path),
            run("claim", "growth", "start=1 yuan", "end=2 yuan", f"start_year={year}", "end_year=2030", "-a", "12.2 %")]
    if refused is None:
        # 2 yuan / 1 yuan over 2030 - 2024 = 6 years: 2 ** (1 / 6) - 1 = 12.25 %, about 12.2 % holds
        assert [o.exit_code for o in outs] == [0, 0], [o.stderr for o in outs]
        return
    assert [o.exit_code for o in outs] == [2, 2]
    assert all(len(o.stderr.strip().splitlines()) == 1 and refused in o.stderr for o in outs), \
        [o.stderr for o in outs]
    assert "Input should" not in outs[0].stderr + outs[1].stderr
    assert outs[0].stderr.startswith(f"{path}:6:54: claims.0.inputs.start_year: ")


def test_a_year_written_true_is_not_read_as_year_one(run, write):
    # YAML's true became 1 ("Input should be greater than or equal to 1800")
    path = write("g.yaml", "kind: claims\nclaims:\n  - id: g\n    quote: q\n    kind: growth\n"
                           "    inputs: {start: 1 yuan, end: 2 yuan, start_year: true, end_year: 2030}\n"
                           "    asserted: 12 %\n")
    out = run("check", path)
    assert out.exit_code == 2
    assert out.stderr == f"{path}:6:54: claims.0.inputs.start_year: expected a year such as 2024, got true\n"


def test_a_cycle_count_left_empty_is_still_worded_as_empty(write):
    # reading cycles by the value parser must not turn 'cycles: ""' into "malformed value ''"
    with pytest.raises(SpecError) as exc:
        load_spec(write("c.yaml", 'kind: cell\nid: c\nname: C\ncycle_life: {cycles: ""}\n'))
    assert str(exc.value).endswith(":4:22: cycle_life.cycles is empty: give a whole number")


# --- one vocabulary: a temperature takes the temperature units docs/units.md lists, and no others ---------------

def test_a_temperature_takes_the_units_docs_units_md_lists():
    # parse_temperature also read 'C', 'F' and 'celsius', which docs/units.md does not list ("batcalc reads only
    # the unit names below"; 'C' is a C-rate where one is expected, coulomb to pint; 'F' farad), while its own
    # message said "give °C, degC, °F or K"; and it refused 'kelvins', a name's plural the rules allow
    from batcalc.units.vocabulary import VOCABULARY

    listed = {name for group, name, _, _, _ in VOCABULARY if group == "temperature" and name != "delta_degC"}
    listed |= {name + "s" for group, name, kind, _, _ in VOCABULARY if group == "temperature" and kind == "name"}
    assert set(units.TEMPERATURE_UNITS) == listed
    # -7 °C = 266.15 K; 19.4 °F = (19.4 - 32) x 5/9 + 273.15 = 266.15 K
    for text in ("-7 °C", "-7 degC", "19.4 °F", "19.4 degF", "266.15 K", "266.15 kelvin", "266.15 kelvins"):
        assert units.parse_temperature(text) == pytest.approx(266.15), text


@pytest.mark.parametrize("text, meant", [("-7 C", "-7 °C"), ("-7 celsius", "-7 °C"), ("19.4 F", "19.4 °F"),
                                         ("-7 \u2103", "-7 °C"), ("12.34567 F", "12.34567 °F"),
                                         ("123456.7 C", "123456.7 °C")])      # the number as written, not as %g
def test_a_temperature_in_a_spelling_not_listed_is_refused_with_the_one_meant(run, text, meant):
    with pytest.raises(UnitError, match=f"write '{meant}'"):
        units.parse_temperature(text)
    out = run("consumption", "-v", "mid-sedan", "--ambient", text)
    assert out.exit_code == 2 and len(out.stderr.strip().splitlines()) == 1
    assert out.stderr.startswith(f"batcalc: error: --ambient: {text!r} is not a temperature batcalc reads")


# --- a refused --pack-energy names the option and the value, as a refused --pack-mass does ----------------------

@pytest.mark.parametrize("command", [
    ("range", "tesla-4680", "-v", "mid-sedan"), ("range", "tesla-4680", "-v", "mid-sedan", "--bands"),
    ("tradeoff", "tesla-4680", "byd-blade-lfp", "-v", "mid-sedan", "--hold", "energy"),
    ("charge", "huineng-llcb"), ("plot", "tornado", "tesla-4680", "-v", "mid-sedan", "-o", "t.png"),
])
@pytest.mark.parametrize("value", ["-75 kWh", "0 kWh"])
def test_a_pack_energy_that_is_not_positive_is_refused_naming_the_option(run, tmp_path, monkeypatch, command, value):
    # range and tradeoff said "pack energy must be positive" (neither the option nor the value), charge
    # "pack energy must be positive, got -75 kWh"; --pack-mass says "--pack-mass: ..., got '-480 kg'"
    monkeypatch.chdir(tmp_path)
    out = run(*command, "--pack-energy", value)
    assert out.exit_code == 2 and not os.listdir(tmp_path)
    assert out.stderr == f"batcalc: error: --pack-energy: pack energy must be positive, got {value!r}\n"


@pytest.mark.parametrize("option, value, what", [("--pack-energy", "0 to 50 kWh", "pack energy"),
                                                 ("--pack-mass", "-5 to 50 kg", "pack mass")])
def test_a_range_whose_low_end_is_not_positive_says_it_is_the_low_end(run, option, value, what):
    out = run("range", "tesla-4680", "-v", "mid-sedan", option, value, "--bands")
    assert out.exit_code == 2
    assert out.stderr == f"batcalc: error: {option}: {what} must be positive, got {value!r} (its low end)\n"


# --- a second look at the counts and years above ---------------------------------------------------------------

@pytest.mark.parametrize("argv_or_file", ["file", "claim"])
def test_a_thousands_point_in_a_quoted_cycle_count_is_refused_as_the_bare_one_is(run, write, argv_or_file):
    # YAML reads 100.000 as 100.0, refused as a thousands point; quoted ('100.000') or on the command line it
    # was taken as 100 cycles
    if argv_or_file == "file":
        r = run("show", str(write("c.yaml", "kind: cell\nid: c\nname: C\ncycle_life: {cycles: '100.000'}\n")))
    else:
        r = run("claim", "lifetime", "range=500 km", "cycles=100.000", "--asserted", "50000 km")
    assert r.exit_code == 2
    assert "100 cycles written with a decimal point: if '.' separates thousands, write 100000" in r.stderr, r.stderr


def test_a_count_that_is_a_list_is_refused_with_an_example_count(run, write):
    r = run("show", str(write("c.yaml", "kind: cell\nid: c\nname: C\ncycle_life: {cycles: [5000]}\n")))
    assert r.exit_code == 2
    assert r.stderr.strip().endswith("cycle_life.cycles: expected a count such as '1000', got a list"), r.stderr


def test_a_year_that_is_no_number_is_said_as_a_year_on_the_command_line_too(run):
    r = run("claim", "growth", "start=1 yuan", "end=2 yuan", "start_year=true", "end_year=2030", "--asserted", "12 %")
    assert r.exit_code == 2
    assert r.stderr.strip() == "batcalc: error: inputs.start_year: expected a year such as 2024, got 'true'"
