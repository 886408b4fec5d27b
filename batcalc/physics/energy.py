"""The energy identities every range, consumption and pack-sizing figure rests on (SI: J, m, J/m).

One home for them: claim evaluators, reports and plots call these instead of writing ``E * f / c``
again. ``1 J/m = 1/3.6 Wh/km``.

- usable energy ``E_usable = E_gross f_usable``
- range ``R = E_usable / c``
- energy for a range ``E_gross = R c / f_usable``
- consumption implied by a range ``c = E_usable / R``
- charge time at an average C-rate ``t = dSoC / C``
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union, overload

from batcalc.errors import BatcalcError
from batcalc.units import check_result

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


@overload
def usable_energy(gross_j: float, f_usable: float) -> float: ...
@overload
def usable_energy(gross_j: NDArray[np.float64], f_usable: float) -> NDArray[np.float64]: ...


def usable_energy(gross_j: Union[float, NDArray[np.float64]], f_usable: float) -> Union[float, NDArray[np.float64]]:
    """Usable energy, J: ``E_usable = E_gross * f_usable`` (``f_usable`` a fraction, 0 < f <= 1; works
    element-wise on an array of gross energies, or of J/kg for usable energy per kg)."""
    return gross_j * f_usable


def range_from_energy(usable_j: float, consumption_j_per_m: float) -> float:
    """Range, m: ``R = E_usable / c`` (E in J, c in J/m at the battery); refuses a range that is not
    finite or beyond the magnitude limit (:func:`batcalc.units.check_result`)."""
    if not consumption_j_per_m > 0:
        raise BatcalcError("consumption must be positive to give a range")
    return float(check_result(usable_j / consumption_j_per_m, "the range", "m",
                              f"{usable_j:.4g} J usable over {consumption_j_per_m:.4g} J/m"))


def gross_energy_for_range(range_m: float, consumption_j_per_m: float, f_usable: float) -> float:
    """Gross pack energy, J, that gives ``range_m`` at ``consumption_j_per_m``: ``E = R c / f_usable``."""
    if not f_usable > 0:
        raise BatcalcError("the usable fraction must be positive")
    return float(check_result(range_m * consumption_j_per_m / f_usable, "the pack energy for the range", "J"))


def consumption_for_range(usable_j: float, range_m: float) -> float:
    """Consumption at the battery, J/m, that a usable energy and a range imply: ``c = E_usable / R``."""
    if not range_m > 0:
        raise BatcalcError("range must be positive to imply a consumption")
    return float(check_result(usable_j / range_m, "the consumption the range implies", "J/m"))


def charge_time_at_c_rate(delta_soc: float, c_rate_per_s: float) -> float:
    """Time, s, to charge ``delta_soc`` (a fraction of the pack) at an average C-rate given in SI,
    1/s (1 C = 1/3600 s^-1): ``t = dSoC / C`` (the inverse of ``C = dSoC / t``)."""
    if not c_rate_per_s > 0:
        raise BatcalcError("the C-rate must be positive to give a charge time")
    return delta_soc / c_rate_per_s


def lifetime_distance(cycles: float, range_m: float, end_retention: float) -> float:
    """Distance, m, driven over ``cycles`` full equivalent cycles when the range per charge fades
    linearly from ``range_m`` (new) to ``end_retention x range_m`` at the last cycle:
    ``D = N R (1 + r_end) / 2`` (the mean of a linear fade; ``r_end = 1`` for no fade)."""
    if cycles < 0 or range_m < 0:
        raise BatcalcError("cycles and range must not be negative")
    if not 0 < end_retention <= 1:
        raise BatcalcError("the retention at the end of life must be above 0 and at most 100 %")
    return cycles * range_m * (1 + end_retention) / 2
