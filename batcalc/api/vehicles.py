"""Vehicles in the Python API: :func:`load_vehicle`, :func:`range_of`, :func:`consumption`, :func:`normalise`,
:func:`sweep`, :func:`tradeoff`, :func:`charge`.

Inputs take units (text or pint Quantities, :func:`~batcalc.api.quantities.si_of`); the physics is
:mod:`batcalc.physics.tradeoff` and :mod:`batcalc.physics.charge` in SI floats; results carry their
figures as pint Quantities and keep the SI result as ``raw``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Optional, Union, overload

from batcalc.api.cells import CellLike, figures_of
from batcalc.api.quantities import as_quantities, as_quantity, given_text, is_quantity, si_array_of, si_of
from batcalc.physics import tradeoff as physics
from batcalc.physics.charge import Window
from batcalc.physics.pack import DEFAULT_F_MASS, DEFAULT_F_USABLE, DEFAULT_F_VOLUME, PackOptions, check_fractions_apply
from batcalc.physics.vehicle import Vehicle as PhysicsVehicle


@dataclass(frozen=True, repr=False)
class Vehicle:
    """A vehicle spec with its road load; ``raw`` is the :class:`~batcalc.physics.vehicle.Vehicle` (SI)."""

    raw: PhysicsVehicle

    @property
    def id(self) -> str:
        """The spec's id."""
        return self.raw.id

    @property
    def name(self) -> str:
        """The spec's name."""
        return str(self.raw.spec.name)

    @property
    def mass_without_battery(self) -> Any:
        """Mass without the traction battery, kg."""
        return as_quantity(self.raw.glider_mass, "mass")

    @property
    def payload(self) -> Any:
        """Payload carried in range calculations, kg."""
        return as_quantity(self.raw.payload, "mass")

    @property
    def reference_pack_energy(self) -> Any:
        """Gross energy of the pack the vehicle ships with, kWh (None when the spec gives none)."""
        ref = self.raw.spec.reference_pack
        return None if ref is None else as_quantity(float(ref.energy.si), "energy", "kWh")

    def with_conditions(self, *, ambient: Any = None, altitude: Any = None, climate: Optional[str] = None,
                        extra_mass: Any = None) -> "Vehicle":
        """The same vehicle in other conditions, as ``batcalc range`` takes them with ``--ambient``,
        ``--altitude``, ``--climate`` and ``--extra-mass``: ``ambient`` a temperature (``'-7 °C'``,
        ``'20 °F'``, ``'268 K'`` or a pint Quantity) and ``altitude`` (``'1500 m'``) set the air density
        (:func:`batcalc.physics.powertrain.air_density`); ``climate`` (``'heat-pump'`` or
        ``'resistance'``) adds the cabin's heating or cooling power at ``ambient`` to the auxiliaries;
        ``extra_mass`` (``'200 kg'``) is carried on top of the payload. An argument left None keeps the
        vehicle's (at first 20 °C at sea level, no cabin climate, no extra mass). Give the result to
        :func:`range_of`, :func:`tradeoff`, :func:`batcalc.range_bands` or :func:`batcalc.charge`
        (:meth:`batcalc.physics.vehicle.Vehicle.in_conditions`)."""
        from batcalc.api.quantities import kelvin_of

        if climate is not None and not isinstance(climate, str):
            raise TypeError(f"climate needs a climate system's name ('heat-pump' or 'resistance'), "
                            f"got {type(climate).__name__}")
        return Vehicle(self.raw.in_conditions(kelvin_of(ambient, "ambient"), si_of(altitude, "length", "altitude", "m"),
                                              climate, si_of(extra_mass, "mass", "extra_mass", "kg")))

    def __repr__(self) -> str:
        """The id and mass, and the conditions :meth:`with_conditions` set, if any
        (:func:`batcalc.report.vehicle.conditions_text`)."""
        from batcalc.report.vehicle import conditions_text

        conditions = conditions_text(self.raw)
        return f"<Vehicle {self.id}: {self.raw.glider_mass:.0f} kg without battery" + (
            f"; {conditions}>" if conditions else ">")


VehicleLike = Union[Vehicle, PhysicsVehicle, str, "os.PathLike[str]"]


def vehicle_of(vehicle: Any) -> PhysicsVehicle:
    """The physics :class:`~batcalc.physics.vehicle.Vehicle` of an API vehicle argument: a :class:`Vehicle`,
    a physics ``Vehicle``, or a catalogue id or spec path (loaded)."""
    if isinstance(vehicle, Vehicle):
        return vehicle.raw
    if isinstance(vehicle, PhysicsVehicle):
        return vehicle
    if isinstance(vehicle, (str, os.PathLike)):
        from batcalc.physics.vehicle import load_vehicle as load

        return load(os.fspath(vehicle))
    raise TypeError(f"vehicle needs a vehicle: a catalogue id, a spec path or batcalc.load_vehicle(...), "
                    f"got {type(vehicle).__name__}")


def load_vehicle(name: Union[str, "os.PathLike[str]"]) -> Vehicle:
    """A vehicle by catalogue id (``'mid-sedan'``) or path of a YAML spec file."""
    return Vehicle(vehicle_of(name))


def pack_mass_of(value: Any) -> Optional[float]:
    """``pack_mass`` in kg (:func:`~batcalc.api.quantities.si_of`; None stays None), refused when not positive
    (:func:`batcalc.physics.pack.check_pack_mass`) naming the parameter and the value given, as the command
    line's ``--pack-mass`` is."""
    from batcalc.errors import BatcalcError, printable
    from batcalc.physics.pack import check_pack_mass

    mass = si_of(value, "mass", "pack_mass", "kg")
    if mass is not None:
        try:
            check_pack_mass(mass)
        except BatcalcError as exc:
            shown = given_text(value, "pack_mass") if is_quantity(value) else str(value).strip()
            raise BatcalcError(f"pack_mass: {exc}, got {printable(shown, 60)!r}") from None
    return mass


