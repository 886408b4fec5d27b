"""A plausible range given to a claim that leaves no figure as '?' was dropped unread: `batcalc claim ratio
a="800 Wh/L" b="900 Wh/L" --asserted "+40 %" --plausible "500 to 750 Wh/L"` printed FAILS with no word of
the range (a wrong unit in it, '1 to 2 km', was never checked either), as a claims file and the API did.
It is refused, at its line in a file, as options that would be ignored are."""

from __future__ import annotations

import pytest

import batcalc as bc
from batcalc.errors import BatcalcError

NO_UNKNOWN = [
    ["ratio", "a=800 Wh/L", "b=900 Wh/L", "--asserted", "+40 %"],                       # fails
    ["ratio", "a=800 Wh/L", "b=900 Wh/L", "--asserted", "+12.5 %"],                     # holds
    ["range", "pack_energy=75 kWh", "vehicle=mid-sedan", "--asserted", "500 km"],       # open test cycle
    ["range", "pack_energy=75 kWh", "consumption=150 Wh/km", "-q", "between", "--asserted", "400 to 600 km"],
]


@pytest.mark.parametrize("args", NO_UNKNOWN, ids=lambda a: " ".join(a[:2]))
def test_the_command_line_refuses_a_plausible_range_it_would_not_read(run, args):
    assert run("claim", *args).exit_code in (0, 1)
    out = run("claim", *args, "--plausible", "1 to 2 km")
    assert out.exit_code == 2 and out.output.count("\n") == 1
    assert out.output.startswith("batcalc: error: --plausible applies only to a figure left as '?'")


def test_the_api_refuses_it():
    with pytest.raises(BatcalcError, match=r"^plausible applies only to a figure left as '\?'"):
        bc.check("ratio", a="800 Wh/L", b="900 Wh/L", asserted="+40 %", plausible="500 to 750 Wh/L")


def test_a_file_is_refused_at_the_line_by_check_and_lint(run, write):
    path = write("claims.yaml", """
        kind: claims
        claims:
          - id: c
            quote: q
            kind: ratio
            inputs: {a: 800 Wh/L, b: 900 Wh/L}
            asserted: "+40 %"
            plausible: 500 to 750 Wh/L
        """)
    for command in ("check", "lint"):
        out = run(command, path)
        assert out.exit_code == 2, out.output
        assert out.output.startswith(f"{path}:8:16: plausible applies only to a figure left as '?'"), out.output


def test_a_figure_left_as_unknown_still_reads_it(run):
    """900 Wh/L / 1.4 = 642.9 Wh/L: inside 500 to 750 Wh/L."""
    out = run("claim", "ratio", "a=?", "b=900 Wh/L", "--asserted", "+40 %", "--plausible", "500 to 750 Wh/L")
    assert out.exit_code == 0 and "642.9 Wh/L (inside the plausible range" in out.output


def test_a_kind_without_an_unknown_is_not_told_to_write_one(run):
    """same-volume of a cell that publishes no Wh/L is underdetermined, but takes no '?': the refusal said
    "remove it, or write the figure as '?'", which that kind refuses; it names the kinds that take one."""
    out = run("claim", "same-volume", "a=gac-aion-ssb-300", "b=gac-aion-ssb-350", "--asserted", "1.2",
              "--plausible", "500 to 750 Wh/L")
    assert out.exit_code == 2
    assert "a same-volume claim leaves no figure as '?'; drop it" in out.output
    assert "write the figure as" not in out.output
