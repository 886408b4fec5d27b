"""Files, names and streams found wanting by the twelfth hardening pass: bad ones give exit 2 and one line
that names what is wrong (never "not found" for a file that is there, never an internal error, never an
output lost with exit 0); good ones (a FASTSim file on standard input, a trace beside its claims file) are
read as the documentation says."""

from __future__ import annotations

import pytest

from batcalc.cli.main import main


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


RANGE = ["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--cycle"]


def test_a_trace_that_is_a_link_loop_is_not_called_missing(tmp_path, monkeypatch, capsys):
    # os.stat's ELOOP was reported as "cycle file 'loop.csv' not found": the file is there, a loop
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop.csv").symlink_to("other.csv")
    (tmp_path / "other.csv").symlink_to("loop.csv")
    code, _, err = run(RANGE + ["loop.csv"], capsys)
    line = one_line(err)
    assert code == 2 and "not found" not in line, line
    assert line.startswith("loop.csv: cannot read file: ") and "symbolic links" in line, line
    # a link to nothing is missing, and said so
    (tmp_path / "dangling.csv").symlink_to("nowhere.csv")
    code, _, err = run(RANGE + ["dangling.csv"], capsys)
    assert code == 2 and one_line(err) == "batcalc: error: cycle file 'dangling.csv' not found"


@pytest.mark.parametrize("argv", [
    RANGE + ["a\x00.csv"],
    ["consumption", "--vehicle", "mid-sedan", "--cycle", "a\x00.csv"],
    ["claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", "cycle=a\x00.csv", "--asserted", "600 km"],
], ids=["range", "consumption", "claim"])
def test_a_nul_in_a_trace_name_is_bad_input_not_a_bug(capsys, argv):
    # os.stat raised ValueError('embedded null byte'): exit 3, "internal error"
    code, _, err = run(argv, capsys)
    line = one_line(err)
    assert code == 2 and "internal error" not in line and "null byte" in line, line


CLAIMS = """kind: claims
claims:
  - id: c1
    quote: q
    kind: {kind}
    inputs: {inputs}
    asserted: {asserted}
"""


@pytest.mark.parametrize("kind, inputs, asserted, what, col", [
    ("same-weight", "{a: gac-aion-ssb-300, b: ''}", "3", "cell", 38),
    ("range", "{cell: gac-aion-ssb-350, vehicle: '', pack_mass: 480 kg}", "600 km", "vehicle", 47),
], ids=["cell", "vehicle"])
@pytest.mark.parametrize("command", ["check", "lint"])
def test_an_empty_name_in_a_claims_file_is_empty_not_its_folder(tmp_path, capsys, command, kind, inputs, asserted,
                                                                what, col):
    # '' was read as the claims file's folder: "t.yaml:6:38: .: is a directory, not a spec file"
    path = tmp_path / "t.yaml"
    path.write_text(CLAIMS.format(kind=kind, inputs=inputs, asserted=asserted))
    code, out, err = run([command, str(path)], capsys)
    line = one_line(out if command == "lint" else err)
    assert code == 2
    assert line == f"{path}:6:{col}: empty {what} name: give a catalogue id or a path", line


def test_import_fastsim_reads_standard_input(monkeypatch, capsys):
    # docs/usage.md: "- is standard input wherever a file is read"; import-fastsim said "-: no such file"
    import io
    import sys
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "benchmarks/data/fastsim-vehicles/tesla-model-3-rwd-2022.yaml"
    code, by_file, err = run(["import-fastsim", str(source)], capsys)
    assert code == 0, err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source.read_bytes())))
    code, by_stdin, err = run(["import-fastsim", "-"], capsys)
    assert code == 0, err
    # the same spec, citing standard input for the document it came from
    assert by_stdin == by_file.replace(f"document: {source}", "document: <stdin>")
    assert "document: <stdin>" in by_stdin