def pack_options(f_mass: Any = None, f_volume: Any = None, f_usable: Any = None) -> PackOptions:
    """:class:`~batcalc.physics.pack.PackOptions` from fractions (0.85 or '85 %'); defaults where None."""
    def fraction(value: Any, name: str, default: float) -> float:
        si = si_of(value, "fraction", name)
        return default if si is None else si
    return PackOptions(f_mass=fraction(f_mass, "f_mass", DEFAULT_F_MASS),
                       f_volume=fraction(f_volume, "f_volume", DEFAULT_F_VOLUME),
                       f_usable=fraction(f_usable, "f_usable", DEFAULT_F_USABLE))


@dataclass(frozen=True, repr=False)
class RangeResult:
    """Range of one cell's pack in one vehicle on one cycle.

    Quantities: ``range`` (km), ``consumption`` (Wh/km at the battery), ``pack_mass`` and ``total_mass``
    (kg), ``pack_energy`` (gross) and ``usable_energy`` (kWh). ``cycle`` names how the consumption was
    found; ``assumptions`` and ``warnings`` are texts; ``raw`` is the
    :class:`~batcalc.physics.tradeoff.RangeResult` in SI.
    """

    raw: physics.RangeResult

    @property
    def range(self) -> Any:
        """Range, km: ``R = E_usable / c``."""
        return as_quantity(self.raw.range, "distance")

    @property
    def consumption(self) -> Any:
        """Consumption at the battery, Wh/km, at the vehicle's total mass."""
        return as_quantity(self.raw.consumption, "consumption")

    @property
    def pack_mass(self) -> Any:
        """Pack mass, kg."""
        return as_quantity(self.raw.pack.mass, "mass")

    @property
    def pack_energy(self) -> Any:
        """Gross (nominal) pack energy, kWh."""
        return as_quantity(self.raw.pack.energy, "energy", "kWh")

    @property
    def usable_energy(self) -> Any:
        """Usable pack energy, kWh: ``E_pack * f_usable``."""
        return as_quantity(self.raw.pack.usable_energy, "energy", "kWh")

    @property
    def total_mass(self) -> Any:
        """Vehicle mass in the calculation, kg: without battery + pack + payload."""
        return as_quantity(self.raw.total_mass, "mass")

    @property
    def cycle(self) -> str:
        """The drive cycle (or measured figure) behind the consumption."""
        return physics.cycle_label(self.raw.vehicle, self.raw.cycle)

    @property
    def assumptions(self) -> list[str]:
        """The stated assumptions: cycle, road load, pack fractions, vehicle masses; and the vehicle's
        conditions when :meth:`Vehicle.with_conditions` set any, as ``batcalc range`` states them."""
        return list(self.raw.assumptions) + _conditions(self.raw.vehicle, self.raw.cycle is not None)

    @property
    def warnings(self) -> list[str]:
        """An overweight vehicle or pack, when so."""
        return list(self.raw.warnings)

    @property
    def ratings(self) -> dict[str, Any]:
        """The range of the same usable energy at the same mass on each rating, km: ``wltp`` (WLTC 3b),
        ``epa`` (the two-cycle label, 0.7 (0.55 R_UDDS + 0.45 R_HWFET)), ``cltc``, ``nedc``, as ``batcalc
        range`` shows them; empty for a truck (light-duty car ratings do not apply); for a vehicle that gives
        only a measured consumption, the rating it was measured on alone (:attr:`ratings_notes` says why)."""
        from batcalc.report.vehicle import rating_ranges

        ranges, _ = rating_ranges(self.raw.vehicle, self.raw.pack.usable_energy, self.raw.total_mass, "metric")
        return {key: as_quantity(value, "distance") for key, value in ranges.items()}

    @property
    def ratings_notes(self) -> list[str]:
        """How :attr:`ratings` are found, or why there are none."""
        from batcalc.report.vehicle import rating_ranges

        return rating_ranges(self.raw.vehicle, self.raw.pack.usable_energy, self.raw.total_mass, "metric")[1]

    @property
    def sensitivities(self) -> dict[str, Any]:
        """What moves the range, as ``batcalc range`` shows it: ``range_per_density``, km more per extra
        Wh/kg of the spec's density (a cell's, or a pack spec's) at the same pack mass (``R / rho``), and
        ``consumption_per_100kg``, Wh/km more per extra 100 kg (:func:`batcalc.physics.tradeoff.sensitivities`)."""
        from batcalc.units import ureg

        found = physics.sensitivities(self.raw)
        per_density = ureg().Quantity(found["range_per_density"], "m / (J / kg)").to("km / (Wh / kg)")
        return {"range_per_density": per_density,
                "consumption_per_100kg": as_quantity(found["consumption_per_100kg"], "consumption")}

    def __repr__(self) -> str:
        return (f"<RangeResult {self.raw.cell.id} in {self.raw.vehicle.id}: {self.raw.range / 1000:.1f} km, "
                f"{self.raw.pack.mass:.0f} kg pack>")


