"""Claims written the ways people write them: a rating in any case ('wltp', as the command line's --from
takes it) and a range asserted as 'LOW to HIGH unit' in a file, as `batcalc claim --asserted` takes it."""

from __future__ import annotations

import json

import pytest

from batcalc.spec.model import load_spec

RANGE = """\
kind: claims
claims:
  - id: r
    quote: "{quote}"
    kind: range
    inputs: {{pack_energy: 75 kWh, vehicle: mid-sedan{more}}}
    asserted: {asserted}
    qualifier: {qualifier}
"""


def _verdict(run, write, name: str, **fields: str) -> dict:
    text = RANGE.format(**{"quote": "range", "more": "", "qualifier": "about", **fields})
    result = run("check", write(name, text), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["verdicts"][0]


@pytest.mark.parametrize("written", ["wltp", "Wltp", " WLTP"])
def test_a_test_cycle_in_any_case_is_that_rating(run, write, written):
    upper = _verdict(run, write, "upper.yaml", more=", test_cycle: WLTP", asserted="500 km")
    other = _verdict(run, write, "other.yaml", more=f", test_cycle: '{written}'", asserted="500 km")
    assert other["derived"] == upper["derived"] and other["derived_text"].startswith("WLTP ")
    assert other["verdict"] == upper["verdict"]


def test_an_unknown_test_cycle_still_names_the_choices(run, write):
    result = run("check", write("bad.yaml", RANGE.format(quote="r", more=", test_cycle: wltc", asserted="500 km",
                                                         qualifier="about")))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "bad.yaml:6:" in result.stderr and "'WLTP'" in result.stderr and "got 'wltc'" in result.stderr


def test_a_cell_files_range_claim_takes_its_rating_in_any_case(tmp_path):
    from batcalc.spec.catalog import resolve

    text = resolve("saic-qingtao-lightyear", "cell")[0].read_text(encoding="utf-8")
    assert "test_cycle: CLTC" in text
    path = tmp_path / "cell.yaml"
    path.write_text(text.replace("test_cycle: CLTC", "test_cycle: cltc"), encoding="utf-8")
    assert [r.test_cycle for r in load_spec(path, expect="cell").ranges] == ["CLTC"]


@pytest.mark.parametrize("written", ["400 to 500 km", "400 km to 500 km", "0.4 to 0.5 thousand km"])
def test_a_range_asserted_as_low_to_high_is_the_list_of_its_ends(run, write, written):
    listed = _verdict(run, write, "listed.yaml", asserted="[400 km, 500 km]", qualifier="between")
    ranged = _verdict(run, write, "ranged.yaml", asserted=f"'{written}'", qualifier="between")
    assert ranged["verdict"] == listed["verdict"]
    assert [c["value"] for c in ranged["claimed"]] == pytest.approx([400.0, 500.0])
    assert ranged["derived"] == listed["derived"]


def test_a_between_with_one_figure_says_how_to_write_two(run, write):
    result = run("check", write("one.yaml", RANGE.format(quote="r", more="", asserted="500 km", qualifier="between")))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "one.yaml:7:15:" in result.stderr and "'300 to 400 km'" in result.stderr


def test_a_range_asserted_without_between_is_refused_at_its_line_naming_between(run, write):
    path = write("about.yaml", RANGE.format(quote="r", more="", asserted="400 to 500 km", qualifier="about"))
    result = run("check", path)
    assert result.exit_code == 2 and result.stdout == ""
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"{path}:7:15: ") and "'between'" in line and "about" in line


def test_the_command_line_refuses_a_range_without_between_too(run):
    result = run("claim", "range", "pack_energy=75 kWh", "vehicle=mid-sedan", "--asserted", "400 to 500 km")
    assert result.exit_code == 2 and "is a range" in result.stderr and "'between'" in result.stderr
    ok = run("claim", "range", "pack_energy=75 kWh", "vehicle=mid-sedan", "--asserted", "400 to 500 km",
             "--qualifier", "between")
    assert ok.exit_code in (0, 1) and "between 400 km and 500 km" in ok.stdout


def test_a_word_with_to_inside_is_no_range(run, write):
    """'tons' holds 'to' but no ' to ': not taken for a range (a mass asserted in short tons reads as one)."""
    result = run("claim", "same-range", "a=gac-aion-ssb-300", "b=gac-aion-ssb-350", "vehicle=mid-sedan",
                 "range=600 km", "--asserted", "0.05 tons")
    assert "is a range" not in result.stderr


def test_the_command_line_takes_a_plausible_range_as_a_claims_file_does(run, write):
    """`batcalc claim --plausible 'LOW to HIGH unit'` is the file's `plausible: [low, high]`: 300 / 3 = 100
    Wh/kg implied, inside 80..150 and outside 120..150."""
    text = """\
kind: claims
claims:
  - id: command-line
    quote: "ratio claim"
    kind: ratio
    inputs: {a: "?", b: 300 Wh/kg}
    asserted: 3
    plausible: [%s]
"""
    for low, high, where in (("80", "150", "inside"), ("120", "150", "outside")):
        filed = run("check", write(f"p{low}.yaml", text % f"{low} Wh/kg, {high} Wh/kg"), "-f", "json")
        cli = run("claim", "ratio", "a=?", "b=300 Wh/kg", "--asserted", "3", "--plausible", f"{low} to {high} Wh/kg",
                  "-f", "json")
        assert cli.exit_code == filed.exit_code == 0
        got, want = json.loads(cli.stdout)["verdicts"][0], json.loads(filed.stdout)["verdicts"][0]
        assert got["would_take"] == want["would_take"]
        assert f"({where} the plausible range" in got["would_take"].lower()
        assert got["details"]["plausible"] is (where == "inside") and got["derived"]["value"] == pytest.approx(100)


@pytest.mark.parametrize("plausible,message", [("80 Wh/kg", "--plausible is a range 'LOW to HIGH unit'"),
                                               ("80 to 150 km", "cannot be compared with the implied value")])
def test_a_plausible_range_that_is_none_is_refused_in_one_line(run, plausible, message):
    out = run("claim", "ratio", "a=?", "b=300 Wh/kg", "--asserted", "3", "--plausible", plausible)
    assert out.exit_code == 2 and message in out.stderr and len(out.stderr.strip().splitlines()) == 1
