"""Pins on cell figures and cell -> pack sizing, each number worked out by hand in the comment.

Written against the survivors of ``tools/mutation.py`` (docs/mutation.md): pack volume and ``f_volume``
applied the right way round, ``f_volume`` dropped for pack-level specs, the 3 % mismatch threshold.
"""

from __future__ import annotations

import math

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.cells import box_volume, cylinder_volume, figures_of, relative_difference
from batcalc.physics.pack import (
    PackOptions,
    cell_density,
    pack_density,
    pack_from_energy,
    pack_from_layout,
    pack_from_mass,
)
from batcalc.spec.model import parse_spec

WH = 3600.0          # J per Wh
KWH = 3.6e6
LITRE = 1e-3         # m^3

HEAD = "kind: cell\nid: t\nname: T\n"


def cell(body: str):
    return figures_of(parse_spec(HEAD + body))


# 250 Wh/kg and 700 Wh/L at cell level, no other figure
DENSE = "energy_density: {gravimetric: 250 Wh/kg, volumetric: 700 Wh/L}\n"
# the same figures stated for a whole pack
PACK_LEVEL = "energy_density: {level: pack, gravimetric: 180 Wh/kg, volumetric: 400 Wh/L}\n"
# a 100 x 50 x 10 mm box cell (0.05 L), 3.6 V x 10 Ah = 36 Wh, 200 g
BOX = ("electrical: {nominal_voltage: 3.6 V, capacity: 10 Ah}\n"
       "physical: {mass: 200 g, dimensions: {length: 100 mm, width: 50 mm, thickness: 10 mm}}\n")


# --- pack volume: V_pack = V_cells / f_volume ----------------------------------------------------

def test_pack_volume_divides_cell_volume_by_f_volume():
    # 400 kg x 250 Wh/kg x 0.70 = 70 kWh; cells: 70 000 Wh / 700 Wh/L = 100 L; pack: 100 L / 0.50 = 200 L
    p = pack_from_mass(cell(DENSE), 400.0)
    assert p.energy == pytest.approx(70 * KWH)
    assert p.volume == pytest.approx(200 * LITRE)
    assert p.volumetric == pytest.approx(350 * WH / LITRE)        # 70 kWh / 200 L
    # f_volume 0.8: 100 L / 0.8 = 125 L (a larger fraction, a smaller pack)
    assert pack_from_mass(cell(DENSE), 400.0, PackOptions(f_volume=0.8)).volume == pytest.approx(125 * LITRE)


def test_pack_from_energy_volume_and_mass():
    # 70 kWh: m = 70 000 / (250 x 0.70) = 400 kg; V = 70 000 / 700 / 0.5 = 200 L
    p = pack_from_energy(cell(DENSE), 70 * KWH)
    assert p.mass == pytest.approx(400.0)
    assert p.volume == pytest.approx(200 * LITRE)
    # f_mass 0.8, f_volume 0.4: m = 70 000 / 200 = 350 kg; V = 100 L / 0.4 = 250 L
    p = pack_from_energy(cell(DENSE), 70 * KWH, PackOptions(f_mass=0.8, f_volume=0.4))
    assert (p.mass, p.volume) == (pytest.approx(350.0), pytest.approx(250 * LITRE))


def test_pack_without_volumetric_density_has_no_volume():
    p = pack_from_mass(cell("energy_density: {gravimetric: 250 Wh/kg}\n"), 100.0)
    assert p.volume is None and p.volumetric is None


def test_layout_volume_divides_by_f_volume():
    # 10s x 2p = 20 box cells of 0.05 L = 1 L of cells; pack 1 L / 0.5 = 2 L, or 1 L / 0.8 = 1.25 L
    c = cell(BOX)
    assert c.get("volume") == pytest.approx(0.05 * LITRE)
    p = pack_from_layout(c, 10, 2)
    assert p.volume == pytest.approx(2 * LITRE)
    assert pack_from_layout(c, 10, 2, PackOptions(f_volume=0.8)).volume == pytest.approx(1.25 * LITRE)
    # 20 x 36 Wh = 720 Wh; 36 V (10 x 3.6 V); 20 Ah (2 x 10 Ah); 20 x 0.2 kg / 0.7 = 5.714 kg
    assert p.energy == pytest.approx(720 * WH)
    assert p.voltage == pytest.approx(36.0)
    assert p.capacity == pytest.approx(20 * 3600.0)
    assert p.mass == pytest.approx(4.0 / 0.7)
    assert p.cells == 20
    assert pack_from_layout(c, 10, 2, PackOptions(f_mass=0.5)).mass == pytest.approx(8.0)


