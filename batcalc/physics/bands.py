"""Bands: a result over the box of plausible assumptions, and which assumption decides a verdict.

Every default the physics uses where a spec is silent has a plausible range (specs/assumptions.yaml,
docs/assumptions.md). A computation that reads its defaults from an :class:`Assumed` mapping can be
run at any point of that box; :func:`bands` runs it

1. at the central values, recording which assumptions it reads (only those are axes of its box);
2. at each axis's low and high with the others central (one at a time: the sensitivity, or tornado);
3. at the two extreme corners of each result: every axis at the end that lowered (raised) that
   result in step 2. For a result monotone in each assumption these two corners are its minimum and
   maximum over the whole box, so the band contains every corner a user can compute by hand;
4. where a result is not monotone along some axis (its central value lies outside the two one-at-a-
   time values, as a range does in temperature when cabin climate is on), also at every corner of
   the box (up to 2^10) and at seeded random points, and the band is the hull of all of them.

SI floats throughout; results are named floats (``{"range": 512e3, ...}``).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Protocol, Sequence, Union, overload

from batcalc.errors import BatcalcError, InputsError, literal, wrapped_inputs
from batcalc.units import SYSTEMS

if TYPE_CHECKING:
    from batcalc.physics.cells import CellFigures
    from batcalc.physics.vehicle import Vehicle

#: At most this many axes get every corner evaluated when a result is not monotone (2^10 = 1024).
MAX_CORNER_AXES = 10
#: Seeded random points added for a non-monotone result.
SAMPLES = 64
SEED = 20261130
#: Relative changes below this are the solvers' numerical noise (the same-range pack mass is solved to
#: 1e-6 kg), not a sign that a result turns back inside a range.
NOISE = 1e-7


def central_defaults() -> dict[str, float]:
    """The physics' default for each assumption id of specs/assumptions.yaml (the central values); a
    new dict each call, from one made once per process."""
    return dict(_central_defaults())


@lru_cache(maxsize=1)
def _central_defaults() -> dict[str, float]:
    from batcalc.physics.charge import DEFAULT_CHARGER_EFFICIENCY
    from batcalc.physics.charging import DEFAULT_PACK_VOLTAGE
    from batcalc.physics.pack import DEFAULT_F_MASS, DEFAULT_F_USABLE, DEFAULT_F_VOLUME
    from batcalc.physics.powertrain import (
        DEFAULT_ALTITUDE,
        DEFAULT_BATTERY_EFFICIENCY,
        DEFAULT_TEMPERATURE,
        DEFAULT_TRANSMISSION_EFFICIENCY,
        FASTSIM_DEFAULT_MAP,
    )
    from batcalc.physics.vehicle import ETA_DRIVE, K_REGEN, K_ROT, P_AUX

    return {"cell-to-pack-mass": DEFAULT_F_MASS, "cell-to-pack-volume": DEFAULT_F_VOLUME,
            "usable-fraction": DEFAULT_F_USABLE, "charger-efficiency": DEFAULT_CHARGER_EFFICIENCY,
            "aux-power": P_AUX, "transmission-efficiency": DEFAULT_TRANSMISSION_EFFICIENCY,
            "battery-efficiency": DEFAULT_BATTERY_EFFICIENCY,
            "motor-peak-efficiency": max(FASTSIM_DEFAULT_MAP.efficiency),
            "regen-efficiency": FASTSIM_DEFAULT_MAP.efficiency[0], "drive-efficiency": ETA_DRIVE,
            "regen-share": K_REGEN, "rotating-mass-factor": K_ROT, "ambient-temperature": DEFAULT_TEMPERATURE,
            "altitude": DEFAULT_ALTITUDE, "pack-voltage": DEFAULT_PACK_VOLTAGE}


def check_assumption(id: str, value: float, shown: Union[str, Callable[[str], str]]) -> None:
    """Refuse ``value`` (SI) for default assumption ``id`` where the physics that reads it refuses it,
    before any run reads it, so that the error names the assumption (``shown``: the value as the user
    wrote it) rather than whatever input the first run that read it came from. Each check is the
    physics' own, run at ``value`` with the other assumptions at their defaults: the pack fractions
    (:meth:`~batcalc.physics.pack.PackOptions.assumed`), the charger efficiency and pack voltage
    (:mod:`batcalc.physics.charge`), the powertrain's efficiencies and auxiliaries
    (:class:`~batcalc.physics.powertrain.Powertrain`, :func:`~batcalc.physics.vehicle.default_motor_map`,
    :func:`~batcalc.physics.powertrain.constant_efficiency`) and the ambient air
    (:func:`~batcalc.physics.powertrain.air_density`), and the bounds of the vehicle figure it stands in for
    (:data:`batcalc.spec.bounds.ASSUMED_FIGURES`: a battery efficiency of 1 % is a typo). Raises
    :class:`InputsError` (``{assume}`` names the option or key that set it); ``shown`` may be a function of the
    unit system giving the value's text in it, for a message in the one asked for (called only when the value
    is refused)."""
    from batcalc.physics.charge import check_charge_inputs, check_pack_voltage
    from batcalc.physics.pack import PackOptions
    from batcalc.physics.powertrain import Powertrain, air_density, constant_efficiency
    from batcalc.physics.vehicle import default_motor_map
    from batcalc.spec.bounds import ASSUMED_FIGURES, check_plausible

    a = {**_central_defaults(), id: value}
    try:
        PackOptions.assumed(a)
        check_charge_inputs(None, a["charger-efficiency"])
        check_pack_voltage(a["pack-voltage"])
        Powertrain(motor_map=default_motor_map(a["motor-peak-efficiency"]),
                   transmission_efficiency=a["transmission-efficiency"], battery_efficiency=a["battery-efficiency"],
                   regen_efficiency=a["regen-efficiency"], aux_power=a["aux-power"])
        constant_efficiency(a["drive-efficiency"], a["regen-share"], a["aux-power"])
        air_density(a["ambient-temperature"], a["altitude"])
        figure = ASSUMED_FIGURES.get(id)      # one that stands in for a vehicle's figure: that figure's bounds
        if figure is not None:
            check_plausible(value, None, figure)
    except BatcalcError as exc:
        # the inner error in its own words (a pack voltage the command line takes as --pack-voltage is
        # not what the user gave here)
        said = {system: f"{{assume}} {literal(id)}={literal(shown(system) if callable(shown) else shown)}: "
                        f"{literal(exc.in_system(system))}" for system in SYSTEMS}
        raise InputsError(said["metric"], said) from None


def check_overridden(ranges: Mapping[str, Ranged]) -> None:
    """:func:`check_assumption` of the low, central and high value of every range a user set (one
    with an ``overridden`` text, :class:`batcalc.spec.assumptions.Plausible`), each shown in the
    range's display unit."""
    for id, p in ranges.items():
        if getattr(p, "overridden", None):
            show = getattr(p, "show", None)
            for x in dict.fromkeys((float(p.low), float(p.central), float(p.high))):
                def text(system: str, x: float = x, show: Any = show) -> str:
                    return str(show(x, system))
                check_assumption(id, x, text if callable(show) else f"{x:g}")


