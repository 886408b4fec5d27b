"""Twelfth pass: `plot charge --help` named --charger, --peak-c-rate, --pack-voltage and --taper as what
draws the charge curve instead of the claim's windows; --from and --to draw it too (a window on the
curve: `plot charge huineng-llcb -v mid-sedan --from 30% --to 90%` wrote 'charge curve, 13.3 min', the
time `batcalc charge --peak-c-rate 4C --from 30% --to 90%` gives). The help says so."""

from __future__ import annotations

import pytest


def test_the_help_names_every_option_that_draws_the_curve(run):
    out = run("plot", "charge", "--help")
    assert out.exit_code == 0
    text = " ".join(out.stdout.split())
    assert "Charge curve (with --charger, --peak-c-rate, --pack-voltage, --taper, --from or --to," in text


def test_from_and_to_draw_the_curve(run, tmp_path):
    pytest.importorskip("matplotlib")
    out = run("plot", "charge", "huineng-llcb", "-v", "mid-sedan", "--from", "30 %", "--to", "90 %",
              "-o", str(tmp_path / "c.png"))
    assert out.exit_code == 0, out.stderr
    assert "(charge curve," in out.stdout
