"""One line whatever a path contains (issue "Hardening, second pass"): a file name with a newline, a
carriage return, a tab, a terminal escape sequence or another character that is not printable gives
one line on stderr, the character shown escaped as Python's ``repr`` shows it; the file on disk keeps
its name. :func:`batcalc.cli.common.fail` (every CLI error) and the errors' ``__str__`` guarantee it."""

from __future__ import annotations

import os

import pytest

from batcalc.cli.main import main
from batcalc.errors import BatcalcError, SpecError, printable, quoted_path

#: Names with characters that break a line or a terminal: newline, carriage return, tab, escape
#: sequence, vertical tab, form feed, NEL, Unicode line and paragraph separators, a right-to-left
#: override, DEL, and an undecodable byte (how Python shows ``\xff`` from a command line).
HOSTILE = ["a\nb", "a\rb", "a\tb", "\x1b[31mred\x1b[0m", "a\x0bb\x0cc", "a\x85b", "a\u2028b\u2029c", "a\u202eb",
           "a\x7fb", "a\udcffb", "\r\n"]
IDS = ["newline", "cr", "tab", "escape", "vt-ff", "nel", "line-separator", "rtl-override", "del", "surrogate",
       "crlf"]


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def assert_one_line(err: str) -> str:
    lines = err.splitlines()          # splits at \r, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029 too
    assert len(lines) == 1, repr(err)
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert "\x1b" not in err and printable(lines[0]) == lines[0], repr(err)
    return lines[0]


@pytest.mark.parametrize("name", HOSTILE, ids=IDS)
@pytest.mark.parametrize("command", ["show", "check", "lint"])
def test_a_missing_spec_with_a_hostile_name_is_one_line(tmp_path, monkeypatch, capsys, name, command):
    monkeypatch.chdir(tmp_path)
    code, out, err = run([command, f"./{name}.yaml"], capsys)
    assert code == 2
    line = assert_one_line(out if command == "lint" and not err else err)
    assert printable(f"{name}.yaml") in line or quoted_path(f"{name}.yaml") in line, line


@pytest.mark.parametrize("name", HOSTILE, ids=IDS)
@pytest.mark.parametrize("command", ["show", "check"])
def test_a_bad_spec_with_a_hostile_name_is_one_line(tmp_path, monkeypatch, capsys, name, command):
    monkeypatch.chdir(tmp_path)
    try:
        (tmp_path / f"{name}.yaml").write_text("kind: cell\nid: [\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses this name")
    code, out, err = run([command, f"./{name}.yaml"], capsys)
    assert code == 2
    assert_one_line(err)


@pytest.mark.parametrize("name", HOSTILE, ids=IDS)
def test_an_output_folder_with_a_hostile_name_is_one_line(tmp_path, monkeypatch, capsys, name):
    """``batcalc compare ... -o $'a\\nb/c.csv'``: the folder does not exist."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-o", f"{name}/c.csv"], capsys)
    assert code == 2
    line = assert_one_line(err)
    assert line == f"batcalc: error: cannot write {quoted_path(name + '/c.csv')}: folder {quoted_path(name)} does " \
                   f"not exist"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", HOSTILE, ids=IDS)
def test_an_output_file_with_a_hostile_name_is_written_as_named(tmp_path, monkeypatch, capsys, name):
    """The file gets exactly the name given; only the message shows it escaped."""
    monkeypatch.chdir(tmp_path)
    try:
        (tmp_path / f"{name}.probe").write_text("")
        os.unlink(tmp_path / f"{name}.probe")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses this name")
    code, out, err = run(["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "csv", "-o", f"{name}.csv"],
                         capsys)
    assert code == 0, err
    assert assert_one_line(err) == f"wrote {quoted_path(name + '.csv')}"
    assert os.listdir(tmp_path) == [f"{name}.csv"]
    assert (tmp_path / f"{name}.csv").read_text().startswith("metric,unit,cell")
    code, out, err = run(["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "csv", "-o", f"{name}.csv"],
                         capsys)
    assert code == 2
    assert assert_one_line(err).startswith(f"batcalc: error: {quoted_path(name + '.csv')} exists; not overwriting")


@pytest.mark.parametrize("name", HOSTILE, ids=IDS)
def test_new_with_a_hostile_name_says_so_in_one_line(tmp_path, monkeypatch, capsys, name):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["new", "cell", "my-cell", "-o", f"{name}/x.yaml"], capsys)
    assert code == 2
    assert_one_line(err)


def test_errors_are_one_line_whatever_they_carry():
    assert str(BatcalcError("cannot read a\nb\x1b[2J")) == "cannot read a\\nb\\x1b[2J"
    e = SpecError("bad\rvalue", "dir/a\nb.yaml", 3, 4)
    assert str(e) == "dir/a\\nb.yaml:3:4: bad\\rvalue"
    assert e.path == "dir/a\nb.yaml" and e.message == "bad\rvalue"        # what the user gave, unchanged
    assert str(SpecError("tab\there")) == "tab\\there"


def test_quoted_path_quotes_only_odd_names():
    assert quoted_path("out/ragone.png") == "out/ragone.png"
    assert quoted_path("my cell.yaml") == "my cell.yaml"
    assert quoted_path("a\nb/c.csv") == "'a\\nb/c.csv'"
    assert quoted_path(" lead.csv") == "' lead.csv'"
    assert quoted_path("") == "''"
