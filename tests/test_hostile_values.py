"""Values and claims found wanting by the twelfth hardening pass: a bad value is refused with a message that
names what is wrong (a thousands space, a minus sign that is not '-', a dash in a range, an empty id), and a
claim's arithmetic never ends in an internal error or an impossible figure ("needs b at inf Wh/kg")."""

from __future__ import annotations

import pytest

from batcalc import units
from batcalc.errors import UnitError

THOUSANDS = "use '.' as the decimal point and no thousands separator"


@pytest.mark.parametrize("text", [
    "1 000 km",            # a space
    "1\u2009000 km",       # a thin space, as SI style writes it
    "1\u202f000 km",       # a narrow no-break space
    "1\u00a0000 km",       # a no-break space
    "1 000 000 km",
    "12 345.5 km",
    "1 000",
    "2 000 million yuan",
])
def test_a_space_as_thousands_separator_is_named(text):
    # it was read as 1 of the unit '000 km': "numbers may appear in a unit only as exponents"
    with pytest.raises(UnitError) as exc:
        units.parse_value(text, "length" if "km" in text else None)
    assert THOUSANDS in str(exc.value) and repr(text) in str(exc.value), str(exc.value)


@pytest.mark.parametrize("text, dim, si", [
    ("1000 km", "length", 1e6),
    ("1000\u2009km", "length", 1e6),    # a thin space between number and unit stays fine
    ("350 Wh/kg", "specific_energy", 350 * 3600),
    ("12 min", "time", 720.0),
])
def test_values_with_a_space_before_the_unit_still_read(text, dim, si):
    assert units.parse_value(text, dim).si == pytest.approx(si)


def test_a_unit_that_starts_with_digits_otherwise_keeps_its_message():
    with pytest.raises(UnitError) as exc:
        units.parse_value("1 00 km", "length")
    assert "numbers may appear in a unit only as exponents" in str(exc.value)


@pytest.mark.parametrize("char", ["\u2212", "\u2013", "\u2014", "\uff0d"])
def test_a_minus_sign_that_is_not_a_hyphen_minus_is_named(char):
    # '−7 °C' (U+2212, as web pages and word processors write it) got "expected '<number> <unit>'"
    with pytest.raises(UnitError) as exc:
        units.parse_value(f"{char}7 m", "length")
    assert str(exc.value).endswith(f"write the minus sign as '-', not U+{ord(char):04X}"), str(exc.value)
    assert units.parse_value("-7 m", "length").si == -7.0      # the ASCII minus reads


@pytest.mark.parametrize("expr, asserted", [("75 kWh / ?", "0 kg"), ("? ^ -2", "0 kg^-2")])
def test_an_unknown_that_divides_asserted_zero_is_bad_input(capsys, expr, asserted):
    # 75 kWh / ? = 0 kg needs ? = infinity: (0 kg / 75 kWh) ** (1 / -1) raised ZeroDivisionError (exit 3)
    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["claim", "expression", f"expr={expr}", "--asserted", asserted])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err.splitlines() == ["batcalc: error: asserted: no value of '?' gives 0: the '?' divides, so only an "
                                "infinite one would"]


def test_an_unknown_that_divides_still_solves_a_nonzero_claim(capsys):
    # 75 kWh / ? = 190 kg: ? = 75000 Wh / 190 kg = 394.74 Wh/kg
    import json

    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["claim", "expression", "expr=75 kWh / ?", "--asserted", "190 kg", "-f", "json"])
    assert exc.value.code == 0
    derived = json.loads(capsys.readouterr().out)["verdicts"][0]["derived"]
    assert derived["unit"] == "Wh/kg" and derived["value"] == pytest.approx(75000 / 190)


