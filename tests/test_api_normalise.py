"""batcalc.normalise: the Python API's counterpart of `batcalc normalise`, the same numbers."""

from __future__ import annotations

import json
import re

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


MEASURED_ONLY = """\
kind: vehicle
id: measured-only
name: Measured only
class: car
mass_without_battery: 1270 kg
reference_pack: {energy: 75 kWh, mass: 480 kg}
payload: 150 kg
measured_consumption: {value: 150 Wh/km, cycle: WLTP, at_mass: 1850 kg, per_100kg: 3 Wh/km}
"""


def test_a_vehicle_without_a_road_load_says_what_it_needs(tmp_path, run):
    """A vehicle that gives only a measured consumption is rated only on the rating it was measured on and
    cannot be normalised: the API's RangeResult.ratings_notes and normalise, and the commands, said "it cannot
    be run on cycle 'udds'" (a cycle the user never named, EPA's) and not what would let it: they name the
    road load it needs. Its one rating is the measured figure at the pack's mass (it showed none)."""
    path = tmp_path / "measured-only.yaml"
    path.write_text(MEASURED_ONLY, encoding="utf-8")
    r = bc.range_of("gac-aion-ssb-350", str(path), pack_mass="480 kg")
    # 480 kg of a 350 Wh/kg cell at 0.70 cell-to-pack: 117.6 kWh, 93 % usable; 1270 + 480 + 150 kg is 50 kg
    # above the measured 1850 kg: 150 + 3 x 0.5 Wh/km
    assert list(r.ratings) == ["wltp"]
    assert r.ratings["wltp"].to("km").magnitude == pytest.approx(480 * 350 * 0.70 * 0.93 / (150 + 3 * 0.5), rel=1e-9)
    needs = "give its drag_coefficient, frontal_area and rolling_resistance (or coast_down)"
    assert len(r.ratings_notes) == 2 and "is measured-only's measured consumption" in r.ratings_notes[0]
    assert r.ratings_notes[1].startswith("EPA label (two-cycle), CLTC rating (CLTC-P), NEDC rating not given")
    assert r.ratings_notes[1].endswith(needs)
    with pytest.raises(BatcalcError, match=r"only a measured consumption; .*" + re.escape(needs) + "$"):
        bc.normalise("500 km", str(path), from_rating="wltp", to_rating="epa")
    out = run("normalise", "500 km", "-v", str(path), "--from", "wltp", "--to", "epa")
    assert out.exit_code == 2 and out.output.count("\n") == 1 and needs in out.output


def test_a_rating_may_be_any_cycle_range_of_takes():
    """normalise's ratings are 'wltp', 'epa', ... "or any cycle range_of takes", but a constant speed given as
    a Quantity, or a trace as a pathlib.Path (both of which range_of takes), was refused ("needs a rating as
    text, got Quantity"). They give what their text gives."""
    by_text = bc.normalise("500 km", "mid-sedan", from_rating="80 km/h", to_rating="wltp")
    by_quantity = bc.normalise("500 km", "mid-sedan", from_rating=bc.Q(80, "km/h"), to_rating="wltp")
    assert by_quantity.ratio == by_text.ratio and by_quantity.from_rating == by_text.from_rating
    assert by_text.ratio != 1.0
    with pytest.raises(TypeError, match="to_rating needs a rating as text"):
        bc.normalise("500 km", "mid-sedan", from_rating="wltp", to_rating=None)


def test_a_trace_given_as_a_path(tmp_path):
    import pathlib

    path = tmp_path / "trace.csv"
    path.write_text("time_s,speed_kmh\n0,0\n10,50\n20,50\n30,0\n", encoding="utf-8")
    by_text = bc.normalise("500 km", "mid-sedan", from_rating=str(path), to_rating="wltp")
    by_path = bc.normalise("500 km", "mid-sedan", from_rating=pathlib.Path(path), to_rating="wltp")
    assert by_path.ratio == by_text.ratio
