"""-o/--output never replaces a file the command read as an input, not even with --force: the spec, the
claims file, the trace, the FASTSim file, standard input redirected from a file, through a link."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CELL = """\
kind: cell
id: my-cell
name: My cell
electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}
physical: {mass: 70 g}
"""


def _refused(r, path: Path, before: bytes) -> None:
    assert r.exit_code == 2, r.output
    assert "one of this command's inputs" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before            # the input is untouched


@pytest.mark.parametrize("force", [False, True])
def test_a_spec_is_not_replaced_by_its_own_table(run, tmp_path, force):
    spec = tmp_path / "cell.yaml"
    spec.write_text(CELL)
    _refused(run("show", str(spec), "-o", str(spec), *(["--force"] if force else [])), spec, CELL.encode())


def test_nor_through_a_link_or_a_second_name(run, tmp_path):
    spec = tmp_path / "cell.yaml"
    spec.write_text(CELL)
    (tmp_path / "link.yaml").symlink_to(spec)
    os.link(spec, tmp_path / "hard.yaml")
    _refused(run("show", str(tmp_path / "link.yaml"), "-o", str(spec), "--force"), spec, CELL.encode())
    _refused(run("show", str(spec), "-o", str(tmp_path / "hard.yaml"), "--force"), spec, CELL.encode())


def test_a_vehicle_trace_and_claims_file_are_inputs_too(run, tmp_path):
    trace = tmp_path / "trace.csv"
    trace.write_text("time_s,speed_kmh\n0,0\n10,50\n20,0\n")
    _refused(run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--cycle", str(trace), "-o", str(trace),
                 "--force"), trace, trace.read_bytes())
    claims = tmp_path / "claims.yaml"
    shutil.copy(ROOT / "specs" / "claims" / "seed-article.yaml", claims)
    _refused(run("check", str(claims), "-o", str(claims), "--force"), claims, claims.read_bytes())


def test_import_fastsim_keeps_its_input(run, tmp_path):
    src = tmp_path / "zoe.yaml"
    shutil.copy(ROOT / "benchmarks" / "data" / "fastsim-vehicles" / "renault-zoe-ze50-r135-2022.yaml", src)
    _refused(run("import-fastsim", str(src), "-o", str(src), "--force"), src, src.read_bytes())


def test_standard_input_redirected_from_the_file(tmp_path):
    import subprocess
    import sys

    spec = tmp_path / "cell.yaml"
    spec.write_text(CELL)
    with open(spec, "rb") as stdin:
        r = subprocess.run([sys.executable, "-m", "batcalc", "show", "-", "-o", str(spec), "--force"], stdin=stdin,
                           capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "one of this command's inputs" in r.stderr, r.stderr
    assert spec.read_text() == CELL


def test_another_file_is_still_replaced_with_force(run, tmp_path):
    spec, out = tmp_path / "cell.yaml", tmp_path / "out.txt"
    spec.write_text(CELL)
    out.write_text("old\n")
    r = run("show", str(spec), "-o", str(out), "--force")
    assert r.exit_code == 0 and out.read_text().startswith("My cell (my-cell)")


@pytest.mark.parametrize("args", [["show", "tesla-4680"], ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
                                  ["check", "seed-article"],
                                  ["import-fastsim", "benchmarks/data/fastsim-vehicles/tesla-model-3-rwd-2022.yaml"]])
def test_force_without_an_output_file_is_refused(run, args):
    """--force replaces --output's file; given alone it was ignored without a word (the eighth pass)."""
    root = Path(__file__).resolve().parent.parent
    args = [str(root / a) if a.startswith("benchmarks/") else a for a in args]
    out = run(*args, "--force")
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.strip() == ("batcalc: error: --force replaces the file --output writes: give --output FILE "
                                  "with it (without --output the result goes to the terminal)")
    assert run(*args, "-o", "-", "--force").exit_code in (0, 1)       # standard output: nothing to replace
