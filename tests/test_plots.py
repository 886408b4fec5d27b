"""Plots: the data behind each chart equals the calculator's results; files are valid images, never
overwritten without --force, never half-written; without matplotlib the command says how to get it."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batcalc.cli.main import app
from batcalc.cli.plot import plot_app
from batcalc.physics.cells import load_cell
from batcalc.physics.pack import PackOptions
from batcalc.physics.tradeoff import range_of, tradeoff
from batcalc.physics.vehicle import load_vehicle
from batcalc.plots.draw import charge_data, image_format, ragone_data, range_data
from batcalc.spec.catalog import catalog_ids
from batcalc.units import format_number

WH = 3600.0                 # J per Wh
WH_PER_L = 3.6e6            # J/m^3 per Wh/L


@pytest.fixture
def mpl():
    return pytest.importorskip("matplotlib")


@pytest.fixture
def plot():
    """Run ``batcalc plot ...`` in-process (the plot sub-app on its own)."""
    runner = CliRunner()

    def _plot(*args: str):
        return runner.invoke(plot_app, list(args))
    return _plot


@pytest.fixture
def batcalc():
    """Run a main ``batcalc`` command in-process, for the numbers the tables print."""
    runner = CliRunner()

    def _run(*args: str):
        r = runner.invoke(app, list(args))
        assert r.exit_code == 0, r.stderr
        return r.stdout
    return _run


PACK_LEVEL = """\
kind: cell
id: test-pack
name: Test pack-level figures
energy_density:
  level: pack
  gravimetric: 180 Wh/kg
  volumetric: 400 Wh/L
