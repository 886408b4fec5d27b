"""Charging maths: average C-rate, power and range added over a charge window.

Plain SI numbers in and out (fractions 0..1, seconds, joules, watts, metres); formulas from
DESIGN.md: ``C_avg = dSoC / t[h]``, ``P_avg = dSoC * E_pack / t``.
"""

from __future__ import annotations

#: Start SoCs shown when a charge claim leaves the start open: from empty and the common 10 %.
ASSUMED_STARTS = (0.0, 0.10)


def average_c_rate(from_soc: float, to_soc: float, seconds: float) -> float:
    """Average C-rate, in 1/h (= C), of charging from ``from_soc`` to ``to_soc`` in ``seconds``.

    ``C_avg = (to - from) / (t / 3600 s)``; e.g. 0 -> 80 % in 12 min = 0.8 / 0.2 h = 4 C.
    """
    if seconds <= 0:
        raise ValueError("charge time must be positive")
    return (to_soc - from_soc) / (seconds / 3600.0)


def average_power(from_soc: float, to_soc: float, seconds: float, pack_energy_j: float) -> float:
    """Average power at the battery, W: ``P = (to - from) * E_pack / t`` (E in J, t in s)."""
    if seconds <= 0:
        raise ValueError("charge time must be positive")
    return (to_soc - from_soc) * pack_energy_j / seconds
