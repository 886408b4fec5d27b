"""Pinning tests of batcalc/physics/bands.py: each checks one thing mutation testing showed unpinned."""

from __future__ import annotations

import dataclasses
import math

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics import bands as B
from batcalc.physics.bands import Assumed, Axis, InputAxis, bands, range_bands, threshold, tradeoff_bands
from batcalc.physics.cells import load_cell
from batcalc.physics.pack import PackOptions
from batcalc.physics.tradeoff import range_of, tradeoff
from batcalc.physics.vehicle import load_vehicle
from batcalc.spec.assumptions import plausible_ranges


def test_assumed_is_a_mapping_with_value_equality_and_hash():
    a = Assumed({"x": 1.0, "y": 2.0})
    assert list(a) == ["x", "y"] and len(a) == 2 and a.used == set()
    assert a == Assumed({"x": 1.0, "y": 2.0}) and hash(a) == hash(Assumed({"y": 2.0, "x": 1.0}))
    assert a != Assumed({"x": 1.0, "y": 3.0}) and a != {"x": 1.0, "y": 2.0}
    assert a["x"] == 1.0 and a.used == {"x"}
    assert set(Assumed()) == set(plausible_ranges())


def test_axes_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Axis("x", 0, 1, 2).low = 5          # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        InputAxis("x", 0, 1, 2, "kg", 1.0).low = 5   # type: ignore[misc]


def _counted(fn):
    calls = []

    def wrapped(a):
        calls.append(dict(a._all()))
        return fn(a)
    return wrapped, calls


def test_runs_count_each_distinct_point_once_and_a_decreasing_result_takes_the_other_corner():
    ranges = {"p": Axis("p", 0.0, 1.0, 2.0), "q": Axis("q", 10.0, 20.0, 30.0)}
    fn, calls = _counted(lambda a: {"y": -3.0 * a["p"] + a["q"]})
    b = bands(fn, ranges, Assumed({"p": 1.0, "q": 20.0}))
    assert b.evaluations == len(calls) == len({tuple(sorted(c.items())) for c in calls})
    assert (b.bands["y"].low, b.bands["y"].central, b.bands["y"].high) == (-6.0 + 10.0, 17.0, 30.0)
    assert b.corners["y"] == ([2.0, 10.0], [0.0, 30.0])        # p decreases y: its high end is the low corner
    assert b.point([2.0, 10.0]) == {"p": 2.0, "q": 10.0}
    with pytest.raises(ValueError):
        b.point([2.0])
    assert b.sampled == []


def test_a_result_no_axis_moves_is_left_out_of_the_ranking():
    ranges = {"p": Axis("p", 0.0, 1.0, 2.0), "q": Axis("q", 10.0, 20.0, 30.0)}
    b = bands(lambda a: {"y": a["p"] + 0.0 * a["q"]}, ranges, Assumed({"p": 1.0, "q": 20.0}))
    assert [s.axis.id for s in b.ranking("y")] == ["p"]
    assert [a.id for a in b.axes] == ["p", "q"]


@pytest.mark.parametrize("wiggle, flagged", [(1e-9, False), (1e-5, True)])
def test_only_a_turn_beyond_the_solvers_noise_is_not_monotone(wiggle, flagged):
    # the central value sits above both one-at-a-time values by `wiggle` relative
    ranges = {"p": Axis("p", 0.0, 1.0, 2.0)}
    b = bands(lambda a: {"y": 100.0 * (1 + wiggle * (a["p"] == 1.0))}, ranges, Assumed({"p": 1.0}))
    assert (b.sampled == ["y"]) is flagged
    if flagged:                      # every corner (2) and the seeded samples: 1 + 2 + 64 distinct points
        assert b.evaluations == 1 + 2 + B.SAMPLES


def test_the_box_points_are_every_corner_up_to_the_limit_and_seeded_samples():
    axes = [Axis(f"a{k}", 0.0, 0.5, 1.0) for k in range(3)]
    points = B._box_points(axes)
    assert len(points) == 2 ** 3 + B.SAMPLES == 8 + 64
    assert points == B._box_points(axes)                       # seeded: the same every time
    assert all(0.0 <= x <= 1.0 for p in points for x in p)
    many = [Axis(f"a{k}", 0.0, 0.5, 1.0) for k in range(B.MAX_CORNER_AXES + 1)]
    assert len(B._box_points(many)) == B.SAMPLES
    assert len(B._box_points(many[:B.MAX_CORNER_AXES])) == 2 ** B.MAX_CORNER_AXES + B.SAMPLES


