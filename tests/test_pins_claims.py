"""Pinning tests of the claims layer (batcalc/claims/check.py, expr.py): each checks one thing a mutation
sample (``tools/mutation.py --modules check expr claim_bands``, docs/mutation.md) showed unpinned."""

from __future__ import annotations

import json
import re
import textwrap

import pytest

from batcalc.claims import expr


def value(text: str):
    """An expression's value (no references)."""
    return expr.evaluate(expr.parse(text), lambda *a: None)


# ------------------------------------------------------------------------------------ expressions

@pytest.mark.parametrize("text", ["75 kWh x 2", "75kWh x 2", "75 kWh × 2", "75 kWh · 2", "2 x 75 kWh",
                                  "75 kWh x (1 + 1)"])
def test_x_times_and_middle_dot_multiply_after_a_unit_too(text):
    # docs/claims.md: "+ - * / (also x, ×, · for times)"; '75 kWh x 2' was refused ("unexpected 'x'")
    q = value(text)
    assert q.to("kWh").magnitude == pytest.approx(75 * 2)


def test_an_x_inside_a_word_is_no_operator():
    with pytest.raises(expr.ExprError, match="unexpected 'xy'"):
        value("75 kWh xy 2")


def test_the_times_operator_after_a_number_is_at_its_own_column():
    toks = [(t.kind, t.text, t.col) for t in expr.tokenize("33 x 12")]
    assert toks[:3] == [("figure", "33", 1), ("op", "*", 4), ("figure", "12", 6)]


def test_a_sign_lends_no_nesting_depth_to_what_follows():
    deep = "(" * (expr.MAX_DEPTH + 1) + "1" + ")" * (expr.MAX_DEPTH + 1)
    assert value("-1 + " + "(" * expr.MAX_DEPTH + "1" + ")" * expr.MAX_DEPTH).magnitude == 0
    with pytest.raises(expr.ExprError, match="nesting too deep"):
        value("-1 + " + deep)


def test_zero_to_the_power_zero_is_one_and_only_negative_powers_of_zero_are_refused():
    assert value("0 ^ 0").magnitude == 1
    assert value("0 ^ 2").magnitude == 0
    with pytest.raises(expr.ExprError, match="zero to a negative power"):
        value("0 ^ -1")


