"""Issue 13: expression claims, unknowns, qualifiers, the precision rule, zeros, JSON numbers, scale."""

from __future__ import annotations

import json
import math
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batcalc.claims import expr
from batcalc.claims.check import check_file, check_inline, stated_precision, tolerance_of
from batcalc.errors import BatcalcError, ClaimError, SpecError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def claims(tmp_path):
    """Write a claims file from the YAML of its claims list; return its path."""
    def _write(body: str, name: str = "c.yaml") -> str:
        path = tmp_path / name
        path.write_text("kind: claims\nclaims:\n" + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n",
                        encoding="utf-8")
        return str(path)
    return _write


# ------------------------------------------------------------------------- the issue's "judged by"

def test_the_issue_s_file_holds_and_is_underdetermined_with_the_baseline_in_json(run, claims):
    path = claims("""
        - id: cells-190
          quote: "75 kWh of cells at 400 Wh/kg weigh just under 190 kg"
          kind: expression
          inputs: {expr: "75 kWh / (400 Wh/kg)"}
          asserted: 190 kg
          qualifier: at-most
        - id: baseline
          quote: "900 Wh/L is a 40 % improvement"
          kind: ratio
          inputs: {a: "?", b: 900 Wh/L}
          asserted: "+40 %"
        """)
    r = run("check", path, "-f", "json")
    assert r.exit_code == 0, r.stderr
    v = {x["id"]: x for x in json.loads(r.stdout)["verdicts"]}
    assert v["cells-190"]["verdict"] == "holds"
    assert v["cells-190"]["derived"] == {"value": pytest.approx(75e3 / 400), "unit": "kg"}
    assert v["cells-190"]["claimed"] == {"value": 190, "unit": "kg"}
    assert v["baseline"]["verdict"] == "underdetermined"
    assert v["baseline"]["derived"] == {"value": pytest.approx(900 / 1.4), "unit": "Wh/L"}
    assert "642.9 Wh/L" in v["baseline"]["would_take"]


# --------------------------------------------------------------------------------- the grammar

@pytest.mark.parametrize("text, value, unit", [
    ("75 kWh / (400 Wh/kg)", 187.5, "kg"),
    ("75 kWh / 400 Wh/kg", 187.5, "kg"),            # a unit has no spaces: '400 Wh/kg' is one figure
    ("75 kWh/400 Wh/kg", 187.5, "kg"),
    ("33 x 12", 396, ""),
    ("2 * (3 + 4) - 1", 13, ""),
    ("-(2 km)^2 / 4 km", -1, "km"),
    ("(2 m)**2", 4, "m^2"),
    ("1.95 billion yuan * 2", 3.9e9, "yuan"),
    ("40 % * 100 kWh", 40, "kWh"),
    ("2^-2", 0.25, ""),
])
def test_expressions_evaluate_with_pint_dimensions(text, value, unit):
    from batcalc import units

    q = expr.evaluate(expr.parse(text), lambda *a: None)
    target = units.parse_unit(unit) if unit else units.parse_unit("")
    assert float(q.to(target).magnitude) == pytest.approx(value)


@pytest.mark.parametrize("text, message", [
    ("3 * (4 + ", "column 10: the expression ends where a number or '(' is expected"),
    ("(1 + 2", "column 7: expected ')' to close the '(' of column 1"),
    ("2 ^ 5", "column 5: power 5 is out of range (at most 4 either way)"),
    ("2 ^ 1.5", "column 5: a power is a whole number from -4 to 4, got '1.5'"),
    ("75 kWh + 3 kg", "column 8: cannot add a mass to an energy"),
    ("1 / 0", "column 3: division by zero"),
    ("2 3", "column 3: unexpected '3' (an operator is missing?)"),
    ("__import__('os')", "column 1: unexpected"),
    ("open", "column 1: unexpected 'open' (a reference is spec-id.figure, e.g. tesla-4680.energy)"),
    ("? * ?", "at most one '?' in an expression"),
    ("((((((((1))))))))", "column 7: nesting too deep (more than 6 levels)"),
    ("1 + " * 60 + "1", "expression too long"),
    ("1" * 201, "expression too long (201 characters, at most 200)"),
    ("3 furlongs_per_blah", "column 1:"),
])
def test_malformed_expressions_are_one_line_errors_with_a_column(text, message):
    with pytest.raises(expr.ExprError) as exc:
        expr.evaluate(expr.parse(text), lambda *a: None)
    assert message in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("text, col, written", [
    ("75 kWh x x 2", 10, "x"),          # the second x, a times sign too, where a number is wanted
    ("2 * x 3", 5, "x"),
    ("(x 2)", 2, "x"),
    ("33 x x 2", 6, "x"),               # the x a figure's text ends with ('33 x') is split off first
    ("2 ^ x 3", 5, "x"),
    ("75 kWh × × 2", 10, "×"),
    ("2 ** ** 3", 6, "**"),
])
def test_an_error_at_a_times_or_power_sign_quotes_it_as_written(run, text, col, written):
    """'x', '×' and '·' are read as '*' and '**' as '^'; an error at one said "got '*'" (or '^'), a sign the
    expression does not hold. The column is the sign's own: text[col - 1:] starts with it."""
    assert text[col - 1:].startswith(written)
    with pytest.raises(expr.ExprError) as exc:
        expr.parse(text)
    assert str(exc.value).startswith(f"column {col}: ") and str(exc.value).endswith(f"got {written!r}")
    r = run("claim", "expression", f"expr={text}", "--asserted", "150 kWh")
    assert r.exit_code == 2 and f"got {written!r} in {text!r}" in r.stderr


