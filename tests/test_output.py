"""-o/--output on every command that prints a table: the same text as on the terminal, written whole,
never replacing a file without --force."""

import os
from pathlib import Path

import pytest

COMMANDS = [
    ["list"], ["show", "huineng-llcb"], ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
    ["convert", "16 kWh/100km", "Wh/km", "-f", "csv"], ["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan"],
    ["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan"],
    ["consumption", "--vehicle", "mid-sedan"], ["normalise", "1000 km", "--from", "cltc", "--to", "wltp",
                                                  "--vehicle", "mid-sedan"],
    ["sweep", "--vehicle", "mid-sedan", "--densities", "250:400:50 Wh/kg", "--pack-masses", "300:600:100 kg"],
    ["charge", "huineng-llcb", "--vehicle", "mid-sedan"],
    ["check", "seed-article", "-f", "json"], ["claim", "ratio", "a=250 Wh/kg", "b=432 Wh/kg", "--asserted", "73 %"],
    ["schema", "cell"],          # JSON: docs/usage.md, every command that prints a table or JSON takes -o
]


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
def test_output_file_holds_what_the_terminal_shows(run, tmp_path, args):
    shown = run(*args)
    assert shown.exit_code in (0, 1), shown.stderr
    out = tmp_path / "out.txt"
    written = run(*args, "-o", str(out))
    assert written.exit_code == shown.exit_code and written.stdout == ""
    assert out.read_text(encoding="utf-8") == shown.stdout
    assert written.stderr.strip() == f"wrote {out}"


def test_an_existing_file_is_kept_unless_force(run, tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("mine\n")
    r = run("list", "-f", "csv", "-o", str(out))
    assert r.exit_code == 2 and out.read_text() == "mine\n" and len(r.stderr.strip().splitlines()) == 1
    assert run("list", "-f", "csv", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("id,name")


@pytest.mark.parametrize("mode", [0o640, 0o444, 0o600])
def test_a_file_replaced_with_force_keeps_its_permissions(run, tmp_path, mode):
    """--force replaced the file by a new one with the default mode (0444 became 0644, 0600 readable by
    all): what the user set on their file is kept, as editors and sed -i keep it."""
    import stat

    out = tmp_path / "mine.csv"
    out.write_text("mine\n")
    out.chmod(mode)
    assert run("list", "-f", "csv", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("id,name") and stat.S_IMODE(out.stat().st_mode) == mode
    fresh = tmp_path / "fresh.csv"
    assert run("list", "-f", "csv", "-o", str(fresh)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask        # a new file: the usual mode


def test_the_output_target_does_not_leak_into_the_next_invocation(run, tmp_path):
    run("list", "-o", str(tmp_path / "a.txt"))
    assert run("list").stdout.startswith("id ")


def test_compare_csv_has_numbers_in_their_own_columns(run):
    """Issue 14's judged line: `batcalc compare A B --format csv` parses with numeric columns."""
    import csv
    import io

    r = run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["metric", "unit", "cell", "value", "ratio", "change_percent"]
    grav = {row["cell"]: row for row in rows if row["metric"] == "gravimetric energy density"}
    assert float(grav["gac-aion-ssb-300"]["value"]) == 300 and grav["gac-aion-ssb-300"]["ratio"] == ""
    assert float(grav["gac-aion-ssb-350"]["ratio"]) == pytest.approx(350 / 300, rel=1e-12)
    assert float(grav["gac-aion-ssb-350"]["change_percent"]) == pytest.approx(100 * (350 / 300 - 1), rel=1e-9)


def test_json_records_the_version_and_the_catalogue(run):
    """Issue 14: a JSON result says what made it: batcalc's version and a digest of the catalogue."""
    import json

    import batcalc

    data = json.loads(run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "json").stdout)
    assert data["batcalc"]["version"] == batcalc.__version__
    assert len(data["batcalc"]["catalogue"]) == 12 and int(data["batcalc"]["catalogue"], 16) >= 0
    again = json.loads(run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "-f", "json").stdout)
    assert again["batcalc"] == data["batcalc"]


def test_sweep_json_records_the_version_and_the_catalogue_as_the_other_commands_do(run):
    """sweep built its JSON apart from every other command and left out the provenance block that
    `compare -f json` (and show, range, check ...) carry; both now come from render."""
    import json

    compare = json.loads(run("compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "json").stdout)
    for axis in (["--pack-masses", "400 kg"], ["--ranges", "600 km"]):
        sweep = json.loads(run("sweep", "-v", "mid-sedan", "--densities", "350 Wh/kg", *axis, "-f", "json").stdout)
        assert sweep["batcalc"] == compare["batcalc"]
        assert len(sweep["points"]) == 1                    # the records are still there, one per grid point


def test_check_csv_has_numbers_in_their_own_columns(run):
    import csv
    import io

    rows = {r["claim"]: r for r in csv.DictReader(io.StringIO(run("check", "seed-article", "-f", "csv").stdout))}
    same = rows["gac-three-times-same-weight"]
    assert (same["verdict"], float(same["claimed"]), same["needed_unit"]) == ("fails", 3.0, "Wh/kg")
    assert float(same["derived"]) == pytest.approx(350 / 300, rel=1e-12)
    assert rows["llcb-1000-km"]["derived"] == ""            # not computable: no number, the text says why


def test_tradeoff_csv_has_the_change_as_numbers(run):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle",
                                               "mid-sedan", "-f", "csv").stdout)))
    energy = next(r for r in rows if r["quantity"] == "pack energy (gross)")
    assert float(energy["ratio"]) == pytest.approx(350 / 300, rel=1e-12)
    assert float(energy["change_percent"]) == pytest.approx(100 / 6, rel=1e-9)


