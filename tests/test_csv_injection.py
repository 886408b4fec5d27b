"""CSV (and TSV) formula injection: a text cell a spreadsheet would run as a formula is written with a
leading ``'`` (OWASP, "CSV Injection"); numbers stay numbers. The one home is
``batcalc.report.render.render_rows``, which every command's ``-f csv`` goes through."""

from __future__ import annotations

import csv
import io

import pytest

from batcalc.report.render import render, render_rows, spreadsheet_text
from batcalc.units import Shown

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "=cmd|' /C calc'!A0"]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_that_starts_a_formula_gets_an_apostrophe_in_csv(text):
    out = _cells(render(["name", "value"], [[text, 1.5]], None, "csv"))
    # the cell reads back as the text behind one apostrophe: nothing lost, and it no longer starts with
    # a formula's first character
    assert out[1] == ["'" + text, "1.5"]


def test_a_header_is_neutralised_too():
    assert _cells(render_rows(["=x", "ok"], [], "csv"))[0] == ["'=x", "ok"]


def test_numbers_stay_numbers():
    # a negative number in a numeric column (a float, an int, a Shown without a text of its own) and a
    # number written as text are numbers to a spreadsheet, not formulas: written as they are
    row = [-5.0, -14.2857142857143, -3, Shown(-20.0, "°C"), "-5.0", "+1e-3", ".5"]
    out = _cells(render_rows([str(i) for i in range(len(row))], [row], "csv"))[1]
    assert out == ["-5", "-14.2857142857143", "-3", "-20", "-5.0", "+1e-3", ".5"]
    assert [float(x) for x in out] == [-5.0, -14.2857142857143, -3.0, -20.0, -5.0, 0.001, 0.5]


def test_a_signed_value_with_its_unit_in_a_text_column_is_text():
    # '-20 °C' is no number: a spreadsheet would read a formula; written as text, the apostrophe in front
    assert _cells(render_rows(["condition"], [["-20 °C"], [Shown(-20.0, "°C", text="-20 °C")]], "csv")) == \
        [["condition"], ["'-20 °C"], ["'-20 °C"]]


def test_other_texts_are_unchanged():
    texts = ["gac-aion-ssb-300", "about x3", "a = 300 Wh/kg", "'90s", "", "x=1", " =1"]
    assert _cells(render_rows(["t"], [[t] for t in texts], "csv"))[1:] == [[t] for t in texts]


@pytest.mark.parametrize("text", HOSTILE + ["'=x", "''+1", "'", "'abc", "-20 °C", "-inf"])
def test_the_rule_can_be_undone(text):
    # documented in docs/usage.md: drop one leading ' from a cell whose text after its apostrophes begins
    # with =, +, -, @, a tab or a CR; a text's own leading apostrophe is kept
    written = spreadsheet_text(text)
    starts = written.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r") and written.lstrip("'") != ""
    undone = written[1:] if starts and written.startswith("'") else written
    assert undone == text
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_tsv_is_neutralised_as_csv():
    out = render(["name"], [["=1+1"], [-5.0]], None, "tsv")
    assert out.splitlines()[1].strip() == "'=1+1" and out.splitlines()[2].strip() == "-5"


def test_a_table_shows_the_text_as_given():
    assert "=1+1" in render(["name"], [["=1+1"]], None, "table") and "'=1+1" not in \
        render(["name"], [["=1+1"]], None, "table")


def test_a_carriage_return_inside_a_text_does_not_start_a_row():
    # written bare (csv quoted only the "\n" of its line terminator), a spreadsheet began a new row at the
    # CR, and the text after it, a formula, began a cell
    out = render_rows(["name", "value"], [["x\r=1+1", -5.0], ["y", 2.0]], "csv")
    assert _cells(out) == [["name", "value"], ["x\r=1+1", "-5"], ["y", "2"]]


def test_a_negative_verdict_in_csv_keeps_its_numbers_and_quotes_its_text(run):
    # b - a = 300 - 350 = -50 Wh/kg: the numeric columns give -50 as a number; derived_text, a signed value
    # with its unit in a text column, is text behind a '
    r = run("claim", "difference", "a=350 Wh/kg", "b=300 Wh/kg", "-a", "-50 Wh/kg", "-f", "csv")
    assert r.exit_code == 0, r.output
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert float(row["claimed"]) == float(row["derived"]) == 300 - 350
    assert row["derived_text"] == "'-50 Wh/kg" and row["claimed_text"] == "about -50 Wh/kg"
