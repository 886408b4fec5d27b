"""Verdicts over the plausible assumptions (batcalc/claims/bands.py, check --bands, claim --bands)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from batcalc.claims.bands import band_claim, check_file_bands
from batcalc.claims.check import inline_claim
from batcalc.cli.main import app
from batcalc.physics.cells import load_cell
from batcalc.physics.pack import PackOptions
from batcalc.physics.tradeoff import range_of
from batcalc.physics.vehicle import load_vehicle
from batcalc.spec.assumptions import plausible_ranges

runner = CliRunner()
RANGE = ["claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", "pack_mass=480 kg", "cycle=wltp"]


def _by_id(data):
    return {v["id"]: v for v in data["verdicts"]}


def test_seed_article_bands_in_json():
    r = runner.invoke(app, ["check", "seed-article", "--bands", "--format", "json"])
    assert r.exit_code == 1, r.stderr            # the 'three times' claim fails for every assumption
    v = _by_id(json.loads(r.stdout))
    # every derived value has a low, central and high (a difference's, in the claim's own units, too)
    for claim in v.values():
        derived = [b for path, b in claim["bands"].items() if path.split(".")[0] == "derived"]
        assert claim["derived"] is None or derived, claim["id"]
        assert all(b["low"]["value"] <= b["central"]["value"] <= b["high"]["value"] for b in derived)
    # the same-weight ratio is rho_b / rho_a whatever the assumptions: a zero-width band
    ratio = v["gac-three-times-same-weight"]["bands"]["derived"]
    assert ratio["low"]["value"] == ratio["central"]["value"] == ratio["high"]["value"] == pytest.approx(350 / 300)
    assert v["gac-three-times-same-weight"]["verdict"] == "fails"
    # the LLCB charge power and the 1000 km pack rest on the pack fractions and the vehicle: real bands
    power = v["llcb-80-in-12-min"]["bands"]["details.windows.0.battery_power"]
    assert power["low"]["value"] < power["central"]["value"] < power["high"]["value"]
    packs = [b for b in v["llcb-1000-km"]["bands"].values() if b["central"]["unit"] == "kWh"]
    assert packs and all(b["low"]["value"] < b["central"]["value"] < b["high"]["value"] for b in packs)
    assert "cell-to-pack-mass" in v["llcb-1000-km"]["assumptions"]


def test_the_band_of_a_pack_sized_for_a_range_matches_a_hand_calculation():
    # the pack for 1000 km at the highest cell-to-pack fraction: E = R c(m) / f_usable with the cell's
    # density times 0.90; recomputed here from the physics at that corner alone (the other axes central)
    _spec, banded = check_file_bands("seed-article", plausible_ranges())
    b = next(x for x in banded if x.verdict.id == "llcb-1000-km")
    mass_band = next(band for path, (value, band) in b.bands.items() if value.dim == "mass")
    cell, v = load_cell("huineng-llcb"), load_vehicle("mid-sedan")
    # at f_mass 0.9 the pack is lighter than at the central 0.70: the band's low end is at most that
    from batcalc.physics.tradeoff import solve_pack_mass_for_range

    m_hi_fraction, _ = solve_pack_mass_for_range(cell, v, 1000e3, "wltc-3b", PackOptions(f_mass=0.90))
    assert mass_band.low <= m_hi_fraction + 1e-6 < mass_band.central
    assert range_of(cell, v, pack_mass=m_hi_fraction, cycle="wltc-3b",
                    options=PackOptions(f_mass=0.90)).range == pytest.approx(1000e3, rel=1e-6)


def test_a_claim_inside_its_band_depends_and_names_what_decides_it():
    r = runner.invoke(app, RANGE + ["--asserted", "900 km", "--qualifier", "at-least", "--bands", "--format", "json"])
    assert r.exit_code == 0, r.stderr            # depends exits 0
    v = json.loads(r.stdout)["verdicts"][0]
    assert v["verdict"] == "depends" and v["verdict_at_central"] == "holds"
    deciders = {d["assumption"]: d for d in v["deciders"]}
    assert deciders["cell-to-pack-mass"]["holds_if"] == "at least"
    # hand check of the threshold: at a fixed pack mass R is proportional to f_mass, so R = 900 km at
    # f_mass = 0.70 x 900 / R(0.70)
    r070 = range_of(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), pack_mass=480.0, cycle="wltc-3b").range
    # at-least with the precision stated (±0.5 km): holds from 899.5 km
    expected = 0.70 * 899.5e3 / r070
    assert float(deciders["cell-to-pack-mass"]["threshold"][0].rstrip(" %")) / 100 == pytest.approx(expected, rel=1e-3)
    t = runner.invoke(app, RANGE + ["--asserted", "900 km", "--qualifier", "at-least", "--bands"])
    assert "DEPENDS" in t.stdout and "holds if cell-to-pack-mass is at least" in t.stdout


def test_a_window_inside_the_band_is_found_even_when_both_ends_fail():
    # about 1000 km (5 %): fails at the centre (934 km) and at both ends of cell-to-pack-mass
    # (827 and 1201 km), holds in between
    claim = inline_claim("range", {"cell": "gac-aion-ssb-350", "vehicle": "mid-sedan", "pack_mass": "480 kg",
                                   "cycle": "wltp"}, "1000 km")
    b = band_claim(claim, plausible_ranges())
    assert b.verdict.status == "depends" and b.central_status == "fails"
    d = next(d for d in b.deciders if d.axis.id == "cell-to-pack-mass")
    assert d.side == "between"
    r070 = range_of(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), pack_mass=480.0, cycle="wltc-3b").range
    assert d.values[0] == pytest.approx(0.70 * 950e3 / r070, rel=1e-4)
    assert d.values[1] == pytest.approx(0.70 * 1050e3 / r070, rel=1e-4)


def test_holds_and_fails_for_every_assumption_stay_holds_and_fails():
    for asserted, status, code in (("500 km", "holds", 0), ("2000 km", "fails", 1)):
        r = runner.invoke(app, RANGE + ["--asserted", asserted, "--qualifier", "at-least", "--bands", "--format",
                                        "json"])
        assert r.exit_code == code and json.loads(r.stdout)["verdicts"][0]["verdict"] == status


def test_assume_narrows_the_box_of_a_check():
    args = RANGE + ["--asserted", "900 km", "--qualifier", "at-least", "--bands", "--format", "json"]
    # the lowest range of the whole box is 745 km at f_mass 0.62 (R is proportional to f_mass at a
    # fixed pack mass): from 0.80 up it is at least 745 x 0.80 / 0.62 = 961 km, so the claim holds
    narrowed = runner.invoke(app, args + ["--assume", "cell-to-pack-mass=0.8 to 0.9"])
    v = json.loads(narrowed.stdout)["verdicts"][0]
    assert v["verdict"] == "holds", v["deciders"]
    assert v["assumptions"]["cell-to-pack-mass"] == {"low": "80 %", "central": "85 %", "high": "90 %"}
    point = runner.invoke(app, RANGE + ["--asserted", "900 km", "--qualifier", "at-least", "--assume",
                                        "cell-to-pack-mass=0.6"])
    assert point.exit_code == 1 and "FAILS" in point.stdout


def test_bands_without_assumptions_underdetermined_stays():
    r = runner.invoke(app, ["claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", "pack_mass=480 kg",
                            "--asserted", "900 km", "--qualifier", "at-least", "--bands", "--format", "json"])
    v = json.loads(r.stdout)["verdicts"][0]
    assert r.exit_code == 0 and v["verdict"] == "underdetermined"


CLAIMS_WITH_RANGES = """kind: claims
title: ranges in the file
assumptions:
  cell-to-pack-mass: "0.8 to 0.9"