@dataclass(frozen=True, repr=False)
class ConsumptionResult:
    """Consumption at the battery of one vehicle on one cycle at one mass (``batcalc consumption``).

    Quantities: ``consumption`` (Wh/km), ``per_100kg`` (Wh/km more per extra 100 kg), ``pack_mass`` and
    ``total_mass`` (kg); ``breakdown``: where the consumption goes, Wh/km by part (rolling, aerodynamic,
    auxiliaries, acceleration and braking net of regeneration; they add up to ``consumption``; empty for a
    measured consumption). ``cycle`` names how it was found; ``assumptions`` and ``warnings`` are texts;
    ``raw`` is the :class:`~batcalc.physics.vehicle.ConsumptionFigures` in SI.
    """

    raw: Any
    vehicle: PhysicsVehicle
    cycle_id: Optional[str]
    pack_mass_si: float
    assumptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def consumption(self) -> Any:
        """Consumption at the battery, Wh/km, at :attr:`total_mass`."""
        return as_quantity(self.raw.consumption, "consumption")

    @property
    def per_100kg(self) -> Any:
        """How much more the vehicle consumes per extra 100 kg, Wh/km: ``c(m + 100 kg) - c(m)``."""
        return as_quantity(self.raw.per_100kg, "consumption")

    @property
    def pack_mass(self) -> Any:
        """Pack mass, kg (given, else the vehicle's reference pack's)."""
        return as_quantity(self.pack_mass_si, "mass")

    @property
    def total_mass(self) -> Any:
        """Vehicle mass in the calculation, kg: without battery + pack + payload."""
        return as_quantity(self.raw.total_mass, "mass")

    @property
    def breakdown(self) -> dict[str, Any]:
        """Where the consumption goes, Wh/km by part (:func:`batcalc.physics.vehicle.consumption_breakdown`)."""
        return {part: as_quantity(value, "consumption") for part, value in self.raw.breakdown.items()}

    @property
    def cycle(self) -> str:
        """The drive cycle (or measured figure) behind the consumption."""
        return physics.cycle_label(self.vehicle, self.cycle_id)

    def __repr__(self) -> str:
        return (f"<ConsumptionResult {self.vehicle.id} on {self.cycle}: {self.consumption.magnitude:.1f} Wh/km at "
                f"{self.raw.total_mass:.0f} kg>")


def consumption(vehicle: VehicleLike, *, cycle: Any = "default", pack_mass: Any = None) -> ConsumptionResult:
    """Consumption at the battery of ``vehicle`` on ``cycle`` with a pack of ``pack_mass`` (default: the
    vehicle's reference pack), as ``batcalc consumption`` gives it: ``c(m_without_battery + m_pack +
    payload)``, its slope per 100 kg and its breakdown (:func:`batcalc.physics.vehicle.consumption_figures`).
    ``cycle`` as :func:`range_of` takes it (``'default'``: the vehicle's own; None: its measured consumption)."""
    from batcalc.physics.vehicle import consumption_figures
    from batcalc.report.vehicle import consumption_report

    v = vehicle_of(vehicle)
    cyc = _default_or(v, _cycle(cycle))
    given = pack_mass_of(pack_mass)
    mass, how = (given, "as given") if given is not None else (physics.reference_pack_mass(v),
                                                              f"{v.id}'s reference pack")
    data = consumption_report(v, cyc, mass, how, "metric")[3]     # the command's assumptions and warnings
    return ConsumptionResult(consumption_figures(v, cyc, mass), v, cyc, mass,
                             list(data["assumptions"]) + _conditions(v, cyc is not None), list(data["warnings"]))


@dataclass(frozen=True, repr=False)
class NormaliseResult:
    """A range stated on one rating as a range on another, for one vehicle (``batcalc normalise``).

    ``given`` and ``range`` (km): the range on ``from_rating`` and on ``to_rating``; ``ratio`` (a float):
    the simulated ``R_to / R_from = c_from / c_to``; ``band``: the published band ``(low, high)`` of that
    ratio (specs/rating_bands.yaml, docs/ratings.md) or None (none for the pair, or no car), and
    ``inside_band`` whether the simulated ratio lies in it; ``notes`` and ``warnings`` are texts, as
    the command prints them.
    """

    given_si: float
    ratio: float
    from_rating: str
    to_rating: str
    vehicle: PhysicsVehicle
    band: Optional[tuple[float, float]] = None
    inside_band: Optional[bool] = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def given(self) -> Any:
        """The range on ``from_rating``, km."""
        return as_quantity(self.given_si, "distance")

    @property
    def range(self) -> Any:
        """The range on ``to_rating``, km: ``R_from x ratio``."""
        return as_quantity(self.given_si * self.ratio, "distance")

    def __repr__(self) -> str:
        return (f"<NormaliseResult {self.vehicle.id}: {self.given.magnitude:.0f} km on {self.from_rating} -> "
                f"{self.range.magnitude:.1f} km on {self.to_rating} (x{self.ratio:.4g})>")


def normalise(value: Any, vehicle: VehicleLike, *, from_rating: str, to_rating: str,
              pack_mass: Any = None) -> NormaliseResult:
    """A range ``value`` (``'1000 km'``) stated on rating ``from_rating`` as a range on ``to_rating``
    (``'wltp'``, ``'epa'``, ``'cltc'``, ``'nedc'``, or any cycle :func:`range_of` takes) for ``vehicle`` with a
    pack of ``pack_mass`` (default: its reference pack): ``R_to = R_from x c_from / c_to``, the same energy on
    both (:func:`batcalc.physics.ratings.simulated_ratio`), as ``batcalc normalise`` gives it."""
    from batcalc.report.vehicle import normalise_report

    ratings: list[str] = []
    for name, rating in (("from_rating", from_rating), ("to_rating", to_rating)):
        text = _cycle(rating) if is_quantity(rating) or isinstance(rating, os.PathLike) else rating   # as range_of
        if not isinstance(text, str):
            raise TypeError(f"normalise: {name} needs a rating as text ('wltp', 'epa', 'cltc', 'nedc') or a cycle "
                            f"range_of takes, got {type(rating).__name__}")
        ratings.append(text)
    from_rating, to_rating = ratings
    v = vehicle_of(vehicle)
    given = si_of(value, "length", "value", "km")
    if given is None:
        raise TypeError("normalise needs the range to convert, e.g. '1000 km'")
    mass = pack_mass_of(pack_mass)
    pack, how = (mass, "pack as given") if mass is not None else (physics.reference_pack_mass(v),
                                                                 f"{v.id}'s reference pack")
    _, _, notes, data = normalise_report(v, given, from_rating, to_rating, float(v.total_mass(pack)), how, "metric",
                                         ("from_rating", "to_rating"))
    band = data["band"]
    return NormaliseResult(given, float(data["ratio"]), data["from"], data["to"], v,
                           None if band is None else (band["low"], band["high"]), data["inside_band"],
                           notes + _conditions(v, True), list(data["warnings"]))


