"""Vehicles: road load over a drive cycle, and consumption at the battery as a function of total mass.

Road load at the wheels for each 1 s step of a drive cycle (v mean speed, a acceleration, flat road):

    F = (m (1 + k_rot) + m_rot) a + m g C_rr + 1/2 rho_air C_d A v^2    (or F0 + F1 v + F2 v^2 for
    P = F v                                                               the last two terms, coast-down form)

``k_rot`` is a rotating-mass allowance as a share of mass, ``m_rot`` a fixed equivalent mass of the
wheels (n I / r^2, as FASTSim models it); ``rho_air`` comes from the ambient temperature and altitude
(:func:`batcalc.physics.powertrain.air_density`, default 20 C at sea level) and ``g`` is standard
gravity unless given. The power drawn from the battery for ``P`` is the powertrain's
(:mod:`batcalc.physics.powertrain`: a motor map by load, gear, regeneration, battery efficiency,
auxiliaries); consumption ``c = sum(P_batt dt) / distance`` (J/m = N).

``P_i(m) = alpha_i m + beta_i`` is linear in mass for each step, but the battery power is not (the
motor's efficiency depends on the load), so :class:`Consumption` sums the steps exactly for a few
masses and, for many, at nodes 20 kg apart with linear interpolation between them (error <= 1e-5,
checked by hypothesis). The per-step terms are computed once, by :func:`cycle_steps`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Mapping, Optional, Protocol, Union, overload

from batcalc.cache import ByIdentity
from batcalc.errors import BatcalcError
from batcalc.physics.powertrain import (
    DEFAULT_ALTITUDE,
    DEFAULT_BATTERY_EFFICIENCY,
    DEFAULT_TEMPERATURE,
    DEFAULT_TRANSMISSION_EFFICIENCY,
    FASTSIM_DEFAULT_MAP,
    STANDARD_GRAVITY,
    EfficiencyMap,
    OneMassTable,
    Powertrain,
    air_density,
    constant_efficiency,
    cycle_energy,
    regen_fade,
)
from batcalc.spec.vehicle import MeasuredConsumption, VehicleSpec
from batcalc.units import error_in_systems, shown_text

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from batcalc.physics.cycles import Cycle
    from batcalc.spec.model import Value

    FloatArray = NDArray[np.float64]

#: Reference defaults (docs/assumptions.md gives each its sources and plausible range), each stated where used.
G = STANDARD_GRAVITY     # m/s^2
RHO_AIR = air_density()  # kg/m^3, dry air at 20 C at sea level (1.204)
#: The shortest distance a drive cycle may cover, m: below it a consumption is a quotient of rounding
#: (a trace of 1e-300 km/h gave a range of 2e-298 km).
MIN_CYCLE_DISTANCE = 1.0
K_ROT = 0.03             # rotating-mass allowance (wheels, motor) as a fraction of mass
ETA_DRIVE = 0.90         # the constant-efficiency model, for specs that give no powertrain
K_REGEN = 0.60
P_AUX = 250.0            # W


@dataclass(frozen=True)
class RoadLoad:
    """Plain-number vehicle parameters (SI) used by the physics: road load, ambient, powertrain."""

    c_rr: float = 0.0
    cd_a: float = 0.0              # C_d * A, m^2
    f0: float = 0.0                # N (coast-down form)
    f1: float = 0.0                # N s/m
    f2: float = 0.0                # N s^2/m^2
    coast_down: bool = False
    k_rot: float = K_ROT           # rotating-mass allowance, a share of mass
    m_rot: float = 0.0             # fixed equivalent rotating mass, kg
    rho: float = RHO_AIR           # air density, kg/m^3
    g: float = G                   # m/s^2
    powertrain: Powertrain = constant_efficiency(ETA_DRIVE, K_REGEN, P_AUX)

    @property
    def p_aux(self) -> float:
        """Auxiliary power at the battery terminals, W."""
        return self.powertrain.aux_power

    def assumptions(self, system: str = "metric") -> list[str]:
        """The parameters as stated assumptions, for report notes (display text, not physics; written
        once per road load and unit system, a new list each call): forces, areas, masses and speeds in
        ``system``'s units (:func:`batcalc.units.shown`); the air density and g in SI in both."""
        texts = self._assumption_texts.get(system)
        if texts is None:
            texts = self._assumption_texts[system] = self._texts(system)
        return list(texts)

    @cached_property
    def _assumption_texts(self) -> dict[str, tuple[str, ...]]:
        return {}

    def _texts(self, system: str) -> tuple[str, ...]:
        def q(si: float, dim: str, fmt: str) -> str:
            return shown_text(si, dim, system, fmt=fmt)
        if system == "metric":       # the parameters in SI, as the specs and the physics hold them
            if self.coast_down:
                load = f"coast-down F0 {self.f0:.1f} N, F1 {self.f1:.3f} N s/m, F2 {self.f2:.4f} N s^2/m^2"
            else:
                load = (f"C_rr {self.c_rr:g}, C_d A {self.cd_a:.3f} m^2, air {self.rho:.4g} kg/m^3, "
                        f"g {self.g:.5g} m/s^2")
        elif self.coast_down:        # F1 is N s/m in SI: shown per mph (force_per_speed)
            load = (f"coast-down F0 {q(self.f0, 'force', '.1f')}, F1 {q(self.f1, 'force_per_speed', '.4g')}, "
                    f"F2 {q(self.f2, 'force_per_speed2', '.4g')}")
        else:
            load = (f"C_rr {self.c_rr:g}, C_d A {q(self.cd_a, 'area', '.3f')}, air {self.rho:.4g} kg/m^3, "
                    f"g {self.g:.5g} m/s^2")
        rot = f"rotating mass {q(self.m_rot, 'mass', '.4g')}" if self.m_rot else f"rotating-mass factor {self.k_rot:g}"
        return (load, rot, *self.powertrain.assumptions(system))