class Assumed(Mapping[str, float]):
    """The value of each default assumption for one run (SI floats, by id), recording which ids the
    run read: those are the assumptions its results can depend on. ``Assumed()`` is the central
    point (the physics defaults, looked up on first use, so that making one costs nothing)."""

    def __init__(self, values: Optional[Mapping[str, float]] = None) -> None:
        self._given = values
        self._values: Optional[dict[str, float]] = None
        self.used: set[str] = set()

    def _all(self) -> dict[str, float]:
        if self._values is None:
            given = self._given
            self._values = (given._all() if isinstance(given, Assumed) else dict(given)) if given is not None \
                else central_defaults()
        return self._values

    def __getitem__(self, key: str) -> float:
        value = self._all()[key]
        self.used.add(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def key(self) -> tuple[tuple[str, float], ...]:
        """The values as a hashable key (nothing recorded as read)."""
        return tuple(sorted(self._all().items()))

    def __hash__(self) -> int:
        return hash(self.key())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Assumed) and self._all() == other._all()

    def with_values(self, changes: Mapping[str, float]) -> Assumed:
        """A copy with the values of ``changes`` (by id), nothing recorded."""
        values = dict(self._all())
        values.update(changes)
        return Assumed(values)

    @classmethod
    def central(cls, ranges: Mapping[str, Ranged], base: Optional[Assumed] = None) -> Assumed:
        """The central point of ``ranges`` (each range's central value; the others as in ``base``,
        default the physics defaults)."""
        return (base or cls()).with_values({k: float(p.central) for k, p in ranges.items()})


class Ranged(Protocol):
    """A plausible range: ``low <= central <= high`` (SI); :class:`Axis` and the spec layer's
    :class:`batcalc.spec.assumptions.Plausible` are both."""

    @property
    def low(self) -> float: ...
    @property
    def central(self) -> float: ...
    @property
    def high(self) -> float: ...


