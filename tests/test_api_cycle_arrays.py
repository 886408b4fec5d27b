"""An array given as ``cycle`` (a numpy array, a Quantity of several speeds, an empty one) to batcalc.consumption,
batcalc.sweep or batcalc.charge raised numpy's ValueError, "The truth value of an array with more than one element
is ambiguous": each compared the argument with 'default' before reading it. It is read first now and refused as
range_of refuses it, a TypeError naming what ``cycle`` takes."""

from __future__ import annotations

import numpy as np
import pytest

import batcalc as bc

CALLS = {
    "consumption": lambda cycle: bc.consumption("mid-sedan", cycle=cycle),
    "sweep": lambda cycle: bc.sweep("mid-sedan", "300 Wh/kg", pack_masses="400 kg", cycle=cycle),
    "charge": lambda cycle: bc.charge("huineng-llcb", vehicle="mid-sedan", cycle=cycle),
    "charge without a vehicle": lambda cycle: bc.charge("huineng-llcb", cycle=cycle),
    "range_of": lambda cycle: bc.range_of("gac-aion-ssb-350", "mid-sedan", cycle=cycle),
}


def _arrays():
    speeds = bc.Q("1 km/h")._REGISTRY.Quantity(np.array([80.0, 90.0]), "km/h")
    return [np.array([80.0, 90.0]), np.array([]), speeds]


@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("k", range(3))
def test_an_array_cycle_is_refused_with_what_cycle_takes(name, k):
    with pytest.raises(TypeError, match=r"^cycle needs a"):
        CALLS[name](_arrays()[k])


@pytest.mark.parametrize("vehicle, own", [("mid-sedan", "wltp"), ("heavy-truck", "80 km/h")])
def test_the_default_still_is_the_vehicles_own(vehicle, own):
    """A car's default cycle is WLTC 3b, a heavy truck's a constant 80 km/h (docs/usage.md)."""
    assert bc.consumption(vehicle).consumption == bc.consumption(vehicle, cycle=own).consumption
    assert (bc.sweep(vehicle, "300 Wh/kg", pack_masses="400 kg").magnitude ==
            bc.sweep(vehicle, "300 Wh/kg", pack_masses="400 kg", cycle=own).magnitude).all()