def _default(assumed: Optional[Mapping[str, float]], key: str, value: float) -> float:
    """Default assumption ``key``: its value in ``assumed`` (a point of the box of plausible
    assumptions, :class:`batcalc.physics.bands.Assumed`), or the physics default ``value`` without one."""
    return value if assumed is None else assumed[key]


def default_motor_map(peak: float) -> EfficiencyMap:
    """FASTSim's default motor map with its peak at ``peak`` (a fraction): shifted by ``peak - 0.95`` at
    every load and capped at 100 %, as FASTSim builds its maps (large_baseline_eff + (modern_max - its
    peak)); docs/assumptions.md. A peak that takes the map's lowest point (84 % at no load) to 0 or below
    is refused."""
    shift = peak - max(FASTSIM_DEFAULT_MAP.efficiency)
    if shift == 0.0:
        return FASTSIM_DEFAULT_MAP
    lowest = min(FASTSIM_DEFAULT_MAP.efficiency)
    if not lowest + shift > 0:
        raise BatcalcError(f"a motor peak efficiency of {peak * 100:g} % takes the default map's lowest point "
                           f"({lowest * 100:g} %) to {(lowest + shift) * 100:.3g} %: it must stay above 0")
    return EfficiencyMap(FASTSIM_DEFAULT_MAP.load, tuple(min(1.0, e + shift) for e in FASTSIM_DEFAULT_MAP.efficiency))


def powertrain_of(spec: VehicleSpec, assumed: Optional[Mapping[str, float]] = None) -> Powertrain:
    """The :class:`Powertrain` of a vehicle spec: its ``powertrain:`` group (FASTSim's default map, a 98 %
    gear and a 97 % round-trip battery where silent), else the constant-efficiency model
    (``drivetrain_efficiency`` 90 %, ``regen_fraction`` 60 % where silent). ``assumed``: the value of
    each default by assumption id (:class:`batcalc.physics.bands.Assumed`; None: the defaults), read
    only where the spec is silent; the default motor map is shifted so that its peak is
    ``motor-peak-efficiency`` (every point by the same amount, capped at 100 %)."""
    p_aux = float(spec.auxiliary_power.si) if spec.auxiliary_power is not None \
        else _default(assumed, "aux-power", P_AUX)
    pt = spec.powertrain
    if pt is None:
        eta = float(spec.drivetrain_efficiency.si) if spec.drivetrain_efficiency is not None \
            else _default(assumed, "drive-efficiency", ETA_DRIVE)
        k = float(spec.regen_fraction.si) if spec.regen_fraction is not None \
            else _default(assumed, "regen-share", K_REGEN)
        return constant_efficiency(eta, k, p_aux)
    if pt.motor_map is not None:
        motor_map = EfficiencyMap(tuple(float(q.load.si) for q in pt.motor_map.points),
                                  tuple(float(q.efficiency.si) for q in pt.motor_map.points),
                                  step=pt.motor_map.shape == "step")
    else:
        motor_map = default_motor_map(_default(assumed, "motor-peak-efficiency", max(FASTSIM_DEFAULT_MAP.efficiency)))
    regen = float(pt.regen_efficiency.si) if pt.regen_efficiency is not None else (
        None if assumed is None or pt.motor_map is not None else assumed["regen-efficiency"])
    return Powertrain(
        rated_power=float(pt.motor_rated_power.si), motor_map=motor_map,
        transmission_efficiency=float(pt.transmission_efficiency.si) if pt.transmission_efficiency is not None
        else _default(assumed, "transmission-efficiency", DEFAULT_TRANSMISSION_EFFICIENCY),
        battery_efficiency=float(pt.battery_efficiency.si) if pt.battery_efficiency is not None
        else _default(assumed, "battery-efficiency", DEFAULT_BATTERY_EFFICIENCY),
        regen_efficiency=regen, regen_fades=pt.regen_fades, aux_power=p_aux)


def ambient_of(temperature: Optional[float], altitude: Optional[float],
               assumed: Optional[Mapping[str, float]] = None) -> tuple[float, float]:
    """The ambient temperature (K) and altitude (m) a road load is for: each as given, else the
    assumption point's (``assumed``: ``ambient-temperature``, ``altitude``), else the defaults (20 C
    at sea level)."""
    return (_default(assumed, "ambient-temperature", DEFAULT_TEMPERATURE) if temperature is None else temperature,
            _default(assumed, "altitude", DEFAULT_ALTITUDE) if altitude is None else altitude)


