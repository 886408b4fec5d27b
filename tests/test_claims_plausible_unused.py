"""A plausible range is read only for a figure a claim leaves open ('?', or a figure its spec does not publish) and
whose value the claim then implies; given to any other claim it was silently ignored, and is now refused in one
line, at it in a claims file, naming --plausible on the command line (docs/claims.md, Unknowns)."""

from __future__ import annotations

import json
import re

import pytest

import batcalc as bc
from batcalc.errors import BatcalcError

WHY = "applies only to a figure left as '?' (or one its spec does not publish), whose value the claim implies"


@pytest.mark.parametrize("kind,inputs,asserted,plausible,why", [
    ("range", ["pack_energy=75 kWh", "consumption=150 Wh/km"], "500 km", "400 to 600 km",
     "a range claim leaves no figure as '?'"),
    ("growth", ["start=1 yuan", "end=2 yuan", "start_year=2024", "end_year=2030"], "12 %", "10 to 20 %",
     "a growth claim leaves no figure as '?'"),
    ("ratio", ["a=300 Wh/kg", "b=600 Wh/kg"], "2", "200 to 400 Wh/kg", "this claim's figures are all known"),
    ("difference", ["a=300 Wh/kg", "b=350 Wh/kg"], "50 Wh/kg", "200 to 400 Wh/kg",
     "this claim's figures are all known"),
    ("expression", ["expr=75 kWh / (400 Wh/kg)"], "190 kg", "300 to 500 Wh/kg", "this claim's figures are all known"),
    # a figure its cell does not publish, in a sum: batcalc names the fact and gives no value for it
    ("expression", ["expr=75 kWh + catl-shenxing-lfp.energy"], "500 kWh", "100 to 200 Wh",
     "the claim implies no value here for the figure it leaves open"),
])
def test_a_plausible_range_nothing_reads_is_refused(run, kind, inputs, asserted, plausible, why):
    out = run("claim", kind, *inputs, "--asserted", asserted, "--plausible", plausible)
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.strip() == f"batcalc: error: --plausible {WHY}: {why}; drop it"
    with pytest.raises(BatcalcError, match=re.escape(f"plausible {WHY}: {why}; drop it")):
        bc.check(kind, asserted=asserted, plausible=plausible, **dict(pair.split("=", 1) for pair in inputs))
    bands = run("claim", kind, *inputs, "--asserted", asserted, "--plausible", plausible, "--bands")
    assert bands.exit_code == 2 and why in bands.stderr
    plain = run("claim", kind, *inputs, "--asserted", asserted)          # without it, a verdict
    assert plain.exit_code in (0, 1)


CLAIMS = """\
kind: claims
claims:
  - id: fine
    quote: "q"
    kind: ratio
    inputs: {a: "?", b: 900 Wh/L}
    asserted: "+40 %"
    plausible: [500 Wh/L, 750 Wh/L]
  - id: c
    quote: "q"
    kind: KIND
    inputs: INPUTS
    asserted: ASSERTED
    plausible: PLAUSIBLE
"""


@pytest.mark.parametrize("kind,inputs,asserted,plausible,col", [
    ("charge", "{to_soc: 80 %, time: 12 min, pack_energy: 75 kWh}", "300 kW", "200 to 400 kW", 16),
    ("ratio", "{a: 1 kg, b: 2 kg}", "2", "[1 kg, 2 kg]", 16),
    ("lifetime", "{cycles: 1000, range: 500 km}", "[400000 km, 600000 km]\n    qualifier: between",
     "[1 kg, 2 kg]", 16),
])
def test_a_plausible_range_nothing_reads_is_refused_at_its_line_in_a_file(run, write, kind, inputs, asserted,
                                                                          plausible, col):
    text = CLAIMS.replace("KIND", kind).replace("INPUTS", inputs).replace("ASSERTED", asserted)
    path = write("p.yaml", text.replace("PLAUSIBLE", plausible))
    line = 14 if "between" not in asserted else 15
    out = run("check", path)
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.startswith(f"{path}:{line}:{col}: plausible {WHY}: ") and out.stderr.count("\n") == 1


@pytest.mark.parametrize("inputs,plausible,implied", [
    (["a=?", "b=900 Wh/L"], "500 to 750 Wh/L", 900 / 1.4),                        # a '?': 900 / 1.4
    (["a=catl-shenxing-lfp.gravimetric", "b=300 Wh/kg"], "100 to 200 Wh/kg", 300 / 1.4),   # a figure unpublished
])
def test_a_plausible_range_of_a_figure_left_open_is_still_read(run, inputs, plausible, implied):
    out = run("claim", "ratio", *inputs, "--asserted", "+40 %", "--plausible", plausible, "-f", "json")
    assert out.exit_code == 0, out.output
    v = json.loads(out.stdout)["verdicts"][0]
    low, high = (float(x.split()[0]) for x in plausible.split(" to "))
    assert v["derived"]["value"] == pytest.approx(implied) and v["details"]["plausible"] is (low <= implied <= high)


@pytest.mark.parametrize("plausible,where", [("300 to 500 Wh/kg", "inside"), ("380 to 400 Wh/kg", "partly inside"),
                                             ("100 to 200 Wh/kg", "OUTSIDE")])
def test_a_between_claim_with_a_figure_left_open_reads_its_plausible_range(run, plausible, where):
    """'75 kWh / ?' between 180 and 200 kg said "? would be between 375 and 416.7 Wh/kg" and dropped the
    plausible range (each bound read it, the claim's text did not): ? from 75000 / 200 to 75000 / 180 Wh/kg."""
    out = run("claim", "expression", "expr=75 kWh / ?", "--asserted", "180 to 200 kg", "--qualifier", "between",
              "--plausible", plausible, "-f", "json")
    assert out.exit_code == 0, out.output
    v = json.loads(out.stdout)["verdicts"][0]
    span = [x["value"] for x in v["details"]["implied_between"]]
    assert span == [pytest.approx(75000 / 200), pytest.approx(75000 / 180)]
    low, high = (x.split()[0] for x in plausible.split(" to "))
    assert v["would_take"].endswith(f"({where} the plausible range {low} Wh/kg to {high} Wh/kg)")
    assert v["details"]["plausible"] is (where == "inside")
