"""Claims on a vehicle that gives only a measured consumption (no road load to drive a cycle with).

A range claim on such a vehicle stopped its whole claims file ("it cannot be run on cycle 'wltc-3b'",
exit 2), even one naming the rating the figure was measured on, which ``batcalc range`` computes; its
other claims got no verdict. Claims that did use the measured figure listed road-load figures the file
never gives (C_rr 0, C_d A 0.000 m^2, ...) and called the figure "simulated consumption".
"""

from __future__ import annotations

import pytest

from batcalc.claims.check import check_file

MEASURED = """\
kind: vehicle
id: mv
name: Measured car
class: car
mass_without_battery: 1500 kg
payload: 100 kg
reference_pack: {energy: 60 kWh, mass: 400 kg}
measured_consumption: {value: 150 Wh/km, cycle: WLTP, at_mass: 2000 kg, per_100kg: 3 Wh/km}
sources: []
"""

#: the same car with a road load: its ratings are anchored to the measured figure
ANCHORED = MEASURED.replace("id: mv", "id: mva") + """\
drag_coefficient: 0.28
frontal_area: 2.3 m^2
rolling_resistance: 0.008
"""

CLAIMS = """\
kind: claims
claims:
  - {id: ok, quote: q, kind: ratio, inputs: {a: 1 km, b: 2 km}, asserted: 2}
  - id: on-wltp
    quote: "418 km on WLTP"
    kind: range
    inputs: {pack_energy: 67.48 kWh, vehicle: mv.yaml, test_cycle: WLTP}
    asserted: 418 km
  - id: no-cycle
    quote: "418 km"
    kind: range
    inputs: {pack_energy: 67.48 kWh, vehicle: mv.yaml}
    asserted: 418 km
  - id: on-epa
    quote: "418 km EPA"
    kind: range
    inputs: {pack_energy: 67.48 kWh, vehicle: mv.yaml, test_cycle: EPA}
    asserted: 418 km
  - id: too-far
    quote: "a range of 600 km"
    kind: range
    inputs: {cell: tesla-4680, pack_mass: 500 kg, vehicle: mv.yaml}
    asserted: 600 km
  - id: lifetime
    quote: "300,000 km"
    kind: lifetime
    inputs: {cycles: 1000, retention: 80 %, pack_energy: 60 kWh, vehicle: mv.yaml}
    asserted: 300000 km
  - id: anchored
    quote: "418 km"
    kind: range
    inputs: {pack_energy: 67.48 kWh, vehicle: mva.yaml, test_cycle: WLTP}
    asserted: 418 km
"""


@pytest.fixture()
def verdicts(tmp_path):
    (tmp_path / "mv.yaml").write_text(MEASURED, encoding="utf-8")
    (tmp_path / "mva.yaml").write_text(ANCHORED, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    _, found = check_file(str(tmp_path / "claims.yaml"))
    return {v.id: v for v in found}


def _text(phrases) -> str:
    from batcalc.report.claims import phrase_text

    return "; ".join(phrase_text(p) for p in phrases)


def test_a_range_claim_on_the_measured_rating_is_judged_on_the_measured_figure(verdicts):
    v = verdicts["on-wltp"]
    # 67.48 kWh x 93 % usable over 150 Wh/km: the reference pack's mass, 400 kg, gives the measured 2000 kg
    assert v.status == "holds" and v.derived.si == pytest.approx(67.48e3 * 0.93 / 150 * 1e3, rel=1e-9)
    notes = _text(v.assumptions)
    assert "C_rr" not in notes and "regeneration" not in notes      # no road load it does not have
    assert "is mv's measured consumption at this mass" in notes and "scale it" not in notes
    assert v.evidence[-1][0] == "mv.yaml (vehicle file; measured consumption)"
    assert verdicts["ok"].status == "holds"                            # the file's other claims are checked


def test_a_range_claim_naming_no_rating_is_underdetermined_by_the_ratings_it_cannot_simulate(verdicts):
    v = verdicts["no-cycle"]
    assert v.status == "underdetermined" and v.derived.si == pytest.approx(67.48e3 * 0.93 / 150 * 1e3, rel=1e-9)
    assert v.missing == ["the test cycle: it holds on WLTP (or mv's road load (drag_coefficient, frontal_area and "
                         "rolling_resistance, or coast_down) to simulate the EPA label (two-cycle), CLTC rating "
                         "(CLTC-P), NEDC rating)"]
    assert "EPA label (two-cycle), CLTC rating (CLTC-P), NEDC rating not given" in _text(v.assumptions)
    assert v.open_over is None           # not judged on every rating: no verdict per test cycle
    # one it fails on the one rating it has is not a fail: the others are not known
    far = verdicts["too-far"]
    assert far.status == "underdetermined" and far.missing[0].startswith("the test cycle: it fails on WLTP (or ")


def test_a_range_claim_on_another_rating_needs_the_road_load(verdicts):
    v = verdicts["on-epa"]
    assert v.status == "underdetermined" and v.derived is None
    assert v.missing == ["mv's road load (drag_coefficient, frontal_area and rolling_resistance, or coast_down) to "
                         "simulate the EPA label (two-cycle)"]


def test_a_claim_using_the_measured_figure_states_no_road_load(verdicts):
    v = verdicts["lifetime"]
    notes = _text(v.assumptions)
    assert "consumption 150 Wh/km: mv on measured consumption (WLTP)" in notes
    assert "C_rr" not in notes and "motor-and-inverter" not in notes
    assert v.evidence[-1][0] == "mv.yaml (vehicle file; measured consumption)"


def test_anchored_ratings_say_both_what_was_measured_and_what_was_simulated(verdicts):
    v = verdicts["anchored"]
    assert v.status == "holds" and v.derived.si == pytest.approx(67.48e3 * 0.93 / 150 * 1e3, rel=1e-9)
    assert v.evidence[-1][0] == "mva.yaml (vehicle file; measured consumption, scaled between ratings by simulation)"
    assert "the others scale it by the road-load model's ratio" in _text(v.assumptions)


def test_a_ratings_claim_on_a_measured_only_vehicle_is_judged_on_the_published_band(tmp_path, run):
    (tmp_path / "mv.yaml").write_text(MEASURED, encoding="utf-8")
    r = run("claim", "ratings", f"vehicle={tmp_path / 'mv.yaml'}", "a=418 km", "a_cycle=wltp", "b_cycle=epa",
            "--asserted", "400 km", "-q", "at-most")
    assert r.exit_code == 0 and "HOLDS" in r.stdout
    assert "mv gives only a measured consumption, no road load: the published band decides" in r.stdout