def sweep(vehicle: VehicleLike, densities: Any, *, pack_masses: Any = None, ranges: Any = None,
          cycle: Any = "default", f_mass: Any = None, f_usable: Any = None) -> Any:
    """``batcalc sweep`` as an array: with ``pack_masses``, the range (km) of a pack of each mass for each
    cell density, ``R[i, j] = rho_i f_mass m_j f_usable / c(m_without_battery + m_j + payload)``
    (:func:`batcalc.physics.tradeoff.sweep_range`); with ``ranges``, the pack mass (kg) that reaches each
    range, with the mass feedback, NaN where no pack does (:func:`~batcalc.physics.tradeoff.sweep_pack_mass`).
    Give exactly one of the two. Returns a Quantity array of shape ``(len(densities), len(pack_masses or
    ranges))``. Each axis is text as the command line takes it (``'200:500:50 Wh/kg'``, ``'250, 300
    Wh/kg'``) or a sequence of values with their units; ``cycle`` and the fractions as :func:`range_of`
    takes them. Unlike the command, which prints the grid, any size is computed."""
    if (pack_masses is None) == (ranges is None):
        raise TypeError("sweep needs pack_masses=... (to get range) or ranges=... (to get pack mass), not both "
                        "or neither")
    v = vehicle_of(vehicle)
    cyc = _default_or(v, _cycle(cycle))
    rho = si_array_of(densities, "specific_energy", "densities", "Wh/kg")
    options = pack_options(f_mass, None, f_usable)
    if pack_masses is not None:
        grid = physics.sweep_range(v, rho, si_array_of(pack_masses, "mass", "pack_masses", "kg"), cyc, options)
        return as_quantities(grid, "distance")
    grid = physics.sweep_pack_mass(v, rho, si_array_of(ranges, "length", "ranges", "km"), cyc, options)
    return as_quantities(grid, "mass")


def _conditions(vehicle: PhysicsVehicle, simulated: bool) -> list[str]:
    """What ``batcalc range`` states of a vehicle's conditions (:func:`batcalc.report.vehicle.ambient_notes`:
    ambient temperature, altitude and air density, cabin climate, extra mass; which of them a measured
    consumption does not use), when :meth:`Vehicle.with_conditions` set any; else none."""
    from batcalc.report.vehicle import conditions_set_notes

    return conditions_set_notes(vehicle, simulated)


def _default_or(vehicle: PhysicsVehicle, cycle: Optional[str]) -> Optional[str]:
    """``cycle`` as read by :func:`_cycle`, ``'default'`` being the vehicle's own (compared once read: an
    array's ``== 'default'`` is an array, which has no truth value)."""
    return physics.default_cycle(vehicle) if cycle == "default" else cycle


def _cycle(cycle: Any) -> Optional[str]:
    """The ``cycle`` argument as the physics takes it: an id, a trace path or a constant speed as text, or
    None; a constant speed given as a pint Quantity (``Q(80, 'km/h')``, any registry) is read as its text in
    its own unit (:func:`~batcalc.api.quantities.given_text`), as every other input with a unit is."""
    if is_quantity(cycle):
        return given_text(cycle, "cycle")
    if isinstance(cycle, os.PathLike):
        return os.fspath(cycle)
    if cycle is not None and not isinstance(cycle, str):
        raise TypeError(f"cycle needs a cycle id ('wltp'), a trace file, a constant speed ('80 km/h') or None, "
                        f"got {type(cycle).__name__}")
    return cycle


def range_of(cell: CellLike, vehicle: VehicleLike, *, pack_mass: Any = None, pack_energy: Any = None,
             cycle: Optional[str] = "default", f_mass: Any = None, f_usable: Any = None,
             f_volume: Any = None) -> RangeResult:
    """Range of a pack of ``cell`` in ``vehicle``: ``R = E_usable / c(m_without_battery + m_pack + payload)``
    (:func:`batcalc.physics.tradeoff.range_of`).

    ``pack_mass`` (e.g. ``'480 kg'``) or ``pack_energy`` (``'75 kWh'``), text or pint Quantities; with
    neither, the vehicle's reference pack. ``cycle``: ``'default'`` (the vehicle's), a cycle id
    (``'wltp'``, ``'hwfet'``), a constant speed (``'80 km/h'``, or a Quantity) or None (the vehicle's measured
    consumption; for a vehicle whose spec gives none, WLTC class 3b, ``'wltp'``).
    ``f_mass``, ``f_usable``, ``f_volume``: cell-to-pack fractions (0.85 or ``'85 %'``; defaults 0.70,
    0.93, 0.50). A bare number for a mass or an energy raises :class:`TypeError`.
    """
    figures = figures_of(cell)
    check_fractions_apply([figures], f_mass is not None, f_volume is not None)
    result = physics.range_of(figures, vehicle_of(vehicle), pack_mass=pack_mass_of(pack_mass),
                              pack_energy=si_of(pack_energy, "energy", "pack_energy", "kWh"),
                              cycle=_cycle(cycle), options=pack_options(f_mass, f_volume, f_usable))
    return RangeResult(result)


