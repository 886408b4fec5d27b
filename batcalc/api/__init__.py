"""batcalc's Python API: the names ``import batcalc`` offers (:data:`batcalc.__all__`).

Inputs take units: text (``'480 kg'``, ``'75 kWh'``) or pint Quantities of any registry; a bare number
where a unit is needed is a :class:`TypeError` that names the unit expected. Results give their figures
as pint Quantities of batcalc's registry (:func:`batcalc.units.ureg`) and keep the SI result of the
layers below as ``raw``. Documented with examples in docs/api.md.
"""

from __future__ import annotations

from batcalc.api.bands import RangeBands, range_bands
from batcalc.api.cells import Cell, Comparison, compare, load_cell
from batcalc.api.claims import ClaimResult, check
from batcalc.api.quantities import Q, convert
from batcalc.api.vehicles import (
    ChargeCurveResult,
    ChargeResult,
    ChargeWindow,
    ConsumptionResult,
    NormaliseResult,
    RangeResult,
    TradeoffResult,
    Vehicle,
    charge,
    consumption,
    load_vehicle,
    normalise,
    range_of,
    sweep,
    tradeoff,
)
from batcalc.errors import BatcalcError


def catalog(kind: str = "cell") -> list[str]:
    """Ids in the built-in catalogue of ``kind``: ``cell``, ``vehicle``, ``claim`` (claims files), ``cycle`` (drive
    cycles), ``charger`` (charger classes and stations) or ``taper`` (charge tapers), as ``batcalc list --kind``
    lists them; a kind that is not text is a :class:`TypeError`."""
    from batcalc.spec.catalog import KIND_DIRS, catalog_ids

    kinds = (*KIND_DIRS, "cycle", "charger", "taper")
    if not isinstance(kind, str):
        raise TypeError(f"catalog needs a kind as text: {', '.join(map(repr, kinds))}, got {type(kind).__name__}")
    if kind == "cycle":
        from batcalc.physics.cycles import cycle_ids

        return list(cycle_ids())
    if kind == "charger":
        from batcalc.physics.charge import chargers

        return [c.id for c in chargers()]
    if kind == "taper":
        from batcalc.spec.tapers import taper_ids

        return list(taper_ids())
    if kind not in KIND_DIRS:
        raise BatcalcError(f"unknown catalogue kind {kind!r}: choose {', '.join(kinds)}")
    return catalog_ids(kind)


__all__ = ["BatcalcError", "Cell", "ChargeCurveResult",
           "ChargeResult", "ChargeWindow", "ClaimResult", "Comparison", "ConsumptionResult",
           "NormaliseResult", "Q", "RangeBands", "RangeResult", "TradeoffResult", "Vehicle", "catalog", "charge",
           "check", "compare", "consumption", "convert", "load_cell", "load_vehicle", "normalise", "range_bands",
           "range_of", "sweep", "tradeoff"]