@pytest.mark.parametrize("vehicle", ["mid-sedan", "heavy-truck"])
def test_tradeoff_csv_at_the_same_range_carries_the_mass_saved(run, vehicle):
    # the headline figure of --hold range was an empty cell in CSV (the table, markdown and JSON had it)
    import csv
    import io

    from batcalc.physics.cells import load_cell
    from batcalc.physics.tradeoff import tradeoff
    from batcalc.physics.vehicle import load_vehicle

    args = ("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", vehicle, "--hold", "range")
    rows = {r["quantity"]: r for r in csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout))}
    t = tradeoff(load_cell("gac-aion-ssb-300"), load_cell("gac-aion-ssb-350"), load_vehicle(vehicle), "range")
    assert float(rows["pack mass saved"]["value"]) == pytest.approx(t.a.pack.mass - t.b.pack.mass, rel=1e-9)
    assert float(rows["without mass feedback (same energy)"]["value"]) == pytest.approx(t.no_feedback_mass_saved,
                                                                                        rel=1e-9)
    assert rows["pack mass"]["value"] == ""


@pytest.mark.parametrize(("vehicle", "target"), [("mid-sedan", "2000 km"), ("heavy-truck", None)])
def test_tradeoff_csv_payload_row_gives_the_gain_and_no_ratio_of_negative_capacities(run, vehicle, target):
    """The payload capacity row's change, '+299.4' kg in the table, was missing from CSV, which gave instead
    B / A of the two capacities: with a sedan over its gross mass at 2000 km both are negative (-568 kg and
    -268.6 kg), and the ratio 0.473, change -52.7 %, read as payload lost where 299.4 kg were gained. CSV now
    carries the gain as 'value', and a ratio only between two positive capacities. By hand: capacity =
    max gross - mass without battery - pack mass (the pack mass row)."""
    import csv
    import io

    from batcalc.physics.vehicle import load_vehicle

    args = ["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", vehicle, "--hold", "range"]
    args += ["--range", target] if target else []
    rows = {r["quantity"]: r for r in csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout))}
    spec = load_vehicle(vehicle).spec
    gross, glider = float(spec.max_gross_mass.si), float(spec.mass_without_battery.si)
    row, pack = rows["payload capacity (max gross - mass without battery - pack)"], rows["pack mass"]
    pa, pb = (gross - glider - float(pack[side]) for side in ("gac-aion-ssb-300", "gac-aion-ssb-350"))
    assert float(row["gac-aion-ssb-300"]) == pytest.approx(pa, rel=1e-9)
    assert float(row["gac-aion-ssb-350"]) == pytest.approx(pb, rel=1e-9)
    assert float(row["value"]) == pytest.approx(pb - pa, rel=1e-9) and pb > pa
    if pa > 0 and pb > 0:
        assert float(row["ratio"]) == pytest.approx(pb / pa, rel=1e-9)
    else:
        assert pa < 0 and row["ratio"] == "" and row["change_percent"] == ""


