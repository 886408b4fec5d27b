"""New-user review: `normalise --bands` named its two figures 'given' and 'range', where the table without
--bands says 'range on CLTC (given)' and 'range on WLTP' (the bands table did not say which rating each
range is on). Both tables now name them the same, from the ratings given."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("src, dst", [("cltc", "wltp"), ("nedc", "epa")])
def test_the_bands_table_names_the_ranges_as_the_table_does(run, src, dst):
    args = ("normalise", "1000 km", "--from", src, "--to", dst, "-v", "mid-sedan", "-f", "csv")
    plain = [line.split(",")[0] for line in run(*args).stdout.splitlines()[1:3]]
    banded = [line.split(",")[0] for line in run(*args, "--bands").stdout.splitlines()[1:3]]
    assert banded == plain
    assert plain[0] == f"range on {src.upper()} (given)" and plain[1].startswith("range on ")


def test_the_json_keys_stay_and_the_labels_follow(run):
    out = run("normalise", "1000 km", "--from", "cltc", "--to", "wltp", "-v", "mid-sedan", "--bands", "-f", "json")
    bands = json.loads(out.stdout)["bands"]
    assert list(bands) == ["given", "range"]
    assert (bands["given"]["label"], bands["range"]["label"]) == ("range on CLTC (given)", "range on WLTP")
