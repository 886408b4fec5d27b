"""``batcalc lint``: every problem of every file, one ``file:line:col: message`` line each (issue 14 item 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from batcalc.spec.model import SpecErrors, parse_spec

ROOT = Path(__file__).resolve().parent.parent
LINE_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>\S.*)$")

THREE_FILE = ROOT / "tests" / "fixtures" / "bad" / "three-errors.yaml"      # the example in docs/usage.md
THREE = THREE_FILE.read_text(encoding="utf-8")

CLAIMS = """\
kind: claims
claims:
  - id: one
    kind: same-weight
    quote: twice the energy
    asserted: 2
    inputs: {a: gac-aion-ssb-300, b: no-such-cell}
  - id: one
    kind: range
    quote: 1000 km
    asserted: 1000 km
    inputs: {cell: gac-aion-ssb-350, pack_mass: 480 kg, vehicle: mid-sedan, cycle: moon}
  - id: three
    kind: ratio
    quote: x
    asserted: 2
    inputs: {a: 3 kg, b: 6 s}
"""


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def located(result) -> list[tuple[str, int, int, str]]:
    """Each stdout line as (file, line, col, message); fails unless every line has that shape."""
    out = []
    for text in lines(result):
        m = LINE_RE.match(text)
        assert m, text
        out.append((m["file"], int(m["line"]), int(m["col"]), m["msg"]))
    return out


def test_three_errors_are_three_lines(run, write):
    path = write("three.yaml", THREE)
    result = run("lint", path)
    assert result.exit_code == 2
    assert result.stderr == ""
    found = located(result)
    assert [(f, ln, col) for f, ln, col, _ in found] == [(path, 2, 5), (path, 5, 20), (path, 8, 3)]
    assert "invalid id 'Three_Errors'" in found[0][3]
    assert "not a voltage" in found[1][3]
    assert "did you mean 'mass'" in found[2][3]
    # the same errors the library gives with all_errors, no more and no fewer
    with pytest.raises(SpecErrors) as info:
        parse_spec(THREE, path, all_errors=True)
    assert lines(result) == [str(e) for e in info.value.errors]


def test_every_file_is_reported_in_the_order_given(run, write):
    bad = write("three.yaml", THREE)
    good = write("good.yaml", "kind: cell\nid: good\nname: Good\nelectrical: {nominal_voltage: 3.6 V}\n")
    other = write("other.yaml", "kind: cell\nid: other\n")
    result = run("lint", other, good, bad)
    assert result.exit_code == 2
    files = [f for f, *_ in located(result)]
    assert files == [other, bad, bad, bad]
    assert "missing required key 'name'" in lines(result)[0]


def test_a_yaml_syntax_error_is_the_only_problem_reported(run, write):
    path = write("syntax.yaml", "kind: cell\nid: Bad_Id\nname: [unclosed\nmass: 3 km\n")
    result = run("lint", path)
    assert result.exit_code == 2
    (found,) = located(result)
    assert found[0] == path and found[3].startswith("invalid YAML")


def test_clean_files_say_how_many(run, write):
    path = write("good.yaml", "kind: cell\nid: good\nname: Good\n")
    result = run("lint", path, "mid-sedan", "seed-article", "gac-aion-ssb-350")
    assert result.exit_code == 0, result.stdout
    assert lines(result) == ["4 files OK"]
    assert run("lint", path).stdout == "1 file OK\n"


def test_every_shipped_spec_lints_clean(run):
    from batcalc.spec.catalog import catalog_ids

    ids = [i for kind in ("cell", "vehicle", "claim") for i in catalog_ids(kind)]
    others = [str(p) for p in sorted((ROOT / "specs").glob("*.yaml"))]       # chargers, tapers, rating bands
    result = run("lint", *ids, *others)
    assert result.exit_code == 0, result.stdout
    assert lines(result) == [f"{len(ids) + len(others)} files OK"]


def test_catalogue_id_or_a_near_miss(run):
    result = run("lint", "mid-sedn")
    assert result.exit_code == 2
    assert lines(result) == ["mid-sedn:1:1: no such file and no catalogue id of that name; did you mean mid-sedan?"]


def test_a_spec_in_the_catalogue_needs_sources(write):
    from batcalc.cli.lint import lint_one

    path = write("unsourced.yaml", "kind: cell\nid: unsourced\nname: U\nphysical: {mass: 70 g}\n")
    assert lint_one(Path(path), path, in_catalogue=False) == []
    (problem,) = lint_one(Path(path), path, in_catalogue=True)
    assert "no source for '70 g'" in problem.message and problem.line == 4


def test_stdin_is_named(run):
    result = run_input(run, "-", THREE)
    assert result.exit_code == 2
    assert [f for f, *_ in located(result)] == ["<stdin>"] * 3
    assert run_input(run, "-", "kind: cell\nid: ok\nname: OK\n").stdout == "1 file OK\n"


def run_input(run, arg: str, text: str | bytes):
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    return CliRunner().invoke(app, ["lint", arg], input=text)


def test_stdin_gets_the_file_checks(run):
    result = run_input(run, "-", b"kind: cell\x00\n")
    assert result.exit_code == 2
    assert lines(result) == ["<stdin>:1:11: binary file (NUL byte): expected UTF-8 YAML text"]
    result = run_input(run, "-", b"a: b\n" * 300_000)
    assert result.exit_code == 2
    assert lines(result)[0].startswith("<stdin>:1:1: file too large")


def test_claims_inputs_are_checked_at_the_claim(run, write):
    path = write("claims.yaml", CLAIMS)
    result = run("lint", path)
    assert result.exit_code == 2
    found = located(result)
    moon = CLAIMS.splitlines()[11].index("moon") + 1        # the unknown cycle's own column, not its inputs'
    assert [(ln, col) for _, ln, col, _ in found] == [(7, 38), (8, 9), (12, moon), (17, 26)]
    messages = [m for *_, m in found]
    assert "no cell 'no-such-cell'" in messages[0]
    assert messages[1] == "duplicate claim id 'one'"
    assert "unknown cycle 'moon'" in messages[2]
    assert "dimensions differ" in messages[3]


def test_a_broken_file_named_by_two_claims_is_reported_once(run, write):
    wrong = ROOT / "tests" / "fixtures" / "bad" / "wrong-dimension.yaml"
    cell = write("wrong.yaml", wrong.read_text(encoding="utf-8"))
    path = write("claims.yaml", """\
        kind: claims
        claims:
          - {id: one, kind: same-energy, quote: q, asserted: 2, inputs: {a: gac-aion-ssb-300, b: wrong.yaml}}
          - {id: two, kind: same-energy, quote: q, asserted: 2, inputs: {a: wrong.yaml, b: gac-aion-ssb-300}}
        """)
    result = run("lint", path)
    assert result.exit_code == 2
    (found,) = located(result)
    assert found[:3] == (cell, 5, 16) and "is not a specific energy" in found[3]


def test_hostile_input_is_one_line_per_file(run, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.yaml").write_bytes("kind: cell\nname: caf\u00e9\n".encode("latin-1"))
    (tmp_path / "huge.yaml").write_bytes(b"a: b\n" * 300_000)
    (tmp_path / "empty.yaml").write_bytes(b"")
    names = [str(folder), str(tmp_path / "missing.yaml"), str(tmp_path / "binary.yaml"),
             str(tmp_path / "latin1.yaml"), str(tmp_path / "huge.yaml"), str(tmp_path / "empty.yaml"), ""]
    result = run("lint", *names)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    found = located(result)
    assert len(found) == len(names)
    assert [m.split(" (")[0].split(":")[0] for *_, m in found] == [
        "is a directory, not a spec file", "no such file", "binary file", "not UTF-8 text",
        "file too large", "file is empty", "empty file name"]


def test_a_bug_is_one_line_and_the_other_files_are_still_linted(run, write, monkeypatch):
    import batcalc.cli.lint as lint

    real = lint.lint_one
    bad = write("bad.yaml", "kind: cell\nid: x\n")

    def boom(path, shown, in_catalogue, warnings=None):
        if path is not None and path.name == "bad.yaml":
            raise RuntimeError("boom")
        return real(path, shown, in_catalogue, warnings)

    monkeypatch.setattr(lint, "lint_one", boom)
    result = run("lint", bad, "mid-sedan", write("other.yaml", "kind: cell\nid: other\n"))
    assert result.exit_code == 3
    assert lines(result)[0] == f"{bad}:1:1: internal error: RuntimeError: boom (a bug; report it)"
    assert "missing required key 'name'" in lines(result)[1]


def test_pre_commit_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "batcalc-lint"]
    assert hook["entry"] == "batcalc lint" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("specs/cells/x.yaml") and files.search("my.yml") and not files.search("x.csv")
    from batcalc.cli.main import app

    assert "lint" in {c.name for c in app.registered_commands}


SOURCED_CLAIMS = """kind: claims
sources:
  - {id: seed, title: t, grade: datasheet, url: "https://example.org"}