def test_layout_without_cell_volume_has_no_volume():
    c = cell("electrical: {nominal_voltage: 3.6 V, capacity: 10 Ah}\nphysical: {mass: 200 g}\n")
    assert pack_from_layout(c, 1, 1).volume is None


def test_layout_needs_at_least_one_cell_each_way_and_a_cell_level_spec():
    c = cell(BOX)
    assert pack_from_layout(c, 1, 1).energy == pytest.approx(36 * WH)
    for s, p in ((0, 1), (1, 0)):
        with pytest.raises(BatcalcError, match="at least 1"):
            pack_from_layout(c, s, p)
    with pytest.raises(BatcalcError, match="describes a pack"):
        pack_from_layout(cell(BOX + "energy_density: {level: pack}\n"), 2, 2)


# --- a pack-level spec: no cell-to-pack fractions --------------------------------------------------

def test_pack_level_spec_keeps_neither_f_mass_nor_f_volume():
    # a pack at 180 Wh/kg and 400 Wh/L: 72 kWh weighs 72 000 / 180 = 400 kg and takes 72 000 / 400 = 180 L
    c = cell(PACK_LEVEL)
    opts = PackOptions(f_mass=0.6, f_volume=0.4, f_usable=0.9)
    p = pack_from_energy(c, 72 * KWH, opts)
    assert p.mass == pytest.approx(400.0)
    assert p.volume == pytest.approx(180 * LITRE)
    assert p.options.f_mass == 1.0 and p.options.f_volume == 1.0
    assert p.usable_energy == pytest.approx(0.9 * 72 * KWH)      # the usable fraction still applies
    assert p.notes and "pack level" in p.notes[0]
    assert pack_density(c, opts) == pytest.approx(180 * WH)
    rho, used, notes = cell_density(c, opts)
    assert rho == pytest.approx(180 * WH) and used == PackOptions(1.0, 1.0, 0.9) and notes
    # by mass: 400 kg x 180 Wh/kg = 72 kWh, 180 L
    p = pack_from_mass(c, 400.0, opts)
    assert (p.energy, p.volume) == (pytest.approx(72 * KWH), pytest.approx(180 * LITRE))
    assert p.notes and "pack level" in p.notes[0]
    assert pack_from_mass(cell(DENSE), 400.0).notes == ()


def test_cell_level_spec_keeps_the_options():
    opts = PackOptions(f_mass=0.6, f_volume=0.4, f_usable=0.9)
    rho, used, notes = cell_density(cell(DENSE), opts)
    assert rho == pytest.approx(250 * WH) and used == opts and notes == ()
    assert pack_density(cell(DENSE), opts) == pytest.approx(150 * WH)      # 250 x 0.6


def test_no_gravimetric_density_is_an_error():
    with pytest.raises(BatcalcError, match="no gravimetric energy density"):
        pack_from_mass(cell("energy_density: {volumetric: 700 Wh/L}\n"), 100.0)


# --- pack options and sizes -----------------------------------------------------------------------

def test_default_options_are_the_design_reference_values():
    # the reference defaults (docs/assumptions.md): cell/pack mass 0.70, cell/pack volume 0.50, usable 0.93
    assert PackOptions() == PackOptions(f_mass=0.70, f_volume=0.50, f_usable=0.93)


@pytest.mark.parametrize("name", ["f_mass", "f_volume", "f_usable"])
def test_fractions_must_be_in_zero_one(name):
    assert getattr(PackOptions(**{name: 1.0}), name) == 1.0        # 100 % is allowed
    assert getattr(PackOptions(**{name: 1e-6}), name) == 1e-6
    for bad in (0.0, -0.5, 1.0001, 2.0):
        with pytest.raises(BatcalcError, match=name):
            PackOptions(**{name: bad})


def test_usable_energy_and_densities_of_a_pack():
    # 100 kg of 300 Wh/kg cells at f_mass 0.7, f_usable 0.9: 21 kWh gross, 18.9 kWh usable, 210 Wh/kg
    c = cell("energy_density: {gravimetric: 300 Wh/kg}\n")
    p = pack_from_mass(c, 100.0, PackOptions(f_usable=0.9))
    assert p.energy == pytest.approx(21 * KWH)
    assert p.usable_energy == pytest.approx(18.9 * KWH)
    assert p.gravimetric == pytest.approx(210 * WH)