@dataclass(frozen=True)
class Axis:
    """One assumption's plausible range, SI: ``low <= central <= high``."""

    id: str
    low: float
    central: float
    high: float


@dataclass(frozen=True)
class InputAxis:
    """An input given as a range (``--pack-mass '400 to 500 kg'``): an axis of the box, SI, shown in
    the unit it was written in (``factor`` SI per unit)."""

    id: str
    low: float
    central: float
    high: float
    unit: str
    factor: float
    overridden: Optional[str] = None

    def show(self, x: float, system: str = "metric") -> str:
        """``x`` (SI) in the unit written, to 4 significant figures (in any unit ``system``: the
        claim's or user's own unit)."""
        from batcalc.units import format_number

        return f"{format_number(x / self.factor)} {self.unit}".strip()

    @classmethod
    def of(cls, id: str, value: Any, overridden: Optional[str] = None) -> InputAxis:
        """The axis of a value read as a range (a :class:`batcalc.spec.model.Value` with ``low`` and
        ``high``): its ends and central value in SI, shown in the unit it was written in."""
        return cls(id, float(value.low), float(value.si), float(value.high), value.unit,
                   value.si / value.magnitude if value.magnitude else 1.0, overridden)


def points(ranges: Mapping[str, Any]) -> dict[str, Any]:
    """``ranges`` with each range narrowed to its central value (the result at one point: what
    ``--assume`` without ``--bands`` asks); each range a dataclass with ``low``, ``central``, ``high``."""
    return {k: dataclasses.replace(p, low=p.central, high=p.central) for k, p in ranges.items()}


@overload
def at(x: float | str, a: Mapping[str, float]) -> float: ...
@overload
def at(x: float | str | None, a: Mapping[str, float]) -> Optional[float]: ...


def at(x: float | str | None, a: Mapping[str, float]) -> Optional[float]:
    """An input that may be a range: a number as it is, an :class:`InputAxis` id read from ``a``."""
    return a[x] if isinstance(x, str) else x


@dataclass
class Band:
    """A result over the box: ``low <= central <= high`` (SI), and the assumptions it moves with."""

    low: float
    central: float
    high: float

    @property
    def width(self) -> float:
        """``high - low``, SI (0 for a result no plausible assumption moves)."""
        return self.high - self.low


@dataclass
class Swing:
    """One axis moved alone (the others central): the result at its low and at its high end."""

    axis: Axis
    at_low: dict[str, float]
    at_high: dict[str, float]

    def swing(self, key: str) -> float:
        """``|result(high) - result(low)|`` for result ``key``: the tornado bar's length; 0 when the two
        differ only by rounding (1e-9 of them: a result the axis does not move, computed along two paths,
        as a same-range pack mass at two usable fractions, must not rank as moved by it)."""
        low, high = self.at_low[key], self.at_high[key]
        return abs(high - low) if abs(high - low) > 1e-9 * max(abs(low), abs(high)) else 0.0


@dataclass
class Bands:
    """Bands of every result of a computation over the box of its plausible assumptions."""

    central: dict[str, float]
    bands: dict[str, Band]
    axes: list[Axis]
    swings: list[Swing]
    evaluations: int
    sampled: list[str] = field(default_factory=list)     # results that were not monotone
    #: each result's low and high corner: the axes' values (in :attr:`axes` order) that gave its extremes
    corners: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)
    #: the assumptions the central run read: the axes, and those fixed to a point (zero width, no axis)
    used: frozenset[str] = frozenset()
    #: the central run's result object, where the computation gives one (:func:`_bands_keeping`): what a
    #: command says of it beside the bands (its warnings)
    result: Any = None

    def point(self, values: Sequence[float]) -> dict[str, float]:
        """The axes' ids with ``values`` (in :attr:`axes` order), for :meth:`Assumed.with_values`."""
        return {a.id: v for a, v in zip(self.axes, values, strict=True)}

    def ranking(self, key: str) -> list[Swing]:
        """The axes by how far each alone moves result ``key``, largest first (zero swings left out)."""
        return sorted((s for s in self.swings if s.swing(key) > 0), key=lambda s: -s.swing(key))


def axes_of(ranges: Mapping[str, Ranged], used: set[str]) -> list[Axis]:
    """The axes of the box: each assumption in ``used`` (ids read by the central run) with its
    plausible range from ``ranges`` (objects with ``low``, ``central``, ``high``, as
    :class:`batcalc.spec.assumptions.Plausible`), in ``ranges``' order; points (zero width) left out."""
    out = []
    for id, p in ranges.items():
        if id in used:
            low, central, high = float(p.low), float(p.central), float(p.high)
            if high > low:
                out.append(Axis(id, low, central, high))
    return out


