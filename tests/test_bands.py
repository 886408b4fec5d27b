"""Bands over the plausible assumptions (batcalc/physics/bands.py, --bands, --assume)."""

from __future__ import annotations

import itertools
import json

import pytest
from typer.testing import CliRunner

from batcalc.cli.main import app
from batcalc.physics.bands import Assumed, Axis, bands, range_bands, threshold
from batcalc.physics.cells import load_cell
from batcalc.physics.pack import PackOptions
from batcalc.physics.tradeoff import range_of
from batcalc.physics.vehicle import load_vehicle
from batcalc.spec.assumptions import plausible_ranges, with_override
from batcalc.spec.catalog import catalog_ids

runner = CliRunner()


@pytest.mark.parametrize("vehicle", catalog_ids("vehicle"))
def test_the_central_point_is_the_point_result(vehicle):
    cell, v = load_cell("gac-aion-ssb-350"), load_vehicle(vehicle)
    point = range_of(cell, v, pack_mass=500.0)
    central = range_of(cell, v.with_assumed(Assumed()), pack_mass=500.0, options=PackOptions.assumed(Assumed()))
    assert central.range == point.range and central.consumption == point.consumption


def test_pack_fractions_scale_the_range_as_a_hand_calculation_says():
    # at a fixed pack mass the vehicle mass and so the consumption do not depend on the pack
    # fractions: R = rho_cell f_mass m_pack f_usable / c, so R is proportional to f_mass and f_usable
    ranges = plausible_ranges()
    b = range_bands(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), ranges, pack_mass=480.0)
    r = b.central["range"]
    swing = {s.axis.id: s for s in b.swings}
    fm, fu = ranges["cell-to-pack-mass"], ranges["usable-fraction"]
    assert swing["cell-to-pack-mass"].at_low["range"] == pytest.approx(r * fm.low / fm.central, rel=1e-12)
    assert swing["cell-to-pack-mass"].at_high["range"] == pytest.approx(r * fm.high / fm.central, rel=1e-12)
    assert swing["usable-fraction"].at_high["range"] == pytest.approx(r * fu.high / fu.central, rel=1e-12)
    # 350 Wh/kg x 0.70 x 480 kg = 117.6 kWh gross at the centre
    assert b.central["pack_energy"] == pytest.approx(350 * 3600 * 0.70 * 480)
    assert b.bands["pack_mass"].width == 0 and b.bands["vehicle_mass"].width == 0


@pytest.mark.parametrize("vehicle, cell", [("mid-sedan", "gac-aion-ssb-300"), ("compact-car", "byd-blade-lfp"),
                                           ("heavy-truck", "huineng-llcb")])
def test_the_band_contains_every_corner_of_the_box(vehicle, cell):
    ranges = plausible_ranges()
    c, v = load_cell(cell), load_vehicle(vehicle)
    b = range_bands(c, v, ranges, pack_mass=600.0)
    ids = [a.id for a in b.axes]
    assert len(ids) <= 10
    for corner in itertools.product(*((ranges[i].low, ranges[i].high) for i in ids)):
        a = Assumed().with_values(dict(zip(ids, corner, strict=False)))
        r = range_of(c, v.with_assumed(a), pack_mass=600.0, options=PackOptions.assumed(a)).range
        assert b.bands["range"].low * (1 - 1e-12) <= r <= b.bands["range"].high * (1 + 1e-12)


def test_only_the_assumptions_a_result_reads_are_axes():
    # mid-sedan states its auxiliary power, so aux-power is no axis; charger-efficiency plays no part in a range
    b = range_bands(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), plausible_ranges(), pack_mass=480.0)
    ids = {a.id for a in b.axes}
    assert "cell-to-pack-mass" in ids and "charger-efficiency" not in ids and "aux-power" not in ids


def test_a_result_that_is_not_monotone_is_sampled_and_its_band_holds_the_minimum():
    ranges = {"x": Axis("x", 0.0, 0.3, 1.0)}

    def fn(a):
        return {"y": (a["x"] - 0.5) ** 2}
    b = bands(fn, ranges, Assumed({"x": 0.3}))
    assert b.sampled == ["y"]
    assert b.bands["y"].high == pytest.approx(0.25) and b.bands["y"].low < 0.001


def test_threshold_finds_where_a_verdict_turns():
    axis = Axis("x", 0.0, 0.2, 1.0)
    t = threshold(lambda a: 3 * a["x"] >= 2.0, Assumed({"x": 0.2}), axis, axis.central, axis.high)
    assert t == pytest.approx(2 / 3, abs=1e-6)
    assert threshold(lambda a: a["x"] > 5, Assumed({"x": 0.2}), axis, axis.central, axis.high) is None