claims:
  - {id: a, quote: x, kind: ratio, source: sede, inputs: {a: 1 kg, b: 2 kg}, asserted: 2}
  - {id: b, quote: x, kind: ratio, source: nosuch, inputs: {a: 1 kg, b: 2 kg}, asserted: 2}
  - {id: c, quote: x, kind: ratio, source: seed, inputs: {a: 1 kg, b: 2 kg}, asserted: 2}
"""


def test_a_claim_citing_an_unknown_source_is_refused_where_it_cites_it(run, write):
    # it was graded 'unsourced' and shown as [nosuch]: a typo in an id silently lost the claim's grade
    path = write("sourced.yaml", SOURCED_CLAIMS)
    found = located(run("lint", path))
    assert [(ln, col, m) for _, ln, col, m in found] == [
        (5, 44, "unknown source 'sede'; did you mean 'seed'?"), (6, 44, "unknown source 'nosuch'; sources are: seed")]
    result = run("check", path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().endswith("5:44: unknown source 'sede'; did you mean 'seed'?")
    fixed = write("fixed.yaml", SOURCED_CLAIMS.replace("sede", "seed").replace("nosuch", "seed"))
    assert run("check", fixed).exit_code == 0


def test_one_claims_schema_error_does_not_hide_the_other_claims_problems(run, write):
    # a bare tolerance is a schema error of claim 1; the other claims' problems are found when they
    # are evaluated: lint reported only the schema error before
    text = """kind: claims
