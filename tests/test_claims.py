"""Claim checker: the seed article's claims, every claim kind, errors with locations, the CLI."""

from __future__ import annotations

import json

import pytest

from batcalc.claims import check_file, check_inline, judge
from batcalc.errors import BatcalcError, SpecError


@pytest.fixture(scope="module")
def seed():
    _, verdicts = check_file("seed-article")
    return {v.id: v for v in verdicts}


def test_three_times_fails_and_needs_900(seed):
    v = seed["gac-three-times-same-weight"]
    assert v.status == "fails"
    assert v.details["ratio"] == pytest.approx(350 / 300)          # x1.167
    assert v.details["needed_b_density"].value == pytest.approx(900)  # 3 x 300 Wh/kg
    assert any("cycle life" in r for r in v.readings)               # the ambiguous reading is named


def test_llcb_charge_four_c_and_power_for_1000_km_pack(seed):
    v = seed["llcb-80-in-12-min"]
    assert v.status == "underdetermined" and "max charge C-rate" in v.missing[0]
    w = v.details["windows"]
    assert [x["c_rate"].value for x in w] == pytest.approx([4.0, 3.5])
    # P = dSoC x E / t, with E the pack that gives 1000 km in the mid-sedan (stated in the assumptions)
    pack = next(a for a in v.assumptions if a.startswith("pack sized for 1000 km in mid-sedan"))
    e_kwh = float(pack.split(": ")[1].split(" kWh")[0])
    assert w[0]["battery_power"].value == pytest.approx(0.8 * e_kwh / 0.2, rel=1e-3)


def test_llcb_range_underdetermined_names_missing_fact(seed):
    v = seed["llcb-1000-km"]
    assert v.status == "underdetermined" and v.missing == ["the pack energy"]
    assert "kWh gross" in v.would_take


def test_growth_holds(seed):
    v = seed["market-cagr"]
    # (116.23 / 1.95)^(1/6) - 1 = 0.9758
    assert v.status == "holds" and "97.6 %" in v.derived


def test_judge_qualifiers():
    assert judge(0.976, 0.98, "about", 0.05) == "holds"
    assert judge(900, 1000, "at-least", 0.05) == "fails"
    assert judge(960, 1000, "at-least", 0.05) == "holds"
    assert judge(1100, 1000, "at-most", 0.05) == "fails"


@pytest.mark.parametrize("kind, inputs, asserted, status, fragment", [
    # 73 % more energy per kg: 432 / 250 = 1.728
    ("ratio", {"a": "250 Wh/kg", "b": "432 Wh/kg"}, "73 %", "holds", "x1.728"),
    ("ratio", {"a": "250 Wh/kg", "b": "0.3 kWh/kg"}, "2", "fails", "x1.2"),
    # 800 cycles x 300 miles = 240,000 miles
    ("product", {"factors": "800 * 300 mi"}, "240000 mi", "holds", "240000 mi"),
    ("product", {"factors": "800 * 300 mi"}, "1000000 km", "fails", "386243"),
    # 75 kWh x 0.93 / 150 Wh/km = 465 km
    ("range", {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}, "465 km", "holds", "465 km"),
    ("range", {"pack_energy": "75 kWh"}, "600 km", "underdetermined", "not computable"),
    # 100 kWh x 0.93 / 600 km = 155 Wh/km
    ("consumption", {"pack_energy": "100 kWh", "range": "600 km"}, "155 Wh/km", "holds", "155 Wh/km"),
    # 10 min at 300 kW at the battery = 50 kWh; / 150 Wh/km = 333 km
    ("range-added", {"time": "10 min", "power": "300 kW", "consumption": "150 Wh/km"}, "400 km", "fails", "333.3 km"),
    ("charge", {"to_soc": "80 %", "time": "12 min", "pack_energy": "100 kWh"}, "400 kW", "holds", "400 kW"),
    ("charge", {"from_soc": "10 %", "to_soc": "80 %", "time": "12 min"}, "3.5 C", "holds", "3.5 C"),
    ("same-energy", {"a": "gac-aion-ssb-300", "b": "gac-aion-ssb-350"}, "14 %", "holds", "14.3 % lighter"),
    ("same-range", {"a": "gac-aion-ssb-300", "b": "gac-aion-ssb-350", "vehicle": "heavy-truck"}, "500 kg",
     "holds", "kg saved"),
    ("difference", {"a": "300 Wh/kg", "b": "350 Wh/kg"}, "50 Wh/kg", "holds", "50 Wh/kg"),
])
def test_kinds_inline(kind, inputs, asserted, status, fragment):
    v = check_inline(kind, inputs, asserted, "at-least" if kind == "same-range" else "about")
    assert v.status == status, (v.derived, v.would_take)
    assert fragment in v.derived
    if status == "fails":
        assert v.would_take and v.would_take != "holds as stated"


