"""``--output FILE`` without ``--format`` writes the format FILE's extension names (``-o out.json`` is
JSON); a ``--format`` given is kept whatever the extension."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

#: What each extension must write, as docs/usage.md lists them (written here, not read from the code's table).
EXPECTED = {".json": "json", ".csv": "csv", ".md": "markdown", ".CSV": "csv", ".txt": "table", ".out": "table",
            ".html": "html", ".tex": "latex", ".rst": "rst"}

COMMANDS = [
    ["show", "gac-aion-ssb-300"],
    ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
    ["check", "seed-article"],
    ["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan"],
    ["charge", "huineng-llcb", "--vehicle", "mid-sedan"],
    ["convert", "350 Wh/kg", "kWh/kg"],
]


def _title(page: str) -> str:
    """An HTML page's title."""
    found = re.search(r"<title>(.*?)</title>", page)
    assert found, page[:200]
    return found.group(1)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("suffix", sorted(EXPECTED))
def test_the_extension_names_the_format_when_none_is_given(run, tmp_path: Path, args, suffix):
    fmt = EXPECTED[suffix]
    printed = run(*args, "--format", fmt)
    assert printed.exit_code in (0, 1), printed.output
    target = tmp_path / f"out{suffix}"
    written = run(*args, "--output", str(target))
    assert written.exit_code == printed.exit_code, written.output
    got = target.read_text(encoding="utf-8")
    if fmt == "html" and got.startswith("<!DOCTYPE html>"):   # check's page: made at a time, its chart's ids drawn
        assert printed.stdout.startswith("<!DOCTYPE html>") and _title(got) == _title(printed.stdout)
    else:
        assert got == printed.stdout


@pytest.mark.parametrize("args", COMMANDS[:3], ids=lambda a: a[0])
def test_a_format_given_is_kept_whatever_the_extension(run, tmp_path: Path, args):
    printed = run(*args, "--format", "table")
    target = tmp_path / "out.json"
    written = run(*args, "--format", "table", "--output", str(target))
    assert written.exit_code == printed.exit_code
    assert target.read_text(encoding="utf-8") == printed.stdout and not printed.stdout.lstrip().startswith("{")


def test_standard_output_stays_a_table(run):
    assert run("show", "gac-aion-ssb-300", "-o", "-").stdout == run("show", "gac-aion-ssb-300").stdout
    assert not run("show", "gac-aion-ssb-300").stdout.lstrip().startswith("{")


def test_the_help_says_so(run):
    text = " ".join(run("show", "--help").stdout.split())
    assert "with --output, the format its extension names" in text


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("name", ["out.png", "out.SVG", "out.json.pdf"])
def test_an_image_extension_is_refused_without_a_format(run, tmp_path: Path, args, name):
    """``-o out.png`` wrote a text table into out.png, which no image viewer opens (``batcalc plot`` refuses
    a text extension the same way); it is refused, nothing written, and says where charts come from."""
    target = tmp_path / name
    out = run(*args, "--output", str(target))
    assert out.exit_code == 2 and not target.exists()
    assert out.output.count("\n") == 1 and "names an image" in out.output and "batcalc plot" in out.output


def test_an_image_extension_with_a_format_given_is_kept(run, tmp_path: Path):
    """The user's explicit --format wins, as for every other extension."""
    target = tmp_path / "out.png"
    assert run("show", "gac-aion-ssb-300", "--format", "json", "--output", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == run("show", "gac-aion-ssb-300", "--format", "json").stdout
