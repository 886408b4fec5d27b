"""RangeResult.ratings and .sensitivities: what `batcalc range` shows beside the range, from the API."""

from __future__ import annotations

import json

import pytest

import batcalc as bc


@pytest.mark.parametrize("cell,vehicle,args", [("gac-aion-ssb-350", "mid-sedan", ["--pack-mass", "480 kg"]),
                                               ("catl-condensed", "compact-car", []),
                                               ("tesla-4680", "large-suv", ["--cycle", "hwfet"]),
                                               ("byd-blade-lfp", "light-truck", []),
                                               ("huineng-llcb", "heavy-truck", [])])
def test_the_same_figures_as_the_command(run, cell, vehicle, args):
    out = run("range", cell, "--vehicle", vehicle, *args, "-f", "json")
    assert out.exit_code == 0, out.output
    cli = json.loads(out.stdout)
    kwargs = {"pack_mass": args[1]} if args[:1] == ["--pack-mass"] else {"cycle": args[1]} if args else {}
    r = bc.range_of(cell, vehicle, **kwargs)
    assert {k: v.to("km").magnitude for k, v in r.ratings.items()} == pytest.approx(
        {k: v["value"] for k, v in cli.get("ratings", {}).items()}, rel=1e-12)
    assert r.ratings_notes == cli["ratings_notes"]
    s = r.sensitivities
    assert s["range_per_density"].to("km / (Wh / kg)").magnitude == pytest.approx(
        cli["results"]["range_per_density"]["value"], rel=1e-12)
    assert s["consumption_per_100kg"].to("Wh/km").magnitude == pytest.approx(
        cli["results"]["consumption_per_100kg"]["value"], rel=1e-12)


def test_hand_checks():
    """WLTP rating = the range on WLTC 3b; range per Wh/kg = R / rho (range scales with density at the same
    pack mass); the EPA label = 0.7 (0.55 R_UDDS + 0.45 R_HWFET) of the same pack at the same mass."""
    r = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg", cycle="wltp")
    assert r.ratings["wltp"].to("km").magnitude == pytest.approx(r.range.to("km").magnitude, rel=1e-12)
    assert r.sensitivities["range_per_density"].to("km / (Wh / kg)").magnitude == pytest.approx(
        r.range.to("km").magnitude / 350, rel=1e-12)
    udds, hwfet = (bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg", cycle=c).range.to("km").magnitude
                   for c in ("udds", "hwfet"))
    assert r.ratings["epa"].to("km").magnitude == pytest.approx(0.7 * (0.55 * udds + 0.45 * hwfet), rel=1e-12)
    assert bc.range_of("gac-aion-ssb-350", "heavy-truck").ratings == {}


@pytest.mark.parametrize("vehicle,hold", [("mid-sedan", "range"), ("heavy-truck", "range"), ("large-suv", "mass"),
                                          ("compact-car", "range"), ("light-truck", "energy")])
def test_a_tradeoffs_summary_as_the_command_gives_it(run, vehicle, hold):
    out = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", vehicle, "--hold", hold, "-f", "json")
    assert out.exit_code == 0, out.output
    cli = json.loads(out.stdout)["summary"]
    t = bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", vehicle, hold)
    assert t.mass_saved.to("kg").magnitude == pytest.approx(cli["mass_saved"]["value"], rel=1e-12, abs=1e-9)
    if hold == "range":
        assert t.no_feedback_mass_saved.to("kg").magnitude == pytest.approx(cli["no_feedback_mass_saved"]["value"])
    else:
        assert t.no_feedback_mass_saved is None and "no_feedback_mass_saved" not in cli
    if "payload_capacity" in cli:
        assert {k: v.to("kg").magnitude for k, v in t.payload_capacity.items()} == pytest.approx(
            {k: v["value"] for k, v in cli["payload_capacity"].items()})
        # a lighter pack frees the same mass as payload under the same max gross mass
        assert t.payload_gained.to("kg").magnitude == pytest.approx(t.mass_saved.to("kg").magnitude, abs=1e-9)
    else:
        assert t.payload_capacity is None and t.payload_gained is None        # compact-car gives no gross mass