sources:
  - {id: lab, title: Lab test, url: https://example.org/lab, grade: datasheet}
"""


# --------------------------------------------------------------------------- data: Ragone

def test_ragone_points_are_the_cells_figures_in_wh_per_kg_and_wh_per_l():
    cells = [load_cell(i) for i in ("tesla-4680", "huineng-llcb", "byd-blade-lfp")]
    data = ragone_data(cells, "metric")
    assert data["units"] == {"gravimetric": "Wh/kg", "volumetric": "Wh/L"}
    assert [p["id"] for p in data["points"]] == ["tesla-4680", "huineng-llcb", "byd-blade-lfp"]
    for cell, p in zip(cells, data["points"], strict=False):
        assert p["gravimetric"] == pytest.approx(cell.get("gravimetric") / WH, rel=1e-12)
        assert p["volumetric"] == pytest.approx(cell.get("volumetric") / WH_PER_L, rel=1e-12)
        assert p["level"] == "cell"
    # a point is press grade when either of its two figures is (the figures' own grades, from the catalogue)
    expected = {c.id: "press" if "press" in (c.figures["gravimetric"].grade, c.figures["volumetric"].grade)
                else "datasheet" for c in cells}
    assert {p["id"]: p["grade"] for p in data["points"]} == expected
    assert expected["huineng-llcb"] == "press"
    assert data["points"][1]["gravimetric"] == pytest.approx(321)


def test_ragone_numbers_are_what_compare_prints(batcalc):
    ids = ["tesla-4680", "huineng-llcb", "quantumscape-qse-5"]
    for system in ("metric", "imperial"):
        printed = batcalc("compare", *ids, "--units", system)
        rows = {line.split("  ")[0]: line for line in printed.splitlines()}
        grav = next(v for k, v in rows.items() if k.startswith("gravimetric energy density"))
        vol = next(v for k, v in rows.items() if k.startswith("volumetric energy density"))
        for p in ragone_data([load_cell(i) for i in ids], system)["points"]:
            assert re.search(rf"(?<![\d.]){re.escape(format_number(p['gravimetric']))}(?![\d.])", grav), (p, grav)
            assert re.search(rf"(?<![\d.]){re.escape(format_number(p['volumetric']))}(?![\d.])", vol), (p, vol)


def test_ragone_of_the_catalogue_leaves_out_cells_lacking_a_density():
    data = ragone_data([load_cell(i) for i in catalog_ids("cell")], "metric")
    shown = {p["id"] for p in data["points"]}
    left = {lo["id"]: lo["missing"] for lo in data["left_out"]}
    assert shown | set(left) == set(catalog_ids("cell")) and not shown & set(left)
    assert left["catl-condensed"] == ["Wh/L"]
    assert left["catl-shenxing-lfp"] == ["Wh/kg", "Wh/L"]
    for i in shown:
        c = load_cell(i)
        assert c.get("gravimetric") is not None and c.get("volumetric") is not None
    for i in left:
        c = load_cell(i)
        assert c.get("gravimetric") is None or c.get("volumetric") is None


def test_ragone_marks_pack_level_figures(tmp_path):
    path = tmp_path / "test-pack.yaml"
    path.write_text(PACK_LEVEL, encoding="utf-8")
    data = ragone_data([load_cell(str(path)), load_cell("tesla-4680"), load_cell("tesla-4680")], "imperial")
    assert [p["id"] for p in data["points"]] == ["test-pack", "tesla-4680"]          # duplicates dropped
    assert data["points"][0]["level"] == "pack" and data["points"][1]["level"] == "cell"
    assert data["units"] == {"gravimetric": "Wh/lb", "volumetric": "Wh/in^3"}
    assert data["points"][0]["gravimetric"] == pytest.approx(180 * 0.45359237)      # Wh/kg -> Wh/lb
    assert data["points"][0]["volumetric"] == pytest.approx(400 * 0.016387064)      # Wh/L -> Wh/in^3


# --------------------------------------------------------------------------- data: range

def _at(curve: dict, mass: float) -> float:
    """The curve's range at a grid mass (the grid holds the marked masses exactly)."""
    i = min(range(len(curve["pack_mass"])), key=lambda k: abs(curve["pack_mass"][k] - mass))
    assert curve["pack_mass"][i] == pytest.approx(mass, rel=1e-12)
    return curve["range"][i]


def test_range_data_at_the_reference_mass_equals_range_of():
    v = load_vehicle("mid-sedan")
    a, b = load_cell("gac-aion-ssb-300"), load_cell("gac-aion-ssb-350")
    data = range_data([a, b], v, "metric")
    assert data["units"] == {"mass": "kg", "range": "km", "density": "Wh/kg"}
    assert data["reference"]["pack_mass"] == pytest.approx(480)
    for cell, curve in zip((a, b), data["curves"], strict=False):
        expected = range_of(cell, v, pack_mass=480.0).range / 1000
        assert curve["range_at_reference_mass"] == pytest.approx(expected, rel=1e-12)
        assert _at(curve, 480.0) == pytest.approx(expected, rel=1e-9)
    assert data["reference"]["range"] == pytest.approx(range_of(a, v).range / 1000, rel=1e-12)
    # same pack mass: the ranges stand exactly as the densities (x350/300), whatever the consumption model
    ratio = data["curves"][1]["range_at_reference_mass"] / data["curves"][0]["range_at_reference_mass"]
    assert ratio == pytest.approx(350 / 300, rel=1e-12)


def test_range_data_same_range_masses_equal_tradeoff_and_lie_on_the_curves():
    v = load_vehicle("heavy-truck")
    cells = [load_cell(i) for i in ("byd-blade-lfp", "gac-aion-ssb-300", "catl-condensed")]
    data = range_data(cells, v, "metric")
    ref_range = data["reference"]["range"]
    for cell, curve in zip(cells, data["curves"], strict=False):
        t = tradeoff(cells[0], cell, v, "range")
        assert curve["pack_mass_for_reference_range"] == pytest.approx(t.b.pack.mass, rel=1e-12)
        assert _at(curve, curve["pack_mass_for_reference_range"]) == pytest.approx(ref_range, rel=1e-6)
        t = tradeoff(cells[0], cell, v, "mass")
        assert curve["range_at_reference_mass"] == pytest.approx(t.b.range / 1000, rel=1e-12)
    assert "constant 80 km/h" in data["cycle"]


def test_range_data_follows_units_cycle_options_and_pack_level(tmp_path):
    path = tmp_path / "test-pack.yaml"
    path.write_text(PACK_LEVEL, encoding="utf-8")
    v = load_vehicle("mid-sedan")
    opts = PackOptions(f_mass=0.85, f_usable=0.9)
    cells = [load_cell("tesla-4680"), load_cell(str(path))]
    data = range_data(cells, v, "imperial", cycle="hwfet", pack_mass=400.0, options=opts)
    assert data["units"]["mass"] == "lb" and data["units"]["range"] == "mi"
    assert data["reference"]["pack_mass"] == pytest.approx(400 / 0.45359237)
    assert "HWFET" in data["cycle"]
    for cell, curve in zip(cells, data["curves"], strict=False):
        r = range_of(cell, v, pack_mass=400.0, cycle="hwfet", options=opts)
        assert curve["range_at_reference_mass"] == pytest.approx(r.range / 1609.344, rel=1e-12)
        assert _at(curve, 400 / 0.45359237) == pytest.approx(r.range / 1609.344, rel=1e-9)
    # a pack-level density is used as is (no cell-to-pack fraction)
    assert any("pack level" in a for a in data["assumptions"])


# --------------------------------------------------------------------------- data: charge

def test_charge_data_huineng_c_rates_4_and_3_5():
    data = charge_data(load_cell("huineng-llcb"), "metric")
    assert [w["c_rate"] for w in data["windows"]] == pytest.approx([4.0, 3.5])
    assert [w["from_soc"] for w in data["windows"]] == pytest.approx([0.0, 10.0])
    assert all(w["to_soc"] == pytest.approx(80.0) and w["minutes"] == pytest.approx(12.0) for w in data["windows"])
    assert not any(w["start_stated"] for w in data["windows"])
    for w in data["windows"]:             # straight lines: start and end of the window
        assert w["series"]["minutes"] == [0.0, w["minutes"]]
        assert w["series"]["soc"] == [w["from_soc"], w["to_soc"]]
        assert w["series"]["range_added"] is None and w["range_added"] is None


def test_charge_data_equals_what_charge_prints(batcalc):
    for system in ("metric", "imperial"):
        printed = json.loads(batcalc("charge", "huineng-llcb", "--vehicle", "mid-sedan", "--format", "json",
                                     "--units", system))
        data = charge_data(load_cell("huineng-llcb"), system, "mid-sedan")
        assert data["pack_energy"] == pytest.approx(75.0)
        assert len(data["windows"]) == len(printed["windows"]) == 2
        for w, p in zip(data["windows"], printed["windows"], strict=False):
            assert w["c_rate"] == pytest.approx(p["average_c_rate"]["value"], rel=1e-12)
            assert w["battery_power"] == pytest.approx(p["power_at_the_battery"]["value"], rel=1e-12)
            assert w["range_added"] == pytest.approx(p["range_added"]["value"], rel=1e-12)
            assert p["range_added"]["unit"] == data["units"]["range"] == ("km" if system == "metric" else "mi")
            assert w["series"]["range_added"] == [0.0, w["range_added"]]
    assert format_number(data["windows"][0]["battery_power"]) == "300"


def test_charge_data_without_a_claim_is_a_one_line_error():
    from batcalc.errors import BatcalcError

    with pytest.raises(BatcalcError, match="no charge claim"):
        charge_data(load_cell("gac-aion-ssb-300"))


# --------------------------------------------------------------------------- files

def _no_temp_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")], "a temporary file was left"


def test_image_format_from_suffix():
    assert image_format("a.png") == "png" and image_format("b.SVG") == "svg" and image_format("c.pdf") == "pdf"


@pytest.mark.parametrize("args", [
    ("ragone",),
    ("ragone", "tesla-4680", "byd-blade-lfp", "huineng-llcb", "--units", "imperial"),
    ("range", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan"),
    ("range", "byd-blade-lfp", "tesla-4680", "catl-condensed", "--vehicle", "heavy-truck", "--units", "imperial"),
    ("charge", "huineng-llcb", "--vehicle", "mid-sedan"),
    ("charge", "catl-shenxing-lfp"),
    ("charge", "huineng-llcb", "--pack-energy", "100 kWh"),
])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_plots_are_valid_images(mpl, plot, tmp_path, args, suffix):
    out = tmp_path / f"chart{suffix}"
    r = plot(*args, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert f"wrote {out}" in r.stdout
    body = out.read_bytes()
    if suffix == ".png":
        assert body.startswith(b"\x89PNG\r\n\x1a\n")
    elif suffix == ".svg":
        root = ET.fromstring(body)
        assert root.tag.endswith("svg")
    else:
        assert body.startswith(b"%PDF") and b"%%EOF" in body[-64:]
    _no_temp_files(tmp_path)


def test_svg_shows_the_numbers_and_units(mpl, plot, tmp_path):
    """Text stays text in the SVG (svg.fonttype none): the chart's labels can be read back."""
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"
    try:
        out = tmp_path / "range.svg"
        args = ("range", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "-o", str(out))
        assert plot(*args).exit_code == 0
        text = " ".join(t for t in ET.fromstring(out.read_bytes()).itertext())
        v = load_vehicle("mid-sedan")
        a, b = load_cell("gac-aion-ssb-300"), load_cell("gac-aion-ssb-350")
        numbers = [f"{format_number(range_of(c, v, pack_mass=480.0).range / 1000)} km" for c in (a, b)]
        numbers.append(f"{format_number(tradeoff(a, b, v, 'range').b.pack.mass)} kg")     # same range: pack mass
        for expected in numbers + ["range (km)", "pack mass (kg)", "mid-sedan", "WLTC"]:
            assert expected in text, expected
        out = tmp_path / "charge.svg"
        args = ("charge", "huineng-llcb", "--vehicle", "mid-sedan", "--units", "imperial", "-o", str(out))
        assert plot(*args).exit_code == 0
        text = " ".join(t for t in ET.fromstring(out.read_bytes()).itertext())
        for expected in ("4 C average", "3.5 C average", "range added (mi)", "state of charge (%)", "(min)",
                         "start assumed", "straight lines"):
            assert expected in text, expected
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"


def test_ragone_names_left_out_cells_on_stderr(mpl, plot, tmp_path):
    r = plot("ragone", "tesla-4680", "catl-condensed", "-o", str(tmp_path / "r.png"))
    assert r.exit_code == 0, r.stderr
    assert "catl-condensed (no Wh/L)" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_existing_file_is_not_overwritten_without_force(mpl, plot, tmp_path):
    out = tmp_path / "ragone.png"
    out.write_bytes(b"keep me")
    r = plot("ragone", "-o", str(out))
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "--force" in r.stderr and "Traceback" not in r.stderr
    assert out.read_bytes() == b"keep me"
    r = plot("ragone", "-o", str(out), "--force")
    assert r.exit_code == 0, r.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    _no_temp_files(tmp_path)


@pytest.mark.parametrize("name", ["chart.jpg", "chart", "chart.png.txt"])
def test_bad_suffix_is_a_one_line_error(plot, tmp_path, name):
    out = tmp_path / name
    r = plot("charge", "huineng-llcb", "-o", str(out))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and ".png, *.svg or *.pdf" in lines[0], r.stderr
    assert not out.exists()
    _no_temp_files(tmp_path)


def test_missing_folder_and_bad_inputs_are_one_line_errors(mpl, plot, tmp_path):
    for args, fragment in [
        (("ragone", "-o", str(tmp_path / "nope" / "r.png")), "does not exist"),
        (("ragone", "no-such-cell", "-o", str(tmp_path / "r.png")), "no cell 'no-such-cell'"),
        (("ragone", "catl-condensed", "-o", str(tmp_path / "r.png")), "no cell to plot"),
        (("range", "catl-shenxing-lfp", "--vehicle", "mid-sedan", "-o", str(tmp_path / "r.png")), "gravimetric"),
        (("charge", "gac-aion-ssb-300", "-o", str(tmp_path / "r.png")), "no charge claim"),
        (("charge", "huineng-llcb", "--pack-energy", "3 kg", "-o", str(tmp_path / "r.png")), "--pack-energy"),
    ]:
        r = plot(*args)
        assert r.exit_code == 2, (args, r.stdout, r.stderr)
        assert fragment in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert len([line for line in r.stderr.splitlines() if "error" in line]) == 1, r.stderr
    assert not (tmp_path / "r.png").exists()


def test_without_matplotlib_the_command_says_how_to_get_it(plot, tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)          # import matplotlib -> ImportError
    out = tmp_path / "charge.png"
    r = plot("charge", "huineng-llcb", "-o", str(out))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "plotting needs matplotlib: pip install matplotlib" in lines[0], r.stderr
    assert not out.exists()


def test_every_plot_help_ends_with_an_example_that_runs(mpl, plot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    examples = []
    for command in ([], ["density"], ["range"], ["charge"], ["tornado"]):
        r = plot(*command, "--help")
        assert r.exit_code == 0
        description = re.split(r"\n(?:Arguments|Options|Commands):", r.stdout)[0]
        last = description.strip().splitlines()[-1].strip()      # one line: not rewrapped
        assert last.startswith("Example: batcalc plot "), (command, last)
        examples.append(shlex.split(last[len("Example: batcalc plot "):]))
    for args in examples[1:] + examples[:1]:        # the group's example repeats density's file name
        if args[0] == "density" and (tmp_path / "density.png").exists():
            (tmp_path / "density.png").unlink()
        r = plot(*args)
        assert r.exit_code == 0, (args, r.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charge.png", "density.png", "range.png", "tornado.png"]


def test_ragone_is_a_hidden_alias_of_density(mpl, plot, tmp_path):
    """The density chart is named for what it shows; `plot ragone` still works but is not listed."""
    assert "ragone" not in plot("--help").stdout.split("Commands:")[1]
    assert plot("ragone", "tesla-4680", "-o", str(tmp_path / "r.png")).exit_code == 0


def test_density_chart_labels_cells_by_short_names_and_lists_only_what_it_draws():
    from batcalc.plots.draw import short_names

    points = [{"id": "a", "name": "Samsung SDI INR21700-50S"},
              {"id": "b", "name": "A cell with a very long descriptive name that goes on"},
              {"id": "c", "name": "Twin"}, {"id": "d", "name": "Twin"}]
    assert short_names(points) == {"a": "Samsung SDI INR21700-50S", "b": "b", "c": "c", "d": "d"}


def test_cli_without_plotting_does_not_import_matplotlib(tmp_path):
    """Mounted on the main app as cli.py will mount it: --help and other commands stay matplotlib-free,
    and `batcalc plot` works through the real entry point."""
    code = textwrap.dedent("""
        import sys
        from batcalc.cli import main as cli
        try:
            cli.main(sys.argv[1:])
        except SystemExit as exc:
            print("matplotlib" in sys.modules, exc.code, file=sys.stderr)
    """)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))

    def run(*args):
        return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
                              env=env, timeout=120)

    r = run("--help")
    assert r.stderr.strip().endswith("False 0") and "plot" in r.stdout
    r = run("plot", "range", "--help")
    assert r.stderr.strip().endswith("False 0") and "Example: batcalc plot range" in r.stdout
    r = run("plot", "ragone", "-o", "x.gif")
    assert r.stderr.strip().endswith("False 2") and "*.png, *.svg or *.pdf" in r.stderr
    pytest.importorskip("matplotlib")
    r = run("plot", "charge", "huineng-llcb", "-o", "c.png")
    assert r.stderr.strip().endswith("True 0"), r.stderr
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")


def test_charge_plot_draws_at_most_a_chart_full_of_windows(mpl, plot, write, tmp_path):
    from batcalc.plots.draw import MAX_CHARGE_WINDOWS

    claims = "\n".join(f"    - {{to_soc: {50 + i} %, time: {5 + i} min}}" for i in range(MAX_CHARGE_WINDOWS + 4))
    cell = write("many.yaml", "kind: cell\nid: many\nname: Many\n"
                              "electrical: {nominal_voltage: 3.7 V, capacity: 50 Ah}\n"
                              f"charging:\n  claims:\n{claims}\n")
    out = tmp_path / "m.png"
    r = plot("charge", cell, "-o", str(out))
    n = 2 * (MAX_CHARGE_WINDOWS + 4)            # no start SoC given: 0 % and 10 % starts for each claim
    assert r.exit_code == 0 and f"({MAX_CHARGE_WINDOWS} of {n} charge windows)" in r.stdout and out.stat().st_size > 0


def test_a_cell_given_twice_to_a_chart_is_refused_not_dropped(plot, tmp_path, monkeypatch, mpl):
    """A chart labels its cells by id and drew one cell per id: a file reusing a catalogue id (another
    density) was dropped without a word, and a cell named twice drawn once ('1 cells')."""
    monkeypatch.chdir(tmp_path)
    src = Path(__file__).resolve().parent.parent / "specs" / "cells" / "gac-aion-ssb-350.yaml"
    Path("mine.yaml").write_text(src.read_text().replace("gravimetric: 350 Wh/kg", "gravimetric: 400 Wh/kg"))
    Path("p.yaml").write_text(PACK_LEVEL)
    cases = [(("range", "gac-aion-ssb-350", "mine.yaml", "-v", "mid-sedan"),
              "'gac-aion-ssb-350' and 'mine.yaml' both have the id 'gac-aion-ssb-350': a range chart labels "
              "cells by id; give one of them another id"),
             (("range", "gac-aion-ssb-300", "gac-aion-ssb-300", "-v", "mid-sedan"),
              "'gac-aion-ssb-300' is given twice: a range chart needs each cell once"),
             (("density", "p.yaml", "./p.yaml"),
              "'./p.yaml' is given twice (as 'p.yaml': the same file): a density chart needs each cell once")]
    for args, message in cases:
        r = plot(*args, "-o", "out.png")
        assert r.exit_code == 2, (args, r.stdout)
        assert r.stderr.strip().splitlines() == [f"batcalc: error: {message}"]
        assert not Path("out.png").exists()
    r = plot("density", "p.yaml", "-o", "one.png")
    assert r.exit_code == 0 and r.stdout.strip() == "wrote one.png (1 cell)"


def test_vehicle_charts_take_the_conditions_range_takes(mpl, plot, batcalc, tmp_path):
    """`plot range` and `plot tornado` had no --ambient, --altitude, --climate or --extra-mass: a winter
    chart could not be drawn. The range chart's marked ranges are `batcalc range`'s with the same options,
    and its footnote states the conditions; the tornado's title names them."""
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"
    try:
        options = ["--ambient", "-7 °C", "--climate", "heat-pump", "--extra-mass", "200 kg"]
        out = tmp_path / "winter.svg"
        r = plot("range", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", *options, "-o", str(out))
        assert r.exit_code == 0, r.stderr
        text = " ".join(t for t in ET.fromstring(out.read_bytes()).itertext()).replace("\xa0", " ")
        for cell in ("gac-aion-ssb-300", "gac-aion-ssb-350"):
            data = json.loads(batcalc("range", cell, "-v", "mid-sedan", "--pack-mass", "480 kg", *options,
                                      "-f", "json"))
            assert f"{format_number(data['results']['range']['value'])} km" in text, cell
            plain = json.loads(batcalc("range", cell, "-v", "mid-sedan", "--pack-mass", "480 kg", "-f", "json"))
            assert data["results"]["range"]["value"] < plain["results"]["range"]["value"]
        for stated in ("ambient -7.0 °C", "cabin climate (heat-pump)", "extra mass 200 kg", "150 kg + 200 kg"):
            assert stated in text, stated
        out = tmp_path / "tornado.svg"
        r = plot("tornado", "gac-aion-ssb-350", "-v", "mid-sedan", *options, "-o", str(out))
        assert r.exit_code == 0, r.stderr
        text = " ".join(t for t in ET.fromstring(out.read_bytes()).itertext()).replace("\xa0", " ")
        assert "gac-aion-ssb-350 in mid-sedan (-7 °C, heat-pump cabin climate, 200 kg extra mass)" in text
        assert "ambient-temperature" not in text        # the ambient is given: no assumption axis of it
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
    bad = plot("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--climate", "sauna", "-o", str(tmp_path / "x.png"))
    assert bad.exit_code == 2 and "--climate: 'sauna' is not a climate system" in bad.stderr
    assert not (tmp_path / "x.png").exists()


def test_chart_conditions_follow_units_and_say_what_a_measured_consumption_does_not_use(mpl, plot, tmp_path):
    import matplotlib

    measured = tmp_path / "measured.yaml"
    measured.write_text("kind: vehicle\nid: measured-car\nname: Measured car\nmass_without_battery: 1300 kg\n"
                        "payload: 100 kg\nreference_pack: {energy: 60 kWh, mass: 400 kg}\n"
                        "measured_consumption: {value: 150 Wh/km, cycle: WLTP, at_mass: 1800 kg, "
                        "per_100kg: 3 Wh/km}\n", encoding="utf-8")
    matplotlib.rcParams["svg.fonttype"] = "none"
    try:
        def svg_text(*args: str) -> str:
            out = tmp_path / "chart.svg"
            r = plot(*args, "--force", "-o", str(out))
            assert r.exit_code == 0, r.stderr
            return " ".join(t for t in ET.fromstring(out.read_bytes()).itertext()).replace("\xa0", " ")
        imperial = svg_text("tornado", "gac-aion-ssb-350", "-v", "mid-sedan", "--ambient", "-7 °C",
                            "--extra-mass", "200 kg", "--units", "imperial")
        assert f"(19.4 °F, {200 / 0.45359237:.1f} lb extra mass)" in imperial
        unused = svg_text("tornado", "gac-aion-ssb-350", "-v", str(measured), "--ambient", "-7 °C",
                          "--climate", "heat-pump")
        assert "(-7 °C (air not used), heat-pump cabin climate (not used))" in unused
        alone = svg_text("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--extra-mass", "200 kg")
        assert "extra mass 200 kg added to the payload (150 kg + 200 kg)" in alone
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"


def test_charge_chart_takes_the_vehicles_conditions(mpl, plot, batcalc, tmp_path):
    """`plot charge` had no --ambient, --altitude, --climate or --extra-mass, which `batcalc charge` takes:
    the range added drawn is the charge's in those conditions, which the chart states with the note that
    the charge rate does not change."""
    import matplotlib

    options = ["--ambient", "-7 °C", "--climate", "heat-pump"]
    matplotlib.rcParams["svg.fonttype"] = "none"
    try:
        texts = []
        for extra in ([], ["--charger", "ccs-350kw"]):
            out = tmp_path / "charge.svg"
            r = plot("charge", "huineng-llcb", "-v", "mid-sedan", *extra, *options, "--force", "-o", str(out))
            assert r.exit_code == 0, r.stderr
            texts.append(" ".join(t for t in ET.fromstring(out.read_bytes()).itertext()).replace("\xa0", " "))
            assert "ambient -7.0 °C" in texts[-1] and "not the charge rate" in texts[-1], extra
        data = json.loads(batcalc("charge", "huineng-llcb", "-v", "mid-sedan", *options, "-f", "json"))
        plain = json.loads(batcalc("charge", "huineng-llcb", "-v", "mid-sedan", "-f", "json"))
        added = data["windows"][0]["range_added"]["value"]
        assert added < plain["windows"][0]["range_added"]["value"]
        assert format_number(added) in texts[0]
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
    alone = plot("charge", "huineng-llcb", "--ambient", "-7 °C", "-o", str(tmp_path / "x.png"))
    assert alone.exit_code == 2 and "give --vehicle" in alone.stderr and not (tmp_path / "x.png").exists()


def test_the_tornado_title_names_the_ids_of_the_cell_and_the_vehicle(mpl, plot, tmp_path):
    """The tornado's title named the cell and the vehicle as typed: a cell and a vehicle given as files read
    './b.yaml in ./v.yaml'; it names their ids, as `range --bands` titles its table."""
    import matplotlib

    from batcalc.spec.catalog import specs_root

    for name, source in (("b.yaml", "cells/gac-aion-ssb-350.yaml"), ("v.yaml", "vehicles/mid-sedan.yaml")):
        (tmp_path / name).write_bytes((specs_root() / source).read_bytes())
    matplotlib.rcParams["svg.fonttype"] = "none"
    try:
        out = tmp_path / "tornado.svg"
        r = plot("tornado", str(tmp_path / "b.yaml"), "-v", str(tmp_path / "v.yaml"), "-o", str(out))
        assert r.exit_code == 0, r.stderr
        texts = [t.strip() for t in ET.fromstring(out.read_bytes()).itertext()]
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
    assert "gac-aion-ssb-350 in mid-sedan" in texts
    assert not any("b.yaml" in t or "v.yaml" in t for t in texts)
