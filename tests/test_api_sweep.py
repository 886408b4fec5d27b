"""batcalc.sweep: the Python API's counterpart of `batcalc sweep`, the same grid."""

from __future__ import annotations

import json

import numpy as np
import pytest

import batcalc as bc
from batcalc.errors import BatcalcError


@pytest.mark.parametrize("vehicle,cycle", [("mid-sedan", None), ("compact-car", "udds"), ("heavy-truck", None),
                                           ("light-truck", "100 km/h")])
@pytest.mark.parametrize("axis,grid,key", [("pack_masses", "300:600:100 kg", "range"),
                                           ("ranges", "300, 500, 900 km", "pack_mass")])
def test_the_same_grid_as_the_command(run, vehicle, cycle, axis, grid, key):
    option = "--" + axis.replace("_", "-")
    out = run("sweep", "-v", vehicle, "--densities", "250:400:50 Wh/kg", option, grid, "-f", "json",
              *(["--cycle", cycle] if cycle else []))
    assert out.exit_code == 0, out.output
    cli = [p[key]["value"] for p in json.loads(out.stdout)["points"]]
    api = bc.sweep(vehicle, "250:400:50 Wh/kg", **{axis: grid}, **({"cycle": cycle} if cycle else {}))
    assert api.shape == (4, 3 if axis == "ranges" else 4)
    unit = "km" if key == "range" else "kg"
    got = api.to(unit).magnitude.ravel()
    assert np.allclose(np.nan_to_num(got, nan=-1.0),
                       np.nan_to_num(np.array(cli, dtype=float), nan=-1.0), rtol=1e-12)


def test_a_point_is_range_of_and_a_solved_mass_reaches_its_range():
    """R[i, j] is range_of at that density and pack mass (a cell spec is not needed: the grid is
    rho f_mass m f_usable / c); a pack mass from the ranges grid gives that range back."""
    grid = bc.sweep("mid-sedan", ["350 Wh/kg"], pack_masses=["480 kg"])
    assert grid[0, 0].to("km").magnitude == pytest.approx(
        bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass="480 kg").range.to("km").magnitude, rel=1e-12)
    mass = bc.sweep("mid-sedan", ["350 Wh/kg"], ranges=["700 km"])[0, 0]
    back = bc.range_of("gac-aion-ssb-350", "mid-sedan", pack_mass=mass)
    assert back.range.to("km").magnitude == pytest.approx(700, rel=1e-6)


def test_axes_take_quantities_of_any_registry_and_lists():
    import pint

    ureg = pint.UnitRegistry()
    a = bc.sweep("mid-sedan", ureg.Quantity(np.array([0.25, 0.3]), "kWh/kg"), pack_masses=["300 kg", bc.Q("0.4 t")])
    b = bc.sweep("mid-sedan", "250, 300 Wh/kg", pack_masses="300, 400 kg")
    assert np.allclose(a.to("km").magnitude, b.to("km").magnitude, rtol=1e-12)


def test_no_pack_reaches_is_nan():
    assert np.isnan(bc.sweep("mid-sedan", "250 Wh/kg", ranges="100000 km").magnitude).all()


def test_bad_axes():
    with pytest.raises(TypeError, match="not both or neither"):
        bc.sweep("mid-sedan", "250 Wh/kg")
    with pytest.raises(TypeError, match="not both or neither"):
        bc.sweep("mid-sedan", "250 Wh/kg", pack_masses="300 kg", ranges="500 km")
    with pytest.raises(TypeError, match=r"pack_masses\[1\] needs a mass with its unit"):
        bc.sweep("mid-sedan", "250 Wh/kg", pack_masses=["300 kg", 400])
    with pytest.raises(BatcalcError, match=r"densities\[0\]: values must be positive"):
        bc.sweep("mid-sedan", ["-250 Wh/kg"], pack_masses="300 kg")
    with pytest.raises(BatcalcError, match="not a mass"):
        bc.sweep("mid-sedan", "250 Wh/kg", pack_masses=["3 km"])
    with pytest.raises(BatcalcError, match="give 1 to"):
        bc.sweep("mid-sedan", [], pack_masses="300 kg")
    with pytest.raises(TypeError, match="a grid as text"):
        bc.sweep("mid-sedan", "250 Wh/kg", pack_masses=5.0)
    assert "sweep" in bc.__all__


def test_a_value_not_positive_is_shown_as_given():
    """A Quantity axis with a value not above 0 was shown as pint's repr, "got <Quantity(-100.0,
    'watt_hour / kilogram')>"; it is shown as the value is written, in its own unit."""
    ureg = bc.Q("1 kg")._REGISTRY
    with pytest.raises(BatcalcError, match=r"^densities\[1\]: values must be positive, got -100 Wh/kg$"):
        bc.sweep("mid-sedan", ureg.Quantity(np.array([200.0, -100.0]), "Wh/kg"), pack_masses="300 kg")
    with pytest.raises(BatcalcError, match=r"^pack_masses\[0\]: values must be positive, got 0 lb$"):
        bc.sweep("mid-sedan", "250 Wh/kg", pack_masses=[bc.Q(0, "lb")])


@pytest.mark.parametrize("number", [float("nan"), float("inf"), np.float64("-inf")])
def test_q_of_a_number_that_is_not_finite_says_so(number):
    """``Q(nan, 'kg')`` said "malformed value 'nan kg': expected '<number> <unit>'", of a number given as one."""
    with pytest.raises(BatcalcError, match=r"^value '-?(nan|inf) kg' is not a finite number$"):
        bc.Q(number, "kg")


@pytest.mark.parametrize("axis", [{"300 Wh/kg", "200 Wh/kg"}, frozenset({"200 Wh/kg"}), {"200 Wh/kg": 1}])
def test_an_axis_without_an_order_is_refused(axis):
    """A set of densities was swept in the set's own order, so the rows of the grid could not be told apart
    (a different order from run to run for texts); a dict swept its keys. Both are refused."""
    with pytest.raises(TypeError, match=r"^densities needs values in order, a list, a tuple or an array"):
        bc.sweep("mid-sedan", axis, pack_masses="300 kg")
    with pytest.raises(TypeError, match=r"^pack_masses needs values in order"):
        bc.sweep("mid-sedan", "250 Wh/kg", pack_masses={"300 kg", "400 kg"})