@pytest.mark.parametrize("args", [
    ("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan"),
    ("consumption", "--vehicle", "large-suv", "--cycle", "udds"),
    ("normalise", "500 km", "--from", "cltc", "--to", "wltp", "--vehicle", "compact-car"),
])
def test_csv_gives_the_numbers_json_gives(run, args):
    # CSV is for spreadsheets: its numbers were the table's 4 significant digits in some commands
    import csv
    import io
    import json

    data = json.loads(run(*args, "-f", "json").stdout)
    data = data.get("results", data)
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    numbers = [float(r["value"]) for r in rows if r["value"].replace(".", "", 1).replace("e-", "", 1).isdigit()]
    shown = [v["value"] for v in data.values() if isinstance(v, dict) and isinstance(v.get("value"), float)]
    shown += [v for v in data.values() if isinstance(v, float)]
    assert shown and all(any(x == pytest.approx(n, rel=1e-14) for n in numbers) for x in shown)


@pytest.mark.parametrize("fmt", ["latex", "latex_booktabs", "latex_longtable"])
def test_latex_notes_are_escaped_as_the_cells_are(run, fmt):
    """The notes after a LaTeX table were raw text: '84-95 % by load' began a comment and 'C_rr' is an
    error outside math mode. They are escaped as tabulate escapes the cells ('\\%', '\\_', '\\^{}')."""
    import json
    import re

    args = ("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan")
    text = run(*args, "-f", fmt).stdout
    after = text.split("\\end{" + ("longtable" if fmt == "latex_longtable" else "tabular") + "}", 1)[1]
    assert not re.search(r"(?<!\\)[%_&#$]", after) and not re.search(r"\^(?!\{\})", after), after
    assumptions = json.loads(run(*args, "-f", "json").stdout)["assumptions"]
    rules = {"%": "\\%", "_": "\\_", "^": "\\^{}", "~": "\\textasciitilde{}"}
    escaped = "".join(rules.get(ch, ch) for ch in "assumptions: " + "; ".join(assumptions))
    assert escaped in after and "C\\_rr 0.007" in escaped and "84-95 \\% by load" in escaped
    raw = run(*args, "-f", "latex_raw").stdout              # raw: the user's LaTeX, passed through
    assert "84-95 % by load" in raw


def test_tsv_is_the_table_alone_as_csv_is(run):
    """TSV is read by programs: the notes under the table (assumptions, ambient) are left out, as in CSV
    (they were appended after a blank line); JSON carries them."""
    out = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "-f", "tsv")
    assert out.exit_code == 0
    lines = out.stdout.rstrip("\n").splitlines()
    assert lines and all(line.count("\t") == 2 for line in lines)      # quantity, value, unit: every line
    assert "assumptions" not in out.stdout


