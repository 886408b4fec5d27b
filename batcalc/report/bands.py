"""Showing bands (:mod:`batcalc.physics.bands`): low / central / high of each figure, and which
assumptions move the main figure most (the tornado ranking), as table rows, notes and JSON."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Optional

from batcalc.physics.bands import Bands
from batcalc.report.reports import _kwh
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
    """A banded figure of :data:`FIGURES` (SI) in its display unit: pack energies in kWh."""
    _label, dim, category = FIGURES[key]
    if category == "pack_energy":
        return _kwh(si)
    if dim == "number":
        return Shown(si, "")
    return shown(si, dim, system, category)


def _assumption_text(ranges: Mapping[str, Any], id: str, system: str) -> str:
    p = ranges[id]
    return f"{id} {p.show(p.low, system)} to {p.show(p.high, system)}"


Report = tuple[list[str], list[list[Any]], list[str], dict[str, Any]]


def _report(b: Bands, ranges: Mapping[str, Any], main: Optional[str], title: str,
            shown_of: Callable[[str, float], Shown], label_of: Callable[[str], str], system: str,
            warnings: Iterable[str] = ()) -> Report:
    """The one renderer of bands: a row per figure (low, central, high, unit), the tornado of
    ``main`` (each assumption alone, the others central), the box, and the JSON data. ``shown_of(key,
    x)`` shows a figure's value, ``label_of(key)`` names it; the assumptions are shown in ``system``.
    ``warnings``: those of the result at the central point (as the command prints them without
    ``--bands``), first among the notes and as ``warnings`` in the JSON."""
    rows: list[list[Any]] = []
    data_bands: dict[str, Any] = {}
    for key, band in b.bands.items():
        label = label_of(key)
        lo, c, hi = (shown_of(key, x) for x in (band.low, band.central, band.high))
        rows.append([label, lo, c, hi, c.unit])
        data_bands[key] = {"label": label, "low": lo, "central": c, "high": hi}
    ranking = b.ranking(main) if main is not None else []
    tornado = []
    for s in ranking:
        assert main is not None
        tornado.append({"assumption": s.axis.id, "low": ranges[s.axis.id].show(s.axis.low, system),
                        "high": ranges[s.axis.id].show(s.axis.high, system),
                        "result_at_low": shown_of(main, s.at_low[main]),
                        "result_at_high": shown_of(main, s.at_high[main]),
                        "swing": shown_of(main, abs(s.at_high[main] - s.at_low[main]))})
    warned = list(dict.fromkeys(warnings))
    notes = [f"warning (at the central point): {w}" for w in warned]
    if tornado and main is not None:
        moves = "; ".join(f"{t['assumption']} {t['low']} to {t['high']}: {t['result_at_low']} to "
                          f"{t['result_at_high']} {t['swing'].unit}".rstrip() for t in tornado)
        label = label_of(main)
        the = "" if label.startswith(("A's ", "B's ")) else "the "      # "what moves B's range", not "the B's"
        notes.append(f"what moves {the}{label} most (each assumption alone, the others central): {moves}")
    # the axes that move no figure of the table (one that moves a figure but not the main one, as the charger
    # efficiency moves the grid power and not the range added, is no "move nothing")
    moving = {s.axis.id for s in b.swings if any(s.swing(key) > 0 for key in b.bands)}
    still = [a.id for a in b.axes if a.id not in moving] if main is not None else []
    notes.append("bands: low and high over the box of plausible assumptions "
                 + "; ".join(_assumption_text(ranges, a.id, system) for a in b.axes)
                 + (f" ({', '.join(still)} move nothing here)" if still else "")
                 + f"; {b.evaluations} runs (one at a time, then the extreme corners; docs/assumptions.md)")
    notes += unused_assumptions(ranges, b.used)
    if b.sampled:
        notes.append(f"not monotone in every assumption: {', '.join(b.sampled)} also ran at every corner and "
                     f"at seeded random points")
    data = {"title": title, "bands": data_bands, "sensitivity": {main: tornado} if main is not None else {},
            "assumptions": {a.id: {"low": ranges[a.id].show(a.low, system),
                                   "central": ranges[a.id].show(a.central, system),
                                   "high": ranges[a.id].show(a.high, system)} for a in b.axes},
            "runs": b.evaluations, "not_monotone": list(b.sampled), "warnings": warned}
    return ["quantity", "low", "central", "high", "unit"], rows, notes, data


def unused_assumptions(ranges: Mapping[str, Any], used: Iterable[str]) -> list[str]:
    """The note (none, or one line) naming the assumptions the user set (``--assume``: a range whose
    ``overridden`` text is set) that the result did not read (``used``: the ids it read, or a bands
    run's axes): a vehicle's spec states them, or nothing the command computes reads them, so the
    value given changed nothing."""
    read = set(used)
    unused = [id for id, p in ranges.items() if getattr(p, "overridden", None) and id not in read]
    return [f"--assume {', '.join(unused)}: not used here (the specs state these, or nothing reads them)"] \
        if unused else []


def bands_report(b: Bands, ranges: Mapping[str, Any], system: str, main: str, title: str,
                 warnings: Iterable[str] = ()) -> Report:
    """Headers, rows, notes and JSON data for ``--bands`` on the figures of :data:`FIGURES` (SI),
    with the tornado of ``main``. ``ranges``: the plausible ranges used
    (:class:`batcalc.spec.assumptions.Plausible`, input axes); ``warnings``: the central result's."""
    return _report(b, ranges, main, title, lambda k, x: _shown(x, k, system), lambda k: FIGURES[k][0], system,
                   warnings)


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


def report_bands(make: Any, ranges: Mapping[str, Any]) -> tuple[Any, dict[str, Shown], Any]:
    """Bands of every shown figure of a report: ``make(assumed)`` builds the report's JSON data at
    one point of the box (:class:`batcalc.physics.bands.Assumed`); the figures are banded in the
    units they are shown in (each a fixed multiple of its SI value). Returns the bands, the central
    figures (their units, by path) and the central run's data."""
    from batcalc.physics.bands import bands

    central: dict[str, Shown] = {}
    central_data: list[Any] = []

    def run(a: Any) -> dict[str, float]:
        data = make(a)
        figures = shown_figures(data)
        if not central_data:                   # bands() runs the central point first
            central.update(figures)
            central_data.append(data)
        return {k: float(s.value) for k, s in figures.items() if s.value is not None}
    return bands(run, ranges, partial=True), central, central_data[0]


def _path_label(path: str, data: Any) -> str:
    """A figure's name in a bands table, from its path in the report's data: ``windows.0.range_added`` ->
    ``0->80 % range added``; on a charge curve ``added.0.range_added`` -> ``range added in 5 min``,
    ``window.limited_by.battery`` -> ``share of the time decided by cell C-rate (taper)``,
    ``window.average_power_battery`` -> ``average power at the battery``: the curve table's own words
    (:data:`batcalc.report.charge.CURVE_LABELS`, :data:`~batcalc.report.charge.LIMIT_TEXT`)."""
    from batcalc.report.charge import CURVE_LABELS, LIMIT_TEXT

    parts = path.split(".")
    try:
        if len(parts) >= 3 and parts[0] == "windows" and parts[1].isdigit():
            w = data["windows"][int(parts[1])]
            return f"{w['from_soc'].value:.0f}->{w['to_soc'].value:.0f} % " + _words(parts[2:])
        if len(parts) >= 3 and parts[0] == "added" and parts[1].isdigit():
            minutes = data["added"][int(parts[1])]["minutes"].value
            return f"time mark {minutes:g} min" if parts[2:] == ["minutes"] else \
                f"{_words(parts[2:])} in {minutes:g} min"
        if len(parts) >= 3 and parts[:2] == ["window", "limited_by"]:
            limit = " ".join(parts[2:])
            return f"share of the time decided by {LIMIT_TEXT.get(limit, _words(parts[2:]))}"
        if len(parts) >= 2 and parts[0] == "window":
            return CURVE_LABELS.get(".".join(parts[1:]), _words(parts[1:]))
        if parts in (["given"], ["range"]) and "from" in data and "to" in data:     # normalise: the table's names
            from batcalc.report.vehicle import normalise_label

            return normalise_label(parts[0], data["from"], data["to"])
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        pass
    return _words(parts)


def _words(parts: list[str]) -> str:
    """Path parts as words: ``['peak_c_rate']`` -> ``peak C-rate``."""
    return " ".join(parts).replace("_", " ").replace("c rate", "C-rate")


def report_bands_report(b: Bands, central: dict[str, Shown], central_data: Any, ranges: Mapping[str, Any],
                        main: Optional[str], title: str, system: str = "metric") -> Report:
    """:func:`bands_report` for :func:`report_bands`: each figure in its shown unit, named by its
    path in the report's data; the tornado of ``main`` (default: the widest band, relative)."""
    if main is None or main not in b.bands:
        moving = [k for k, band in b.bands.items() if band.width > 0]
        main = max(moving, key=lambda k: b.bands[k].width / max(abs(b.bands[k].central), 1e-300)) if moving else None
    return _report(b, ranges, main, title, lambda k, x: Shown(x, central[k].unit),
                   lambda k: _path_label(k, central_data), system, central_warnings(central_data))


def central_warnings(data: Any) -> list[str]:
    """The warnings of a report's JSON data (its ``warnings``, and the notes under ``assumptions`` that
    are warnings, as a charge gives them), for the bands of that report at its central point."""
    if not isinstance(data, dict):
        return []
    noted = [a.removeprefix("warning: ") for a in data.get("assumptions") or []
             if isinstance(a, str) and a.startswith("warning: ")]
    return [str(w) for w in data.get("warnings") or []] + noted
