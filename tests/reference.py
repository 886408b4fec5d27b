"""Reference implementations the fast physics is checked against, written plainly from the formulas.

Consumption over a drive cycle (batcalc.physics.vehicle's module docstring), one step at a time for
one mass: for each step between samples i and i+1, ``dt = t1 - t0``, mean speed ``v = (v0 + v1) / 2``,
acceleration ``a = (v1 - v0) / dt``; force at the wheels
``F = m a (1 + k_rot) + m g C_rr + 1/2 rho_air C_d A v^2`` (or ``m a (1 + k_rot) + F0 + F1 v + F2 v^2``
in the coast-down form; rolling and coast-down resistance only while moving); ``P = F v``; battery
power ``P / eta`` when ``P > 0``, else ``P eta k_regen``, plus ``P_aux``; consumption
``c = sum(P_batt dt) / sum(v dt)``, J/m.
"""

from __future__ import annotations

from batcalc.physics.vehicle import RHO_AIR, G


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
        force = mass * a * (1 + load.k_rot)
        if load.coast_down:
            if v > 0:
                force += load.f0 + load.f1 * v + load.f2 * v * v
        else:
            if v > 0:
                force += mass * G * load.c_rr
            force += 0.5 * RHO_AIR * load.cd_a * v * v
        power = force * v
        battery = power / load.eta if power > 0 else power * load.eta * load.k_regen
        energy += (battery + load.p_aux) * dt
        distance += v * dt
    return energy / distance
