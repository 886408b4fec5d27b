"""`batcalc show gac-aion-ssb-350.yaml`, `lint mid-sedan.yml`, `check seed-article.yaml`: a catalogue spec named as
a file in the current folder said "no such file" and nothing more; it says that the catalogue's spec of that name
is given by its id. So does a path to one without a suffix (`./tesla-4680`, which was also shown as `tesla-4680`).
A missing file of no catalogue name is told as before."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("args, name, kind, id", [
    (["show"], "gac-aion-ssb-350.yaml", "cell", "gac-aion-ssb-350"),
    (["range", "gac-aion-ssb-350", "--vehicle"], "mid-sedan.yml", "vehicle", "mid-sedan"),
    (["lint"], "tesla-4680.yaml", "cell", "tesla-4680"),
    (["lint"], "mid-sedan.yaml", "vehicle", "mid-sedan"),
    (["check"], "seed-article.yaml", "claims file", "seed-article"),
    (["compare", "gac-aion-ssb-350"], "./tesla-4680", "cell", "tesla-4680"),
    (["show"], "./mid-sedan", "vehicle", "mid-sedan"),
    (["check"], "./seed-article", "claims file", "seed-article"),
])
def test_a_catalogue_name_as_a_missing_file_names_the_id(run, tmp_path, monkeypatch, args, name, kind, id):
    monkeypatch.chdir(tmp_path)
    out = run(*args, name)
    assert out.exit_code == 2
    said = f"no such file; the catalogue's {kind} of that name is given by its id: {id}"
    assert out.output.strip().endswith(said) and out.output.count("\n") == 1, out.output
    assert out.output.split(":")[0] == name          # as written ('./tesla-4680', not 'tesla-4680')
    assert run(*args, id).exit_code in (0, 1)          # as it says


@pytest.mark.parametrize("args", [["show"], ["lint"], ["check"]])
def test_another_missing_file_is_no_such_file(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    out = run(*args, "my-cell.yaml")
    assert out.exit_code == 2 and out.output.strip().endswith("no such file"), out.output