def road_load_of(spec: VehicleSpec, temperature: Optional[float] = None, altitude: Optional[float] = None,
                 climate: Optional[str] = None, assumed: Optional[Mapping[str, float]] = None) -> RoadLoad:
    """The :class:`RoadLoad` of a vehicle spec (SI), with reference defaults where it is silent; air
    density for ``temperature`` (K) and ``altitude`` (m), default 20 C at sea level; with ``climate``
    (``heat-pump`` or ``resistance``) the cabin's heating or cooling power at that temperature
    (:func:`batcalc.physics.powertrain.climate_power`) added to the auxiliaries. ``assumed``: the
    defaults by assumption id (:func:`powertrain_of`), ambient ones included, read where the spec
    and the arguments are silent."""
    import dataclasses

    from batcalc.physics.powertrain import climate_power

    def si(v: Optional[Value], default: float) -> float:
        """The value's SI magnitude, or the reference default when the spec is silent."""
        return float(v.si) if v is not None else default
    powertrain = powertrain_of(spec, assumed)
    temperature, altitude = ambient_of(temperature, altitude, assumed)
    if climate is not None:
        extra = climate_power(temperature, climate)
        powertrain = dataclasses.replace(powertrain, aux_power=powertrain.aux_power + extra)
    k_rot = 0.0 if spec.rotating_mass is not None else (
        float(spec.rotational_mass_factor.si) if spec.rotational_mass_factor is not None
        else _default(assumed, "rotating-mass-factor", K_ROT))
    common = dict(k_rot=k_rot, m_rot=si(spec.rotating_mass, 0.0), powertrain=powertrain,
                  rho=air_density(temperature, altitude))
    if spec.coast_down is not None:
        cd = spec.coast_down
        return RoadLoad(f0=cd.f0.si, f1=cd.f1.si, f2=cd.f2.si, coast_down=True, **common)  # type: ignore[arg-type]
    if spec.drag_coefficient is None or spec.frontal_area is None or spec.rolling_resistance is None:
        return RoadLoad(**common)  # type: ignore[arg-type]
    return RoadLoad(c_rr=spec.rolling_resistance.si, cd_a=spec.drag_coefficient.si * spec.frontal_area.si,
                    **common)  # type: ignore[arg-type]


@dataclass(frozen=True)
class CycleSteps:
    """The per-step road-load terms of a drive cycle, one entry per step between samples (SI).

    ``dt`` s; ``v = (v0 + v1) / 2`` mean speed, m/s; ``a = (v1 - v0) / dt``, m/s^2. Force at the
    wheels ``F = m (inertia_per_kg + rolling_per_kg) + rolling_fixed + aero``, N, with
    ``inertia_per_kg = a (1 + k_rot)`` and ``rolling_per_kg = g C_rr`` (N/kg; rolling only while
    moving, and 0 in the coast-down form, whose ``F0`` does not scale with mass), ``rolling_fixed``
    ``= F0 + F1 v`` while moving (coast-down form, else 0), ``aero = 1/2 rho_air C_d A v^2`` (or
    ``F2 v^2`` while moving) and ``inertia_fixed = m_rot a``, N. Wheel energy per step is linear in
    mass: ``alpha m + beta``, J.
    """

    dt: FloatArray
    v: FloatArray
    a: FloatArray
    inertia_per_kg: FloatArray
    rolling_per_kg: FloatArray
    rolling_fixed: FloatArray
    aero: FloatArray
    inertia_fixed: FloatArray

    @property
    def alpha(self) -> FloatArray:
        """Wheel energy per kg of vehicle mass, per step, J/kg: ``(a (1 + k_rot) + g C_rr) v dt``."""
        return (self.inertia_per_kg + self.rolling_per_kg) * self.v * self.dt

    @property
    def beta(self) -> FloatArray:
        """Wheel energy independent of mass, per step, J: ``(m_rot a + F_rolling,fixed + F_aero) v dt``."""
        return (self.inertia_fixed + self.rolling_fixed + self.aero) * self.v * self.dt

    @property
    def distance(self) -> float:
        """Distance driven, m: ``sum(v dt)``."""
        import numpy as np

        return float(np.sum(self.v * self.dt))

    @property
    def duration(self) -> float:
        """Time driven, s: ``sum(dt)``."""
        import numpy as np

        return float(np.sum(self.dt))


def cycle_steps(load: RoadLoad, cycle: Cycle) -> CycleSteps:
    """The per-step road-load terms of ``cycle`` for ``load`` (see :class:`CycleSteps`; SI).

    ``v = (v0 + v1) / 2``, ``a = (v1 - v0) / dt``; ``F = (m (1 + k_rot) + m_rot) a + m g C_rr + 1/2 rho C_d A v^2``
    or, in the coast-down form, ``(m (1 + k_rot) + m_rot) a + F0 + F1 v + F2 v^2`` (resistances only while v > 0,
    except air drag, which is 0 at v = 0 anyway)."""
    import numpy as np

    v0, v1 = cycle.speed[:-1], cycle.speed[1:]
    dt = np.diff(cycle.time)
    v = (v0 + v1) / 2                         # mean speed over the step
    a = (v1 - v0) / dt
    moving = v > 0
    if load.coast_down:
        rolling_per_kg = np.zeros_like(v)
        rolling_fixed = np.where(moving, load.f0 + load.f1 * v, 0.0)
        aero = np.where(moving, load.f2 * v ** 2, 0.0)
    else:
        rolling_per_kg = np.where(moving, load.g * load.c_rr, 0.0)
        rolling_fixed = np.zeros_like(v)
        aero = 0.5 * load.rho * load.cd_a * v ** 2
    return CycleSteps(dt, v, a, a * (1 + load.k_rot), rolling_per_kg, rolling_fixed, aero, a * load.m_rot)


