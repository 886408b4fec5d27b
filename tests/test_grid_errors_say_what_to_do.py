"""New-user review: a sweep axis written as a dashed range ('300-600 kg') was refused as "malformed
numbers in '300-600 kg'", and one with two numbers ('300:600 kg') as "expected start:stop:step",
neither saying how to write it: both now give the form and an example, as the other grid errors did."""

from __future__ import annotations

import pytest

from batcalc.errors import UnitError
from batcalc.units import parse_grid


@pytest.mark.parametrize("text", ["300-600 kg", "300.5-600 kg", "300,4-00 kg"])
def test_a_dashed_grid_says_how_to_write_one(text):
    with pytest.raises(UnitError) as info:
        parse_grid(text, "mass", "--pack-masses")
    message = str(info.value)
    assert "e.g. '200:500:50 kg'" in message and "with ':', not a dash" in message, message
    assert "malformed" not in message and "\n" not in message


@pytest.mark.parametrize("text", ["300:600 kg", "300:600:100:5 kg"])
def test_a_grid_without_three_numbers_shows_an_example(text):
    with pytest.raises(UnitError) as info:
        parse_grid(text, "mass", "--pack-masses")
    assert "start:stop:step" in str(info.value) and "e.g. '200:500:50 kg'" in str(info.value)


def test_the_command_says_it_in_one_line(run):
    out = run("sweep", "-v", "mid-sedan", "--ranges", "400-800 km")
    assert out.exit_code == 2
    assert out.stderr.strip().splitlines() == [
        "batcalc: error: --ranges: expected 'start:stop:step unit' or 'a,b,c unit', e.g. '200:500:50 km', "
        "got '400-800 km': join the ends and the step with ':', not a dash"]


def test_a_grid_with_a_negative_exponent_still_reads():
    assert list(parse_grid("1e-3:3e-3:1e-3 kg", "mass")) == pytest.approx([1e-3, 2e-3, 3e-3])