def test_an_expression_claim_with_x_after_a_unit_holds_end_to_end(run, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(textwrap.dedent("""\
        kind: claims
        claims:
          - {id: two-packs, quote: "two 75 kWh packs", kind: expression, inputs: {expr: "75 kWh x 2"},
             asserted: 150 kWh}
        """), encoding="utf-8")
    r = run("check", str(path))
    assert r.exit_code == 0, r.output
    assert "HOLDS" in r.stdout


# ------------------------------------------------------------------------------------ evaluators

def test_same_energy_json_details_carry_the_mass_ratio_and_saving(run):
    r = run("claim", "same-energy", "a_density=300 Wh/kg", "b_density=350 Wh/kg", "--asserted", "14 %",
            "--format", "json")
    assert r.exit_code == 0, r.output
    details = json.loads(r.stdout)["verdicts"][0]["details"]
    assert details["mass_ratio"] == pytest.approx(300 / 350)
    assert details["saving"] == pytest.approx(1 - 300 / 350)


def test_range_added_at_a_peak_states_the_average_power_of_what_it_added(run):
    r = run("claim", "range-added", "time=12 min", "power=400 kW", "power_kind=peak", "pack_energy=133 kWh",
            "range=1000 km", "--asserted", "400 km", "--qualifier", "at-least")
    assert r.exit_code == 0, r.output
    m = re.search(r"for 12 min: ([0-9.]+) kWh added, ([0-9.]+) kW average", r.stdout)
    assert m, r.stdout
    added, average = float(m.group(1)), float(m.group(2))
    assert average == pytest.approx(added / (12 / 60), rel=2e-3)     # kWh over 0.2 h, to the 4 figures shown


def test_a_claims_file_s_refused_assumption_is_said_in_the_units_asked_for(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("kind: claims\nassumptions:\n  altitude: 0 to 20000 m\nclaims:\n"
                    "  - {id: x, quote: q, kind: ratio, inputs: {a: 1, b: 2}, asserted: 2}\n", encoding="utf-8")
    r = run("check", str(path), "--units", "imperial")
    assert r.exit_code == 2
    assert f"{20000 / 0.3048:.1f} ft" in r.stderr, r.stderr
    assert "20000 m" not in r.stderr


# ------------------------------------------------------------------------------------ claims over bands

RANGE_CLAIMS = """\
kind: claims
claims:
  - {id: at-most, quote: q, kind: range, inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}, asserted: 472 km,
     qualifier: at-most, tolerance: 0}
  - {id: at-least, quote: q, kind: range, inputs: {pack_energy: 75 kWh, consumption: 150 Wh/km}, asserted: 472 km,
     qualifier: at-least, tolerance: 0}
"""


@pytest.mark.parametrize("k, side", [(0, "at most"), (1, "at least")])
def test_a_band_s_decider_is_where_the_claim_turns_worked_by_hand(tmp_path, k, side):
    # R = E f_usable / c: 472 km needs f_usable = 472 km x 150 Wh/km / 75 kWh = 0.944; 'at most 472 km'
    # holds below it, 'at least 472 km' above
    from batcalc.claims.bands import check_file_bands
    from batcalc.spec.assumptions import plausible_ranges

    path = tmp_path / "r.yaml"
    path.write_text(RANGE_CLAIMS, encoding="utf-8")
    _, banded = check_file_bands(str(path), plausible_ranges())
    (decider,) = banded[k].deciders
    assert (decider.axis.id, decider.side, decider.status) == ("usable-fraction", side, "holds")
    assert decider.values == pytest.approx((472 * 150 / 75_000,), abs=1e-6)


def test_claims_over_bands_keep_their_sources(run):
    r = run("check", "seed-article", "--bands", "--format", "json")
    assert r.exit_code in (0, 1), r.output
    verdicts = json.loads(r.stdout)["verdicts"]
    assert verdicts and all(v["source_detail"] for v in verdicts if v["source"])
    assert any(v["source"] for v in verdicts)


@pytest.mark.parametrize("text", ["1,000 km x 2", "1,5 kWh"])
def test_a_comma_in_a_number_says_how_numbers_are_written(text):
    with pytest.raises(expr.ExprError, match=r"column 2: unexpected ',[05]+' \('\.' is the decimal point and a "
                                             r"number has no thousands separator"):
        expr.parse(text)


@pytest.mark.parametrize("holds_on, named", [
    # grid 0, 0.1, ..., 0.8 (central 0.4, where the claim fails); the stretch nearest the central value is named
    ([(0.05, 0.25), (0.45, 0.65)], (0.45, 0.65)),     # nearer by its start
    ([(0.05, 0.35), (0.55, 0.65)], (0.05, 0.35)),     # nearer by its end
    ([(0.45, 0.55), (0.65, 0.75)], (0.45, 0.55)),     # two stretches a failing point apart stay two
])
def test_of_several_stretches_where_a_claim_holds_the_nearest_is_named(holds_on, named):
    # _deciders looks at the verdict on 9 points of the axis and bisects each turn; here the verdict along
    # usable-fraction is made up: it holds inside the given intervals, fails elsewhere
    from types import SimpleNamespace

    from batcalc.claims.bands import _deciders
    from batcalc.physics.bands import Assumed, Axis

    axis = Axis("usable-fraction", 0.0, 0.4, 0.8)

    def verdict_at(a: Assumed):
        x = a["usable-fraction"]
        return SimpleNamespace(status="holds" if any(lo < x < hi for lo, hi in holds_on) else "fails")

    (decider,) = _deciders([SimpleNamespace(axis=axis)], Assumed(), "fails", verdict_at)
    assert (decider.side, decider.status) == ("between", "holds")
    assert decider.values == pytest.approx(named, abs=1e-5)


def test_a_stretch_reaching_the_axis_end_where_the_central_value_is_gives_its_start():
    # an axis whose central value is its high end (low <= central <= high allows it): the claim fails at the
    # low end and holds from 0.45 up to the central 0.8, so it holds if the assumption is at least 0.45
    from types import SimpleNamespace

    from batcalc.claims.bands import _deciders
    from batcalc.physics.bands import Assumed, Axis

    def verdict_at(a: Assumed):
        return SimpleNamespace(status="holds" if a["usable-fraction"] > 0.45 else "fails")

    (decider,) = _deciders([SimpleNamespace(axis=Axis("usable-fraction", 0.0, 0.8, 0.8))], Assumed(), "holds",
                           verdict_at)
    assert (decider.side, decider.status) == ("at least", "holds")
    assert decider.values == pytest.approx((0.45,), abs=1e-5)


# ------------------------------------------------------------------------------------ more evaluators

def _json_verdict(r) -> dict:
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)["verdicts"][0]


def test_a_cell_and_a_pack_level_spec_are_refused_as_not_comparable_in_one_line(run, tmp_path):
    pack = tmp_path / "p1.yaml"
    pack.write_text("kind: cell\nid: p1\nname: P1\nenergy_density: {level: pack, gravimetric: 180 Wh/kg}\n",
                    encoding="utf-8")
    r = run("claim", "same-energy", "a=gac-aion-ssb-300", f"b={pack}", "--asserted", "10 %")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == ["batcalc: error: inputs: gac-aion-ssb-300 is cell level and p1 is "
                                             "pack level: not comparable"]


@pytest.mark.parametrize("rating, names_none", [(["test_cycle=WLTP"], False), ([], True)])
def test_only_a_range_claim_without_a_test_cycle_says_it_names_none(run, rating, names_none):
    r = run("claim", "range", "pack_energy=75 kWh", "vehicle=mid-sedan", *rating, "--asserted", "500 km", "-f", "json")
    notes = _json_verdict(r)["assumptions"]
    assert any("names no test cycle" in n for n in notes) is names_none


def test_a_lifetime_claim_missing_its_range_says_what_is_missing_and_keeps_its_notes(run):
    r = run("claim", "lifetime", "cycles=1000", "--asserted", "400000 km", "-f", "json")
    v = _json_verdict(r)
    assert v["verdict"] == "underdetermined"
    assert v["would_take"] == "the range per charge ('range', or 'pack_energy' with a consumption or vehicle)"
    assert "no retention stated: no fade assumed (an upper bound)" in v["assumptions"]


def test_a_lifetime_claim_turns_at_the_retention_worked_by_hand(run, tmp_path):
    # 1000 cycles x 500 km x (1 + r) / 2 = 400,000 km at r = 2 x 400,000 / (1000 x 500) - 1 = 0.6
    cell = tmp_path / "life.yaml"
    cell.write_text("kind: cell\nid: life\nname: Life\ncycle_life: {cycles: 1000}\n", encoding="utf-8")
    r = run("claim", "lifetime", f"cell={cell}", "range=500 km", "--asserted", "400000 km", "-q", "at-least",
            "--tolerance", "0", "-f", "json")
    v = _json_verdict(r)
    assert v["verdict"] == "underdetermined"
    assert v["details"]["retention_turns"]["value"] == pytest.approx(100 * (2 * 400_000 / (1000 * 500) - 1), rel=1e-9)


def test_a_ratings_claim_on_a_cycle_id_names_that_cycle(run):
    r = run("claim", "ratings", "a=600 km", "a_cycle=wltp", "b_cycle=udds", "vehicle=mid-sedan", "--asserted",
            "700 km", "-f", "json")
    assert "a: 600 km on the WLTP rating (WLTC class 3b); asserted: the range on the udds" in \
        _json_verdict(r)["assumptions"]


@pytest.mark.parametrize("text, asserted, root", [("? ^ 3", "-8", -2.0), ("2 * ? ^ 3", "-16", -2.0),
                                                   ("? ^ -3", "-0.125", -2.0), ("? ^ 3", "27", 3.0)])
def test_an_odd_power_of_the_unknown_has_its_real_root(run, text, asserted, root):
    r = run("claim", "expression", f"expr={text}", "--asserted", asserted, "-f", "json")
    v = _json_verdict(r)
    assert v["derived"]["value"] == pytest.approx(root)


def test_an_even_power_of_the_unknown_cannot_be_negative(run):
    r = run("claim", "expression", "expr=? ^ 2", "--asserted", "-4")
    assert r.exit_code == 2
    assert "no real value of '?' gives this (an even power of it would be negative)" in r.stderr


def test_an_unknown_in_money_is_implied_in_money(run):
    r = run("claim", "expression", "expr=? * 2", "--asserted", "10 billion yuan", "-f", "json")
    v = _json_verdict(r)
    assert v["derived"]["value"] == pytest.approx(10e9 / 2)


def test_a_list_asserted_without_between_is_refused_at_its_place(run, tmp_path):
    path = tmp_path / "l.yaml"
    path.write_text("kind: claims\nclaims:\n  - {id: x, quote: q, kind: ratio, inputs: {a: 1, b: 2}, asserted: [1, 3],"
                    " qualifier: about}\n", encoding="utf-8")
    r = run("check", str(path))
    assert r.exit_code == 2
    assert r.stderr.strip() == (f"{path}:3:68: a list [low, high] is asserted only with qualifier 'between' "
                                f"(this claim's qualifier is 'about')")