class Consumption:
    """Consumption at the battery, J/m, as a function of total vehicle mass over a cycle."""

    def __init__(self, load: RoadLoad, cycle: Cycle, name: str = "the vehicle") -> None:
        """Compute the cycle's per-step wheel power terms once: ``P_i(m) = alpha_i m + beta_i``, W;
        ``name`` (the vehicle's id) is what errors call the vehicle."""
        import numpy as np

        self.load, self.cycle, self.name = load, cycle, name
        steps = cycle_steps(load, cycle)
        self.steps = steps
        self.distance = steps.distance
        if not self.distance > 0:
            raise BatcalcError(f"{name} on {cycle.name}: the cycle covers no distance: a consumption (energy "
                               f"per distance) needs a cycle that moves")
        if self.distance < MIN_CYCLE_DISTANCE:
            distance = self.distance
            raise error_in_systems(lambda system: f"{name} on {cycle.name}: the cycle covers only "
                                   f"{shown_text(distance, 'length', system, 'altitude', '.3g')}: a drive cycle "
                                   f"covers at least "
                                   f"{shown_text(MIN_CYCLE_DISTANCE, 'length', system, 'altitude', '.4g')} "
                                   f"(speeds in km/h?)")
        self._alpha = steps.alpha / steps.dt         # W per kg
        self._beta = steps.beta / steps.dt           # W
        # the energy that passes through over the cycle, ``per_kg m + fixed`` J: what rounding is relative to
        self._throughput_per_kg = float(np.sum(np.abs(steps.alpha)))                       # J/kg
        self._throughput_fixed = float(np.sum(np.abs(steps.beta))) + load.p_aux * steps.duration   # J
        # the regeneration fade depends on the speeds only: once per cycle (a scalar call costs 18 % less)
        self._fade = regen_fade(steps.v) if load.powertrain.regen_fades else None
        self._last: tuple[float, float] = (math.nan, math.nan)     # the last float mass and its consumption

    def motor_demand(self, mass: float) -> tuple[float, float]:
        """``(peak, over)``: the most power the cycle asks of the motor at total mass ``mass`` kg, W, and
        the time it asks more than the motor's rated power, s. The motor's output on a driving step is
        the wheel power over the transmission, ``(alpha_i m + beta_i) / eta_trans``; the consumption is
        computed as if the motor delivered it (FASTSim instead lets the vehicle fall behind the trace)."""
        import numpy as np

        pt = self.load.powertrain
        wheel = self._alpha * mass + self._beta
        # dividing by eta_trans keeps the order of the steps' values, so the peak is the wheel peak over it
        peak = float(np.max(wheel)) / pt.transmission_efficiency
        limit = pt.rated_power * (1 + 1e-9)
        if not peak > limit:            # no step asks more than the rating (most cars on most cycles)
            return peak, 0.0
        return peak, float(np.sum(self.steps.dt[wheel / pt.transmission_efficiency > limit]))

    @cached_property
    def _one_mass(self) -> OneMassTable:
        """The steps laid out for one mass at a time (:class:`~batcalc.physics.powertrain.OneMassTable`),
        made at the first such call."""
        return OneMassTable(self._alpha, self._beta, self.steps.v, self.steps.dt, self.load.powertrain, self._fade)

    @overload
    def energy(self, mass: float) -> float: ...
    @overload
    def energy(self, mass: FloatArray) -> FloatArray: ...

    def energy(self, mass: Union[float, FloatArray]) -> Union[float, FloatArray]:
        """Battery energy over the cycle, J, for total mass ``mass`` kg (float or numpy array):
        ``sum_i P_batt(alpha_i m + beta_i, v_i) dt_i`` (:func:`batcalc.physics.powertrain.cycle_energy`)."""
        if isinstance(mass, float) and 0 < mass < math.inf:     # one mass (a solver's): its steps' own branches
            return self._one_mass.energy(mass)
        import numpy as np

        m = np.asarray(mass, dtype=float)
        e = cycle_energy(self._alpha, self._beta, self.steps.v, self.steps.dt, m.ravel(), self.load.powertrain,
                         self._fade)
        return e.reshape(m.shape) if m.ndim else float(e[0])

    @overload
    def __call__(self, mass: float) -> float: ...
    @overload
    def __call__(self, mass: FloatArray) -> FloatArray: ...

    def __call__(self, mass: Union[float, FloatArray]) -> Union[float, FloatArray]:
        """Consumption at the battery, J/m (1 J/m = 1/3.6 Wh/km), at total mass ``mass`` kg:
        ``c = E_battery(m) / distance``. Refuses a mass beyond :data:`MAX_VEHICLE_MASS` and a cycle the
        vehicle drives on no energy or gains energy over (a consumption not above the rounding error of
        the energy passing through: ``E <= 1e-9 x sum |P| dt``); NaN masses in an array (a diverged solve's)
        give NaN.

        The last float mass asked for and its consumption are kept (one pair, replaced as a whole): a
        solve's last pass evaluates the mass it returns, and the result built from it asks again."""
        last = self._last
        if isinstance(mass, float) and last[0] == mass:
            return last[1]
        check_vehicle_mass(mass, self.name)
        e = self.energy(mass)
        if isinstance(e, float):                     # one mass: without numpy's per-call cost
            noise = NO_ENERGY_RTOL * (self._throughput_per_kg * mass + self._throughput_fixed)
            if not e > noise:
                raise self._no_energy(bool(e < -noise), e)
            c = e / self.distance
            self._last = (float(mass), c)
            return c
        import numpy as np

        m = np.asarray(mass, dtype=float)
        noise = NO_ENERGY_RTOL * (self._throughput_per_kg * m + self._throughput_fixed)
        ok = ~np.isfinite(m) | (e > noise)
        if not ok.all():
            first = int(np.flatnonzero(~ok.ravel())[0])
            raise self._no_energy(bool(np.ravel(e)[first] < -np.ravel(noise)[first]), float(np.ravel(e)[first]))
        return e / self.distance

    def _no_energy(self, gains: bool, energy: float) -> BatcalcError:
        """The error for a cycle that needs no energy (``energy`` J within rounding of 0) or, ``gains``,
        gives some back (below 0 beyond rounding), with what about the vehicle and cycle makes it so."""
        why = no_energy_reasons(self.load, self.cycle)
        if gains:
            def what(system: str) -> str:
                gained = shown_text(energy / self.distance, "consumption", system, fmt=".3g")
                return f"the battery gains energy over the cycle ({gained})"
        else:
            def what(system: str) -> str:
                return "the cycle needs no energy from the battery"
        return error_in_systems(lambda system: f"{self.name} on {self.cycle.name}: {what(system)}"
                                + (f" ({', '.join(why)})" if why else "") + ": a vehicle needs a positive consumption")


