"""The command line, run in-process: exit codes, output formats, one-line errors, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from batcalc.cli.main import main


def test_list_json_is_array_with_ids(run):
    r = run("list", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert isinstance(data, list) and all("id" in d for d in data)
    g = next(d for d in data if d["id"] == "gac-aion-ssb-350")["gravimetric"]
    assert g == {"value": 350.0, "unit": "Wh/kg"}


def test_compare_table_shows_same_mass_and_same_energy(run):
    r = run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350")
    assert r.exit_code == 0
    line = next(ln for ln in r.stdout.splitlines() if ln.startswith("energy at the same mass"))
    assert "x1.167 (+16.7 %)" in line
    line = next(ln for ln in r.stdout.splitlines() if ln.startswith("mass at the same energy"))
    assert "x0.8571 (-14.3 %)" in line


def test_compare_json(run):
    r = run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "json")
    data = json.loads(r.stdout)
    t = data["tradeoffs"]
    assert t["energy_at_same_mass"]["gac-aion-ssb-350"]["ratio"] == pytest.approx(1.1667, abs=1e-4)
    assert t["energy_at_same_mass"]["gac-aion-ssb-350"]["percent"] == pytest.approx(16.67, abs=0.01)
    assert t["mass_at_same_energy"]["gac-aion-ssb-350"]["ratio"] == pytest.approx(0.8571, abs=1e-4)
    grav = next(m for m in data["metrics"] if m["key"] == "gravimetric")
    assert grav["values"]["gac-aion-ssb-350"] == {"value": 350.0, "unit": "Wh/kg"}


def test_compare_baseline_and_imperial(run):
    r = run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "--baseline", "gac-aion-ssb-350",
            "-u", "imperial", "-f", "json")
    data = json.loads(r.stdout)
    assert data["baseline"] == "gac-aion-ssb-350"
    grav = next(m for m in data["metrics"] if m["key"] == "gravimetric")
    assert grav["unit"] == "Wh/lb"
    assert grav["values"]["gac-aion-ssb-300"]["value"] == pytest.approx(300 * 0.45359237)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "grid", "rst", "html"])
def test_other_formats(run, fmt):
    r = run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", fmt)
    assert r.exit_code == 0 and "gac-aion-ssb-350" in r.stdout
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.stdout)))
        assert rows[0][:2] == ["metric", "unit"]


@pytest.mark.parametrize("given, wanted", [("JSON", "json"), ("Csv", "csv"), ("MD", "markdown"), ("GRID", "grid")])
def test_format_names_are_case_insensitive(run, given, wanted):
    """`-o x.JSON` wrote JSON (an extension is read case aside) but `-f JSON` was refused as an unknown format;
    a format name is now read case aside too: the same output as the lower-case name. An unknown one is still
    refused, exit 2."""
    args = ("show", "tesla-4680", "-f")
    r = run(*args, given)
    assert r.exit_code == 0 and r.stdout == run(*args, wanted).stdout
    bad = run(*args, "XML")
    assert bad.exit_code == 2 and "unknown format" in bad.output


def test_show_llcb_calls_out_unstated_start(run):
    r = run("show", "huineng-llcb")
    assert r.exit_code == 0
    assert "start SoC not stated" in r.stdout
    # 0 -> 80 % in 12 min = 0.8 / 0.2 h = 4 C; 10 -> 80 % = 0.7 / 0.2 h = 3.5 C
    assert "0->80 %: 4 C average" in r.stdout and "10->80 %: 3.5 C average" in r.stdout
    data = json.loads(run("show", "huineng-llcb", "-f", "json").stdout)
    claim = data["charge_claims"][0]
    assert claim["start_soc_stated"] is False
    assert [w["average_c_rate"]["value"] for w in claim["windows"]] == pytest.approx([4.0, 3.5])


def test_convert(run):
    r = run("convert", "350 Wh/kg", "kJ/g")
    assert r.exit_code == 0 and r.stdout.strip() == "350 Wh/kg = 1.26 kJ/g"
    data = json.loads(run("convert", "15 kWh/100km", "MPGe", "-f", "json").stdout)
    assert data["to"]["value"] == pytest.approx(1 / 0.15 / 1.609344 * 33.705)


def test_bad_spec_file_is_one_line_with_location(run, write):
    path = write("bad.yaml", """
        kind: cell
        id: bad
        name: Bad
        energy_density:
          gravimetric: 350 km/kg
        """)
    r = run("show", path)
    assert r.exit_code == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:5:16: ") and "specific energy" in lines[0] and "Wh/kg" in lines[0]
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("args, fragment", [
    (["show", "no-such-cell"], "no cell 'no-such-cell'"),
    (["compare", "gac-aion-ssb-300"], "at least two cells"),
    (["convert", "350 Wh/kg", "km"], "dimensions differ"),
    (["convert", "abc", "km"], "malformed value"),
    (["list", "-f", "nope"], "unknown format"),
])
def test_bad_input_exit_2_one_line(run, args, fragment):
    r = run(*args)
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1 and fragment in r.stderr


@pytest.mark.parametrize("args, fragment", [
    (["show"], "Missing argument 'NAME'"),
    (["frobnicate"], "No such command"),
    (["list", "--units", "cubits"], "'cubits' is not one of"),
])
def test_usage_errors_are_one_line_from_the_console_script(capsys, args, fragment):
    with pytest.raises(SystemExit) as exc:
        main(args)
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert len(err.strip().splitlines()) == 1 and fragment in err


def test_console_script_success_exit_0(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["convert", "1 mi", "km"])
    assert exc.value.code == 0 and "1.60934 km" in capsys.readouterr().out


def test_range_command_json_and_explain(run):
    r = run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--pack-mass", "480 kg", "--cycle", "wltp",
            "--explain", "-f", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    res = data["results"]
    assert res["pack_energy"] == {"value": pytest.approx(117.6), "unit": "kWh"}
    assert res["range"]["unit"] == "km"
    assert res["range"]["value"] == pytest.approx(res["usable_energy"]["value"] * 1000 / res["consumption"]["value"])
    assert any("R = E_usable / c" in s for s in data["explain"])
    assert any("motor rated 239 kW; motor-and-inverter efficiency 84-95 % by load" in a for a in data["assumptions"])


def test_range_imperial_table(run):
    r = run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "-u", "imperial", "--explain")
    assert r.exit_code == 0 and "mi" in r.stdout and "Wh/mi" in r.stdout and "derivation:" in r.stdout


def test_tradeoff_command_range_hold_truck(run):
    r = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "heavy-truck", "--hold", "range",
            "-f", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["summary"]["payload_gained"]["value"] > 400
    assert data["rows"]["range"]["ratio"] == pytest.approx(1.0, abs=1e-6)


def test_tradeoff_same_mass_table(run):
    r = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan")
    line = next(ln for ln in r.stdout.splitlines() if ln.startswith("range "))
    assert "x1.167 (+16.7 %)" in line


def test_sweep_command(run):
    r = run("sweep", "--vehicle", "mid-sedan", "--densities", "300,350 Wh/kg", "--pack-masses", "480 kg",
            "-f", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["cell_density_Wh/kg", "pack_mass_kg", "range_km"]
    assert float(rows[2][2]) / float(rows[1][2]) == pytest.approx(350 / 300, rel=1e-3)


def test_a_sweep_point_with_no_solution_is_an_empty_csv_cell(run):
    # no 100 Wh/kg pack reaches 2100 km in the sedan: the table says 'no solution', JSON null; CSV wrote
    # 'nan', which a spreadsheet reads as a number
    args = ("sweep", "--vehicle", "mid-sedan", "--densities", "100 Wh/kg", "--ranges", "2100,500 km")
    rows = list(csv.reader(io.StringIO(run(*args, "-f", "csv").stdout)))
    points = json.loads(run(*args, "-f", "json").stdout)["points"]
    assert rows[1][2] == "" and points[0]["pack_mass"]["value"] is None
    assert float(rows[2][2]) == pytest.approx(points[1]["pack_mass"]["value"], rel=1e-9)
    assert "no solution" in run(*args).stdout


@pytest.mark.parametrize("args, fragment", [
    (["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--pack-mass", "480 kWh"], "--pack-mass"),
    (["range", "gac-aion-ssb-350", "--vehicle", "no-such-vehicle"], "no vehicle 'no-such-vehicle'"),
    (["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--cycle", "jc08"], "unknown cycle"),
    (["range", "catl-shenxing-lfp", "--vehicle", "mid-sedan"], "no gravimetric energy density"),
    (["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--hold", "volume"], "--hold"),
    (["sweep", "--vehicle", "mid-sedan", "--pack-masses", "1:0:1 kg"], "stop >= start"),
    (["sweep", "--vehicle", "mid-sedan"], "give --pack-masses"),
    (["sweep", "--vehicle", "mid-sedan", "--densities", "1:10000:1 Wh/kg", "--pack-masses", "1:1000:1 kg"],
     "more than 20000;"),
    (["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--f-mass", "150 %"], "--f-mass"),
    (["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--f-mass", "1_0"], "--f-mass"),
    (["charge", "huineng-llcb", "--to", "120 %", "--time", "12 min"], "--to"),
    (["sweep", "--vehicle", "mid-sedan", "--densities", "1:1e12:1e-3 Wh/kg", "--pack-masses", "400 kg"],
     "more than 20000 points"),
    (["sweep", "--vehicle", "mid-sedan", "--densities", "1e999:1e999:1 Wh/kg", "--pack-masses", "400 kg"],
     "--densities"),
])
def test_vehicle_commands_bad_input(run, args, fragment):
    r = run(*args)
    assert r.exit_code == 2, r.stdout
    assert len(r.stderr.strip().splitlines()) == 1 and fragment in r.stderr, r.stderr


def test_convert_refuses_angles(run):
    # pint reads 'cycles' as 2 pi rad: 800 cycles would silently become 5026.5
    for args in (["convert", "800 cycles", "1"], ["convert", "3 rad", "1"]):
        r = run(*args)
        assert r.exit_code == 2 and "angle" in r.stderr, r.stdout
    r = run("convert", "1 rpm", "Hz")               # outside the vocabulary, with pint's reading named
    assert r.exit_code == 2 and "revolutions_per_minute" in r.stderr


def test_debug_keeps_exit_code(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--debug", "show", "no-such-cell"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "Traceback" in err and "no cell 'no-such-cell'" in err


def test_new_force_replaces(run, tmp_path):
    path = tmp_path / "keep.yaml"
    path.write_text("mine")
    assert run("new", "cell", "x", "-o", str(path)).exit_code == 2 and path.read_text() == "mine"
    assert run("new", "cell", "x", "-o", str(path), "--force").exit_code == 0 and "kind: cell" in path.read_text()


def test_implausible_vehicle_and_overweight_warnings(run, write):
    path = write("v.yaml", """
        kind: vehicle
        id: v
        name: V
        mass_without_battery: 1300 kg
        payload: 100 kg
        max_gross_mass: 1000 kg
        drag_coefficient: 0.23
        frontal_area: 2.2 m^2
        rolling_resistance: 0.007
        reference_pack: {energy: 60 kWh, mass: 400 kg}
        """)
    r = run("range", "gac-aion-ssb-350", "--vehicle", path)
    assert r.exit_code == 0 and "above v's max gross mass 1000 kg" in r.stdout
    bad = write("bad.yaml", open(path).read().replace("drag_coefficient: 0.23", "drag_coefficient: 23"))
    r = run("range", "gac-aion-ssb-350", "--vehicle", bad)
    assert r.exit_code == 2 and "bad.yaml:7:19:" in r.stderr and "not plausible" in r.stderr


def test_unit_slip_is_called_out(run, write):
    path = write("slip.yaml", """
        kind: cell
        id: slip
        name: Slip
        electrical: {energy: 18 Wh}
        physical: {mass: 70 kg}
        energy_density: {gravimetric: 257 Wh/kg}
        """)
    r = run("show", path)
    assert "x999.4 apart: a unit slip?" in r.stdout


def _main_result(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


@pytest.mark.parametrize("argv, code, fragment", [
    (["compare"], 2, "batcalc compare: error: Missing argument"), (["list", "--units", "cubits"], 2, "'cubits'"),
    (["comapre", "a"], 2, "batcalc: error: No such command"),
    (["convert", "-5 kWh", "J"], 2, "put the options first, then --"),
    (["compare", "--help"], 0, "Usage: batcalc compare"),
    (["plot", "ragone", "--help"], 0, "Usage: batcalc plot ragone"),
    (["--debug", "convert", "1 mi", "km"], 0, "1 mi = 1.60934 km"), (["show", "no-such-cell"], 2, "no cell"),
])
def test_console_script_errors_are_one_line_through_public_typer_exceptions(capsys, argv, code, fragment):
    got, out, err = _main_result(capsys, argv)
    assert got == code and fragment in (out if code == 0 else err)
    if code == 2:
        assert err.count("\n") == 1 and not out, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("args", [["new", "cell", "x"], ["plot", "ragone"]])
def test_force_never_replaces_a_pipe_or_device(run, tmp_path, args):
    fifo = tmp_path / "out.png"
    os.mkfifo(fifo)
    r = run(*args, "-o", str(fifo), "--force")
    assert r.exit_code == 2 and "not a regular file" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("name", ["x" * 300 + ".yaml", "a-file.txt/x.yaml"])
def test_new_to_an_impossible_path_is_one_line_exit_2(run, tmp_path, name):
    (tmp_path / "a-file.txt").write_text("keep me")
    r = run("new", "cell", "x", "-o", str(tmp_path / name))
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and "cannot write" in r.stderr
    assert (tmp_path / "a-file.txt").read_text() == "keep me"


def test_plot_to_an_over_long_file_name_is_one_line_exit_2(run, tmp_path):
    r = run("plot", "ragone", "-o", str(tmp_path / ("x" * 300 + ".png")))
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and "cannot write" in r.stderr


def test_json_keeps_significant_digits_of_tiny_and_huge_numbers(run):
    data = json.loads(run("convert", "1 mWh", "TWh", "-f", "json").stdout)
    assert data["to"]["value"] == pytest.approx(1e-15, rel=1e-12)
    data = json.loads(run("convert", "1 TWh", "mWh", "-f", "json").stdout)
    assert data["to"]["value"] == pytest.approx(1e15, rel=1e-12)


def _hinted(capsys, argv: list[str]) -> list[str]:
    """The command line the negative-value hint of ``batcalc ARGV`` suggests (one error line, exit 2)."""
    import shlex

    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and len(err.strip().splitlines()) == 1
    assert "a negative value? put the options first, then -- and the arguments, e.g. batcalc " in err
    return shlex.split(err.split(", e.g. ", 1)[1].split(" (see '", 1)[0])


@pytest.mark.parametrize("argv, hint", [
    (["convert", "-5 kWh", "J"], ["convert", "--", "-5 kWh", "J"]),
    # the command's own form, its options before the -- (after it they would be arguments): it was
    # 'batcalc convert -- ...' for every command
    (["normalise", "-5 km", "--from", "cltc", "--to", "wltp", "-v", "mid-sedan"],
     ["normalise", "--from", "cltc", "--to", "wltp", "-v", "mid-sedan", "--", "-5 km"]),
    (["normalise", "--from=cltc", "-5 km", "--to", "wltp", "--bands", "--vehicle", "mid-sedan"],
     ["normalise", "--from=cltc", "--to", "wltp", "--bands", "--vehicle", "mid-sedan", "--", "-5 km"]),
])
def test_a_negative_value_read_as_an_option_gets_a_hint_that_parses(capsys, argv, hint):
    suggested = _hinted(capsys, argv)
    assert suggested == ["batcalc", *hint]
    with pytest.raises(SystemExit):             # the hint is read as meant: the value reaches the command
        main(suggested[1:])
    assert "No such option" not in capsys.readouterr().err


def test_notes_show_control_characters_escaped_and_html_notes_escaped(run):
    args = ["claim", "ratio", "a=100 Wh/kg", "b=150 Wh/kg", "--asserted", "1.5x", "--quote", "hi \x1b[31m <b>"]
    assert "\x1b" not in run(*args).stdout and "\\x1b[31m" in run(*args).stdout
    html = run(*args, "-f", "html").stdout
    assert "<b>" not in html and "&lt;b&gt;" in html


_PINT_PROBE = """
import sys
from batcalc.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(code, "pint" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize("argv", [
    ["convert", "1 kWh", "Wh"], ["convert", "16 kWh/100km", "MPGe"],
    ["sweep", "--vehicle", "mid-sedan", "--densities", "200:400:50 Wh/kg", "--pack-masses", "400, 500 kg"],
    ["sweep", "--vehicle", "mid-sedan", "--densities", "250,300 Wh/kg", "--ranges", "300,400 mi", "-u", "imperial"],
    ["range", "gac-aion-ssb-350", "--vehicle", "heavy-truck"],                  # its default: 80 km/h
    ["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--cycle", "100 km/h"],
])
def test_common_units_and_constant_speed_cycles_never_load_pint(argv):
    """In a fresh interpreter (nothing cached): pint is never imported, so its registry is never built."""
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[1])
    r = subprocess.run([sys.executable, "-c", _PINT_PROBE, *argv], capture_output=True, text=True, cwd=root,
                       env={**os.environ, "PYTHONPATH": root}, timeout=60)
    assert r.stderr.splitlines()[-1] == "0 False", r.stderr
    assert r.stdout.strip()


