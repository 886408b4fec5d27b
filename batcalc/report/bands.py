"""Showing bands (:mod:`batcalc.physics.bands`): low / central / high of each figure, and which
assumptions move the main figure most (the tornado ranking), as table rows, notes and JSON."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from batcalc.physics.bands import Bands
from batcalc.units import Shown, shown

#: How each banded figure is shown: key -> (label, dimension, display category or None).
FIGURES: dict[str, tuple[str, str, Optional[str]]] = {
    "pack_mass": ("pack mass", "mass", None),
    "pack_energy": ("pack energy (gross)", "energy", "pack_energy"),
    "usable_energy": ("usable energy", "energy", "pack_energy"),
    "vehicle_mass": ("vehicle mass (with pack and payload)", "mass", None),
    "consumption": ("consumption at the battery", "consumption", None),
    "range": ("range", "length", "distance"),
    "a_pack_mass": ("A's pack mass", "mass", None),
    "b_pack_mass": ("B's pack mass", "mass", None),
    "a_pack_energy": ("A's pack energy (gross)", "energy", "pack_energy"),
    "b_pack_energy": ("B's pack energy (gross)", "energy", "pack_energy"),
    "a_range": ("A's range", "length", "distance"),
    "b_range": ("B's range", "length", "distance"),
    "range_ratio": ("B's range / A's range", "number", None),
    "mass_saved": ("pack mass saved (A - B)", "mass", None),
}


def _shown(si: float, key: str, system: str) -> Shown:
    _label, dim, category = FIGURES[key]
    if category == "pack_energy":
        return Shown(si / 3.6e6, "kWh")
    if dim == "number":
        return Shown(si, "")
    return shown(si, dim, system, category)


def _assumption_text(ranges: Mapping[str, Any], id: str) -> str:
    p = ranges[id]
    return f"{id} {p.show(p.low)} to {p.show(p.high)}"


def bands_report(b: Bands, ranges: Mapping[str, Any], system: str, main: str,
                 title: str) -> tuple[list[str], list[list[Any]], list[str], dict[str, Any]]:
    """Headers, rows, notes and JSON data for ``--bands``: one row per figure (low, central, high,
    unit), then notes ranking the assumptions by how far each alone moves ``main`` (the tornado), and
    the box the bands span. ``ranges``: the plausible ranges used (:class:`batcalc.spec.assumptions.Plausible`)."""
    rows: list[list[Any]] = []
    data_bands: dict[str, Any] = {}
    for key, band in b.bands.items():
        label = FIGURES[key][0]
        lo, c, hi = (_shown(x, key, system) for x in (band.low, band.central, band.high))
        rows.append([label, lo, c, hi, c.unit])
        data_bands[key] = {"low": lo, "central": c, "high": hi}
    ranking = b.ranking(main)
    tornado = []
    for s in ranking:
        lo, hi = _shown(s.at_low[main], main, system), _shown(s.at_high[main], main, system)
        tornado.append({"assumption": s.axis.id, "low": ranges[s.axis.id].show(s.axis.low),
                        "high": ranges[s.axis.id].show(s.axis.high), "result_at_low": lo, "result_at_high": hi,
                        "swing": _shown(abs(s.at_high[main] - s.at_low[main]), main, system)})
    notes = []
    if tornado:
        moves = "; ".join(f"{t['assumption']} {t['low']} to {t['high']}: {t['result_at_low']} to "
                          f"{t['result_at_high']} {t['swing'].unit}".rstrip() for t in tornado)
        notes.append(f"what moves the {FIGURES[main][0]} most (each assumption alone, the others central): {moves}")
    still = [a.id for a in b.axes if a.id not in {s.axis.id for s in ranking}]
    notes.append("bands: low and high over the box of plausible assumptions "
                 + "; ".join(_assumption_text(ranges, a.id) for a in b.axes)
                 + (f" ({', '.join(still)} move nothing here)" if still else "")
                 + f"; {b.evaluations} runs (one at a time, then the extreme corners; docs/assumptions.md)")
    unused = [id for id, p in ranges.items() if getattr(p, "overridden", None) and id not in {a.id for a in b.axes}]
    if unused:
        notes.append(f"--assume {', '.join(unused)}: not used here (the specs state these, or nothing reads them)")
    if b.sampled:
        notes.append(f"not monotone in every assumption: {', '.join(b.sampled)} also ran at every corner and "
                     f"at seeded random points")
    data = {"title": title, "bands": data_bands, "sensitivity": {main: tornado},
            "assumptions": {a.id: {"low": ranges[a.id].show(a.low), "central": ranges[a.id].show(a.central),
                                   "high": ranges[a.id].show(a.high)} for a in b.axes},
            "runs": b.evaluations, "not_monotone": list(b.sampled)}
    return ["quantity", "low", "central", "high", "unit"], rows, notes, data


# ---------------------------------------------------------- bands of any report's shown figures

def shown_figures(data: Any, path: str = "") -> dict[str, Shown]:
    """Every :class:`~batcalc.units.Shown` number in a report's JSON data, by path
    (``windows.0.range_added``)."""
    out: dict[str, Shown] = {}
    if isinstance(data, Shown):
        if data.value is not None and isinstance(data.value, (int, float)):
            out[path] = data
    elif isinstance(data, dict):
        for k, x in data.items():
            out.update(shown_figures(x, f"{path}.{k}" if path else str(k)))
    elif isinstance(data, (list, tuple)):
        for k, x in enumerate(data):
            out.update(shown_figures(x, f"{path}.{k}" if path else str(k)))
    return out


def report_bands(make: Any, ranges: Mapping[str, Any]) -> tuple[Any, dict[str, Shown]]:
    """Bands of every shown figure of a report: ``make(assumed)`` builds the report's JSON data at
    one point of the box (:class:`batcalc.physics.bands.Assumed`); the figures are banded in the
    units they are shown in (each a fixed multiple of its SI value). Returns the bands and the
    central figures (their units and paths)."""
    from batcalc.physics.bands import bands

    central: dict[str, Shown] = {}

    def run(a: Any) -> dict[str, float]:
        figures = shown_figures(make(a))
        if not central:
            central.update(figures)
        return {k: float(s.value) for k, s in figures.items() if s.value is not None}
    return bands(run, ranges, partial=True), central


def _path_label(path: str, data: Any) -> str:
    parts = path.split(".")
    if len(parts) >= 3 and parts[0] == "windows" and parts[1].isdigit():
        try:
            w = data["windows"][int(parts[1])]
            return f"{w['from_soc'].value:.0f}->{w['to_soc'].value:.0f} % " + " ".join(parts[2:]).replace("_", " ")
        except (KeyError, IndexError, TypeError, AttributeError, ValueError):
            pass
    return " ".join(parts).replace("_", " ")


def report_bands_report(b: Bands, central: dict[str, Shown], central_data: Any, ranges: Mapping[str, Any],
                        main: Optional[str], title: str
                        ) -> tuple[list[str], list[list[Any]], list[str], dict[str, Any]]:
    """Like :func:`bands_report`, for :func:`report_bands`: one row per figure that has a band (low,
    central, high in its shown unit), the tornado of ``main`` (default: the widest band)."""
    rows: list[list[Any]] = []
    data_bands: dict[str, Any] = {}
    for key, band in b.bands.items():
        unit = central[key].unit
        label = _path_label(key, central_data)
        lo, c, hi = (Shown(x, unit) for x in (band.low, band.central, band.high))
        rows.append([label, lo, c, hi, unit])
        data_bands[key] = {"label": label, "low": lo, "central": c, "high": hi}
    if main is None or main not in b.bands:
        moving = [k for k, band in b.bands.items() if band.width > 0]
        main = max(moving, key=lambda k: b.bands[k].width / max(abs(b.bands[k].central), 1e-300)) if moving else None
    notes: list[str] = []
    tornado = []
    if main is not None:
        unit = central[main].unit
        for s in b.ranking(main):
            tornado.append({"assumption": s.axis.id, "low": ranges[s.axis.id].show(s.axis.low),
                            "high": ranges[s.axis.id].show(s.axis.high), "result_at_low": Shown(s.at_low[main], unit),
                            "result_at_high": Shown(s.at_high[main], unit)})
        if tornado:
            moves = "; ".join(f"{t['assumption']} {t['low']} to {t['high']}: {t['result_at_low']} to "
                              f"{t['result_at_high']} {unit}".rstrip() for t in tornado)
            notes.append(f"what moves the {_path_label(main, central_data)} most (each assumption alone): {moves}")
    notes.append("bands: low and high over the box of plausible assumptions "
                 + "; ".join(_assumption_text(ranges, a.id) for a in b.axes)
                 + f"; {b.evaluations} runs (docs/assumptions.md)")
    data = {"title": title, "bands": data_bands, "sensitivity": {main: tornado} if main else {},
            "assumptions": {a.id: {"low": ranges[a.id].show(a.low), "central": ranges[a.id].show(a.central),
                                   "high": ranges[a.id].show(a.high)} for a in b.axes},
            "runs": b.evaluations, "not_monotone": list(b.sampled)}
    return ["quantity", "low", "central", "high", "unit"], rows, notes, data