claims:
  - id: r900
    kind: range
    quote: "900 km"
    inputs: {cell: gac-aion-ssb-350, vehicle: mid-sedan, pack_mass: 480 kg, cycle: wltp}
    asserted: 900 km
    qualifier: at-least
"""


def test_a_claims_file_narrows_the_ranges_for_its_claims(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text(CLAIMS_WITH_RANGES, encoding="utf-8")
    r = runner.invoke(app, ["check", str(f), "--bands", "--format", "json"])
    v = json.loads(r.stdout)["verdicts"][0]
    assert v["verdict"] == "holds" and v["assumptions"]["cell-to-pack-mass"]["low"] == "80 %"
    # the command line replaces the file's range
    r = runner.invoke(app, ["check", str(f), "--bands", "--format", "json", "--assume", "cell-to-pack-mass=0.6 to 0.9"])
    assert json.loads(r.stdout)["verdicts"][0]["verdict"] == "depends"
    # without --bands the file's central value (0.85) is used: R = R(0.70) x 0.85 / 0.70
    point = json.loads(runner.invoke(app, ["check", str(f), "--format", "json"]).stdout)["verdicts"][0]
    r070 = range_of(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), pack_mass=480.0, cycle="wltc-3b").range
    assert point["derived"]["value"] * 1e3 == pytest.approx(r070 * 0.85 / 0.70, rel=1e-4)


def test_a_bad_range_in_a_claims_file_is_located(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text(CLAIMS_WITH_RANGES.replace("cell-to-pack-mass:", "cell-to-pak-mass:"), encoding="utf-8")
    r = runner.invoke(app, ["check", str(f), "--bands"])
    assert r.exit_code == 2 and f"{f}:4:3:" in r.stderr and "did you mean 'cell-to-pack-mass'" in r.stderr
    f.write_text(CLAIMS_WITH_RANGES.replace('"0.8 to 0.9"', '"0.9 to 0.8"'), encoding="utf-8")
    r = runner.invoke(app, ["check", str(f)])
    assert r.exit_code == 2 and "above high" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_claim_input_written_as_a_range_carries_into_the_band():
    args = ["claim", "range", "pack_energy=70 to 90 kWh", "vehicle=mid-sedan", "cycle=wltp", "--asserted", "600 km",
            "--qualifier", "at-least", "--format", "json"]
    v = json.loads(runner.invoke(app, args + ["--bands"]).stdout)["verdicts"][0]
    assert v["verdict"] == "depends"
    assert v["assumptions"]["input pack_energy"] == {"low": "70 kWh", "central": "80 kWh", "high": "90 kWh"}
    d = next(d for d in v["deciders"] if d["assumption"] == "input pack_energy")
    # R = E f_u / c holds from 599.5 km (the precision stated): E = 599.5 km x c / 0.93 at the central c
    c = range_of(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), pack_mass=480.0, cycle="wltc-3b").consumption
    assert d["holds_if"] == "at least"
    assert float(d["threshold"][0].split()[0]) == pytest.approx(599.5e3 * c / 0.93 / 3.6e6, rel=1e-3)
    # without --bands the middle of the range is used, and said so
    plain = json.loads(runner.invoke(app, args).stdout)["verdicts"][0]
    assert any("a range, taken at 80 kWh" in a for a in plain["assumptions"])


def test_a_range_in_a_claims_file_input_is_read(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text(CLAIMS_WITH_RANGES.replace("pack_mass: 480 kg", "pack_mass: 450 to 510 kg"), encoding="utf-8")
    v = json.loads(runner.invoke(app, ["check", str(f), "--bands", "--format", "json"]).stdout)["verdicts"][0]
    assert v["assumptions"]["input pack_mass"]["low"] == "450 kg"


def test_bands_do_not_depend_on_the_process_cache_of_vehicles_at_points(tmp_path, monkeypatch):
    """The vehicles at the box's points are kept for the process at most 256 at a time (_AT_POINT); a
    check's own entries keyed by a vehicle's id (consumptions, solves) must stay that vehicle's when
    the process cache lets it go. With the limit at 1 (emptied at nearly every point) the bands are
    those of a limit no run reaches: a freed vehicle's id, reused by the next one, used to hand that
    one the other's consumption (thresholds moved, intervals such as 'between 0.03747 and 0.03748')."""
    import batcalc.claims.check as check
    from batcalc.cache import ByIdentity

    path = tmp_path / "c.yaml"
    path.write_text("kind: claims\nclaims:\n  - id: r\n    quote: range between\n    kind: range\n"
                    "    inputs: {cell: catl-condensed, pack_mass: 315 kg, vehicle: light-truck, cycle: hwfet}\n"
                    "    asserted: [400 km, 500 km]\n    qualifier: between\n", encoding="utf-8")

    def bands_text():
        check._AT_POINT.clear()
        _, banded = check_file_bands(str(path), plausible_ranges())
        b = banded[0]
        return b.verdict.status, [(d.axis.id, d.side, d.values) for d in b.deciders], \
            {k: (band.low, band.high) for k, (_, band) in b.bands.items()}

    monkeypatch.setattr(check, "_AT_POINT", ByIdentity(10 ** 9))
    reference = bands_text()
    monkeypatch.setattr(check, "_AT_POINT", ByIdentity(1))
    for _ in range(3):
        assert bands_text() == reference