def test_pack_mass_and_energy_must_be_positive():
    c = cell(DENSE)
    assert pack_from_mass(c, 1e-3).mass == 1e-3
    assert pack_from_energy(c, 1.0).energy == 1.0
    for bad in (0.0, -1.0):
        with pytest.raises(BatcalcError, match="mass must be positive"):
            pack_from_mass(c, bad)
        with pytest.raises(BatcalcError, match="energy must be positive"):
            pack_from_energy(c, bad)


# --- cell figures ---------------------------------------------------------------------------------

def test_volume_formulas():
    # cylinder d 18 mm, h 65 mm: pi x 0.009^2 x 0.065 = 1.6540e-5 m^3; box 0.1 x 0.05 x 0.01 = 5e-5 m^3
    assert cylinder_volume(0.018, 0.065) == pytest.approx(math.pi * 0.009 ** 2 * 0.065)
    assert cylinder_volume(0.018, 0.065) == pytest.approx(1.6540e-5, rel=1e-4)
    assert box_volume(0.1, 0.05, 0.01) == pytest.approx(5e-5)


def test_relative_difference():
    assert relative_difference(103.0, 100.0) == pytest.approx(0.03)
    assert relative_difference(97.0, 100.0) == pytest.approx(0.03)
    assert relative_difference(0.0, 0.0) == 0.0
    assert relative_difference(1.0, 0.0) == math.inf


def test_box_cell_derivations():
    # 36 Wh / 0.2 kg = 180 Wh/kg; 36 Wh / 0.05 L = 720 Wh/L
    c = cell(BOX)
    assert c.get("energy") == pytest.approx(36 * WH)
    assert c.get("gravimetric") == pytest.approx(180 * WH)
    assert c.get("volumetric") == pytest.approx(720 * WH / LITRE)
    assert c.figures["volume"].derived == "length x width x thickness"
    assert c.figures["energy"].derived == "voltage x capacity"
    assert c.figures["volumetric"].derived == "energy / volume"
    assert list(c.figures) == ["nominal_voltage", "capacity", "energy", "mass", "volume", "gravimetric",
                               "volumetric"]
    assert c.warnings == ()


# --- the 3 % mismatch threshold (cells.MISMATCH_TOLERANCE) ------------------------------------------

@pytest.mark.parametrize("given, warned", [
    (100, False),
    (102.9, False),     # 2.9 % apart
    (103, False),       # exactly 3 %: "above 3 %" is reported, 3 % itself is not
    (103.2, True),      # 3.2 % apart
    (97.1, False),      # 2.9 % below
    (96.8, True),       # 3.2 % below
])
def test_mismatch_threshold_is_three_percent(given, warned):
    # 100 Wh / 1 kg = 100 Wh/kg derived; the given density is kept either way
    c = cell(f"electrical: {{energy: 100 Wh}}\nphysical: {{mass: 1 kg}}\n"
             f"energy_density: {{gravimetric: {given} Wh/kg}}\n")
    assert bool(c.warnings) is warned
    assert c.get("gravimetric") == pytest.approx(given * WH)
    if warned:
        assert c.warnings[0].startswith("gravimetric energy density: given")
        assert f"{abs(given - 100):.1f} % apart" in c.warnings[0]


def test_mismatch_of_energy_against_voltage_times_capacity():
    # 3.6 V x 5 Ah = 18 Wh; a stated 20 Wh is 11.1 % above
    c = cell("electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah, energy: 20 Wh}\n")
    assert c.get("energy") == pytest.approx(20 * WH)
    assert len(c.warnings) == 1 and "voltage x capacity" in c.warnings[0] and "11.1 % apart" in c.warnings[0]


def test_mismatch_of_volume_against_dimensions():
    # the box is 0.05 L; a stated 0.06 L is 20 % above
    c = cell(BOX.replace("mass: 200 g,", "mass: 200 g, volume: 0.06 L,"))
    assert c.get("volume") == pytest.approx(0.06 * LITRE)
    assert any(w.startswith("volume: given") and "20.0 % apart" in w for w in c.warnings)


def test_a_unit_slip_is_named():
    # 100 Wh/kg derived, 100 000 Wh/kg given (Wh/g read as Wh/kg): x1000 apart
    c = cell("electrical: {energy: 100 Wh}\nphysical: {mass: 1 kg}\nenergy_density: {gravimetric: 100000 Wh/kg}\n")
    assert len(c.warnings) == 1 and "x1000 apart: a unit slip?" in c.warnings[0]