claims:
  - {id: a, quote: x, kind: range, inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}, asserted: [300 mi, 250 mi], \
qualifier: between}
  - {id: b, quote: x, kind: range, inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}, asserted: 440 km, \
tolerance: 6}
  - {id: c, quote: x, kind: range, inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}, asserted: 300 kg}
  - {id: d, quote: x, kind: range, inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}, asserted: 465 km}
"""
    found = located(run("lint", write("mixed.yaml", text)))
    assert [ln for _, ln, _, _ in found] == [3, 4, 5]
    assert "the low figure is above the high one" in found[0][3]
    assert "bare number 6 is ambiguous" in found[1][3]
    assert "'300 kg' has the wrong dimension" in found[2][3]
    # each is what check says of that claim alone
    for line in (3, 5):
        alone = write(f"alone-{line}.yaml", "kind: claims\nclaims:\n" + text.splitlines()[line - 1] + "\n")
        assert run("check", alone).stderr.strip().split(": ", 1)[1] == found[[3, 4, 5].index(line)][3]


def test_a_claims_schema_error_does_not_hide_a_claim_id_given_twice_or_an_unknown_source(run, write):
    """A claim id given twice and a source the file does not list were checked only once every claim
    validated: with claim 'c' misspelt ('ratoi'), lint reported it alone, then, fixed, the other two.
    All three at once; what each line says is what lint says of that problem alone."""
    text = """kind: claims
claims:
  - {id: a, quote: x, kind: ratio, inputs: {a: 1, b: 2}, asserted: 2}
  - {id: a, quote: x, kind: ratio, inputs: {a: 1, b: 2}, asserted: 2}
  - {id: c, quote: x, kind: ratoi, inputs: {a: 1, b: 2}, asserted: 2}
  - {id: d, quote: x, kind: ratio, inputs: {a: 1, b: 2}, asserted: 2, source: sedd}
