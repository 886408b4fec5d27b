"""New-user review: `batcalc new --help` showed its output as '-o, --output <str>', where every other
command that writes a file names it FILE ('-o, --output FILE'), and its --force said 'the file'."""

from __future__ import annotations


def test_new_names_its_output_file_as_the_others_do(run):
    lines = run("new", "--help").stdout.splitlines()
    assert any(line.strip().startswith("-o, --output FILE") for line in lines), lines
    assert any(line.strip().startswith("--force") and "replace FILE if it exists" in line for line in lines)
    table = run("range", "--help").stdout.splitlines()
    assert any(line.strip().startswith("-o, --output FILE") for line in table)
