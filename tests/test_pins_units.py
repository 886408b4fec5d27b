"""Pins on the size limits of values and units (batcalc.units): each limit accepted, one step past refused."""

from __future__ import annotations

import pytest

from batcalc import units
from batcalc.errors import UnitError


def test_value_length_limit_is_80_characters():
    assert units.parse_quantity(" " * 77 + "1 m").magnitude == 1.0                # 80 characters
    with pytest.raises(UnitError, match=r"value too long \(81 characters, at most 80\)"):
        units.parse_quantity(" " * 78 + "1 m")


def test_unit_length_limit_is_40_characters():
    assert str(units.parse_unit("kWh/kg".ljust(40))) == str(units.parse_unit("kWh/kg"))
    with pytest.raises(UnitError, match=r"unit too long \(41 characters, at most 40\)"):
        units.parse_unit("kWh/kg".ljust(41))


def test_powers_up_to_four():
    assert units.parse_quantity("1 m^4").dimensionality["[length]"] == 4
    assert units.parse_quantity("1 m^-4").dimensionality["[length]"] == -4
    for text in ("1 m^5", "1 m^-5", "1 m^2*m^3"):
        with pytest.raises(UnitError, match="at most 4|above 4"):
            units.parse_quantity(text)


def test_parentheses_up_to_three_levels():
    assert str(units.parse_quantity("1 (((m)))").units) == "meter"
    with pytest.raises(UnitError, match="more than 3 levels of parentheses"):
        units.parse_quantity("1 ((((m))))")


def test_magnitude_limits():
    assert units.check_magnitude(1e18, "x") == 1e18
    assert units.check_magnitude(-1e18, "x") == -1e18
    assert units.check_magnitude(1e-18, "x") == 1e-18
    assert units.check_magnitude(0.0, "x") == 0.0
    for bad, fragment in ((1.0001e18, "too large"), (-1.0001e18, "too large"), (0.9999e-18, "too small"),
                          (-0.9999e-18, "too small"), (float("inf"), "not a finite number"),
                          (float("nan"), "not a finite number")):
        with pytest.raises(UnitError, match=fragment):
            units.check_magnitude(bad, "x")
