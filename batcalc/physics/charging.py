"""A charge as it happens: the cell's taper and C-rate, the pack's energy and voltage, the charger's
limits -> a :class:`~batcalc.physics.charge_curve.ChargeCurve`; and what a maker's "X % in N minutes"
implies for the cell's peak C-rate. SI throughout (J, V, W, A, s; C-rates in 1/s).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional

from batcalc.errors import BatcalcError
from batcalc.physics.cells import CellFigures
from batcalc.physics.charge import DEFAULT_CHARGER_EFFICIENCY, ac_battery_power
from batcalc.physics.charge import DEFAULT_PACK_VOLTAGE as DEFAULT_PACK_VOLTAGE
from batcalc.physics.charge import ChargerLimits as ChargerLimits
from batcalc.physics.charge import charger as charger
from batcalc.physics.charge import charger_catalogue as charger_catalogue
from batcalc.physics.charge import is_ac as is_ac
from batcalc.physics.charge_curve import (
    ChargeCurve,
    ChargeLimits,
    Table,
    Taper,
    default_taper,
    family_of,
    peak_c_rate_for,
    taper,
)


def cell_taper(cell: CellFigures) -> Taper:
    """The taper of ``cell``: the default of its chemistry family (specs/tapers.yaml)."""
    return default_taper(cell.spec.chemistry)


@dataclass(frozen=True)
class CellLimit:
    """The cell's charge limit: peak C-rate (1/s, None: unknown) times a taper (share of it against SoC),
    and where each came from, in words for the report."""

    peak_c_rate: Optional[float]
    taper: Table
    peak_from: str                         # rating | option | curve | claim | none
    peak_text: str
    taper_id: Optional[str]                # None: the cell's own charge_curve
    taper_text: str


def _own_curve(cell: CellFigures) -> Optional[tuple[float, Table]]:
    """The cell spec's own ``charge_curve`` as (peak C-rate 1/s, taper = curve / peak), or None. A power
    per cell is turned into a C-rate with the cell's energy: ``C = P / E_cell``."""
    spec = cell.spec.charging.charge_curve
    if spec is None:
        return None
    if spec.points[0].c_rate is not None:
        values = [p.c_rate.si for p in spec.points]                  # type: ignore[union-attr]
    else:
        e_cell = cell.get("energy")
        if e_cell is None:
            raise BatcalcError(f"{cell.id}'s charge curve gives power per cell, but the cell gives no energy "
                               f"(or voltage and capacity) to turn it into a C-rate")
        values = [p.power.si / e_cell for p in spec.points]          # type: ignore[union-attr]
    peak = max(values)
    return peak, Table(tuple(p.soc.si for p in spec.points), tuple(v / peak for v in values),
                       step=spec.shape == "step")


def _c(x: float) -> str:
    return f"{x * 3600:.3g} C"


@dataclass(frozen=True)
class CellShape:
    """The shape of a cell's charge limit: the share of its peak C-rate against SoC, and where it came from.
    ``taper``: the taper of specs/tapers.yaml, None for the cell's own ``charge_curve``, whose peak C-rate
    (1/s) is ``curve_peak``."""

    table: Table
    taper: Optional[Taper]
    text: str
    curve_peak: Optional[float] = None


def cell_shape(cell: CellFigures, taper_id: Optional[str] = None) -> CellShape:
    """The shape of ``cell``'s charge limit: the taper ``taper_id``, else the shape of the cell's own
    ``charge_curve`` (curve / its peak), else its ``charging.taper``, else the default of its chemistry
    family (specs/tapers.yaml). The one home of this choice for the charge curve (:func:`cell_limit`) and
    the peaks the claims imply (:func:`implied_peaks`)."""
    own = _own_curve(cell)
    spec_taper = cell.spec.charging.taper
    if taper_id is not None or own is None:
        chosen = taper_id if taper_id is not None else spec_taper    # '' is no taper id, not "none given"
        t = taper(chosen) if chosen is not None else cell_taper(cell)
        why = "given" if taper_id is not None else f"{cell.id}'s taper" if spec_taper else \
            f"default for {family_of(cell.spec.chemistry)} cells"
        return CellShape(t.table, t, f"taper {t.id} ({why}; {t.grade}{': ' + t.assumption if t.assumption else ''})",
                         None if own is None else own[0])
    return CellShape(own[1], None, f"{cell.id}'s own charge curve (charging.charge_curve)", own[0])