#: Energy over a cycle at or below this share of the energy passing through (``sum |P| dt``) is zero
#: within rounding: a lossless vehicle's sum is 1e-16 of it, the least road load batcalc takes 1e-3.
NO_ENERGY_RTOL = 1e-9
#: The heaviest vehicle batcalc computes, kg: five times a 200 t road train, ten of the heaviest
#: mining trucks' gross mass; beyond it a pack mass or payload is a typo (and ``m + 100 kg`` loses digits).
MAX_VEHICLE_MASS = 1e6


def check_vehicle_mass(mass: Union[float, FloatArray], name: str) -> None:
    """Refuse a total vehicle mass, kg (a float or array; NaN passes: a diverged solve's), above
    :data:`MAX_VEHICLE_MASS`, naming the vehicle ``name``."""
    if isinstance(mass, float) and mass <= MAX_VEHICLE_MASS:
        return
    import numpy as np

    m = np.asarray(mass, dtype=float)
    bad = m[m > MAX_VEHICLE_MASS]
    if bad.size:
        raise error_in_systems(lambda system: f"{name}: a vehicle mass of "
                               f"{shown_text(float(bad.flat[0]), 'mass', system, fmt='.4g')} (without battery + pack + "
                               f"payload) is beyond {shown_text(MAX_VEHICLE_MASS, 'mass', system, fmt='.4g')}, more "
                               f"than any road vehicle: a typo in the pack mass or payload?")


def no_energy_reasons(load: RoadLoad, cycle: Cycle) -> list[str]:
    """What about a vehicle's road load and powertrain, and a cycle, lets the battery's energy over the
    cycle come out at 0 or below: no road load, no auxiliary power, a lossless powertrain with full
    regeneration, a cycle that ends slower than it starts (display text)."""
    pt = load.powertrain
    out = []
    if (load.coast_down and load.f0 == load.f1 == load.f2 == 0) or \
            (not load.coast_down and load.c_rr == 0 and load.cd_a == 0):
        out.append("no road load")
    if pt.aux_power == 0:
        out.append("no auxiliary power")
    if min(pt.motor_map.efficiency) == 1 and pt.transmission_efficiency == 1 and pt.battery_efficiency == 1:
        out.append("lossless powertrain" + (", full regeneration" if pt.eta_regen == 1 and not pt.regen_fades
                                            else ""))
    if cycle.speed[-1] < cycle.speed[0]:
        out.append("the cycle ends slower than it starts")
    return out


def consumption_breakdown(load: RoadLoad, cycle: Cycle, mass: float) -> dict[str, float]:
    """Where the consumption at ``mass`` kg goes, J/m, each part at the battery (from its store, as
    :class:`Consumption`): rolling and aerodynamic resistance at the wheels divided by the traction
    efficiency the powertrain achieves over the cycle (``eta = sum of positive wheel energy / battery
    energy it draws without auxiliaries``); the auxiliaries, what they add to the battery's energy
    (``(E - E_without auxiliaries) / distance``: ``P_aux t / eta_batt / distance`` while driving, less
    where they use regenerated power); and the rest (accelerating and braking, net of what regeneration
    recovers: 0 at a constant speed). The parts add up to the consumption :class:`Consumption` gives
    at ``mass``."""
    import dataclasses

    import numpy as np

    steps = cycle_steps(load, cycle)
    distance = steps.distance
    rolling = float(np.sum((steps.rolling_per_kg * mass + steps.rolling_fixed) * steps.v * steps.dt))
    aero = float(np.sum(steps.aero * steps.v * steps.dt))
    total = _consumption(load, cycle).energy(mass) / distance   # unchecked: the parts of any sum
    wheel = (steps.alpha * mass + steps.beta) / steps.dt
    driving = wheel > 0
    bare = dataclasses.replace(load.powertrain, aux_power=0.0)
    drawn = float(np.sum(bare.battery_power(wheel[driving], steps.v[driving]) * steps.dt[driving]))
    eta = float(np.sum(wheel[driving] * steps.dt[driving])) / drawn if drawn > 0 else 1.0
    aux = 0.0
    if load.p_aux:                    # the battery's energy with the auxiliaries less that without them
        with_aux = float(np.dot(load.powertrain.battery_power(wheel, steps.v), steps.dt))
        aux = (with_aux - float(np.dot(bare.battery_power(wheel, steps.v), steps.dt))) / distance
    parts = {"rolling": rolling / distance / eta, "aerodynamic": aero / distance / eta, "auxiliaries": aux}
    rest = total - sum(parts.values())
    parts["acceleration and braking, net of regeneration"] = rest if abs(rest) > 1e-9 * total else 0.0
    return parts