def test_a_claims_file_given_twice_is_refused_not_counted_twice(tmp_path, capsys):
    # 'check seed-article seed-article' checked every claim twice: a summary of 8 holds, 2 fails, 4
    # underdetermined for a file of 7 claims
    from pathlib import Path

    code, once, _ = run(["check", "seed-article", "-f", "json"], capsys)
    assert code == 1
    shipped = Path(__file__).resolve().parent.parent / "specs/claims/seed-article.yaml"
    for argv, first in ((["seed-article", "seed-article"], None), (["seed-article", str(shipped)], "seed-article")):
        code, out, err = run(["check", *argv, "-f", "json"], capsys)
        same = f" (as {first!r}: the same file)" if first else ""
        assert code == 2 and out == ""
        assert one_line(err) == (f"batcalc: error: {argv[1]!r} is given twice{same}: check needs each claims file "
                                 f"once (its claims would be counted twice)")
    # two files with the same claims are two files: both are checked
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(shipped.read_bytes())
    code, both, err = run(["check", "seed-article", str(copy), "-f", "json"], capsys)
    import json

    one, two = json.loads(once), json.loads(both)
    assert code == 1 and len(two["verdicts"]) == 2 * len(one["verdicts"])
    assert two["summary"] == {k: 2 * v for k, v in one["summary"].items()}


@pytest.mark.parametrize("command", ["check", "lint"])
def test_a_claims_file_without_claims_names_the_key(tmp_path, capsys, command):
    # the key 'claims' equals the file's kind, and was dropped as a union tag: "missing required key '(top level)'"
    path = tmp_path / "no-claims.yaml"
    path.write_text("kind: claims\ntitle: t\n")
    code, out, err = run([command, str(path)], capsys)
    assert code == 2 and one_line(out if command == "lint" else err) == f"{path}:1:1: missing required key 'claims'"


@pytest.mark.parametrize("argv, code", [(["list", "--kind", "cycle"], 2), (["check", "seed-article"], 2),
                                        (["lint", "mid-sedan"], 2)])
def test_a_closed_standard_output_is_exit_2_in_one_line(argv, code):
    # 'batcalc list >&-' printed nothing and exited 0 (click's echo drops text when sys.stdout is None);
    # docs/usage.md: standard output that cannot be written is exit 2
    import os
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "batcalc", *argv], stderr=subprocess.PIPE, text=True, timeout=60,
                       preexec_fn=lambda: os.close(1))
    assert p.returncode == code, p.stderr
    assert p.stderr.splitlines() == ["batcalc: error: cannot write the output: standard output is closed"]


def test_a_closed_standard_output_does_not_stop_a_job_written_to_a_file(tmp_path):
    import os
    import subprocess
    import sys

    out = tmp_path / "cmp.txt"
    p = subprocess.run([sys.executable, "-m", "batcalc", "compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-o",
                        str(out)], stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert p.returncode == 0 and p.stderr.strip() == f"wrote {out}", p.stderr
    assert "gac-aion-ssb-350" in out.read_text()


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["nel", "line-separator", "paragraph-separator"])
@pytest.mark.parametrize("text, where", [
    # a NEL inside a plain string became a space: 'X<NEL> Y' was read as the name 'X Y', silently
    ("kind: cell\nid: x\nname: X{c} Y\n", (3, 8)),
    # a NEL between keys broke the line for PyYAML only: the error was at 4:18 of a file of 3 lines
    ("kind: cell\nid: x\nname: X{c}physical: {{mass: 70 Wh}}\n", (3, 8)),
])
def test_a_raw_yaml_line_break_is_refused_where_it_is(tmp_path, capsys, char, text, where):
    from batcalc.errors import SpecError
    from batcalc.spec.model import parse_spec

    content = text.format(c=char)
    with pytest.raises(SpecError) as exc:
        parse_spec(content, "s.yaml")
    assert (exc.value.line, exc.value.col) == where
    assert f"character U+{ord(char):04X} in the file" in str(exc.value)
    path = tmp_path / "s.yaml"
    path.write_text(content, encoding="utf-8")
    code, out, _ = run(["lint", str(path)], capsys)
    assert code == 2 and one_line(out).startswith(f"{path}:{where[0]}:{where[1]}: control or line-separator")


def test_escaped_line_breaks_in_a_quoted_string_keep_their_message():
    # "\\u2028" written as an escape is no raw character: the string check refuses it, as before
    from batcalc.errors import SpecError
    from batcalc.spec.model import parse_spec

    with pytest.raises(SpecError) as exc:
        parse_spec('kind: cell\nid: x\nname: "X\\u2028Y"\n', "s.yaml")
    assert "control or bidi character U+2028 in a string" in str(exc.value)