def _finite(out: Mapping[str, float], where: str) -> dict[str, float]:
    for k, v in out.items():
        if not math.isfinite(v):
            raise BatcalcError(f"{k} is not finite {where}: the band cannot be computed")
    return dict(out)


def bands(fn: Callable[[Assumed], Mapping[str, float]], ranges: Mapping[str, Ranged],
          base: Optional[Assumed] = None, partial: bool = False) -> Bands:
    """Run ``fn`` (a computation reading its defaults from the :class:`Assumed` it is given and
    returning named SI results) over the box of ``ranges`` (see module doc) and return the bands,
    one-at-a-time swings and the number of runs. ``base``: the central point (default: each range's
    central value). ``partial``: a result missing or not finite at some point of the box (a claim's
    figure that exists only for some assumptions) is left out there instead of refused."""
    centre = Assumed.central(ranges, base)
    central = _finite(fn(centre), "at the central assumptions")
    axes = axes_of(ranges, centre.used)
    runs = 1
    seen: dict[tuple[float, ...], dict[str, float]] = {}

    def run(values: Sequence[float]) -> dict[str, float]:
        nonlocal runs
        key = tuple(values)
        if key not in seen:
            point = centre.with_values({a.id: v for a, v in zip(axes, values, strict=False)})
            try:
                out = fn(point)
            except BatcalcError as exc:       # a point of the box the physics refuses: say which
                def shown(a: Axis, v: float, system: str) -> str:
                    show = getattr(ranges.get(a.id), "show", None)
                    return str(show(v, system)) if callable(show) else f"{v:.6g} (SI)"

                def moved(system: str) -> str:
                    return ", ".join(f"{a.id} {shown(a, v, system)}" for a, v in zip(axes, values, strict=False)
                                     if v != a.central) or "the central point"
                raise wrapped_inputs(exc, lambda inner, system: f"within the plausible ranges, at "
                                     f"{literal(moved(system))}: {inner}; narrow the range with {{assume}}",
                                     SYSTEMS) from None
            seen[key] = ({k: v for k, v in out.items() if math.isfinite(v)} if partial
                         else _finite(out, "within the plausible ranges"))
            runs += 1
        return seen[key]

    mid = [a.central for a in axes]
    swings = []
    for i, a in enumerate(axes):
        swings.append(Swing(a, run(mid[:i] + [a.low] + mid[i + 1:]), run(mid[:i] + [a.high] + mid[i + 1:])))
    out: dict[str, Band] = {}
    corners: dict[str, tuple[list[float], list[float]]] = {}
    sampled = []
    for key, c in central.items():
        values = [c]
        monotone = True
        low_corner, high_corner = [], []
        for s in swings:
            lo, hi = s.at_low.get(key, c), s.at_high.get(key, c)
            if min(lo, hi) - NOISE * abs(c) > c or max(lo, hi) + NOISE * abs(c) < c:
                monotone = False
            low_corner.append(s.axis.low if lo <= hi else s.axis.high)
            high_corner.append(s.axis.high if lo <= hi else s.axis.low)
            values += [lo, hi]
        values += [x for x in (run(low_corner).get(key), run(high_corner).get(key)) if x is not None]
        if not monotone:
            sampled.append(key)
            values += [x for x in (run(p).get(key) for p in _box_points(axes)) if x is not None]
        out[key] = Band(min(values), c, max(values))
        corners[key] = (low_corner, high_corner)
    return Bands(central, out, axes, swings, runs, sampled, corners, frozenset(centre.used))


def _box_points(axes: Sequence[Axis]) -> list[list[float]]:
    """Every corner of the box (when it has at most :data:`MAX_CORNER_AXES` axes) and :data:`SAMPLES`
    seeded uniform random points in it."""
    rng = random.Random(SEED)
    points = []
    if len(axes) <= MAX_CORNER_AXES:
        points += [list(c) for c in itertools.product(*((a.low, a.high) for a in axes))]
    points += [[rng.uniform(a.low, a.high) for a in axes] for _ in range(SAMPLES)]
    return points


def threshold(fn: Callable[[Assumed], bool], base: Assumed, axis: Axis, start: float, end: float,
              tolerance: float = 1e-6) -> Optional[float]:
    """The value of ``axis`` between ``start`` and ``end`` (the others as in ``base``) where ``fn``
    changes from its value at ``start``, by bisection to ``tolerance`` of the axis's width: the first
    value on the ``end`` side. None when ``fn`` is the same at both."""
    a, b = start, end
    at_a = fn(base.with_values({axis.id: a}))
    if fn(base.with_values({axis.id: b})) == at_a:
        return None
    step = abs(axis.high - axis.low) * tolerance
    while abs(b - a) > step:
        m = (a + b) / 2.0
        if fn(base.with_values({axis.id: m})) == at_a:
            a = m
        else:
            b = m
    return b