def curve_stop(cell: Optional[CellFigures]) -> Optional[tuple[float, str]]:
    """``(stop, shape)`` when ``cell``'s own ``charge_curve`` (its shape, :func:`cell_shape`) falls to 0: the SoC,
    0..1, from which no charge passes at any C-rate (:func:`batcalc.physics.charge_curve.taper_stop`) and the
    shape in words; None when it has no curve, the curve stays above 0, or it cannot be read (a power per cell
    without the cell's energy: refused where the curve is used, :func:`cell_limit`). Every taper of
    specs/tapers.yaml is above 0 throughout (tests/test_charge_claim_stop.py): only a cell's own curve stops."""
    if cell is None or cell.spec.charging.charge_curve is None:
        return None
    from batcalc.physics.charge_curve import taper_stop

    try:
        shape = cell_shape(cell)
    except BatcalcError:
        return None
    stop = taper_stop(shape.table)
    return (stop, shape.text) if stop < 1.0 else None


def rate_notes(cell: CellFigures, to_soc: float) -> tuple[list[str], list[str]]:
    """``(notes, warnings)`` on whether ``cell`` can take the average C-rates of charge windows ending at
    ``to_soc`` (0..1), as ``batcalc charge`` and the API's ``charge`` state them: a cell whose own charge curve
    is 0 before ``to_soc`` charges no such window at any rate (:func:`curve_stop`: a warning; the curve mode
    refuses it); one without a rated ``max_c_rate`` is judged by nothing, unless its own curve gives a peak."""
    notes: list[str] = []
    warnings: list[str] = []
    stopped = curve_stop(cell)
    if stopped is not None and to_soc > stopped[0]:
        warnings.append(f"{stopped[1]} is 0 from {stopped[0] * 100:.4g} %: no charge passes it, so none reaches "
                        f"{to_soc * 100:.4g} % at any C-rate (a charge along the charge curve refuses the "
                        f"window)")
    if cell.get("max_c_rate") is None:
        try:
            own = _own_curve(cell)
        except BatcalcError:            # a power per cell without the cell's energy: no peak to state
            own = None
        notes.append(f"{cell.id} gives no max charge C-rate: whether the cell can take these rates is not known"
                     if own is None else f"{cell.id} gives no max charge C-rate; its own charge curve peaks at "
                                         f"{_c(own[0])}: an average above it cannot be")
    return notes, warnings


def cell_limit(cell: CellFigures, peak_c_rate: Optional[float] = None, taper_id: Optional[str] = None,
               use_claims: bool = True) -> CellLimit:
    """The cell's charge limit. Taper: :func:`cell_shape` (``taper_id``, else the cell's ``charge_curve``
    (its shape), else its ``charging.taper``, else the default of its chemistry family). Peak C-rate:
    ``peak_c_rate``, else the peak of its ``charge_curve``, else its rated ``max_c_rate``, else (with
    ``use_claims``) the least peak its charge claims imply under the taper (:func:`implied_peaks`; the
    slowest reading of the claims), else None (the charger alone limits)."""
    shape = cell_shape(cell, taper_id)
    table, taper_text, own_peak = shape.table, shape.text, shape.curve_peak
    tid = None if shape.taper is None else shape.taper.id
    rated = cell.get("max_c_rate")
    if peak_c_rate is not None:
        above = f"; above {cell.id}'s rated max C-rate {_c(rated)}" if rated is not None and \
            peak_c_rate > rated * (1 + 1e-9) else ""
        return CellLimit(peak_c_rate, table, "option", f"peak C-rate {_c(peak_c_rate)} (given{above})", tid,
                         taper_text)
    if own_peak is not None:
        return CellLimit(own_peak, table, "curve", f"peak C-rate {_c(own_peak)} ({cell.id}'s charge curve)", tid,
                         taper_text)
    if rated is not None:
        return CellLimit(rated, table, "rating", f"peak C-rate {_c(rated)} ({cell.id}'s rated max C-rate)", tid,
                         taper_text)
    if use_claims and cell.spec.charging.claims:
        peaks = [p for p in implied_peaks(cell, tid) if math.isfinite(p.peak_c_rate)] if tid else []
        if peaks:
            p = min(peaks, key=lambda x: x.peak_c_rate)
            return CellLimit(p.peak_c_rate, table, "claim",
                             f"peak C-rate {_c(p.peak_c_rate)}: what {cell.id}'s claim {p.from_soc * 100:.0f}->"
                             f"{p.to_soc * 100:.0f} % in {p.seconds / 60:g} min implies under {tid} (no rated "
                             f"C-rate; the least of the claim's readings)", tid, taper_text)
    return CellLimit(None, table, "none", f"{cell.id} gives no charge C-rate (no rating, no claim): the charger "
                     f"alone limits", tid, taper_text)


def pack_voltage_curve(cell: CellFigures, pack_voltage: float) -> Optional[tuple[int, Table]]:
    """The pack's voltage against SoC from the cell's voltage curve: ``n = round(V_pack / V_cell,nominal)``
    cells in series, ``V_pack(s) = n V_cell(s)``; None when the cell gives no curve or no nominal
    voltage (then the pack's nominal voltage holds throughout)."""
    electrical = cell.spec.electrical
    curve, nominal = electrical.voltage_curve, cell.get("nominal_voltage")
    if curve is None or nominal is None:
        return None
    series = max(1, round(pack_voltage / nominal))
    return series, Table(tuple(float(q.soc.si) for q in curve.points),
                         tuple(series * float(q.voltage.si) for q in curve.points))


