"""Derived cell figures against hand calculations, mismatch reports, and unit-independence."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batcalc.errors import SpecError
from batcalc.physics.cells import figures_of
from batcalc.spec.model import parse_spec

HEAD = "kind: cell\nid: t\nname: T\n"


def cell(body: str):
    return figures_of(parse_spec(HEAD + body))


def test_cylinder_derivations_hand_calc():
    # 21700-like: 3.6 V x 5.0 Ah = 18 Wh; 18 Wh / 0.070 kg = 257.14 Wh/kg;
    # V = pi * (0.021/2)^2 * 0.070 = 2.4245e-5 m^3 = 24.245 mL; 18 Wh / 0.024245 L = 742.4 Wh/L
    c = cell("electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}\n"
             "physical: {mass: 70 g, dimensions: {diameter: 21 mm, height: 70 mm}}\n")
    assert c.get("energy") == pytest.approx(18 * 3600)
    assert c.get("gravimetric") / 3600 == pytest.approx(18 / 0.070)
    volume = math.pi * 0.0105 ** 2 * 0.070
    assert c.get("volume") == pytest.approx(volume)
    assert c.get("volumetric") / 3600 * 1e-3 == pytest.approx(18 / (volume * 1e3))
    assert c.figures["gravimetric"].derived == "energy / mass"
    assert c.warnings == ()


def test_box_volume_and_given_value_kept():
    # 965 x 90 x 14 mm = 1.2159 L; 432 Wh / 1.2159 L = 355.3 Wh/L (BYD Blade teardown figures)
    c = cell("electrical: {energy: 432 Wh}\nphysical: {dimensions: {length: 965 mm, width: 90 mm, thickness: 14 mm}}\n")
    assert c.get("volumetric") / 3600 * 1e-3 == pytest.approx(432 / 1.2159, rel=1e-4)


def test_mismatch_above_three_percent_is_reported():
    ok = cell("electrical: {energy: 18 Wh}\nphysical: {mass: 70 g}\nenergy_density: {gravimetric: 260 Wh/kg}\n")
    assert ok.warnings == ()            # 257.1 vs 260: 1.1 % apart
    bad = cell("electrical: {energy: 18 Wh}\nphysical: {mass: 70 g}\nenergy_density: {gravimetric: 300 Wh/kg}\n")
    assert len(bad.warnings) == 1 and "16.7 % apart" in bad.warnings[0]
    assert bad.get("gravimetric") / 3600 == pytest.approx(300)   # the given value is kept


def test_pack_level_figures_are_not_cross_checked_with_cell_mass():
    c = cell("electrical: {energy: 18 Wh}\nphysical: {mass: 70 g}\n"
             "energy_density: {level: pack, gravimetric: 180 Wh/kg}\n")
    assert c.warnings == () and c.level == "pack"


SPECIFIC_ENERGY = [("Wh/kg", 1.0), ("kWh/kg", 1e-3), ("J/g", 3.6), ("kJ/kg", 3.6)]
ENERGY = [("Wh", 1.0), ("kWh", 1e-3), ("J", 3600.0)]
MASS = [("kg", 1.0), ("g", 1e3), ("lb", 1 / 0.45359237)]


@settings(max_examples=80, deadline=None)
@given(rho=st.floats(50, 1000), e=st.floats(1, 2000), m=st.floats(0.01, 20),
       u1=st.sampled_from(SPECIFIC_ENERGY), u2=st.sampled_from(ENERGY), u3=st.sampled_from(MASS))
def test_results_independent_of_input_units(rho, e, m, u1, u2, u3):
    """The same cell written in Wh/kg, kWh/kg or J/g (and Wh/kWh/J, kg/g/lb) gives the same figures."""
    base = cell(f"electrical: {{energy: {e!r} Wh}}\nphysical: {{mass: {m!r} kg}}\n"
                f"energy_density: {{gravimetric: {rho!r} Wh/kg}}\n")
    other = cell(f"electrical: {{energy: {e * u2[1]!r} {u2[0]}}}\nphysical: {{mass: {m * u3[1]!r} {u3[0]}}}\n"
                 f"energy_density: {{gravimetric: {rho * u1[1]!r} {u1[0]}}}\n")
    for key in ("energy", "mass", "gravimetric"):
        assert other.get(key) == pytest.approx(base.get(key), rel=1e-9)
    # the 3 % mismatch report may flip only for a cell sitting on the threshold (float rounding)
    diff = abs(rho - e / m) / (e / m)
    if abs(diff - 0.03) > 1e-9:
        assert len(other.warnings) == len(base.warnings)


@settings(max_examples=50, deadline=None)
@given(v=st.floats(1, 5), ah=st.floats(0.5, 300), g=st.floats(10, 5000))
def test_gravimetric_rises_with_capacity_and_falls_with_mass(v, ah, g):
    a = cell(f"electrical: {{nominal_voltage: {v!r} V, capacity: {ah!r} Ah}}\nphysical: {{mass: {g!r} g}}\n")
    more = cell(f"electrical: {{nominal_voltage: {v!r} V, capacity: {ah * 1.1!r} Ah}}\nphysical: {{mass: {g!r} g}}\n")
    heavier = cell(f"electrical: {{nominal_voltage: {v!r} V, capacity: {ah!r} Ah}}\n"
                   f"physical: {{mass: {g * 1.1!r} g}}\n")
    assert more.get("gravimetric") > a.get("gravimetric") > heavier.get("gravimetric")


def test_partial_dimensions_are_refused_where_they_stand():
    """A volume needs both cylinder dimensions or all three box ones; validation refuses a part of
    either set, located (so figures_of never meets one)."""
    for dims, words in (("{diameter: 46 mm}", "a cylindrical cell needs both diameter and height"),
                        ("{height: 80 mm}", "a cylindrical cell needs both diameter and height"),
                        ("{length: 100 mm, width: 30 mm}",
                         "a prismatic or pouch cell needs length, width and thickness")):
        with pytest.raises(SpecError, match=f"^<string>:4:24: physical.dimensions: {words}"):
            parse_spec(f"kind: cell\nid: x\nname: X\nphysical: {{dimensions: {dims}}}\n")
    f = figures_of(parse_spec("kind: cell\nid: x\nname: X\nphysical: {dimensions: {diameter: 46 mm, height: 80 mm}}\n"))
    assert f.get("volume") == pytest.approx(math.pi * 0.023 ** 2 * 0.08, rel=1e-12)
    assert not any(k.startswith("_") for k in f.figures)


def test_a_figure_stated_as_an_assumption_is_graded_so_and_its_reason_kept():
    """A value with no source and an ``assumption:`` reason is graded 'assumption' (so is what is derived
    from it), and the reason is kept with the value's place in the file; a sourced value is graded by
    its source and adds no reason. (Two sources: with one, every value is taken as cited from it.)"""
    f = figures_of(parse_spec("""
