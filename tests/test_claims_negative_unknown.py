"""A figure left as '?' in a difference could imply a negative physical figure ('a = -100 Wh/kg') and the
verdict stayed UNDERDETERMINED, saying only "the baseline a would be -100 Wh/kg", while a ratio refuses a
negative physical figure outright. No battery or vehicle figure is below 0, so such a claim now FAILS,
saying why; but only when it fails with the '?' at 0 too (b - a moves away from the asserted difference as
the '?' grows past 0), so that a claim within its tolerance of a = 0 stays underdetermined. Money and plain
numbers may be negative and are untouched."""

from __future__ import annotations

import pytest

import batcalc as bc


def test_a_difference_implying_a_negative_density_fails_saying_so():
    # by hand: b - a = 450 with b = 350 gives a = -100 Wh/kg; at a = 0 the difference is 350, outside 450 +- 5 %
    r = bc.check("difference", a="?", b="350 Wh/kg", asserted="450 Wh/kg")
    assert r.status == "fails"
    assert r.would_take == ("the baseline a would be -100 Wh/kg, below 0, which no battery or vehicle figure is: "
                            "the claim cannot hold")
    # b left open: b = a + (-400) = 300 - 400 = -100 Wh/kg; at b = 0 the difference is -300, not -400 +- 20
    r = bc.check("difference", a="300 Wh/kg", b="?", asserted="-400 Wh/kg")
    assert r.status == "fails" and "the figure b would be -100 Wh/kg, below 0" in r.would_take


@pytest.mark.parametrize("kwargs", [
    {"a": "?", "b": "350 Wh/kg", "asserted": "355 Wh/kg"},     # a = -5; at a = 0: 350, within 355 +- 17.75
    {"a": "?", "b": "10 USD", "asserted": "20 USD"},           # money may be negative: a = -10 USD
    {"a": "?", "b": "350 Wh/kg", "asserted": "300 Wh/kg"},     # a = 50 Wh/kg, positive
])
def test_a_claim_some_possible_figure_gives_stays_underdetermined(kwargs):
    r = bc.check("difference", **kwargs)
    assert r.status == "underdetermined" and "below 0" not in r.would_take


def test_the_command_line_prints_the_same_verdict(run):
    out = run("claim", "difference", "a=?", "b=350 Wh/kg", "--asserted", "450 Wh/kg")
    assert out.exit_code == 1                     # a claim that fails: exit 1
    assert "FAILS" in out.stdout and "no battery or vehicle figure is" in out.stdout


# --- the same rule for an expression's '?' -------------------------------------------------------------
# An expression claim whose '?' could only be negative stayed UNDERDETERMINED ("the figure left as '?'
# would be -100 kg"), without the note a difference gives. It now fails the same way (the one helper,
# _only_negative): the expression is k x ?^p, and when k has the other sign than the asserted figure a
# positive '?' gives figures of k's sign, nearest the asserted one at 0.

def test_an_expression_implying_a_negative_mass_fails_saying_so():
    # by hand: k = 300 - 350 = -50 Wh/kg; ? = 5000 Wh / (-50 Wh/kg) = -100 kg. A positive mass gives a
    # negative energy, at best 0 (? -> 0), which is not within 5 % of 5 kWh
    r = bc.check("expression", expr="(300 Wh/kg - 350 Wh/kg) * ?", asserted="5 kWh")
    assert r.status == "fails"
    assert r.would_take == ("the figure left as '?' would be -100 kg, below 0, which no battery or vehicle figure "
                            "is: the claim cannot hold")
    # 'at least 5 kWh' too: the bound it implies is '? at most -100 kg'
    r = bc.check("expression", expr="(300 Wh/kg - 350 Wh/kg) * ?", asserted="5 kWh", qualifier="at-least")
    assert r.status == "fails" and r.would_take.startswith("the figure left as '?' would be at most -100 kg, below 0")
    # a quotient: 75 kWh / ? = -190 kg gives ? = 75000 Wh / -190 kg = -394.7 Wh/kg
    r = bc.check("expression", expr="75 kWh / ?", asserted="-190 kg")
    assert r.status == "fails" and r.would_take.startswith("the figure left as '?' would be -394.7 Wh/kg, below 0")


@pytest.mark.parametrize("kwargs", [
    # every positive mass gives a negative energy, which is at most 5 kWh: any '?' would do
    {"expr": "(300 Wh/kg - 350 Wh/kg) * ?", "asserted": "5 kWh", "qualifier": "at-most"},
    {"expr": "(2 - 3) * ?", "asserted": "5 USD"},                    # money may be negative: ? = -5 USD
    {"expr": "? * (1 kWh - 2 kWh)", "asserted": "3 kWh"},            # a plain number: ? = -3
    {"expr": "75 kWh / ?", "asserted": "190 kg"},                    # ? = 394.7 Wh/kg, positive
])
def test_an_expression_some_possible_figure_gives_stays_underdetermined(kwargs):
    r = bc.check("expression", **kwargs)
    assert r.status == "underdetermined" and "below 0" not in r.would_take


def test_the_command_line_prints_the_expression_verdict(run):
    out = run("claim", "expression", "expr=(300 Wh/kg - 350 Wh/kg) * ?", "--asserted", "5 kWh")
    assert out.exit_code == 1
    assert "FAILS" in out.stdout and "-100 kg, below 0, which no battery or vehicle figure is" in out.stdout