def test_inline_errors():
    with pytest.raises(BatcalcError, match="did you mean 'ratio'"):
        check_inline("ratoi", {}, "1")
    with pytest.raises(BatcalcError, match="unknown key 'inputs.c'; expected one of: a, b"):
        check_inline("ratio", {"a": "1 m", "b": "2 m", "c": "3"}, "2")
    with pytest.raises(BatcalcError, match="cannot be compared"):
        check_inline("ratio", {"a": "1 m", "b": "2 kg"}, "2")
    with pytest.raises(BatcalcError, match="is an angle to pint"):    # 800 cycles is not 800 x 2 pi
        check_inline("product", {"factors": "800 cycles * 300 mi"}, "240000 mi")
    with pytest.raises(BatcalcError, match="wrong dimension"):
        check_inline("range", {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}, "465 kg")


def test_claim_file_errors_are_located(write):
    path = write("claims.yaml", """
        kind: claims
        claims:
          - id: x
            quote: q
            kind: same-weight
            inputs: {a: gac-aion-ssb-300, b: no-such-cell}
            asserted: 3
        """)
    with pytest.raises(SpecError) as exc:
        check_file(path)
    assert (exc.value.line, exc.value.col) == (6, 38) and "no cell 'no-such-cell'" in str(exc.value)
    path = write("claims2.yaml", """
        kind: claims
        claims:
          - id: x
            quote: q
            kind: same-wieght
            asserted: 3
        """)
    with pytest.raises(SpecError, match=r"claims2.yaml:5:11: .*unknown claim kind 'same-wieght'; did you mean 'same-weight'"):
        check_file(path)


def test_check_cli_exit_codes(run, write):
    r = run("check", "seed-article")
    assert r.exit_code == 1 and "FAILS" in r.stdout and "UNDERDETERMINED" in r.stdout
    data = json.loads(run("check", "seed-article", "-f", "json").stdout)
    assert data["summary"] == {"holds": 4, "fails": 1, "underdetermined": 2}
    ok = write("ok.yaml", """
        kind: claims
        claims:
          - {id: a, quote: "73 % more energy per kilogram", kind: ratio, inputs: {a: 250 Wh/kg, b: 432 Wh/kg}, asserted: 73 %}
        """)
    assert run("check", ok).exit_code == 0
    r = run("claim", "growth", "start=1.95 billion yuan", "end=116.23 billion yuan", "start_year=2024",
            "end_year=2030", "--asserted", "98 %")
    assert r.exit_code == 0 and "HOLDS" in r.stdout
    r = run("claim", "same-weight", "a=gac-aion-ssb-300", "b=gac-aion-ssb-350", "--asserted", "3")
    assert r.exit_code == 1 and "900 Wh/kg" in r.stdout
    r = run("claim", "ratio", "a", "--asserted", "2")
    assert r.exit_code == 2 and "KEY=VALUE" in r.stderr


def test_claims_file_paths_and_error_locations(tmp_path, run, write):
    """Cells named by path are found beside the claims file; errors point at the bad key or value."""
    write("cell.yaml", """
        kind: cell
        id: mine
        name: Mine
        energy_density: {gravimetric: 600 Wh/kg}
        """)
    path = write("claims.yaml", """
        kind: claims
        claims:
          - id: x
            quote: q
            kind: same-weight
            inputs: {a: gac-aion-ssb-300, b: cell.yaml}
            asserted: 2
          - id: y
            quote: q
            kind: range
            inputs:
              pack_energy: 75 kWh
              consumption: 150 Wh/km
            asserted: 465 km
        """)
    r = run("check", path, "-f", "json")            # run from anywhere: cell.yaml is beside the claims
    assert r.exit_code == 0, r.stderr
    assert [v["verdict"] for v in json.loads(r.stdout)["verdicts"]] == ["holds", "holds"]
    typo = write("typo.yaml", open(path).read().replace("    asserted: 465 km", "    asserted: 465 km\n    qualifer: about"))
    with pytest.raises(SpecError, match=r"typo.yaml:15:5: unknown key 'claims.1.qualifer'; did you mean 'qualifier'"):
        check_file(typo)
    wrong = write("wrong.yaml", open(path).read().replace("150 Wh/km", "150 Wh/kg"))
    with pytest.raises(SpecError, match=r"wrong.yaml:13:20: claims.1.inputs.consumption: .*not a consumption"):
        check_file(wrong)
    missing = write("missing.yaml", open(path).read().replace("b: cell.yaml", "b: nothere.yaml"))
    with pytest.raises(SpecError, match=r"missing.yaml:6:38: .*nothere.yaml: no such file"):
        check_file(missing)


def test_catalogue_claims_listed(run):
    r = run("list", "--kind", "claim", "-f", "json")
    assert r.exit_code == 0 and [d["id"] for d in json.loads(r.stdout)] == ["seed-article"]
