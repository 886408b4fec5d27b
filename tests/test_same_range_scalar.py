"""The same-range fixed point has two code paths: one target on Python floats (a claim's solve) and
many on numpy arrays (sweeps). They must be the same iteration: same masses, same step counts, same
NaN for a range no pack reaches, for every catalogue vehicle on each of its cycles."""
from __future__ import annotations

import math

import numpy as np
import pytest

from batcalc.physics.tradeoff import same_range_pack_mass
from batcalc.physics.vehicle import load_vehicle

KS = [0.0, 0.1, 0.5, 1.0, 2.0, 1e3]             # kg per J/m (c ~ 500 J/m); 1e3 diverges


@pytest.mark.parametrize("name,cycle", [("mid-sedan", "wltp"), ("mid-sedan", "udds"),
                                        ("large-suv", "hwfet"), ("light-truck", None)])
def test_one_target_is_the_array_iteration(name, cycle):
    v = load_vehicle(name)
    model = v.consumption_model(cycle)
    for k in KS:
        one, steps_one = same_range_pack_mass(v, model, k)
        arr, steps_arr = same_range_pack_mass(v, model, np.array([k]))
        assert np.shape(one) == ()
        if math.isnan(float(arr[0])):
            assert math.isnan(float(one))
        else:
            assert float(one) == pytest.approx(float(arr[0]), rel=1e-12, abs=1e-12)
        assert steps_one == steps_arr
    # from a given start too, alone and with a known point of the curve for its first secant
    one, s1 = same_range_pack_mass(v, model, 0.8, start=250.0)
    arr, s2 = same_range_pack_mass(v, model, np.array([0.8]), start=np.array([250.0]))
    assert float(one) == pytest.approx(float(arr[0]), rel=1e-12) and s1 == s2
    through = (300.0, float(model(v.total_mass(300.0))))
    one_t, s1_t = same_range_pack_mass(v, model, 0.8, start=250.0, through=through)
    arr_t, s2_t = same_range_pack_mass(v, model, np.array([0.8]), start=np.array([250.0]), through=through)
    assert float(one_t) == pytest.approx(float(arr_t[0]), rel=1e-12) and s1_t == s2_t
    assert float(one_t) == pytest.approx(float(one), abs=2e-6)       # the same fixed point


def test_a_range_no_pack_reaches_is_nan_on_both_paths():
    v = load_vehicle("mid-sedan")
    model = v.consumption_model("wltp")
    assert math.isnan(float(same_range_pack_mass(v, model, 1e3)[0]))
    assert math.isnan(float(same_range_pack_mass(v, model, np.array([1e3]))[0][0]))


def test_elements_that_settled_keep_their_mass_when_others_run_out_of_passes(monkeypatch):
    """Two targets at once, one settling in fewer passes than the other: with the pass limit between
    the two, the first keeps its mass (the fixed point within the tolerance), the second is NaN."""
    from batcalc.physics import tradeoff as tr

    v = load_vehicle("mid-sedan")
    model = v.consumption_model("wltp")
    (near, n_near), (far, n_far) = (same_range_pack_mass(v, model, 0.5, start=s) for s in (0.0, 5000.0))
    assert n_near < n_far
    monkeypatch.setattr(tr, "MAX_ITERATIONS", n_far - 1)
    both, passes = same_range_pack_mass(v, model, np.array([0.5, 0.5]), start=np.array([0.0, 5000.0]))
    assert passes == n_far - 1 and math.isnan(float(both[1]))
    assert float(both[0]) == pytest.approx(float(near), abs=2e-6)