# ------------------------------------------------------------------ the computations the CLI bands

def _bands_keeping(run: Callable[[Assumed], tuple[Any, dict[str, float]]], ranges: Mapping[str, Ranged]) -> Bands:
    """:func:`bands` of ``run``, which returns ``(result object, named SI results)``, with the central
    run's object kept as :attr:`Bands.result` (:func:`bands` runs the central point first)."""
    kept: list[Any] = []

    def figures(a: Assumed) -> dict[str, float]:
        result, out = run(a)
        if not kept:
            kept.append(result)
        return out
    b = bands(figures, ranges)
    b.result = kept[0]
    return b


def range_bands(cell: CellFigures, vehicle: Vehicle, ranges: Mapping[str, Ranged], *,
                pack_mass: float | str | None = None, pack_energy: float | str | None = None,
                cycle: Optional[str] = "default", given: Optional[Mapping[str, Optional[float]]] = None) -> Bands:
    """Bands of a range result (:func:`batcalc.physics.tradeoff.range_of`): pack mass (kg), gross and
    usable energy (J), vehicle mass (kg), consumption (J/m) and range (m). ``given``: the pack fractions
    the user fixed (``f_mass``, ``f_volume``, ``f_usable``; not axes). A pack mass or energy given as a
    range is the id of its :class:`InputAxis` in ``ranges``."""
    from batcalc.physics.pack import PackOptions
    from batcalc.physics.tradeoff import range_of

    fixed = dict(given or {})

    def run(a: Assumed) -> tuple[Any, dict[str, float]]:
        r = range_of(cell, vehicle.with_assumed(a), pack_mass=at(pack_mass, a), pack_energy=at(pack_energy, a),
                     cycle=cycle, options=PackOptions.assumed(a, **fixed))
        return r, {"pack_mass": r.pack.mass, "pack_energy": r.pack.energy, "usable_energy": r.pack.usable_energy,
                   "vehicle_mass": r.total_mass, "consumption": r.consumption, "range": r.range}
    return _bands_keeping(run, ranges)


def consumption_bands(vehicle: Vehicle, cycle: Optional[str], mass_of: Callable[[Vehicle, Assumed], float],
                      ranges: Mapping[str, Ranged]) -> Bands:
    """Bands of a vehicle's consumption (J/m) on ``cycle`` at the total mass ``mass_of(vehicle, assumed)``
    (kg); :attr:`Bands.result` is the central ``(vehicle at that point, total mass kg)``."""
    def run(a: Assumed) -> tuple[Any, dict[str, float]]:
        v = vehicle.with_assumed(a)
        mass = mass_of(v, a)
        return (v, mass), {"vehicle_mass": mass, "consumption": float(v.consumption_model(cycle)(mass))}
    return _bands_keeping(run, ranges)


def tradeoff_bands(a: CellFigures, b: CellFigures, vehicle: Vehicle, hold: str, ranges: Mapping[str, Ranged], *,
                   pack_mass: float | str | None = None, pack_energy: float | str | None = None,
                   target_range: float | str | None = None, cycle: Optional[str] = "default",
                   given: Optional[Mapping[str, Optional[float]]] = None) -> Bands:
    """Bands of a swap of cell ``a`` for ``b`` (:func:`batcalc.physics.tradeoff.tradeoff`): each pack's
    mass (kg), energy (J) and range (m), B's range over A's, and the pack mass saved (kg)."""
    from batcalc.physics.pack import PackOptions
    from batcalc.physics.tradeoff import tradeoff

    fixed = dict(given or {})

    def run(x: Assumed) -> tuple[Any, dict[str, float]]:
        t = tradeoff(a, b, vehicle.with_assumed(x), hold, pack_mass=at(pack_mass, x), pack_energy=at(pack_energy, x),
                     target_range=at(target_range, x), cycle=cycle, options=PackOptions.assumed(x, **fixed))
        return t, {"a_pack_mass": t.a.pack.mass, "b_pack_mass": t.b.pack.mass, "a_pack_energy": t.a.pack.energy,
                   "b_pack_energy": t.b.pack.energy, "a_range": t.a.range, "b_range": t.b.range,
                   "range_ratio": t.range_ratio, "mass_saved": t.mass_saved}
    return _bands_keeping(run, ranges)