# A range claim with no test cycle is judged on four ratings: underdetermined where they disagree.
UNSTATED = ["claim", "range", "pack_energy=70 to 90 kWh", "vehicle=mid-sedan", "--asserted", "600 km"]


def _point_status(energy: str) -> str:
    from batcalc.claims.check import check_inline

    return check_inline("range", {"pack_energy": energy, "vehicle": "mid-sedan"}, "600 km").status


def test_a_claim_underdetermined_somewhere_in_its_box_neither_holds_nor_fails_over_it():
    # the claim at single pack energies inside 70-90 kWh: fails at some, underdetermined at others
    # (the four ratings disagree there); over the box it must not say 'fails' (for every assumption)
    points = {e: _point_status(f"{e} kWh") for e in (70, 76, 80, 90)}
    assert "fails" in points.values() and "underdetermined" in points.values(), points
    r = runner.invoke(app, UNSTATED + ["--bands", "--format", "json"])
    assert r.exit_code == 0, r.stdout             # depends exits 0; 'fails' exited 1
    v = json.loads(r.stdout)["verdicts"][0]
    assert v["verdict"] == "depends" and v["verdict_at_central"] == points[80] == "fails"
    # where it holds nowhere, a decider names where it keeps its central verdict
    d = {x["assumption"]: x for x in v["deciders"]}["input pack_energy"]
    assert d["verdict"] == "fails" and d["holds_if"] == "between"
    low, high = (float(x.split()[0]) for x in d["threshold"])
    assert 76 < low < 80 < high < 90
    assert _point_status(f"{low + 0.05} kWh") == "fails" and _point_status(f"{low - 0.05} kWh") == "underdetermined"
    t = runner.invoke(app, UNSTATED + ["--bands"])
    assert "fails if input pack_energy is between" in t.stdout and "1 depend" in t.stdout


