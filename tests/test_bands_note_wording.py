"""Twelfth pass: `tradeoff A B --bands` (same pack mass) wrote "what moves the B's range most"; a
figure named by its cell takes no article: "what moves B's range most"."""

from __future__ import annotations


def test_a_figure_of_one_cell_takes_no_article(run):
    out = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands")
    assert out.exit_code == 0, out.stderr
    assert "what moves B's range most (each assumption alone" in out.stdout and "the B's" not in out.stdout
    plain = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands")
    assert "what moves the range most (each assumption alone" in plain.stdout
