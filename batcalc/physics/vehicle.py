"""Vehicles: spec model, and consumption at the battery as a function of total mass.

Road load at the wheels for each 1 s step of a drive cycle (v mean speed, a acceleration, flat road):

    F = m a (1 + k_rot) + m g C_rr + 1/2 rho_air C_d A v^2        (or F0 + F1 v + F2 v^2 for the
    P = F v                                                         last two terms, coast-down form)

Battery power: ``P / eta`` when P > 0; ``P * eta * k_regen`` when P < 0 (braking energy recovered);
plus auxiliaries ``P_aux`` all the time. Consumption ``c = sum(P_batt dt) / distance`` (J/m = N).

P is linear in mass for each step, ``P_i(m) = alpha_i m + beta_i``, so the sign of each step flips
at one mass ``r_i = -beta_i / alpha_i``. :class:`Consumption` sorts those break points once; then
``c(m)`` for any array of masses is exact and costs a binary search and a few multiply-adds per
mass (no steps x masses matrix). The per-step terms are computed once, by :func:`cycle_steps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Protocol, Union, overload

from batcalc.errors import BatcalcError
from batcalc.spec.vehicle import MeasuredConsumption, VehicleSpec

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from batcalc.physics.cycles import Cycle
    from batcalc.spec.model import Value

    FloatArray = NDArray[np.float64]

#: Reference defaults (DESIGN.md), each stated where used.
G = 9.81                 # m/s^2
RHO_AIR = 1.2            # kg/m^3, air density at ~20 C, sea level
K_ROT = 0.03             # rotating-mass allowance (wheels, motor) as a fraction of mass
ETA_DRIVE = 0.90
K_REGEN = 0.60
P_AUX = 250.0            # W


@dataclass(frozen=True)
class RoadLoad:
    """Plain-number vehicle parameters (SI) used by the physics."""

    c_rr: float = 0.0
    cd_a: float = 0.0              # C_d * A, m^2
    f0: float = 0.0                # N (coast-down form)
    f1: float = 0.0                # N s/m
    f2: float = 0.0                # N s^2/m^2
    coast_down: bool = False
    k_rot: float = K_ROT
    eta: float = ETA_DRIVE
    k_regen: float = K_REGEN
    p_aux: float = P_AUX

    def assumptions(self) -> list[str]:
        """The parameters as stated assumptions, for report notes (display text, not physics)."""
        if self.coast_down:
            load = f"coast-down F0 {self.f0:.1f} N, F1 {self.f1:.3f} N s/m, F2 {self.f2:.4f} N s^2/m^2"
        else:
            load = f"C_rr {self.c_rr:g}, C_d A {self.cd_a:.3f} m^2, air {RHO_AIR} kg/m^3, g {G} m/s^2"
        return [load, f"rotating-mass factor {self.k_rot:g}", f"drivetrain efficiency {self.eta * 100:.0f} %",
                f"regeneration recovers {self.k_regen * 100:.0f} % of braking power (times drivetrain efficiency)",
                f"auxiliaries {self.p_aux:.0f} W"]


def road_load_of(spec: VehicleSpec) -> RoadLoad:
    """The :class:`RoadLoad` of a vehicle spec (SI), with reference defaults where it is silent."""
    def si(v: Optional[Value], default: float) -> float:
        """The value's SI magnitude, or the reference default when the spec is silent."""
        return float(v.si) if v is not None else default
    k_rot, eta = si(spec.rotational_mass_factor, K_ROT), si(spec.drivetrain_efficiency, ETA_DRIVE)
    k_regen, p_aux = si(spec.regen_fraction, K_REGEN), si(spec.auxiliary_power, P_AUX)
    if spec.coast_down is not None:
        cd = spec.coast_down
        return RoadLoad(f0=cd.f0.si, f1=cd.f1.si, f2=cd.f2.si, coast_down=True, k_rot=k_rot, eta=eta,
                        k_regen=k_regen, p_aux=p_aux)
    if spec.drag_coefficient is None or spec.frontal_area is None or spec.rolling_resistance is None:
        return RoadLoad(k_rot=k_rot, eta=eta, k_regen=k_regen, p_aux=p_aux)
    return RoadLoad(c_rr=spec.rolling_resistance.si, cd_a=spec.drag_coefficient.si * spec.frontal_area.si,
                    k_rot=k_rot, eta=eta, k_regen=k_regen, p_aux=p_aux)