@dataclass(frozen=True, repr=False)
class TradeoffResult:
    """Cell ``b`` against cell ``a`` in one vehicle, holding pack mass, pack energy or range.

    ``a`` and ``b`` are :class:`RangeResult` s; ``mass_saved`` (kg, a's pack minus b's) is a Quantity;
    ``energy_ratio`` and ``range_ratio`` (b over a) are floats; ``raw`` is the
    :class:`~batcalc.physics.tradeoff.Tradeoff`.
    """

    raw: physics.Tradeoff

    @property
    def hold(self) -> str:
        """What is held: ``mass``, ``energy`` or ``range``."""
        return self.raw.hold

    @property
    def a(self) -> RangeResult:
        """Cell a's range result."""
        return RangeResult(self.raw.a)

    @property
    def b(self) -> RangeResult:
        """Cell b's range result."""
        return RangeResult(self.raw.b)

    @property
    def mass_saved(self) -> Any:
        """Pack mass of a minus pack mass of b, kg (positive: b is lighter)."""
        return as_quantity(self.raw.mass_saved, "mass")

    @property
    def no_feedback_mass_saved(self) -> Any:
        """Same range: the pack mass the same-energy estimate saves, kg (``m_a - m_a rho_pack_a / rho_pack_b``,
        no mass feedback: what :attr:`mass_saved` refines); None for the other holds."""
        return as_quantity(self.raw.no_feedback_mass_saved, "mass")

    @property
    def payload_capacity(self) -> Optional[dict[str, Any]]:
        """``{'a': ..., 'b': ...}``: the payload each pack leaves under the vehicle's max gross mass, kg
        (``max_gross - m_without_battery - m_pack``); None when the vehicle gives no max gross mass."""
        pa, pb = self.raw.payload_capacity(self.raw.a), self.raw.payload_capacity(self.raw.b)
        return None if pa is None or pb is None else {"a": as_quantity(pa, "mass"), "b": as_quantity(pb, "mass")}

    @property
    def payload_gained(self) -> Any:
        """b's payload capacity minus a's, kg; None without a max gross mass."""
        return as_quantity(self.raw.payload_gained, "mass")

    @property
    def energy_ratio(self) -> float:
        """Gross pack energy of b over a."""
        return self.raw.energy_ratio

    @property
    def range_ratio(self) -> float:
        """Range of b over a."""
        return self.raw.range_ratio

    @property
    def iterations(self) -> int:
        """Fixed-point steps of the same-range solve (0 for the other holds)."""
        return self.raw.iterations

    def __repr__(self) -> str:
        return (f"<TradeoffResult {self.raw.b.cell.id} for {self.raw.a.cell.id} in {self.raw.a.vehicle.id}, "
                f"same {self.hold}: {self.raw.mass_saved:.1f} kg saved, range x{self.range_ratio:.4g}>")


def tradeoff(a: CellLike, b: CellLike, vehicle: VehicleLike, hold: str = "mass", *, pack_mass: Any = None,
             pack_energy: Any = None, target_range: Any = None, cycle: Optional[str] = "default",
             f_mass: Any = None, f_usable: Any = None, f_volume: Any = None) -> TradeoffResult:
    """Swap cell ``a`` for ``b`` in ``vehicle`` holding ``'mass'`` (pack mass), ``'energy'`` (pack energy)
    or ``'range'`` (:func:`batcalc.physics.tradeoff.tradeoff`). a's pack is ``pack_mass`` or
    ``pack_energy`` if given, else the vehicle's reference pack; holding range, the target is
    ``target_range`` (e.g. ``'600 km'``), for which both packs are sized (a's given pack too), or a's
    range. Other arguments as for :func:`range_of`."""
    if not isinstance(hold, str):
        raise TypeError(f"hold needs text: 'mass', 'energy' or 'range', got {type(hold).__name__}")
    fa, fb = figures_of(a, "a"), figures_of(b, "b")
    check_fractions_apply([fa, fb], f_mass is not None, f_volume is not None)
    result = physics.tradeoff(fa, fb, vehicle_of(vehicle), hold, pack_mass=pack_mass_of(pack_mass),
                              pack_energy=si_of(pack_energy, "energy", "pack_energy", "kWh"),
                              target_range=si_of(target_range, "length", "target_range", "km"),
                              cycle=_cycle(cycle), options=pack_options(f_mass, f_volume, f_usable))
    return TradeoffResult(result)


# ------------------------------------------------------------------------------------------ charging