kind: cell
id: x
name: X
physical:
  mass: {value: 69 g, source: s}
  dimensions:
    diameter: {value: 21 mm, assumption: "the designation names 21 mm"}
    height: {value: 70 mm, source: t}
sources:
  - {id: s, title: S, grade: datasheet, url: "https://example.org/s"}
  - {id: t, title: T, grade: press, url: "https://example.org/t"}
"""))
    assert f.assumptions == ((("physical", "dimensions", "diameter"), "the designation names 21 mm"),)
    assert f.figures["volume"].grade == "assumption" and f.figures["mass"].grade == "datasheet"


def test_cell_figures_are_read_only_and_empty_by_default():
    """A catalogue cell's figures are derived once and shared (``load_derived``): the object refuses
    changes, and one made without figures has an empty read-only mapping, not a shared dict."""
    import dataclasses

    from batcalc.physics.cells import CellFigures

    f = figures_of(parse_spec("kind: cell\nid: x\nname: X\nphysical: {mass: 70 g}\n"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.mismatches = ()  # type: ignore[misc]
    bare = CellFigures(f.spec)
    assert dict(bare.figures) == {} and bare.mismatches == () and bare.warnings == ()
    with pytest.raises(TypeError):
        bare.figures["mass"] = f.figures["mass"]  # type: ignore[index]


def test_a_pickled_cell_keeps_its_mismatches_assumptions_and_read_only_figures():
    """A cell goes through pickle (multiprocessing, caches) whole: the 3 % mismatch report (300 Wh/kg given
    against 18 Wh / 70 g = 257.1 derived) and the figures stated as assumptions come back with it, in
    their places, and its figures stay read-only."""
    import pickle

    bad = cell("electrical: {energy: 18 Wh}\nphysical: {mass: 70 g}\nenergy_density:\n"
               "  gravimetric: {assumption: 'a round figure for the test', value: 300 Wh/kg}\n")
    assert bad.mismatches and bad.assumptions
    again = pickle.loads(pickle.dumps(bad))
    assert again.mismatches == bad.mismatches and again.assumptions == bad.assumptions
    assert again.warnings == bad.warnings and dict(again.figures) == dict(bad.figures)
    with pytest.raises(TypeError):
        again.figures["gravimetric"] = None  # type: ignore[index]
