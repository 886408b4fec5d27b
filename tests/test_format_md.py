"""New-user review: ``-o out.md`` wrote markdown, but ``--format md`` was refused ("unknown format 'md'"),
the same format under the name its file extension gives it. ``md`` now reads as ``markdown``."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("args", [("list",), ("range", "gac-aion-ssb-350", "-v", "mid-sedan", "-u", "imperial"),
                                  ("check", "seed-article"), ("convert", "16 kWh/100km", "MPGe")])
def test_md_is_markdown(run, args):
    md, markdown = run(*args, "-f", "md"), run(*args, "--format", "markdown")
    assert md.exit_code == markdown.exit_code and md.exit_code in (0, 1), md.output
    assert md.stdout == markdown.stdout and "|---" in md.stdout.replace(":", "-")


def test_md_into_a_file_of_another_extension(run, tmp_path):
    out = tmp_path / "report.txt"
    assert run("list", "-f", "md", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == run("list", "-f", "markdown").stdout


def test_other_names_are_still_refused(run):
    out = run("list", "-f", "mdown")
    assert out.exit_code == 2 and "unknown format 'mdown'; choose one of: table, markdown, csv, json" in out.stderr