def test_expression_errors_in_a_file_are_located_and_name_the_column(claims):
    path = claims("""
        - id: e
          quote: "x"
          kind: expression
          inputs: {expr: "75 kWh / (400 Wh/kg"}
          asserted: 190 kg
        """)
    with pytest.raises(SpecError) as exc:
        check_file(path)
    assert re.fullmatch(r".*c\.yaml:6:20: column 20: expected '\)' to close the '\(' of column 10 in "
                        r"'75 kWh / \(400 Wh/kg'", str(exc.value))


def test_the_dimension_of_the_expression_must_be_the_asserted_one():
    with pytest.raises(ClaimError, match="'190 kWh' is an energy but '75 kWh / \\(400 Wh/kg\\)' is a mass"):
        check_inline("expression", {"expr": "75 kWh / (400 Wh/kg)"}, "190 kWh")


# ----------------------------------------------------------------------------- spec references

def test_references_take_catalogue_figures_and_list_them_with_their_grade():
    from batcalc.physics.cells import load_cell

    e = load_cell("tesla-4680").get("energy")
    v = check_inline("expression", {"expr": "960 * tesla-4680.energy"}, f"{960 * e / 3.6e6:.2f} kWh")
    assert v.status == "holds" and v.derived.si == pytest.approx(960 * e / 3.6e6)
    from batcalc.report.claims import verdict_texts

    notes = " ".join(verdict_texts(v)["assumptions"])
    assert "tesla-4680.energy = " in notes and "(press" in notes or "(datasheet" in notes


def test_a_vehicle_consumption_on_a_named_cycle_is_the_simulated_one():
    from batcalc.claims.check import Context, _vehicle_consumption
    from batcalc.physics.vehicle import load_vehicle

    c_udds = _vehicle_consumption(load_vehicle("mid-sedan"), "udds", None)[0]
    c_wltp = _vehicle_consumption(load_vehicle("mid-sedan"), "wltp", None)[0]
    assert c_udds != c_wltp
    for cycle, c in (("udds", c_udds), ("wltp", c_wltp)):
        v = check_inline("expression", {"expr": f"mid-sedan.consumption@{cycle} * 100 km"}, "10 kWh")
        assert v.derived.si == pytest.approx(c * 100e3 / 3.6e6)
    assert Context  # the cache lives on the context (see test_checking_is_cached_per_vehicle_and_cycle)


@pytest.mark.parametrize("text, message", [
    ("tesla-4680.density", "unknown figure 'density'; figures: nominal_voltage"),
    ("tesla-4680.energy@wltp", "only vehicle figures take one"),
    ("no-such-cell.energy", "no cell 'no-such-cell' in the catalogue"),
    ("mid-sedan.consumption@warp", "warp"),
])
def test_bad_references_are_clear_errors(text, message):
    with pytest.raises(BatcalcError, match=re.escape(message)):
        check_inline("expression", {"expr": text}, "1 kWh")


# ------------------------------------------------------------------------------------ unknowns

def test_an_unknown_in_an_expression_is_solved_for():
    v = check_inline("expression", {"expr": "75 kWh / ?"}, "190 kg")
    assert v.status == "underdetermined"
    assert v.derived.dim == "specific_energy" and v.derived.si == pytest.approx(75 * 3.6e6 / 190)
    v = check_inline("expression", {"expr": "(? / 2)^2"}, "16 m^2")
    assert v.derived.si == pytest.approx(8.0)
    with pytest.raises(ClaimError, match="not in a sum"):
        check_inline("expression", {"expr": "? + 5 kWh"}, "10 kWh")


def test_a_solved_money_figure_is_shown_in_the_claim_s_words(run, claims):
    """An expression's '?' of money was shown in pint's unit and scientific notation ('? = 2.500e+09 CNY' for
    '10 billion yuan'), where the figure an expression comes out at is shown in the claim's counting word and
    unit ('2.5 billion yuan'); so is a solved '?' now, the plausible range's text beside it alike."""
    import json

    # '? * 4' about 10 billion yuan: ? = 10e9 / 4 = 2.5e9 yuan, 2.5 billion; '3 * ? / 2' about 1.2 million
    # USD: ? = 1.2e6 * 2 / 3 = 8e5 USD, 0.8 million
    for expression, asserted, number, words in (("? * 4", "10 billion yuan", 2.5e9, "2.5 billion yuan"),
                                                ("3 * ? / 2", "1.2 million USD", 8e5, "0.8 million USD")):
        out = run("claim", "expression", f"expr={expression}", "--asserted", asserted)
        assert out.exit_code == 0, out.stderr
        assert f"? = {words} " in out.stdout and f"the figure left as '?' would be {words}\n" in out.stdout
        assert "e+0" not in out.stdout
        data = json.loads(run("claim", "expression", f"expr={expression}", "--asserted", asserted, "-f", "json").stdout)
        (verdict,) = data["verdicts"]
        assert verdict["derived"]["value"] == pytest.approx(number, rel=1e-12)
        assert verdict["derived"]["unit"] == asserted.split()[-1]      # the unit written, as a derived figure's
        assert verdict["derived_text"] == f"? = {words}"
    path = claims("""
        - id: half
          quote: q
          kind: expression
          inputs: {expr: "? * 4"}
          asserted: 10 billion yuan
          plausible: [1 billion yuan, 3 billion yuan]
    """)
    out = run("check", path)
    assert "would be 2.5 billion yuan (inside the plausible range 1 billion yuan to 3 billion yuan)" in out.stdout