def test_show_cycle_never_replaces_the_cycles_file_it_read(tmp_path, monkeypatch, capsys):
    # 'show udds -o specs/cycles/cycles.yaml --force' replaced the provenance file show had just read
    # (opened directly, not through read_text, so it was not kept as an input); a copy stands in here
    import shutil
    from pathlib import Path

    import batcalc.physics.cycles as cycles

    folder = tmp_path / "cycles"
    shutil.copytree(Path(cycles.cycles_dir()), folder)
    monkeypatch.setattr(cycles, "cycles_dir", lambda: folder)
    before = (folder / "cycles.yaml").read_bytes()
    code, _, err = run(["show", "udds", "-o", str(folder / "cycles.yaml"), "--force"], capsys)
    assert code == 2 and "is one of this command's inputs" in one_line(err)
    assert (folder / "cycles.yaml").read_bytes() == before


def test_a_terminal_whose_encoding_lacks_a_character_is_exit_2_in_one_line():
    # huineng-llcb's name holds Chinese characters: on a latin-1 terminal Python's UnicodeEncodeError was an
    # internal error (exit 3); it is output that cannot be written (exit 2), and says what to do
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    p = subprocess.run([sys.executable, "-m", "batcalc", "show", "huineng-llcb"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=60)
    assert p.returncode == 2 and p.stdout == b"", p.stderr
    import re

    lines = p.stderr.decode("latin-1").splitlines()
    assert len(lines) == 1 and re.fullmatch(r"batcalc: error: cannot write the output: its encoding \(latin-1\) has "
                                            r"no U\+[0-9A-F]{4}: use a UTF-8 locale, or set PYTHONIOENCODING=utf-8",
                                            lines[0]), lines
    # an output that latin-1 can write is written
    p = subprocess.run([sys.executable, "-m", "batcalc", "show", "udds"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=60)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("argv", [
    RANGE + ["-"],
    ["claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", "pack_mass=480 kg", "cycle=-", "--asserted",
     "600 km"],
], ids=["range", "claim"])
def test_a_trace_from_standard_input_is_refused_with_what_to_do(capsys, argv):
    # '--cycle -' got the generic "unknown cycle '-': use wltp ...", though '-' is standard input for spec files
    code, _, err = run(argv, capsys)
    assert code == 2
    option = "--cycle: " if argv[0] == "range" else "inputs.cycle: "     # named, as every option and input is
    assert one_line(err) == (f"batcalc: error: {option}unknown cycle '-': a trace is not read from standard input; "
                             "save it as a file whose name ends in .csv (time_s,speed_kmh rows) and give that name")


@pytest.mark.parametrize("argv", [["list", "-o", ""], ["new", "cell", "zz", "-o", ""],
                                  ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-o", "", "--force"]],
                         ids=["list", "new", "compare-force"])
def test_an_empty_output_name_is_refused_as_empty(tmp_path, monkeypatch, capsys, argv):
    # -o '' (an empty shell variable) said "batcalc: error: . is a directory"; 'new' wrote zz.yaml instead
    monkeypatch.chdir(tmp_path)
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert one_line(err) == "batcalc: error: cannot write '': the file name is empty"
    assert list(tmp_path.iterdir()) == []


def test_a_trace_named_in_a_claims_file_is_read_beside_it(tmp_path, monkeypatch, capsys):
    # 'cycle: my-trace.csv' was read from the current folder (cells and vehicles from the claims file's):
    # "not found" from another folder, or another file of that name there, and another verdict
    import json

    folder = tmp_path / "claims"
    folder.mkdir()
    # two traces of one name: a city hop beside the claims file, a motorway run in the folder above it
    (folder / "my-trace.csv").write_text("0,0\n10,50\n20,0\n")
    (tmp_path / "my-trace.csv").write_text("0,0\n100,120\n200,120\n300,0\n")
    (folder / "c.yaml").write_text(
        "kind: claims\nclaims:\n  - id: c1\n    quote: q\n    kind: range\n"
        "    inputs: {cell: gac-aion-ssb-350, vehicle: mid-sedan, pack_mass: 480 kg, cycle: my-trace.csv}\n"
        "    asserted: 600 km\n")
    derived = []
    for cwd, name in ((folder, "c.yaml"), (tmp_path, "claims/c.yaml"), (tmp_path.parent, str(folder / "c.yaml"))):
        monkeypatch.chdir(cwd)
        code, out, err = run(["check", name, "-f", "json"], capsys)
        assert code in (0, 1), err
        derived.append(json.loads(out)["verdicts"][0]["derived"]["value"])
    assert derived[0] == derived[1] == derived[2]
    # the trace beside the claims file is the one read: the same range as 'batcalc range' on it
    monkeypatch.chdir(folder)
    code, out, err = run(["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--cycle", "my-trace.csv",
                          "-f", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["results"]["range"]["value"] == pytest.approx(derived[0])
