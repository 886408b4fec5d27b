"""Twelfth pass: `tradeoff --hold range` in a vehicle whose consumption does not move with mass (a
coast-down F0 at a constant speed) said the same-range pack "saves less than the same-energy estimate
(57.14 kg)" when it saved 57.1428571428571 kg against 57.1428571428572 kg: the same, to rounding. Within
the solve's tolerance (1e-6 kg) the note says "the same as"."""

from __future__ import annotations

import json

import pytest

CAR = """\
kind: vehicle
id: cd-car
name: Coast-down car
class: car
mass_without_battery: 1300 kg
reference_pack: {energy: 60 kWh, mass: 400 kg}
payload: 100 kg
coast_down: {f0: 130 N, f1: 0 N/(km/h), f2: 0.03 N/(km/h)^2}
"""


def test_a_saving_equal_to_the_estimate_is_called_the_same(run, tmp_path):
    path = tmp_path / "cd-car.yaml"
    path.write_text(CAR, encoding="utf-8")
    args = ["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", str(path), "-c", "100 km/h", "--hold", "range"]
    out = run(*args)
    assert out.exit_code == 0, out.stderr
    # F0 + F2 v^2 at a constant speed does not depend on the mass: the same range needs the same energy,
    # 400 kg x 300 / 350 = 342.857 kg of the new cell, 400 - 342.857 = 57.143 kg saved, as estimated
    data = json.loads(run(*args, "-f", "json").stdout)
    assert data["rows"]["pack_mass"]["b"]["value"] == pytest.approx(400 * 300 / 350, rel=1e-9)
    assert "the same as the same-energy estimate (57.14 kg)" in out.stdout
    assert "saves less" not in out.stdout and "saves more" not in out.stdout


def test_a_same_range_claim_states_the_fractions_of_each_cell(tmp_path, run):
    """A same-range claim stated only a's pack assumptions: with a pack-level a (fractions of 1) and a
    cell-level b (0.70 of the cell mass), it said 'cell-to-pack mass fraction 1.00' though b's pack used
    0.70. It states both sides, as ``batcalc tradeoff`` does."""
    (tmp_path / "packcell.yaml").write_text("kind: cell\nid: packcell\nname: Pack-level figure\nenergy_density: "
                                            "{level: pack, gravimetric: 200 Wh/kg}\nsources: []\n", encoding="utf-8")
    claim = run("claim", "same-range", f"a={tmp_path / 'packcell.yaml'}", "b=tesla-4680", "--asserted", "10 kg")
    tradeoff = run("tradeoff", str(tmp_path / "packcell.yaml"), "tesla-4680", "-v", "mid-sedan", "--hold", "range",
                   "-f", "json")
    stated = json.loads(tradeoff.stdout)["assumptions"]
    assert "tesla-4680: cell-to-pack mass fraction 0.70 (cell mass / pack mass; module packs ~0.70, cell-to-pack " \
           "0.80-0.90)" in stated
    assert all(text in claim.stdout for text in stated)
