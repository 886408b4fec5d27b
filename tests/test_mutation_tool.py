"""tools/mutation.py's bookkeeping (its runs are too slow for the suite): a saved run's report, and the test files
it runs a module's mutants against."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("mutation_tool", ROOT / "tools" / "mutation.py")
mutation = importlib.util.module_from_spec(spec)
sys.modules["mutation_tool"] = mutation          # its dataclasses look their module up
spec.loader.exec_module(mutation)


def _saved(tmp_path, module: str, statuses: list[str]) -> str:
    (m, *_) = mutation.mutants_of(module)
    path = tmp_path / "run.json"
    path.write_text(json.dumps([{"mutant": asdict(m), "status": s, "seconds": 1.0}
                                for s in statuses]), encoding="utf-8")
    return str(path)


def test_a_report_of_a_claims_layer_run_summarises_it_without_modules_named(tmp_path, capsys):
    # --report used to keep only the default modules (the physics layer): a saved run of claims/check.py said
    # "all 0 mutants"
    path = _saved(tmp_path, "check", ["killed", "killed", "survived", "timeout"])
    assert mutation.main(["--report", path]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:4] if line}
    assert rows["check"] == ["4", "2", "1", "1", "75.0", "%"]
    assert rows["all"] == ["4", "2", "1", "1", "75.0", "%"]


def test_a_report_keeps_to_the_modules_named(tmp_path, capsys):
    path = _saved(tmp_path, "check", ["killed"])
    assert mutation.main(["--report", path, "--modules", "pack"]) == 0
    out = capsys.readouterr().out
    assert "check" not in out and out.splitlines()[1].split()[:2] == ["all", "0"]


def test_the_tests_of_a_module_exist_and_the_pinning_tests_come_first():
    for module in mutation.MODULES:
        files = mutation.tests_for(module, None)
        assert files, module
        assert all((ROOT / f).exists() for f in files)
        pins = [f for f in files if Path(f).name.startswith("test_pins_")]
        assert files[:len(pins)] == pins, module
        assert len(files) == len(set(files)), module                   # no file run twice


def test_a_survivor_whose_line_moved_is_found_again_by_its_text(tmp_path):
    # a test or a fix above a survivor moves it down; --rerun-survivors used to drop it silently
    real = mutation.mutants_of("expr")[5]
    text = mutation._source_line(real)
    moved = {**asdict(real), "line": real.line - 3, "end_line": real.end_line - 3}
    changed = {**asdict(real), "col": real.col + 1, "end_col": real.end_col + 1}
    path = tmp_path / "run.json"
    path.write_text(json.dumps([
        {"mutant": moved, "status": "survived", "seconds": 1.0, "source_line": text},
        {"mutant": changed, "status": "survived", "seconds": 1.0, "source_line": text},
        {"mutant": asdict(real), "status": "killed", "seconds": 1.0, "source_line": text}]), encoding="utf-8")
    found, gone = mutation._relocated(str(path), ["expr"])
    assert found == {real}
    assert [o.mutant for o in gone] == [mutation.Mutant(**changed)]
    assert mutation._relocated(str(path), ["check"]) == (set(), [])