def curve_for(limit: CellLimit, pack_energy: float, pack_voltage: float = DEFAULT_PACK_VOLTAGE,
              station: Optional[ChargerLimits] = None, voltage: Optional[Table] = None,
              charger_efficiency: float = DEFAULT_CHARGER_EFFICIENCY) -> ChargeCurve:
    """The charge curve of a pack of ``pack_energy`` J at ``pack_voltage`` V with the cell limit ``limit`` on
    ``station`` (None: no charger limit), its voltage ``voltage`` against SoC when given (else
    ``pack_voltage`` throughout). An AC class limits by its power alone, drawn from the grid: ``P_AC x
    charger_efficiency`` at the battery (:func:`~batcalc.physics.charge.ac_battery_power`). A pack below
    the station's lowest voltage, or nothing limiting the charge, is an error."""
    if station is not None and station.min_voltage is not None and pack_voltage < station.min_voltage:
        raise BatcalcError(f"{station.id} delivers {station.min_voltage:.0f} V at the least: it cannot charge a "
                           f"{pack_voltage:.0f} V pack")
    dc = station is not None and not is_ac(station)
    limits = ChargeLimits(pack_energy=pack_energy, nominal_voltage=pack_voltage, voltage=voltage,
                          peak_c_rate=limit.peak_c_rate, taper=limit.taper,
                          charger_power=(None if station is None or station.power is None
                                         else station.power if dc else ac_battery_power(station.power,
                                                                                        charger_efficiency)),
                          charger_current=station.current if dc else None,       # type: ignore[union-attr]
                          charger_voltage=station.max_voltage if dc else None)   # type: ignore[union-attr]
    return ChargeCurve(limits)


def charge_curve(cell: CellFigures, pack_energy: float, pack_voltage: float = DEFAULT_PACK_VOLTAGE,
                 station: Optional[ChargerLimits] = None, peak_c_rate: Optional[float] = None,
                 taper_id: Optional[str] = None) -> ChargeCurve:
    """The charge curve of a pack of ``pack_energy`` J of ``cell`` at ``pack_voltage`` V on ``station``.

    The cell's limit is its rated max C-rate (or ``peak_c_rate``, 1/s) times its taper; without a
    rating and without a charger nothing limits the charge, which is an error (claims are not read
    here: :func:`cell_limit` with ``use_claims`` does that)."""
    limit = cell_limit(cell, peak_c_rate, taper_id, use_claims=False)
    if limit.peak_c_rate is None and station is None:
        raise BatcalcError(f"{cell.id} gives no rated charge C-rate: name a charger station or a peak C-rate")
    return curve_for(limit, pack_energy, pack_voltage, station)


@dataclass(frozen=True)
class ImpliedPeak:
    """What a charge claim ("to_soc in time", from ``from_soc``) implies under a taper."""

    from_soc: float
    to_soc: float
    seconds: float
    average_c_rate: float                  # 1/s
    peak_c_rate: float                     # 1/s; inf: the shape is 0 before to_soc (:attr:`stop`)
    stop: float = 1.0                      # the SoC from which the shape is 0 (1: never)


def implied_peaks(cell: CellFigures, taper_id: Optional[str] = None) -> list[ImpliedPeak]:
    """For each of the cell's charge claims (an open start as 0 % and 10 %), the average C-rate
    ``dSoC / t`` and the peak C-rate its shape needs: ``C_peak = integral ds / share(s) / t``. The shape is
    the one the charge curve uses (:func:`cell_shape`): the taper ``taper_id``, else the cell's own charge
    curve, else its taper, else its chemistry's. A claim past where the shape falls to 0 (a curve at 0 C
    from 95 %, a claim to 100 %) needs an infinite peak: ``inf`` (no peak charges it)."""
    from batcalc.physics.charge import starts_of
    from batcalc.physics.charge_curve import taper_stop

    table = cell_shape(cell, taper_id).table
    stop = taper_stop(table)
    out = []
    claim: Any
    for claim in cell.spec.charging.claims:
        for start in starts_of(claim.from_soc.si if claim.from_soc is not None else None, claim.to_soc.si):
            seconds, end = claim.time.si, claim.to_soc.si
            peak = math.inf if end > stop else peak_c_rate_for(table, start, end, seconds)
            out.append(ImpliedPeak(start, end, seconds, (end - start) / seconds, peak, stop))
    return out


def tapers() -> list[tuple[Taper, list[str]]]:
    """Every taper of ``specs/tapers.yaml`` with the chemistry families it is the default for."""
    from batcalc.physics.charge_curve import _tapers

    by_id, family = _tapers()
    return [(t, sorted(f for f, tid in family.items() if tid == t.id)) for t in by_id.values()]
