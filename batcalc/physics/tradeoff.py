"""Range and weight trade-offs of cells in vehicles: same weight, same energy, same range, sweeps.

Formulas (docs/formulas.md): ``R = E_usable / c(m_vehicle)``; at the same pack mass ``E2/E1 = rho2/rho1`` and,
the vehicle mass being unchanged, ``R2/R1 = rho2/rho1``; at the same energy ``m2/m1 = rho1/rho2``; at
the same range the pack mass solves ``m_pack = R c(m_glider + m_pack + payload) / (rho_pack f_usable)``
as a fixed point (a contraction: ``R dc/dm / (rho_pack f_usable)`` is ~0.1) found with secant steps. SI inside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, Optional

from batcalc.cache import ByIdentity
from batcalc.errors import BatcalcError, InputsError, literal
from batcalc.physics.cells import CellFigures
from batcalc.physics.energy import range_from_energy, usable_energy
from batcalc.physics.pack import Pack, PackOptions, pack_density, pack_from_energy, pack_from_mass
from batcalc.physics.vehicle import MAX_VEHICLE_MASS, ConsumptionModel, Vehicle, consumption_per_100kg, trace_warnings
from batcalc.units import MAX_MAGNITUDE, SYSTEMS, check_result, error_in_systems, shown_text

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    FloatArray = NDArray[np.float64]

#: Default drive cycle by vehicle class: WLTC class 3b for cars and vans; a constant 80 km/h for
#: heavy trucks in trunk transport (EU trucks are limited to 90 km/h; ~80 km/h is a typical cruise;
#: a stated assumption, override with --cycle).
DEFAULT_CYCLES = {"heavy-truck": "80 km/h"}
#: The same-range solve stops when a pass changes the pack mass by less than TOLERANCE_KG, and gives up
#: after MAX_ITERATIONS passes or when the pack mass passes DIVERGED_KG (no pack reaches the range).
MAX_ITERATIONS = 200
TOLERANCE_KG = 1e-6
DIVERGED_KG = 1e7


def default_cycle(vehicle: Vehicle) -> Optional[str]:
    """The cycle used when none is named (None: the vehicle's measured consumption, if it has one)."""
    if vehicle.spec.measured_consumption is not None:
        return None
    return DEFAULT_CYCLES.get(vehicle.spec.vehicle_class, "wltp")


def cycle_label(vehicle: Vehicle, cycle: Optional[str], system: str = "metric") -> str:
    """How the consumption is found, for titles and notes: the cycle's name, or the measured figure. A
    constant speed keeps the text it was written in and, when that is not in ``system``'s speed unit,
    adds the speed in it ('constant 80 km/h (49.71 mph)': a heavy truck's default under imperial)."""
    if cycle is None and vehicle.spec.measured_consumption is not None:
        mc = vehicle.spec.measured_consumption
        return f"measured consumption ({mc.cycle or 'cycle not stated'})"
    from batcalc.physics.cycles import get_cycle

    c = get_cycle("wltp" if cycle is None else cycle)
    if c.constant_speed is None:
        return f"{c.name} ({c.id})"
    from batcalc.units import display_unit, from_si, parse_value

    written = parse_value(c.name.removeprefix("constant "), "speed").number
    if math.isclose(written, from_si(c.constant_speed, "speed", display_unit("speed", system)), rel_tol=1e-9):
        return c.name
    return f"{c.name} ({shown_text(c.constant_speed, 'speed', system, fmt='.4g')})"


@dataclass(frozen=True)
class RangeResult:
    """Range of one cell's pack in one vehicle on one cycle (SI: m, kg, J, J/m)."""

    cell: CellFigures
    vehicle: Vehicle
    cycle: Optional[str]
    pack: Pack
    total_mass: float
    consumption: float
    range: float

    @cached_property
    def warnings(self) -> tuple[str, ...]:
        """Warnings for an overweight vehicle or pack, and for a vehicle that cannot follow the cycle at
        its mass (:func:`vehicle_warnings`; display text, metric), worked out when first read: a solve makes
        results whose warnings nobody reads (the motor's takes a pass over the cycle)."""
        return vehicle_warnings(self.vehicle, self.cycle, self.total_mass, self.pack.mass)

    @cached_property
    def assumptions(self) -> tuple[str, ...]:
        """The stated assumptions behind the result (cycle, road load, pack factors, vehicle masses),
        worked out when first read: a solve makes results whose texts nobody reads (metric units)."""
        return _assumptions(self.vehicle, self.cycle, self.pack)

    def assumptions_in(self, system: str) -> tuple[str, ...]:
        """:attr:`assumptions` with masses, areas and speeds in unit ``system`` (``metric``, ``imperial``)."""
        return self.assumptions if system == "metric" else _assumptions(self.vehicle, self.cycle, self.pack, system)

    def warnings_in(self, system: str) -> tuple[str, ...]:
        """:attr:`warnings` with their masses and powers in unit ``system``'s units (``metric``: kg,
        ``imperial``: lb; powers in kW in both)."""
        return self.warnings if system == "metric" else vehicle_warnings(self.vehicle, self.cycle, self.total_mass,
                                                                         self.pack.mass, system)


def vehicle_warnings(vehicle: Vehicle, cycle: Optional[str], total_mass: float, pack_mass: float,
                     system: str = "metric") -> tuple[str, ...]:
    """The warnings of a vehicle at ``total_mass`` kg with a pack of ``pack_mass`` kg on ``cycle`` (a range
    result's, a charge's): the masses' (:func:`_mass_warnings`) and, when the vehicle cannot follow the
    cycle at its mass, the motor's (:func:`batcalc.physics.vehicle.trace_warnings`); display text in
    ``system``'s units."""
    return _mass_warnings(vehicle, total_mass, pack_mass, system) + trace_warnings(vehicle, cycle, total_mass, system)


def _mass_warnings(vehicle: Vehicle, total_mass: float, pack_mass: float, system: str = "metric") -> tuple[str, ...]:
    """Warnings for a vehicle of ``total_mass`` kg above its maximum gross mass, and for a pack of
    ``pack_mass`` kg heavier than the vehicle without it (display text, masses in ``system``'s unit)."""
    def q(kg: float) -> str:
        return shown_text(kg, "mass", system, fmt=".0f")
    out = []
    gross = vehicle.max_gross_mass
    if gross is not None and total_mass > gross * (1 + 1e-9):
        out.append(f"vehicle mass {q(total_mass)} is above {vehicle.id}'s max gross mass {q(gross)}")
    if pack_mass > vehicle.glider_mass:
        out.append(f"the {q(pack_mass)} pack outweighs the rest of the vehicle ({q(vehicle.glider_mass)})")
    return tuple(out)


def _assumptions(vehicle: Vehicle, cycle: Optional[str], pack: Pack, system: str = "metric") -> tuple[str, ...]:
    """The stated assumptions behind a range result (cycle, road load, pack factors, vehicle masses)."""
    out = [f"cycle: {cycle_label(vehicle, cycle, system)}"]
    if vehicle.simulated_on(cycle):
        out += vehicle.load.assumptions(system)
    out += pack.options.assumptions() + list(pack.notes)
    out.append(f"vehicle {vehicle.id}: {shown_text(vehicle.glider_mass, 'mass', system, fmt='.0f')} without "
               f"battery + payload {shown_text(vehicle.payload, 'mass', system, fmt='.0f')}")
    return tuple(out)


def range_with_pack(cell: CellFigures, vehicle: Vehicle, pack: Pack, cycle: Optional[str]) -> RangeResult:
    """Range, m, of ``pack`` in ``vehicle`` on ``cycle``: ``R = E_usable / c(m_without_battery + m_pack + payload)``
    (:func:`~batcalc.physics.energy.range_from_energy`), with warnings for an overweight vehicle or pack."""
    model = vehicle.consumption_model(cycle)
    m = vehicle.total_mass(pack.mass)
    c = float(model(m))
    return RangeResult(cell, vehicle, cycle, pack, m, c, range_from_energy(pack.usable_energy, c))


def reference_pack_mass(vehicle: Vehicle, cell: Optional[CellFigures] = None,
                        options: PackOptions = PackOptions()) -> float:
    """The pack mass, kg, used when none is given: the vehicle's reference pack mass; else, with a
    ``cell``, the mass of a pack of the reference energy made of it (``m = E_ref / (rho_cell f_mass)``,
    :func:`~batcalc.physics.pack.pack_from_energy`). The one home of this fallback; without a cell and
    without a reference mass it raises an :class:`~batcalc.errors.InputsError` asking for a pack mass."""
    ref = vehicle.spec.reference_pack
    if ref is None:
        raise InputsError(f"vehicle {literal(vehicle.id)} has no reference pack: " + (
            "give {pack_mass} or {pack_energy}" if cell is not None else "give a pack mass ({pack_mass})"))
    if ref.mass is not None:
        return float(ref.mass.si)
    if cell is None:
        raise InputsError(f"vehicle {literal(vehicle.id)}'s reference pack gives no mass: give a pack mass "
                          "({pack_mass})")
    return pack_from_energy(cell, reference_pack_energy(vehicle), options).mass


def reference_pack_energy(vehicle: Vehicle) -> float:
    """The gross pack energy, J, used when none is given: the vehicle's reference pack energy (an
    :class:`~batcalc.errors.InputsError` asking for a pack energy when it has none)."""
    ref = vehicle.spec.reference_pack
    if ref is None:
        raise InputsError(f"vehicle {literal(vehicle.id)} has no reference pack: give {{pack_energy}}")
    return float(ref.energy.si)


def pack_mass_for_energy(vehicle: Vehicle, cell: CellFigures, energy: float,
                         options: PackOptions = PackOptions()) -> tuple[float, str]:
    """Mass, kg, of the pack of gross energy ``energy`` J that ``vehicle`` carries, and how it was found:
    a pack of ``cell`` (``m = E / (rho_cell f_mass)``, or ``E / rho_pack`` for pack-level figures) when
    the cell gives a gravimetric density; else the vehicle's reference pack mass
    (:func:`reference_pack_mass`); else 0 (left out)."""
    if cell.get("gravimetric") is not None:
        mass = pack_from_energy(cell, energy, options).mass
        if cell.level == "pack":
            return mass, f"{cell.id} pack at its pack-level density"
        return mass, f"{cell.id} pack at {options.f_mass:.2f} cell-to-pack mass fraction"
    try:
        return reference_pack_mass(vehicle), f"{vehicle.id}'s reference pack mass"
    except BatcalcError:
        return 0.0, "pack mass unknown, left out"


class ChargeVehicle(NamedTuple):
    """What a vehicle gives a charge (:func:`charge_vehicle`), SI."""

    pack_energy: float          # J, gross
    from_reference: bool        # the pack energy is the vehicle's reference pack's (none was given)
    cycle: Optional[str]        # the drive cycle of the consumption (None: the vehicle's own)
    total_mass: float           # kg, with a pack of this energy
    how: str                    # how that pack's mass was found (pack_mass_for_energy)
    consumption: float          # J/m on the cycle at that mass
    pack_mass: float            # kg, the pack of this energy

    def warnings(self, vehicle: Vehicle, system: str = "metric") -> tuple[str, ...]:
        """:func:`vehicle_warnings` of ``vehicle`` (the one this was found for) at this mass and cycle: an
        overweight vehicle or pack, a motor that cannot follow the cycle (display text)."""
        return vehicle_warnings(vehicle, self.cycle, self.total_mass, self.pack_mass, system)


def charge_vehicle(cell: CellFigures, vehicle: Vehicle, pack_energy: Optional[float], cycle: Optional[str],
                   options: PackOptions = PackOptions()) -> ChargeVehicle:
    """The pack energy and consumption a charge of ``cell`` in ``vehicle`` runs at: ``pack_energy`` (J),
    else the vehicle's reference pack's (:func:`reference_pack_energy`); the consumption on ``cycle``
    (``'default'``: :func:`default_cycle`) at the mass of a pack of that energy
    (:func:`pack_mass_for_energy`). The one home of this for ``batcalc charge`` and the Python API."""
    from_reference = pack_energy is None
    energy = reference_pack_energy(vehicle) if pack_energy is None else pack_energy
    pack_mass, how = pack_mass_for_energy(vehicle, cell, energy, options)
    cyc = default_cycle(vehicle) if cycle == "default" else cycle
    total = vehicle.total_mass(pack_mass)
    return ChargeVehicle(energy, from_reference, cyc, total, how, float(vehicle.consumption_model(cyc)(total)),
                         pack_mass)


def range_of(cell: CellFigures, vehicle: Vehicle, *, pack_mass: Optional[float] = None,
             pack_energy: Optional[float] = None, cycle: Optional[str] = "default",
             options: PackOptions = PackOptions()) -> RangeResult:
    """Range of ``cell`` in ``vehicle`` with a pack of the given mass (kg) or gross energy (J); with
    neither, the vehicle's reference pack mass. ``cycle='default'`` picks :func:`default_cycle`."""
    if pack_mass is not None and pack_energy is not None:
        raise BatcalcError("give a pack mass or a pack energy, not both")
    if cycle == "default":
        cycle = default_cycle(vehicle)
    if pack_energy is not None:
        pack = pack_from_energy(cell, pack_energy, options)
    else:
        pack = pack_from_mass(cell, pack_mass if pack_mass is not None else
                              reference_pack_mass(vehicle, cell, options), options)
    return range_with_pack(cell, vehicle, pack, cycle)


def same_range_pack_mass(vehicle: Vehicle, model: ConsumptionModel, k: ArrayLike,
                         start: Optional[ArrayLike] = None,
                         through: Optional[tuple[float, float]] = None) -> tuple[FloatArray, int]:
    """Pack masses, kg, that give a target range: the fixed point of
    ``m = g(m) = k c(m_without_battery + m + payload)`` with ``k = R / (rho_pack f_usable)`` (kg per J/m),
    i.e. ``m = E_gross(R, c) / rho_pack`` with ``E_gross = R c / f_usable``: the root of ``h(m) = g(m) - m``.

    Each pass evaluates ``g`` once (one consumption) for every element. The first pass
    steps from ``start`` (default ``g(0)``, the pack at the consumption of the vehicle without it); each
    later one takes the secant step through the last two passes, ``m - h(m) (m - m') / (h(m) - h(m'))``
    (the point ``(0, g(0))`` counts when the solve starts there; from a ``start``, the point
    ``through = (m', c')``, a pack mass (kg) and the model's consumption there (J/m) known beforehand,
    counts as ``(m', k c' - m')``; ``through`` is used only with a ``start``), when its slope is negative (``g' < 1``:
    a contraction; ``k dc/dm`` is ~0.1) and it lands on a mass from 0 to :data:`DIVERGED_KG`, else the
    plain fixed-point step ``g(m)``. An element settles at the first pass with ``|g(m) - m| <``
    :data:`TOLERANCE_KG`; the solve ends at the first pass where every element has (elements that settled
    take plain steps meanwhile), with the masses ``m`` that pass evaluated: within the tolerance of
    ``g(m)``, about 1e-6 kg of the fixed point (a range within ~1e-8 relative of the target; ``g(m)``,
    one contraction closer, was within ~3e-10); the model
    has just computed their consumption, so a caller asking for it again at the same mass repeats no
    work. ``c`` is nearly linear in mass, so the secant needs 3-5 passes
    where plain steps took 8-12 (exactly linear: the root after one secant step), and ends within the
    tolerance of the same fixed point. An element has no solution (NaN) when ``g`` passes
    :data:`DIVERGED_KG` or it is still moving after :data:`MAX_ITERATIONS` passes. Returns the masses (in
    ``k``'s shape; a scalar gives a 0-d array) and the passes taken."""
    import numpy as np

    shape = np.shape(k)
    if shape == ():     # one target (a claim's solve): the same steps on floats, without numpy's per-call cost
        first = None if start is None else float(np.asarray(start, dtype=float))
        return _same_range_pack_mass_1(vehicle, model, float(np.asarray(k, dtype=float)), first, through)
    kk = np.asarray(k, dtype=float).reshape(-1)          # 1-d: a scalar is one element

    def step(m: FloatArray) -> FloatArray:
        """``g(m)``, kg (the model called in ``k``'s shape: 0-d is faster); NaN where the vehicle would be
        heavier than :data:`~batcalc.physics.vehicle.MAX_VEHICLE_MASS` or ``g`` passes :data:`DIVERGED_KG`."""
        total = vehicle.total_mass(m)
        total = np.where(total <= MAX_VEHICLE_MASS, total, np.nan)
        g = kk * np.ravel(model(total.reshape(shape)))
        g[~(g <= DIVERGED_KG)] = np.nan
        return g

    if start is None:
        m = step(np.zeros_like(kk))
        prev_m, prev_h = np.zeros_like(kk), m.copy()      # h(0) = g(0)
    else:
        m = np.broadcast_to(np.asarray(start, dtype=float), shape).reshape(-1).copy()
        if through is None:
            prev_m = prev_h = np.full(kk.shape, np.nan)   # no secant before the first pass
        else:                                             # h at the known point
            prev_m, prev_h = np.full(kk.shape, through[0]), kk * through[1] - through[0]
    moving = np.ones(kk.shape, dtype=bool)
    for i in range(1, MAX_ITERATIONS + 1):
        g = step(m)        # every element, every pass: masses evaluated together share one node table
        change = g - m
        moving = np.abs(change) >= TOLERANCE_KG           # False where settled, or NaN (no pack reaches it)
        if not moving.any():
            return np.where(np.isnan(g), g, m).reshape(shape), i
        with np.errstate(divide="ignore", invalid="ignore"):
            slope = (change - prev_h) / (m - prev_m)      # h'(m) = g'(m) - 1
            secant = m - change / slope
        take = moving & (slope < 0) & (m != prev_m) & (secant >= 0) & (secant <= DIVERGED_KG)
        prev_m, prev_h, m = m, change, np.where(take, secant, g)
    out = np.where(np.isnan(g), g, prev_m)                # the masses the last pass evaluated, as above
    out[moving] = np.nan                                  # still moving after MAX_ITERATIONS passes
    return out.reshape(shape), MAX_ITERATIONS


def _same_range_pack_mass_1(vehicle: Vehicle, model: ConsumptionModel, k: float, start: Optional[float],
                            through: Optional[tuple[float, float]] = None) -> tuple[FloatArray, int]:
    """:func:`same_range_pack_mass` of one ``k`` (kg per J/m): the same passes, step for step, on Python
    floats (IEEE doubles, as numpy's), returning the mass as a 0-d array."""
    import numpy as np

    def step(m: float) -> float:
        total = vehicle.total_mass(m)
        g = k * float(model(total)) if total <= MAX_VEHICLE_MASS else math.nan
        return g if g <= DIVERGED_KG else math.nan

    if start is None:
        m = step(0.0)
        prev_m, prev_h = 0.0, m                           # h(0) = g(0)
    elif through is None:
        m, prev_m, prev_h = start, math.nan, math.nan     # no secant before the first pass
    else:
        m, prev_m, prev_h = start, through[0], k * through[1] - through[0]     # h at the known point
    for i in range(1, MAX_ITERATIONS + 1):
        g = step(m)
        change = g - m
        if not abs(change) >= TOLERANCE_KG:               # settled (or NaN: no pack reaches it)
            return np.array(m if g == g else g), i
        nxt = g
        if m != prev_m:
            slope = (change - prev_h) / (m - prev_m)      # h'(m) = g'(m) - 1; NaN before the first pass
            if slope < 0:
                secant = m - change / slope
                if 0 <= secant <= DIVERGED_KG:
                    nxt = secant
        prev_m, prev_h, m = m, change, nxt
    return np.array(math.nan), MAX_ITERATIONS


#: A solve without a start begins from the model's consumption at three pack masses: 0, half and all of
#: CHORD_SPAN times the vehicle's mass without a pack (a car's 0-800 kg: the packs claims are about).
CHORD_SPAN = 0.5
#: The chord's root is taken as a start only up to CHORD_REACH spans (a pack as heavy as the vehicle
#: without it): beyond, the parabola is extrapolated too far to trust (it may land past a heavier,
#: repelling fixed point), and the solve starts as without a chord.
CHORD_REACH = 2.0
#: Those three consumptions, by (model, mass without a pack): (span kg, c(0), c(span / 2), c(span) J/m).
_CHORDS: ByIdentity[tuple[float, float, float, float]] = ByIdentity(256)


def chord(vehicle: Vehicle, model: ConsumptionModel) -> Optional[tuple[float, float, float, float]]:
    """``(span, c_0, c_half, c_span)``: the consumptions (J/m) of ``model`` with no pack and with packs of
    ``span / 2`` and ``span = CHORD_SPAN x m_without_pack`` kg (:data:`CHORD_SPAN`), worked out once per
    model and vehicle mass and kept for the process (a property of the model, like its tables: every
    solve on that vehicle and cycle starts from it). None when the heaviest mass is beyond
    :data:`~batcalc.physics.vehicle.MAX_VEHICLE_MASS` or the model refuses it."""
    base = vehicle.total_mass(0.0)
    hit = _CHORDS.get(model, base)
    if hit is not None:
        return hit
    span = CHORD_SPAN * base
    if not 0 < base + span <= MAX_VEHICLE_MASS:
        return None
    c_0 = float(model(base))            # refused here as the solve's first pass would refuse it
    try:
        c_half, c_span = float(model(base + span / 2)), float(model(base + span))
    except BatcalcError:
        return None
    return _CHORDS.put(model, base, (span, c_0, c_half, c_span))


def _chord_start(vehicle: Vehicle, model: ConsumptionModel, k: float) -> Optional[tuple[float, tuple[float, float]]]:
    """(start kg, through (kg, J/m)) for the solve of ``m = k c(m_without_pack + m)``: the root of the
    parabola through the model's three points (:func:`chord`), ``c ~ c_0 + s m + q m^2``, that is of
    ``k q m^2 + (k s - 1) m + k c_0 = 0`` (``m = k c_0 / (1 - k s)`` when ``q = 0``), and the nearest of
    the three points as the first secant's partner. ``c`` is nearly linear in mass, so the root is
    close to the fixed point (0.005 kg at the median on the physics benchmark's claims; 0.02 kg at the
    median and 1.7 kg at the 90th percentile over 10,553 solves of 100-1,000 km on the shipped cycles)
    and the solve settles in 2-3 passes where it took 4-5 from ``g(0)``. None (start as without a
    chord) when the parabola has no root on its falling side (``1 - k c'(m) > 0``, the side the solve's
    fixed point lies on) from 0 to :data:`CHORD_REACH` spans."""
    found = chord(vehicle, model)
    if found is None:
        return None
    span, c_0, c_half, c_span = found
    h = span / 2
    q = (c_span - 2 * c_half + c_0) / (2 * h * h)
    s = (c_half - c_0) / h - q * h
    b, a, c = k * s - 1.0, k * q, k * c_0
    disc = b * b - 4 * a * c
    # the root on the falling side (b < 0), in the form without cancellation: -c / b when a = 0
    root = 2 * c / (-b + math.sqrt(disc)) if b < 0 and disc >= 0 else math.nan
    if not 0 <= root <= CHORD_REACH * span:
        return None
    partner = min(((0.0, c_0), (h, c_half), (span, c_span)), key=lambda p: abs(p[0] - root))
    return root, partner


def solve_pack_mass_for_range(cell: CellFigures, vehicle: Vehicle, target_range: float, cycle: Optional[str],
                              options: PackOptions = PackOptions(),
                              start: Optional[float] = None,
                              through: Optional[tuple[float, float]] = None,
                              fallback: Optional[float] = None) -> tuple[float, int]:
    """Pack mass (kg) of ``cell`` giving ``target_range`` (m) in ``vehicle``: the fixed point of
    ``m = R c(m_without_battery + m + payload) / (rho_pack f_usable)`` (:func:`same_range_pack_mass`, from
    ``start`` and ``through`` when given). Without a start, from the root of the model's chord
    (:func:`_chord_start`), with ``through`` if given as the first secant's partner, else the chord's
    nearest point; when there is no such root, or the solve from it finds no pack, from ``fallback``
    (default ``g(0)``, the pack at the consumption of the vehicle without one), so that a chord never
    loses a solution the plain start finds. Returns (mass, iterations: the passes of both solves when
    the second ran); raises :class:`BatcalcError` when no pack reaches the range."""
    k = target_range / (pack_density(cell, options) * options.f_usable)
    model = vehicle.consumption_model(cycle)
    tried = 0
    if start is None:                   # from the root of the model's chord, when it has one
        found = _chord_start(vehicle, model, k)
        if found is not None:
            mass, tried = same_range_pack_mass(vehicle, model, k, found[0], through or found[1])
            if mass == mass:
                return float(mass), tried
        start = fallback
    mass, steps = same_range_pack_mass(vehicle, model, k, start, through)     # (through: used only with a start)
    steps += tried
    if not mass == mass:
        raise error_in_systems(lambda system: f"no pack of {cell.id} reaches "
                               f"{shown_text(target_range, 'length', system, 'distance', '.0f')} in {vehicle.id}: "
                               f"the iteration does not converge (the pack's own weight eats the range)")
    return float(mass), steps


@dataclass(frozen=True)
class Tradeoff:
    """Cell ``b`` against cell ``a`` in one vehicle, holding pack mass, pack energy or range."""

    hold: str
    a: RangeResult
    b: RangeResult
    iterations: int = 0
    no_feedback_mass: Optional[float] = None     # same-range: pack mass b would need at a's consumption

    @property
    def mass_saved(self) -> float:
        """Pack mass of a minus pack mass of b, kg (positive: b is lighter)."""
        return self.a.pack.mass - self.b.pack.mass

    @property
    def no_feedback_mass_saved(self) -> Optional[float]:
        """Same range: the pack mass saved by the same-energy estimate (no mass feedback), kg:
        ``m_a - m_a rho_pack_a / rho_pack_b`` (None for the other holds)."""
        return None if self.no_feedback_mass is None else self.a.pack.mass - self.no_feedback_mass

    @property
    def energy_ratio(self) -> float:
        """Gross pack energy of b over a."""
        return self.b.pack.energy / self.a.pack.energy

    @property
    def range_ratio(self) -> float:
        """Range of b over a."""
        return self.b.range / self.a.range

    def warnings_in(self, system: str) -> tuple[str, ...]:
        """The warnings of both sides (:meth:`RangeResult.warnings_in`), each once: display text in unit
        ``system``'s units."""
        return tuple(dict.fromkeys(self.a.warnings_in(system) + self.b.warnings_in(system)))

    def assumptions_in(self, system: str) -> list[str]:
        """The stated assumptions of both sides (:meth:`RangeResult.assumptions_in`, in unit ``system``): those
        a and b share once, and those of one side only (its pack's fractions and notes: a pack-level spec is
        used with fractions of 1) named by its cell, a's after a's shared ones and b's after a's own."""
        a = self.a.assumptions_in(system)
        if self.a.vehicle is self.b.vehicle and (self.a.pack.options, self.a.pack.notes, self.a.cycle) == (
                self.b.pack.options, self.b.pack.notes, self.b.cycle):
            return list(a)                    # the same texts (most trade-offs): b's are not worked out
        b = self.b.assumptions_in(system)
        if a == b:
            return list(a)

        def own(result: RangeResult, text: str) -> str:
            return text if text.startswith(f"{result.cell.id}'s ") else f"{result.cell.id}: {text}"
        out, last = [], 0
        for text in a:
            if text in b:
                out.append(text)
            else:
                out.append(own(self.a, text))
                last = len(out)
        out[last:last] = [own(self.b, text) for text in b if text not in a]
        return out

    @property
    def payload_gained(self) -> Optional[float]:
        """Payload capacity of b's vehicle minus a's, kg (:meth:`payload_capacity`: what a lighter pack frees
        under the same max gross mass; equal to :attr:`mass_saved`), None without a max gross mass."""
        pa, pb = self.payload_capacity(self.a), self.payload_capacity(self.b)
        return None if pa is None or pb is None else pb - pa

    def payload_capacity(self, result: RangeResult) -> Optional[float]:
        """``max_gross_mass - (m_without_battery + m_pack)``, kg, when the vehicle gives a gross mass."""
        gross = result.vehicle.max_gross_mass
        return None if gross is None else gross - result.vehicle.glider_mass - result.pack.mass


def check_hold(hold: str, has_target_range: bool = False) -> None:
    """Refuse a ``hold`` that is not ``mass``, ``energy`` or ``range``, and a target range with any hold
    but ``range`` (it would be ignored: the other holds keep a's pack, not a range)."""
    if hold not in ("mass", "energy", "range"):
        raise InputsError("{hold} must be mass, energy or range, got " + literal(repr(hold)))
    if has_target_range and hold != "range":
        raise InputsError("{target_range} goes with {hold:range}")


def tradeoff(a: CellFigures, b: CellFigures, vehicle: Vehicle, hold: str, *, pack_mass: Optional[float] = None,
             pack_energy: Optional[float] = None, target_range: Optional[float] = None,
             cycle: Optional[str] = "default", options: PackOptions = PackOptions()) -> Tradeoff:
    """Swap cell ``a`` for ``b`` in ``vehicle`` holding ``mass`` (pack mass), ``energy`` (pack energy)
    or ``range``. The reference point is a's pack: ``pack_mass`` / ``pack_energy`` if given, else the
    vehicle's reference pack; for ``range`` the target is ``target_range`` or a's range."""
    if cycle == "default":
        cycle = default_cycle(vehicle)
    check_hold(hold, target_range is not None)
    if hold == "range" and target_range is not None and not (target_range > 0 and math.isfinite(target_range)):
        def not_positive(system: str) -> str:
            got = shown_text(target_range, "length", system, "distance", "g")
            return f"{{target_range}} must be positive, got {got}"
        raise InputsError(not_positive("metric"), {system: not_positive(system) for system in SYSTEMS})
    if hold == "range" and target_range is not None and pack_mass is None and pack_energy is None:
        # a's pack is sized for the target range: the vehicle's reference pack is not needed
        m_a, _ = solve_pack_mass_for_range(a, vehicle, target_range, cycle, options)
        ra = range_with_pack(a, vehicle, pack_from_mass(a, m_a, options), cycle)
    else:
        ra = range_of(a, vehicle, pack_mass=pack_mass, pack_energy=pack_energy, cycle=cycle, options=options)
    if hold == "mass":
        rb = range_of(b, vehicle, pack_mass=ra.pack.mass, cycle=cycle, options=options)
        return Tradeoff(hold, ra, rb)
    same_density = pack_density(a, options) == pack_density(b, options)
    if hold == "energy":
        # the same pack-level density: b's pack from a's own inputs, so the same mass and energy exactly (from
        # a's energy, E / rho after m rho can round a bit away: a 'saving' of -5.684e-14 kg)
        rb = range_of(b, vehicle, pack_mass=pack_mass, pack_energy=pack_energy, cycle=cycle, options=options) \
            if same_density else range_of(b, vehicle, pack_energy=ra.pack.energy, cycle=cycle, options=options)
        return Tradeoff(hold, ra, rb)
    goal = target_range if target_range is not None else ra.range
    if target_range is not None and (pack_mass is not None or pack_energy is not None):
        m_a, _ = solve_pack_mass_for_range(a, vehicle, goal, cycle, options, fallback=ra.pack.mass)
        ra = range_with_pack(a, vehicle, pack_from_mass(a, m_a, options), cycle)
    no_feedback = ra.pack.mass if same_density else ra.pack.mass * pack_density(a, options) / pack_density(b, options)
    if same_density:
        # the same fixed point as a's (k = R / (rho_pack f_usable) is the same): a's pack, exactly, where
        # a solve would stop within its tolerance of it (a 'saving' of -6e-14 kg)
        m_b, iterations = ra.pack.mass, 0
    else:
        # from the root of the model's chord, its first secant through a's point of the same consumption curve
        m_b, iterations = solve_pack_mass_for_range(b, vehicle, goal, cycle, options,
                                                    through=(ra.pack.mass, ra.consumption), fallback=no_feedback)
    rb = range_with_pack(b, vehicle, pack_from_mass(b, m_b, options), cycle)
    return Tradeoff(hold, ra, rb, iterations, no_feedback)


def sensitivities(result: RangeResult) -> dict[str, float]:
    """``km per extra Wh/kg`` of cell density at fixed pack mass (``dR/drho = R / rho``, in m per J/kg)
    and ``Wh/km per extra 100 kg`` (:func:`~batcalc.physics.vehicle.consumption_per_100kg`, in J/m)."""
    model = result.vehicle.consumption_model(result.cycle)
    rho = result.cell.get("gravimetric")
    if rho is None:
        raise BatcalcError(f"{result.cell.id} gives no gravimetric energy density")
    return {"range_per_density": result.range / rho,
            "consumption_per_100kg": consumption_per_100kg(model, result.total_mass)}


def sweep_range(vehicle: Vehicle, densities: ArrayLike, pack_masses: ArrayLike, cycle: Optional[str],
                options: PackOptions = PackOptions()) -> FloatArray:
    """Range (m) over a grid: ``densities`` (cell-level J/kg, shape (N,)) x ``pack_masses`` (kg, (M,)).

    ``R[i, j] = E_usable / c = rho_i f_mass m_j f_usable / c(m_without_battery + m_j + payload)``; one
    array pass: the outer product of usable J per kg of pack (:func:`~batcalc.physics.energy.usable_energy`)
    and ``m / c`` (``R = E_usable / c`` of :func:`~batcalc.physics.energy.range_from_energy`, factored)."""
    import numpy as np

    rho = usable_energy(np.asarray(densities, dtype=float) * options.f_mass, options.f_usable)  # (N,) usable J/kg
    m = np.asarray(pack_masses, dtype=float)
    m_over_c = m / vehicle.consumption_model(cycle)(vehicle.total_mass(m))             # (M,)
    out: FloatArray = np.multiply.outer(rho, m_over_c)          # the only N x M operation
    # |rho_i x_j| <= max|rho| max|x| (IEEE multiplication is monotone): the grid is finite and within the
    # result limit when that product is, a check on N + M numbers; only otherwise is the grid searched
    bound = float(np.max(np.abs(rho)) * np.max(np.abs(m_over_c))) if out.size else 0.0
    if not bound <= MAX_MAGNITUDE:
        check_result(out, f"a range in {vehicle.id}", "m")
    return out


def sweep_pack_mass(vehicle: Vehicle, densities: ArrayLike, ranges: ArrayLike, cycle: Optional[str],
                    options: PackOptions = PackOptions()) -> FloatArray:
    """Pack mass (kg) giving each range (m) for each cell density (J/kg): grid (N, M), solved by the
    same passes as :func:`solve_pack_mass_for_range` (:func:`same_range_pack_mass`, from ``g(0)``: one
    start for the whole grid, where a single solve starts at its chord's root), on whole arrays at
    once; NaN where no pack reaches the range."""
    import numpy as np

    k = (np.asarray(ranges, dtype=float)[None, :]
         / (np.asarray(densities, dtype=float)[:, None] * options.f_mass * options.f_usable))
    return same_range_pack_mass(vehicle, vehicle.consumption_model(cycle), k)[0]
