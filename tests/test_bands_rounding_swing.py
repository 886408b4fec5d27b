"""Twelfth pass: `tradeoff A B --hold range --bands` ranked the usable fraction among what moves the pack
mass saved ("usable-fraction 88.7 % to 96.2 %: 76.95 to 76.95 kg"): its swing was 5.7e-14 kg, rounding.
At the same range the usable fraction cancels: R_A = rho_A f_m f_u m_A / c(m_A) and B's pack solves
rho_B f_m f_u m_B / c(m_B) = R_A, so m_B, and the mass saved, do not depend on f_u (nor on f_m). A swing
within rounding of the result is no swing."""

from __future__ import annotations

import json

import pytest


def _bands(run, *extra):
    out = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--hold", "range",
              "--bands", "-f", "json", *extra)
    assert out.exit_code == 0, out.stderr
    return json.loads(out.stdout)


def test_an_assumption_that_cancels_out_is_not_ranked_as_moving_the_result(run):
    data = _bands(run)
    movers = [s["assumption"] for s in data["sensitivity"]["mass_saved"]]
    assert "usable-fraction" not in movers and "cell-to-pack-mass" not in movers
    # the mass saved is the same at both ends of the usable fraction, to rounding
    fixed = [_bands(run, "--assume", f"usable-fraction={f}")["bands"]["mass_saved"]["central"]["value"]
             for f in ("88.7 %", "96.2 %")]
    assert fixed[0] == pytest.approx(fixed[1], rel=1e-12)
    # the ones that move consumption still rank: the air's density moves c(m), so m_B
    assert {"altitude", "ambient-temperature"} <= set(movers)


def test_the_usable_fraction_still_ranks_where_it_moves_the_result(run):
    out = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "-f", "json")
    swings = {s["assumption"]: s for s in json.loads(out.stdout)["sensitivity"]["range"]}
    usable = swings["usable-fraction"]
    # same pack and vehicle mass: R is proportional to f_usable, so R(96.2 %) / R(88.7 %) = 0.962 / 0.887
    assert usable["result_at_high"]["value"] / usable["result_at_low"]["value"] == pytest.approx(0.962 / 0.887,
                                                                                                 rel=1e-9)
