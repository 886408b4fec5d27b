"""From power at the wheels to power drawn from the battery: motor map, transmission, regeneration,
battery efficiency, auxiliaries; and the air the vehicle drives through.

Per 1 s step of a cycle, with ``P`` the power at the wheels (W, negative when braking) and ``v`` the
step's mean speed (m/s), following NREL FASTSim's BEV step (Brooker et al. 2015, SAE 2015-01-0973;
FASTSim 3.1.0 ``bev.rs``, ``electric_machine.rs``, ``reversible_energy_storage.rs``; read and checked
step by step in docs/powertrain-notes.md):

    P_t = P / eta_trans                 (P > 0)        P * eta_trans                 (P <= 0)
    P_e = P_t / eta_m(P_t / P_rated)    (P_t > 0)      max(P_t, -P_regen_max) * eta_regen * fade(v)
    P_b = P_e + P_aux                   (at the battery terminals)
    P_c = P_b / eta_batt                (P_b > 0)      P_b * eta_batt               (energy from the store)

``eta_m`` is the motor-and-inverter efficiency as a function of load (output power over rated
power); regeneration runs at its own efficiency (by default the map's zero-load value, as FASTSim
does), is limited by the motor's rated power and fades below a low speed (FASTSim 2's curve). A
constant efficiency ``eta`` with a regeneration share ``k`` is the special case of a flat map, no
transmission or battery loss and ``eta_regen = eta k``. SI throughout.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

import numpy as np
import numpy.typing as npt

from batcalc.errors import BatcalcError
from batcalc.units import error_in_systems, shown_text, temperature_text

FloatArray = npt.NDArray[np.float64]

#: Standard gravity, m/s^2 (ISO 80000-3; the CGPM's conventional value).
STANDARD_GRAVITY = 9.80665
#: Specific gas constant of dry air, J/(kg K) (ISO 2533 standard atmosphere).
R_AIR = 287.05287
#: Sea-level pressure, Pa, and the standard atmosphere's troposphere lapse rate, K/m (ISO 2533).
P0, T0, LAPSE = 101325.0, 288.15, 0.0065
#: Default ambient: 20 C at sea level (a stated assumption; FASTSim drives at 22 C, 180 m).
DEFAULT_TEMPERATURE = 293.15
DEFAULT_ALTITUDE = 0.0


def air_density(temperature: float = DEFAULT_TEMPERATURE, altitude: float = DEFAULT_ALTITUDE) -> float:
    """Dry-air density, kg/m^3, at ``temperature`` (K) and ``altitude`` (m above sea level):
    ``rho = p(h) / (R T)`` with the standard atmosphere's pressure
    ``p(h) = p0 (1 - L h / T0) ^ (g / (R L))`` (ISO 2533). 20 C at sea level gives 1.204."""
    if not (math.isfinite(temperature) and 150.0 <= temperature <= 350.0):
        def outside(system: str) -> str:
            span = _span(temperature_text(150.0, system, ".0f"), temperature_text(350.0, system, ".0f"))
            return f"ambient temperature {temperature_text(temperature, system, '.1f')} is outside {span}"
        raise error_in_systems(outside)
    if not (math.isfinite(altitude) and -500.0 <= altitude <= 9000.0):
        def height(x: float, fmt: str, system: str) -> str:
            return shown_text(x, "length", system, "altitude", fmt)
        raise error_in_systems(lambda system: f"altitude {height(altitude, 'g', system)} is outside "
                               f"{_span(height(-500.0, '.0f', system), height(9000.0, '.0f', system))}")
    pressure = P0 * (1 - LAPSE * altitude / T0) ** (STANDARD_GRAVITY / (R_AIR * LAPSE))
    return float(pressure / (R_AIR * temperature))


def _span(low: str, high: str) -> str:
    """Two values in the same unit as an interval: ``'-500 m'``, ``'9000 m'`` -> ``'-500..9000 m'``."""
    return f"{low.rsplit(' ', 1)[0]}..{high}"


@dataclass(frozen=True)
class EfficiencyMap:
    """Efficiency against load (a fraction of rated power, 0..1 and beyond: clamped to the table).

    ``step``: the value at the table point at or below the load (FASTSim's "step: lower"); else
    linear between points."""

    load: tuple[float, ...]
    efficiency: tuple[float, ...]
    step: bool = False

    def __post_init__(self) -> None:
        if len(self.load) != len(self.efficiency) or not self.load:
            raise BatcalcError("an efficiency map needs as many efficiencies as loads, at least one")
        if self.load[0] != 0 or any(b <= a for a, b in zip(self.load, self.load[1:], strict=False)):
            raise BatcalcError("an efficiency map's loads must start at 0 and rise")
        if any(not (0 < e <= 1) for e in self.efficiency):
            raise BatcalcError("efficiencies must be above 0 and at most 100 %")

    @cached_property
    def _arrays(self) -> tuple[FloatArray, FloatArray]:
        """The loads and efficiencies as numpy arrays (made once per map: :meth:`at` runs per cycle step)."""
        return np.asarray(self.load, dtype=np.float64), np.asarray(self.efficiency, dtype=np.float64)

    def at(self, load: FloatArray) -> FloatArray:
        """Efficiency at each load in ``load`` (fraction of rated power)."""
        x, e = self._arrays
        if self.step:
            i = np.clip(np.searchsorted(x, load, side="right") - 1, 0, len(e) - 1)
            return np.asarray(e[i], dtype=np.float64)
        return np.asarray(np.interp(load, x, e), dtype=np.float64)


def flat_map(efficiency: float) -> EfficiencyMap:
    """The same efficiency at every load."""
    return EfficiencyMap((0.0,), (efficiency,))


#: FASTSim's default motor-and-inverter map for motors of 75 kW and more (FASTSim 2
#: ``parameters.py`` LARGE_BASELINE_EFF raised to a 0.95 peak; carried by FASTSim 3.1.0's stock Tesla
#: Model 3, Nissan Leaf and Renault Zoe). Apache-2.0, (c) Alliance for Energy Innovation, LLC; see
#: benchmarks/data/fastsim-NOTICE.txt. Interpolated linearly here (FASTSim's Tesla and Leaf files use
#: step-lower: 1.5 % more consumption in city driving).
FASTSIM_DEFAULT_MAP = EfficiencyMap((0.00, 0.02, 0.04, 0.06, 0.08, 0.10, 0.20, 0.40, 0.60, 0.80, 1.00),
                                    (0.84, 0.86, 0.88, 0.90, 0.91, 0.92, 0.94, 0.95, 0.95, 0.94, 0.93))
#: Transmission efficiency of FASTSim 3.1.0's stock Tesla, Bolt and Leaf (single-speed reduction gear).
DEFAULT_TRANSMISSION_EFFICIENCY = 0.98
#: One-way battery efficiency: sqrt of a 97 % round trip (FASTSim 3.1.0's stock Tesla, Leaf, Zoe).
DEFAULT_BATTERY_EFFICIENCY = math.sqrt(0.97)

#: FASTSim 2's regeneration fade below a low speed: ``1 / (1 + a exp(-b (v[mph] + 1)))``
#: (``parameters.py`` regen_a = 500, regen_b = 0.99): 0.02 at 2 km/h, 0.42 at 8, 0.96 at 15 km/h.
REGEN_FADE_A, REGEN_FADE_B = 500.0, 0.99
MPH = 0.44704


def regen_fade(speed: FloatArray) -> FloatArray:
    """Share of braking power regeneration can take at mean speed ``speed`` (m/s), FASTSim 2's curve."""
    return np.asarray(1.0 / (1.0 + REGEN_FADE_A * np.exp(-REGEN_FADE_B * (np.asarray(speed) / MPH + 1.0))),
                      dtype=np.float64)


@dataclass(frozen=True)
class Powertrain:
    """What stands between the wheels and the battery's store (SI; efficiencies as fractions)."""

    rated_power: float = math.inf                      # W, the motor's rated (peak) output
    motor_map: EfficiencyMap = FASTSIM_DEFAULT_MAP
    transmission_efficiency: float = DEFAULT_TRANSMISSION_EFFICIENCY
    battery_efficiency: float = DEFAULT_BATTERY_EFFICIENCY      # one way
    regen_efficiency: Optional[float] = None           # motor efficiency when braking; None: the map at 0
    regen_fades: bool = True                           # below a low speed (FASTSim 2's curve)
    aux_power: float = 250.0                           # W at the battery terminals, every step

    def __post_init__(self) -> None:
        if not self.rated_power > 0:
            raise BatcalcError("the motor's rated power must be positive")
        for name in ("transmission_efficiency", "battery_efficiency"):
            v = getattr(self, name)
            if not 0 < v <= 1:
                raise BatcalcError(f"{name.replace('_', ' ')} must be above 0 and at most 100 %")
        if self.regen_efficiency is not None and not 0 <= self.regen_efficiency <= 1:
            raise BatcalcError("regeneration efficiency must be within 0-100 %")
        if not (math.isfinite(self.aux_power) and self.aux_power >= 0):
            raise BatcalcError("auxiliary power must be finite and not negative")

    @cached_property
    def eta_regen(self) -> float:
        """Motor efficiency while regenerating (the map's zero-load value unless given; worked out once)."""
        if self.regen_efficiency is not None:
            return self.regen_efficiency
        return float(self.motor_map.at(np.array([0.0]))[0])

    def battery_power(self, wheel_power: FloatArray, speed: FloatArray,
                      fade: Optional[FloatArray] = None) -> FloatArray:
        """Power drawn from the battery's store, W (negative when it is charged), for power at the
        wheels ``wheel_power`` (W) at mean speed ``speed`` (m/s); arrays broadcast. ``fade``: the
        regeneration fade at those speeds when already computed (:func:`regen_fade`). See module doc."""
        p = np.asarray(wheel_power, dtype=np.float64)
        eta_t = self.transmission_efficiency
        p_t = np.where(p > 0, p / eta_t, p * eta_t)
        drive = p_t / self.motor_map.at(np.maximum(p_t, 0.0) / self.rated_power)
        braking = np.maximum(p_t, -self.rated_power) * self.eta_regen
        if self.regen_fades:
            braking = braking * (regen_fade(speed) if fade is None else fade)
        p_b = np.where(p_t > 0, drive, braking) + self.aux_power
        eta_b = self.battery_efficiency
        return np.asarray(np.where(p_b > 0, p_b / eta_b, p_b * eta_b), dtype=np.float64)

    def assumptions(self, system: str = "metric") -> list[str]:
        """The powertrain's parameters as stated assumptions (for notes; the regeneration fade's speed in
        ``system``'s units: ~15 km/h, ~9 mph): a flat map as one efficiency at every load, and the motor's
        limit on regeneration only for a motor with a rated power."""
        limited = math.isfinite(self.rated_power)
        rated = f"motor rated {self.rated_power / 1e3:g} kW" if limited else "no motor power limit"
        low, high = (f"{e * 100:.0f}" for e in (min(self.motor_map.efficiency), max(self.motor_map.efficiency)))
        motor = f"{low}-{high} % by load" if low != high else f"{low} % at every load"
        return [f"{rated}; motor-and-inverter efficiency {motor}",
                f"transmission {self.transmission_efficiency * 100:.0f} %, "
                f"battery {self.battery_efficiency * 100:.1f} % one way",
                f"regeneration at {self.eta_regen * 100:.0f} % motor efficiency"
                + (", limited by motor power" if limited else "")
                + ((", fading below ~15 km/h" if system != "imperial" else ", fading below ~9 mph")
                   if self.regen_fades else ""),
                f"auxiliaries {self.aux_power:.0f} W"]


def constant_efficiency(eta: float, k_regen: float, aux_power: float) -> Powertrain:
    """The older model as a powertrain: constant drivetrain efficiency ``eta``, regeneration recovering
    ``k_regen`` of braking power times ``eta``, no battery loss, no motor limit, no fade."""
    return Powertrain(motor_map=flat_map(eta), transmission_efficiency=1.0, battery_efficiency=1.0,
                      regen_efficiency=eta * k_regen, regen_fades=False, aux_power=aux_power)


#: Spacing, kg, of the masses evaluated exactly when a consumption is asked for many masses at once,
#: and the most of them (see cycle_energy).
MASS_STEP = 20.0
MAX_MASS_NODES = 4097
#: Chunk of masses evaluated together by the exact sum (bounds memory: steps x chunk floats).
_CHUNK = 64


def cycle_energy_exact(alpha: FloatArray, beta: FloatArray, speed: FloatArray, dt: FloatArray,
                       masses: FloatArray, powertrain: Powertrain, fade: Optional[FloatArray] = None) -> FloatArray:
    """Energy drawn from the battery over a cycle, J, for each total mass in ``masses`` (kg): the sum
    over steps of ``P_c(alpha_i m + beta_i, v_i) dt_i``, with ``alpha_i`` the step's wheel power per kg
    (W/kg) and ``beta_i`` its mass-independent wheel power (W); ``fade`` the steps' regeneration fade when
    computed already (it depends on the speeds only)."""
    m = np.atleast_1d(np.asarray(masses, dtype=np.float64))
    if m.size == 1:     # one mass (a solver's scalar call): the steps as one 1-d pass, no chunks
        power = powertrain.battery_power(alpha * float(m[0]) + beta, speed, fade)
        return np.array([float(np.dot(power, dt))])
    out = np.empty_like(m)
    column = None if fade is None else fade[:, None]
    for start in range(0, m.size, _CHUNK):
        chunk = m[start:start + _CHUNK]
        wheel = alpha[:, None] * chunk[None, :] + beta[:, None]
        out[start:start + _CHUNK] = (powertrain.battery_power(wheel, speed[:, None], column)
                                     * dt[:, None]).sum(axis=0)
    return out


def cycle_energy(alpha: FloatArray, beta: FloatArray, speed: FloatArray, dt: FloatArray,
                 masses: FloatArray, powertrain: Powertrain, fade: Optional[FloatArray] = None) -> FloatArray:
    """:func:`cycle_energy_exact` for any number of masses at a bounded cost. When there are more masses
    than nodes would be needed, energy is computed exactly at nodes every :data:`MASS_STEP` kg across
    the masses' range (at most :data:`MAX_MASS_NODES`) and linearly between them. Energy is a sum of
    per-step terms, each smooth in mass between a few kinks (sign changes, map points), so it is
    smooth to within one step's share: the error is at most 1e-5 relative, checked by hypothesis
    against the exact sum in tests/test_powertrain.py."""
    m = np.atleast_1d(np.asarray(masses, dtype=np.float64))
    if m.size == 1 and math.isfinite(m[0]):     # one finite mass: exact (what the general path does, sooner)
        return cycle_energy_exact(alpha, beta, speed, dt, m, powertrain, fade)
    finite = np.isfinite(m)
    if not finite.all():                    # a diverged solve's masses: no energy, not an error here
        out = np.full_like(m, np.nan)
        out[finite] = cycle_energy(alpha, beta, speed, dt, m[finite], powertrain, fade)
        return out
    lo, hi = (float(m.min()), float(m.max())) if m.size else (0.0, 0.0)
    n = int(min(MAX_MASS_NODES, math.ceil((hi - lo) / MASS_STEP) + 1))
    if m.size <= n:
        return cycle_energy_exact(alpha, beta, speed, dt, m, powertrain, fade)
    if hi == lo:
        return np.full_like(m, cycle_energy_exact(alpha, beta, speed, dt, np.array([lo]), powertrain, fade)[0])
    nodes = np.linspace(lo, hi, n)
    return np.asarray(np.interp(m, nodes, cycle_energy_exact(alpha, beta, speed, dt, nodes, powertrain, fade)),
                      dtype=np.float64)


class OneMassTable:
    """:func:`cycle_energy_exact` of one total mass at a time, the steps laid out once so that a call
    computes each step with its own branch only (a solver asks for one mass after another).

    A step's wheel power ``P_i(m) = alpha_i m + beta_i`` drives (``P > 0``) on one side of its kink mass
    ``m*_i = -beta_i / alpha_i`` and brakes on the other: for ``alpha_i > 0`` above it, for ``alpha_i < 0``
    below it, for ``alpha_i = 0`` always (``beta_i > 0``) or never. Sorted by ``m*`` within those two
    groups, the steps that drive at a mass ``m`` are a contiguous run of one layout and the steps that
    brake a contiguous run of another, found by bisection. Driving, at the battery's store:
    ``P_c = (p_t / eta_m(p_t / P_rated) + P_aux) / eta_batt`` with ``p_t = P / eta_trans``; braking:
    ``P_c = eta_batt p_b + (1 / eta_batt - eta_batt) max(p_b, 0)`` with
    ``p_b = max(P eta_trans w, -P_rated w) + P_aux`` and ``w = eta_regen fade(v)`` (the module's step,
    term for term; a step at its kink, ``P = 0``, is braking there as in :meth:`Powertrain.battery_power`).
    The products and sums are grouped differently, so results agree with :func:`cycle_energy_exact` to
    rounding (1e-12 relative, tested)."""

    def __init__(self, alpha: FloatArray, beta: FloatArray, speed: FloatArray, dt: FloatArray,
                 powertrain: Powertrain, fade: Optional[FloatArray] = None) -> None:
        with np.errstate(divide="ignore", invalid="ignore"):
            kink = np.where(alpha != 0, -beta / np.where(alpha != 0, alpha, 1.0),
                            np.where(beta > 0, np.inf, -np.inf))
        rises = alpha > 0
        # group "falls" (alpha <= 0) drives where kink > m: sorted by kink, descending, drivers first
        falls_idx = np.flatnonzero(~rises)
        falls_idx = falls_idx[np.argsort(-kink[falls_idx], kind="stable")]
        # group "rises" (alpha > 0) drives where kink < m: sorted by kink, ascending, drivers first
        rises_idx = np.flatnonzero(rises)
        rises_idx = rises_idx[np.argsort(kink[rises_idx], kind="stable")]
        #: for bisection: the falls' kinks negated (ascending), the rises' kinks ascending
        self._falls_neg_kink: list[float] = (-kink[falls_idx]).tolist()
        self._rises_kink: list[float] = kink[rises_idx].tolist()
        self._n_falls, self._n_rises = len(falls_idx), len(rises_idx)
        # driving layout [reversed rises | falls]: the drivers are the middle run
        drive = np.concatenate([rises_idx[::-1], falls_idx])
        # braking layout [falls | reversed rises]: the brakers are the middle run
        brake = np.concatenate([falls_idx, rises_idx[::-1]])
        eta_t, eta_b = powertrain.transmission_efficiency, powertrain.battery_efficiency
        self._rated = powertrain.rated_power
        self._map = powertrain.motor_map
        self._aux, self._eta_b = powertrain.aux_power, eta_b
        self._d_alpha, self._d_beta = alpha[drive] / eta_t, beta[drive] / eta_t
        self._d_dt = dt[drive]
        self._d_cum_dt = np.concatenate([[0.0], np.cumsum(self._d_dt)])
        w = np.full(alpha.shape, powertrain.eta_regen)
        if powertrain.regen_fades:
            w = w * (regen_fade(speed) if fade is None else fade)
        wb = w[brake]
        self._b_alpha, self._b_beta = alpha[brake] * eta_t * wb, beta[brake] * eta_t * wb
        self._b_floor = -self._rated * wb if math.isfinite(self._rated) else None
        self._b_dt = dt[brake]

    def energy(self, mass: float) -> float:
        """Energy drawn from the battery over the cycle, J, at total mass ``mass`` kg (> 0)."""
        drive_falls = bisect_left(self._falls_neg_kink, -mass)    # falls with kink > mass
        drive_rises = bisect_left(self._rises_kink, mass)         # rises with kink < mass
        lo, hi = self._n_rises - drive_rises, self._n_rises + drive_falls
        energy = 0.0
        if hi > lo:
            p_t = self._d_alpha[lo:hi] * mass + self._d_beta[lo:hi]
            load = p_t / self._rated if math.isfinite(self._rated) else np.zeros_like(p_t)
            drive = float(np.dot(p_t / self._map.at(load), self._d_dt[lo:hi]))
            energy += (drive + self._aux * float(self._d_cum_dt[hi] - self._d_cum_dt[lo])) / self._eta_b
        blo, bhi = drive_falls, self._n_falls + self._n_rises - drive_rises
        if bhi > blo:
            p_w = self._b_alpha[blo:bhi] * mass + self._b_beta[blo:bhi]
            if self._b_floor is not None:
                p_w = np.maximum(p_w, self._b_floor[blo:bhi])
            p_b = p_w + self._aux
            dt = self._b_dt[blo:bhi]
            eta_b = self._eta_b
            energy += eta_b * float(np.dot(p_b, dt)) + (1 / eta_b - eta_b) * float(np.dot(np.maximum(p_b, 0.0), dt))
        return energy


# ------------------------------------------------------------------- cabin climate (specs/climate.yaml)

def _climate_tables() -> dict[str, tuple[tuple[float, ...], tuple[float, ...]]]:
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.climate import ClimateFile  # noqa: F401  (registers kind: climate)
    from batcalc.spec.model import load_spec

    spec = load_spec(specs_root() / "climate.yaml", expect="climate", require_sources=True)
    return {s.id: (tuple(p.ambient for p in s.points), tuple(float(p.power.si) for p in s.points))
            for s in spec.systems}


_CLIMATE: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {}


def climate_systems() -> list[str]:
    """The ids of the climate systems in ``specs/climate.yaml`` (``heat-pump``, ``resistance``)."""
    if not _CLIMATE:
        _CLIMATE.update(_climate_tables())
    return sorted(_CLIMATE)


def climate_span(system: str) -> tuple[float, float]:
    """The lowest and highest ambient temperature, K, of ``system``'s table (specs/climate.yaml): outside
    them :func:`climate_power` holds the end value."""
    if system not in climate_systems():
        raise BatcalcError(f"no climate system {system!r}; known: {', '.join(climate_systems())}")
    temps = _CLIMATE[system][0]
    return float(temps[0]), float(temps[-1])


def climate_power(temperature: float, system: str) -> float:
    """Cabin heating or cooling power, W, at ambient ``temperature`` (K) for ``system`` (``heat-pump`` or
    ``resistance``): linear between the table's points (FASTSim's cabin models, specs/climate.yaml),
    held at the end values outside -7..35 °C."""
    if system not in climate_systems():
        raise BatcalcError(f"no climate system {system!r}; known: {', '.join(climate_systems())}")
    temps, power = _CLIMATE[system]
    return float(np.interp(temperature, temps, power))