def test_range_bands_on_the_command_line_table_and_json():
    r = runner.invoke(app, ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    band = data["bands"]["range"]
    assert band["low"]["value"] < band["central"]["value"] < band["high"]["value"]
    point = runner.invoke(app, ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--format", "json"])
    assert json.loads(point.stdout)["results"]["range"]["value"] == band["central"]["value"]
    ranked = [t["assumption"] for t in data["sensitivity"]["range"]]
    assert ranked[0] == "cell-to-pack-mass"
    t = runner.invoke(app, ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands"])
    assert t.exit_code == 0 and "what moves the range most" in t.stdout


def test_assume_narrows_a_range_and_fixes_a_point():
    args = ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--format", "json"]
    fixed = json.loads(runner.invoke(app, args + ["--bands", "--assume", "cell-to-pack-mass=0.8"]).stdout)
    assert "cell-to-pack-mass" not in fixed["assumptions"]
    point = json.loads(runner.invoke(app, args).stdout)["results"]["range"]["value"]
    moved = json.loads(runner.invoke(app, args + ["--assume", "cell-to-pack-mass=0.8"]).stdout)
    assert moved["results"]["range"]["value"] == pytest.approx(point * 0.8 / 0.7, rel=1e-3)
    narrowed = with_override(plausible_ranges(), "cell-to-pack-mass", "0.75 to 0.85")
    b = range_bands(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), narrowed, pack_mass=480.0)
    assert b.bands["pack_energy"].low == pytest.approx(350 * 3600 * 0.75 * 480)


@pytest.mark.parametrize("assume, fragment", [("cell-to-pack=0.8", "did you mean 'cell-to-pack-mass'"),
                                              ("cell-to-pack-mass=0.9 to 0.8", "above high"),
                                              ("cell-to-pack-mass", "ID=RANGE"),
                                              ("aux-power=0.8 to 0.9", "aux-power")])
def test_bad_assume_is_one_line_exit_2(assume, fragment):
    r = runner.invoke(app, ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "--assume", assume])
    assert r.exit_code == 2 and fragment in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_consumption_and_tradeoff_bands():
    r = runner.invoke(app, ["consumption", "-v", "compact-car", "--bands", "--format", "json"])
    band = json.loads(r.stdout)["bands"]["consumption"]
    assert band["low"]["value"] < band["central"]["value"] < band["high"]["value"]
    r = runner.invoke(app, ["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands",
                            "--format", "json"])
    ratio = json.loads(r.stdout)["bands"]["range_ratio"]
    # at the same pack mass B's range over A's is rho_B / rho_A whatever the assumptions: a zero-width band
    assert ratio["low"]["value"] == pytest.approx(350 / 300) == ratio["high"]["value"]


def test_plot_tornado_ranks_the_assumptions_and_writes_the_file(tmp_path):
    pytest.importorskip("matplotlib")
    from batcalc.plots.draw import tornado_data
    from batcalc.report.bands import bands_report

    ranges = plausible_ranges()
    b = range_bands(load_cell("gac-aion-ssb-350"), load_vehicle("mid-sedan"), ranges, pack_mass=480.0)
    _h, _r, _n, data = bands_report(b, ranges, "metric", "range", "t")
    bars = tornado_data(data, "range")["bars"]
    swings = [abs(x["at_high"] - x["at_low"]) for x in bars]
    assert swings == sorted(swings, reverse=True) and bars[0]["assumption"] == "cell-to-pack-mass"
    out = tmp_path / "t.png"
    r = runner.invoke(app, ["plot", "tornado", "gac-aion-ssb-350", "-v", "mid-sedan", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = runner.invoke(app, ["plot", "tornado", "gac-aion-ssb-350", "-v", "mid-sedan", "--result", "mass",
                              "-o", str(tmp_path / "u.png")])
    assert bad.exit_code == 2 and "--result must be one of" in bad.stderr


def test_charge_bands_follow_the_charger_efficiency_and_the_pack_voltage():
    r = runner.invoke(app, ["charge", "huineng-llcb", "-v", "mid-sedan", "--bands", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    grid = data["bands"]["windows.0.power_from_the_grid"]
    battery = data["bands"]["windows.0.power_at_the_battery"]["central"]["value"]
    eta = plausible_ranges()["charger-efficiency"]
    # grid power = battery power / charger efficiency: the band's ends are the efficiency's ends
    assert grid["low"]["value"] == pytest.approx(battery / eta.high)
    assert grid["high"]["value"] == pytest.approx(battery / eta.low)
    assert data["sensitivity"]["windows.0.range_added"][0]["assumption"] == "usable-fraction"
    curve = runner.invoke(app, ["charge", "huineng-llcb", "-v", "mid-sedan", "--charger", "ccs-350kw", "--bands",
                                "--format", "json"])
    voltage = json.loads(curve.stdout)["bands"]["pack.voltage"]
    ranges = plausible_ranges()["pack-voltage"]
    # mid-sedan's reference pack states no voltage, so the default's range applies
    assert (voltage["low"]["value"], voltage["high"]["value"]) == (ranges.low, ranges.high)


def test_normalise_bands():
    r = runner.invoke(app, ["normalise", "1000 km", "--from", "cltc", "--to", "wltp", "-v", "mid-sedan", "--bands",
                            "--format", "json"])
    data = json.loads(r.stdout)
    band = data["bands"]["range"]
    point = json.loads(runner.invoke(app, ["normalise", "1000 km", "--from", "cltc", "--to", "wltp", "-v",
                                           "mid-sedan", "--format", "json"]).stdout)["range"]["value"]
    assert band["central"]["value"] == pytest.approx(point)
    assert band["low"]["value"] < band["central"]["value"] < band["high"]["value"]
    assert data["bands"]["given"]["low"]["value"] == data["bands"]["given"]["high"]["value"] == 1000


def test_an_option_given_as_a_range_is_an_axis_of_the_box():
    args = ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--format", "json", "--bands"]
    data = json.loads(runner.invoke(app, args + ["--pack-mass", "400 to 500 kg"]).stdout)
    assert data["assumptions"]["--pack-mass"] == {"low": "400 kg", "central": "450 kg", "high": "500 kg"}
    assert data["bands"]["pack_mass"]["low"]["value"] == 400 and data["bands"]["pack_mass"]["high"]["value"] == 500
    # the pack energy at the central fractions is rho f_mass m: its band's ends come from both boxes
    assert data["bands"]["pack_energy"]["low"]["value"] == pytest.approx(350 * 0.62 * 400 / 1e3)
    assert data["bands"]["pack_energy"]["high"]["value"] == pytest.approx(350 * 0.90 * 500 / 1e3)
    # 'LOW to CENTRAL to HIGH' sets the central value
    three = json.loads(runner.invoke(app, args + ["--pack-mass", "400 to 420 to 500 kg"]).stdout)
    assert three["bands"]["pack_mass"]["central"]["value"] == 420


@pytest.mark.parametrize("args, fragment", [
    (["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--pack-mass", "400 to 500 kg"], "add --bands"),
    (["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "--pack-mass", "500 to 400 kg"], "low end is above"),
    (["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "--pack-mass", "400 to 500 kWh"], "not a mass"),
    (["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "--f-mass", "70 % to 80 %"], "takes one value"),
    (["convert", "1 to 2 kg", "g"], "is a range: give one value"),
])
def test_ranges_where_none_is_read_are_refused_in_one_line(args, fragment):
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and fragment in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_a_range_in_a_cell_file_is_refused_with_its_place(tmp_path):
    f = tmp_path / "cell.yaml"
    f.write_text("kind: cell\nid: x\nname: x\nchemistry: NMC\nformat: pouch\nenergy_density:\n"
                 "  gravimetric: 250 to 300 Wh/kg\nsources:\n  - {id: s, title: t, url: 'https://x.org', "
                 "grade: press}\n", encoding="utf-8")
    r = runner.invoke(app, ["show", str(f)])
    assert r.exit_code == 2 and f"{f}:7:16:" in r.stderr and "is a range" in r.stderr


def test_motor_peak_efficiency_shifts_the_default_map_as_fastsim_does():
    from batcalc.physics.powertrain import FASTSIM_DEFAULT_MAP
    from batcalc.physics.vehicle import powertrain_of

    v = load_vehicle("mid-sedan")
    pt = powertrain_of(v.spec, Assumed().with_values({"motor-peak-efficiency": 0.97}))
    assert pt.motor_map.efficiency == pytest.approx(tuple(min(1.0, e + 0.02) for e in FASTSIM_DEFAULT_MAP.efficiency))
    assert max(pt.motor_map.efficiency) == pytest.approx(0.97)


def test_a_point_of_the_box_the_physics_refuses_is_named():
    r = runner.invoke(app, ["range", "huineng-llcb", "-v", "compact-car", "--bands", "--assume",
                            "altitude=0 m to 20000 m"])
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    # refused as --assume gave it, before the box runs (the eighth pass: it was named at the box's point,
    # "at altitude 2e+04 m")
    assert "--assume altitude=20000 m: altitude 20000 m is outside -500..9000 m" in r.stderr


def test_the_library_gives_bands_as_quantities():
    import batcalc as bc

    r = bc.range_bands("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg")
    cli = json.loads(runner.invoke(app, ["range", "gac-aion-ssb-350", "-v", "mid-sedan", "--pack-mass", "480 kg",
                                         "--bands", "--format", "json"]).stdout)["bands"]["range"]
    assert r["range"].low.to("km").magnitude == pytest.approx(cli["low"]["value"])
    assert r["range"].high.to("km").magnitude == pytest.approx(cli["high"]["value"])
    assert "cell-to-pack-mass" in r.axes and r.ranking()[0][0] == "cell-to-pack-mass"
    with pytest.raises(bc.BatcalcError, match="did you mean 'cell-to-pack-mass'"):
        bc.range_bands("gac-aion-ssb-350", "mid-sedan", assume={"cell-to-pack": "0.8"})
    point = bc.check("range", cell="gac-aion-ssb-350", vehicle="mid-sedan", pack_mass="480 kg", cycle="wltp",
                     asserted="900 km", qualifier="at-least", assume={"cell-to-pack-mass": "0.6"})
    assert point.status == "fails" and point.deciders == []


@pytest.mark.parametrize("assume", ["cell-to-pack-mass=0.8", {"altitude": 5}, {5: "0.8"}, ["cell-to-pack-mass"]])
def test_the_library_refuses_assume_that_is_not_a_dict_of_text(assume):
    import batcalc as bc

    with pytest.raises(TypeError, match="assume takes a dict"):
        bc.range_bands("gac-aion-ssb-350", "mid-sedan", assume=assume)


def test_the_bands_examples_in_the_help_run():
    import re
    import shlex

    from batcalc.cli.main import app as main_app

    found = 0
    for command in main_app.registered_commands:
        doc = command.callback.__doc__ or ""
        for line in doc.splitlines():
            line = line.strip()
            if line.startswith("Example: batcalc ") and "--bands" in line:
                args = shlex.split(line[len("Example: batcalc "):])
                r = runner.invoke(main_app, args)
                assert r.exit_code in (0, 1), (line, r.stderr)
                assert re.search(r"bands|depends|DEPENDS", r.stdout), line
                found += 1
    assert found >= 7        # range, tradeoff, consumption, normalise, charge, check, claim


def test_the_bands_note_names_as_moving_nothing_only_assumptions_that_move_no_figure(run):
    """Bug fix: 'charger-efficiency ... move nothing here' was printed under a charge's bands whose grid
    power it moves (300 kW / 0.95 to 300 kW / 0.85): the note listed the axes that do not move the main
    figure (the range added). It now lists those that move no figure of the table."""
    result = run("charge", "huineng-llcb", "--vehicle", "mid-sedan", "--bands", "--assume",
                 "charger-efficiency=85 % to 95 %")
    assert result.exit_code == 0, result.output
    grid = next(line for line in result.output.splitlines() if line.startswith("0->80 % power from the grid"))
    low, _central, high = (float(x) for x in grid.split()[6:9])
    assert (low, high) == (round(300 / 0.95, 1), round(300 / 0.85, 1))     # kW: 0.8 x 75 kWh / 12 min = 300
    still = result.output.split("move nothing here")[0].rsplit("(", 1)[1]
    assert "charger-efficiency" not in still and "pack-voltage" in still


def test_band_tables_are_titled_with_the_ids_as_the_tables_without_bands(tmp_path, monkeypatch):
    """range --bands and tradeoff --bands titled their table with the arguments as typed ('./a.yaml in
    mid-sedan: bands'), where the table without --bands names the cell's id ('gac-aion-ssb-350 in mid-sedan')."""
    from batcalc.spec.catalog import specs_root

    monkeypatch.chdir(tmp_path)
    for name, source in (("a.yaml", "cells/gac-aion-ssb-300.yaml"), ("b.yaml", "cells/gac-aion-ssb-350.yaml"),
                         ("v.yaml", "vehicles/mid-sedan.yaml")):
        (tmp_path / name).write_bytes((specs_root() / source).read_bytes())

    def first_line(*args: str) -> str:
        r = runner.invoke(app, list(args))
        assert r.exit_code == 0, r.stderr
        return r.stdout.splitlines()[0]

    plain = first_line("range", "./b.yaml", "-v", "./v.yaml")
    assert plain == "gac-aion-ssb-350 in mid-sedan"               # the ids the files give, not their names
    assert first_line("range", "./b.yaml", "-v", "./v.yaml", "--bands") == f"{plain}: bands"
    # tradeoff's table has no title; its columns name A and B by id, in that order
    columns = runner.invoke(app, ["tradeoff", "./a.yaml", "./b.yaml", "-v", "./v.yaml", "-f", "csv"]).stdout
    assert columns.splitlines()[0].split(",")[2:4] == ["gac-aion-ssb-300", "gac-aion-ssb-350"]
    assert first_line("tradeoff", "./a.yaml", "./b.yaml", "-v", "./v.yaml", "--bands") \
        == "gac-aion-ssb-300 -> gac-aion-ssb-350 in mid-sedan (same mass): bands"
