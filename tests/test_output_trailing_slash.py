"""`-o out/` (a folder that does not exist, named with a trailing '/') wrote a file named `out`, and said
"wrote out/": pathlib drops the slash (Path('out/') == Path('out')), so a folder asked for became a file, and
`-o x.json/` a table in `x.json`. Every writer (a table command's -o, `new`, `plot`) refuses it now and
writes nothing; an existing folder is refused as before."""

from __future__ import annotations

import os

import pytest

from batcalc.errors import BatcalcError
from batcalc.io.safefile import write_new

COMMANDS = [
    ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-o"],
    ["new", "vehicle", "my-car", "-o"],
    ["plot", "density", "-o"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("name", ["out/", "x.png/", "sub/deeper/"])
def test_a_name_ending_in_a_slash_is_no_file(run, tmp_path, monkeypatch, args, name):
    monkeypatch.chdir(tmp_path)
    out = run(*args, name)
    assert out.exit_code == 2, out.output
    if args[0] != "plot" or name.rstrip("/").endswith(".png"):   # plot refuses a name without .png first
        assert f"cannot write {name}: it ends with '/', naming a folder, and there is no such folder" in out.output
    assert out.output.strip().count("\n") <= 1            # plot may note the cells it leaves out first
    assert os.listdir(tmp_path) == []


def test_write_new_refuses_it_and_still_writes_into_a_folder_that_exists(tmp_path):
    with pytest.raises(BatcalcError, match="naming a folder"):
        write_new(f"{tmp_path}/missing/", b"x")
    assert not (tmp_path / "missing").exists()
    with pytest.raises(BatcalcError, match="is a directory"):
        write_new(f"{tmp_path}/", b"x")
    write_new(tmp_path / "ok.txt", b"x")
    assert (tmp_path / "ok.txt").read_bytes() == b"x"
