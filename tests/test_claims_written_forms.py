"""Claims written the ways people write them: a rating in any case ('wltp', as the command line's --from
takes it) and a range asserted as 'LOW to HIGH unit' in a file, as `batcalc claim --asserted` takes it."""

from __future__ import annotations

import json

import pytest

import batcalc as bc
from batcalc.errors import BatcalcError
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


@pytest.mark.parametrize("plausible,message", [("80 Wh/kg", "a plausible range is [low, high] or 'LOW to HIGH unit'"),
                                               ("80 to 150 km", "cannot be compared with the implied value")])
def test_a_plausible_range_that_is_none_is_refused_in_one_line(run, plausible, message):
    out = run("claim", "ratio", "a=?", "b=300 Wh/kg", "--asserted", "3", "--plausible", plausible)
    assert out.exit_code == 2 and message in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_a_claims_file_takes_its_plausible_range_as_low_to_high_too(run, write):
    text = """\
kind: claims
claims:
  - id: p
    quote: "ratio claim"
    kind: ratio
    inputs: {a: "?", b: 300 Wh/kg}
    asserted: 3
    plausible: %s
"""
    listed = run("check", write("listed.yaml", text % "[80 Wh/kg, 150 Wh/kg]"), "-f", "json")
    ranged = run("check", write("ranged.yaml", text % "80 to 150 Wh/kg"), "-f", "json")
    assert ranged.exit_code == listed.exit_code == 0
    take = [json.loads(r.stdout)["verdicts"][0]["would_take"] for r in (ranged, listed)]
    assert take[0] == take[1] and "inside the plausible range 80 Wh/kg to 150 Wh/kg" in take[0]
    one = run("check", path := write("one.yaml", text % "80 Wh/kg"))
    assert one.exit_code == 2 and one.stderr.startswith(f"{path}:8:16: ") and "'LOW to HIGH unit'" in one.stderr


@pytest.mark.parametrize("cycles", ["1000 %", "1000 percent", "1e5%"])
def test_a_count_written_as_a_percentage_is_refused_not_read_as_a_hundredth(run, cycles):
    """'1000 %' of cycles was read as 10 cycles (a lifetime of 10 x 500 km = 5000 km): a count is a plain
    number (docs/units.md), as '1000 cycles' and '5 m/km' already were refused."""
    out = run("claim", "lifetime", f"cycles={cycles}", "range=500 km", "--asserted", "500000 km")
    assert out.exit_code == 2 and out.stdout == ""
    assert "is a percentage: a count is a plain number" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    plain = run("claim", "lifetime", "cycles=1000", "range=500 km", "--asserted", "500000 km", "-f", "json")
    assert plain.exit_code == 0 and json.loads(plain.stdout)["verdicts"][0]["derived"]["value"] == 1000 * 500


@pytest.mark.parametrize("kind,inputs", [
    ("range", ["pack_energy=75 kWh", "consumption=150 Wh/km"]),
    ("lifetime", ["cycles=1000", "range=500 km"]),
    ("range-added", ["time=12 min", "power=400 kW", "power_kind=peak", "pack_energy=133 kWh", "range=1000 km"]),
    ("ratings", ["a=700 km", "a_cycle=cltc", "b_cycle=wltp", "vehicle=mid-sedan"]),
])
def test_a_negative_distance_asserted_is_refused_not_answered(run, kind, inputs):
    """A range of '-5 km' was answered ('needs -0.8065 kWh gross pack energy', 'a cycle life of 0 cycles'):
    no range, lifetime distance or range added is negative. 0 stays a bound (at least 0 km holds)."""
    out = run("claim", kind, *inputs, "--asserted", "-5 km")
    assert out.exit_code == 2 and out.stdout == ""
    assert f"'-5 km' is a negative distance: a {kind} claim's distance is at least 0" in out.stderr
    if kind != "range-added":             # (a range added of 0 km is a window of 0 %: refused as such)
        zero = run("claim", kind, *inputs, "--asserted", "0 km", "--qualifier", "at-least", "-f", "json")
        assert zero.exit_code == 0 and json.loads(zero.stdout)["verdicts"][0]["verdict"] == "holds"


def test_a_negative_distance_in_a_file_is_refused_at_its_line(run, write):
    path = write("neg.yaml", RANGE.format(quote="r", more="", asserted="-5 km", qualifier="about"))
    out = run("check", path)
    assert out.exit_code == 2 and out.stderr.startswith(f"{path}:7:15: ") and "negative distance" in out.stderr


@pytest.mark.parametrize("quote", ["", "   "])
def test_an_empty_quote_is_refused_as_in_a_claims_file(run, quote):
    """`--quote ""` silently became the default quote 'ratio claim'; a claims file refuses an empty quote."""
    out = run("claim", "ratio", "a=1 kg", "b=2 kg", "--asserted", "2", "--quote", quote)
    assert out.exit_code == 2 and out.stderr.strip() == "batcalc: error: --quote is empty: give the claim's words, " \
                                                        "or leave it out"
    with pytest.raises(BatcalcError, match="^quote is empty"):
        bc.check("ratio", a="1 kg", b="2 kg", asserted="2", quote=quote)


@pytest.mark.parametrize(("given", "got"), [("5", "got 5"), ("true", "got true or false"), ("{a: 1}", "got a mapping")])
def test_a_plausible_range_of_another_shape_names_both_forms(run, write, given, got):
    """`plausible: 5` said "expected a list, got 5", though the text 'LOW to HIGH unit' is taken too."""
    path = write("c.yaml", f"""
        kind: claims
        claims:
          - {{id: c, quote: q, kind: ratio, inputs: {{a: "?", b: 900 Wh/L}}, asserted: "+40 %", plausible: {given}}}
        """)
    out = run("check", path)
    assert out.exit_code == 2 and out.output.count("\n") == 1
    assert "a plausible range is [low, high] or 'LOW to HIGH unit' ('500 to 750 Wh/L'), " + got in out.output
