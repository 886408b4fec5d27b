"""A negative asserted value where the claim's quantity cannot be negative is refused at the asserted value, in one
line naming the claim kind and why, on the command line, in a claims file and through the library's check();
where the quantity is signed (a saving when b is heavier, a fall in a yearly rate, a ratio of money, a
difference, a product, an expression) it is judged. The rule per kind: docs/claims.md ("Negative values")."""

from __future__ import annotations

import json

import pytest

import batcalc as bc
from batcalc.errors import BatcalcError

CHARGE = ["to_soc=80 %", "time=12 min", "pack_energy=75 kWh"]
WEIGHT = ["a_density=300 Wh/kg", "b_density=400 Wh/kg"]
VOLUME = ["a_density=300 Wh/L", "b_density=400 Wh/L"]
GROWTH = ["start=1 yuan", "end=2 yuan", "start_year=2024", "end_year=2030"]


@pytest.mark.parametrize("kind,inputs,asserted,why", [
    # each answered before with a verdict: "a positive C-rate (none charges at 0)", "no density of b gives x-3",
    # "end = 0.01562 yuan in 2030" ((1 - 1.5)^6), "the baseline a would be -1 kg"
    ("consumption", ["pack_energy=75 kWh", "range=500 km"], "-150 Wh/km",
     "is a negative consumption: a consumption claim's consumption is at least 0"),
    ("charge", CHARGE[:1] + CHARGE[2:], "-12 min", "is a negative time: a charge claim's time is at least 0"),
    ("charge", CHARGE, "-4 C", "is a negative C-rate: a charge claim's C-rate is at least 0"),
    ("charge", CHARGE, "-300 kW", "is a negative power: a charge claim's power is at least 0"),
    ("same-weight", WEIGHT, "-3", "is a negative factor: a same-weight claim's factor, b's density over a's, is at "
                                  "least 0"),
    ("same-weight", WEIGHT, "-3x", "is a negative factor: a same-weight claim's factor"),
    ("same-weight", WEIGHT, "-150 %", "is a fall of more than 100 %: a same-weight claim's factor"),
    ("same-volume", VOLUME, "-1.5", "is a negative factor: a same-volume claim's factor"),
    ("same-volume", VOLUME, "-150 percent", "is a fall of more than 100 %: a same-volume claim's factor"),
    ("growth", GROWTH, "-150 %", "is a fall of more than 100 % a year: a growth claim's yearly rate is at least "
                                 "-100 %"),
    ("ratio", ["a=300 Wh/kg", "b=400 Wh/kg"], "-2", "is a negative ratio: a ratio claim's ratio of physical figures"),
    ("ratio", ["a=?", "b=2 kg"], "-150 %", "is a fall of more than 100 %: a ratio claim's ratio of physical figures"),
])
def test_a_negative_asserted_value_that_cannot_be_is_refused(run, kind, inputs, asserted, why):
    out = run("claim", kind, *inputs, "--asserted", asserted)
    assert out.exit_code == 2 and out.stdout == "", out.output
    assert out.stderr.startswith(f"batcalc: error: asserted: {asserted!r} {why}"), out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    with pytest.raises(BatcalcError, match=f"^asserted: '{asserted}' is "):
        bc.check(kind, asserted=asserted, **dict(pair.split("=", 1) for pair in inputs))
    bands = run("claim", kind, *inputs, "--asserted", asserted, "--bands")
    assert bands.exit_code == 2 and why in bands.stderr


def test_each_bound_of_a_between_claim_is_refused_at_itself(run):
    out = run("claim", "charge", *CHARGE, "--asserted", "-300 to 400 kW", "--qualifier", "between")
    assert out.exit_code == 2
    assert out.stderr.strip() == ("batcalc: error: asserted.0: '-300 kW' is a negative power: a charge claim's power "
                                  "is at least 0")


CLAIM = """\
kind: claims
claims:
  - id: c
    quote: "q"
    kind: {kind}
    inputs: {inputs}
    asserted: {asserted}
"""