sources:
  - {id: seed, title: t, url: "https://example.org", grade: press}
"""
    found = located(run("lint", write("ids.yaml", text)))
    assert [(ln, m) for _, ln, _, m in found] == [
        (4, "duplicate claim id 'a'"), (5, "claims.2: unknown claim kind 'ratoi'; did you mean 'ratio'?"),
        (6, "unknown source 'sedd'; did you mean 'seed'?")]
    fixed = located(run("lint", write("fixed.yaml", text.replace("ratoi", "ratio"))))
    assert [(ln, m) for _, ln, _, m in fixed] == [(ln, m) for _, ln, _, m in found if ln != 5]
    # sources that cannot be read (no id) are not guessed at: no 'unknown source' then
    unread = located(run("lint", write("unread.yaml", text.replace("{id: seed, ", "{"))))
    assert not [m for *_, m in unread if "unknown source" in m]


def test_a_symlink_loop_is_one_line_at_1_1(run, write, tmp_path):
    """A link to itself was an internal error (exit 3: Path.resolve's RuntimeError on Python 3.11 and 3.12)."""
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    good = write("good.yaml", "kind: cell\nid: good\nname: Good\n")
    result = run("lint", str(loop), good)
    assert result.exit_code == 2, result.output
    assert result.stdout.strip().splitlines() == [f"{loop}:1:1: cannot read file: Too many levels of symbolic links"]


def test_an_unknown_taper_is_refused_where_it_is_named(run, write):
    """`charging.taper: nope` linted and loaded clean, then `batcalc charge` stopped with an unlocated
    'no taper' error: lint, show and charge now refuse it at its line, as every other bad value."""
    specs = Path(__file__).resolve().parent.parent / "specs"
    text = ("kind: cell\nid: tapered\nname: Tapered\nelectrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}\n"
            "charging:\n  max_c_rate: 2 C\n  taper: {taper}\n")
    known = sorted(t["id"] for t in yaml.safe_load((specs / "tapers.yaml").read_text())["tapers"])
    good = write("good.yaml", text.replace("{taper}", known[0]))
    assert run("lint", good).exit_code == 0
    bad = write("bad.yaml", text.replace("{taper}", "nope"))
    for args in (["lint", bad], ["show", bad], ["charge", bad, "--vehicle", "mid-sedan", "--charger", "ccs2"]):
        r = run(*args)
        out = (r.stdout + r.stderr).strip()
        assert r.exit_code == 2 and out.startswith(f"{bad}:7:10: charging.taper: no taper 'nope'"), out


def test_every_source_problem_is_reported(run, write):
    """lint stopped at a file's first source problem (a duplicate id hid every unknown source after it)."""
    path = write("sources.yaml", """\
        kind: cell
        id: sources
        name: Sources
        electrical:
          nominal_voltage: {value: 3.6 V, source: nope}
          capacity: {value: 5 Ah, source: sheet}
        physical: {mass: {value: 70 g, source: shet}}
        sources:
          - {id: sheet, title: x, document: y, grade: datasheet}
          - {id: sheet, title: x, document: y, grade: press}
        """)
    lines = Path(path).read_text().splitlines()

    def at(line: int, word: str) -> tuple[int, int]:
        return line, lines[line - 1].index(word) + 1

    result = run("lint", path)
    assert result.exit_code == 2
    assert [(line, col, msg.split(";")[0]) for _, line, col, msg in located(result)] == [
        (*at(5, "nope"), "unknown source 'nope'"), (*at(7, "shet"), "unknown source 'shet'"),
        (*at(10, "sheet"), "duplicate source id 'sheet'")]
    shown = run("show", path)           # the first in the order they are checked, as before
    assert shown.exit_code == 2 and shown.stderr.strip() == f"{path}:10:10: duplicate source id 'sheet'"


@pytest.mark.parametrize("key, message", [("assumption", "an empty 'assumption': say why the value is assumed"),
                                          ("source", "an empty 'source'")])
def test_an_empty_reason_or_source_is_none(run, write, key, message):
    """`{value: 150 kg, assumption: ""}` counted as a stated reason (in the catalogue too, where every
    number needs a source or a reason): a blank one is refused at the value."""
    path = write("blank.yaml", f"""\
        kind: vehicle
        id: blank
        name: Blank
        mass_without_battery: 1270 kg
        payload: {{value: 150 kg, {key}: "  "}}
        drag_coefficient: 0.23
        frontal_area: 2.22 m^2
        rolling_resistance: 0.007
        """)
    result = run("lint", path)
    assert result.exit_code == 2
    found = located(result)
    assert len(found) == 1 and found[0][1] == 5 and found[0][3].startswith(f"payload: {message}"), found


def test_a_value_written_the_other_way_up_is_told_to_convert(run, write):
    """'3 mi/kWh' where Wh/km belongs was answered with pint's '[time] ** 2 / [length] / [mass]'; now the
    message names the reciprocal and a convert command, which gives the hand value 1000 / (3 x 1.609344)."""
    path = write("recip.yaml", """\
        kind: vehicle
        id: recip
        name: Recip
        mass_without_battery: 1270 kg
        payload: 150 kg
        measured_consumption: {value: 3 mi/kWh, cycle: EPA, at_mass: 1850 kg, per_100kg: 3 Wh/km}
        """)
    result = run("lint", path)
    assert result.exit_code == 2
    [(_, line, _, msg)] = located(result)
    hint = "got its reciprocal: convert it first, e.g. batcalc convert '3 mi/kWh' Wh/km"
    assert line == 6 and msg.endswith(hint) and "[" not in msg, msg
    converted = run("convert", "3 mi/kWh", "Wh/km")
    assert float(converted.stdout.split("=")[1].split()[0]) == pytest.approx(1000 / (3 * 1.609344), rel=1e-5)


@pytest.mark.parametrize("rate, message", [("1e-300 C", "value '1e-300 C' is too small"),
                                           ("1e300 C", "value '1e300 C' is too large")])
def test_a_well_formed_c_rate_out_of_range_is_not_called_malformed(run, write, rate, message):
    """'1e-300 C' was 'malformed C-rate ...: write '<number> C'' though it is written so: its size is at fault."""
    path = write("rate.yaml", f"kind: cell\nid: rate\nname: Rate\ncharging: {{max_c_rate: {rate}}}\n")
    result = run("lint", path)
    [(_, line, _, msg)] = located(result)
    assert result.exit_code == 2 and line == 4 and msg.startswith(f"charging.max_c_rate: {message}"), msg
    assert "malformed" not in msg


MISMATCHED = """\
kind: cell
id: mismatched
name: Mismatched
physical: {mass: 70 g}
electrical:
  nominal_voltage: 3.6 V
  capacity: 5 Ah
  energy: 25 Wh
energy_density: {gravimetric: 400 Wh/kg, volumetric: 700 Wh/L}
"""


def test_a_cell_whose_figures_disagree_gives_located_warnings_that_fail_only_with_strict(run, write):
    """lint said '1 file OK' for a cell whose energy (25 Wh) is 38.9 % from voltage x capacity
    (3.6 V x 5 Ah = 18 Wh) while batcalc show warned: each mismatch is now a warning at the given value.
    The given 25 Wh / 70 g = 357.1 Wh/kg is 12 % from the given 400 Wh/kg; the volumetric density has
    no volume to be checked against."""
    path = write("mismatched.yaml", MISMATCHED)
    result = run("lint", path)
    assert result.exit_code == 0, result.stdout
    assert lines(result) == [
        f"{path}:8:11: warning: energy: given 25 Wh but voltage x capacity gives {3.6 * 5:g} Wh "
        f"({(25 - 18) / 18 * 100:.1f} % apart)",
        f"{path}:9:31: warning: gravimetric energy density: given 400 Wh/kg but energy / mass gives "
        f"{25 / 0.070:.1f} Wh/kg ({(400 - 25 / 0.07) / (25 / 0.07) * 100:.1f} % apart)",
        "1 file OK, 2 warnings",
    ]
    strict = run("lint", "--strict", path)
    assert strict.exit_code == 2 and lines(strict) == lines(result)[:2]
    consistent = write("consistent.yaml", MISMATCHED.replace("25 Wh", "18 Wh").replace("400 Wh/kg", "257 Wh/kg"))
    ok = run("lint", "--strict", consistent)
    assert ok.exit_code == 0 and lines(ok) == ["1 file OK"]


def test_a_cell_with_schema_errors_gives_them_alone(run, write):
    """Its figures are derived only from a sound spec, so its mismatches wait until the errors are fixed."""
    path = write("both.yaml", MISMATCHED.replace("name: Mismatched", "name: Mismatched\nstatus: rumoured"))
    result = run("lint", path)
    assert result.exit_code == 2
    assert [(m["line"], m["msg"].split(":")[0]) for m in map(LINE_RE.match, lines(result))] == [("4", "status")]


def test_a_warning_in_the_long_form_points_at_the_value(run, write):
    path = write("long.yaml", MISMATCHED.replace("  energy: 25 Wh", "  energy: {value: 25 Wh}"))
    result = run("lint", path)
    assert lines(result)[0].startswith(f"{path}:8:19: warning: energy: given 25 Wh")


def test_a_claims_files_own_lines_come_before_those_of_a_file_it_names(run, write):
    """The warnings' sort by line and column put a named cell file's error (line 5) among the claims
    file's own (lines 11, 16): a claims file's lines come first, then the other file's."""
    write("broken.yaml", "kind: cell\nid: broken\nname: B\nelectrical:\n  energy: 25 km\n")
    claims = write("cl.yaml", """\
kind: claims
claims:
  - id: c1
    quote: "x"
    kind: same-weight
    inputs: {a: ./broken.yaml, b: tesla-4680}
    asserted: 3
  - id: c2
    quote: "x"
    kind: product
    inputs: {factors: [800, 300 zz]}
    asserted: 240000 mi
  - id: c3
    quote: "x"
    kind: product
    inputs: {factors: [800, 300 yy]}
    asserted: 240000 mi
""")
    result = run("lint", claims)
    got = [(Path(m["file"]).name, m["line"]) for m in map(LINE_RE.match, lines(result))]
    assert got == [("cl.yaml", "11"), ("cl.yaml", "16"), ("broken.yaml", "5")]


def test_a_drive_cycle_of_the_catalogue_is_named_as_one(run, tmp_path, monkeypatch):
    """`batcalc lint udds` said 'no such file and no catalogue id of that name', but `batcalc list --kind cycle`
    lists udds: a cycle is a trace, not a spec, and lint says so (one line at 1:1, exit 2)."""
    monkeypatch.chdir(tmp_path)
    for name in ("udds", "WLTP", "highway"):
        r = run("lint", name)
        assert r.exit_code == 2, r.output
        assert located(r) == [(name, 1, 1, "a drive cycle of the catalogue (a trace, not a spec file): lint checks "
                                           f"cell, vehicle and claims files; 'batcalc show {name.lower()}' shows "
                                           "the cycle")]
    assert "no catalogue id of that name" in run("lint", "udd").stdout      # not a cycle: as before


def test_a_file_named_twice_is_linted_once(run, write, tmp_path):
    """`lint X X` (a shell glob and a name, an id and its path) printed each problem twice and counted the
    file twice."""
    bad = write("bad.yaml", "kind: cell\nid: bad\nname: Bad\nmaker: x\nformat: pouch\nstatus: sample\n"
                            "electrical: {nominal_voltage: 3.7 V, capacity: -5 Ah}\n")
    once = run("lint", bad)
    twice = run("lint", bad, bad, str(tmp_path / "." / "bad.yaml"))
    assert once.exit_code == twice.exit_code == 2
    assert twice.stdout == once.stdout and once.stdout.strip()
    from batcalc.spec.catalog import resolve

    path = str(resolve("tesla-4680", "cell")[0])
    assert run("lint", "tesla-4680", path).stdout.strip() == "1 file OK"
    assert run("lint", "tesla-4680", "gac-aion-ssb-300").stdout.strip() == "2 files OK"


def test_a_link_to_a_catalogue_file_is_linted_as_that_file(run, tmp_path):
    """A link of another name to a catalogue spec (`my-sedan.yaml -> specs/vehicles/mid-sedan.yaml`) was
    refused, "no vehicle 'my-sedan' in the catalogue and no such file", of a file that exists: the catalogue's
    own checks took the id from the link's name, not the file's. It lints as the file does, and once with it."""
    from batcalc.spec.catalog import resolve

    target = resolve("mid-sedan", "vehicle")[0]
    link = tmp_path / "my-sedan.yaml"
    link.symlink_to(target)
    out = run("lint", str(link))
    assert (out.exit_code, out.stdout.strip()) == (0, "1 file OK"), out.output
    assert run("lint", str(link), "mid-sedan").stdout.strip() == "1 file OK"


def test_a_pattern_no_shell_expanded_lints_what_it_matches(run, write, tmp_path):
    """`batcalc lint 'specs/cells/*.yaml'` (quoted, or in cmd.exe, which expands no pattern; the command's own help
    example) said "no such file": lint expands it as the shell would, each match once, and a pattern that
    matches nothing says so."""
    write("a.yaml", "kind: cell\nid: a\nname: A\nmaker: x\nformat: pouch\nstatus: sample\n"
                    "electrical: {nominal_voltage: 3.7 V, capacity: -5 Ah}\n")
    write("b.yaml", "kind: cell\nid: b\nname: B\nmaker: x\nformat: pouch\nstatus: sample\n"
                    "electrical: {nominal_voltage: 3.7 V, capacity: -5 Ah}\n")
    by_pattern = run("lint", str(tmp_path / "*.yaml"))
    by_names = run("lint", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert by_pattern.exit_code == by_names.exit_code == 2
    assert by_pattern.stdout == by_names.stdout and by_pattern.stdout.count("\n") == 2
    both = run("lint", str(tmp_path / "[ab].yaml"), str(tmp_path / "a.yaml"))
    assert both.stdout == by_names.stdout
    none = run("lint", str(tmp_path / "c*.yaml"))
    assert none.exit_code == 2 and none.stdout.strip().endswith("no such file, and no file matches it as a pattern")


def test_a_schema_error_does_not_hide_unknown_sources_or_duplicate_ids(run, tmp_path):
    """lint reported a file's unknown sources, and a claims file's ids given twice, only once its schema held:
    a typo in 'status' hid a value's misspelt source until it was fixed, and a claim with a bad qualifier hid
    that it repeats another's id and cites a source the file does not list. They are reported together."""
    cell = tmp_path / "cell.yaml"
    cell.write_text("kind: cell\nid: two\nname: Two problems\nstatus: productionn\nelectrical:\n"
                    "  nominal_voltage: {value: 3.6 V, source: nosuch}\nsources:\n"
                    "  - {id: s1, title: x, url: 'https://example.com', grade: press}\n"
                    "  - {id: s1, title: y, url: 'https://example.org', grade: press}\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text("kind: claims\nclaims:\n"
                      "  - {id: c2, quote: y, kind: ratio, inputs: {a: 1 km, b: 2 km}, asserted: 2, qualifier: roughly,"
                      " source: nosrc}\n"
                      "  - {id: c2, quote: z, kind: ratio, inputs: {a: 1 km, b: 2 km}, asserted: 2}\n"
                      "sources:\n  - {id: s1, title: t, url: 'https://example.com', grade: press}\n", encoding="utf-8")
    out = run("lint", str(cell), str(claims))
    lines = out.stdout.strip().splitlines() + out.stderr.strip().splitlines()
    written = claims.read_text(encoding="utf-8").splitlines()
    assert out.exit_code == 2 and len(lines) == 5
    assert lines[0].startswith(f"{cell}:4:9: status: Input should be")
    # the ids the sources list once each ('sources are: s1', not 's1, s1')
    assert lines[1] == f"{cell}:6:43: unknown source 'nosuch'; sources are: s1"
    assert lines[2].startswith(f"{claims}:3:{written[2].index('roughly') + 1}: claims.0.qualifier:")
    assert lines[3] == f"{claims}:3:{written[2].index('nosrc') + 1}: unknown source 'nosrc'; sources are: s1"
    assert lines[4] == f"{claims}:4:{written[3].index('c2') + 1}: duplicate claim id 'c2'"
