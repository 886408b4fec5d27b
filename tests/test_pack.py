"""Cell -> pack formulas against hand calculations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batcalc.errors import BatcalcError
from batcalc.physics.cells import load_cell
from batcalc.physics.pack import PackOptions, pack_density, pack_from_energy, pack_from_layout, pack_from_mass

WH = 3600.0


def test_pack_from_mass_hand_calc():
    # 350 Wh/kg cells, f_mass 0.70: 245 Wh/kg pack; 480 kg -> 117.6 kWh gross, x0.93 = 109.37 kWh usable
    p = pack_from_mass(load_cell("gac-aion-ssb-350"), 480.0)
    assert p.gravimetric / WH == pytest.approx(245.0)
    assert p.energy / 3.6e6 == pytest.approx(117.6)
    assert p.usable_energy / 3.6e6 == pytest.approx(109.368)


def test_pack_from_energy_and_options():
    # 75 kWh of 300 Wh/kg cells at f_mass 0.8: m = 75000 / (300 x 0.8) = 312.5 kg
    p = pack_from_energy(load_cell("gac-aion-ssb-300"), 75e3 * WH, PackOptions(f_mass=0.8))
    assert p.mass == pytest.approx(312.5)


def test_series_parallel_tesla_4680():
    # RWTH teardown: 3.7 V, 23.125 Ah, 85.56 Wh, 355 g. 96s x 9p = 864 cells:
    # 355.2 V, 208.1 Ah, 73.92 kWh, cells 306.7 kg, pack 438.2 kg at f_mass 0.70
    p = pack_from_layout(load_cell("tesla-4680"), 96, 9)
    assert p.cells == 864
    assert p.voltage == pytest.approx(355.2)
    assert p.capacity / 3600 == pytest.approx(208.125)
    assert p.energy / 3.6e6 == pytest.approx(864 * 85.56 / 1000)
    assert p.mass == pytest.approx(864 * 0.355 / 0.70)
    with pytest.raises(BatcalcError, match="lacks"):
        pack_from_layout(load_cell("gac-aion-ssb-300"), 96, 9)


def test_a_layout_counts_whole_cells():
    """96.5 in series gave a pack of 868.5 cells (and its energy and mass) without a word."""
    cell = load_cell("tesla-4680")
    for series, parallel in ((96.5, 9), (96, 8.2), (float("nan"), 9), (True, 9)):
        with pytest.raises(BatcalcError, match="whole numbers"):
            pack_from_layout(cell, series, parallel)
    p = pack_from_layout(cell, 96.0, 9.0)              # a whole number as a float is the count
    assert p.cells == 864 and isinstance(p.cells, int)
    assert p.energy / 3.6e6 == pytest.approx(864 * 85.56 / 1000)


def test_bad_options_rejected():
    for kw in ({"f_mass": 0}, {"f_usable": 1.2}, {"f_volume": -0.1}):
        with pytest.raises(BatcalcError):
            PackOptions(**kw)


@given(f=st.floats(0.3, 1.0), m=st.floats(1, 5000))
def test_mass_and_energy_paths_agree(f, m):
    cell = load_cell("gac-aion-ssb-350")
    opts = PackOptions(f_mass=f)
    p = pack_from_mass(cell, m, opts)
    assert pack_from_energy(cell, p.energy, opts).mass == pytest.approx(m)
    assert pack_density(cell, opts) == pytest.approx(p.gravimetric)


def test_a_pack_fraction_read_from_the_assumptions_must_be_in_0_to_1():
    # the assumed fractions are checked where they are read, and named as assumed (--assume's ids)
    from batcalc.errors import BatcalcError
    from batcalc.physics.pack import PackOptions

    point = {"cell-to-pack-mass": 0.7, "cell-to-pack-volume": 0.5, "usable-fraction": 0.93}
    assert PackOptions.assumed({**point, "usable-fraction": 1.0}).f_usable == 1.0
    for bad in (0.0, -0.1, 1.5):
        with pytest.raises(BatcalcError, match=r"^usable-fraction must be above 0 % and at most 100 % for a pack"):
            PackOptions.assumed({**point, "usable-fraction": bad})
    assert PackOptions.assumed({**point, "usable-fraction": 0.0}, f_usable=0.9).f_usable == 0.9   # given: not read


def test_a_pack_energy_that_is_not_a_number_is_refused_as_such():
    """pack_from_energy(cell, nan) said "a nan kg pack ... is heavier than any road vehicle"."""
    with pytest.raises(BatcalcError, match="^pack energy must be positive$"):
        pack_from_energy(load_cell("gac-aion-ssb-300"), float("nan"))