# --- sources and grades of figures -------------------------------------------------------------------

SOURCES = """sources:
  - {id: ds, title: "Sheet", url: "https://example.com/ds", date: 2024, grade: datasheet}
  - {id: ds2, title: "Teardown", url: "https://example.com/td", date: 2024, grade: datasheet}
  - {id: pr, title: "News", url: "https://example.com/pr", date: 2024, grade: press}
"""


def sourced(body: str):
    return cell(body + SOURCES)


def test_derived_figure_takes_the_sources_and_the_weakest_grade_of_its_inputs():
    c = sourced("electrical:\n  nominal_voltage: {value: 3.6 V, source: ds}\n  capacity: {value: 5 Ah, source: pr}\n")
    e = c.figures["energy"]
    assert e.sources == ("ds", "pr") and e.grade == "press" and e.derived == "voltage x capacity"
    assert c.figures["nominal_voltage"].sources == ("ds",) and c.figures["nominal_voltage"].grade == "datasheet"
    assert c.figures["capacity"].grade == "press" and c.figures["capacity"].derived is None
    both = sourced("electrical:\n  nominal_voltage: {value: 3.6 V, source: ds}\n"
                   "  capacity: {value: 5 Ah, source: ds2}\n")
    assert both.figures["energy"].grade == "datasheet" and both.figures["energy"].sources == ("ds", "ds2")
    same = sourced("electrical:\n  nominal_voltage: {value: 3.6 V, source: ds}\n"
                   "  capacity: {value: 5 Ah, source: ds}\n")
    assert same.figures["energy"].sources == ("ds",)


def test_an_unsourced_input_leaves_the_derived_figure_ungraded():
    # three sources, so nothing is cited implicitly: the mass has none
    c = sourced("electrical: {energy: {value: 18 Wh, source: ds}}\nphysical: {mass: 70 g}\n")
    assert c.figures["mass"].sources == () and c.figures["mass"].grade is None
    g = c.figures["gravimetric"]
    assert g.sources == ("ds",) and g.grade is None


def test_dimensions_cite_their_sources_into_the_volume():
    c = sourced("physical:\n  dimensions:\n    diameter: {value: 21 mm, source: ds}\n"
                "    height: {value: 70 mm, source: pr}\n")
    v = c.figures["volume"]
    assert v.sources == ("ds", "pr") and v.grade == "press" and v.derived == "pi (d/2)^2 h"
    assert not any(k.startswith("_") for k in c.figures)


def test_the_only_source_is_cited_everywhere_and_cycle_life_keeps_its_own():
    one = cell("electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}\ncycle_life: {cycles: 1000, retention: 80 %}\n"
               'sources:\n  - {id: ds, title: "Sheet", url: "https://example.com/ds", date: 2024, grade: datasheet}\n')
    assert one.figures["energy"].sources == ("ds",) and one.figures["energy"].grade == "datasheet"
    assert one.figures["cycles"].si == 1000.0 and one.figures["cycles"].sources == ("ds",)
    assert one.figures["retention"].si == pytest.approx(0.8)
    own = sourced("cycle_life: {cycles: 1000, retention: 80 %, source: pr}\n")
    assert own.figures["cycles"].sources == ("pr",) and own.figures["cycles"].grade == "press"
    # cited explicitly as nothing: no sources at all
    bare = figures_of(parse_spec(HEAD + "electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}\n" + SOURCES), {})
    assert bare.figures["energy"].sources == () and bare.figures["energy"].grade is None


def test_figure_labels_and_dimensions():
    c = cell(BOX)
    assert c.figures["gravimetric"].label == "gravimetric energy density"
    assert c.figures["gravimetric"].dim == "specific_energy"
    assert c.figures["volume"].dim == "volume"
    assert c.id == "t" and c.level == "cell"
    assert c.get("max_c_rate") is None


def test_mismatch_message_gives_both_values_and_the_formula():
    c = cell("electrical: {energy: 100 Wh}\nphysical: {mass: 1 kg}\nenergy_density: {gravimetric: 103.2 Wh/kg}\n")
    assert c.warnings == ("gravimetric energy density: given 103.2 Wh/kg but energy / mass gives 100 Wh/kg "
                          "(3.2 % apart)",)