@pytest.mark.parametrize("inputs, asserted, number, unit", [
    ({"a": "?", "b": "900 Wh/L"}, "+40 %", 900 / 1.4, "Wh/L"),
    ({"a": "900 Wh/L", "b": "?"}, "1.5", 1350, "Wh/L"),
])
def test_ratio_unknowns(inputs, asserted, number, unit):
    v = check_inline("ratio", inputs, asserted)
    assert v.status == "underdetermined" and v.derived.si == pytest.approx(number) and v.derived.unit == unit


def test_difference_unknowns_and_the_plausible_range(claims):
    path = claims("""
        - id: d
          quote: "x"
          kind: difference
          inputs: {a: "?", b: 350 Wh/kg}
          asserted: 50 Wh/kg
          plausible: [310 Wh/kg, 400 Wh/kg]
        """)
    (v,) = check_file(path)[1]
    assert v.status == "underdetermined" and v.derived.si == pytest.approx(300)
    assert v.details["plausible"] is False
    from batcalc.report.claims import verdict_texts

    assert "OUTSIDE the plausible range" in verdict_texts(v)["would_take"]


# -------------------------------------------------------------------- qualifiers and precision

@pytest.mark.parametrize("raw, number, half", [
    ("190 kg", 190, 0.5), ("3.5 %", 3.5, 0.05), ("+40 %", 40, 0.5), ("1e3 km", 1000, 500), (3.0, 3, 0.5),
    (1.167, 1.167, 0.0005), ("12.", 12, 0.5), ("x", None, None),
])
def test_stated_precision(raw, number, half):
    got = stated_precision(raw)
    assert got == (None if number is None else (pytest.approx(number), pytest.approx(half)))


@pytest.mark.parametrize("b, qualifier, status", [
    ("190.4 kg", "at-most", "holds"), ("190.6 kg", "at-most", "fails"),
    ("190.6 kg", "under", "fails"), ("189.6 kg", "at-least", "holds"), ("189.4 kg", "over", "fails"),
    ("199 kg", "about", "holds"), ("200 kg", "about", "fails"),       # about: 5 % (the default) of 190 kg
    ("199 kg", "up-to", "holds"), ("150 kg", "up-to", "holds"), ("200 kg", "up-to", "fails"),
])
def test_qualifiers_with_the_precision_stated(b, qualifier, status):
    assert check_inline("expression", {"expr": b}, "190 kg", qualifier).status == status


@pytest.mark.parametrize("b, status", [("103.4", "holds"), ("102.6", "holds"), ("103.6", "fails"),
                                       ("102.4", "fails")])
def test_a_rounded_percentage_change_is_judged_in_percentage_points(b, status):
    """'+3 %' covers +2.5 % to +3.5 % (half a unit in the last digit), not 3 % +- 5 % of 3 %."""
    assert check_inline("ratio", {"a": "100 kWh", "b": f"{b} kWh"}, "+3 %").status == status


def test_a_given_tolerance_replaces_the_rule():
    assert check_inline("expression", {"expr": "199 kg"}, "190 kg", "about", "1 %").status == "fails"
    claim = type("C", (), {"tolerance": None, "asserted": "190 kg", "qualifier": "at-most", "kind": "expression"})
    assert tolerance_of(claim)[0] == pytest.approx(0.5 / 190)


@pytest.mark.parametrize("asserted, status", [("300 mi to 400 mi", "fails"), ("250 mi to 300 mi", "holds"),
                                              ("465 km to 500 km", "holds"), ("466 km to 500 km", "fails")])
def test_between(asserted, status):
    v = check_inline("range", {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}, asserted, "between")
    assert v.status == status and v.qualifier == "between"


def test_between_needs_two_figures_in_order(claims):
    with pytest.raises(ClaimError, match="'LOW to HIGH'"):
        check_inline("range", {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}, "300 mi", "between")
    with pytest.raises(ClaimError, match="the low figure is above the high one"):
        check_inline("range", {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}, "400 mi to 300 mi", "between")


# --------------------------------------------------------------- shown as written, zeros, JSON

def test_the_claimed_value_keeps_the_user_s_unit_in_every_format_and_system(run):
    for system in ("metric", "imperial"):
        r = run("claim", "range", "pack_energy=75 kWh", "consumption=150 Wh/km", "--asserted", "75 mi",
                "--units", system, "-f", "json")
        v = json.loads(r.stdout)["verdicts"][0]
        assert v["claimed"] == {"value": 75, "unit": "mi"} and v["claimed_text"] == "about 75 mi"
        assert v["needed"]["unit"] == "kWh" and v["derived"]["unit"] == ("km" if system == "metric" else "mi")
        table = run("claim", "range", "pack_energy=75 kWh", "consumption=150 Wh/km", "--asserted", "75 mi",
                    "--units", system).stdout
        assert "about 75 mi" in table


def test_counts_currencies_and_large_ratios_print_as_written():
    from batcalc.report.claims import verdict_texts

    v = check_inline("product", {"factors": "33 * 12 USD"}, "400 USD")
    t = verdict_texts(v)
    assert t["claimed"] == "about 400 USD" and t["derived"] == "396 USD" and "33 x 12 USD" in t["assumptions"]
    v = check_inline("ratio", {"a": "0.3 GWh", "b": "40 GWh"}, "+13000 %")
    assert verdict_texts(v)["derived"] == "x133"


