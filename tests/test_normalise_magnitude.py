"""Twelfth pass: `normalise "1e17 km" --from cltc --to wltp` printed a range of 8.781e+16 km (8.8e19 m),
though results beyond the magnitude limit (1e18 in SI, docs/spec-format.md) are refused as every other
range is (batcalc.units.check_result); the input is within its own limit (1e18 in the unit written)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("given", "refused"), [("1e17 km", True), ("1e14 km", False)])
def test_a_converted_range_beyond_the_magnitude_limit_is_refused(run, given, refused):
    out = run("normalise", given, "--from", "cltc", "--to", "wltp", "-v", "mid-sedan")
    # 1e17 km = 1e20 m, times a WLTP / CLTC ratio near 0.88: beyond 1e18 m; 1e14 km = 1e17 m is within it
    if refused:
        assert out.exit_code == 2 and out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "beyond 1e+18 m" in lines[0] and "the range on cltc converted to wltp" in lines[0]
    else:
        assert out.exit_code == 0, out.stderr
