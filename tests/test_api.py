"""The Python API (``import batcalc``): a small lazy surface, inputs with units, results as Quantities.

Every figure is checked against the layer below it (the physics in SI), not against copied numbers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import batcalc as bc
from batcalc.errors import BatcalcError, UnitError
from batcalc.physics import tradeoff as physics
from batcalc.physics.cells import load_cell as physics_cell
from batcalc.physics.vehicle import load_vehicle as physics_vehicle

ROOT = Path(__file__).resolve().parent.parent
OTHER = pint.UnitRegistry()          # a user's own registry, not batcalc's


def test_the_public_surface_is_small_and_every_name_resolves():
    assert len(bc.__all__) <= 15
    assert len(set(bc.__all__)) == len(bc.__all__)
    for name in bc.__all__:
        assert getattr(bc, name) is not None, name
        assert name in dir(bc)
    assert bc.BatcalcError is BatcalcError
    assert isinstance(bc.__version__, str)
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        bc.nonesuch  # noqa: B018


def test_import_batcalc_is_cheap():
    """``import batcalc`` loads none of the heavy dependencies (nor typing); the first use of a name does."""
    code = ("import sys, batcalc; heavy = ('pint', 'numpy', 'pydantic', 'typer', 'typing', 'batcalc.api'); "
            "print(sorted(m for m in heavy if m in sys.modules)); batcalc.load_cell; "
            "print(sorted(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""}).stdout.splitlines()
    assert out[0] == "[]"
    assert "batcalc.api" in out[1] and "typer" not in out[1]          # the API never loads the CLI


def test_range_of_takes_text_and_gives_quantities():
    r = bc.range_of(bc.load_cell("gac-aion-ssb-350"), bc.load_vehicle("mid-sedan"), pack_mass="480 kg")
    raw = physics.range_of(physics_cell("gac-aion-ssb-350"), physics_vehicle("mid-sedan"), pack_mass=480.0)
    assert r.range.to("km").magnitude == pytest.approx(raw.range / 1000)
    assert r.range.to("m").magnitude == pytest.approx(raw.range)
    assert r.consumption.to("J/m").magnitude == pytest.approx(raw.consumption)
    assert r.pack_mass.to("kg").magnitude == pytest.approx(480.0)
    assert r.pack_energy.to("J").magnitude == pytest.approx(raw.pack.energy)
    assert r.usable_energy.to("J").magnitude == pytest.approx(raw.pack.usable_energy)
    assert r.total_mass.to("kg").magnitude == pytest.approx(raw.total_mass)
    assert r.assumptions == list(raw.assumptions) and r.assumptions
    assert r.raw.range == raw.range
    assert type(r.range) is type(bc.Q("1 km"))                 # a Quantity of batcalc's own registry


def test_a_bare_number_is_a_type_error_naming_the_unit():
    with pytest.raises(TypeError, match=r"pack_mass needs a mass with its unit, e.g. '480 kg'"):
        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=480)
    with pytest.raises(TypeError, match=r"pack_energy needs an energy with its unit, e.g. '78 kWh'"):
        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_energy=78)
    with pytest.raises(TypeError, match="target_range.*'600 km'"):
        bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", "range", target_range=600.0)
    with pytest.raises(TypeError, match="time.*'12 min'"):
        bc.charge("gac-aion-ssb-350", to_soc=0.8, time=12, pack_energy="75 kWh")
    with pytest.raises(TypeError, match="pack_mass needs a mass"):
        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=True)


def test_quantities_of_any_registry_give_the_same_result_as_text():
    text = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_energy="75 kWh")
    for q in (OTHER.Quantity(75, "kWh"), OTHER.Quantity(270, "MJ"), OTHER.Quantity(75e3, "W*h"),
              bc.Q("75 kWh"), bc.Q(75, "kWh")):
        r = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_energy=q)
        assert r.range.to("km").magnitude == pytest.approx(text.range.to("km").magnitude, rel=1e-12), q
    per_second = OTHER.Quantity(3.0, "kWh/(kg*s**2)")      # two units below the line
    assert bc.convert(per_second, "J/(kg*s^2)").magnitude == pytest.approx(3.0 * 3.6e6)


def test_a_wrong_dimension_is_a_one_line_error_naming_it():
    for bad, got in (("480 km", "a length"), (OTHER.Quantity(3, "m/s"), "a speed")):
        with pytest.raises(UnitError) as info:
            bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=bad)
        assert str(info.value).startswith("pack_mass: ") and "not a mass" in str(info.value)
        assert got in str(info.value) and "\n" not in str(info.value)
        assert isinstance(info.value, ValueError) and isinstance(info.value, BatcalcError)
    with pytest.raises(TypeError, match="got list"):
        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=[480])
    with pytest.raises(TypeError, match="single value"):
        import numpy as np

        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=OTHER.Quantity(np.array([1.0, 2.0]), "kg"))


def test_fractions_take_bare_numbers_or_percent():
    a = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg", f_mass=0.85)
    b = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg", f_mass="85 %")
    assert a.raw.pack.options.f_mass == b.raw.pack.options.f_mass == pytest.approx(0.85)
    with pytest.raises(UnitError, match="f_mass: bare number 85 is ambiguous"):
        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg", f_mass=85)


def test_cells_and_compare():
    cell = bc.load_cell("tesla-4680")
    raw = physics_cell("tesla-4680")
    assert set(cell.figures) == set(raw.figures)
    assert cell.figures["energy"].to("J").magnitude == pytest.approx(raw.get("energy"))
    assert cell.gravimetric.to("J/kg").magnitude == pytest.approx(raw.get("gravimetric"))
    c = bc.compare("gac-aion-ssb-300", "gac-aion-ssb-350")
    from batcalc.physics.compare import energy_at_same_mass, mass_at_same_energy

    a, b = physics_cell("gac-aion-ssb-300"), physics_cell("gac-aion-ssb-350")
    assert c.energy_at_same_mass == energy_at_same_mass(a, b).value
    assert c.mass_at_same_energy == mass_at_same_energy(a, b).value
    assert c.energy_at_same_volume is None and "volumetric" in c.why_missing["energy_at_same_volume"]
    ga, gb = c.densities["gravimetric"]
    assert (gb / ga).to("dimensionless").magnitude == pytest.approx(c.energy_at_same_mass)
    with pytest.raises(TypeError, match="needs a cell"):
        bc.compare(3, "gac-aion-ssb-350")
    with pytest.raises(BatcalcError):
        bc.load_cell("no-such-cell")


def test_tradeoff_matches_the_physics():
    t = bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", bc.load_vehicle("heavy-truck"), "range")
    raw = physics.tradeoff(physics_cell("gac-aion-ssb-300"), physics_cell("gac-aion-ssb-350"),
                           physics_vehicle("heavy-truck"), "range")
    assert t.mass_saved.to("kg").magnitude == pytest.approx(raw.mass_saved)
    assert t.iterations == raw.iterations and t.range_ratio == pytest.approx(raw.range_ratio)
    assert t.b.range.to("km").magnitude == pytest.approx(raw.b.range / 1000)


def test_charge_windows():
    from batcalc.physics.charge import Window

    result = bc.charge("gac-aion-ssb-350", to_soc="80 %", time="12 min", pack_energy="75 kWh")
    assert [(w.from_soc, w.to_soc, w.start_stated) for w in result.windows] == [(0.0, 0.8, False), (0.1, 0.8, False)]
    w = result.windows[1]
    ref = Window(0.1, 0.8, 720.0, pack_energy=75 * 3.6e6)
    assert w.c_rate.to("1/h").magnitude == pytest.approx(ref.c_rate)
    assert w.battery_power.to("W").magnitude == pytest.approx(ref.battery_power)
    assert w.grid_power.to("W").magnitude == pytest.approx(ref.grid_power)
    assert w.range_added is None and w.chargers == [c.id for c in ref.chargers()]
    by_power = bc.charge("gac-aion-ssb-350", from_soc=0.1, to_soc=0.8, power="262.5 kW", pack_energy="75 kWh")
    assert by_power.windows[0].time.to("min").magnitude == pytest.approx(12.0)
    with_car = bc.charge("huineng-llcb", vehicle="mid-sedan")          # its own claim, the car's reference pack
    assert with_car.windows and all(x.range_added.to("km").magnitude > 0 for x in with_car.windows)
    assert any("reference pack" in a for a in with_car.assumptions)
    with pytest.raises(BatcalcError, match="to_soc must be above from_soc"):
        bc.charge("gac-aion-ssb-350", from_soc="80 %", to_soc="10 %", time="12 min")


def test_check_gives_quantities_where_dimensional():
    from batcalc.claims.check import check_file

    results = bc.check("seed-article")
    verdicts = check_file("seed-article")[1]
    assert [(r.id, r.status) for r in results] == [(v.id, v.status) for v in verdicts]
    for r, v in zip(results, verdicts, strict=True):
        for mine, theirs in ((r.claimed, v.claimed), (r.derived, v.derived)):
            for m, t in zip(mine if isinstance(mine, list) else [mine], theirs if isinstance(theirs, list)
                            else [theirs], strict=True):
                if t is None:
                    assert m is None
                elif t.dim in ("fraction", "factor", "count", "number"):
                    assert isinstance(m, float) and m == t.si
                elif t.dim != "given":
                    from batcalc.units import DIMENSIONS

                    si = DIMENSIONS["length" if t.dim == "distance" else t.dim].si
                    assert m.to(si).magnitude == pytest.approx(t.si), (r.id, t)
    dimensional = [r for r in results if hasattr(r.claimed, "dimensionality")]
    assert dimensional, "the seed article has claims with units"
    one = bc.check("ratio", a="250 Wh/kg", b=OTHER.Quantity(432, "Wh/kg"), asserted="73 %")
    assert (one.status, one.derived) == ("holds", pytest.approx(0.728))
    from batcalc.report.claims import verdict_texts

    texts = verdict_texts(one.raw)
    assert (one.claimed_text, one.derived_text, one.assumptions) == (texts["claimed"], texts["derived"],
                                                                    texts["assumptions"])
    assert one.needed is None                   # it holds
    failing = next(r for r in results if r.status == "fails")
    assert failing.needed is not None


@pytest.mark.parametrize("quantity", [OTHER.Quantity(402, "km"), bc.Q(402.0, "km"), OTHER.Quantity(402.0, "km")])
def test_a_claims_figure_given_as_a_quantity_states_the_precision_of_the_same_text(quantity):
    """A Quantity was written in root units ('402000.0 meter'): its stated precision became 0.05 m, not
    the 0.5 km of '402 km', and an at-least claim the text holds failed."""
    common = dict(vehicle="compact-car", pack_energy="60 kWh", cycle="nedc", qualifier="at-least")
    text = bc.check("range", asserted="402 km", **common)
    given = bc.check("range", asserted=quantity, **common)
    derived_km = given.derived.to("km").magnitude
    # the case: under 402 km but within half a unit of its last digit, 402 - 402 x (0.5 / 402)
    assert 402 - 0.5 <= derived_km < 402
    assert text.status == "holds"
    assert given.status == text.status
    assert given.claimed.to("km").magnitude == pytest.approx(402) and str(given.claimed.units) == "kilometer"
    assert any("±0.5 km, the precision stated" in a for a in given.assumptions)


def test_a_verdict_value_of_an_unknown_dimension_stays_a_float():
    from batcalc.api.claims import value_quantity
    from batcalc.claims.check import Value

    assert value_quantity(Value(2.5, "something-new")) == 2.5
    assert value_quantity(Value(3.0, "given", unit="billion yuan")) == 3.0
    assert value_quantity(Value(3.0, "given", unit="kWh")).to("kWh").magnitude == 3.0
    assert value_quantity(Value(1000.0, "distance")).to("km").magnitude == pytest.approx(1.0)


def test_q_and_convert():
    assert bc.Q("480 kg") == bc.Q(480, "kg")
    assert bc.Q(OTHER.Quantity(1, "mile")).to("m").magnitude == pytest.approx(1609.344)
    assert bc.convert("15 kWh/100km", "mi/kWh").magnitude == pytest.approx(1 / (0.15 * 1.609344))
    with pytest.raises(TypeError, match="needs a unit"):
        bc.Q(480)
    with pytest.raises(UnitError):
        bc.Q("480 kgg")
    assert "mid-sedan" in bc.catalog("vehicle")


def test_py_typed_ships_in_the_package():
    assert (ROOT / "batcalc" / "py.typed").is_file()
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["batcalc"]' in text          # hatch ships every file of the package folder


@settings(max_examples=60, deadline=None)
@given(number=st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False),
       unit=st.sampled_from([("kWh", "energy"), ("MJ", "energy"), ("lb", "mass"), ("Wh/kg", "specific_energy"),
                             ("Wh/mi", "consumption"), ("mile/hour", "speed"),
                             ("N*s^2/m^2", "force_per_speed2")]))
def test_a_quantity_of_another_registry_reads_as_pint_converts_it(number, unit):
    """Any registry's Quantity -> text -> parse_value gives pint's own SI conversion of it."""
    from batcalc.api.quantities import si_of
    from batcalc.units import DIMENSIONS

    label, dim = unit
    q = OTHER.Quantity(number, label)
    assert si_of(q, dim, "x") == pytest.approx(q.to(DIMENSIONS[dim].si).magnitude, rel=1e-12)


def test_what_the_api_hands_out_cannot_change_the_catalogue_cache():
    """A catalogue cell's figures are derived once and shared by every call: the object handed out is
    read-only, so one caller's edit cannot reach the next caller (nor a later range)."""
    first = bc.load_cell("tesla-4680")
    mass = first.figures["mass"]
    edits = (lambda: first.raw.warnings.append("x"), lambda: first.raw.figures.__delitem__("mass"),
             lambda: first.raw.figures.__setitem__("mass", None), lambda: first.raw.assumptions.append(("x",)),
             lambda: setattr(first.raw, "figures", {}), lambda: setattr(first.raw, "warnings", ["x"]))
    for edit in edits:
        with pytest.raises((AttributeError, TypeError)):
            edit()
    first.figures.pop("mass")                   # the API's own dict is the caller's to change
    first.warnings.append("x")
    again = bc.load_cell("tesla-4680")
    assert again.raw is first.raw               # still the one shared object (the cache is kept)
    assert again.figures["mass"] == mass and again.warnings == []
    assert bc.range_of(again, "mid-sedan", pack_mass="480 kg").raw.cell.get("mass") == mass.to("kg").magnitude
    r = bc.range_of("tesla-4680", "mid-sedan", pack_mass="480 kg")
    with pytest.raises((AttributeError, TypeError)):
        r.raw.cell.warnings.append("x")         # the cell inside a result is the same shared one


