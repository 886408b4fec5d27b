"""A range written with a dash ('70-90 kWh', an en dash, a minus sign) where a value or a range is
read said "malformed unit '-90 kWh': unexpected '-'"; it says to write 'LOW to HIGH unit', with the
user's own figures, as --assume's fractions already did."""

from __future__ import annotations

import pytest

from batcalc.errors import UnitError
from batcalc.units import parse_value


@pytest.mark.parametrize("text,written", [("70-90 kWh", "'70 to 90 kWh'"), ("70\u201390 kWh", "'70 to 90 kWh'"),
                                          ("400 \u2212 500 kg", "'400 to 500 kg'"),
                                          ("1234.56-2000 kWh", "'1234.56 to 2000 kWh'")])
def test_a_dashed_range_is_named_as_one(text, written):
    with pytest.raises(UnitError) as info:
        parse_value(text)
    message = str(info.value)
    assert f"write a range as 'LOW to HIGH unit', {written}, not with a dash" in message
    assert "\n" not in message


def test_the_commands_say_so_once(run):
    out = run("claim", "range", "pack_energy=70-90 kWh", "vehicle=mid-sedan", "--asserted", "600 km")
    assert out.exit_code == 2 and "inputs.pack_energy: malformed value '70-90 kWh': write a range" in out.output
    out = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--pack-mass", "400-500 kg")
    assert out.exit_code == 2 and "'400 to 500 kg', not with a dash" in out.output
    out = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "--assume", "aux-power=200-300 W")
    assert out.exit_code == 2 and out.output.count("not with a dash") == 1, out.output


def test_a_negative_value_and_a_unit_with_numbers_are_not_ranges():
    assert parse_value("-7 kWh").si == pytest.approx(-7 * 3.6e6)
    assert parse_value("16 kWh/100km", "consumption").si == pytest.approx(16 * 3.6e6 / 100e3)