@dataclass(frozen=True, repr=False)
class ChargeWindow:
    """One charge from ``from_soc`` to ``to_soc`` (fractions) at its average rate.

    Quantities: ``time`` (min), ``c_rate`` (1/h, i.e. C), ``battery_power`` and ``grid_power`` (kW),
    ``energy_added`` (kWh), ``range_added`` (km), ``charge_speed`` (km/h of range per hour charging);
    None where the pack energy or the consumption is unknown. ``chargers``: ids of the charger classes
    that deliver the battery power into the pack's voltage (:meth:`batcalc.physics.charge.Window.chargers`;
    None without a pack energy). ``start_stated``: False for an assumed start; ``exceeds_cell_rating``:
    whether the average C-rate is above the cell's rated maximum (None when the cell gives none). ``raw``:
    the :class:`~batcalc.physics.charge.Window` (SI).
    """

    raw: Window

    @property
    def from_soc(self) -> float:
        """Start state of charge, 0..1."""
        return self.raw.from_soc

    @property
    def to_soc(self) -> float:
        """End state of charge, 0..1."""
        return self.raw.to_soc

    @property
    def start_stated(self) -> bool:
        """False when the start was assumed (an open "to 80 % in 12 min" is shown from 0 % and 10 %)."""
        return self.raw.start_stated

    @property
    def time(self) -> Any:
        """Charge time, min."""
        return as_quantity(self.raw.seconds, "time")

    @property
    def c_rate(self) -> Any:
        """Average C-rate, 1/h: ``dSoC / t``."""
        return as_quantity(self.raw.c_rate / 3600.0, "c_rate")

    @property
    def battery_power(self) -> Any:
        """Average power at the battery, kW: ``dSoC E_pack / t``."""
        return as_quantity(self.raw.battery_power, "power")

    @property
    def grid_power(self) -> Any:
        """Average power from the grid, kW: ``P_batt / eta_charger``."""
        return as_quantity(self.raw.grid_power, "power")

    @property
    def energy_added(self) -> Any:
        """Energy into the battery, kWh."""
        return as_quantity(self.raw.energy_added, "energy", "kWh")

    @property
    def range_added(self) -> Any:
        """Range added, km: ``dSoC E_pack f_usable / c``."""
        return as_quantity(self.raw.range_added, "distance")

    @property
    def charge_speed(self) -> Any:
        """Range added per hour of charging, km/h."""
        return as_quantity(self.raw.charge_speed, "speed")

    @property
    def exceeds_cell_rating(self) -> Optional[bool]:
        """True when the average C-rate is above the cell's rated max (None when the cell gives none)."""
        return self.raw.exceeds_cell_rating

    @property
    def chargers(self) -> Optional[list[str]]:
        """Ids of the charger classes and stations that deliver the battery power into a pack of the
        window's ``pack_voltage`` (the pack voltage :func:`charge` states): ``min(P_charger, I_charger x V_pack)
        >= P_batt``; None when the battery power is not known (no pack energy), as for the power itself
        (an empty list means that no charger delivers it)."""
        if self.raw.battery_power is None:
            return None
        return [c.id for c in self.raw.chargers()]

    def __repr__(self) -> str:
        return (f"<ChargeWindow {self.from_soc * 100:.0f}->{self.to_soc * 100:.0f} % in {self.raw.seconds / 60:.3g} "
                f"min: {self.raw.c_rate:.3g} C>")


@dataclass(frozen=True)
class ChargeResult:
    """The windows of a charge (one, or one per assumed start), the assumptions behind them, and with a
    vehicle the warnings ``batcalc charge`` prints of it (over its max gross mass, a pack heavier than the
    rest, a motor that cannot follow the cycle: :func:`batcalc.physics.tradeoff.vehicle_warnings`)."""

    windows: list[ChargeWindow]
    assumptions: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, repr=False)
