"""Units: strict parsing, dimension checks, conversions (hand-calculated) and round-trip properties."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from batcalc import units
from batcalc.errors import UnitError

# Every dimension batcalc uses, with units a user might write for it.
UNITS_BY_DIM = {
    "specific_energy": ["Wh/kg", "kWh/kg", "J/g", "kJ/g", "Wh/lb"],
    "energy_density": ["Wh/L", "kWh/m^3", "J/mL", "Wh/in^3"],
    "energy": ["Wh", "kWh", "J", "MJ"],
    "mass": ["kg", "g", "t", "lb"],
    "length": ["mm", "m", "km", "mi", "in"],
    "area": ["m^2", "ft^2", "cm^2"],
    "volume": ["L", "mL", "m^3", "in^3", "gal"],
    "voltage": ["V", "mV", "kV"],
    "charge": ["Ah", "mAh", "A*s"],
    "current": ["A", "mA"],
    "time": ["min", "s", "h"],
    "power": ["kW", "W", "MW", "hp"],
    "speed": ["km/h", "m/s", "mph"],
    "force": ["N", "kN", "lbf"],
    "consumption": ["Wh/km", "kWh/100km", "Wh/mi", "kWh/100mi"],
    "fraction": ["%", ""],
}

finite = st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False)


def test_parse_value_with_unit():
    q = units.parse_quantity("350 Wh/kg", "specific_energy")
    assert q.magnitude == 350 and units.to_si(q, "specific_energy") == pytest.approx(350 * 3600)


def test_percent_is_a_fraction():
    assert units.to_si(units.parse_quantity("80 %", "fraction"), "fraction") == pytest.approx(0.8)


@pytest.mark.parametrize("text, fragment", [
    ("350 km/kg", "not a specific energy"),
    ("350", "has no unit"),
    ("10**10**10 Wh/kg", "malformed"),
    ("nan Wh/kg", "malformed"),
    ("inf Wh/kg", "malformed"),
    ("1e999 Wh/kg", "not a finite number"),
    ("3 Wh/kg^99", "exponent"),
    ("350 frobs/kg", "unknown unit"),
    ("Wh/kg 350", "malformed"),
    ("350 Wh/kg; rm -rf /", "malformed"),
    ("3" * 100 + " Wh/kg", "too long"),
])
def test_malformed_or_wrong_dimension_rejected(text, fragment):
    with pytest.raises(UnitError, match=fragment):
        units.parse_quantity(text, "specific_energy")


def test_convert_specific_energy_hand_calc():
    # 350 Wh/kg = 350 * 3600 J / 1000 g = 1260 J/g = 1.26 kJ/g
    assert units.convert("350 Wh/kg", "kJ/g") == pytest.approx(1.26)


def test_consumption_reciprocal_pairs_hand_calc():
    # 15 kWh/100km = 150 Wh/km
    assert units.convert("15 kWh/100km", "Wh/km") == pytest.approx(150)
    # 150 Wh/km -> 1 km / 0.15 kWh = 6.667 km/kWh = 6.667 / 1.609344 mi/kWh = 4.1425 mi/kWh
    assert units.convert("150 Wh/km", "mi/kWh") == pytest.approx(1 / 0.15 / 1.609344)
    # MPGe = mi/kWh * 33.705 (EPA: 33.705 kWh per gallon equivalent)
    assert units.convert("150 Wh/km", "MPGe") == pytest.approx(1 / 0.15 / 1.609344 * 33.705)
    # and back: 100 MPGe = 33.705 kWh per 100 mi = 20.94 kWh/100km
    assert units.convert("100 MPGe", "kWh/100km") == pytest.approx(33.705 / 1.609344)


def test_convert_refuses_unrelated_dimensions():
    with pytest.raises(UnitError, match="dimensions differ"):
        units.convert("3 Wh", "kg")
    with pytest.raises(UnitError, match="reciprocal of zero"):
        units.convert("0 Wh/km", "mi/kWh")


@settings(max_examples=60, deadline=None)
@given(dim=st.sampled_from(sorted(UNITS_BY_DIM)), data=st.data(), x=finite)
def test_round_trip_every_dimension(dim, data, x):
    a = data.draw(st.sampled_from(UNITS_BY_DIM[dim]))
    b = data.draw(st.sampled_from(UNITS_BY_DIM[dim]))
    there = units.convert(f"{x!r} {a}".strip(), b or "dimensionless")
    back = units.convert(f"{there!r} {b}".strip(), a or "dimensionless")
    assert back == pytest.approx(x, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(dim=st.sampled_from(sorted(UNITS_BY_DIM)), other=st.sampled_from(sorted(UNITS_BY_DIM)), x=finite)
def test_wrong_dimension_always_rejected(dim, other, x):
    assume(units.parse_unit(UNITS_BY_DIM[other][0]).dimensionality
           != units.parse_unit(UNITS_BY_DIM[dim][0]).dimensionality)
    text = f"{x!r} {UNITS_BY_DIM[other][0]}"
    with pytest.raises(UnitError):
        units.parse_quantity(text, dim)


@settings(max_examples=50, deadline=None)
@given(x=finite)
def test_consumption_reciprocal_round_trip(x):
    mpge = units.convert(f"{x!r} Wh/km", "MPGe")
    assert units.convert(f"{mpge!r} MPGe", "Wh/km") == pytest.approx(x, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_gives_unit_error_or_quantity(text):
    try:
        q = units.parse_quantity(text)
    except UnitError:
        return
    assert math.isfinite(q.magnitude)


def test_display_systems():
    value, unit = units.display(350 * 3600, "specific_energy", "imperial")
    assert unit == "Wh/lb" and value == pytest.approx(350 * 0.45359237)
    assert units.display(1000.0, "length", "metric", "distance") == (pytest.approx(1.0), "km")
    with pytest.raises(UnitError, match="unknown unit system"):
        units.display_unit("mass", "cubits")


@pytest.mark.parametrize("x, text", [(1.16666, "1.167"), (300.0, "300"), (0.857142, "0.8571"),
                                     (12345.6, "12346"), (0.0, "0"), (1.5e12, "1.500e+12")])
def test_format_number(x, text):
    assert units.format_number(x) == text


def test_unit_table_matches_pint():
    """The precomputed table (read without pint) holds exactly what pint computes."""
    table, fresh = units.unit_table(), units.build_unit_table()
    assert table["dims"] == fresh["dims"]
    assert table["units"].keys() == fresh["units"].keys()
    for label, (factor, dims) in fresh["units"].items():
        assert table["units"][label][1] == dims
        assert table["units"][label][0] == pytest.approx(factor, rel=1e-15), label


@settings(max_examples=100, deadline=None)
@given(dim=st.sampled_from(sorted(UNITS_BY_DIM)), data=st.data(), x=finite)
def test_fast_path_equals_pint(dim, data, x):
    unit = data.draw(st.sampled_from(UNITS_BY_DIM[dim]))
    if dim == "fraction" and unit == "":
        x = x / (1 + x)
    text = f"{x!r} {unit}".strip()
    si, number, label, *_ = units.parse_value(text, dim)
    assert si == pytest.approx(units.to_si(units.parse_quantity(text, dim), dim), rel=1e-12)
    assert number == x and label == unit


@settings(max_examples=300, deadline=None)
@given(x=st.floats(-1e8, 1e8, allow_nan=False).filter(lambda v: v == 0 or abs(v) >= 1e-4))
def test_format_number_keeps_four_significant_figures(x):
    text = units.format_number(x)
    assert float(text) == pytest.approx(x, rel=5e-4, abs=0)
    digits = text.lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    assert len(digits) <= max(4, len(str(int(abs(x)) + 1)))  # integers above 9999 keep their digits


#: the largest units the vocabulary and the grammar allow come near the limit of 1e100 root units
#: (pint's, in grams): TWh^2*yr^4*t^2*kA^4 is (3.6e15)^2 x (3.156e7)^4 x 1e6 x 1e12 = 1.28e79 kg^4*A^4,
#: 1.28e91 g^4*A^4; dividing by um^4 adds 24 decades
_HUGE = "TWh^2*yr^4*t^2*kA^4/um^4"          # 1.28e115 root units
_LARGE = "TWh^2*yr^4*t^2*kA^4"              # 1.28e91 root units


@pytest.mark.parametrize("text, target", [(f"1 {_HUGE}", "kg^4*A^4"), ("1 um^4/(TWh^2*yr^4*t^2*kA^4)", "1/(kg^4*A^4)"),
                                          ("1 kg^4*A^4", _HUGE)])
def test_units_too_large_or_small_for_floats_are_refused(text, target):
    with pytest.raises(UnitError, match="out of range"):
        units.convert(text, target)


def test_unit_size_limits_keep_every_value_finite_in_si():
    # the largest value accepted (1e18) in a unit near the largest accepted (1.28e91, the limit being
    # 1e100 SI units) is 1.28e109 SI units, and its square (aerodynamic drag squares a speed) is finite;
    # the smallest (1e-18 of the reciprocal unit) squared is not 0
    big = units.parse_quantity(f"1e18 {_LARGE}").to_base_units().magnitude
    assert big == pytest.approx(3.6e15 ** 2 * (365.25 * 86400) ** 4 * 1e6 * 1e12 * 1e18) and math.isfinite(big ** 2)
    small = units.parse_quantity("1e-18 1/(TWh^2*yr^4*t^2*kA^4)").to_base_units().magnitude
    assert small == pytest.approx(1e-36 / big) and small ** 2 > 0
    # the limits themselves: values up to 1e18 and down to 1e-18
    for text in ("1e18 m", "1e-18 m", f"1e18 {_LARGE}"):
        assert math.isfinite(units.parse_quantity(text).magnitude)
    # one step past each is refused with a message that says which limit
    for text, fragment in (("1.1e18 m", "too large"), ("9e-19 m", "too small"),
                           (f"1 {_HUGE}", "out of range"), ("1 um^4/(TWh^2*yr^4*t^2*kA^4)", "out of range")):
        with pytest.raises(UnitError, match=fragment):
            units.parse_quantity(text)


@pytest.mark.parametrize("text, meant", [("68.5 gr", "'g'"), ("18 ton", "'tonne'"), ("2 tons", "'tonne'"),
                                         ("4.9 MAh", "'mAh'")])
def test_unit_names_pint_reads_differently_from_people_are_refused_with_the_fix(text, meant):
    with pytest.raises(UnitError, match="ambiguous unit") as exc:
        units.parse_quantity(text)
    assert meant in str(exc.value)


@pytest.mark.parametrize("text, fragment", [
    ("250 300 350 Wh/kg", "separate values"), ("1,500 Wh/kg", "thousands"), ("12,500,000 Wh/kg", "thousands"),
    ("1e308 Wh/kg", "at most"), ("1,,2 Wh/kg", "separate values"), ("1e-30 Wh/kg", "at least")])
def test_grid_refuses_ambiguous_or_out_of_range_numbers(text, fragment):
    with pytest.raises(UnitError, match=fragment):
        units.parse_grid(text, "specific_energy")


def test_grid_lists_and_ranges_with_spaces():
    wh_kg = 3600.0
    assert list(units.parse_grid("250,300,350 Wh/kg", "specific_energy")) == [250 * wh_kg, 300 * wh_kg, 350 * wh_kg]
    assert list(units.parse_grid("5, 100 Wh/kg", "specific_energy")) == [5 * wh_kg, 100 * wh_kg]
    assert list(units.parse_grid("200 : 300 : 50 Wh/kg", "specific_energy")) == [200 * wh_kg, 250 * wh_kg, 300 * wh_kg]


@pytest.mark.parametrize("text, fragment", [("3 dB", "unknown unit 'dB' .*docs/units.md"),
                                            ("2 octave", "unknown unit 'octave'"),
                                            ("3 degC", "offset temperature unit 'degC'"),
                                            ("3 °F", "offset temperature unit '°F'")])
def test_non_multiplicative_units_are_named_for_what_they_are(text, fragment):
    with pytest.raises(UnitError, match=fragment):
        units.parse_quantity(text)


def test_grid_unit_errors_name_the_option():
    with pytest.raises(UnitError, match="^--pack-masses: '400 kWh' is not a mass"):
        units.parse_grid("400 kWh", "mass", "--pack-masses")


RECIPROCALS = [("Wh/km", "mi/kWh"), ("kWh/100km", "MPGe"), ("kWh/100mi", "km/kWh"), ("MPGe", "Wh/mi")]


@settings(max_examples=100, deadline=None)
@given(dim=st.sampled_from(sorted(set(UNITS_BY_DIM) - {"fraction"})), data=st.data(), x=finite)
def test_convert_by_the_unit_table_equals_pint(dim, data, x):
    a, b = data.draw(st.sampled_from(UNITS_BY_DIM[dim])), data.draw(st.sampled_from(UNITS_BY_DIM[dim]))
    pint_value = units.parse_quantity(f"{x!r} {a}").to(units.parse_unit(b)).magnitude
    assert units.convert(f"{x!r} {a}", b) == pytest.approx(pint_value, rel=1e-12)


@pytest.mark.parametrize("a, b", RECIPROCALS)
def test_reciprocal_convert_by_the_unit_table_equals_pint(a, b):
    q = units.parse_quantity(f"17.5 {a}")
    assert units.convert(f"17.5 {a}", b) == pytest.approx((1 / q).to(units.parse_unit(b)).magnitude, rel=1e-12)


def test_table_entries_match_by_dimension_not_by_pints_ordering_of_it():
    # pint writes hp as '[length] ** 2 * [mass] / [time] ** 3' and W as '[mass] * [length] ** 2 / [time] ** 3'
    assert units.parse_value("100 hp", "power").si == pytest.approx(74569.987, rel=1e-6)
    assert units._signature("[length] ** 2 * [mass] / [time] ** 3") == units._signature(
        "[mass] * [length] ** 2 / [time] ** 3") == (("[length]", 2.0), ("[mass]", 1.0), ("[time]", -3.0))
    assert units._signature("1 / [time]") == (("[time]", -1.0),) and units._signature("dimensionless") == ()


@pytest.mark.parametrize("raw, dim, parsed", [
    ("350 Wh/kg", "specific_energy", (350 * 3600.0, 350.0, "Wh/kg", "350 Wh/kg")),
    (" 80 % ", "fraction", (0.8, 80.0, "%", "80 %")), (0.8, "fraction", (0.8, 0.8, "", "0.8")),
    ("2 C", "c_rate", (2 / 3600, 2.0, "1/h", "2 C")), (3, "count", (3.0, 3.0, "", "3")),
    ("5 km", None, (5000.0, 5.0, "km", "5 km")), ("42 dm", "length", (4.2, 42.0, "dm", "42 dm")),
])
def test_parse_value_reads_text_and_file_numbers_with_and_without_pint(raw, dim, parsed):
    got = units.parse_value(raw, dim)
    assert got.si == pytest.approx(parsed[0], rel=1e-12) and (got.number, got.unit, got.text) == parsed[1:]


@pytest.mark.parametrize("raw, shown", [("80", "'80'"), (80, "80"), (80.0, "80"), (1.5, "1.5"), ("-0.5", "'-0.5'")])
def test_the_fraction_rule_refuses_bare_numbers_outside_0_to_1_whatever_the_source(raw, shown):
    with pytest.raises(UnitError, match=f"^bare number {shown} is ambiguous for a fraction"):
        units.parse_value(raw, "fraction")


@pytest.mark.parametrize("text", ["4 mi/kWh", "100 MPGe", "6.4 km/kWh"])
def test_a_reciprocal_consumption_is_refused_saying_so_and_how_to_convert_it(text):
    """A consumption written as distance per energy was refused with pint's dimensions ('got [time] ** 2 /
    [length] / [mass]'); docs/units.md says it is the reciprocal and to convert it: the message says so,
    and the command it names converts it (1 / value, as batcalc convert does)."""
    with pytest.raises(UnitError) as exc:
        units.parse_value(text, "consumption")
    message = str(exc.value)
    assert "[time]" not in message
    assert message.endswith(f"got its reciprocal: convert it first, e.g. batcalc convert '{text}' Wh/km")
    per_energy = units.parse_value(text, None).si                                # m/J
    assert units.convert(text, "Wh/km") == pytest.approx(1 / per_energy / 3.6)    # 1 Wh/km = 3.6 J/m
    with pytest.raises(UnitError, match="got a mass$"):
        units.parse_value("2 kg", "consumption")


def test_a_consumption_is_not_called_a_force_alone(run):
    """J/m = N: '16 kWh/100km' was described as 'a force' in convert's and the value grammar's errors."""
    from batcalc.units import describe_units, parse_quantity

    assert describe_units(parse_quantity("16 kWh/100km")) == "a force or consumption per distance"
    assert describe_units(parse_quantity("3.6 V")) == "a voltage"
    r = run("convert", "16 kWh/100km", "km")
    assert r.exit_code == 2 and "'16 kWh/100km' (a force or consumption per distance)" in r.stderr


@pytest.mark.parametrize("text, word, factor", [("1 billion yuan", "billion", 1e9),
                                                ("75 Thousand Wh", "Thousand", 1e3)])
def test_a_counting_word_outside_claims_is_named_not_called_a_missing_operator(text, word, factor):
    """'1 billion yuan' outside a claim read "join units with '*' or '/' before 'yuan'", as if 'billion'
    were a unit: counting words are read by claims only (units.COUNTING, one table for both)."""
    from batcalc import units
    from batcalc.claims import expr

    assert expr.COUNTING is units.COUNTING
    with pytest.raises(UnitError, match=re.escape(f"a counting word ({word!r}, x{factor:g}) is read only in a "
                                                  "claim's figures")):
        units.parse_value(text)


@pytest.mark.parametrize("text", ["2 million", "75 thousand*Wh"])
def test_a_counting_word_is_named_wherever_it_stands_in_the_unit(text):
    """'2 million' and '75 thousand*Wh' read "unknown unit 'million' (did you mean 'millisecond'?)"."""
    with pytest.raises(UnitError, match="a counting word"):
        units.parse_value(text)


@pytest.mark.parametrize("text, parts", [
    ("0.4 million to 0.5 million km", ["0.4 million km", "0.5 million km"]),
    ("0.4 to 0.5 million km", ["0.4 million km", "0.5 million km"]),
    ("0.4 million to 500000 km", ["0.4 million km", "500000 km"]),
    ("1 million to 2 million", ["1 million", "2 million"]),
    ("70 to 90 kWh", ["70 kWh", "90 kWh"]),
])
def test_a_range_written_with_counting_words_gives_each_end_its_unit(text, parts):
    """'0.4 million to 0.5 million km' left its low end '0.4 million' without a unit, so a between claim
    written so was refused ("'400000.0' has no unit")."""
    assert units.range_parts(text) == parts


@pytest.mark.parametrize("value", ["25 kWh/1000km", "25 kWh/(100 km)"])
def test_a_number_in_a_unit_names_both_reciprocal_distance_exceptions(run, value):
    """The refusal said "'kWh/100km' is the one exception", though 'kWh/100mi' is read too (docs/units.md);
    it names both now, and both convert (25 kWh/100km = 250 Wh/km; 25 kWh/100mi = 250 / 1.609344 Wh/km)."""
    r = run("convert", value, "Wh/km")
    assert r.exit_code == 2 and "'kWh/100km' and 'kWh/100mi' are the only exceptions" in r.stderr
    assert float(run("convert", "25 kWh/100km", "Wh/km").stdout.split()[-2]) == pytest.approx(250, rel=1e-5)
    assert float(run("convert", "25 kWh/100mi", "Wh/km").stdout.split()[-2]) == pytest.approx(250 / 1.609344,
                                                                                              rel=1e-5)


@pytest.mark.parametrize("value", ["25 degC", "77 °F"])
def test_an_offset_temperature_refused_in_a_value_says_where_temperatures_are_read(run, value):
    """``convert "25 degC" K`` said 'batcalc values are not temperatures', though --ambient reads '25 degC'
    (298.15 K) and '77 °F' (25 °C); the refusal now says a temperature is read only where one is asked for."""
    r = run("convert", value, "K")
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "a temperature is read only where one is asked for, as --ambient" in r.stderr
    assert "values are not temperatures" not in r.stderr
    assert units.parse_temperature(value) == pytest.approx(273.15 + 25)


@pytest.mark.parametrize("dim, text, example", [("count", "1000 cycles", "'1000'"), ("count", "1000 km", "'1000'"),
                                                ("number", "0.23 km", "'0.25'"), ("fraction", "80 km", "'80 %'")])
def test_a_dimensionless_value_with_a_unit_is_told_an_example_of_its_kind(dim, text, example):
    """A count of cycles written '1000 cycles' was told 'write a plain number, e.g. '0.25'': no count of cycles."""
    with pytest.raises(UnitError) as exc:
        units.parse_value(text, dim)
    assert str(exc.value).endswith(f"e.g. {example}"), str(exc.value)