@pytest.mark.parametrize("kind,inputs,asserted,col,why", [
    ("charge", "{to_soc: 80 %, time: 12 min, pack_energy: 75 kWh}", "-300 kW", 15, "negative power"),
    ("same-weight", "{a_density: 300 Wh/kg, b_density: 400 Wh/kg}", "-3", 15, "negative factor"),   # a YAML number
    ("consumption", "{pack_energy: 75 kWh, range: 500 km}", "[-150 Wh/km, 200 Wh/km]\n    qualifier: between",
     16, "negative consumption"),                                        # the bound itself
])
def test_a_negative_asserted_value_in_a_file_is_refused_at_its_line_and_column(run, write, kind, inputs, asserted,
                                                                               col, why):
    path = write("neg.yaml", CLAIM.format(kind=kind, inputs=inputs, asserted=asserted))
    out = run("check", path)
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.startswith(f"{path}:7:{col}: ") and why in out.stderr and f"a {kind} claim's" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def _verdict(run, kind: str, inputs: list[str], asserted: str) -> dict:
    out = run("claim", kind, *inputs, "--asserted", asserted, "-f", "json")
    assert out.exit_code in (0, 1), out.output
    return json.loads(out.stdout)["verdicts"][0]


@pytest.mark.parametrize("kind,dim", [("same-energy", "Wh/kg"), ("same-energy-volume", "Wh/L")])
def test_a_negative_saving_at_the_same_energy_is_judged_b_is_bulkier(run, kind, dim):
    # a = 400, b = 300: b's pack for the same energy is 400/300 the size, a saving of 1 - 400/300 = -33.3 %
    v = _verdict(run, kind, [f"a_density=400 {dim}", f"b_density=300 {dim}"], "-33.3 %")
    assert v["verdict"] == "holds" and v["derived"] == {"value": pytest.approx(100 * (1 - 400 / 300)), "unit": "%"}
    # a = 300, b = 400 saves 25 %; a saving of -14 % needs b at 300 / (1 + 0.14) = 263.2
    v = _verdict(run, kind, [f"a_density=300 {dim}", f"b_density=400 {dim}"], "-14 %")
    assert v["verdict"] == "fails" and v["needed"]["value"] == pytest.approx(300 / 1.14, rel=1e-3)


def test_a_negative_same_range_saving_is_judged_b_is_heavier(run):
    # b the less dense cell: its pack for the same range is heavier, a negative saving
    v = _verdict(run, "same-range", ["a=gac-aion-ssb-350", "b=gac-aion-ssb-300"], "-50 kg")
    assert v["derived"]["value"] < 0
    assert _verdict(run, "same-range", ["a=gac-aion-ssb-350", "b=gac-aion-ssb-300"], "-15 %")["derived"]["value"] < 0


@pytest.mark.parametrize("kind,inputs,asserted,derived", [
    ("growth", ["start=100 yuan", "end=25 yuan", "start_year=2024", "end_year=2026"], "-50 %",
     100 * (0.25 ** 0.5 - 1)),                                          # a yearly rate, in %
    ("ratio", ["a=100 USD", "b=-50 USD"], "-0.5", -50 / 100),             # money may be negative: a loss
    ("difference", ["a=300 Wh/kg", "b=250 Wh/kg"], "-50 Wh/kg", 250 - 300),
    ("product", ["factors=-2 * 3 USD"], "-6 USD", -2 * 3),
    ("expression", ["expr=75 kWh - 100 kWh"], "-25 kWh", 75 - 100),
])
def test_a_signed_kind_judges_a_negative_asserted_value(run, kind, inputs, asserted, derived):
    v = _verdict(run, kind, inputs, asserted)
    assert v["verdict"] == "holds" and v["derived"]["value"] == pytest.approx(derived)


@pytest.mark.parametrize("kind,inputs,asserted", [
    ("consumption", ["pack_energy=75 kWh", "range=500 km"], "0 Wh/km"),
    ("charge", CHARGE, "0 C"),
    ("charge", CHARGE, "0 kW"),
    ("same-weight", WEIGHT, "-100 %"),                   # a factor of 0
    ("growth", GROWTH, "-100 %"),                        # the end falls to nothing
])
def test_the_least_value_itself_is_still_judged(run, kind, inputs, asserted):
    """0 (and a fall of 100 %) is the floor, not below it: it gets a verdict (docs/claims.md, Tolerance)."""
    assert _verdict(run, kind, inputs, asserted)["verdict"] == "fails"