class ChargeCurveResult:
    """A charge along the curve, as ``batcalc charge --charger`` gives it (:func:`charge` with a ``charger``,
    ``peak_c_rate`` or ``taper``): the power at each SoC is the least of the charger's power, its current
    times the pack's voltage and the cells' peak C-rate times the taper (docs/charging.md).

    Quantities: ``time`` (min), ``energy_added`` (kWh), ``average_power_battery``, ``peak_power_battery``,
    ``average_power_grid`` and ``peak_power_grid`` (kW; grid = battery / charger efficiency),
    ``average_c_rate`` and ``peak_c_rate`` (1/h, i.e. C; power over the gross pack energy), ``pack_energy``
    (kWh) and ``pack_voltage`` (V); fractions (0..1): ``from_soc``, ``to_soc``, and ``peak_from_soc`` to
    ``peak_to_soc``, where the peak is held. ``decided_by``: the limit that decides most of the time,
    ``limited_by`` each limit's share of the time, ``limit_spans`` which limit decides where (limit, from,
    to); the limits are ``'charger power'``, ``'charger current'`` and ``'battery'``. ``added``: what 5, 10
    and 15 minutes add from the start, stopping at the end. ``cell_limit``: the cells' peak C-rate, where it
    came from, the taper's id (None: the cell's own charge curve) and the text. ``charger``: the charger's
    id (None: the cell alone limits). ``assumptions`` and ``warnings`` are texts; ``raw`` is the
    :class:`batcalc.report.charge.CurveRun` (SI) the figures come from
    (:func:`batcalc.report.charge.curve_figures`, as the command's).
    """

    raw: Any
    assumptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def _si(self) -> dict[str, float]:
        from batcalc.report.charge import curve_figures

        return curve_figures(self.raw)

    @property
    def from_soc(self) -> float:
        """Start state of charge, 0..1 (10 % unless given)."""
        return float(self.raw.window.from_soc)

    @property
    def to_soc(self) -> float:
        """End state of charge, 0..1 (80 % unless given)."""
        return float(self.raw.window.to_soc)

    @property
    def time(self) -> Any:
        """Charge time, min: ``integral E_pack ds / P(s)``."""
        return as_quantity(self._si()["time"], "time")

    @property
    def energy_added(self) -> Any:
        """Energy into the battery, kWh: ``dSoC E_pack``."""
        return as_quantity(self._si()["energy_added"], "energy", "kWh")

    @property
    def average_power_battery(self) -> Any:
        """Average power at the battery, kW: energy added / time."""
        return as_quantity(self._si()["average_power_battery"], "power")

    @property
    def peak_power_battery(self) -> Any:
        """Peak power at the battery, kW."""
        return as_quantity(self._si()["peak_power_battery"], "power")

    @property
    def average_power_grid(self) -> Any:
        """Average power from the grid, kW: battery power / charger efficiency."""
        return as_quantity(self._si()["average_power_grid"], "power")

    @property
    def peak_power_grid(self) -> Any:
        """Peak power from the grid, kW."""
        return as_quantity(self._si()["peak_power_grid"], "power")

    @property
    def peak_from_soc(self) -> float:
        """Where the peak power is first reached, 0..1."""
        return self._si()["peak_from_soc"]

    @property
    def peak_to_soc(self) -> float:
        """Where the peak power is last held (from :attr:`peak_from_soc` on), 0..1."""
        return self._si()["peak_to_soc"]

    @property
    def average_c_rate(self) -> Any:
        """Average C-rate, 1/h: average power at the battery / gross pack energy."""
        return as_quantity(self._si()["average_c_rate"], "c_rate")

    @property
    def peak_c_rate(self) -> Any:
        """Peak C-rate, 1/h: peak power at the battery / gross pack energy."""
        return as_quantity(self._si()["peak_c_rate"], "c_rate")

    @property
    def decided_by(self) -> str:
        """The limit that decides most of the time."""
        return str(self.raw.window.decided_by)

    @property
    def limited_by(self) -> dict[str, float]:
        """Each limit's share of the time, 0..1 (only the limits that decide somewhere)."""
        return dict(self.raw.window.limited_by)

    @property
    def limit_spans(self) -> list[tuple[str, float, float]]:
        """Which limit decides where: (limit, from SoC, to SoC), in order, fractions."""
        return list(self.raw.window.limit_spans)

    @property
    def added(self) -> list[dict[str, Any]]:
        """What charging adds after 5, 10 and 15 minutes from the start SoC, stopping at the end SoC: each a
        dict of ``minutes`` (min), ``soc_reached`` (0..1), ``energy_added`` (kWh) and ``range_added`` (km; None
        without a vehicle)."""
        from batcalc.report.charge import added_figures

        return [{"minutes": as_quantity(seconds, "time"), "soc_reached": reached,
                 "energy_added": as_quantity(energy, "energy", "kWh"), "range_added": as_quantity(rng, "distance")}
                for seconds, reached, energy, rng in added_figures(self.raw)]

    @property
    def cell_limit(self) -> dict[str, Any]:
        """The cells' limit: ``peak_c_rate`` (1/h; None: none known, the charger alone limits), ``from``
        (``option``: given, ``curve``: the cell's own charge curve, ``rating``, ``claim``: what its claim
        implies, ``none``), ``taper`` (the taper's id; None for the cell's own curve) and ``text``."""
        lim = self.raw.limit
        return {"peak_c_rate": as_quantity(lim.peak_c_rate, "c_rate"), "from": lim.peak_from, "taper": lim.taper_id,
                "text": lim.peak_text}

    @property
    def charger(self) -> Optional[str]:
        """The charger's id (specs/chargers.yaml), None when none was given."""
        return None if self.raw.charger is None else str(self.raw.charger.id)

    @property
    def pack_energy(self) -> Any:
        """Gross pack energy, kWh (given, else the vehicle's reference pack's)."""
        return as_quantity(self.raw.pack_energy, "energy", "kWh")

    @property
    def pack_voltage(self) -> Any:
        """The pack's nominal voltage, V (given, else the vehicle's reference pack's, else 400 V)."""
        return as_quantity(self.raw.pack_voltage, "voltage", "V")

    def __repr__(self) -> str:
        on = f" on {self.charger}" if self.charger else ""
        return (f"<ChargeCurveResult {self.raw.cell.id}{on} {self.from_soc * 100:.0f}->{self.to_soc * 100:.0f} %: "
                f"{self.raw.window.time / 60:.3g} min, peak {self.raw.window.peak_power / 1e3:.4g} kW>")


def _charge_curve(fig: Any, vehicle: Any, energy: Optional[float], volts: Optional[float], start: Optional[float],
                  end: Optional[float], cycle: Any, eta: Optional[float], charger: Any, peak_c_rate: Any,
                  taper: Any) -> ChargeCurveResult:
    """:func:`charge` along the curve: :func:`batcalc.report.charge.charge_run`, the command's charge, its
    errors and notes in the API's names."""
    from batcalc.report.charge import charge_run

    for value, what in ((charger, "charger needs a charger's id of specs/chargers.yaml ('ccs-350kw')"),
                        (taper, "taper needs a taper's id of specs/tapers.yaml ('typical-dc')")):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{what}, got {type(value).__name__}")
    peak = si_of(peak_c_rate, "c_rate", "peak_c_rate")
    v = vehicle_of(vehicle) if vehicle is not None else None
    warnings: list[str] = []
    run = charge_run(fig, None if v is None else v.id, energy, volts, charger, start, end, peak, taper,
                     "default" if cycle == "default" else _cycle(cycle), eta, "metric", loaded=v, name=str,
                     warnings=warnings)
    return ChargeCurveResult(run, list(run.notes), warnings)


@overload
def charge(cell: CellLike, *, to_soc: Any = None, time: Any = None, power: Any = None, from_soc: Any = None,
           vehicle: Optional[VehicleLike] = None, pack_energy: Any = None, cycle: Optional[str] = "default",
           charger_efficiency: Any = None, pack_voltage: Any = None, charger: None = None, peak_c_rate: None = None,
           taper: None = None) -> ChargeResult: ...


@overload
def charge(cell: CellLike, *, to_soc: Any = None, time: Any = None, power: Any = None, from_soc: Any = None,
           vehicle: Optional[VehicleLike] = None, pack_energy: Any = None, cycle: Optional[str] = "default",
           charger_efficiency: Any = None, pack_voltage: Any = None, charger: str, peak_c_rate: Any = None,
           taper: Optional[str] = None) -> ChargeCurveResult: ...