def test_an_uncommon_unit_still_goes_through_pint(run):
    r = run("convert", "3 mile", "m")            # in the vocabulary, not in the precomputed table
    assert r.exit_code == 0 and "4828" in r.stdout


def test_version(run):
    import batcalc

    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"batcalc {batcalc.__version__}"
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    assert "version" in project["dynamic"] and "version" not in project      # one place: batcalc/__init__.py


@pytest.mark.parametrize("argv", [
    ["gac-aion-ssb-300", "gac-aion-ssb-300"],
    ["gac-aion-ssb-350", "gac-aion-ssb-300", "gac-aion-ssb-300", "-b", "gac-aion-ssb-300"],
])
def test_compare_refuses_a_cell_given_twice(run, argv):
    # it showed both columns as '(baseline)' and dropped the ratio rows
    r = run("compare", *argv)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip() == ("batcalc: error: 'gac-aion-ssb-300' is given twice: compare needs different cells, "
                                "each once")


@pytest.mark.parametrize("argv, message", [
    (["compare", "gac-aion-ssb-300", "mid-sedan"],
     "'mid-sedan' is a vehicle in the catalogue, not a cell: give a cell id or path here (see 'batcalc list')"),
    (["range", "mid-sedan", "-v", "mid-sedan"],
     "'mid-sedan' is a vehicle in the catalogue, not a cell: give a cell id or path here (see 'batcalc list')"),
    (["range", "gac-aion-ssb-300", "-v", "gac-aion-ssb-300"],
     "'gac-aion-ssb-300' is a cell in the catalogue, not a vehicle: give a vehicle id or path here (see "
     "'batcalc list --kind vehicle')"),
    (["compare", "gac-aion-ssb-300", "seed-article"],
     "'seed-article' is a claims file in the catalogue, not a cell: give a cell id or path here (see "
     "'batcalc list')"),
])
def test_an_id_of_another_kind_is_named_as_such(run, argv, message):
    # it said "no cell 'mid-sedan' in the catalogue", as for a typo
    r = run(*argv)
    assert r.exit_code == 2 and r.stderr.strip() == f"batcalc: error: {message}"


