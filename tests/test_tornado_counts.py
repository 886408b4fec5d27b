"""Twelfth pass: `plot tornado` said 'wrote t.png (1 assumptions move the pack energy)', and with every
axis fixed ('0 assumptions move') drew an empty frame with no word of why. The count is in words, and
an empty chart says no default assumption moves the result."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest


def test_one_assumption_and_none_are_said_in_words(run, tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    # the pack energy is m x rho_cell x f_mass: of the defaults only the cell-to-pack mass fraction moves it
    one = run("plot", "tornado", "gac-aion-ssb-350", "-v", "mid-sedan", "--result", "pack_energy",
              "-o", str(tmp_path / "one.png"))
    assert one.exit_code == 0, one.stderr
    assert one.stdout.strip() == f"wrote {tmp_path / 'one.png'} (1 assumption moves the pack energy)"
    matplotlib.rcParams["svg.fonttype"] = "none"
    try:
        out = tmp_path / "none.svg"
        none = run("plot", "tornado", "gac-aion-ssb-350", "-v", "mid-sedan", "--result", "pack_energy",
                   "--assume", "cell-to-pack-mass=70 %", "-o", str(out))
        assert none.exit_code == 0, none.stderr
        assert none.stdout.strip() == f"wrote {out} (no assumption moves the pack energy)"
        text = " ".join(t for t in ET.fromstring(out.read_bytes()).itertext()).replace("\xa0", " ")
        assert "no default assumption moves the pack energy here" in text
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
