"""Twelfth pass: with ``--bands``, ``range --explain``, ``range --mpge``, ``tradeoff --explain`` and
``consumption --mpge`` printed the band table and dropped the option unsaid (no derivation, no MPGe row),
exit 0. An option that would be ignored is refused in one line, exit 2, as ``charge --implied`` refuses
the options it would ignore."""

from __future__ import annotations

import pytest

CASES = {
    "range --explain": (["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--explain"], "--explain does not"),
    "range --mpge": (["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--mpge"], "--mpge does not"),
    "range both": (["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--explain", "--mpge"], "--explain and --mpge do"),
    "tradeoff --explain": (["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--explain"],
                           "--explain does not"),
    "consumption --mpge": (["consumption", "-v", "mid-sedan", "--mpge"], "--mpge does not"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_option_a_band_table_would_drop_is_refused(run, name):
    args, said = CASES[name]
    out = run(*args, "--bands")
    assert out.exit_code == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("batcalc: error: ") and said in lines[0]
    assert "go with --bands" in lines[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_without_bands_the_option_still_gives_its_output(run, name):
    args, _said = CASES[name]
    out = run(*args)
    assert out.exit_code == 0, out.stderr
    if "--explain" in args:
        assert "derivation:" in out.stdout
    if "--mpge" in args:
        assert "MPGe" in out.stdout
