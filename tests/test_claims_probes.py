"""Issue 10, seventh pass: hardening probes of the claim checker (one test or more per fix)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from batcalc.claims.check import check_inline
from batcalc.errors import BatcalcError
from batcalc.report.claims import verdict_texts
from batcalc.spec.claims import KIND_INPUTS


def test_claim_help_lists_every_claim_kind(run):
    """`batcalc claim --help` lists every kind a claim may be (it left out 'ratings')."""
    out = run("claim", "--help")
    assert out.exit_code == 0
    text = " ".join(out.stdout.split())
    listed = text.split("KIND <str> ")[1].split(" [required]")[0]
    kinds = set(re.sub(r"-\s+", "-", listed).replace(",", " ").split())
    assert kinds == set(KIND_INPUTS)


_RANGE_INPUTS = {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}      # 75 kWh x 93 % / 150 Wh/km = 465 km


def test_between_takes_the_unit_once_at_the_end_as_ranged_inputs_do():
    """`--asserted "250 to 300 mi"` reads the low end as 250 mi (it was '250', refused as of the wrong
    dimension), as a ranged input reads '70 to 90 kWh'."""
    once = check_inline("range", _RANGE_INPUTS, "250 to 300 mi", "between")
    both = check_inline("range", _RANGE_INPUTS, "250 mi to 300 mi", "between")
    assert once.status == both.status == "holds"         # 465 km = 288.9 mi, inside 250-300 mi
    assert once.details["low"] == both.details["low"] and once.details["high"] == both.details["high"]
    assert once.details["low"].unit == "mi" and once.details["low"].si == 250
    # 300 to 400 km: 465 km is above the high end
    assert check_inline("range", _RANGE_INPUTS, "300 to 400 km", "between").status == "fails"


def test_between_without_any_unit_says_the_unit_is_missing():
    with pytest.raises(BatcalcError, match=r"^asserted\.0: '300' has no unit: give one \(km or mi"):
        check_inline("range", _RANGE_INPUTS, "300 to 400", "between")


@pytest.mark.parametrize("kind, inputs, where", [
    ("same-weight", {"a": "mid-sedan", "b": "gac-aion-ssb-350"}, "inputs.a"),
    ("same-range", {"a": "gac-aion-ssb-300", "b": "mid-sedan"}, "inputs.b"),
    ("range", {"cell": "mid-sedan", "pack_mass": "480 kg", "consumption": "150 Wh/km"}, "inputs.cell"),
])
def test_a_vehicle_id_where_a_cell_belongs_is_named_a_vehicle_on_the_command_line(kind, inputs, where):
    """It said "no cell 'mid-sedan' in the catalogue", as for a name nothing in the catalogue has."""
    with pytest.raises(BatcalcError) as exc:
        check_inline(kind, inputs, "500 km" if kind == "range" else "3" if kind == "same-weight" else "100 kg")
    assert str(exc.value).startswith(f"{where}: 'mid-sedan' is a vehicle in the catalogue, not a cell")


def test_a_vehicle_id_where_a_cell_belongs_is_named_a_vehicle_in_a_claims_file(write):
    from batcalc.claims.check import check_file

    path = write("c.yaml", """
        kind: claims
        claims:
          - id: one
            quote: "the same range, 100 kg lighter"
            kind: same-range
            inputs: {a: mid-sedan, b: gac-aion-ssb-350}
            asserted: 100 kg
        """)
    with pytest.raises(BatcalcError) as exc:
        check_file(path)
    assert str(exc.value) == (f"{path}:6:17: 'mid-sedan' is a vehicle in the catalogue, not a cell: give a cell "
                              f"id or path here (see 'batcalc list')")


def test_a_cell_id_where_a_vehicle_belongs_and_a_vehicle_on_the_command_line(run):
    out = run("claim", "range", "cell=gac-aion-ssb-350", "pack_mass=480 kg", "vehicle=gac-aion-ssb-300",
              "--asserted", "500 km")
    assert out.exit_code == 2
    assert "inputs.vehicle: 'gac-aion-ssb-300' is a cell in the catalogue, not a vehicle" in out.stderr
    out = run("compare", "mid-sedan", "gac-aion-ssb-350")
    assert out.exit_code == 2 and "'mid-sedan' is a vehicle in the catalogue, not a cell" in out.stderr


def test_verdict_csv_keeps_what_it_would_take_what_is_missing_and_the_assumptions(run, write):
    """An underdetermined claim's CSV row lost the fact it needs (JSON and the table had it)."""
    path = write("c.yaml", """
        kind: claims
        claims:
          - id: forty-percent-better
            quote: "900 Wh/L, a 40 % improvement"
            kind: ratio
            inputs: {a: "?", b: 900 Wh/L}
            asserted: "+40 %"
        """)
    out = run("check", path, "-f", "csv")
    assert out.exit_code == 0
    header, row = list(csv.reader(io.StringIO(out.stdout)))
    # the columns before stay as they were, in their order; the new ones follow
    assert header[:12] == ["claim", "kind", "verdict", "qualifier", "claimed", "claimed_unit", "derived",
                           "derived_unit", "needed", "needed_unit", "claimed_text", "derived_text"]
    got = dict(zip(header, row, strict=True))
    data = json.loads(run("check", path, "-f", "json").stdout)["verdicts"][0]
    assert got["verdict"] == "underdetermined"
    assert got["missing"] == "; ".join(data["missing"]) == "figure a (left as '?')"
    assert got["would_take"] == data["would_take"] and got["would_take"].startswith("the baseline a would be")
    assert got["assumptions"] == "; ".join(data["assumptions"]) and "a = ?, b = 900 Wh/L" in got["assumptions"]
    assert header[12:15] == ["would_take", "missing", "assumptions"]        # the source columns follow