def _mutable_lists(obj, path="spec"):
    """Paths of the lists, dicts and sets reachable through a pydantic model's fields."""
    from pydantic import BaseModel

    if isinstance(obj, (list, dict, set)):
        yield path
    if isinstance(obj, (list, tuple)):
        for i, x in enumerate(obj):
            yield from _mutable_lists(x, f"{path}[{i}]")
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _mutable_lists(getattr(obj, name), f"{path}.{name}")


def test_a_catalogue_spec_handed_out_has_no_list_a_caller_could_change():
    """`load_cell(...).raw.spec.charging.claims` was a list on the one cached spec: a caller's `.clear()`
    left the next `charge("catl-shenxing-lfp")` with no charge claim, and `sources.append(...)` reached
    the next load. The spec models' sequences are tuples now."""
    cell = bc.load_cell("catl-shenxing-lfp")
    claims = cell.raw.spec.charging.claims
    assert len(claims) >= 1
    with pytest.raises(AttributeError):
        claims.clear()                               # a tuple: no way to empty the shared one
    with pytest.raises(AttributeError):
        cell.raw.spec.sources.append(cell.raw.spec.sources[0])
    again = bc.charge("catl-shenxing-lfp")
    first = claims[0]
    assert again.windows[0].c_rate.to("1/h").magnitude == pytest.approx(
        (first.to_soc.si - (first.from_soc.si if first.from_soc else 0.0)) / (first.time.si / 3600))
    for kind, load in (("cell", bc.load_cell), ("vehicle", bc.load_vehicle)):
        for name in bc.catalog(kind):
            assert list(_mutable_lists(load(name).raw.spec)) == [], name


