"""Twelfth pass: `charge CELL --charger ... --peak-c-rate 3C` for a cell rated 1.2 C (Samsung
INR21700-50S: 6 A rated charge / 5 Ah) charged at 3 C along the curve and said only "peak C-rate 3 C
(given)"; the average-rate table marks a window above the rating ("within the cell's max C-rate: no"),
the curve said nothing. The note now says the given peak is above the cell's rating."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("given", "above"), [("3 C", True), ("1.2 C", False), ("1 C", False)])
def test_a_given_peak_above_the_rating_is_said(run, given, above):
    out = run("charge", "samsung-inr21700-50s", "-v", "mid-sedan", "--charger", "ccs-350kw", "--peak-c-rate", given)
    assert out.exit_code == 0, out.stderr
    # rated charge current 6 A over the 5 Ah capacity: 6 / 5 = 1.2 C
    note = f"cell limit: peak C-rate {given} (given; above samsung-inr21700-50s's rated max C-rate 1.2 C)"
    assert (note in out.stdout) == above
    if not above:
        assert f"cell limit: peak C-rate {given} (given);" in out.stdout


def test_a_cell_without_a_rating_says_nothing_of_one(run):
    out = run("charge", "huineng-llcb", "-v", "mid-sedan", "--charger", "ccs-350kw", "--peak-c-rate", "6 C")
    assert out.exit_code == 0, out.stderr
    assert "cell limit: peak C-rate 6 C (given);" in out.stdout and "rated max C-rate" not in out.stdout
