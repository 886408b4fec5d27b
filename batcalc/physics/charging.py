"""A charge as it happens: the cell's taper and C-rate, the pack's energy and voltage, the charger's
limits -> a :class:`~batcalc.physics.charge_curve.ChargeCurve`; and what a maker's "X % in N minutes"
implies for the cell's peak C-rate. SI throughout (J, V, W, A, s; C-rates in 1/s).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from batcalc.errors import BatcalcError
from batcalc.physics.cells import CellFigures
from batcalc.physics.charge_curve import ChargeCurve, ChargeLimits, Taper, default_taper, peak_c_rate_for, taper

#: Pack voltage when neither a vehicle nor --pack-voltage gives one: the common 400 V class (stated).
DEFAULT_PACK_VOLTAGE = 400.0


@dataclass(frozen=True)
class ChargerLimits:
    """A charger's limits at its DC output (None where the catalogue gives none)."""

    id: str
    name: str
    power: Optional[float]                 # W
    current: Optional[float]               # A
    max_voltage: Optional[float]           # V
    min_voltage: Optional[float] = None    # V


@lru_cache(maxsize=1)
def charger_catalogue() -> dict[str, ChargerLimits]:
    """Charger classes and stations of ``specs/chargers.yaml`` by id (every limit sourced there; a station
    without its own current or voltage takes its connector's: :func:`batcalc.spec.chargers.limits`)."""
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.chargers import limits
    from batcalc.spec.model import load_spec

    spec = load_spec(specs_root() / "chargers.yaml", expect="chargers", require_sources=True)
    out = {}
    for c in spec.chargers:
        lim = limits(spec, c.id)
        out[c.id] = ChargerLimits(c.id, c.name, lim.power, lim.current, lim.max_voltage, lim.min_voltage)
    return out


def charger(charger_id: str) -> ChargerLimits:
    """The charger ``charger_id`` from the catalogue; an unknown id names the known ones."""
    known = charger_catalogue()
    if charger_id not in known:
        import difflib

        hint = difflib.get_close_matches(charger_id, list(known), n=3, cutoff=0.5)
        raise BatcalcError(f"no charger {charger_id!r}" + (f"; did you mean {', '.join(hint)}?" if hint else
                                                           f"; known: {', '.join(sorted(known))}"))
    return known[charger_id]


def cell_taper(cell: CellFigures) -> Taper:
    """The taper of ``cell``: the default of its chemistry family (specs/tapers.yaml)."""
    return default_taper(cell.spec.chemistry)


def charge_curve(cell: CellFigures, pack_energy: float, pack_voltage: float = DEFAULT_PACK_VOLTAGE,
                 station: Optional[ChargerLimits] = None, peak_c_rate: Optional[float] = None,
                 taper_id: Optional[str] = None) -> ChargeCurve:
    """The charge curve of a pack of ``pack_energy`` J of ``cell`` at ``pack_voltage`` V on ``station``.

    The cell's limit is its rated max C-rate (or ``peak_c_rate``, 1/s) times its taper; without a
    rating and without a charger nothing limits the charge, which is an error."""
    c_peak = peak_c_rate if peak_c_rate is not None else cell.get("max_c_rate")
    if station is not None and station.min_voltage is not None and pack_voltage < station.min_voltage:
        raise BatcalcError(f"{station.id} delivers {station.min_voltage:.0f} V at the least: it cannot charge a "
                           f"{pack_voltage:.0f} V pack")
    if c_peak is None and station is None:
        raise BatcalcError(f"{cell.id} gives no rated charge C-rate: name a charger (--charger) or a peak C-rate")
    limits = ChargeLimits(pack_energy=pack_energy, nominal_voltage=pack_voltage, peak_c_rate=c_peak,
                          taper=(taper(taper_id) if taper_id else cell_taper(cell)).table,
                          charger_power=station.power if station else None,
                          charger_current=station.current if station else None,
                          charger_voltage=station.max_voltage if station else None)
    return ChargeCurve(limits)


@dataclass(frozen=True)
class ImpliedPeak:
    """What a charge claim ("to_soc in time", from ``from_soc``) implies under a taper."""

    from_soc: float
    to_soc: float
    seconds: float
    average_c_rate: float                  # 1/s
    peak_c_rate: float                     # 1/s


def implied_peaks(cell: CellFigures, taper_id: Optional[str] = None) -> list[ImpliedPeak]:
    """For each of the cell's charge claims (an open start as 0 % and 10 %), the average C-rate
    ``dSoC / t`` and the peak C-rate its taper needs: ``C_peak = integral ds / share(s) / t``."""
    from batcalc.physics.charge import ASSUMED_STARTS

    t = taper(taper_id) if taper_id else cell_taper(cell)
    out = []
    claim: Any
    for claim in cell.spec.charging.claims:
        starts = [claim.from_soc.si] if claim.from_soc is not None else \
            [s for s in ASSUMED_STARTS if s < claim.to_soc.si]
        for start in starts:
            seconds = claim.time.si
            out.append(ImpliedPeak(start, claim.to_soc.si, seconds, (claim.to_soc.si - start) / seconds,
                                   peak_c_rate_for(t.table, start, claim.to_soc.si, seconds)))
    return out