def test_markdown_shows_html_in_a_claims_quote_and_title_as_text(run, write):
    """`-f markdown` passed a quote's or title's HTML through raw: a markdown viewer ran or rendered it."""
    path = write("c.yaml", """
        kind: claims
        title: "<b>x</b> & co"
        claims:
          - id: one
            quote: "<script>alert(1)</script>"
            kind: ratio
            inputs: {a: 250 Wh/kg, b: 432 Wh/kg}
            asserted: 73 %
        """)
    out = run("check", path, "-f", "markdown")
    assert out.exit_code == 0
    assert "<" not in out.stdout                       # no tag can open
    assert "**&lt;b>x&lt;/b> &amp; co**" in out.stdout
    assert 'one: "&lt;script>alert(1)&lt;/script>"' in out.stdout
    table = run("check", path).stdout                  # the plain table shows the text as written
    assert '"<script>alert(1)</script>"' in table and "<b>x</b> & co" in table


def test_markdown_cell_with_a_bar_stays_one_cell():
    from batcalc.report.render import render_rows

    text = render_rows(["a", "b"], [["x|y", "<i>"]], "markdown")
    row = text.splitlines()[-1]
    assert len(re.split(r"(?<!\\)\|", row)) == 4     # '| x\|y | &lt;i> |': two cells
    assert "&lt;i>" in row and "<i>" not in row


_DENSITIES = {"a_density": "300 Wh/kg", "b_density": "299.9 Wh/kg"}     # saving 1 - 300/299.9 = -0.0333 %


def test_an_asserted_zero_bound_says_it_has_no_tolerance_and_shows_the_digits_that_decide():
    """'at least 0 %' with -0.0333 % failed beside "tolerance 5 % relative" and showed "-0.0 % lighter"."""
    v = check_inline("same-energy", _DENSITIES, "0 %", "at-least")
    t = verdict_texts(v)
    assert v.status == "fails"                         # -0.0333 % < 0: a bound at 0 is exact
    assert t["assumptions"][-1] == "no tolerance: an asserted 0 is a bound, compared exactly (at-least)"
    assert not any("relative" in a for a in t["assumptions"])
    saving = 1 - 300 / 299.9
    assert t["derived"].startswith(f"{saving * 100:.4g} % lighter") and saving < 0
    # a given tolerance changes nothing for a bound at 0, and the note says none was applied
    given = check_inline("same-energy", _DENSITIES, "0 %", "at-least", tolerance="10 %")
    assert given.status == "fails" and verdict_texts(given)["assumptions"][-1] == t["assumptions"][-1]


def test_about_an_asserted_zero_states_its_absolute_tolerance():
    """`about 0 %` holds within ±5 percentage points (docs/claims.md): the note said '5 % relative'."""
    v = check_inline("same-energy", {"a_density": "300 Wh/kg", "b_density": "310 Wh/kg"}, "0 %")
    assert v.status == "holds"                         # 1 - 300/310 = 3.2 %, within 5 points
    assert verdict_texts(v)["assumptions"][-1] == "tolerance for an asserted 0: ±5 percentage points (about)"
    assert check_inline("same-energy", {"a_density": "300 Wh/kg", "b_density": "320 Wh/kg"}, "0 %").status == "fails"
    d = check_inline("difference", {"a": "300 Wh/kg", "b": "301 Wh/kg"}, "0 Wh/kg")
    assert d.status == "holds"                         # |1| <= 5 % x 301
    assert verdict_texts(d)["assumptions"][-1] == ("tolerance for an asserted 0: 5 % of the larger of |a| and |b| "
                                                   "(about)")


def test_a_negative_zero_reads_as_zero():
    from batcalc.claims.check import Value
    from batcalc.report.claims import phrase_text

    assert verdict_texts(check_inline("same-energy", {"a_density": "300 Wh/kg", "b_density": "300 Wh/kg"},
                                      "0 %", "at-least"))["derived"].startswith("0.0 % lighter")
    assert phrase_text(Value(-0.0, "fraction", ".1f")) == "0.0 %"


def test_verdict_csv_gives_a_single_charge_windows_figure_as_its_number(run):
    """A charge with its start stated has one window: its C-rate is the derived number (the column was
    empty, as for several windows); 10 -> 80 % in 12 min = 0.7 / 0.2 h = 3.5 C."""
    one = list(csv.DictReader(io.StringIO(run("claim", "charge", "cell=huineng-llcb", "from_soc=10 %", "to_soc=80 %",
                                              "--asserted", "12 min", "-f", "csv").stdout)))[0]
    assert float(one["derived"]) == pytest.approx(0.7 / 0.2) and one["derived_unit"] == "C"
    both = list(csv.DictReader(io.StringIO(run("claim", "charge", "cell=huineng-llcb", "to_soc=80 %",
                                               "--asserted", "12 min", "-f", "csv").stdout)))[0]
    assert both["derived"] == "" and both["derived_unit"] == ""     # 0 % and 10 % starts: no single number