@pytest.mark.parametrize("name, what", [
    ("seed-article", "a claims file in the catalogue (check its claims with 'batcalc check seed-article')"),
    ("ccs2", "a charger in the catalogue (its limits: 'batcalc list --kind charger')"),
    ("typical-dc-lfp", "a charge taper in the catalogue (its shape: 'batcalc list --kind taper')"),
])
def test_show_names_a_catalogue_id_it_does_not_show(run, name, what):
    """``show seed-article`` said it was 'not a cell: give a cell id or path here', though show takes vehicles
    and cycles too; ``show ccs2`` (a charger that ``list --kind charger`` lists) said 'no cell 'ccs2' in the
    catalogue ... no vehicle or cycle of that name either', as for a typo. Each now says what the id is and
    which command takes it."""
    r = run("show", name)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip() == f"batcalc: error: {name!r} is {what}: show takes a cell, vehicle or cycle"
    assert name in run("list", "--kind", {"seed-article": "claim", "ccs2": "charger"}.get(name, "taper")).stdout


@pytest.mark.parametrize("system", ["metric", "imperial"])
def test_compare_table_heads_its_first_column_quantity_in_every_unit_system(run, system):
    """The table's first column was headed 'metric', which read as the unit system under --units imperial;
    the machine formats keep their key (csv column 'metric', json 'metrics')."""
    r = run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "--units", system)
    assert r.exit_code == 0 and r.stdout.split()[:2] == ["quantity", "unit"]