@pytest.mark.parametrize(("unit", "dim", "param"), [("metric_ton", "mass", "pack_mass"), ("slug", "mass", "pack_mass"),
                                                     ("kilocalorie", "energy", "pack_energy"),
                                                     ("british_thermal_unit", "energy", "pack_energy")])
def test_any_unit_pint_knows_is_read_by_its_dimension(unit, dim, param):
    """A Quantity in a unit batcalc's grammar does not name (pint's metric_ton, slug, kcal, Btu) is
    converted by pint to its base units: the same range as the same amount given as text in SI."""
    from batcalc.units import DIMENSIONS

    q = OTHER.Quantity(0.48 if unit == "metric_ton" else 30.0 if unit == "slug" else 6e7, unit)
    si = q.to(DIMENSIONS[dim].si).magnitude                      # pint's own conversion, kg or J
    text = f"{si!r} {DIMENSIONS[dim].si}"
    want = bc.range_of("gac-aion-ssb-350", "mid-sedan", **{param: text}).range.to("km").magnitude
    got = bc.range_of("gac-aion-ssb-350", "mid-sedan", **{param: q}).range.to("km").magnitude
    assert got == pytest.approx(want, rel=1e-12)
    assert bc.convert(q, DIMENSIONS[dim].si).magnitude == pytest.approx(si, rel=1e-12)


def test_batcalc_own_quantities_go_back_in():
    """``Q('1 t')`` is pint's metric_ton: it round-trips through Q and is taken as an input."""
    tonne = bc.Q("1 t")
    assert bc.Q(tonne) == tonne and bc.Q(tonne).to("kg").magnitude == pytest.approx(1000.0)
    by_q = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=bc.Q("0.48 t"))
    by_text = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg")
    assert by_q.range.to("km").magnitude == pytest.approx(by_text.range.to("km").magnitude, rel=1e-12)
    assert bc.Q(OTHER.Quantity(1, "mile")).units == bc.Q("1 mi").units       # a unit we name is kept
    assert bc.Q(OTHER.Quantity(2, "slug")).to("kg").magnitude == pytest.approx(2 * 14.59390293720637)
    a = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg", f_mass=OTHER.Quantity(85, "percent"))
    assert a.raw.pack.options.f_mass == pytest.approx(0.85)
    asserted = OTHER.Quantity(73, "percent")                   # +73 %, not a bare 0.73
    assert bc.check("ratio", a="250 Wh/kg", b="432 Wh/kg", asserted=asserted).status == "holds"


def test_a_wrong_type_at_the_api_boundary_is_a_type_error():
    """docs/api.md: a wrong type is a TypeError with a one-line message naming what was expected."""
    calls = {"convert's unit": lambda: bc.convert("480 kg", None), "check's claims": lambda: bc.check(None),
             "check's claims with bands": lambda: bc.check(5, bands=True), "catalog's kind": lambda: bc.catalog(5),
             "check's qualifier": lambda: bc.check("ratio", a="250 Wh/kg", b="432 Wh/kg", asserted="73 %",
                                                   qualifier=5),
             "tradeoff's hold": lambda: bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", 5)}
    for what, call in calls.items():
        with pytest.raises(TypeError) as info:
            call()
        assert not isinstance(info.value, BatcalcError), what
        assert "needs" in str(info.value) and "\n" not in str(info.value), (what, str(info.value))
    with pytest.raises(BatcalcError, match="unknown catalogue kind"):      # the right type, a wrong value
        bc.catalog("cells")


def test_bands_give_figures_in_the_units_of_the_point_result():
    """``range_bands(...)['pack_energy']`` is in kWh like ``RangeResult.pack_energy`` (it was in Wh)."""
    point = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg")
    bands = bc.range_bands("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg")
    for key, mine in (("pack_energy", point.pack_energy), ("usable_energy", point.usable_energy),
                      ("range", point.range), ("pack_mass", point.pack_mass), ("consumption", point.consumption)):
        band = bands[key]
        assert band.central.units == mine.units, key
        assert band.low.units == band.high.units == mine.units, key
        assert band.central.magnitude == pytest.approx(mine.magnitude, rel=1e-9), key
    assert {q.units for _, low, high in bands.ranking("pack_energy") for q in (low, high)} == {point.pack_energy.units}


def test_charge_lists_the_chargers_that_deliver_into_the_pack_voltage():
    # 10->80 % of 75 kWh in 20 min is 157.5 kW at the battery; ccs-180kw is limited to 200 A: 80 kW into a
    # 400 V pack, 160 kW into 800 V (min(180 kW, 200 A x V)); the same rule as the command line's
    import batcalc as bc
    from batcalc.physics.charge import chargers_for, delivered_power

    args = dict(pack_energy="75 kWh", from_soc="10 %", to_soc="80 %", time="20 min")
    at_400 = bc.charge("gac-aion-ssb-350", **args)
    at_800 = bc.charge("gac-aion-ssb-350", **args, pack_voltage="800 V")
    assert at_400.windows[0].battery_power.to("kW").magnitude == pytest.approx(157.5)
    ccs180 = next(c for c in chargers_for(0.0, 800.0) if c.id == "ccs-180kw")
    assert delivered_power(ccs180, 400.0) == pytest.approx(80e3)
    assert delivered_power(ccs180, 800.0) == pytest.approx(160e3)
    assert "ccs-180kw" not in at_400.windows[0].chargers and "ccs-180kw" in at_800.windows[0].chargers
    assert "pack voltage 800 V (pack_voltage)" in at_800.assumptions
    assert "pack voltage 400 V (default: no pack_voltage)" in at_400.assumptions
    with pytest.raises(bc.BatcalcError, match="pack_voltage must be positive"):
        bc.charge("gac-aion-ssb-350", **args, pack_voltage="-1 V")


def test_range_bands_takes_what_range_bands_on_the_command_line_takes(run):
    # a pack mass as a range and a fixed pack fraction: the API refused '400 to 500 kg' and f_mass
    import json

    import batcalc as bc

    api = bc.range_bands("gac-aion-ssb-350", "mid-sedan", pack_mass="400 to 500 kg", f_mass="85 %")
    cli = json.loads(run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--bands", "--pack-mass", "400 to 500 kg",
                         "--f-mass", "85 %", "-f", "json").stdout)["bands"]["range"]
    band = api["range"]
    for end in ("low", "central", "high"):
        assert getattr(band, end).to("km").magnitude == pytest.approx(cli[end]["value"], rel=1e-12)
    assert "pack_mass" in api.axes and "cell-to-pack-mass" not in api.axes
    # at the central pack mass (450 kg) and f_mass 0.85 the central range is range_of's
    point = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="450 kg", f_mass="85 %")
    assert band.central.to("km").magnitude == pytest.approx(point.range.to("km").magnitude, rel=1e-9)
    with pytest.raises(bc.BatcalcError, match=r"^assume usable-fraction: f_usable '80 %' sets it here"):
        bc.range_bands("gac-aion-ssb-350", "mid-sedan", f_usable="80 %", assume={"usable-fraction": "90 % to 95 %"})