ZERO_CLAIMS = [
    ("ratio", {"a": "5 kWh", "b": "0 kWh"}, "0"),
    ("product", {"factors": "0 * 5 kWh"}, "10 kWh"),
    ("product", {"factors": "33 * 12"}, "0"),
    ("same-weight", {"a_density": "300 Wh/kg", "b_density": "350 Wh/kg"}, "0"),
    ("same-energy", {"a_density": "300 Wh/kg", "b_density": "350 Wh/kg"}, "0"),
    ("growth", {"start": "1 USD", "end": "2 USD", "start_year": "2020", "end_year": "2021"}, "0 %"),
    ("range", {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}, "0 km"),
    ("consumption", {"pack_energy": "75 kWh", "range": "400 km"}, "0 Wh/km"),
    ("range-added", {"time": "10 min", "power": "100 kW", "consumption": "150 Wh/km"}, "0 km"),
    ("charge", {"to_soc": "80 %", "time": "10 min", "pack_energy": "75 kWh"}, "0 kW"),
    ("charge", {"to_soc": "80 %", "time": "10 min", "pack_energy": "75 kWh"}, "0 C"),
    ("difference", {"a": "300 Wh/kg", "b": "350 Wh/kg"}, "0 Wh/kg"),
    ("expression", {"expr": "0 kWh / (400 Wh/kg)"}, "0 kg"),
    ("expression", {"expr": "5 kg"}, "0 kg"),
]


@pytest.mark.parametrize("kind, inputs, asserted", ZERO_CLAIMS, ids=[f"{k}-{a}" for k, _, a in ZERO_CLAIMS])
def test_asserted_zeros_and_zero_factors_give_a_verdict(kind, inputs, asserted, run):
    v = check_inline(kind, inputs, asserted)
    assert v.status in ("holds", "fails")
    args = [f"{k}={x}" for k, x in inputs.items()]
    r = run("claim", kind, *args, "--asserted", asserted, "-f", "json")
    assert r.exit_code in (0, 1), r.stderr
    out = json.loads(r.stdout)["verdicts"][0]
    assert out["claimed"] is not None and out["verdict"] == v.status


def test_zero_claims_that_are_true_hold_and_false_ones_fail():
    assert check_inline("expression", {"expr": "0.4 kg"}, "0 kg").status == "holds"    # within half a unit
    assert check_inline("expression", {"expr": "0.6 kg"}, "0 kg").status == "fails"
    assert check_inline("charge", {"to_soc": "80 %", "time": "10 min", "pack_energy": "75 kWh"},
                        "0 C").status == "fails"


@pytest.mark.parametrize("kind, inputs, asserted", [
    ("range", {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}, "300 km"),
    ("product", {"factors": "33 * 12"}, "500"),
    ("ratio", {"a": "100 Wh/kg", "b": "150 Wh/kg"}, "3"),          # "2" would cover 1.5-2.5
    ("growth", {"start": "1 USD", "end": "2 USD", "start_year": "2020", "end_year": "2021"}, "50 %"),
    ("expression", {"expr": "75 kWh / (400 Wh/kg)"}, "150 kg"),
    ("consumption", {"pack_energy": "75 kWh", "range": "400 km"}, "150 Wh/km"),
])
def test_json_gives_claimed_and_derived_as_numbers_with_units(kind, inputs, asserted, run):
    r = run("claim", kind, *[f"{k}={x}" for k, x in inputs.items()], "--asserted", asserted, "-f", "json")
    v = json.loads(r.stdout)["verdicts"][0]
    assert v["verdict"] == "fails"
    for key in ("claimed", "derived"):
        assert isinstance(v[key]["value"], (int, float)) and isinstance(v[key]["unit"], str), key


# --------------------------------------------------------------------------------------- scale