@pytest.mark.parametrize("argv, kind", [(["list", "cells"], "cell"), (["list", "vehicles", "-f", "csv"], "vehicle"),
                                        (["list", "taper"], "taper"), (["list", "everything"], "cell")])
def test_list_given_a_kind_as_an_argument_says_it_is_an_option(capsys, argv, kind):
    """``batcalc list cells`` said only 'Got unexpected extra argument(s) (cells)'; it now says that the kind
    is an option and how to give it, and the command it suggests lists that kind."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and len(err.strip().splitlines()) == 1
    assert (f"; the kind is an option: batcalc list --kind {kind} (cell, vehicle, cycle, claim, charger or taper) "
            "(see 'batcalc list --help')") in err
    with pytest.raises(SystemExit) as exc:
        main(["list", "--kind", kind, "-f", "csv"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("id,")


@pytest.mark.parametrize("speed", ["0 km/h", "1000 km/h", "-5 km/h", "500 mph"])
def test_show_of_a_constant_speed_out_of_range_says_the_range(run, speed):
    """``show "100 km/h"`` shows a constant-speed cycle, but ``show "0 km/h"`` or ``"1000 km/h"`` said it was
    'a value, not a cell ... no vehicle or cycle of that name either'; it now gives the speed's range
    (500 mph is 500 x 1.609344 = 804.7 km/h, above 720 km/h)."""
    r = run("show", "--", speed)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip() == f"batcalc: error: constant speed {speed!r} must be above 0 and at most 720 km/h"
    assert 500 * 1.609344 > 720 and run("show", "720 km/h").exit_code == 0


@pytest.mark.parametrize("value", ["350 Wh/kg", ".5 kg", "75 kWh"])
def test_show_of_a_value_says_what_show_takes(run, value):
    """``show "350 Wh/kg"`` said "is a value, not a cell: give ... a cell spec (...) (no vehicle or cycle of that
    name either: ...)", two messages run together, naming cells only; it now says what show takes, a speed
    among them (``show "100 km/h"``: 100 km in its hour)."""
    r = run("show", value)
    assert r.exit_code == 2 and r.stderr.strip().splitlines() == [
        f"batcalc: error: {value!r} is a value: show takes a cell, vehicle or cycle (a catalogue id, a path, or a "
        "constant speed such as '100 km/h')"]
    speed = json.loads(run("show", "100 km/h", "-f", "json").stdout)
    assert speed["figures"]["distance"]["value"] == pytest.approx(100 * 1.0)