def test_charge_in_a_vehicle_carries_the_warnings_the_cli_prints(run):
    """The API's charge() gives, as `warnings`, what `batcalc charge` prints of the vehicle: 400 kWh of
    huineng-llcb (321 Wh/kg, 0.70 cell-to-pack) is a 400 / (0.321 x 0.7) = 1780 kg pack, and 1270 + 1780 +
    150 = 3200 kg is above the mid-sedan's 2232 kg max gross mass; without a vehicle there are none."""
    import json

    import batcalc

    pack = 400 / (0.321 * 0.7)
    got = batcalc.charge("huineng-llcb", vehicle="mid-sedan", pack_energy="400 kWh", to_soc="80 %", time="1 h")
    assert f"vehicle mass {1270 + pack + 150:.0f} kg is above mid-sedan's max gross mass 2232 kg" in got.warnings
    r = run("charge", "huineng-llcb", "-v", "mid-sedan", "--pack-energy", "400 kWh", "--to", "80 %",
            "--time", "1 h", "--format", "json")
    assert r.exit_code == 0, r.stderr
    printed = json.loads(r.stdout)["warnings"]              # their own key, as range's (no longer in assumptions)
    assert got.warnings == printed and len(printed) == 2
    assert batcalc.charge("huineng-llcb", pack_energy="400 kWh", to_soc="80 %", time="1 h").warnings == []


