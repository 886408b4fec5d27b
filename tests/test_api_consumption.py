"""batcalc.consumption: the Python API's counterpart of `batcalc consumption`, the same numbers."""

from __future__ import annotations

import json

import pytest

import batcalc as bc
from batcalc.errors import BatcalcError


def _cli(run, *args: str) -> dict:
    out = run("consumption", *args, "-f", "json")
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


@pytest.mark.parametrize("vehicle,cycle,pack", [("mid-sedan", None, None), ("mid-sedan", "udds", "480 kg"),
                                                ("compact-car", "hwfet", "300 kg"), ("heavy-truck", None, None),
                                                ("light-truck", "80 km/h", "500 kg"), ("large-suv", "cltc", None)])
def test_the_same_numbers_as_the_command(run, vehicle, cycle, pack):
    args = ["-v", vehicle] + (["--cycle", cycle] if cycle else []) + (["--pack-mass", pack] if pack else [])
    cli = _cli(run, *args)
    api = bc.consumption(vehicle, **({"cycle": cycle} if cycle else {}), **({"pack_mass": pack} if pack else {}))
    assert api.consumption.to("Wh/km").magnitude == pytest.approx(cli["results"]["consumption"]["value"], rel=1e-12)
    assert api.per_100kg.to("Wh/km").magnitude == pytest.approx(cli["results"]["consumption_per_100kg"]["value"],
                                                                 rel=1e-12)
    assert api.total_mass.to("kg").magnitude == pytest.approx(cli["results"]["vehicle_mass"]["value"])
    assert api.pack_mass.to("kg").magnitude == pytest.approx(cli["results"]["pack_mass"]["value"])
    assert {k: v.to("Wh/km").magnitude for k, v in api.breakdown.items()} == pytest.approx(
        {k: v["value"] for k, v in cli["breakdown"].items()}, rel=1e-12)
    assert api.cycle == cli["cycle"] and api.assumptions == cli["assumptions"] and api.warnings == cli["warnings"]


def test_hand_checks_the_parts_the_slope_and_the_mass():
    """Parts add up to the consumption; the slope is c(m + 100 kg) - c(m), here from two results 100 kg
    of pack apart; the mass is 1270 kg without battery + 480 kg pack + 150 kg payload."""
    c = bc.consumption("mid-sedan", cycle="wltp", pack_mass="480 kg")
    heavier = bc.consumption("mid-sedan", cycle="wltp", pack_mass="580 kg")
    total = c.consumption.to("Wh/km").magnitude
    assert sum(v.to("Wh/km").magnitude for v in c.breakdown.values()) == pytest.approx(total, rel=1e-12)
    assert c.per_100kg.to("Wh/km").magnitude == pytest.approx(heavier.consumption.to("Wh/km").magnitude - total)
    assert c.total_mass.to("kg").magnitude == 1270 + 480 + 150
    assert bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg", cycle="wltp").consumption.to(
        "Wh/km").magnitude == pytest.approx(total, rel=1e-12)


def test_conditions_and_the_reference_pack():
    sedan = bc.load_vehicle("mid-sedan")
    plain, winter = bc.consumption(sedan), bc.consumption(sedan.with_conditions(ambient="-7 °C", climate="resistance"))
    assert winter.consumption > plain.consumption
    assert any("ambient -7.0 °C" in a for a in winter.assumptions)
    assert not any("ambient" in a for a in plain.assumptions)
    assert plain.pack_mass.to("kg").magnitude == pytest.approx(480)      # mid-sedan's reference pack
    assert "reference pack" in plain.assumptions[-1]


def test_a_measured_consumption_has_no_breakdown(tmp_path):
    path = tmp_path / "measured.yaml"
    path.write_text("kind: vehicle\nid: measured-car\nname: Measured car\nmass_without_battery: 1300 kg\n"
                    "payload: 100 kg\nreference_pack: {energy: 60 kWh, mass: 400 kg}\n"
                    "measured_consumption: {value: 150 Wh/km, cycle: WLTP, at_mass: 1800 kg, per_100kg: 3 Wh/km}\n",
                    encoding="utf-8")
    c = bc.consumption(str(path), cycle=None)
    assert c.breakdown == {} and c.consumption.to("Wh/km").magnitude == pytest.approx(150)   # at its own 1800 kg
    assert c.per_100kg.to("Wh/km").magnitude == pytest.approx(3)


def test_bad_inputs():
    with pytest.raises(TypeError, match="kg"):
        bc.consumption("mid-sedan", pack_mass=480)
    with pytest.raises(TypeError, match="cycle"):
        bc.consumption("mid-sedan", cycle=3)
    with pytest.raises(BatcalcError, match="no-such-car"):
        bc.consumption("no-such-car")
    with pytest.raises(BatcalcError):
        bc.consumption("mid-sedan", cycle="no-such-cycle")
    assert "consumption" in bc.__all__ and "consumption" in dir(bc)
