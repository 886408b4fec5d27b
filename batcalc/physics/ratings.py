"""Range ratings from simulated cycles, and what published pairs of ratings say about their ratios.

- WLTP combined range = range on WLTC class 3b (UN GTR No. 15).
- EPA label range (two-cycle method) = 0.7 x (0.55 R_UDDS + 0.45 R_HWFET): the city and highway
  ranges weighted 55/45 and multiplied by the 0.7 adjustment factor (the derived five-cycle method
  lets makers use factors near 0.73-0.74 instead). Sources: DESIGN.md and the references in
  docs/ratings.md (FASTSim ``simdrivelabel.rs``; the Model S/X label derivation published on Tesla
  Motors Club).

Ranges in metres.
"""

from __future__ import annotations

from batcalc.errors import BatcalcError

EPA_CITY_WEIGHT = 0.55
EPA_HIGHWAY_WEIGHT = 0.45
#: EPA's two-cycle adjustment factor for battery-electric vehicles.
EPA_ADJUSTMENT = 0.7


def epa_label_range(range_udds: float, range_hwfet: float, adjustment: float = EPA_ADJUSTMENT) -> float:
    """EPA label range, m, from the unadjusted UDDS (city) and HWFET (highway) ranges, m:
    ``R = adjustment x (0.55 R_city + 0.45 R_highway)``."""
    if not (range_udds > 0 and range_hwfet > 0):
        raise BatcalcError("ranges must be positive")
    if not 0 < adjustment <= 1:
        raise BatcalcError("the adjustment factor must be above 0 and at most 1")
    return adjustment * (EPA_CITY_WEIGHT * range_udds + EPA_HIGHWAY_WEIGHT * range_hwfet)


def ratio_between(range_from: float, range_to: float) -> float:
    """How a range on one cycle converts to another for the same vehicle: ``R_to / R_from``."""
    if not (range_from > 0 and range_to > 0):
        raise BatcalcError("ranges must be positive")
    return range_to / range_from