@pytest.mark.parametrize("expr, asserted, unknown", [
    ("? ^ 3", "-8", -2.0),                 # (-2)^3 = -8
    ("(? * 2) ^ -3", "-1", -0.5),          # (2 x -0.5)^-3 = (-1)^-3 = -1
    ("? ^ -1 * 1 kg", "-4 kg", -0.25),     # 1 kg / -0.25 = -4 kg
])
def test_an_odd_power_of_the_unknown_has_a_real_root(capsys, expr, asserted, unknown):
    # (-8) ** (1/3) is complex in Python: float() of it raised TypeError (exit 3)
    import json

    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["claim", "expression", f"expr={expr}", "--asserted", asserted, "-f", "json"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    verdict = json.loads(out)["verdicts"][0]
    assert verdict["verdict"] == "underdetermined" and verdict["derived"]["value"] == pytest.approx(unknown)


@pytest.mark.parametrize("kind, density, asserted, take", [
    ("same-energy", "Wh/kg", "100 %", "no density of b gives a 100 % saving"),
    ("same-energy-volume", "Wh/L", "150 %", "no density of b gives 150 % less space"),
])
@pytest.mark.parametrize("bands", [False, True])
def test_a_saving_of_100_percent_or_more_needs_no_density(capsys, kind, density, asserted, take, bands):
    # saving = 1 - rho_a / rho_b < 1 for any finite rho_b: b would need rho_a / (1 - saving), infinite at
    # 100 % and negative beyond; the table said "needs b at inf Wh/kg" (at 150 % too), and --bands refused
    # the claim ("needed is not finite at the central assumptions")
    import json

    from batcalc.cli.main import main

    argv = ["claim", kind, f"a_density=300 {density}", f"b_density=350 {density}", "--asserted", asserted, "-f", "json"]
    with pytest.raises(SystemExit) as exc:
        main(argv + (["--bands"] if bands else []))
    out, err = capsys.readouterr()
    assert exc.value.code == 1, err
    verdict = json.loads(out)["verdicts"][0]
    assert verdict["verdict"] == "fails" and verdict["would_take"] == take and verdict["needed"] is None
    # derived: 1 - 300 / 350 = 0.142857
    assert verdict["derived"]["value"] == pytest.approx(100 * (1 - 300 / 350))


def test_a_saving_below_100_percent_still_says_the_density_it_needs(capsys):
    # 50 % lighter at the same energy: rho_b = rho_a / (1 - 0.5) = 600 Wh/kg
    import json

    from batcalc.cli.main import main

    with pytest.raises(SystemExit):
        main(["claim", "same-energy", "a_density=300 Wh/kg", "b_density=350 Wh/kg", "--asserted", "50 %", "-f", "json"])
    verdict = json.loads(capsys.readouterr().out)["verdicts"][0]
    assert verdict["needed"] == {"value": pytest.approx(600.0), "unit": "Wh/kg"}
    assert verdict["would_take"] == "needs b at 600 Wh/kg for a 50 % saving"


@pytest.mark.parametrize("argv, option, given, choices", [
    (["list", "--units", "si"], "'--units' / '-u'", "si", "'metric', 'imperial'"),
    (["schema", "claims"], "'KIND'", "claims", "'cell', 'vehicle', 'claim'"),
    (["list", "--kind", "cells"], "'--kind' / '-k'", "cells",
     "'cell', 'vehicle', 'cycle', 'claim', 'charger', 'taper'"),
])
def test_a_bad_choice_is_said_without_a_validator_prefix(capsys, argv, option, given, choices):
    # typer's message read "Invalid value for '--units' / '-u': Value error, 'si' is not one of ..."
    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err.splitlines() == [f"batcalc {argv[0]}: error: Invalid value for {option}: {given!r} is not one of "
                                f"{choices}. (see 'batcalc {argv[0]} --help')"]


@pytest.mark.parametrize("argv, start", [
    (["charge", "huineng-llcb", "--vehicle", "mid-sedan", "--taper", ""], "batcalc: error: no taper ''; known: "),
    (["charge", "huineng-llcb", "--implied", "--taper", ""], "batcalc: error: --implied reads the cells' charge claims "
                                                           "under each cell's taper"),
], ids=["curve", "implied"])
def test_an_empty_taper_id_is_refused_not_read_as_none_given(capsys, argv, start):
    # '--taper ""' was taken for no --taper: the default taper, exit 0 (with --implied: dropped unsaid)
    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.startswith(start) and len(err.splitlines()) == 1, err


@pytest.mark.parametrize("text", ["0.75 - 0.85", "0.75\u20130.85", "0.75 \u2014 0.85", "75 %\u221285 %"],
                         ids=["hyphen", "en-dash", "em-dash", "minus"])
def test_an_assumption_range_with_any_dash_says_how_to_write_a_range(capsys, text):
    # only the hyphen got the hint; '0.75–0.85' (an en dash, as typeset text writes ranges) did not
    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--bands", "--assume",
              f"cell-to-pack-mass={text}"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and len(err.splitlines()) == 1
    assert err.rstrip().endswith("(write a range as 'LOW to HIGH', e.g. '0.75 to 0.85', not with a dash)"), err


@pytest.mark.parametrize("kind, density, asserted, shown", [
    ("same-weight", "Wh/kg", "0", "x0"),
    ("same-weight", "Wh/kg", "-100 %", "x0"),
    ("same-volume", "Wh/L", "0", "x0"),
])
def test_a_factor_of_zero_or_less_needs_no_density(capsys, kind, density, asserted, shown):
    # rho_b / rho_a > 0 for any densities: "needs b at -900 Wh/kg (x-3 of 300 Wh/kg)" was what it would take
    # (a negative factor, '-3' or a fall of more than 100 %, is refused: tests/test_claims_negative.py)
    import json

    from batcalc.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["claim", kind, f"a_density=300 {density}", f"b_density=350 {density}", "--asserted", asserted,
              "-f", "json"])
    assert exc.value.code == 1
    verdict = json.loads(capsys.readouterr().out)["verdicts"][0]
    assert verdict["verdict"] == "fails" and verdict["needed"] is None
    assert verdict["would_take"] == f"no density of b gives {shown} (densities are positive)"
    assert verdict["derived"]["value"] == pytest.approx(350 / 300)


def test_a_positive_factor_still_says_the_density_it_needs(capsys):
    # x3 at the same mass: rho_b = 3 x 300 = 900 Wh/kg
    import json

    from batcalc.cli.main import main

    with pytest.raises(SystemExit):
        main(["claim", "same-weight", "a_density=300 Wh/kg", "b_density=350 Wh/kg", "--asserted", "3", "-f", "json"])
    verdict = json.loads(capsys.readouterr().out)["verdicts"][0]
    assert verdict["needed"] == {"value": pytest.approx(900.0), "unit": "Wh/kg"}