def consumption_per_100kg(model: ConsumptionModel, mass: float) -> float:
    """Mass sensitivity of consumption, J/m per 100 kg, at total mass ``mass`` kg: ``c(m + 100) - c(m)``;
    0 when the difference is within rounding of the two (1e-9 of them: a vehicle whose energy does
    not grow with mass, e.g. a lossless one with a coast-down load, would show the sums' rounding)."""
    before, after = float(model(mass)), float(model(mass + 100.0))
    return after - before if abs(after - before) > 1e-9 * max(abs(before), abs(after)) else 0.0


@dataclass(frozen=True)
class ConsumptionFigures:
    """What ``batcalc consumption`` reports of a vehicle on a cycle, SI: total mass (kg), consumption at
    the battery (J/m), its mass sensitivity (J/m per 100 kg) and, for a simulated cycle, where it goes
    (J/m by part, :func:`consumption_breakdown`; empty for a measured consumption)."""

    total_mass: float
    consumption: float
    per_100kg: float
    breakdown: dict[str, float]


def consumption_figures(vehicle: "Vehicle", cycle: Optional[str], pack_mass: float) -> ConsumptionFigures:
    """:class:`ConsumptionFigures` of ``vehicle`` on ``cycle`` (None: its measured consumption) with a pack
    of ``pack_mass`` kg: ``m = m_without_battery + m_pack + payload``, ``c(m)``
    (:meth:`Vehicle.consumption_model`), ``c(m + 100) - c(m)`` (:func:`consumption_per_100kg`) and
    :func:`consumption_breakdown` at ``m``; the one home of the command's and the Python API's figures."""
    from batcalc.physics.cycles import get_cycle

    model = vehicle.consumption_model(cycle)
    mass = float(vehicle.total_mass(pack_mass))
    parts = consumption_breakdown(vehicle.load, get_cycle(cycle), mass) if cycle is not None else {}
    return ConsumptionFigures(mass, float(model(mass)), consumption_per_100kg(model, mass), parts)


class ConsumptionModel(Protocol):
    """Consumption at the battery, J/m, as a function of total vehicle mass, kg (float or array)."""

    @overload
    def __call__(self, mass: float) -> float: ...
    @overload
    def __call__(self, mass: FloatArray) -> FloatArray: ...


class MeasuredModel:
    """Consumption from a measured figure with a mass sensitivity: ``c = c0 + s (m - m0) / 100 kg``."""

    def __init__(self, measured: MeasuredConsumption) -> None:
        """Take ``c0`` (J/m), ``m0`` (kg) and ``s`` (J/m per 100 kg) from the spec."""
        self.c0: float = measured.value.si
        self.m0: float = measured.at_mass.si
        self.s: float = measured.per_100kg.si
        self.cycle_name: str = measured.cycle or "as measured"

    @overload
    def __call__(self, mass: float) -> float: ...
    @overload
    def __call__(self, mass: FloatArray) -> FloatArray: ...

    def __call__(self, mass: Union[float, FloatArray]) -> Union[float, FloatArray]:
        """Consumption at the battery, J/m, at total mass ``mass`` kg: ``c0 + s (m - m0) / 100``;
        refuses a mass where that is not positive."""
        c = self.c0 + self.s * (mass - self.m0) / 100.0
        import numpy as np

        check_vehicle_mass(mass, "a vehicle with a measured consumption")
        if np.any(np.asarray(c) <= 0):
            raise BatcalcError("the measured consumption and its mass sensitivity give a consumption <= 0 "
                               "at this mass")
        return c