@dataclass(frozen=True)
class CycleSteps:
    """The per-step road-load terms of a drive cycle, one entry per step between samples (SI).

    ``dt`` s; ``v = (v0 + v1) / 2`` mean speed, m/s; ``a = (v1 - v0) / dt``, m/s^2. Force at the
    wheels ``F = m (inertia_per_kg + rolling_per_kg) + rolling_fixed + aero``, N, with
    ``inertia_per_kg = a (1 + k_rot)`` and ``rolling_per_kg = g C_rr`` (N/kg; rolling only while
    moving, and 0 in the coast-down form, whose ``F0`` does not scale with mass), ``rolling_fixed``
    ``= F0 + F1 v`` while moving (coast-down form, else 0) and ``aero = 1/2 rho_air C_d A v^2`` (or
    ``F2 v^2`` while moving), N. Wheel energy per step is linear in mass: ``alpha m + beta``, J.
    """

    dt: FloatArray
    v: FloatArray
    a: FloatArray
    inertia_per_kg: FloatArray
    rolling_per_kg: FloatArray
    rolling_fixed: FloatArray
    aero: FloatArray

    @property
    def alpha(self) -> FloatArray:
        """Wheel energy per kg of vehicle mass, per step, J/kg: ``(a (1 + k_rot) + g C_rr) v dt``."""
        return (self.inertia_per_kg + self.rolling_per_kg) * self.v * self.dt

    @property
    def beta(self) -> FloatArray:
        """Wheel energy independent of mass, per step, J: ``(F_rolling,fixed + F_aero) v dt``."""
        return (self.rolling_fixed + self.aero) * self.v * self.dt

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

    ``v = (v0 + v1) / 2``, ``a = (v1 - v0) / dt``; ``F = m a (1 + k_rot) + m g C_rr + 1/2 rho C_d A v^2``
    or, in the coast-down form, ``m a (1 + k_rot) + F0 + F1 v + F2 v^2`` (resistances only while v > 0,
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
        rolling_per_kg = np.where(moving, G * load.c_rr, 0.0)
        rolling_fixed = np.zeros_like(v)
        aero = 0.5 * RHO_AIR * load.cd_a * v ** 2
    return CycleSteps(dt, v, a, a * (1 + load.k_rot), rolling_per_kg, rolling_fixed, aero)


class Consumption:
    """Consumption at the battery, J/m, as an exact function of total vehicle mass over a cycle."""

    def __init__(self, load: RoadLoad, cycle: Cycle) -> None:
        """Sort the steps' break-even masses ``r_i = -beta_i / alpha_i`` once (module docstring)."""
        import numpy as np

        self.load, self.cycle = load, cycle
        steps = cycle_steps(load, cycle)
        alpha, beta = steps.alpha, steps.beta        # J/kg and J, per step
        self.distance = steps.distance
        self.aux_energy = load.p_aux * steps.duration
        up, down = 1.0 / load.eta, load.eta * load.k_regen
        self._up, self._down = up, down
        # steps whose power rises with mass (alpha > 0): positive for m > r; falling (alpha < 0): m < r
        self._groups: list[tuple[FloatArray, FloatArray, FloatArray]] = []
        for sel in (alpha > 0, alpha < 0):
            r = -beta[sel] / alpha[sel]
            order = np.argsort(r)
            al, be = alpha[sel][order], beta[sel][order]
            self._groups.append((r[order], np.concatenate([[0.0], np.cumsum(al)]),
                                 np.concatenate([[0.0], np.cumsum(be)])))
        flat = alpha == 0
        b = beta[flat]
        self._flat = float(np.sum(np.where(b > 0, b * up, b * down)))

    @overload
    def energy(self, mass: float) -> float: ...
    @overload
    def energy(self, mass: FloatArray) -> FloatArray: ...

    def energy(self, mass: Union[float, FloatArray]) -> Union[float, FloatArray]:
        """Battery energy over the cycle, J, for total mass ``mass`` kg (float or numpy array):
        ``sum_i (P_i(m) > 0 ? P_i / eta : P_i eta k_regen) dt_i + P_aux t``, from the sorted break points."""
        import numpy as np

        m = np.asarray(mass, dtype=float)
        total = self._flat + self.aux_energy + np.zeros_like(m)
        for sign, (r, ca, cb) in zip((1, -1), self._groups, strict=False):
            k = np.searchsorted(r, m, side="left")          # steps with r < m
            n = len(r)
            low_a, low_b = ca[k], cb[k]                     # sums over steps with r < m
            high_a, high_b = ca[n] - low_a, cb[n] - low_b
            if sign > 0:   # alpha > 0: positive power where r < m
                total = total + self._up * (m * low_a + low_b) + self._down * (m * high_a + high_b)
            else:          # alpha < 0: positive power where m < r
                total = total + self._down * (m * low_a + low_b) + self._up * (m * high_a + high_b)
        return total if total.ndim else float(total)

    @overload
    def __call__(self, mass: float) -> float: ...
    @overload
    def __call__(self, mass: FloatArray) -> FloatArray: ...

    def __call__(self, mass: Union[float, FloatArray]) -> Union[float, FloatArray]:
        """Consumption at the battery, J/m (1 J/m = 1/3.6 Wh/km), at total mass ``mass`` kg:
        ``c = E_battery(m) / distance``."""
        return self.energy(mass) / self.distance


def consumption_breakdown(load: RoadLoad, cycle: Cycle, mass: float) -> dict[str, float]:
    """Where the consumption at ``mass`` kg goes, J/m: rolling and aerodynamic resistance at the wheels
    divided by the drivetrain efficiency (``sum(F v dt) / distance / eta``), auxiliaries
    (``P_aux t / distance``), and the rest (accelerating and braking, net of what regeneration
    recovers). The parts add up to the consumption :class:`Consumption` gives at ``mass``."""
    import numpy as np

    steps = cycle_steps(load, cycle)
    distance = steps.distance
    rolling = float(np.sum((steps.rolling_per_kg * mass + steps.rolling_fixed) * steps.v * steps.dt))
    aero = float(np.sum(steps.aero * steps.v * steps.dt))
    total = _consumption(load, cycle)(mass)
    parts = {"rolling": rolling / distance / load.eta, "aerodynamic": aero / distance / load.eta,
             "auxiliaries": load.p_aux * steps.duration / distance}
    rest = total - sum(parts.values())
    parts["acceleration and braking, net of regeneration"] = rest if abs(rest) > 1e-9 * total else 0.0
    return parts


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

        if np.any(np.asarray(c) <= 0):
            raise BatcalcError("the measured consumption and its mass sensitivity give a consumption <= 0 "
                               "at this mass")
        return c


@dataclass(frozen=True)
class Vehicle:
    """A loaded vehicle spec with its road load; masses in kg."""

    spec: VehicleSpec
    load: RoadLoad

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
        """Payload, kg."""
        return float(self.spec.payload.si)

    @property
    def max_gross_mass(self) -> Optional[float]:
        """Maximum gross mass, kg (None when the spec gives none)."""
        return float(self.spec.max_gross_mass.si) if self.spec.max_gross_mass else None

    @overload
    def total_mass(self, pack_mass: float) -> float: ...
    @overload
    def total_mass(self, pack_mass: FloatArray) -> FloatArray: ...

    def total_mass(self, pack_mass: Union[float, FloatArray]) -> Union[float, FloatArray]:
        """``m = m_without_battery + m_pack + payload``, kg (arrays work)."""
        return self.glider_mass + pack_mass + self.payload

    def consumption_model(self, cycle_name: Optional[str]) -> ConsumptionModel:
        """The consumption function for ``cycle_name`` (measured figure when the spec gives one and no
        cycle is asked for)."""
        from batcalc.physics.cycles import get_cycle

        if self.spec.measured_consumption is not None and cycle_name is None:
            return MeasuredModel(self.spec.measured_consumption)
        if self.spec.measured_consumption is not None and self.spec.drag_coefficient is None \
                and self.spec.coast_down is None:
            raise BatcalcError(f"{self.id} gives only a measured consumption; it cannot be run on cycle "
                               f"{cycle_name!r}")
        return _consumption(self.load, get_cycle(cycle_name or "wltp"))


_CACHE: dict[tuple[RoadLoad, str], Consumption] = {}


def _consumption(load: RoadLoad, cycle: Cycle) -> Consumption:
    """The :class:`Consumption` of ``load`` on ``cycle``, built once per (load, cycle id)."""
    key = (load, cycle.id)
    if key not in _CACHE:
        _CACHE[key] = Consumption(load, cycle)
    return _CACHE[key]


def load_vehicle(name: str) -> Vehicle:
    """A vehicle by catalogue id (``specs/vehicles``) or path."""
    from batcalc.spec.catalog import load

    spec = load(name, "vehicle")
    return Vehicle(spec, road_load_of(spec))
