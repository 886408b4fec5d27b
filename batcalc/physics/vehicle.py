"""Vehicles: spec model, and consumption at the battery as a function of total mass.

Road load at the wheels for each 1 s step of a drive cycle (v mean speed, a acceleration, flat road):

    F = m a (1 + k_rot) + m g C_rr + 1/2 rho_air C_d A v^2        (or F0 + F1 v + F2 v^2 for the
    P = F v                                                         last two terms, coast-down form)

Battery power: ``P / eta`` when P > 0; ``P * eta * k_regen`` when P < 0 (braking energy recovered);
plus auxiliaries ``P_aux`` all the time. Consumption ``c = sum(P_batt dt) / distance`` (J/m = N).

P is linear in mass for each step, ``P_i(m) = alpha_i m + beta_i``, so the sign of each step flips
at one mass ``r_i = -beta_i / alpha_i``. :class:`Consumption` sorts those break points once; then
``c(m)`` for any array of masses is exact and costs a binary search and a few multiply-adds per
mass (no steps x masses matrix).
"""


from dataclasses import dataclass
from typing import Optional

from batcalc.errors import BatcalcError
from batcalc.spec.vehicle import MeasuredConsumption, VehicleSpec

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
        if self.coast_down:
            load = f"coast-down F0 {self.f0:.1f} N, F1 {self.f1:.3f} N s/m, F2 {self.f2:.4f} N s^2/m^2"
        else:
            load = f"C_rr {self.c_rr:g}, C_d A {self.cd_a:.3f} m^2, air {RHO_AIR} kg/m^3, g {G} m/s^2"
        return [load, f"rotating-mass factor {self.k_rot:g}", f"drivetrain efficiency {self.eta * 100:.0f} %",
                f"regeneration recovers {self.k_regen * 100:.0f} % of braking power (times drivetrain efficiency)",
                f"auxiliaries {self.p_aux:.0f} W"]


def road_load_of(spec: VehicleSpec) -> RoadLoad:
    """The :class:`RoadLoad` of a vehicle spec, with reference defaults where it is silent."""
    def si(v, default):
        return v.si if v is not None else default
    common = dict(k_rot=si(spec.rotational_mass_factor, K_ROT), eta=si(spec.drivetrain_efficiency, ETA_DRIVE),
                  k_regen=si(spec.regen_fraction, K_REGEN), p_aux=si(spec.auxiliary_power, P_AUX))
    if spec.coast_down is not None:
        cd = spec.coast_down
        return RoadLoad(f0=cd.f0.si, f1=cd.f1.si, f2=cd.f2.si, coast_down=True, **common)
    if spec.drag_coefficient is None:
        return RoadLoad(**common)
    return RoadLoad(c_rr=spec.rolling_resistance.si, cd_a=spec.drag_coefficient.si * spec.frontal_area.si, **common)


class Consumption:
    """Consumption at the battery, J/m, as an exact function of total vehicle mass over a cycle."""

    def __init__(self, load: RoadLoad, cycle) -> None:
        import numpy as np

        self.load, self.cycle = load, cycle
        v0, v1 = cycle.speed[:-1], cycle.speed[1:]
        dt = np.diff(cycle.time)
        v = (v0 + v1) / 2                         # mean speed over the step
        a = (v1 - v0) / dt
        moving = v > 0
        if load.coast_down:
            resist_m = np.zeros_like(v)           # F0 (tyres) does not scale with mass in this form
            resist_0 = np.where(moving, load.f0 + load.f1 * v + load.f2 * v ** 2, 0.0)
        else:
            resist_m = np.where(moving, G * load.c_rr, 0.0)
            resist_0 = 0.5 * RHO_AIR * load.cd_a * v ** 2
        alpha = (a * (1 + load.k_rot) + resist_m) * v * dt      # J per kg of mass, per step
        beta = resist_0 * v * dt                                  # J, per step
        self.distance = float(np.sum(v * dt))
        self.aux_energy = load.p_aux * float(np.sum(dt))
        up, down = 1.0 / load.eta, load.eta * load.k_regen
        self._up, self._down = up, down
        # steps whose power rises with mass (alpha > 0): positive for m > r; falling (alpha < 0): m < r
        self._groups = []
        for sel in (alpha > 0, alpha < 0):
            r = -beta[sel] / alpha[sel]
            order = np.argsort(r)
            al, be = alpha[sel][order], beta[sel][order]
            self._groups.append((r[order], np.concatenate([[0.0], np.cumsum(al)]),
                                 np.concatenate([[0.0], np.cumsum(be)])))
        flat = alpha == 0
        b = beta[flat]
        self._flat = float(np.sum(np.where(b > 0, b * up, b * down)))

    def energy(self, mass):
        """Battery energy over the cycle, J, for total mass ``mass`` kg (float or numpy array)."""
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

    def __call__(self, mass):
        """Consumption at the battery, J/m (1 J/m = 1/3.6 Wh/km), at total mass ``mass`` kg."""
        return self.energy(mass) / self.distance