@pytest.mark.parametrize("given, apart", [
    (200, "100.0 % apart"), (50, "50.0 % apart"), (52, "48.0 % apart"), (190, "90.0 % apart"),
    (201, "x2.01 apart: a unit slip?"), (49, "x0.49 apart: a unit slip?"), (250, "x2.5 apart: a unit slip?"),
])
def test_a_unit_slip_is_suspected_beyond_a_factor_of_two(given, apart):
    # 100 Wh/kg derived: within x0.5 .. x2 the gap is given in percent, beyond it as a factor
    c = cell(f"electrical: {{energy: 100 Wh}}\nphysical: {{mass: 1 kg}}\n"
             f"energy_density: {{gravimetric: {given} Wh/kg}}\n")
    assert len(c.warnings) == 1 and c.warnings[0].endswith(f"({apart})")


def test_voltage_without_capacity_derives_no_energy():
    c = cell("electrical: {nominal_voltage: 3.6 V}\nphysical: {mass: 70 g}\n")
    assert c.get("energy") is None and c.get("gravimetric") is None
    c = cell("electrical: {capacity: 5 Ah}\n")
    assert c.get("energy") is None


def test_a_spec_built_in_code_cites_its_only_source():
    from batcalc.spec.model import CellSpec

    spec = CellSpec.model_validate({
        "kind": "cell", "id": "t", "name": "T", "electrical": {"nominal_voltage": "3.6 V", "capacity": "5 Ah"},
        "cycle_life": {"cycles": 500, "retention": "80 %"},
        "sources": [{"id": "ds", "title": "S", "url": "https://example.com", "date": 2024, "grade": "datasheet"}]})
    f = figures_of(spec)
    assert f.figures["energy"].sources == ("ds",) and f.figures["energy"].grade == "datasheet"
    assert f.figures["cycles"].sources == ("ds",) and f.figures["retention"].sources == ("ds",)


def test_options_and_packs_are_immutable():
    # PackOptions() is a shared default argument: it must not be changeable
    import dataclasses

    p = pack_from_mass(cell(DENSE), 100.0)
    for obj, name in ((PackOptions(), "f_mass"), (p, "energy")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, 0.5)


ONE_SOURCE = 'sources:\n  - {id: ds, title: "Sheet", url: "https://example.com/ds", date: 2024, grade: datasheet}\n'


def test_explicit_citations_are_used_as_given():
    spec = parse_spec(HEAD + "electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}\n" + ONE_SOURCE)
    assert figures_of(spec).figures["energy"].sources == ("ds",)           # implicit: the only source
    bare = figures_of(spec, {})                                             # told: nothing is cited
    assert bare.figures["energy"].sources == () and bare.figures["energy"].grade is None


def test_cycle_count_without_retention_cites_the_only_source_or_none():
    one = cell("cycle_life: {cycles: 1000}\n" + ONE_SOURCE)
    assert one.figures["cycles"].sources == ("ds",) and one.figures["cycles"].grade == "datasheet"
    assert "retention" not in one.figures
    several = sourced("cycle_life: {cycles: 1000}\n")
    assert several.figures["cycles"].sources == () and several.figures["cycles"].grade is None


def test_pack_options_at_an_assumption_point_take_what_is_given_and_read_the_rest():
    """PackOptions.assumed: each fraction given wins; each one not given is read from the point (by its
    assumption id), the three in their own places."""
    from batcalc.physics.pack import PackOptions

    point = {"cell-to-pack-mass": 0.81, "cell-to-pack-volume": 0.62, "usable-fraction": 0.91}
    assert PackOptions.assumed(point) == PackOptions(0.81, 0.62, 0.91)
    assert PackOptions.assumed(point, f_mass=0.7) == PackOptions(0.7, 0.62, 0.91)
    assert PackOptions.assumed(point, f_volume=0.5) == PackOptions(0.81, 0.5, 0.91)
    assert PackOptions.assumed(point, f_usable=0.95) == PackOptions(0.81, 0.62, 0.95)
    assert PackOptions.assumed({}, 0.7, 0.5, 0.95) == PackOptions(0.7, 0.5, 0.95)     # nothing read


def test_the_heaviest_pack_is_built_and_a_heavier_one_refused():
    """MAX_PACK_MASS (1e6 kg) itself is a pack; 1.05e6 kg is refused, naming the cell."""
    from batcalc.physics.pack import MAX_PACK_MASS, Pack, PackOptions

    assert MAX_PACK_MASS == 1e6
    assert Pack("c", 3.6e12, 1e6, PackOptions()).mass == 1e6
    with pytest.raises(BatcalcError, match=r"a 1\.05e\+06 kg pack of c is heavier than any road vehicle"):
        Pack("c", 3.6e12, 1.05e6, PackOptions())