def test_ten_thousand_claims_are_accepted_and_other_spec_files_keep_their_limits(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import claims_scale
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    path = claims_scale.write_file(tmp_path, 10_000)
    _, verdicts = check_file(str(path))
    assert len(verdicts) == 10_000
    from batcalc.io.yamlfile import MAX_NODES
    from batcalc.spec.model import load_spec

    big = tmp_path / "cell.yaml"
    big.write_text("kind: cell\nid: x\nnotes: [" + ", ".join(["a"] * (MAX_NODES + 10)) + "]\n", encoding="utf-8")
    with pytest.raises(SpecError, match="too many YAML nodes"):
        load_spec(str(big), expect="cell")


def test_checking_is_cached_per_vehicle_and_cycle(claims, monkeypatch):
    import batcalc.claims.check as check

    calls = []
    real = check._vehicle_consumption
    monkeypatch.setattr(check, "_vehicle_consumption", lambda *a: calls.append(a[1:]) or real(*a))
    body = "".join(f"""
        - id: r{i}
          quote: "x"
          kind: range
          inputs: {{pack_energy: {50 + i} kWh, vehicle: mid-sedan, cycle: {"udds" if i % 2 else "wltp"}}}
          asserted: 400 km
        """ for i in range(20))
    check_file(claims(body))
    assert sorted(calls) == [("udds", None), ("wltp", None)]


# ---------------------------------------------------------------------------------------- volume

def test_same_volume_is_the_ratio_of_volumetric_densities_and_states_its_conditions():
    from batcalc.physics.cells import load_cell
    from batcalc.report.claims import verdict_texts

    a, b = load_cell("tesla-4680"), load_cell("quantumscape-qse-5")
    v = check_inline("same-volume", {"a": "tesla-4680", "b": "quantumscape-qse-5", "reading": "range"}, "+30 %")
    assert v.derived.si == pytest.approx(b.get("volumetric") / a.get("volumetric")) and v.status == "holds"
    reading = verdict_texts(v)["readings"][-1]
    mass = (b.get("volumetric") / b.get("gravimetric")) / (a.get("volumetric") / a.get("gravimetric"))
    assert "only at a fixed pack volume and a fixed consumption" in reading
    assert f"x{mass:.4g}" in reading
    assert check_inline("same-volume", {"a_density": "600 Wh/L", "b_density": "900 Wh/L"}, "2.0").status == "fails"


@pytest.mark.parametrize("asserted, status", [("37 %", "holds"), ("0.37", "holds"), ("20 %", "fails")])
def test_same_energy_in_less_space(asserted, status):
    v = check_inline("same-energy-volume", {"a_density": "600 Wh/L", "b_density": "950 Wh/L"}, asserted)
    assert v.derived.si == pytest.approx(1 - 600 / 950) and v.status == status


def test_volume_claims_need_volumetric_figures():
    # a cell that publishes no volumetric density is a missing fact: underdetermined, naming it
    v = check_inline("same-volume", {"a": "tesla-4680", "b": "catl-condensed"}, "1.2")
    assert (v.status, v.missing) == ("underdetermined", ["catl-condensed's volumetric energy density (the cell "
                                                         "publishes none)"])
    with pytest.raises(ClaimError, match="is not a volumetric energy density|energy_density|Wh/L"):
        check_inline("same-volume", {"a_density": "600 Wh/kg", "b_density": "900 Wh/L"}, "1.5")


def test_bare_counts_are_accepted_by_every_figure_input(claims):
    path = claims("""
        - {id: r, quote: x, kind: ratio, inputs: {a: 33, b: 66}, asserted: 2}
        - {id: d, quote: x, kind: difference, inputs: {a: 33, b: 66}, asserted: 33}
        - {id: g, quote: x, kind: growth, inputs: {start: 100, end: 200, start_year: 2020, end_year: 2021},
           asserted: 100 %}
        - {id: p, quote: x, kind: product, inputs: {factors: [33, 12]}, asserted: 396}
        - {id: e, quote: x, kind: expression, inputs: {expr: "33 x 12"}, asserted: 396}
        """)
    from batcalc.report.claims import verdict_texts

    _, verdicts = check_file(path)
    assert [v.status for v in verdicts] == ["holds"] * 5
    texts = [verdict_texts(v) for v in verdicts]
    assert texts[0]["assumptions"][0] == "a = 33, b = 66" and texts[1]["claimed"] == "about 33"
    assert texts[3]["assumptions"][0] == "33 x 12" and texts[3]["derived"] == "396"


# ------------------------------------------------------------------------------ evidence ledger

def test_the_ledger_lists_grades_and_warns_when_only_press_and_assumptions(claims, run):
    from batcalc.claims.check import weakest_evidence
    from batcalc.physics.cells import load_cell

    path = claims("""
        - id: pressed
          quote: "x"
          source: news
          kind: same-weight
          inputs: {a: gac-aion-ssb-300, b_density: 350 Wh/kg}
          asserted: 1.2
        - id: sheet
          quote: "x"
          source: sheet
          kind: ratio
          inputs: {a: 300 Wh/kg, b: 350 Wh/kg}
          asserted: 1.2
        - id: expr
          quote: "x"
          kind: expression
          inputs: {expr: "mid-sedan.consumption@udds * 100 km"}
          asserted: 10 kWh
        """)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("sources:\n  - {id: news, title: t, url: 'https://example.com/a', grade: press}\n"
                 "  - {id: sheet, title: t, url: 'https://example.com/b', grade: datasheet}\n")
    _, (pressed, sheet, ex) = check_file(path)
    grade = load_cell("gac-aion-ssb-300").figures["gravimetric"].grade
    assert pressed.evidence == [("the claim's own figures", "press"),
                                ("gac-aion-ssb-300 gravimetric energy density", grade)]
    assert weakest_evidence(pressed.evidence) == "rests on press-grade figures only"
    assert sheet.evidence == [("the claim's own figures", "datasheet")] and weakest_evidence(sheet.evidence) is None
    assert ("mid-sedan consumption on the cycle, with the reference pack", "assumption") in ex.evidence
    assert weakest_evidence(ex.evidence) == "rests on assumptions and unsourced figures only"
    data = json.loads(run("check", path, "-f", "json").stdout)["verdicts"]
    assert data[0]["evidence_warning"] == "rests on press-grade figures only"
    assert data[1]["evidence"] == [{"figure": "the claim's own figures", "grade": "datasheet"}]


# ------------------------------------------------------------------------------------ lifetime

def test_lifetime_distance_is_the_mean_of_a_linear_fade():
    from batcalc.physics.energy import lifetime_distance

    assert lifetime_distance(1000, 500e3, 0.8) == pytest.approx(1000 * 500e3 * 0.9)
    assert lifetime_distance(1000, 500e3, 1.0) == pytest.approx(1000 * 500e3)
    with pytest.raises(BatcalcError):
        lifetime_distance(1000, 500e3, 0)


def test_lifetime_claims_carry_the_retention_into_the_range():
    v = check_inline("lifetime", {"cycles": "1000", "retention": "80 %", "range": "500 km"}, "450000 km")
    assert v.status == "holds" and v.derived.si == pytest.approx(450e6)
    v = check_inline("lifetime", {"cycles": "1000", "retention": "80 %", "range": "500 km"}, "1000000 km",
                     "at-least")
    assert v.status == "fails" and v.needed.si == math.ceil(1e9 / (500e3 * 0.9))   # 2222.2: 2223 whole cycles
    v = check_inline("lifetime", {"cycles": "1000", "range": "500 km"}, "500000 km")
    assert v.status == "holds"                  # no retention stated: no fade (an upper bound, said in the notes)
    v = check_inline("lifetime", {"range": "500 km"}, "1 million km")
    assert v.status == "underdetermined" and "cycle life" in v.missing[0]
    assert v.claimed.si == 1e6 and v.claimed.unit == "km"


# ------------------------------------------------------------------------------- hostile input

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.eE+-*/^()x? kWhgLm%@.abcdefz", max_size=80))
def test_any_text_is_an_expression_or_a_one_line_error(text):
    """No text reaches an internal error: it parses and evaluates, or is a one-line ExprError
    (references resolve to 1 J here)."""
    from batcalc import units

    try:
        parsed = expr.parse(text)
        expr.evaluate(parsed, lambda *a: units.Q_(1.0, "J"), units.Q_(2.0, "dimensionless"))
    except BatcalcError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize("text", ["(((1e18^4)^4)^4)^4", " * ".join(["1e18"] * 18)])
def test_overflow_is_a_located_error(text):
    with pytest.raises(expr.ExprError, match="out of range"):
        expr.evaluate(expr.parse(text), lambda *a: None)


def test_ratio_and_difference_take_spec_references():
    from batcalc.physics.cells import load_cell

    a, b = load_cell("samsung-inr21700-50e").get("energy"), load_cell("tesla-4680").get("energy")
    v = check_inline("ratio", {"a": "samsung-inr21700-50e.energy", "b": "tesla-4680.energy"}, "5")
    assert v.derived.si == pytest.approx(b / a)
    assert ("samsung-inr21700-50e energy", load_cell("samsung-inr21700-50e").figures["energy"].grade) in v.evidence
    v = check_inline("difference", {"a": "tesla-4680.volumetric", "b": "?"}, "200 Wh/L")
    assert v.derived.unit == "Wh/L" and v.derived.si == pytest.approx(load_cell("tesla-4680").get("volumetric")
                                                                      / 3.6e6 + 200)
    with pytest.raises(ClaimError, match="the dimensions differ"):
        check_inline("ratio", {"a": "tesla-4680.energy", "b": "300 kg"}, "5")


@pytest.mark.parametrize("inputs, asserted, text, si", [
    # energy per distance is a consumption, not a force: 75 kWh / 500 km = 150 Wh/km (540 N)
    ({"expr": "75 kWh / ?"}, "500 km", "? = 150 Wh/km", 75e3 * 3600 / 500e3),
    # a length of a metre or more is a distance: 500 km / 2 = 250 km, not 250000000 mm
    ({"expr": "? * 2"}, "500 km", "? = 250 km", 250e3),
    # a cell's dimension stays in mm: 50 mm / 2
    ({"expr": "? * 2"}, "50 mm", "? = 25 mm", 0.025),
])
def test_an_implied_figure_is_shown_in_the_unit_of_what_it_is(inputs, asserted, text, si):
    from batcalc.report.claims import verdict_texts

    v = check_inline("expression", inputs, asserted)
    assert verdict_texts(v)["derived"] == text
    assert v.derived.si == pytest.approx(si)


def test_a_consumption_figure_input_is_compared_in_wh_per_km_and_listed_once():
    """'a = mid-sedan.consumption@wltp, b = 150 Wh/km, about 10 Wh/km apart' showed its difference as
    '118.6 N' and its would-take as 'b = 457.4 N' (J/m read as a force), without the simulated value; a
    '?' times a consumption listed the consumption twice (the '?' is solved by evaluating twice)."""
    from batcalc.claims.check import _vehicle_consumption
    from batcalc.physics.vehicle import load_vehicle
    from batcalc.report.claims import verdict_texts

    c = _vehicle_consumption(load_vehicle("mid-sedan"), "wltp", None)[0] / 3.6      # Wh/km
    v = check_inline("difference", {"a": "mid-sedan.consumption@wltp", "b": "150 Wh/km"}, "10 Wh/km")
    texts = verdict_texts(v)
    assert texts["derived"] == f"{150 - c:.4g} Wh/km" and texts["would_take"] == f"b = {c + 10:.4g} Wh/km"
    assert sum(f"mid-sedan.consumption = {c:.4g} Wh/km" in t for t in texts["assumptions"]) == 1
    u = check_inline("expression", {"expr": "mid-sedan.consumption@udds * ?"}, "75 kWh")
    notes = verdict_texts(u)["assumptions"]
    assert sum(t.startswith("mid-sedan.consumption = ") for t in notes) == 1
    c_udds = _vehicle_consumption(load_vehicle("mid-sedan"), "udds", None)[0]
    assert u.derived.si == pytest.approx(75e3 * 3600 / c_udds) and verdict_texts(u)["derived"].endswith(" km")


def test_a_vehicle_consumption_in_an_expression_warns_when_the_motor_cannot_follow_the_cycle():
    """heavy-truck.consumption@wltp: the 40 t truck's 600 kW motor cannot give what WLTC asks; the
    expression's consumption assumes it does, and now says so, as batcalc range does."""
    from batcalc.physics.vehicle import load_vehicle
    from batcalc.report.claims import verdict_texts

    truck = load_vehicle("heavy-truck")
    peak, over = truck.consumption_model("wltc-3b").motor_demand(truck.total_mass(3900.0))
    assert peak > 600e3 and over > 0
    v = check_inline("expression", {"expr": "heavy-truck.consumption@wltp * 100 km"}, "150 kWh")
    notes = verdict_texts(v)["assumptions"]
    assert any(t.startswith("warning: heavy-truck cannot follow WLTC class 3b") for t in notes)
    own = check_inline("expression", {"expr": "heavy-truck.consumption * 100 km"}, "150 kWh")
    assert not any("warning" in t for t in verdict_texts(own)["assumptions"])


@pytest.mark.parametrize("written", ["1.95 billion yuan", "1.95billion yuan", "1.95 Billion yuan", "1.95 BILLION yuan"])
def test_counting_words_read_alike_in_figures_and_expressions(written):
    """Counting words were read by two parsers: a claim's figures took 'Billion' but not '1.95billion', an
    expression the reverse. One reader (batcalc.claims.expr.counted) now serves both:
    116.23e9 - 1.95e9 = 114.28e9 yuan (by hand), shown in the claim's counting word."""
    from batcalc.report.claims import verdict_texts

    assert expr.counted(written) == f"{1.95e9!r} yuan"
    d = check_inline("difference", {"a": written, "b": "116.23 billion yuan"}, "114.28 billion yuan")
    e = check_inline("expression", {"expr": f"116.23 billion yuan - {written}"}, "114.28 billion yuan")
    for v in (d, e):
        assert v.status == "holds" and v.derived.si == pytest.approx(114.28e9)
        assert verdict_texts(v)["derived"] == "114.3 billion yuan"


def test_the_same_reference_on_both_sides_is_listed_once():
    from batcalc.report.claims import verdict_texts

    v = check_inline("ratio", {"a": "tesla-4680.energy", "b": "tesla-4680.energy"}, "1")
    assert sum(t.startswith("tesla-4680.energy = ") for t in verdict_texts(v)["assumptions"]) == 1


@pytest.mark.parametrize("asserted, message", [
    ("1e999 million mi", "value '1e999 million mi' is not a finite number"),
    ("2e6 trillion mi", "value '2e6 trillion mi' is too large"),
])
def test_an_error_about_a_figure_with_a_counting_word_quotes_it_as_given(asserted, message):
    """It quoted the figure after the word was applied: 'inf mi', '2e+18 mi'."""
    with pytest.raises(BatcalcError, match=re.escape(message)):
        check_inline("product", {"factors": "800 * 300 mi"}, asserted)


@pytest.mark.parametrize("kind, inputs, asserted, take", [
    # 75 kWh / ? between 180 and 200 kg: ? from 75000 / 200 = 375 to 75000 / 180 = 416.7 Wh/kg (by hand)
    ("expression", {"expr": "75 kWh / ?"}, "180 to 200 kg",
     f"the figure left as '?' would be between {75000 / 200:.4g} Wh/kg and {75000 / 180:.4g} Wh/kg"),
    # 900 Wh/L is 30 to 50 % above a: a from 900 / 1.5 = 600 to 900 / 1.3 = 692.3 Wh/L
    ("ratio", {"a": "?", "b": "900 Wh/L"}, "30 % to 50 %",
     f"the baseline a would be between {900 / 1.5:.4g} Wh/L and {900 / 1.3:.4g} Wh/L"),
])
def test_a_between_claim_with_an_unknown_gives_both_bounds_of_it(kind, inputs, asserted, take):
    """It gave the bound of one end alone ('would be at most 416.7 Wh/kg')."""
    from batcalc.report.claims import verdict_texts

    v = check_inline(kind, inputs, asserted, qualifier="between")
    assert v.status == "underdetermined" and verdict_texts(v)["would_take"] == take


def test_a_figure_left_open_is_given_in_the_other_figures_counting_word():
    """'a = 1.950e+09 yuan': 116.23 - 114.28 = 1.95 billion yuan (by hand), as the claim writes its figures."""
    from batcalc.report.claims import verdict_texts

    v = check_inline("difference", {"a": "?", "b": "116.23 billion yuan"}, "114.28 billion yuan")
    texts = verdict_texts(v)
    assert texts["derived"] == f"a = {116.23 - 114.28:.4g} billion yuan"
    assert texts["would_take"] == f"the baseline a would be {116.23 - 114.28:.4g} billion yuan"
    assert v.derived.si == pytest.approx((116.23 - 114.28) * 1e9) and v.derived.unit == "yuan"


def test_the_plausible_range_is_shown_in_the_unit_system_of_the_implied_value(run, claims):
    """Under --units imperial it read '179 Wh/lb (OUTSIDE the plausible range 150 Wh/kg to 200 Wh/kg)':
    150 and 200 Wh/kg are 68.04 and 90.72 Wh/lb (x 0.45359237, by hand)."""
    path = claims("""
        - id: p
          quote: "75 kWh of cells weighing 190 kg"
          kind: expression
          inputs: {expr: "75 kWh / ?"}
          asserted: 190 kg
          plausible: [150 Wh/kg, 200 Wh/kg]
    """)
    r = run("check", path, "--units", "imperial", "--format", "json")
    take = json.loads(r.stdout)["verdicts"][0]["would_take"]
    lb = 0.45359237
    assert take == (f"the figure left as '?' would be {75000 / 190 * lb:.4g} Wh/lb (OUTSIDE the plausible range "
                    f"{150 * lb:.4g} Wh/lb to {200 * lb:.4g} Wh/lb)")


def test_a_between_claim_with_a_counting_word_on_both_ends_is_judged(run):
    """'0.4 million to 0.5 million km': 1000 cycles x 500 km x (1 + 0.8) / 2 = 450,000 km lies between."""
    r = run("claim", "lifetime", "cycles=1000", "retention=80 %", "range=500 km", "--asserted",
            "0.4 million to 0.5 million km", "--qualifier", "between", "--format", "json")
    assert r.exit_code == 0, r.stderr
    v = json.loads(r.stdout)["verdicts"][0]
    assert v["verdict"] == "holds" and v["derived"] == {"value": pytest.approx(1000 * 500 * 1.8 / 2), "unit": "km"}
    assert v["claimed"] == [{"value": 400000.0, "unit": "km"}, {"value": 500000.0, "unit": "km"}]   # [low, high]


@pytest.mark.parametrize("expression, words", [
    ("? x 1000", "10 million yuan"),        # 10e9 / 1000 = 1e7: not '0.01 billion yuan'
    ("? x 100000", "100 thousand yuan"),    # 1e5
    ("? x 1e9", "10 yuan"),                 # below a thousand: no counting word
    ("? * 20", "0.5 billion yuan"),         # 5e8: within 0.1 to 1000 of the claim's word, which it keeps
])
def test_a_solved_figure_far_from_the_claim_s_size_takes_the_counting_word_of_its_own(run, expression, words):
    out = run("claim", "expression", f"expr={expression}", "--asserted", "10 billion yuan")
    assert out.exit_code == 0, out.stderr
    assert f"? = {words} " in out.stdout, out.stdout


@pytest.mark.parametrize("side", ["a", "b"])
def test_a_reference_in_a_ratio_that_names_no_cell_is_located_at_its_input(run, tmp_path, side):
    """A ratio's or a difference's figure may be a spec reference; one naming no cell was located at
    ``inputs.expr`` (an input such a claim does not have) on the command line and at the claim's whole
    ``inputs`` mapping in a file: it is located at the figure that names it."""
    figures = {"a": "byd-blade-lfp.energy", "b": "byd-blade-lfp.energy", side: "nonexist.energy"}
    r = run("claim", "ratio", *(f"{k}={v}" for k, v in figures.items()), "--asserted", "5")
    assert r.exit_code == 2 and r.stderr.startswith(f"batcalc: error: inputs.{side}: no cell 'nonexist'")
    path = tmp_path / "c.yaml"
    path.write_text(f"kind: claims\nclaims:\n  - id: r\n    quote: q\n    kind: difference\n    inputs: "
                    f"{{a: {figures['a']}, b: {figures['b']}}}\n    asserted: 5 Wh\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines()[5]
    col = line.index("nonexist") + 1
    r = run("check", str(path))
    assert r.exit_code == 2 and r.stderr.strip().endswith(f"c.yaml:6:{col}: no cell 'nonexist' in the catalogue and "
                                                          f"no such file; see 'batcalc list'")


@pytest.mark.parametrize("text, asserted, said", [
    ("0 * ?", "0 kg", "inputs.expr: the expression is 0 whatever the '?' (a factor of 0): it implies no value of '?'"),
    ("0 kg / ?", "0 kg", "inputs.expr: the expression is 0 whatever the '?' (a factor of 0): it implies no value of "
                         "'?'"),
    ("? / 0 kg", "1 1/kg", "inputs.expr: column 3: division by zero in '? / 0 kg'"),
    ("? + 5 km", "10 km", "inputs.expr: the '?' can be solved for only in products, quotients and powers (not in a "
                          "sum): write the claim as a 'difference' claim"),
])
def test_a_question_mark_beside_a_zero_is_refused_for_what_it_is(run, text, asserted, said):
    """'0 * ?', '0 kg / ?' and '? / 0 kg' were refused as "the '?' can be solved for only in products, quotients
    and powers (not in a sum)": there is no sum in them. A factor of 0 leaves nothing to solve for, and a
    division by zero is one, at its column, as without a '?'; a '?' in a sum is still told so."""
    r = run("claim", "expression", f"expr={text}", "--asserted", asserted)
    assert r.exit_code == 2 and r.stderr.strip() == f"batcalc: error: {said}"


def test_a_missing_figure_times_zero_cancels_out(run):
    """'0 * huineng-llcb.cycles' (a figure the cell does not publish) ended in an internal error, a division by
    zero, where the figure was tried at two values: the expression does not depend on it, and says so."""
    r = run("claim", "expression", "expr=0 * huineng-llcb.cycles", "--asserted", "0")
    assert r.exit_code == 0 and "HOLDS" in r.stdout
    assert "huineng-llcb.cycles cancels out: the expression does not depend on it" in r.stdout


def test_an_unknown_cycle_of_a_reference_is_located_in_the_expression(run, tmp_path):
    """'mid-sedan.consumption@foo' was refused at the claim's whole ``inputs`` in a file and with no input named
    on the command line: it is located at the expression, at the reference's column."""
    r = run("claim", "expression", "expr=mid-sedan.consumption@foo * 100 km", "--asserted", "15 kWh")
    assert r.exit_code == 2 and r.stderr.startswith("batcalc: error: inputs.expr: column 1: unknown cycle 'foo'")
    path = tmp_path / "c.yaml"
    path.write_text('kind: claims\nclaims:\n  - id: e\n    quote: q\n    kind: expression\n    inputs: {expr: '
                    '"mid-sedan.consumption@foo * 100 km"}\n    asserted: 15 kWh\n', encoding="utf-8")
    r = run("check", str(path))
    assert r.exit_code == 2 and "c.yaml:6:20: column 1: unknown cycle 'foo'" in r.stderr