def test_charge_says_what_the_cli_says_of_a_missing_pack_energy_and_an_open_start(run):
    """charge() without a pack energy gave `chargers == []` (read: no charger delivers it) where the
    power is unknown, and said nothing of it; an open start was not noted. Now the chargers are None
    with the power, and the notes are those `batcalc charge` prints (in the API's names)."""
    import json

    got = bc.charge("catl-shenxing-lfp")                   # its own claim: 0 -> 80 % in 10 min
    w = got.windows[0]
    assert w.c_rate.to("1/h").magnitude == pytest.approx(0.8 / (10 / 60))      # dSoC / t[h] = 4.8 C
    assert w.battery_power is None and w.chargers is None
    assert "no pack energy (give pack_energy or vehicle): C-rates only" in got.assumptions
    r = run("charge", "catl-shenxing-lfp", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "no pack energy (give --pack-energy or --vehicle): C-rates only" in json.loads(r.stdout)["assumptions"]
    # to 5 % in 10 min, start open: shown from 0 % only (10 % is not below the end), and said so
    opened = bc.charge("tesla-4680", to_soc="5 %", time="10 min", pack_energy="80 kWh")
    r = run("charge", "tesla-4680", "--to", "5 %", "--time", "10 min", "--pack-energy", "80 kWh", "--format", "json")
    assert r.exit_code == 0, r.stderr
    note = next(a for a in json.loads(r.stdout)["assumptions"] if a.startswith("the start SoC is not stated"))
    assert note in opened.assumptions and "10 % is not below the end SoC 5 %" in note
    assert [x.from_soc for x in opened.windows] == [0.0]
    assert opened.windows[0].chargers                       # 0.05 x 80 kWh / (1/6 h) = 24 kW: delivered
    assert opened.windows[0].battery_power.to("kW").magnitude == pytest.approx(0.05 * 80 / (10 / 60))


@pytest.mark.parametrize("lookup", [lambda r: r["ragne"], lambda r: r.ranking("ragne"), lambda r: r[3]])
def test_a_figure_the_bands_do_not_have_is_a_one_line_batcalc_error(lookup):
    """r['ragne'] and r.ranking('ragne') let a bare KeyError('ragne') out; now a BatcalcError (still a
    KeyError, as a mapping's lookup raises) that names the figures there are."""
    r = bc.range_bands("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg")
    with pytest.raises(BatcalcError) as info:
        lookup(r)
    assert isinstance(info.value, KeyError)
    message = str(info.value)
    assert "\n" not in message and not message.startswith(("'", '"'))
    assert all(key in message for key in r.keys()) and "range" in r.keys()


@pytest.mark.parametrize(("call", "name"), [
    (lambda: bc.range_of("tesla-4680", "compact-car", pack_mass="400 to 500 kg"), "pack_mass"),
    (lambda: bc.tradeoff("byd-blade-lfp", "tesla-4680", "compact-car", "mass", pack_energy="60 to 70 kWh"),
     "pack_energy"),
    (lambda: bc.tradeoff("byd-blade-lfp", "tesla-4680", "compact-car", "range", target_range="400 to 500 km"),
     "target_range"),
    (lambda: bc.charge("tesla-4680", to_soc="80 %", time="10 to 12 min", pack_energy="80 kWh"), "time"),
])
def test_a_range_where_one_value_is_taken_says_so(call, name):
    """'400 to 500 kg' outside range_bands was "malformed unit 'to 500 kg': unexpected '500'"; the command
    line says "is a range" (--pack-mass without --bands), and so does the API now, naming the parameter."""
    with pytest.raises(UnitError) as info:
        call()
    message = str(info.value)
    assert message.startswith(f"{name}: '") and "is a range: give one value here" in message
    assert ("range_bands" in message) == (name in ("pack_mass", "pack_energy"))
    banded = bc.range_bands("tesla-4680", "compact-car", pack_mass="400 to 500 kg")     # where a range is taken
    assert "pack_mass" in banded.axes
    assert banded["pack_mass"].low.to("kg").magnitude == pytest.approx(400)
    assert banded["pack_mass"].high.to("kg").magnitude == pytest.approx(500)


@pytest.mark.parametrize(("given", "shown"), [("400 to 500 kWh", "is not a mass"),
                                              ("500 to 400 kg", "the low end is above the high end")])
def test_a_bad_range_in_range_bands_names_its_parameter(given, shown):
    """A bad range of range_bands' pack_mass ("'400 kWh' is not a mass") did not say which input it was,
    where one value ('400 kWh') says "pack_mass: ..."; now both name the parameter."""
    with pytest.raises(UnitError) as info:
        bc.range_bands("tesla-4680", "compact-car", pack_mass=given)
    assert str(info.value).startswith("pack_mass: ") and shown in str(info.value)
    with pytest.raises(UnitError, match="^pack_mass: "):
        bc.range_bands("tesla-4680", "compact-car", pack_mass="400 kWh")


@pytest.mark.parametrize("unit", [5, b"kg", ["kg"]])
def test_q_with_a_unit_that_is_not_text_is_a_type_error(unit):
    """Q(3, 5) was "malformed unit '5': numbers may appear in a unit only as exponents", as if 5 were
    text batcalc misread; a unit that is not text is a TypeError, as convert's is."""
    with pytest.raises(TypeError, match="needs the unit as text") as info:
        bc.Q(3, unit)
    assert not isinstance(info.value, BatcalcError)
    assert bc.Q(3, "kg").to("g").magnitude == pytest.approx(3 * 1000)


@pytest.mark.parametrize(("quantity", "text"), [(bc.Q(80, "km/h"), "80 km/h"), (OTHER.Quantity(50, "mph"), "50 mph"),
                                                (OTHER.Quantity(50.0, "mile/hour"), "50 mph")])
def test_a_constant_speed_cycle_may_be_a_quantity(quantity, text):
    """docs/api.md: an input that has a unit is text or a pint Quantity; cycle=Q(80, 'km/h') was a
    TypeError while cycle='80 km/h' ran."""
    given = bc.range_of("tesla-4680", "compact-car", cycle=quantity)
    written = bc.range_of("tesla-4680", "compact-car", cycle=text)
    assert given.consumption.to("Wh/km").magnitude == pytest.approx(written.consumption.to("Wh/km").magnitude)
    assert given.cycle.startswith("constant ")
    # R = E_usable / c
    assert given.range.to("km").magnitude == pytest.approx(
        given.usable_energy.to("Wh").magnitude / given.consumption.to("Wh/km").magnitude)
    banded = bc.range_bands("tesla-4680", "compact-car", cycle=quantity)
    assert banded["range"].central.to("km").magnitude == pytest.approx(written.range.to("km").magnitude)


def test_a_trace_file_cycle_may_be_a_path(tmp_path):
    """A trace file as a pathlib.Path (as cells and vehicles may be) was a TypeError; it runs as its text."""
    trace = tmp_path / "trace.csv"
    trace.write_text("time_s,speed_kmh\n0,0\n100,72\n200,72\n300,0\n")
    as_path = bc.range_of("tesla-4680", "compact-car", cycle=trace)
    as_text = bc.range_of("tesla-4680", "compact-car", cycle=str(trace))
    assert as_path.consumption.to("Wh/km").magnitude == pytest.approx(as_text.consumption.to("Wh/km").magnitude)
    assert as_path.range.to("km").magnitude == pytest.approx(                       # R = E_usable / c
        as_path.usable_energy.to("Wh").magnitude / as_path.consumption.to("Wh/km").magnitude)


def test_a_between_claim_gives_both_bounds_as_claimed():
    """`claimed` of a 'between' claim was its low bound alone (400 km for '400 to 500 km'): the high
    end was lost. It is now [low, high], and `qualifier` says it is a 'between'."""
    v = bc.check("range", cell="tesla-4680", vehicle="compact-car", pack_energy="60 kWh", cycle="nedc",
                 asserted="400 to 500 km", qualifier="between")
    low, high = v.claimed
    assert (low.to("km").magnitude, high.to("km").magnitude) == (pytest.approx(400), pytest.approx(500))
    assert v.qualifier == "between"
    derived = v.derived.to("km").magnitude
    assert v.status == ("holds" if 400 <= derived <= 500 else "fails")
    one = bc.check("ratio", a="250 Wh/kg", b="432 Wh/kg", asserted="73 %")
    assert one.qualifier == "about" and one.claimed == pytest.approx(0.73)      # one figure stays one


def test_range_bands_carry_the_warnings_the_cli_prints(run):
    """`batcalc range --bands` warns that the heavy truck cannot follow HWFET (the central run's warnings);
    RangeBands had no warnings at all. They are those of range_of at the central point."""
    import json

    banded = bc.range_bands("byd-blade-lfp", "heavy-truck", cycle="hwfet")
    point = bc.range_of("byd-blade-lfp", "heavy-truck", cycle="hwfet")
    assert banded["range"].central.to("km").magnitude == pytest.approx(point.range.to("km").magnitude)
    assert banded.warnings == point.warnings and any("cannot follow" in w for w in banded.warnings)
    r = run("range", "byd-blade-lfp", "-v", "heavy-truck", "-c", "hwfet", "--bands", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["warnings"] == banded.warnings
    assert bc.range_bands("byd-blade-lfp", "large-suv").warnings == []


@pytest.mark.parametrize("bands", [False, True])
def test_a_claim_kind_without_its_inputs_is_told_it_is_a_kind(bands):
    """check('ratio') read 'ratio' as a claims file: "no claim 'ratio' in the catalogue and no such file";
    it is a claim kind, and the error now says so and what it takes."""
    with pytest.raises(BatcalcError) as info:
        bc.check("ratio", bands=bands)
    message = str(info.value)
    assert message.startswith("'ratio' is a claim kind, not a claims file") and "asserted=" in message
    with pytest.raises(BatcalcError, match="no claim 'no-such-file'"):       # a name that is no kind: as before
        bc.check("no-such-file", bands=bands)
    one = bc.check("ratio", a="250 Wh/kg", b="432 Wh/kg", asserted="73 %", bands=bands)
    assert one.derived == pytest.approx(432 / 250 - 1)                       # +72.8 %


def test_charge_without_a_pack_energy_states_no_default_pack_voltage(run):
    """Without a pack energy there is no power for chargers to deliver at a voltage: `batcalc charge`
    states no pack voltage then, the API stated "pack voltage 400 V (the default)"; a given voltage is
    still stated, and a pack energy brings the default back."""
    import json

    bare = bc.charge("catl-shenxing-lfp")
    assert not any(a.startswith("pack voltage") for a in bare.assumptions)
    r = run("charge", "catl-shenxing-lfp", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert not any(a.startswith("pack voltage") for a in json.loads(r.stdout)["assumptions"])
    given = bc.charge("catl-shenxing-lfp", pack_voltage="800 V")
    assert "pack voltage 800 V (pack_voltage)" in given.assumptions
    sized = bc.charge("catl-shenxing-lfp", pack_energy="75 kWh")
    assert "pack voltage 400 V (default: no pack_voltage)" in sized.assumptions
    w = sized.windows[0]                                    # 0 -> 80 % in 10 min of 75 kWh: 0.8 x 75 / (1/6) kW
    assert w.battery_power.to("kW").magnitude == pytest.approx(0.8 * 75 / (10 / 60))


@pytest.mark.parametrize("args, options", [
    ({"vehicle": "mid-sedan", "to_soc": "80 %", "time": "20 min"},
     ["-v", "mid-sedan", "--to", "80 %", "--time", "20 min"]),
    ({"vehicle": "large-suv", "pack_energy": "120 kWh", "cycle": "hwfet", "pack_voltage": "800 V"},
     ["-v", "large-suv", "--pack-energy", "120 kWh", "--cycle", "hwfet", "--pack-voltage", "800 V"]),
    ({"vehicle": "heavy-truck"}, ["-v", "heavy-truck"]),
    ({}, []),
])
def test_charge_states_the_vehicle_and_pack_voltage_as_the_command_line_does(run, args, options):
    """The API's charge wrote its own notes of the vehicle's consumption, reference pack and pack voltage
    (kWh and Wh/km converted by hand, other wording); both front ends now write them with one function
    (:func:`batcalc.report.charge.vehicle_consumption`, :func:`~batcalc.report.charge.pack_voltage_of`),
    each naming inputs its own way; the vehicle's warnings are the command line's too."""
    import json

    api = bc.charge("huineng-llcb", **args)
    r = run("charge", "huineng-llcb", *options, "--format", "json")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    cli = out["assumptions"]

    def about_vehicle_and_voltage(notes: list[str]) -> list[str]:
        return [n for n in notes if n.startswith(("pack energy", "consumption", "no pack energy"))
                or re.match(r"pack voltage [0-9]", n)]
    spelled = [n.replace("--pack-voltage", "pack_voltage").replace("--pack-energy", "pack_energy")
               .replace("--vehicle", "vehicle") for n in about_vehicle_and_voltage(cli)]
    assert about_vehicle_and_voltage(api.assumptions) == spelled and spelled
    assert api.warnings == out["warnings"]


def test_a_loaded_spec_from_a_file_is_not_checked_as_the_catalogue_spec_of_its_id(tmp_path):
    """A claim takes a loaded cell or vehicle by its id, which it loads again: a copy of a catalogue spec
    with a figure changed (and the id kept) was checked as the catalogue's, a silently different number."""
    text = (ROOT / "specs" / "cells" / "gac-aion-ssb-350.yaml").read_text(encoding="utf-8")
    assert "value: 350 Wh/kg" in text
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace("value: 350 Wh/kg", "value: 500 Wh/kg"), encoding="utf-8")
    cell = bc.load_cell(mine)
    assert cell.id == "gac-aion-ssb-350" and cell.gravimetric.to("Wh/kg").magnitude == pytest.approx(500)
    # by its path, the claim reads the file: 500 / 300 Wh/kg at the same pack mass
    by_path = bc.check("same-weight", a="gac-aion-ssb-300", b=str(mine), asserted=3)
    assert by_path.derived == pytest.approx(500 / 300)
    with pytest.raises(BatcalcError, match=r"claim input b: .*gac-aion-ssb-350.* not the catalogue's.*path"):
        bc.check("same-weight", a="gac-aion-ssb-300", b=cell, asserted=3)
    # the catalogue's own cell, loaded, is still taken by its id: 350 / 300
    same = bc.check("same-weight", a=bc.load_cell("gac-aion-ssb-300"), b=bc.load_cell("gac-aion-ssb-350"), asserted=3)
    assert same.derived == pytest.approx(350 / 300)


def test_a_vehicle_in_other_conditions_is_not_checked_as_the_vehicle_its_spec_gives():
    """A claim simulates the vehicle its spec gives: one from ``with_conditions`` (-7 °C, heat pump) was
    checked at 20 °C without its cabin climate, as if the conditions had not been set."""
    sedan = bc.load_vehicle("mid-sedan")
    common = dict(cell="gac-aion-ssb-350", pack_mass="480 kg", cycle="wltp", asserted="900 km")
    plain = bc.check("range", vehicle=sedan, **common)
    assert plain.derived.to("km").magnitude == pytest.approx(
        bc.range_of("gac-aion-ssb-350", sedan, pack_mass="480 kg", cycle="wltp").range.to("km").magnitude)
    for cold in (sedan.with_conditions(ambient="-7 °C", climate="heat-pump"),
                 sedan.with_conditions(extra_mass="300 kg")):
        with pytest.raises(BatcalcError, match="claim input vehicle: mid-sedan.*with_conditions"):
            bc.check("range", vehicle=cold, **common)


@pytest.mark.parametrize(("quantity", "param", "shown"), [
    (OTHER.Quantity(75, "kW"), "pack_energy", "'75 kW' is not an energy"),
    (OTHER.Quantity(480, "km"), "pack_mass", "'480 km' is not a mass"),
    (bc.Q(12, "kWh"), "pack_mass", "'12 kWh' is not a mass")])
def test_a_quantity_of_the_wrong_dimension_is_shown_as_it_was_given(quantity, param, shown):
    """The message showed the Quantity in pint's root units ('75000.0 kilogram*meter^2/second^3' is not an
    energy), a value the user never wrote; it now shows it in its own unit."""
    with pytest.raises(UnitError) as info:
        bc.range_of("gac-aion-ssb-350", "mid-sedan", **{param: quantity})
    assert str(info.value).startswith(f"{param}: {shown}: ")


def test_a_huge_quantity_is_shown_as_a_number_not_as_thirty_digits():
    """A Quantity read in its own unit wrote an integral float as an int: 1e30 kg became
    '1000000000000000019884624838656 kilogram', and 1e300 kg 'value too long (310 characters)'."""
    for q in (OTHER.Quantity(1e30, "kg"), OTHER.Quantity(1e300, "kg")):
        with pytest.raises(UnitError) as info:
            bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=q)
        too_large = "is too large (at most 1e+18 in its unit)"
        assert str(info.value) == f"pack_mass: value '{q.magnitude!r} kg' {too_large}"


def test_an_energy_without_its_unit_is_asked_for_with_the_right_article():
    """'75' for an energy said "expected a energy" (and so did --pack-energy 75 on the command line)."""
    with pytest.raises(UnitError) as info:
        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_energy="75")
    assert str(info.value) == "pack_energy: '75' has no unit: expected an energy, e.g. '75 kWh'"
    from batcalc.units import parse_value

    with pytest.raises(UnitError, match=r"^'2' has no unit: expected an area, e.g. '2 m\^2'$"):
        parse_value("2", "area")
    with pytest.raises(UnitError, match="^'3' has no unit: expected a mass, e.g. '3 kg'$"):
        parse_value("3", "mass")