def test_check_tsv_has_the_columns_and_sources_csv_has(run):
    """`check -f tsv` was the table (claim, kind, verdict, claimed, derived, what it would take) without the
    sources, which are in the notes tsv leaves out; `-f csv` ends with the source columns. tsv now has csv's
    columns, and each claim's source the same."""
    import csv
    import io

    by_csv = list(csv.DictReader(io.StringIO(run("check", "seed-article", "-f", "csv").stdout)))
    out = run("check", "seed-article", "-f", "tsv")
    assert out.exit_code == 1                                   # some seed claims fail, as with csv
    lines = [[cell.strip() for cell in line.split("\t")] for line in out.stdout.rstrip("\n").splitlines()]
    assert lines[0] == list(by_csv[0])
    by_tsv = [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    assert [r["claim"] for r in by_tsv] == [r["claim"] for r in by_csv]
    source_columns = [h for h in lines[0] if h.startswith("source")]
    assert source_columns == ["source", "source_title", "source_date", "source_grade", "source_url", "source_document"]
    for t, c in zip(by_tsv, by_csv, strict=True):
        assert [t[h] for h in source_columns] == [c[h] for h in source_columns], c["claim"]
    assert any(r["source_title"] for r in by_tsv)


def test_dash_is_standard_output_not_a_file_named_dash(run, tmp_path, monkeypatch):
    """`-o -` wrote a file named '-' in the current folder; `-` is standard input wherever a file is read,
    and now standard output where one is written."""
    from batcalc.spec.schema import template

    monkeypatch.chdir(tmp_path)
    shown = run("show", "mid-sedan")
    dashed = run("show", "mid-sedan", "-o", "-")
    assert dashed.exit_code == 0 and dashed.stdout == shown.stdout and dashed.stderr == ""
    new = run("new", "cell", "my-cell", "-o", "-")
    assert new.exit_code == 0 and new.stdout == template("cell", "my-cell")
    fastsim = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "fastsim-vehicles"
    converted = run("import-fastsim", str(fastsim / "tesla-model-3-rwd-2022.yaml"), "-o", "-")
    assert converted.exit_code == 0 and converted.stdout.startswith("# A batcalc vehicle spec")
    assert list(tmp_path.iterdir()) == []


def test_sweep_labels_tell_apart_grid_values_that_four_figures_show_alike(run):
    """480 and 480.01 kg were both headed '480' (and 350 and 350.001 Wh/kg both '350'): two columns or rows
    of the same label. Labels now take as many significant figures as tell the values apart."""
    r = run("sweep", "-v", "mid-sedan", "--densities", "350, 350.001, 400 Wh/kg",
            "--pack-masses", "480, 480.01, 500 kg")
    assert r.exit_code == 0, r.stdout
    lines = r.stdout.splitlines()
    header = lines[2].split()
    assert header[-3:] == ["480", "480.01", "500"]
    assert [line.split()[0] for line in lines[4:7]] == ["350", "350.001", "400"]
    plain = run("sweep", "-v", "mid-sedan", "--densities", "300:400:50 Wh/kg", "--pack-masses", "400:600:100 kg")
    assert plain.stdout.splitlines()[2].split()[-3:] == ["400", "500", "600"]


@pytest.mark.parametrize("argv", [("check", "seed-article"), ("show", "gac-aion-ssb-350"),
                                  ("compare", "gac-aion-ssb-300", "gac-aion-ssb-350"),
                                  ("claim", "expression", "expr=? x 2", "--asserted", "12.3456789 billion yuan"),
                                  ("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan"),
                                  ("sweep", "-v", "mid-sedan", "--densities", "300,350 Wh/kg", "--pack-masses",
                                   "300,400 kg"),
                                  ("range", "gac-aion-ssb-350", "-v", "mid-sedan")])
def test_tsv_holds_what_csv_holds_separated_by_tabs(run, argv):
    # tsv went through tabulate: numbers rounded to 4 significant digits (1.235e+10 for 12345678900) and
    # cells padded with spaces, in a format programs read
    import csv
    import io

    out = {fmt: run(*argv, "--format", fmt) for fmt in ("csv", "tsv")}
    assert all(r.exit_code in (0, 1) for r in out.values()), out
    rows = {fmt: list(csv.reader(io.StringIO(r.stdout), delimiter="," if fmt == "csv" else "\t"))
            for fmt, r in out.items()}
    assert rows["csv"] == rows["tsv"] and len(rows["csv"]) > 1
