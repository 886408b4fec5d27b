"""batcalc.normalise: the Python API's counterpart of `batcalc normalise`, the same numbers."""

from __future__ import annotations

import json

import pytest

import batcalc as bc
from batcalc.errors import BatcalcError


@pytest.mark.parametrize("vehicle,src,dst,pack", [("mid-sedan", "cltc", "wltp", None),
                                                  ("compact-car", "wltp", "epa", None),
                                                  ("large-suv", "nedc", "wltp", "600 kg"),
                                                  ("light-truck", "wltp", "cltc", None),
                                                  ("heavy-truck", "80 km/h", "hwfet", None)])
def test_the_same_numbers_as_the_command(run, vehicle, src, dst, pack):
    args = ["normalise", "700 km", "--from", src, "--to", dst, "-v", vehicle] + (["--pack-mass", pack] if pack else [])
    out = run(*args, "-f", "json")
    assert out.exit_code == 0, out.output
    cli = json.loads(out.stdout)
    api = bc.normalise("700 km", vehicle, from_rating=src, to_rating=dst, **({"pack_mass": pack} if pack else {}))
    assert api.ratio == pytest.approx(cli["ratio"], rel=1e-12)
    assert api.range.to("km").magnitude == pytest.approx(cli["range"]["value"], rel=1e-12)
    assert api.given.to("km").magnitude == pytest.approx(700)
    band = cli["band"]
    assert api.band == (None if band is None else pytest.approx((band["low"], band["high"])))
    assert api.inside_band == cli["inside_band"] and api.warnings == cli["warnings"]


def test_the_ratio_is_the_ratio_of_the_consumptions():
    """R_wltp / R_cltc = c(cltc) / c(wltp), the same energy on both: from batcalc.consumption on each cycle."""
    n = bc.normalise("1000 km", "mid-sedan", from_rating="cltc", to_rating="wltp")
    c_cltc = bc.consumption("mid-sedan", cycle="cltc").consumption
    c_wltp = bc.consumption("mid-sedan", cycle="wltp").consumption
    assert n.ratio == pytest.approx(float(c_cltc / c_wltp), rel=1e-12)
    assert n.range.to("mi").magnitude == pytest.approx(1000 * n.ratio / 1.609344)
    assert n.band == pytest.approx((0.78, 0.88)) and n.inside_band is True     # specs/rating_bands.yaml


def test_errors_name_the_parameters():
    with pytest.raises(BatcalcError, match="from_rating and to_rating are the same rating"):
        bc.normalise("1000 km", "mid-sedan", from_rating="cltc", to_rating="CLTC")
    with pytest.raises(BatcalcError, match="^from_rating: unknown cycle 'xx'"):
        bc.normalise("1000 km", "mid-sedan", from_rating="xx", to_rating="wltp")
    with pytest.raises(TypeError, match="to_rating needs a rating as text"):
        bc.normalise("1000 km", "mid-sedan", from_rating="cltc", to_rating=3)
    with pytest.raises(TypeError, match="km"):
        bc.normalise(1000, "mid-sedan", from_rating="cltc", to_rating="wltp")
    with pytest.raises(BatcalcError, match="positive"):
        bc.normalise("-5 km", "mid-sedan", from_rating="cltc", to_rating="wltp")
    assert "normalise" in bc.__all__