def test_a_range_asserted_without_between_says_so():
    """'900 to 1000 km' asserted with the default qualifier was "malformed unit 'to 1000 km': unexpected
    '1000'"; it is a range, which a claim asserts with qualifier 'between' (claims.check.evaluate says so;
    pinned here through the API)."""
    common = dict(cell="gac-aion-ssb-350", vehicle="mid-sedan", pack_mass="480 kg", cycle="wltp")
    with pytest.raises(BatcalcError) as info:
        bc.check("range", asserted="900 to 1000 km", **common)
    assert str(info.value) == ("asserted: '900 to 1000 km' is a range: a range is asserted with the qualifier "
                               "'between' (qualifier: about), or assert one figure")
    # with 'between' it is checked: 934.3 km (range_of's) lies in 900..1000 km
    assert bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg").range.to("km").magnitude == \
        pytest.approx(934.3, abs=0.05)
    assert bc.check("range", asserted="900 to 1000 km", qualifier="between", **common).status == "holds"


def test_an_error_that_names_an_input_is_in_the_unit_system_asked_for():
    """``exc.in_system('imperial')`` of an error naming an input (an InputsError, written per unit system as a
    template) gave its metric text: 'target_range must be positive, got 0 km', where `batcalc tradeoff --range
    '0 km' -u imperial` says '0 mi'."""
    with pytest.raises(BatcalcError) as info:
        bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", hold="range", target_range="0 km")
    assert info.value.in_system("metric") == str(info.value) == "target_range must be positive, got 0 km"
    assert info.value.in_system("imperial") == "target_range must be positive, got 0 mi"


