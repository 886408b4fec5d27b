"""`-` reads a spec from standard input wherever a spec file is named."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from batcalc.cli.main import app

SPECS = Path(__file__).resolve().parent.parent / "specs"


def invoke(args, text):
    return CliRunner().invoke(app, args, input=text)


def test_a_cell_and_a_vehicle_from_stdin_give_the_same_result_as_their_files():
    cell = (SPECS / "cells" / "gac-aion-ssb-350.yaml").read_text()
    by_file = invoke(["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "-f", "json"], "")
    by_stdin = invoke(["range", "-", "--vehicle", "mid-sedan", "-f", "json"], cell)
    assert by_stdin.exit_code == 0 and by_stdin.stdout.replace('"<stdin>"', '"x"') != ""
    assert by_stdin.stdout.split('"results"')[1] == by_file.stdout.split('"results"')[1]
    vehicle = (SPECS / "vehicles" / "mid-sedan.yaml").read_text()
    r = invoke(["range", "gac-aion-ssb-350", "--vehicle", "-"], vehicle)
    assert r.exit_code == 0, r.stderr


def test_bad_stdin_is_one_located_line():
    r = invoke(["show", "-"], "kind: cell\nid: BAD\n")
    assert r.exit_code == 2 and r.stderr.startswith("<stdin>:") and len(r.stderr.strip().splitlines()) == 1
    r = invoke(["range", "-", "--vehicle", "mid-sedan"], "\x00\x01binary")
    assert r.exit_code == 2 and r.stderr.startswith("<stdin>")


def test_each_new_standard_input_is_read_even_where_it_reuses_a_freed_ones_address():
    # the cache was keyed by id(sys.stdin): a new stdin at a freed one's address got the old document
    # (a test runner's invoke gave the vehicle command the cell read before: exit 2, now and then)
    import io
    import sys

    from batcalc.io.yamlfile import load_stdin

    texts = {"cell": (SPECS / "cells" / "gac-aion-ssb-350.yaml").read_bytes(),
             "vehicle": (SPECS / "vehicles" / "mid-sedan.yaml").read_bytes()}
    saved = sys.stdin
    reused = 0
    try:
        last = None
        for k in range(40):
            kind = "cell" if k % 2 == 0 else "vehicle"
            sys.stdin = None          # type: ignore[assignment]   # the previous stream freed first
            sys.stdin = io.TextIOWrapper(io.BytesIO(texts[kind]), encoding="utf-8")
            reused += id(sys.stdin) == last
            last = id(sys.stdin)
            assert load_stdin().data["kind"] == kind, (k, reused)
            assert load_stdin() is load_stdin()                   # one stream: read once
    finally:
        sys.stdin = saved


@pytest.mark.parametrize("args", [["show", "-"], ["range", "gac-aion-ssb-350", "--vehicle", "-"], ["lint", "-"]])
def test_a_closed_standard_input_is_one_line(args):
    """Started with standard input closed (``<&-``: Python's sys.stdin is None), ``-`` was an internal
    error (exit 3, AttributeError)."""
    import os
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "batcalc", *args], capture_output=True, text=True, timeout=120,
                       preexec_fn=lambda: os.close(0))
    assert r.returncode == 2, r.stderr
    assert "no standard input (it is closed)" in r.stdout + r.stderr
    assert "internal error" not in r.stderr and len((r.stdout + r.stderr).strip().splitlines()) == 1


def test_a_claims_file_from_stdin_is_checked_as_its_file():
    """`check -` was refused ("no claim '-' in the catalogue") though `-` reads any named spec file."""
    import json

    text = (SPECS / "claims" / "seed-article.yaml").read_text()
    by_file = invoke(["check", "seed-article", "-f", "json"], "")
    by_stdin = invoke(["check", "-", "-f", "json"], text)
    assert by_stdin.exit_code == by_file.exit_code == 1, by_stdin.stderr     # the seed article has failing claims
    assert json.loads(by_stdin.stdout)["verdicts"] == json.loads(by_file.stdout)["verdicts"]
    r = invoke(["check", "-"], "kind: cell\nid: x\nname: x\n")
    assert r.exit_code == 2 and r.stderr.startswith("<stdin>:1:7: expected a claims spec")