@overload
def charge(cell: CellLike, *, to_soc: Any = None, time: Any = None, power: Any = None, from_soc: Any = None,
           vehicle: Optional[VehicleLike] = None, pack_energy: Any = None, cycle: Optional[str] = "default",
           charger_efficiency: Any = None, pack_voltage: Any = None, charger: Optional[str] = None,
           peak_c_rate: Any = None, taper: Optional[str] = None) -> Union[ChargeResult, ChargeCurveResult]: ...


def charge(cell: CellLike, *, to_soc: Any = None, time: Any = None, power: Any = None, from_soc: Any = None,
           vehicle: Optional[VehicleLike] = None, pack_energy: Any = None, cycle: Optional[str] = "default",
           charger_efficiency: Any = None, pack_voltage: Any = None, charger: Optional[str] = None,
           peak_c_rate: Any = None, taper: Optional[str] = None) -> Union[ChargeResult, ChargeCurveResult]:
    """Charging at the average rate (:mod:`batcalc.physics.charge`): C-rate ``dSoC / t``, battery power
    ``dSoC E_pack / t``, grid power ``P_batt / eta``, range added ``dSoC E_usable / c``.

    ``to_soc`` and ``from_soc`` are fractions (0.8 or ``'80 %'``); ``time`` (``'12 min'``) or ``power``
    (average at the battery, ``'350 kW'``). With none of ``to_soc``, ``time`` and ``power``, the cell's own
    charge claims. An open start is shown from 0 % and 10 %. ``pack_energy`` defaults to the vehicle's
    reference pack; with a ``vehicle`` the range added uses its consumption on ``cycle`` at the mass of a
    pack of this cell (:func:`batcalc.physics.tradeoff.pack_mass_for_energy`). ``charger_efficiency``
    defaults to 90 %. A window's chargers are those that deliver its battery power into a pack of
    ``pack_voltage`` (``'800 V'``; else the vehicle's reference pack's, else 400 V:
    :func:`batcalc.physics.charge.pack_voltage_for`).

    With a ``charger`` (an id of specs/chargers.yaml, ``'ccs-350kw'``), a ``peak_c_rate`` of the cells
    (``'4 C'``) or a ``taper`` (an id of specs/tapers.yaml): the charge along the curve, as ``batcalc charge
    --charger`` gives it, a :class:`ChargeCurveResult` (:func:`batcalc.report.charge.charge_run`). The window
    is ``from_soc`` -> ``to_soc``, 10 % -> 80 % unless given; ``time`` and ``power`` are refused (the curve
    gives the time); the cells' peak C-rate is ``peak_c_rate``, else the cell's own charge curve's peak, else
    its rating, else the least its charge claims imply; ``pack_voltage`` as above.
    """
    from batcalc.physics.bands import Assumed
    from batcalc.physics.charge import (
        DEFAULT_CHARGER_EFFICIENCY,
        check_charge_inputs,
        check_cycle_needs_vehicle,
        pack_voltage_for,
        requested_windows,
    )
    from batcalc.physics.charging import rate_notes
    from batcalc.report.charge import no_pack_energy_note, open_start_notes, pack_voltage_of, vehicle_consumption
    from batcalc.units import from_si

    fig = figures_of(cell)
    energy = si_of(pack_energy, "energy", "pack_energy", "kWh")
    start, end = si_of(from_soc, "fraction", "from_soc"), si_of(to_soc, "fraction", "to_soc")
    seconds, watts = si_of(time, "time", "time", "min"), si_of(power, "power", "power", "kW")
    eta = si_of(charger_efficiency, "fraction", "charger_efficiency")
    if charger is not None or peak_c_rate is not None or taper is not None:
        from batcalc.physics.charge import check_curve_request

        check_curve_request(seconds, watts)
        return _charge_curve(fig, vehicle, energy, si_of(pack_voltage, "voltage", "pack_voltage", "V"), start, end,
                             cycle, eta, charger, peak_c_rate, taper)
    eta = DEFAULT_CHARGER_EFFICIENCY if eta is None else eta
    check_charge_inputs(energy, eta)
    notes = [f"charger efficiency {eta * 100:.0f} % (grid power = battery power / efficiency); battery power "
             f"over the gross pack energy (an upper estimate)"]
    warnings: list[str] = []
    cycle = _cycle(cycle)                   # read first: an array's `in (None, 'default')` has no truth value
    check_cycle_needs_vehicle(cycle, vehicle is not None)
    v = vehicle_of(vehicle) if vehicle is not None else None
    v, energy, consumption = vehicle_consumption(fig, v, energy, cycle,
                                                 "metric", notes, warnings=warnings)
    if v is None and energy is None:
        notes.append(no_pack_energy_note(str))
    given_volts = si_of(pack_voltage, "voltage", "pack_voltage", "V")
    if energy is not None or given_volts is not None:     # no pack energy, no power: the voltage decides nothing
        volts = pack_voltage_of(v, given_volts, Assumed(), notes, str)
    else:
        volts = pack_voltage_for(v, None, Assumed())[0]
    max_c = fig.get("max_c_rate")
    common: dict[str, Any] = dict(pack_energy=energy, consumption=consumption, charger_efficiency=eta,
                                  max_c_rate=None if max_c is None else float(from_si(max_c, "c_rate", "C")),
                                  pack_voltage=volts)
    windows = requested_windows(fig, start, end, seconds, watts, **common)
    notes += open_start_notes(windows)         # as batcalc charge says it
    said, cannot = rate_notes(fig, windows[0].to_soc)
    notes += said
    warnings += cannot
    return ChargeResult([ChargeWindow(w) for w in windows], notes, warnings)