def test_threshold_is_found_to_its_tolerance():
    axis = Axis("x", 0.0, 0.1, 10.0)
    for tol in (1e-6, 1e-3):
        t = threshold(lambda a: a["x"] >= math.pi, Assumed({"x": 0.1}), axis, 0.1, 10.0, tolerance=tol)
        assert t is not None and 0 <= t - math.pi <= 10.0 * tol
    t = threshold(lambda a: a["x"] >= math.pi, Assumed({"x": 0.1}), axis, 0.1, 10.0)
    assert t == pytest.approx(math.pi, abs=10.0 * 1e-6) and t >= math.pi


def test_a_refused_point_without_a_show_method_is_named_in_si():
    ranges = {"p": Axis("p", 0.0, 1.0, 2.0)}

    def fn(a):
        if a["p"] > 1.5:
            raise BatcalcError("too big")
        return {"y": a["p"]}
    with pytest.raises(BatcalcError, match=r"at p 2 \(SI\): too big"):
        bands(fn, ranges, Assumed({"p": 1.0}))


def test_range_bands_pass_the_cycle_pack_energy_and_fixed_fractions_through():
    cell, v = load_cell("gac-aion-ssb-350"), load_vehicle("compact-car")
    b = range_bands(cell, v, plausible_ranges(), pack_energy=60 * 3.6e6, cycle="udds", given={"f_mass": 0.8})
    point = range_of(cell, v, pack_energy=60 * 3.6e6, cycle="udds", options=PackOptions(f_mass=0.8))
    assert b.central["range"] == pytest.approx(point.range, rel=1e-12)
    assert b.central["pack_mass"] == pytest.approx(point.pack.mass, rel=1e-12)
    assert "cell-to-pack-mass" not in {a.id for a in b.axes}


@pytest.mark.parametrize("hold, kwargs", [
    ("range", {"target_range": 450e3, "cycle": "hwfet"}),
    ("energy", {"pack_energy": 55 * 3.6e6, "cycle": "udds"}),
    ("mass", {"pack_mass": 350.0, "cycle": "wltp"}),
])
def test_tradeoff_bands_pass_every_input_through(hold, kwargs):
    a, b, v = load_cell("gac-aion-ssb-300"), load_cell("gac-aion-ssb-350"), load_vehicle("compact-car")
    bb = tradeoff_bands(a, b, v, hold, plausible_ranges(), given={"f_usable": 0.9}, **kwargs)
    t = tradeoff(a, b, v, hold, options=PackOptions(f_usable=0.9), **kwargs)
    for key, value in (("a_range", t.a.range), ("b_range", t.b.range), ("b_pack_mass", t.b.pack.mass),
                       ("a_pack_energy", t.a.pack.energy), ("mass_saved", t.mass_saved)):
        assert bb.central[key] == pytest.approx(value, rel=1e-9), key
    assert "usable-fraction" not in {ax.id for ax in bb.axes}


def test_the_central_point_keeps_what_the_base_sets_outside_the_ranges():
    """bands() runs at the centre of the ranges, and every value no range covers as the base sets it:
    here r = 5 (not the physics default, which has no 'r'), so y = p + r = 6 at the centre."""
    ranges = {"p": Axis("p", 0.0, 1.0, 2.0)}
    b = bands(lambda a: {"y": a["p"] + a["r"]}, ranges, Assumed({"p": 1.0, "r": 5.0}))
    assert (b.bands["y"].low, b.bands["y"].central, b.bands["y"].high) == (5.0, 6.0, 7.0)


def test_points_narrow_every_range_to_its_central_value():
    """points(): the result at one point (--assume without --bands): low = high = central, each range."""
    narrowed = B.points({"p": Axis("p", 0.0, 1.0, 2.0), "q": Axis("q", 10.0, 20.0, 30.0)})
    assert [(a.low, a.central, a.high) for a in narrowed.values()] == [(1.0, 1.0, 1.0), (20.0, 20.0, 20.0)]
