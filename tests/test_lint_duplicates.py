"""``batcalc lint`` and duplicate keys: every duplicate key of a file is a line at its own line:col, and
the file's other problems follow (it stopped at the first duplicate key, the rest of the file unread)."""

from __future__ import annotations

import pytest
from test_lint import located

from batcalc.errors import SpecError
from batcalc.io.yamlfile import parse_yaml

DUPLICATES = """\
kind: cell
id: dup-cell
name: Dup
name: Dup again
format: pouch
status: announced
electrical:
  nominal_voltage: 3.6 V
  capacity: 5 Ah
  capacity: 6 Ah
physical: {mass: 70 km, volume: 20 mL}
physical: {mass: 71 g}
sources:
  - {id: sheet, title: t, document: d, grade: datasheet, grade: press}
colour: red
"""


def _at(text: str, needle: str, nth: int) -> tuple[int, int]:
    """1-based line and column of the ``nth`` (0-based) occurrence of ``needle`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def test_every_duplicate_key_and_the_other_problems(run, write):
    path = write("dup.yaml", DUPLICATES)
    result = run("lint", path)
    assert result.exit_code == 2
    found = [(ln, col, msg) for _f, ln, col, msg in located(result)]
    dups = [(*_at(DUPLICATES, f"{key}:", n), f"duplicate key '{key}' (first given on line "
             f"{_at(DUPLICATES, f'{key}:', n - 1)[0]})")
            for key, n in (("name", 1), ("capacity", 1), ("physical", 1), ("grade", 1))]
    assert [f for f in found if "duplicate" in f[2]] == dups
    # the rest of the file is read, with each key's first value: its wrong mass (at the first
    # physical's, not the dropped one's) and the unknown key after the last duplicate
    others = [f for f in found if "duplicate" not in f[2]]
    assert [(ln, col) for ln, col, _ in others] == [_at(DUPLICATES, "70 km", 0), _at(DUPLICATES, "colour", 0)]
    assert "physical.mass" in others[0][2] and "unknown key 'colour'" in others[1][2]
    assert found == sorted(found)               # in the file's order


def test_stdin_too():
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    result = CliRunner().invoke(app, ["lint", "-"], input=DUPLICATES)
    assert result.exit_code == 2
    assert sum("duplicate key" in line for line in result.stdout.splitlines()) == 4


def test_a_syntax_error_after_duplicate_keys_ends_the_reading():
    problems: list[SpecError] = []
    text = "kind: cell\nid: a\nid: b\nname: [unclosed\n"
    with pytest.raises(SpecError, match="invalid YAML"):
        parse_yaml(text, "x.yaml", duplicates=problems)
    assert [(e.line, e.col) for e in problems] == [_at(text, "id:", 1)]


def test_the_first_value_is_kept_and_commands_still_refuse_the_first_duplicate():
    problems: list[SpecError] = []
    doc = parse_yaml("a: {b: 1, b: 2}\na: {b: 3}\nc: [1, {d: 1, d: 2}]\n", "x.yaml", duplicates=problems)
    assert doc.data == {"a": {"b": 1}, "c": [1, {"d": 1}]}
    assert [(e.line, e.col) for e in problems] == [(1, 11), (2, 1), (3, 15)]
    assert doc.where(("a", "b")) == (1, 8)          # the kept value's place, not the dropped one's
    with pytest.raises(SpecError) as exc:
        parse_yaml("a: {b: 1, b: 2}\na: {b: 3}\n", "x.yaml")
    assert (exc.value.line, exc.value.col) == (1, 11)