@dataclass(frozen=True)
class Vehicle:
    """A loaded vehicle spec with its road load; masses in kg."""

    spec: VehicleSpec
    load: RoadLoad
    extra_mass: float = 0.0        # kg carried on top of the spec's payload (``--extra-mass``)
    #: the ambient asked for: temperature (K), altitude (m), climate system; None: the default
    ambient: tuple[Optional[float], Optional[float], Optional[str]] = (None, None, None)
    #: the point of the plausible assumptions it was built at (:meth:`with_assumed`), kept so that a
    #: later :meth:`with_ambient` keeps it too; the road load already holds what it gives (equality
    #: leaves it out: two vehicles equal now may differ after a with_ambient)
    assumed: Optional[Mapping[str, float]] = field(default=None, compare=False)

    def with_ambient(self, temperature: Optional[float] = None, altitude: Optional[float] = None,
                     climate: Optional[str] = None) -> Vehicle:
        """The same vehicle (extra mass and assumption point as before) with the air density of
        ``temperature`` (K) and ``altitude`` (m), and with ``climate`` the cabin's heating or cooling
        power at that temperature (:func:`road_load_of`; None keeps the default, 20 C at sea level, or
        the assumption point's, and no climate power)."""
        return Vehicle(self.spec, road_load_of(self.spec, temperature, altitude, climate, assumed=self.assumed),
                       self.extra_mass, (temperature, altitude, climate), self.assumed)

    def in_conditions(self, temperature: Optional[float] = None, altitude: Optional[float] = None,
                      climate: Optional[str] = None, extra_mass: Optional[float] = None,
                      name: Callable[[str], str] = str) -> Vehicle:
        """The same vehicle at ambient ``temperature`` (K) and ``altitude`` (m), with the cabin ``climate``
        system's power and carrying ``extra_mass`` kg on top of its payload (:meth:`with_ambient`,
        :meth:`with_extra_mass`); each one None keeps what the vehicle has. An error names the input at
        fault as the front end spells it, ``name('ambient')``, ``name('altitude')``, ``name('climate')``
        or ``name('extra_mass')`` (``--ambient`` on the command line, ``ambient`` in the Python API)."""
        from batcalc.errors import reworded
        from batcalc.physics.powertrain import climate_systems

        if climate is not None and climate not in climate_systems():
            raise BatcalcError(f"{name('climate')}: {climate!r} is not a climate system; choose "
                               f"{' or '.join(climate_systems())}")
        v = self
        if temperature is not None or altitude is not None or climate is not None:
            kept = self.ambient
            try:
                v = v.with_ambient(kept[0] if temperature is None else temperature,
                                   kept[1] if altitude is None else altitude, kept[2] if climate is None else climate)
            except BatcalcError as exc:
                which = name("ambient" if "temperature" in str(exc) else "altitude")
                raise reworded(exc, lambda text: BatcalcError(f"{which}: {text}")) from None
        if extra_mass is not None:
            try:
                v = v.with_extra_mass(extra_mass)
            except BatcalcError as exc:
                raise reworded(exc, lambda text: BatcalcError(f"{name('extra_mass')}: {text}")) from None
        return v

    @property
    def air(self) -> tuple[float, float]:
        """The ambient temperature (K) and altitude (m) its road load is for (:func:`ambient_of`): as
        asked, else its assumption point's, else 20 C at sea level."""
        return ambient_of(self.ambient[0], self.ambient[1], self.assumed)

    def with_assumed(self, assumed: Mapping[str, float]) -> Vehicle:
        """The same vehicle (ambient and extra mass as asked) with the defaults of ``assumed`` where its
        spec is silent (:func:`road_load_of`): one point of the box of plausible assumptions."""
        return Vehicle(self.spec, road_load_of(self.spec, *self.ambient, assumed=assumed), self.extra_mass,
                       self.ambient, assumed)

    def with_extra_mass(self, extra_mass: float) -> Vehicle:
        """The same vehicle carrying ``extra_mass`` kg more payload (``m = m_without_battery + m_pack +
        payload + extra``); refuses a negative or non-finite mass."""
        if not (math.isfinite(extra_mass) and extra_mass >= 0):
            raise error_in_systems(lambda system: f"extra mass must be {shown_text(0.0, 'mass', system, fmt='g')} "
                                   f"or more, got {shown_text(extra_mass, 'mass', system, fmt='g')}")
        return Vehicle(self.spec, self.load, extra_mass, self.ambient, self.assumed)

    @property
    def id(self) -> str:
        """The spec's id."""
        return str(self.spec.id)

    @property
    def glider_mass(self) -> float:
        """Mass without the traction battery, kg."""
        return float(self.spec.mass_without_battery.si)

    @property
    def payload(self) -> float:
        """Payload, kg: the spec's plus any extra mass."""
        return float(self.spec.payload.si) + self.extra_mass

    @property
    def max_gross_mass(self) -> Optional[float]:
        """Maximum gross mass, kg (None when the spec gives none)."""
        return float(self.spec.max_gross_mass.si) if self.spec.max_gross_mass else None

    @property
    def measured_only(self) -> bool:
        """True when the spec gives a measured consumption and no road load (no ``drag_coefficient``, no
        ``coast_down``): its consumption is the measured figure alone and no drive cycle can be run."""
        return self.spec.measured_consumption is not None and self.spec.drag_coefficient is None \
            and self.spec.coast_down is None

    def simulated_on(self, cycle_name: Optional[str]) -> bool:
        """Whether the consumption on ``cycle_name`` (:meth:`consumption_model`) comes from the road-load
        model, whose assumptions a result states; False for the measured figure (no cycle named, and the spec
        gives one)."""
        return cycle_name is not None or self.spec.measured_consumption is None

    @overload
    def total_mass(self, pack_mass: float) -> float: ...
    @overload
    def total_mass(self, pack_mass: FloatArray) -> FloatArray: ...

    def total_mass(self, pack_mass: Union[float, FloatArray]) -> Union[float, FloatArray]:
        """``m = m_without_battery + m_pack + payload``, kg (arrays work)."""
        return self.glider_mass + pack_mass + self.payload

    def consumption_model(self, cycle_name: Optional[str]) -> ConsumptionModel:
        """The consumption function for ``cycle_name`` (measured figure when the spec gives one and no
        cycle is asked for). Kept for the vehicle by cycle name (:data:`_MODELS`), except for a user's trace
        file, which may change between two calls (:func:`_consumption` keys it by its samples)."""
        hit = _MODELS.get(self, cycle_name)
        if hit is not None:
            return hit
        from batcalc.physics.cycles import get_cycle

        if self.spec.measured_consumption is not None and cycle_name is None:
            return _MODELS.put(self, cycle_name, MeasuredModel(self.spec.measured_consumption))
        if self.measured_only:
            raise BatcalcError(f"{self.id} gives only a measured consumption; it cannot be run on cycle "
                               f"{cycle_name!r} without a road load: give its drag_coefficient, frontal_area and "
                               f"rolling_resistance (or coast_down)")
        cycle = get_cycle("wltp" if cycle_name is None else cycle_name)     # '' is no cycle: refused, not WLTC
        model = _consumption(self.load, cycle, self.id)
        return model if _is_user_trace(cycle) else _MODELS.put(self, cycle_name, model)


_CACHE: dict[tuple[object, ...], Consumption] = {}
#: The most models :data:`_CACHE` keeps: emptied when full (a band run at many assumption points makes a
#: road load per point; a long process would otherwise keep every one).
_CACHE_LIMIT = 1024
#: The models each vehicle was given (:meth:`Vehicle.consumption_model`), by (vehicle, cycle name): a
#: claim asks several times; vehicles at many assumption points (bands) fill it and start it again.
_MODELS: ByIdentity[ConsumptionModel] = ByIdentity(1024)