def test_a_figure_missing_where_the_claim_holds_is_banded_only_where_it_is_found_and_says_so():
    # what it would take is there only where the claim does not hold: its band covers those points
    # alone, and the text says so beside 'needed', which every point has
    args = ["claim", "range", "pack_energy=100 kWh", "vehicle=large-suv", "test_cycle=WLTP", "--asserted", "600 km",
            "--bands", "--assume", "usable-fraction=90 %"]
    v = json.loads(runner.invoke(app, args + ["--format", "json"]).stdout)["verdicts"][0]
    needed, take = v["bands"]["needed"], v["bands"]["would_take.1"]
    assert take.get("partial") is True and "partial" not in needed
    assert needed["low"]["value"] < take["low"]["value"] and needed["high"] == take["high"]
    # the low end of 'needed' is where the claim holds: 600 km at 90 % usable needs E = 600 km c / 0.9
    assert v["verdict"] == "depends"
    t = runner.invoke(app, args).stdout
    assert "where the claim does not hold" in t


def test_assumptions_of_a_band_are_shown_in_the_unit_system():
    from batcalc import units

    ranges = plausible_ranges()
    t = ranges["ambient-temperature"]
    assert t.show(t.low) == units.temperature_text(t.low) and t.show(t.low).endswith("°C")
    f = t.show(t.low, "imperial")
    assert f.endswith("°F") and units.parse_temperature(f) == pytest.approx(t.low, abs=0.05)
    r = runner.invoke(app, ["claim", "range", "pack_energy=100 kWh", "vehicle=large-suv", "test_cycle=WLTP",
                            "--asserted", "600 km", "--bands", "--units", "imperial", "--format", "json"])
    v = json.loads(r.stdout)["verdicts"][0]
    box = v["assumptions"]["ambient-temperature"]
    assert all(box[k].endswith("°F") for k in ("low", "central", "high"))
    assert units.parse_temperature(box["central"]) == pytest.approx(ranges["ambient-temperature"].central, abs=0.05)
