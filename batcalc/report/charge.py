"""``batcalc charge`` results as rows, notes and JSON data: the average-rate windows of a claim or a
given time or power, the charge curve on a charger (time, average and peak power, the deciding limit
and where, energy and range added in 5, 10 and 15 minutes), and the peak C-rates the catalogue's charge
claims imply (``batcalc charge --implied``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional

from batcalc.errors import BatcalcError, InputsError, literal, option_name
from batcalc.physics.pack import DEFAULT_F_USABLE
from batcalc.report.reports import _kwh
from batcalc.units import Shown, format_number, from_si, shown, shown_text

if TYPE_CHECKING:
    from batcalc.physics.cells import CellFigures
    from batcalc.physics.charge_curve import WindowResult

#: (headers, rows, notes, JSON data) of a report.
Report = tuple[list[str], list[list[Any]], list[str], Any]

#: Minutes after which energy and range added are shown (``batcalc charge --charger``).
ADDED_AFTER_MINUTES = (5, 10, 15)
#: Pack energy of the ``--implied`` table's peak-power column when none is given: 75 kWh (the issue's example).
IMPLIED_PACK_ENERGY = 75 * 3.6e6
#: The words a limit of :data:`batcalc.physics.charge_curve.LIMITS` is reported with.
LIMIT_TEXT = {"charger power": "charger power", "charger current": "charger current x pack voltage",
              "battery": "cell C-rate (taper)"}
#: The rows of a charge along the curve (``batcalc charge --charger``) by their key in its JSON ``window``:
#: the table's labels, which its bands (``--bands``) use too.
CURVE_LABELS = {"time": "time", "energy_added": "energy added", "average_power_battery": "average power at the battery",
                "peak_power_battery": "peak power at the battery", "average_power_grid": "average power from the grid",
                "peak_power_grid": "peak power from the grid", "peak_from_soc": "peak held from",
                "peak_to_soc": "peak held to", "average_c_rate": "average C-rate",
                "peak_c_rate": "peak C-rate (power / pack energy)"}


_q = shown_text


def _pct(x: float) -> str:
    return f"{format_number(x * 100)} %"


def vehicle_consumption(cell: CellFigures, vehicle: Any, pack_energy: Optional[float],
                        cycle: Optional[str], system: str,
                        notes: list[str], assumed: Optional[Any] = None, warnings: Optional[list[str]] = None
                        ) -> tuple[Any, Optional[float], Optional[float]]:
    """(vehicle or None, pack energy J, consumption J/m or None) for a charge: the vehicle's reference pack
    energy when none is given, and its consumption at the mass of a ``cell`` pack of that energy (notes
    say which). ``vehicle``: a catalogue id or path, a loaded :class:`~batcalc.physics.vehicle.Vehicle`
    or None. The vehicle's warnings go to ``warnings`` when given, else into ``notes`` as ``warning: ...``.
    ``assumed``: the default assumptions to run at (:class:`batcalc.physics.bands.Assumed`; None: the
    defaults). The one home of these notes for ``batcalc charge`` and :func:`batcalc.charge`."""
    from batcalc.physics.bands import Assumed
    from batcalc.physics.pack import PackOptions
    from batcalc.physics.tradeoff import charge_vehicle, cycle_label

    if vehicle is None:
        from batcalc.physics.charge import check_cycle_needs_vehicle

        check_cycle_needs_vehicle(cycle, False)
        return None, pack_energy, None
    from batcalc.physics.vehicle import load_vehicle

    a = assumed if assumed is not None else Assumed()
    v = load_vehicle(vehicle) if isinstance(vehicle, str) else vehicle
    if assumed is not None:
        v = v.with_assumed(assumed)
    found = charge_vehicle(cell, v, pack_energy, cycle, PackOptions.assumed(a))
    pack_energy, consumption = found.pack_energy, found.consumption
    if found.from_reference:
        notes.append(f"pack energy {_kwh(pack_energy)} kWh: {v.id}'s reference pack")
    notes.append(f"consumption {_q(consumption, 'consumption', system)}: {v.id} on "
                 f"{cycle_label(v, found.cycle, system)} at {_q(found.total_mass, 'mass', system)} ({found.how}); "
                 f"range added: the usable {a['usable-fraction'] * 100:.0f} % of the energy added over the "
                 f"consumption (a full charge adds the full range)")
    if warnings is not None:
        warnings += found.warnings(v, system)
    else:
        notes += [f"warning: {w}" for w in found.warnings(v, system)]
    notes += conditions_notes(v, found.cycle is not None, system)
    return v, pack_energy, consumption


def conditions_notes(vehicle: Any, simulated: bool, system: str = "metric") -> list[str]:
    """What a charge states of the conditions :meth:`~batcalc.physics.vehicle.Vehicle.in_conditions` set on
    ``vehicle`` (:func:`batcalc.report.vehicle.ambient_notes`), and that they change the range added, not the
    charge rate; none when it has none."""
    from batcalc.report.vehicle import conditions_set_notes

    stated = conditions_set_notes(vehicle, simulated, system)
    return [] if not stated else stated + [
        "the conditions change the consumption, so the range added, not the charge rate (batcalc has no "
        "temperature model of charging)"]


def open_start_notes(windows: Any) -> list[str]:
    """The note that a charge's start SoC is not stated, with the starts shown for each window end
    (:func:`batcalc.physics.charge.open_start_text`); none when every window states its start."""
    from batcalc.physics.charge import open_start_text

    ends = sorted({w.to_soc for w in windows if not w.start_stated})
    return ["the start SoC is not stated: " + "; ".join(open_start_text(e) for e in ends) + " shown"] if ends else []


def pack_voltage_of(v: Any, pack_voltage: Optional[float], a: Any, notes: list[str],
                    name: Callable[[str], str] = option_name) -> float:
    """The pack's nominal voltage, V, for a charge (:func:`batcalc.physics.charge.pack_voltage_for`:
    ``pack_voltage`` (--pack-voltage), else the vehicle ``v``'s reference pack's, else the
    ``pack-voltage`` assumption of ``a``, 400 V); ``notes`` say which, naming the input ``name('pack_voltage')``
    (:func:`option_name`: the command line's words)."""
    from batcalc.physics.charge import pack_voltage_for

    volts, how = pack_voltage_for(v, pack_voltage, a)
    given = name("pack_voltage")
    notes.append(f"pack voltage {volts:.4g} V ({given})" if how == "given" else
                 f"pack voltage {volts:.4g} V: {v.id}'s reference pack" if how == "reference" else
                 f"pack voltage {volts:.0f} V (default: no {given}"
                 f"{'' if v is None else f' and {v.id} gives none'})")
    return volts


def no_pack_energy_note(name: Callable[[str], str] = option_name) -> str:
    """The note of a charge without a pack energy, naming the inputs that give one as ``name`` spells them."""
    return f"no pack energy (give {name('pack_energy')} or {name('vehicle')}): C-rates only"


def charge_report(cell: CellFigures, vehicle_name: Optional[str], pack_energy: Optional[float],
                  from_soc: Optional[float], to_soc: Optional[float], seconds: Optional[float],
                  power: Optional[float], cycle: Optional[str], eta: Optional[float], system: str,
                  assumed: Optional[Any] = None, pack_voltage: Optional[float] = None,
                  loaded: Optional[Any] = None) -> Report:
    """Headers, rows, notes and JSON data for ``batcalc charge`` at an average rate: one column per
    charge window (the cell's claims, or ``--to`` with ``--time`` or ``--power``), and the chargers that
    deliver each window's power at the battery into a pack of ``pack_voltage`` V (:func:`pack_voltage_of`;
    :meth:`batcalc.physics.charge.Window.chargers`). ``assumed``: the default assumptions to run at (None:
    the defaults). ``loaded``: the vehicle named ``vehicle_name`` already loaded, in its conditions
    (:meth:`~batcalc.physics.vehicle.Vehicle.in_conditions`; None: loaded here as it is)."""
    from batcalc.physics.bands import Assumed
    from batcalc.physics.charge import Window, check_charge_inputs, check_pack_voltage, requested_windows
    from batcalc.physics.charging import rate_notes

    a = assumed if assumed is not None else Assumed()
    eta = a["charger-efficiency"] if eta is None else eta
    check_charge_inputs(pack_energy, eta)          # before the pack energy sizes a pack below
    check_pack_voltage(pack_voltage)
    notes = [f"charger efficiency {eta * 100:.0f} % (grid power = battery power / efficiency); charger limits "
             f"are at its DC output; battery power over the gross pack energy (an upper estimate)"]
    v, pack_energy, consumption = vehicle_consumption(cell, loaded if loaded is not None else vehicle_name,
                                                      pack_energy, cycle, system, notes, assumed)
    if vehicle_name is None and pack_energy is None:
        notes.append(no_pack_energy_note())
    rated = cell.get("max_c_rate")
    max_c = float(from_si(rated, "c_rate", "C")) if rated else None
    common: dict[str, Any] = dict(pack_energy=pack_energy, consumption=consumption, charger_efficiency=eta,
                                  max_c_rate=max_c)
    if pack_energy is not None or pack_voltage is not None:
        common["pack_voltage"] = pack_voltage_of(v, pack_voltage, a, notes)
        notes.append("chargers that deliver it: min(charger power, charger current x pack voltage) at least the "
                     "power at the battery; an AC class: its power (drawn from the grid) x the charger efficiency "
                     "(docs/charging.md; specs/chargers.yaml)")
    if consumption is not None:
        common["usable_fraction"] = a["usable-fraction"]
    windows = requested_windows(cell, from_soc, to_soc, seconds, power, curve=True, **common)
    notes += open_start_notes(windows)
    said, cannot = rate_notes(cell, windows[0].to_soc)
    notes += said + [f"warning: {w}" for w in cannot]
    headers = ["quantity", "unit"] + [f"{w.from_soc * 100:.0f}->{w.to_soc * 100:.0f} %"
                                      + ("" if w.start_stated else " (start assumed)") for w in windows]
    dist = shown(None, "length", system, "distance").unit
    speed_unit = "km/h" if system == "metric" else "mph"

    def per(w: Window, fn: Callable[[Window], Any]) -> Any:
        try:
            return fn(w)
        except TypeError:
            return None
    spec_rows = [
        ("time", "min", lambda w: w.seconds / 60),
        ("average C-rate", "C", lambda w: w.c_rate),
        ("power at the battery", "kW", lambda w: w.battery_power / 1e3),
        ("power from the grid", "kW", lambda w: w.grid_power / 1e3),
        ("energy added", "kWh", lambda w: w.energy_added / 3.6e6),
        ("range added", dist, lambda w: shown(w.range_added, "length", system, "distance").value),
        ("range added per minute", f"{dist}/min",
         lambda w: shown(w.range_per_minute, "length", system, "distance").value),
        ("charge speed", speed_unit, lambda w: shown(w.charge_speed, "speed", system).value),
    ]
    rows: list[list[Any]] = []
    data_windows: list[dict[str, Any]] = [{"from_soc": Shown(w.from_soc * 100, "%"),
                                           "to_soc": Shown(w.to_soc * 100, "%"),
                               "start_stated": w.start_stated} for w in windows]
    for label, unit, fn in spec_rows:
        values = [per(w, fn) for w in windows]
        if all(v is None for v in values):
            continue
        rows.append([label, unit] + [Shown(v, unit) if v is not None else "" for v in values])
        key = label.lower().replace(" ", "_").replace("-", "_")
        for d, v in zip(data_windows, values, strict=False):
            d[key] = Shown(v, unit) if v is not None else None
    if any(w.grid_power is not None for w in windows):
        rows.append(["chargers that deliver it", ""] + [", ".join(c.id for c in w.chargers()) or "none listed"
                                                        for w in windows])
        for d, w in zip(data_windows, windows, strict=False):
            d["chargers"] = [c.id for c in w.chargers()]
    if max_c is not None:
        rows.append(["within the cell's max C-rate", f"{format_number(max_c)} C"] +
                    ["no" if w.exceeds_cell_rating else "yes" for w in windows])
        for d, w in zip(data_windows, windows, strict=False):
            d["exceeds_cell_rating"] = w.exceeds_cell_rating
    data = {"cell": cell.id, "vehicle": vehicle_name, "windows": data_windows} | _json_notes(notes)
    return headers, rows, notes, data


def _json_notes(notes: list[str]) -> dict[str, list[str]]:
    """A charge's notes as its JSON gives them: ``assumptions``, and the vehicle's ``warnings`` (the table's
    ``warning: ...`` notes, without the prefix) under their own key, as ``range`` and ``tradeoff`` give them."""
    prefix = "warning: "
    return {"assumptions": [n for n in notes if not n.startswith(prefix)],
            "warnings": [n[len(prefix):] for n in notes if n.startswith(prefix)]}


# ----------------------------------------------------------------------------------- the charge curve

@dataclass(frozen=True)
class CurveRun:
    """A charge along a curve: the cell, pack and charger, the curve, the window and what 5/10/15 min add."""

    cell: Any                                   # CellFigures
    vehicle: Optional[str]
    charger: Any                                # ChargerLimits or None
    pack_energy: float                          # J
    pack_voltage: float                         # V
    limit: Any                                  # CellLimit
    curve: Any                                  # ChargeCurve
    window: Any                                 # WindowResult
    eta: float                                  # charger efficiency
    consumption: Optional[float]                # J/m
    added: tuple[tuple[float, float], ...]      # (seconds, SoC added), stopping at the end SoC
    notes: tuple[str, ...]
    usable_fraction: float = DEFAULT_F_USABLE   # of the pack energy, for the range added


def charge_run(cell: CellFigures, vehicle_name: Optional[str], pack_energy: Optional[float],
               pack_voltage: Optional[float],
               charger_id: Optional[str], from_soc: Optional[float], to_soc: Optional[float],
               peak_c_rate: Optional[float], taper_id: Optional[str], cycle: Optional[str], eta: Optional[float],
               system: str, assumed: Optional[Any] = None, loaded: Optional[Any] = None,
               name: Callable[[str], str] = option_name, warnings: Optional[list[str]] = None) -> CurveRun:
    """Charge a pack of ``cell`` along its curve (:func:`batcalc.physics.charging.curve_for`).
    ``loaded``: the vehicle named ``vehicle_name`` already loaded, in its conditions
    (:meth:`~batcalc.physics.vehicle.Vehicle.in_conditions`; None: loaded here as it is). The one home of
    this charge for ``batcalc charge --charger`` and :func:`batcalc.charge` along the curve: an error that
    asks for inputs is an :class:`~batcalc.errors.InputsError`, which each front end spells in its own names;
    the notes name inputs as ``name`` spells them (:func:`option_name`: the command line's words); the
    vehicle's warnings go to ``warnings`` when given, else into the notes (:func:`vehicle_consumption`).

    Pack voltage: ``pack_voltage``, else the vehicle's reference pack's, else 400 V (stated). Window:
    ``from_soc`` -> ``to_soc``, by default 10 % -> 80 % (stated). ``assumed``: the default assumptions
    to run at (charger efficiency, pack voltage, the vehicle's; None: the defaults)."""
    from batcalc.physics.bands import Assumed
    from batcalc.physics.charge import ac_battery_power, check_charge_inputs, check_pack_voltage
    from batcalc.physics.charging import (
        cell_limit,
        charger,
        curve_for,
        is_ac,
        pack_voltage_curve,
    )

    a = assumed if assumed is not None else Assumed()
    eta = a["charger-efficiency"] if eta is None else eta
    check_charge_inputs(pack_energy, eta)
    check_pack_voltage(pack_voltage)
    if peak_c_rate is not None and not peak_c_rate > 0:
        raise InputsError("{peak_c_rate} must be positive, got " + literal(shown_text(peak_c_rate, "c_rate", system)))
    notes = [f"charger efficiency {eta * 100:.0f} % (grid power = battery power / efficiency); charger limits "
             f"are at its DC output; battery power over the gross pack energy"]
    v, pack_energy, consumption = vehicle_consumption(cell, loaded if loaded is not None else vehicle_name,
                                                      pack_energy, cycle, system, notes, assumed, warnings)
    if pack_energy is None:
        raise InputsError("the charge curve needs a pack energy: give {pack_energy} or {vehicle}")
    pack_voltage = pack_voltage_of(v, pack_voltage, a, notes, name)
    if from_soc is None or to_soc is None:
        notes.append(f"window {'10 % (default)' if from_soc is None else _pct(from_soc)} -> "
                     f"{'80 % (default)' if to_soc is None else _pct(to_soc)}")
    start = 0.10 if from_soc is None else from_soc
    end = 0.80 if to_soc is None else to_soc
    if not end > start:
        said = ("; {from_soc} is 10 % when not given" if from_soc is None else
                "; {to_soc} is 80 % when not given: give {to_soc}" if to_soc is None else "")
        raise InputsError(f"{{to_soc}} must be above {{from_soc}} ({_pct(start)} -> {_pct(end)}{said})")
    station = charger(charger_id) if charger_id is not None else None
    limit = cell_limit(cell, peak_c_rate, taper_id)
    if limit.peak_c_rate is None and station is None:
        raise InputsError(f"{literal(cell.id)} gives no charge C-rate (no rating, no claim): name a charger "
                          f"({{charger}}) or a peak C-rate ({{peak_c_rate}})")
    notes.append("cell limit: " + limit.peak_text + ("" if limit.peak_c_rate is None else "; " + limit.taper_text))
    if station is None:
        notes.append("no charger given: the cell alone limits")
    else:
        parts = [f"{station.power / 1e3:g} kW" if station.power else "no power limit",
                 f"{station.current:g} A" if station.current else "no current limit",
                 f"up to {station.max_voltage:g} V" if station.max_voltage else "no voltage limit"]
        notes.append(f"charger {station.id}: {station.name}; " + ", ".join(parts) + " (specs/chargers.yaml)"
                     + (f"; AC: its voltage and current are at the on-board charger, so only its power applies, "
                        f"drawn from the grid: {ac_battery_power(station.power, eta) / 1e3:.4g} kW at the battery "
                        f"(x {eta * 100:.0f} % charger efficiency)"
                        if is_ac(station) and station.power is not None else
                        "; AC: its voltage and current are at the on-board charger" if is_ac(station) else ""))
    by_cell = pack_voltage_curve(cell, pack_voltage)
    if by_cell is not None:
        series, table = by_cell
        notes.append(f"pack voltage against SoC: {series} cells in series x {cell.id}'s voltage curve "
                     f"({table.value[0]:.4g}-{table.value[-1]:.4g} V), nominal {pack_voltage:.4g} V")
    else:
        notes.append(f"pack voltage constant over SoC ({cell.id} gives no voltage curve)")
    curve = curve_for(limit, pack_energy, pack_voltage, station, None if by_cell is None else by_cell[1], eta)
    window = curve.window(start, end)
    added = tuple((m * 60.0, curve.added_in(start, m * 60.0, end)) for m in ADDED_AFTER_MINUTES)
    notes.append(f"energy and range added after {', '.join(str(m) for m in ADDED_AFTER_MINUTES)} min: from "
                 f"{_pct(start)}, stopping at {_pct(end)}")
    return CurveRun(cell, vehicle_name, station, pack_energy, pack_voltage, limit, curve, window, eta, consumption,
                    added, tuple(notes), a["usable-fraction"] if consumption is not None else DEFAULT_F_USABLE)


def peak_span(run: CurveRun) -> tuple[float, float]:
    """The SoC span (fractions) over which the window first holds its peak power: from the first grid cell
    at the peak to the end of the run of cells at it."""
    import numpy as np

    c, w = run.curve, run.window
    lo, hi = np.maximum(c.grid[:-1], w.from_soc), np.minimum(c.grid[1:], w.to_soc)
    at_peak = (hi > lo) & (c.power >= w.peak_power * (1 - 1e-9))
    k = int(np.argmax(at_peak))
    end = k
    while end + 1 < len(at_peak) and at_peak[end + 1]:
        end += 1
    return float(lo[k]), float(hi[end])


def spans_text(window: WindowResult) -> str:
    """Which limit decides where, e.g. ``charger current 10-62 %; cell C-rate (taper) 62-80 %``."""
    return "; ".join(f"{LIMIT_TEXT[name]} {format_number(a * 100)}-{format_number(b * 100)} %"
                     for name, a, b in window.limit_spans)


def curve_band_data(run: CurveRun, system: str) -> dict[str, Any]:
    """:func:`curve_report`'s JSON data as one point of a band over the assumptions: every limit's share
    of the time (0 % where it decides nowhere, so that a band reads 0 % at the points where another limit
    decides, not only the points where it does), and without the limits' SoC spans, whose number and
    order change from point to point (one band per position would mix different limits)."""
    from batcalc.physics.charge_curve import LIMITS

    data = curve_report(run, system)[3]
    window = dict(data["window"])
    shares = window["limited_by"]
    window["limited_by"] = {name: shares.get(name, Shown(0.0, "%")) for name in LIMITS}
    del window["limit_spans"]
    return {**data, "window": window}


def curve_figures(run: CurveRun) -> dict[str, float]:
    """The figures of a charge along the curve in SI, by their key in ``batcalc charge``'s JSON ``window``
    (:data:`CURVE_LABELS`): ``time`` s, ``energy_added`` J, the powers W (from the grid: ``P_batt / eta``,
    :func:`batcalc.physics.charge.grid_power`), ``peak_from_soc`` and ``peak_to_soc`` fractions (:func:`peak_span`),
    the C-rates 1/s (power over the gross pack energy). The one home of these numbers for the command
    (:func:`curve_report`) and the Python API (:func:`batcalc.charge` along the curve)."""
    from batcalc.physics.charge import grid_power

    w, e = run.window, run.pack_energy
    peak = peak_span(run)
    return {"time": w.time, "energy_added": w.energy, "average_power_battery": w.average_power,
            "peak_power_battery": w.peak_power, "average_power_grid": grid_power(w.average_power, run.eta),
            "peak_power_grid": grid_power(w.peak_power, run.eta), "peak_from_soc": peak[0], "peak_to_soc": peak[1],
            "average_c_rate": w.average_power / e, "peak_c_rate": w.peak_power / e}


def added_figures(run: CurveRun) -> list[tuple[float, float, float, Optional[float]]]:
    """What charging adds after each of :data:`ADDED_AFTER_MINUTES` from the start SoC, stopping at the end
    SoC, in SI: (seconds, SoC reached, energy added J, range added m or None without a consumption). The one
    home of these numbers for :func:`curve_report` and the Python API."""
    from batcalc.physics.charge import charge_energy
    from batcalc.physics.energy import range_from_energy, usable_energy

    out = []
    for seconds, dsoc in run.added:
        energy = charge_energy(0.0, dsoc, run.pack_energy)
        rng = None if run.consumption is None else \
            range_from_energy(usable_energy(energy, run.usable_fraction), run.consumption)
        out.append((seconds, run.window.from_soc + dsoc, energy, rng))
    return out


def curve_report(run: CurveRun, system: str) -> Report:
    """Headers, rows, notes and JSON data for ``batcalc charge --charger``: one charge along the curve
    (:func:`curve_figures`, :func:`added_figures`)."""
    w, e = run.window, run.pack_energy
    si = curve_figures(run)
    values = {"time": Shown(si["time"] / 60, "min"), "energy_added": _kwh(si["energy_added"]),
              **{k: Shown(si[k] / 1e3, "kW") for k in ("average_power_battery", "peak_power_battery",
                                                       "average_power_grid", "peak_power_grid")},
              "peak_from_soc": Shown(si["peak_from_soc"] * 100, "%"),
              "peak_to_soc": Shown(si["peak_to_soc"] * 100, "%"),
              "average_c_rate": Shown(si["average_c_rate"] * 3600, "C"),
              "peak_c_rate": Shown(si["peak_c_rate"] * 3600, "C")}
    peak = (si["peak_from_soc"], si["peak_to_soc"])
    figures: list[tuple[str, str, Shown]] = [(key, CURVE_LABELS[key], s) for key, s in values.items()]
    added = []
    for seconds, reached, energy, rng in added_figures(run):
        minutes = seconds / 60
        rec = {"minutes": Shown(minutes, "min"), "soc_reached": Shown(reached * 100, "%"),
               "energy_added": _kwh(energy), "range_added": shown(rng, "length", system, "distance")
               if rng is not None else None}
        added.append(rec)
        figures.append((f"energy_added_{minutes:g}_min", f"energy added in {minutes:g} min", _kwh(energy)))
        if rng is not None:
            figures.append((f"range_added_{minutes:g}_min", f"range added in {minutes:g} min",
                            shown(rng, "length", system, "distance")))
    rows: list[list[Any]] = [[label, s, s.unit] for _, label, s in figures]
    rows.append(["decided by (share of the time)", "; ".join(f"{LIMIT_TEXT[k]} {v * 100:.0f} %" for k, v in
                                                            sorted(w.limited_by.items(), key=lambda kv: -kv[1])), ""])
    rows.append(["which limit where (SoC)", spans_text(w), ""])
    ch = run.charger
    data = {
        "cell": run.cell.id, "vehicle": run.vehicle,
        "charger": None if ch is None else {
            "id": ch.id, "name": ch.name, "power": Shown(ch.power / 1e3, "kW") if ch.power else None,
            "current": Shown(ch.current, "A") if ch.current else None,
            "max_voltage": Shown(ch.max_voltage, "V") if ch.max_voltage else None},
        "pack": {"energy": _kwh(e), "voltage": Shown(run.pack_voltage, "V")},
        "cell_limit": {"peak_c_rate": Shown(run.limit.peak_c_rate * 3600, "C") if run.limit.peak_c_rate else None,
                       "from": run.limit.peak_from, "taper": run.limit.taper_id, "text": run.limit.peak_text},
        "window": {"from_soc": Shown(w.from_soc * 100, "%"), "to_soc": Shown(w.to_soc * 100, "%")}
        | {k: s for k, _, s in figures if not k.startswith(("energy_added_", "range_added_"))}
        | {"decided_by": w.decided_by, "limited_by": {k: Shown(v * 100, "%") for k, v in w.limited_by.items()},
           "limit_spans": [{"limit": n, "from_soc": Shown(a * 100, "%"), "to_soc": Shown(b * 100, "%")}
                           for n, a, b in w.limit_spans]},
        "added": added,
    } | _json_notes(list(run.notes))
    notes = list(run.notes) + [f"decided by {LIMIT_TEXT[w.decided_by]} for most of the time; peak "
                               f"{format_number(w.peak_power / 1e3)} kW from {_pct(peak[0])} to {_pct(peak[1])} SoC"]
    return ["quantity", "value", "unit"], rows, notes, data


# --------------------------------------------------------------------- what the catalogue's claims imply

def implied_report(cells: list[CellFigures], pack_energy: Optional[float], system: str) -> Report:
    """Headers, rows, notes and JSON data for ``batcalc charge --implied``: for each charge claim of
    ``cells`` (an open start read as 0 % and as 10 %), the average C-rate ``dSoC / t``, the peak C-rate
    its taper needs ``C_peak = integral ds / share(s) / t``, and the peak power ``C_peak x E_pack`` for a
    pack of ``pack_energy`` J (default 75 kWh) when the cell alone limits."""
    from batcalc.physics.charging import cell_shape, implied_peaks

    energy = IMPLIED_PACK_ENERGY if pack_energy is None else pack_energy
    if not energy > 0:
        raise BatcalcError("pack energy must be positive")
    kwh = format_number(energy / 3.6e6)
    headers = ["cell", "claim", "window", "taper", "average C-rate (C)", "peak C-rate (C)",
               f"peak power for {kwh} kWh (kW)"]
    rows, data, curves = [], [], []
    past: dict[str, str] = {}           # a cell whose shape falls to 0 before a claim's end: the note saying so
    for cell in cells:
        if not cell.spec.charging.claims:
            continue
        shape = cell_shape(cell)             # the shape `batcalc charge CELL` charges along
        t = shape.taper
        shown_shape = f"{cell.id}'s charge curve" if t is None else f"{t.id} ({t.grade})"
        own_peak = None if t is not None or shape.curve_peak is None else {"peak_c_rate": Shown(
            shape.curve_peak * 3600, "C")}
        if own_peak is not None:
            curves.append(f"{cell.id}'s own charge curve (charging.charge_curve) is its taper, as batcalc charge "
                          f"charges along it: share(s) = curve / its peak; the curve itself peaks at "
                          f"{format_number(own_peak['peak_c_rate'].value)} C")
        peaks = implied_peaks(cell)
        for claim in cell.spec.charging.claims:
            said = f"{claim.from_soc.text + ' ' if claim.from_soc else '? '}-> {claim.to_soc.text} in {claim.time.text}"
            for p in peaks:
                if p.to_soc != claim.to_soc.si or p.seconds != claim.time.si:
                    continue
                if claim.from_soc is not None and p.from_soc != claim.from_soc.si:
                    continue
                window = f"{p.from_soc * 100:.0f}->{p.to_soc * 100:.0f} %" + ("" if claim.from_soc else " (assumed)")
                avg = p.average_c_rate * 3600
                if math.isfinite(p.peak_c_rate):
                    peak: Optional[Shown] = Shown(p.peak_c_rate * 3600, "C")
                    power: Optional[Shown] = Shown(p.peak_c_rate * energy / 1e3, "kW")
                else:                   # the shape is 0 before the claim's end: no peak charges it
                    peak = power = None
                    past.setdefault(cell.id, f"{shown_shape} is 0 from {_pct(p.stop)}: no peak C-rate "
                                             f"charges a claim past it (none)")
                rows.append([cell.id, said, window, shown_shape, Shown(avg, "C"), "none" if peak is None else peak,
                             "none" if power is None else power])
                data.append({"cell": cell.id, "claim": said, "from_soc": Shown(p.from_soc * 100, "%"),
                             "start_stated": claim.from_soc is not None, "to_soc": Shown(p.to_soc * 100, "%"),
                             "time": Shown(p.seconds / 60, "min"), "taper": None if t is None else t.id,
                             "taper_grade": None if t is None else t.grade,
                             "charge_curve": own_peak,
                             "average_c_rate": Shown(avg, "C"), "peak_c_rate": peak, "peak_power": power})
    if not rows:
        raise BatcalcError("no charge claim among these cells")
    notes = [f"peak C-rate: the least peak that charges the window in the claimed time under the taper, the "
             f"cell alone limiting: C_peak = integral ds / share(s) / t; peak power = C_peak x {kwh} kWh"]
    notes += curves + list(past.values())
    if not all(d["start_stated"] for d in data):
        notes.append("an open start is read as 0 % and as 10 % (assumed)")
    return headers, rows, notes, {"pack_energy": _kwh(energy), "claims": data, "assumptions": notes}


# ------------------------------------------------------------------------------ catalogue tables

def charger_rows() -> Report:
    """Headers, rows and JSON data for ``batcalc list --kind charger``: every entry of specs/chargers.yaml
    with its DC output limits (a station's current and voltage taken from its connector are marked) and
    the source of its power rating."""
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.chargers import limits
    from batcalc.spec.model import load_spec

    spec = load_spec(specs_root() / "chargers.yaml", expect="chargers", require_sources=True)
    headers = ["id", "kind", "power (kW)", "current (A)", "voltage (V)", "power source"]
    rows, data = [], []
    for c in spec.chargers:
        lim = limits(spec, c.id)
        mark = {n: " *" if n in lim.from_connector else "" for n in ("max_current", "max_voltage", "min_voltage")}
        volts = "" if lim.max_voltage is None else (
            (f"{lim.min_voltage:g}{mark['min_voltage']}-" if lim.min_voltage is not None else "up to ")
            + f"{lim.max_voltage:g}{mark['max_voltage']}")
        kind = c.kind_of if c.connector is None else f"station on {c.connector}"
        source = c.max_power.source or ("assumption" if c.max_power.assumption else "")
        rows.append([c.id, kind, Shown(lim.power / 1e3, "kW"),
                     "" if lim.current is None else f"{lim.current:g}{mark['max_current']}", volts, source])
        data.append({"id": c.id, "name": c.name, "kind_of": c.kind_of, "connector": c.connector,
                     "power": Shown(lim.power / 1e3, "kW"),
                     "current": None if lim.current is None else Shown(lim.current, "A"),
                     "max_voltage": None if lim.max_voltage is None else Shown(lim.max_voltage, "V"),
                     "min_voltage": None if lim.min_voltage is None else Shown(lim.min_voltage, "V"),
                     "from_connector": list(lim.from_connector), "power_source": source})
    notes = ["limits at the charger's DC output; * taken from the station's connector class (the station's own "
             "sources do not give it); a blank limit is not known (not applied); sources and notes: "
             "specs/chargers.yaml"]
    return headers, rows, notes, data


def taper_rows() -> tuple[list[str], list[list[Any]], list[dict[str, Any]]]:
    """Headers, rows and JSON data for ``batcalc list --kind taper``: the default tapers of specs/tapers.yaml,
    their points (share of the peak C-rate from each SoC), chemistry families, grade and source."""
    from batcalc.physics.charging import tapers

    headers = ["id", "families", "shape", "share of the peak C-rate from each SoC", "grade", "source"]
    rows, data = [], []
    for t, fams in tapers():
        points = ", ".join(f"{s * 100:g} %: {v * 100:g} %" for s, v in zip(t.table.soc, t.table.value, strict=True))
        rows.append([t.id, ", ".join(fams), "step" if t.table.step else "linear", points, t.grade, t.source or ""])
        data.append({"id": t.id, "name": t.name, "families": fams, "shape": "step" if t.table.step else "linear",
                     "points": [{"soc": Shown(s * 100, "%"), "share": Shown(v * 100, "%")}
                                for s, v in zip(t.table.soc, t.table.value, strict=True)],
                     "grade": t.grade, "source": t.source, "assumption": t.assumption})
    return headers, rows, data
