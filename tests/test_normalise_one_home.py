"""Twelfth pass: `normalise` computed its ratio as c_from / c_to itself, beside the formula's home
(`batcalc.physics.ratings.simulated_ratio`, docs/formulas.md) that the `ratings` claim calls: the two gave
969.385078154055 km and 969.385078154054 km for 700 km EPA -> NEDC in mid-sedan. Both read the home now,
and agree to the last digit."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(("src", "dst"), [("epa", "nedc"), ("cltc", "wltp"), ("udds", "us06")])
def test_normalise_and_the_ratings_claim_give_the_same_number(run, src, dst):
    norm = json.loads(run("normalise", "700 km", "--from", src, "--to", dst, "-v", "mid-sedan", "-f", "json").stdout)
    out = run("claim", "ratings", "a=700 km", f"a_cycle={src}", f"b_cycle={dst}", "vehicle=mid-sedan",
              "--asserted", "600 km", "-f", "json")
    claim = json.loads(out.stdout)
    verdict = (claim.get("claims") or claim.get("verdicts"))[0]
    assert norm["range"]["value"] == verdict["derived"]["value"]
    # and R_to = R_from x ratio, the ratio being R_to / R_from = c_from / c_to
    assert norm["range"]["value"] == pytest.approx(700 * norm["ratio"], rel=1e-14)
