"""A plausible range written high to low ('750 to 500 Wh/L', [750 Wh/L, 500 Wh/L]) was taken and shown
as written ('inside the plausible range 750 Wh/L to 500 Wh/L'), where a 'between' claim's asserted range,
a ranged input and --assume refuse the same mistake; it is refused, at its line in a file."""

from __future__ import annotations

import pytest

import batcalc as bc
from batcalc.errors import BatcalcError


@pytest.mark.parametrize("plausible", ["750 to 500 Wh/L", ["750 Wh/L", "500 Wh/L"], "0.75 kWh/L to 500 Wh/L"])
def test_a_plausible_range_high_to_low_is_refused(plausible):
    with pytest.raises(BatcalcError, match=r"^plausible: the plausible range \[.*\]: the low figure is above the high"):
        bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %", plausible=plausible)


def test_low_to_high_in_two_units_is_ordered_by_value():
    """500 Wh/L to 0.75 kWh/L (750 Wh/L) is low to high; 900 / 1.4 = 642.9 Wh/L lies in it."""
    r = bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %", plausible="500 Wh/L to 0.75 kWh/L")
    assert r.status == "underdetermined" and "inside the plausible range" in r.would_take


def test_the_command_line_and_a_file_say_where(run, tmp_path):
    out = run("claim", "ratio", "a=?", "b=900 Wh/L", "--asserted", "+40 %", "--plausible", "750 to 500 Wh/L")
    assert out.exit_code == 2 and "the low figure is above the high one" in out.output
    path = tmp_path / "claims.yaml"
    path.write_text("kind: claims\nclaims:\n  - id: c\n    quote: q\n    kind: ratio\n"
                    "    inputs: {a: '?', b: 900 Wh/L}\n    asserted: '+40 %'\n    plausible: [750 Wh/L, 500 Wh/L]\n",
                    encoding="utf-8")
    out = run("check", str(path))
    assert out.exit_code == 2 and f"{path}:8:16: " in out.output and "low figure is above" in out.output


def test_a_plausible_range_below_zero_for_a_physical_figure_is_refused(run, tmp_path):
    """`plausible: -500 to 750 Wh/L` for an energy density left as '?' was accepted ('inside the plausible
    range -500 Wh/L to 750 Wh/L'), though a negative asserted figure of a physical dimension is refused: no
    cell has a negative density. It is refused at the bound, on the command line and at its line in a file;
    a money figure may still have a negative bound, and a low bound of 0 is taken."""
    with pytest.raises(BatcalcError, match=r"^plausible\.0: '-500 Wh/L' is negative: the figure left as '\?' is an?"):
        bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %", plausible=["-500 Wh/L", "750 Wh/L"])
    out = run("claim", "difference", "a=?", "b=350 Wh/kg", "--asserted", "50 Wh/kg", "--plausible", "-1 to 400 Wh/kg")
    assert out.exit_code == 2 and "is negative: the figure left as '?'" in out.output
    path = tmp_path / "claims.yaml"
    path.write_text("kind: claims\nclaims:\n  - id: c\n    quote: q\n    kind: ratio\n"
                    "    inputs: {a: '?', b: 900 Wh/L}\n    asserted: '+40 %'\n    plausible: [-500 Wh/L, 750 Wh/L]\n",
                    encoding="utf-8")
    out = run("check", str(path))
    assert out.exit_code == 2 and f"{path}:8:17: " in out.output and "is negative" in out.output
    assert bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %", plausible="0 to 750 Wh/L").status == \
        "underdetermined"
    money = bc.check("difference", a="?", b="10 USD", asserted="20 USD", plausible="-20 USD to 0 USD")
    assert money.status == "underdetermined" and "inside the plausible range" in money.would_take