def consumption_direct(load: RoadLoad, cycle, mass: float) -> float:
    """The same consumption, J/m, summed step by step for one mass (reference implementation)."""
    import numpy as np

    v0, v1 = cycle.speed[:-1], cycle.speed[1:]
    dt = np.diff(cycle.time)
    v, a = (v0 + v1) / 2, (v1 - v0) / np.diff(cycle.time)
    if load.coast_down:
        resist = np.where(v > 0, load.f0 + load.f1 * v + load.f2 * v ** 2, 0.0)
    else:
        resist = np.where(v > 0, mass * G * load.c_rr, 0.0) + 0.5 * RHO_AIR * load.cd_a * v ** 2
    power = (mass * a * (1 + load.k_rot) + resist) * v
    batt = np.where(power > 0, power / load.eta, power * load.eta * load.k_regen) + load.p_aux
    return float(np.sum(batt * dt) / np.sum(v * dt))


def consumption_breakdown(load: RoadLoad, cycle, mass: float) -> dict[str, float]:
    """Where the consumption at ``mass`` goes, J/m: rolling and aerodynamic resistance (at the wheels,
    divided by the drivetrain efficiency), auxiliaries, and the rest (accelerating and braking, net of
    what regeneration recovers). The parts add up to :func:`consumption_direct`."""
    import numpy as np

    v0, v1 = cycle.speed[:-1], cycle.speed[1:]
    dt = np.diff(cycle.time)
    v = (v0 + v1) / 2
    distance = float(np.sum(v * dt))
    if load.coast_down:
        rolling = float(np.sum(np.where(v > 0, load.f0 + load.f1 * v, 0.0) * v * dt))
        aero = float(np.sum(np.where(v > 0, load.f2 * v ** 2, 0.0) * v * dt))
    else:
        rolling = float(np.sum(np.where(v > 0, mass * G * load.c_rr, 0.0) * v * dt))
        aero = float(np.sum(0.5 * RHO_AIR * load.cd_a * v ** 3 * dt))
    total = consumption_direct(load, cycle, mass)
    parts = {"rolling": rolling / distance / load.eta, "aerodynamic": aero / distance / load.eta,
             "auxiliaries": load.p_aux * float(np.sum(dt)) / distance}
    rest = total - sum(parts.values())
    parts["acceleration and braking, net of regeneration"] = rest if abs(rest) > 1e-9 * total else 0.0
    return parts


class MeasuredModel:
    """Consumption from a measured figure with a mass sensitivity: ``c = c0 + s (m - m0) / 100 kg``."""

    def __init__(self, measured: MeasuredConsumption) -> None:
        self.c0, self.m0, self.s = measured.value.si, measured.at_mass.si, measured.per_100kg.si
        self.cycle_name = measured.cycle or "as measured"

    def __call__(self, mass):
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
        return self.spec.id

    @property
    def glider_mass(self) -> float:
        return self.spec.mass_without_battery.si

    @property
    def payload(self) -> float:
        return self.spec.payload.si

    @property
    def max_gross_mass(self) -> Optional[float]:
        return self.spec.max_gross_mass.si if self.spec.max_gross_mass else None

    def total_mass(self, pack_mass):
        """``m = m_without_battery + m_pack + payload``, kg (arrays work)."""
        return self.glider_mass + pack_mass + self.payload

    def consumption_model(self, cycle_name: Optional[str]):
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


_CACHE: dict = {}


def _consumption(load: RoadLoad, cycle) -> Consumption:
    key = (load, cycle.id)
    if key not in _CACHE:
        _CACHE[key] = Consumption(load, cycle)
    return _CACHE[key]


def load_vehicle(name: str) -> Vehicle:
    """A vehicle by catalogue id (``specs/vehicles``) or path."""
    from batcalc.spec.catalog import load

    spec = load(name, "vehicle")
    return Vehicle(spec, road_load_of(spec))
