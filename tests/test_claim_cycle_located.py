"""New-user review: a claims file naming an unknown cycle (``cycle: wltc3``) was reported at the line
and column of the claim's ``inputs:`` (its first key, in block style), not at the cycle; a ratings
claim's unknown ``a_cycle`` or ``b_cycle`` likewise. The error is now at the input's value, in
``check`` and ``lint``. Places are found in the text itself."""

from __future__ import annotations

import pytest

BLOCK = """\
kind: claims
title: cycles
claims:
  - id: far
    quote: "x"
    kind: range
    inputs:
      cell: gac-aion-ssb-350
      vehicle: mid-sedan
      pack_mass: 480 kg
      cycle: wltc3
    asserted: 900 km
"""

RATINGS = """\
kind: claims
title: ratings
claims:
  - id: rated
    quote: "y"
    kind: ratings
    inputs:
      a: 500 km
      a_cycle: {a_cycle}
      b_cycle: {b_cycle}
      vehicle: mid-sedan
    asserted: 400 km
"""


def _place(text: str, value: str) -> str:
    """'line:col' of ``value`` in ``text`` (1-based), as batcalc reports it."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.rstrip().endswith(f": {value}"):
            return f"{n}:{line.index(value) + 1}"
    raise AssertionError(value)


@pytest.mark.parametrize("command", ["check", "lint"])
def test_an_unknown_cycle_is_reported_at_the_cycle(run, write, command):
    path = write("cycles.yaml", BLOCK)
    out = run(command, path)
    assert out.exit_code == 2
    text = (out.stdout + out.stderr).strip()
    assert text.startswith(f"{path}:{_place(BLOCK, 'wltc3')}: unknown cycle 'wltc3'"), text
    assert _place(BLOCK, "wltc3") == "11:14" and len(text.splitlines()) == 1


@pytest.mark.parametrize("a_cycle, b_cycle, bad", [("cltcx", "wltp", "cltcx"), ("cltc", "wltc3", "wltc3")])
def test_a_ratings_claim_names_the_cycle_that_is_unknown(run, write, a_cycle, b_cycle, bad):
    text = RATINGS.format(a_cycle=a_cycle, b_cycle=b_cycle)
    path = write("ratings.yaml", text)
    out = run("check", path)
    assert out.exit_code == 2
    assert out.stderr.strip() == (f"{path}:{_place(text, bad)}: unknown cycle '{bad}': use wltp (WLTC class 3b), "
                                  f"udds, hwfet, us06, sc03, cltc (CLTC-P), nedc, a trace file such as 'my-trace.csv', "
                                  f"or a constant speed such as '100 km/h'")


def test_a_rating_that_is_no_cycle_is_still_read(run, write):
    path = write("ratings.yaml", RATINGS.format(a_cycle="epa", b_cycle="wltp"))
    out = run("check", path)
    assert out.exit_code in (0, 1) and "rated" in out.stdout, out.output


FAR = """\
kind: claims
title: far
claims:
  - id: far
    quote: "the same range, far lighter"
    kind: same-range
    inputs:
      a: gac-aion-ssb-300
      b: gac-aion-ssb-350
      vehicle: mid-sedan
      range: 50000 km
    asserted: 10 %
"""


@pytest.mark.parametrize("command", ["check", "lint"])
def test_an_error_of_the_inputs_as_a_whole_is_at_the_inputs_key(run, write, command):
    """'no pack reaches 50000 km' concerns the claim's inputs together: it was reported at the line of
    their first key ('a:'), as if 'a' were wrong; it is at the 'inputs:' key."""
    path = write("far.yaml", FAR)
    out = run(command, path)
    assert out.exit_code == 2
    line = FAR.splitlines().index("    inputs:") + 1                  # 7
    text = (out.stdout + out.stderr).strip()
    assert text.startswith(f"{path}:{line}:5: no pack of gac-aion-ssb-300 reaches 50000 km in mid-sedan"), text
