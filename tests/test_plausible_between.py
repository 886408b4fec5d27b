"""A 'between' claim with a figure left as '?' and a plausible range dropped the range: `claim ratio a=? b="900
Wh/L" --asserted "+30 to +50 %" -q between --plausible "700 to 750 Wh/L"` said only "the baseline a would be
between 600 Wh/L and 692.3 Wh/L", and its JSON said `plausible: true` or `false` of the low bound alone. Each
implied interval is now placed against the range: inside it, partly inside or OUTSIDE (JSON `plausible`: true
only when wholly inside)."""

from __future__ import annotations

import json

import pytest

# a = 900 Wh/L / 1.5 = 600 Wh/L at +50 %, 900 / 1.3 = 692.3 Wh/L at +30 %
ARGS = ["claim", "ratio", "a=?", "b=900 Wh/L", "--asserted", "+30 to +50 %", "-q", "between", "--plausible"]


@pytest.mark.parametrize("plausible, words, flags", [
    ("500 to 750 Wh/L", "(inside the plausible range 500 Wh/L to 750 Wh/L)", True),
    ("700 to 750 Wh/L", "(OUTSIDE the plausible range 700 Wh/L to 750 Wh/L)", False),
    ("650 to 750 Wh/L", "(partly inside the plausible range 650 Wh/L to 750 Wh/L)", False),
    ("500 to 650 Wh/L", "(partly inside the plausible range 500 Wh/L to 650 Wh/L)", False),
])
def test_each_end_of_the_implied_interval_is_placed(run, plausible, words, flags):
    out = run(*ARGS, plausible)
    assert out.exit_code == 0, out.output
    assert f"the baseline a would be between 600 Wh/L and 692.3 Wh/L {words}" in out.stdout
    data = json.loads(run(*ARGS, plausible, "-f", "json").stdout)
    verdict = (data["claims"] if "claims" in data else data["verdicts"])[0]
    assert verdict["details"]["plausible"] == flags


def test_an_expression_claim_too():
    """75 kWh / ? between 180 and 200 kg: ? from 75000 / 200 = 375 to 75000 / 180 = 416.7 Wh/kg."""
    import batcalc as bc

    r = bc.check("expression", expr="75 kWh / ?", asserted="180 to 200 kg", qualifier="between",
                 plausible="300 to 400 Wh/kg")
    assert "'?' would be between 375 Wh/kg and 416.7 Wh/kg (partly inside the plausible range 300 Wh/kg to 400 Wh/kg)" \
        in r.would_take


@pytest.mark.parametrize("extra, take", [
    ([], "the baseline a would be 1 billion yuan"),
    (["--plausible", "0.5 to 1.5 billion yuan"],
     "the baseline a would be 1 billion yuan (inside the plausible range 0.5 billion yuan to 1.5 billion yuan)"),
])
def test_an_implied_figure_keeps_its_words_with_a_plausible_range(run, extra, take):
    """2 billion yuan - a = 1 billion yuan: a = 1 billion yuan. With a plausible range the figure was shown as
    '1.000e+09 yuan', though the derived column and the same claim without the range say '1 billion yuan'."""
    out = run("claim", "difference", "a=?", "b=2 billion yuan", "--asserted", "1 billion yuan", *extra)
    assert out.exit_code == 0 and take in out.stdout, out.stdout


@pytest.mark.parametrize("extra", [[], ["--plausible", "0.5 to 1.5 billion yuan"]])
def test_a_between_claims_implied_interval_keeps_its_words(run, extra):
    """2 billion - a between 0.5 and 1.5 billion yuan: a from 0.5 to 1.5 billion yuan, which was shown as
    'between 500000000 yuan and 1.500e+09 yuan'."""
    out = run("claim", "difference", "a=?", "b=2 billion yuan", "--asserted", "0.5 to 1.5 billion yuan",
              "-q", "between", *extra)
    assert out.exit_code == 0
    assert "the baseline a would be between 0.5 billion yuan and 1.5 billion yuan" in out.stdout, out.stdout
