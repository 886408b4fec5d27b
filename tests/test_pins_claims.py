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


# ------------------------------------------------------------------------------------ a third sample (seed 15)

@pytest.mark.parametrize("asserted", ["0x", "0", "-100 %"])
def test_a_factor_of_zero_is_judged_not_refused(run, asserted):
    # 0 is the least factor of two densities ("-100 %" is x0 written as a change): judged, it fails, and no
    # density of b gives it; below 0 is refused (exit 2)
    r = run("claim", "same-volume", "a_density=600 Wh/L", "b_density=700 Wh/L", "--asserted", asserted)
    assert r.exit_code == 1, r.output
    assert "FAILS" in r.stdout and "no density of b gives x0" in r.stdout
    assert run("claim", "same-volume", "a_density=600 Wh/L", "b_density=700 Wh/L", "--asserted", "-0.01x"
               ).exit_code == 2


def _cell(tmp_path, name: str, densities: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"kind: cell\nid: {name}\nname: {name}\nenergy_density: {{level: cell, {densities}}}\n",
                    encoding="utf-8")
    return path


def test_a_same_volume_range_reading_gives_the_pack_mass_change_only_when_both_cells_have_a_mass_density(
        run, tmp_path):
    # at one pack volume, pack mass b / a = (rhoV_b / rho_b) / (rhoV_a / rho_a) = (700/350) / (600/250) = 0.8333
    a = _cell(tmp_path, "ca", "gravimetric: 250 Wh/kg, volumetric: 600 Wh/L")
    b = _cell(tmp_path, "cb", "gravimetric: 350 Wh/kg, volumetric: 700 Wh/L")
    v = _cell(tmp_path, "cv", "volumetric: 700 Wh/L")
    both = run("claim", "same-volume", f"a={a}", f"b={b}", "reading=range", "--asserted", "1.1x")
    assert both.exit_code == 1, both.output
    assert f"the pack mass changes x{(700 / 350) / (600 / 250):.4f}, so the consumption does too" in both.stdout
    for pair in ((f"a={a}", f"b={v}"), (f"a={v}", f"b={b}")):
        one = run("claim", "same-volume", *pair, "reading=range", "--asserted", "1.1x")
        assert one.exit_code == 1 and "Traceback" not in one.output, one.output
        assert "only at a fixed pack volume and a fixed consumption" in one.stdout
        assert "the pack mass changes" not in one.stdout


def test_what_an_uncomputable_range_claim_would_take_is_on_the_cycle_it_names(run):
    # no pack energy: the claim cannot be judged; what it would take is sized on the claim's cycle (UDDS),
    # not the vehicle's default, and is consistent: E = R c / f_usable and E = m x pack density
    phrases = {}
    for cycle in ("udds", None):
        r = run("claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", *([f"cycle={cycle}"] if cycle else []),
                "--asserted", "600 km", "--format", "json")
        assert r.exit_code == 0, r.output
        phrases[cycle] = json.loads(r.stdout)["verdicts"][0]["would_take"]
    m = re.search(r"on EPA UDDS \(udds\): a pack of ([0-9.]+) kWh gross, ([0-9.]+) kg of gac-aion-ssb-350 at 350 "
                  r"Wh/kg \(pack ([0-9.]+) Wh/kg\), at ([0-9.]+) Wh/km", phrases["udds"])
    assert m, phrases["udds"]
    energy, mass, pack_density, consumption = map(float, m.groups())
    assert energy == pytest.approx(600 * consumption / 0.93 / 1000, rel=2e-3)      # default usable fraction 93 %
    assert energy == pytest.approx(mass * pack_density / 1000, rel=2e-3)
    assert "udds" not in phrases[None] and phrases[None] != phrases["udds"]


def test_a_cell_s_charge_claim_is_graded_by_the_source_its_first_claim_cites(run, tmp_path):
    # the window and the time come from the cell's first charge claim: the evidence takes that claim's
    # source (a datasheet), not the second claim's (press)
    path = tmp_path / "cc.yaml"
    path.write_text(textwrap.dedent("""\
        kind: cell
        id: two-claims
        name: Two claims
        energy_density: {level: cell, gravimetric: 300 Wh/kg}
        charging:
          claims:
            - {from_soc: 10 %, to_soc: 80 %, time: 20 min, source: a-sheet}
            - {from_soc: 10 %, to_soc: 80 %, time: 15 min, source: b-press}
        sources:
          - {id: a-sheet, title: A datasheet, url: "https://example.com/a", grade: datasheet}
          - {id: b-press, title: B press, url: "https://example.com/b", grade: press}
        """), encoding="utf-8")
    r = run("claim", "charge", f"cell={path}", "pack_energy=75 kWh", "--asserted", "20 min")
    assert r.exit_code == 0, r.output
    assert "two-claims charge claim (datasheet)" in r.stdout, r.stdout