def trace_warnings(vehicle: Vehicle, cycle_name: Optional[str], total_mass: float,
                   system: str = "metric") -> tuple[str, ...]:
    """A warning when ``vehicle`` at ``total_mass`` kg cannot follow the cycle: the cycle asks its motor
    for more than the rated power (:meth:`Consumption.motor_demand`), for how long and how much; the
    consumption assumes it could (display text, the power in ``system``'s unit). None for a measured
    consumption (a vehicle that gives no road load drives no cycle) or a motor without a rated power."""
    if vehicle.measured_only:
        return ()
    model = vehicle.consumption_model(cycle_name)
    if not isinstance(model, Consumption) or not math.isfinite(model.load.powertrain.rated_power):
        return ()
    peak, over = model.motor_demand(total_mass)
    if not over > 0:
        return ()
    rated = model.load.powertrain.rated_power
    return (f"{vehicle.id} cannot follow {model.cycle.name} at {shown_text(total_mass, 'mass', system, fmt='.0f')}: "
            f"it asks its {shown_text(rated, 'power', system)} motor for up to {shown_text(peak, 'power', system)} "
            f"(x{peak / rated:.3g}) for {over:.0f} s of the {model.steps.duration:.0f} s cycle; the consumption "
            f"assumes the motor delivers it (a vehicle falls behind the trace instead)",)


def clear_caches() -> None:
    """Empty the caches of consumption models (by road load and cycle, and by vehicle and cycle name):
    every model is built from its cycle again when next asked for (benchmarks that time the whole
    computation call this; the solves' chords, :func:`batcalc.physics.tradeoff.chord`, are kept by
    model, so new models get new chords)."""
    _CACHE.clear()
    _MODELS.clear()


def _consumption(load: RoadLoad, cycle: Cycle, name: str = "the vehicle") -> Consumption:
    """The :class:`Consumption` of ``load`` on ``cycle`` (errors naming the vehicle ``name``), built once
    per (load, cycle id, name); a user's trace file (its id is its path) also by its samples, so that a
    file edited between two calls in one process is not answered from the first."""
    key: tuple[object, ...] = (load, cycle.id, name)
    if _is_user_trace(cycle):
        import hashlib

        key += (hashlib.sha256(cycle.time.tobytes() + cycle.speed.tobytes()).digest(),)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        found = _CACHE[key] = Consumption(load, cycle, name)
    return found


def _is_user_trace(cycle: Cycle) -> bool:
    """Whether ``cycle`` is read from a user's trace file (neither shipped nor a constant speed): its
    samples may change between two calls in one process."""
    from batcalc.physics.cycles import cycle_id_set

    return cycle.constant_speed is None and cycle.id not in cycle_id_set()


#: The figures of a vehicle spec a consumption is computed from, by top-level key (a group such as
#: ``coast_down``, ``powertrain`` or ``measured_consumption`` stands for every figure in it): the masses it
#: carries, its road load and powertrain (a consumption simulated on a drive cycle), or its measured
#: consumption. Not read: ``max_gross_mass`` (a limit warned about) and the reference pack, read only where a
#: claim takes its mass or energy.
MASS_FIGURES = ("mass_without_battery", "payload")
ROAD_LOAD_FIGURES = ("drag_coefficient", "frontal_area", "rolling_resistance", "coast_down", "rotational_mass_factor",
                     "rotating_mass", "powertrain", "drivetrain_efficiency", "regen_fraction", "auxiliary_power")
MEASURED_FIGURES = ("measured_consumption",)


def figure_grades(spec: VehicleSpec) -> dict[tuple[str | int, ...], Optional[str]]:
    """The grade of every figure a vehicle spec gives, by its path of keys (``('coast_down', 'f0')``): the
    grade of the source it cites, ``assumption`` for one that states why it is assumed, None for an
    unsourced one (:func:`batcalc.physics.cells.given_grade`, the rule of a cell's figures)."""
    from batcalc.physics.cells import given_grade
    from batcalc.spec.model import sourced_values

    grade_of = {s.id: s.grade for s in spec.sources}
    return {loc: given_grade(sid, value, grade_of) for loc, value, sid in sourced_values(spec)}


def weakest_figure_grade(grades: Mapping[tuple[str | int, ...], Optional[str]], read: tuple[object, ...],
                         defaults: bool = False) -> Optional[str]:
    """The weakest grade (:func:`batcalc.physics.cells.weakest_grade`) of the figures of ``grades``
    (:func:`figure_grades`) under the top-level keys ``read`` (``('reference_pack', 'mass')`` names one
    figure of a group), and ``assumption`` with ``defaults``: the computation took a default where the
    spec is silent (the defaults of docs/assumptions.md are assumptions). None: a figure read is unsourced."""
    from batcalc.physics.cells import weakest_grade

    chosen = [g for loc, g in grades.items() if loc[0] in read or loc[:2] in read]
    return weakest_grade(chosen + ["assumption"] if defaults else chosen)


def _vehicle_of(spec: VehicleSpec) -> Vehicle:
    """A vehicle spec with its road load (:func:`road_load_of`)."""
    return Vehicle(spec, road_load_of(spec))


def load_vehicle(name: str) -> Vehicle:
    """A vehicle by catalogue id (``specs/vehicles``) or path (validated per file version; a catalogue
    vehicle's road load worked out once per file version too, :func:`~batcalc.spec.catalog.load_derived`)."""
    from batcalc.spec.catalog import load_derived

    return load_derived(name, "vehicle", _vehicle_of)