def test_a_target_range_sizes_both_packs_as_the_docs_say():
    """docs/api.md said hold='range' solves b's pack 'for a's range, or for target_range', and that a's pack is
    pack_mass if given: with target_range, a's given pack is sized for the target too (as the command line's
    --range does), which the docs now say."""
    t = bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", "range", pack_mass="480 kg",
                    target_range="600 km")
    assert t.a.range.to("km").magnitude == pytest.approx(600, rel=1e-6)
    assert t.b.range.to("km").magnitude == pytest.approx(600, rel=1e-6)
    assert t.a.pack_mass.to("kg").magnitude < 480           # 480 kg of a reaches 800.8 km, more than 600
    text = " ".join((ROOT / "docs" / "api.md").read_text(encoding="utf-8").split())
    assert "with `target_range`, both packs are sized for that range" in text


def test_a_claim_takes_numpy_numbers_as_numbers():
    """A notebook's numbers are often numpy scalars: np.float64(3.0) was written 'np.float64(3.0)' ("malformed
    value") and np.int64(2030) refused as "needs ... a number, got int64"."""
    import numpy as np

    plain = bc.check("same-weight", a="gac-aion-ssb-300", b="gac-aion-ssb-350", asserted=3)
    for x in (np.float64(3.0), np.int64(3), np.float32(3.0)):
        v = bc.check("same-weight", a="gac-aion-ssb-300", b="gac-aion-ssb-350", asserted=x)
        assert (v.status, v.claimed, v.derived) == (plain.status, 3.0, pytest.approx(350 / 300))
    # (116.23 / 1.95) ** (1 / 6) - 1 = 0.9764 a year from 2024 to 2030
    v = bc.check("growth", start="1.95 billion yuan", end="116.23 billion yuan", start_year=np.int64(2024),
                 end_year=np.int64(2030), asserted="98 %")
    assert v.derived == pytest.approx((116.23 / 1.95) ** (1 / 6) - 1)


def test_q_and_convert_say_a_range_is_a_range():
    """Q('100 to 200 km') and convert('100 to 200 km', 'mi') said "malformed unit 'to 200 km': unexpected
    '200'" (as `batcalc convert` did)."""
    for call in (lambda: bc.Q("100 to 200 km"), lambda: bc.convert("100 to 200 km", "mi")):
        with pytest.raises(UnitError, match=r"^'100 to 200 km' is a range: give one value$"):
            call()
    assert bc.convert("100 km", "mi").magnitude == pytest.approx(100 / 1.609344)


def test_a_product_claim_takes_its_factors_as_a_list():
    """A claims file lists a product's factors ([800, 300 mi]); the API refused a list ("needs text, ...,
    got list"), taking only the command line's '800 * 300 mi'."""
    text = bc.check("product", factors="800 * 300 mi", asserted="240000 mi")
    assert text.derived.to("mi").magnitude == pytest.approx(800 * 300)
    for factors, asserted, unit, product in (
            ([800, "300 mi"], "240000 mi", "mi", 800 * 300),
            (("800", bc.Q(300, "mi")), "240000 mi", "mi", 800 * 300),
            ([800, OTHER.Quantity(3, "kW*h")], "2400 kWh", "kWh", 800 * 3)):    # a unit with '*' in it
        v = bc.check("product", factors=factors, asserted=asserted)
        assert v.status == "holds" and v.derived.to(unit).magnitude == pytest.approx(product)
    with pytest.raises(TypeError, match="got list"):
        bc.check("ratio", a=["250 Wh/kg"], b="432 Wh/kg", asserted="73 %")


def test_results_pickle_and_copy_as_multiprocessing_and_caches_need():
    """A cell's figures are a read-only mapping (MappingProxyType), which pickle refused: a Cell, and every
    result holding one (range, compare, trade-off, bands), could not go through multiprocessing, joblib or a
    pickle cache, nor through copy.deepcopy."""
    import copy
    import pickle

    results = [bc.load_cell("tesla-4680"), bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg"),
               bc.compare("gac-aion-ssb-300", "gac-aion-ssb-350"),
               bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", "mass", pack_mass="480 kg"),
               bc.range_bands("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg")]
    for r in results:
        for again in (pickle.loads(pickle.dumps(r)), copy.deepcopy(r)):
            assert repr(again) == repr(r)
    cell = pickle.loads(pickle.dumps(results[0]))
    assert cell.raw.figures == results[0].raw.figures
    with pytest.raises(TypeError):                       # still read-only
        cell.raw.figures["energy"] = None  # type: ignore[index]
    r = pickle.loads(pickle.dumps(results[1]))
    assert r.range.to("km").magnitude == results[1].range.to("km").magnitude       # 109.368 kWh / 117.06 Wh/km


@pytest.mark.parametrize("given", ["-5 kg", "0 kg", OTHER.Quantity(-11, "lb")])
def test_a_pack_mass_that_is_not_positive_names_the_parameter_and_the_value(given):
    """The API said only "pack mass must be positive" where `batcalc range --pack-mass '-5 kg'` says
    "--pack-mass: pack mass must be positive, got '-5 kg'"."""
    shown = given if isinstance(given, str) else "-11 lb"
    for call in (lambda: bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=given),
                 lambda: bc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", pack_mass=given),
                 lambda: bc.range_bands("gac-aion-ssb-350", "mid-sedan", pack_mass=given)):
        with pytest.raises(BatcalcError) as info:
            call()
        assert str(info.value) == f"pack_mass: pack mass must be positive, got '{shown}'"


