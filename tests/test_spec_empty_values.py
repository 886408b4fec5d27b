"""An empty text (`name: ""`), an empty list (`claims: []`), a key with nothing after it (`name:`), a value of the
wrong shape, and a text or a list of the wrong length got pydantic's own words ("String should have at least 1
character", "List should have at least 1 item after validation, not 0", "Input should be a valid dictionary or
instance of Electrical"); they are worded plainly, in one located line, where every spec error is worded
(batcalc.spec.model)."""

from __future__ import annotations

import pytest

CLAIM = """\
kind: claims
claims:
  - id: c
    quote: QUOTE
    kind: KIND
    inputs: INPUTS
    asserted: 2
    plausible: PLAUSIBLE
"""


def _claims(quote: str = '"q"', kind: str = "ratio", inputs: str = '{a: "?", b: 2 kg}',
            plausible: str = "[1 kg, 3 kg]") -> str:
    return CLAIM.replace("QUOTE", quote).replace("KIND", kind).replace("INPUTS", inputs).replace("PLAUSIBLE", plausible)


def _refused(run, path: str, where: str, message: str, *command: str) -> None:
    for cmd in (command or ("check",), ("lint",)):          # lint lists every problem on stdout
        out = run(*cmd, path)
        shown = out.stdout if cmd == ("lint",) else out.stderr
        assert out.exit_code == 2, out.output
        assert shown.strip() == f"{path}:{where}: {message}", out.output


@pytest.mark.parametrize("kind,name,message", [
    ("cell", '""', "name is empty: give a text"),
    ("cell", '"   "', "name is blank: give a text"),
    ("vehicle", '""', "name is empty: give a text"),
])
def test_an_empty_name_is_worded_plainly_at_its_line(run, tmp_path, kind, name, message):
    template = tmp_path / "t.yaml"
    assert run("new", kind, "my-spec", "-o", str(template)).exit_code == 0
    lines = template.read_text(encoding="utf-8").splitlines()
    row = next(k for k, line in enumerate(lines) if line.startswith("name: "))
    lines[row] = f"name: {name}"
    path = tmp_path / "my-spec.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(run, str(path), f"{row + 1}:7", message, "show")


@pytest.mark.parametrize("row,text,where,message", [
    # a key with nothing after it is null in YAML: "name: Input should be a valid string" before
    ("name: ", "name:", "6", "name is empty: give a text"),
    ("name: ", "name: 5", "7", "name: expected a text, got 5"),
    ("# electrical:", "electrical:", "12", "electrical is empty: give a mapping (key: value); or leave the key out"),
    ("sources: ", "sources:", "9", "sources is empty: give a list; or leave the key out"),
])
def test_an_empty_or_misshapen_value_in_a_cell_is_worded_plainly(run, tmp_path, row, text, where, message):
    template = tmp_path / "t.yaml"
    assert run("new", "cell", "my-cell", "-o", str(template)).exit_code == 0
    lines = template.read_text(encoding="utf-8").splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith(row))
    lines[at] = text
    path = tmp_path / "my-cell.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(run, str(path), f"{at + 1}:{where}", message, "show")


@pytest.mark.parametrize("text,where,message", [
    ("kind: claims\nclaims:\n", "2:8", "claims is empty: give a list"),
    ("kind: claims\nclaims: {}\n", "2:9", "claims: expected a list, got a mapping"),
    ("kind: claims\nclaims:\n  -\n", "3:4", "claims.0 is empty: give a mapping (key: value)"),
])
def test_an_empty_or_misshapen_claims_list_is_worded_plainly(run, write, text, where, message):
    _refused(run, write("e.yaml", text), where, message)


@pytest.mark.parametrize("year,message", [
    ("", " is empty: give a whole number"),                          # "Input should be a valid integer"
    # a number given is read as every count is, then held to a whole year (tests/test_hostile.py pins more)
    ("2030.5", ": '2030.5' is not a year: give a whole year from 1800 to 2300, e.g. 2024"),
])
def test_a_year_left_empty_is_worded_plainly(run, write, year, message):
    inputs = "{start: 1 yuan, end: 2 yuan, start_year: 2024, end_year: %s}" % year
    path = write("g.yaml", _claims(kind="growth", inputs=inputs, plausible="null"))
    _refused(run, path, "6:70", "claims.0.inputs.end_year" + message)


def test_an_empty_list_of_claims_is_worded_plainly_at_its_line(run, write):
    path = write("e.yaml", "kind: claims\nclaims: []\n")
    _refused(run, path, "2:9", "claims is an empty list: give at least 1 entry")


@pytest.mark.parametrize("fields,where,message", [
    ({"quote": '""'}, "4:12", "claims.0.quote is empty: give a text"),
    # an optional key may be left out instead
    ({"plausible": "[]"}, "8:16", "claims.0.plausible is an empty list: give at least 2 entries; or leave the key out"),
    ({"plausible": "[1 kg, 2 kg, 3 kg]"}, "8:16", "claims.0.plausible has too many entries (3, at most 2)"),
    ({"kind": "product", "inputs": "{factors: [800]}", "plausible": "null"}, "6:23",
     "claims.0.inputs.factors has too few entries (1, at least 2)"),
    ({"kind": "expression", "inputs": "{expr: '%s'}" % ("1+" * 100 + "1"), "plausible": "null"}, "6:20",
     f"claims.0.inputs.expr is too long ({len('1+' * 100 + '1')} characters, at most 200)"),
])
def test_a_text_or_list_of_the_wrong_length_is_worded_plainly_at_its_line(run, write, fields, where, message):
    _refused(run, write("c.yaml", _claims(**fields)), where, message)


def test_a_product_of_one_factor_on_the_command_line_is_worded_plainly(run):
    out = run("claim", "product", "factors=800", "--asserted", "800")
    assert out.exit_code == 2
    assert out.stderr.strip() == "batcalc: error: inputs.factors has too few entries (1, at least 2)"


def test_a_year_left_empty_on_the_command_line_is_worded_plainly(run):
    # 'start_year=' gave "Input should be a valid integer, unable to parse string as an integer"
    out = run("claim", "growth", "start=1 yuan", "end=2 yuan", "start_year=", "end_year=2030", "--asserted", "5 %")
    assert out.exit_code == 2
    assert out.stderr.strip() == "batcalc: error: inputs.start_year is empty: give a whole number"