def test_an_even_power_of_the_unknown_may_give_zero_but_not_below(run):
    # 3 kWh x ?^2 = 0 kWh at ? = 0; = -3 kWh has no real '?'
    r = run("claim", "expression", "expr=3 kWh * ? ^ 2", "--asserted", "0 kWh", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["verdicts"][0]["derived"]["value"] == 0
    neg = run("claim", "expression", "expr=3 kWh * ? ^ 2", "--asserted", "-3 kWh")
    assert neg.exit_code == 2 and "an even power of it would be negative" in neg.stderr


def _written(n: int) -> str:
    """An expression of ``n`` written tokens: '1 + 1 + ...', with a leading '-' when n is even."""
    return ("- " if n % 2 == 0 else "") + " + ".join(["1"] * ((n + 1) // 2))


def test_an_expression_may_have_max_tokens_and_not_one_more():
    assert len([t for t in expr.tokenize(_written(expr.MAX_TOKENS)) if t.kind != "end"]) == expr.MAX_TOKENS
    assert value(_written(expr.MAX_TOKENS)).magnitude == expr.MAX_TOKENS // 2 - 2     # -1 + (ones - 1); MAX even
    with pytest.raises(expr.ExprError, match=f"expression too long \\(more than {expr.MAX_TOKENS} numbers"):
        expr.tokenize(_written(expr.MAX_TOKENS + 1))


def test_a_power_may_be_max_power_either_way_and_not_more():
    assert value(f"2 ^ {expr.MAX_POWER}").magnitude == 2 ** expr.MAX_POWER
    assert value(f"2 ^ -{expr.MAX_POWER}").magnitude == pytest.approx(2.0 ** -expr.MAX_POWER)
    with pytest.raises(expr.ExprError, match=f"power {expr.MAX_POWER + 1} is out of range"):
        value(f"2 ^ {expr.MAX_POWER + 1}")


@pytest.mark.parametrize("text, message", [
    ("2 ** ** 2", "column 6: a power is a whole number from -4 to 4, got '**'"),      # the second '**', at 6
    ("* 2", "column 1: expected a number, a reference or '(', got '*'"),              # no operand before '*'
    ("(1 (", "column 4: expected ')' to close the '(' of column 1, got '('"),
])
def test_an_operator_where_an_operand_or_a_close_is_expected_is_refused_at_its_column(text, message):
    with pytest.raises(expr.ExprError) as err:
        expr.parse(text)
    assert str(err.value) == message


def test_a_reference_keeps_its_cycle():
    assert expr.parse("mid-sedan.consumption@udds * 2").refs == [("mid-sedan", "consumption", "udds")]
    assert expr.parse("mid-sedan.consumption * 2").refs == [("mid-sedan", "consumption", None)]


def test_a_figure_s_error_says_what_is_wrong_with_it_at_its_column():
    with pytest.raises(expr.ExprError, match=r"^column 5: .*'foos'"):
        value("2 * 3 foos")


def test_an_expression_that_is_not_text_is_refused_naming_its_type():
    with pytest.raises(expr.ExprError, match="an expression is text, got int"):
        expr.parse(5)


@pytest.mark.parametrize("text, asserted", [("? ^ 3", "0.125"), ("? ^ 2", "0.25"), ("2 * ? ^ 2", "0.5"),
                                            ("? ^ -1", "2")])
def test_a_power_of_the_unknown_below_one_is_solved_for_its_real_root(run, text, asserted):
    # 0.5^3 = 0.125, 0.5^2 = 0.25, 2 x 0.5^2 = 0.5, 0.5^-1 = 2: '?' = 0.5 each time; a larger '?' gives a
    # larger figure for a positive power (so 'at least' the figure is 'at least 0.5'), a smaller one for -1;
    # 0.5 is the plausible range's low end, which is inside it
    r = run("claim", "expression", f"expr={text}", "--asserted", asserted, "-q", "at-least", "--plausible",
            "0.5 to 1", "--format", "json")
    assert r.exit_code == 0, r.output
    v = json.loads(r.stdout)["verdicts"][0]
    assert v["derived"]["value"] == pytest.approx(0.5)
    word = "at most" if text.endswith("-1") else "at least"
    assert f"would be {word} 0.5 (inside the plausible range 0.5 to 1)" in v["would_take"], v["would_take"]
    assert v["details"]["plausible"] is True


@pytest.mark.parametrize("time, above", [("15 min", False), ("14 min", True)])
def test_a_charge_window_at_the_rated_c_rate_is_not_above_it(run, tmp_path, time, above):
    # 0 -> 50 % in 15 min is 0.5 / 0.25 h = 2 C, the cell's rating: within it; in 14 min, 2.14 C is above it
    path = tmp_path / "rated.yaml"
    path.write_text("kind: cell\nid: rated\nname: Rated\nenergy_density: {level: cell, gravimetric: 300 Wh/kg}\n"
                    "charging: {max_c_rate: 2 C}\n", encoding="utf-8")
    r = run("claim", "charge", f"cell={path}", "pack_energy=75 kWh", "from_soc=0 %", "to_soc=50 %", f"time={time}",
            "--asserted", "2 C")
    assert r.exit_code in (0, 1), r.output
    assert ("above rated's rated max charge C-rate, 2 C" in r.stdout) is above, r.stdout