def test_a_vehicle_in_other_conditions_says_so_in_its_repr():
    """``sedan.with_conditions(ambient='-7 °C', ...)`` printed as the plain sedan did, '<Vehicle mid-sedan: 1270 kg
    without battery>': in a notebook the two could not be told apart."""
    sedan = bc.load_vehicle("mid-sedan")
    assert repr(sedan) == "<Vehicle mid-sedan: 1270 kg without battery>"
    winter = sedan.with_conditions(ambient="-7 °C", climate="heat-pump", extra_mass="200 kg")
    assert repr(winter) == ("<Vehicle mid-sedan: 1270 kg without battery; -7 °C, heat-pump cabin climate, "
                            "200 kg extra mass>")


def test_a_between_claim_takes_its_bounds_as_a_list():
    """A claims file asserts a 'between' as [low, high]; the API refused a list ("got list"), taking only the
    text '900 to 1000 km'."""
    common = dict(cell="gac-aion-ssb-350", vehicle="mid-sedan", pack_mass="480 kg", cycle="wltp",
                  qualifier="between")
    text = bc.check("range", asserted="900 to 1000 km", **common)
    for bounds in (["900 km", "1000 km"], (bc.Q(900, "km"), OTHER.Quantity(1000, "km"))):
        v = bc.check("range", asserted=bounds, **common)
        assert (v.status, v.derived) == (text.status, text.derived)       # 934.3 km lies in 900..1000 km
        assert [b.to("km").magnitude for b in v.claimed] == [900, 1000]
    with pytest.raises(BatcalcError, match="qualifier 'between'"):
        bc.check("range", asserted=["900 km", "1000 km"], **{**common, "qualifier": "about"})
    with pytest.raises(BatcalcError, match="two figures"):
        bc.check("range", asserted=["900 km"], **common)


def test_an_offset_temperature_refused_by_q_names_where_the_api_reads_one():
    """bc.Q(20, 'degC') was refused pointing at the command line only ("as --ambient"); the API reads a
    temperature in Vehicle.with_conditions(ambient=...)."""
    with pytest.raises(UnitError, match=r"as --ambient or with_conditions\(ambient=\.\.\.\)"):
        bc.Q(20, "degC")
    winter = bc.load_vehicle("mid-sedan").with_conditions(ambient="20 degC")        # read where asked for
    assert winter.raw.ambient[0] == pytest.approx(293.15)


def test_range_bands_refuses_a_cell_to_pack_fraction_a_pack_level_spec_does_not_use(tmp_path):
    """`batcalc range P --bands --f-mass 80 %` refuses a fraction that a pack-level spec does not use, and so
    does range_of; range_bands took it and dropped it without a word."""
    from batcalc.errors import InputsError

    p1 = tmp_path / "p1.yaml"
    p1.write_text("kind: cell\nid: p1\nname: P1\nenergy_density: {level: pack, gravimetric: 180 Wh/kg, "
                  "volumetric: 300 Wh/L}\n", encoding="utf-8")
    for name in ("f_mass", "f_volume"):
        for call in (bc.range_of, bc.range_bands):
            with pytest.raises(InputsError, match=f"^{name} does not apply: p1's density is pack level"):
                call(p1, "mid-sedan", **{name: "80 %"})
    # the usable fraction applies to a pack: 480 kg x 180 Wh/kg x 0.9 = 77.76 kWh usable at the centre
    band = bc.range_bands(p1, "mid-sedan", f_usable="90 %")["usable_energy"]
    assert band.central.to("kWh").magnitude == pytest.approx(480 * 180 * 0.9 / 1000)


def test_check_takes_a_plausible_range_as_batcalc_claim_does():
    """`batcalc claim ... --plausible '200 to 300 Wh/kg'` (a claims file's plausible: [low, high]) had no API
    counterpart: check(..., plausible=...) was read as a claim input ("unknown input 'plausible'")."""
    common = dict(a="?", b="432 Wh/kg", asserted="73 %")
    bare = bc.check("ratio", **common)
    assert bare.derived.to("Wh/kg").magnitude == pytest.approx(432 / 1.73)      # b / (1 + 73 %)
    for plausible in ("200 to 300 Wh/kg", ["200 Wh/kg", "300 Wh/kg"],
                      (bc.Q(200, "Wh/kg"), OTHER.Quantity(300, "Wh/kg"))):
        v = bc.check("ratio", plausible=plausible, **common)
        assert v.derived == bare.derived
        assert "inside the plausible range 200 Wh/kg to 300 Wh/kg" in v.would_take
    outside = bc.check("ratio", plausible="300 to 400 Wh/kg", **common)
    assert "inside" not in outside.would_take and "300 Wh/kg to 400 Wh/kg" in outside.would_take


@pytest.mark.parametrize("dash", ["\u2212", "\u2013", "\u2014"])
def test_a_typographic_minus_is_named_as_such(dash):
    """'−7 °C' as articles print it (U+2212 MINUS SIGN; en and em dashes too) was "malformed value '−7 °C':
    expected '<number> <unit>', e.g. '350 Wh/kg'", which does not say what is wrong with it."""
    with pytest.raises(UnitError) as info:
        bc.load_vehicle("mid-sedan").with_conditions(ambient=f"{dash}7 °C")
    assert str(info.value) == (f"ambient: malformed value '{dash}7 °C': write the minus sign as '-', not "
                               f"U+{ord(dash):04X}")
    cold = bc.load_vehicle("mid-sedan").with_conditions(ambient="-7 °C")
    assert cold.raw.ambient[0] == pytest.approx(273.15 - 7)


@pytest.mark.parametrize(("quantity", "text"), [(bc.Q(900, "Wh/L"), "900 Wh/L"),
                                                (OTHER.Quantity(900, "Wh/l"), "900 Wh/L"),
                                                (OTHER.Quantity(2, "mL"), "2 mL"),
                                                (OTHER.Quantity(5, "L/km"), "5 L/km"),
                                                (OTHER.Quantity(3, "lb"), "3 lb")])
def test_a_litre_is_written_as_batcalc_writes_it(quantity, text):
    """A Quantity in litres was written with pint's symbol, 'l': a claim given b=Q(900, 'Wh/L') showed
    'b = 900 Wh/l' and its plausible range '500 Wh/l to 750 Wh/l', where the same text shows 'Wh/L'."""
    from batcalc.api.quantities import given_text

    assert given_text(quantity) == text
    by_quantity = bc.check("ratio", a="?", b=bc.Q(900, "Wh/L"), asserted="+40 %",
                           plausible=[bc.Q(500, "Wh/L"), bc.Q(750, "Wh/L")])
    by_text = bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %", plausible="500 to 750 Wh/L")
    assert by_quantity.would_take == by_text.would_take and "750 Wh/L)" in by_text.would_take
    assert by_quantity.assumptions == by_text.assumptions


@pytest.mark.parametrize("kind", ["cell", "vehicle", "claim", "cycle", "charger", "taper"])
def test_catalog_lists_every_kind_batcalc_list_lists(run, kind):
    """``catalog()`` listed cells, vehicles and claims files only, though ``batcalc list --kind`` lists drive
    cycles, chargers and tapers too (and the functions take their ids): it lists the same ids as the command."""
    import json

    listed = json.loads(run("list", "--kind", kind, "-f", "json").stdout)
    assert sorted(bc.catalog(kind)) == sorted(r["id"] for r in listed) != []
