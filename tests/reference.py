"""Reference implementations the fast physics is checked against, written plainly from the formulas.

Consumption over a drive cycle (batcalc.physics.vehicle's and batcalc.physics.powertrain's module
docstrings), one step at a time for one mass: for each step between samples i and i+1,
``dt = t1 - t0``, mean speed ``v = (v0 + v1) / 2``, acceleration ``a = (v1 - v0) / dt``; force at the
wheels ``F = (m (1 + k_rot) + m_rot) a + m g C_rr + 1/2 rho_air C_d A v^2`` (or with ``F0 + F1 v + F2 v^2``
in the coast-down form; rolling and coast-down resistance only while moving); ``P = F v``. Then the
powertrain: through the gear (``P / eta_t`` or ``P eta_t``), the motor (``P_t / eta_m(load)`` or, when
braking, ``max(P_t, -P_rated) eta_regen fade(v)``), plus ``P_aux``, and the battery (``/ eta_b`` when
drawing, ``x eta_b`` when charging); consumption ``c = sum(P_batt dt) / sum(v dt)``, J/m.
"""

from __future__ import annotations

import math


def _map(points, x, step):
    """A motor map read by hand: the point at or below ``x`` (step) or linear between points."""
    loads, effs = points
    if x <= loads[0]:
        return effs[0]
    for k in range(len(loads) - 1):
        if loads[k] <= x < loads[k + 1]:
            if step:
                return effs[k]
            return effs[k] + (effs[k + 1] - effs[k]) * (x - loads[k]) / (loads[k + 1] - loads[k])
    return effs[-1]


def battery_power(pt, p: float, v: float) -> float:
    """Power drawn from the battery's store, W, for ``p`` W at the wheels at mean speed ``v`` m/s."""
    p_t = p / pt.transmission_efficiency if p > 0 else p * pt.transmission_efficiency
    if p_t > 0:
        p_e = p_t / _map((pt.motor_map.load, pt.motor_map.efficiency), p_t / pt.rated_power, pt.motor_map.step)
    else:
        fade = 1.0 / (1.0 + 500.0 * math.exp(-0.99 * (v / 0.44704 + 1.0))) if pt.regen_fades else 1.0
        p_e = max(p_t, -pt.rated_power) * pt.eta_regen * fade
    p_b = p_e + pt.aux_power
    return p_b / pt.battery_efficiency if p_b > 0 else p_b * pt.battery_efficiency


def consumption_step_by_step(load, cycle, mass: float) -> float:
    """Consumption at the battery, J/m, of total mass ``mass`` kg on ``cycle``: a plain loop over steps."""
    energy = 0.0
    distance = 0.0
    times, speeds = [float(t) for t in cycle.time], [float(s) for s in cycle.speed]
    for i in range(len(times) - 1):
        t0, t1, v0, v1 = times[i], times[i + 1], speeds[i], speeds[i + 1]
        dt = t1 - t0
        v = (v0 + v1) / 2
        a = (v1 - v0) / dt
        force = (mass * (1 + load.k_rot) + load.m_rot) * a
        if load.coast_down:
            if v > 0:
                force += load.f0 + load.f1 * v + load.f2 * v * v
        else:
            if v > 0:
                force += mass * load.g * load.c_rr
            force += 0.5 * load.rho * load.cd_a * v * v
        energy += battery_power(load.powertrain, force * v, v) * dt
        distance += v * dt
    return energy / distance
