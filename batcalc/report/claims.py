"""Verdicts -> rows, notes and JSON, in a chosen unit system (metric or imperial).

The claim evaluators (:mod:`batcalc.claims.check`) keep every number in SI as a
:class:`~batcalc.claims.check.Value` inside :data:`~batcalc.claims.check.Phrase` s; this module alone
picks the display units (:func:`batcalc.units.shown`) and writes the texts. In JSON, ``claimed``,
``derived`` and ``needed`` are numbers with units, ``{"value": 465.0, "unit": "km"}`` (``derived`` is
a list for a charge claim with several windows, ``claimed`` the list ``[low, high]`` for a ``between``
claim); ``claimed_text`` and ``derived_text`` are the texts the table shows.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Optional

from batcalc import units
from batcalc.claims.check import BySystem, Value, Verdict, weakest_evidence
from batcalc.units import Shown

#: Display categories (keys of :data:`batcalc.units.SYSTEMS`) and their dimension: a distance is a
#: length shown in km or mi, not mm or in.
_CATEGORIES = {"distance": "length"}


def value_shown(v: Value, system: str = "metric") -> Shown:
    """``v`` in display units: the system's unit for its dimension, or the unit it fixes; a factor
    has no unit (its text is 'x1.167'); a ``given`` figure stays in the claim's own unit."""
    return Shown(*_shown(v, system))


#: (dimension, fixed unit, unit system) -> (display unit, factor from the SI unit, or None for a unit
#: with an offset), filled as values are shown: a verdict shows several values, a batch of files thousands
_DISPLAY: dict[tuple[str, str, str], tuple[str, Optional[float]]] = {}


def _shown(v: Value, system: str) -> tuple[float, str, str]:
    """``(number, unit, text)`` of :func:`value_shown` (the texts of a verdict need only the text)."""
    dim = v.dim
    if dim == "factor":
        return v.si, "", "x" + (format(v.si, v.fmt) if v.fmt else units.format_number(v.si))
    if dim == "given":
        number, unit = v.si, v.unit
    else:
        found = _DISPLAY.get((dim, v.unit, system))
        if found is None:
            unit = v.unit or units.display_unit(dim, system)
            category = _CATEGORIES.get(dim, dim)
            # a unit with an offset (a temperature scale) is no factor: it keeps the full conversion
            factor = float(units.from_si(1.0, category, unit)) if units.from_si(0.0, category, unit) == 0 else None
            found = _DISPLAY[dim, v.unit, system] = (unit, factor)
        unit, factor = found
        # units.from_si(v.si, ...) is v.si times the same factor
        number = float(v.si * factor) if factor is not None else float(units.from_si(v.si, _CATEGORIES.get(dim, dim),
                                                                                      unit))
    text = _fixed(number, v.fmt) if v.fmt else units.format_number(number)
    return number, unit, text if v.bare or not unit else f"{text} {unit}"


def _fixed(number: float, fmt: str) -> str:
    """``number`` in the fixed format ``fmt`` ('.1f'), except where that rounds a number that is not 0
    to zero ('-0.0' for -0.0333, beside a verdict against 0 that it does not explain): then to 4
    significant digits ('-0.03333'). 0 and -0 read '0.0'. A format with ``z`` ('+z.1f', a change:
    :func:`batcalc.claims.check._pct`) keeps its rule that a change rounding to zero is no change ('+0.0')."""
    if number == 0:
        return format(0.0, fmt)
    text = format(number, fmt)
    if "z" in fmt or text.strip("+-0.") or not math.isfinite(number):      # a digit that is not 0: shown
        return text
    return format(number, ".4g")


def phrase_text(p: Any, system: str = "metric") -> str:
    """A :data:`~batcalc.claims.check.Phrase` as text, each value in ``system``'s display units."""
    if isinstance(p, str):
        return p
    if type(p) is BySystem:                     # a note physics wrote in each unit system
        return p.imperial if system == "imperial" else p.metric
    if isinstance(p, Value):
        return _shown(p, system)[2]
    return "".join([part if isinstance(part, str) else _shown(part, system)[2] if isinstance(part, Value)
                    else part.imperial if system == "imperial" else part.metric for part in p])   # or a BySystem


def verdict_texts(v: Verdict, system: str = "metric") -> dict[str, Any]:
    """The texts of a verdict: ``claimed``, ``derived``, ``would_take`` (strings), ``assumptions``
    and ``readings`` (lists of strings)."""
    return {"claimed": phrase_text(v.claimed_text, system), "derived": phrase_text(v.derived_text, system),
            "would_take": phrase_text(v.would_take, system),
            "assumptions": [phrase_text(a, system) for a in v.assumptions],
            "readings": [phrase_text(r, system) for r in v.readings]}


def _data(obj: Any, system: str) -> Any:
    """Verdict data for JSON: every :class:`Value` as a :class:`Shown` in ``system``."""
    if isinstance(obj, Value):
        return value_shown(obj, system)
    if isinstance(obj, dict):
        return {k: _data(x, system) for k, x in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_data(x, system) for x in obj]
    return obj


def source_text(src: Any, text: Callable[[str], str] = str, link: Optional[Callable[[str], str]] = None) -> str:
    """A claims file's source (:class:`batcalc.spec.model.Source`) as the table, the HTML page and the
    JSON's ``source_detail`` give it: ``title, date (grade): url; document`` (what of date, url and
    document it gives), each part through ``text`` (an escape) and the url through ``link`` when given."""
    where = [link(src.url) if link else text(src.url)] if src.url else []
    where += [text(src.document)] if src.document else []
    return (text(src.title) + (text(f", {src.date}") if src.date else "") + text(f" ({src.grade})")
            + (text(": ") + text("; ").join(where) if where else ""))


def source_json(src: Any) -> dict[str, Any]:
    """A claims file's source as JSON data: its id, title, date, grade, url and document (null where not
    given)."""
    return {"id": src.id, "title": src.title, "date": src.date, "grade": src.grade, "url": src.url,
            "document": src.document}


def verdict_json(v: Verdict, system: str = "metric") -> dict[str, Any]:
    """One verdict as JSON data (values as :class:`Shown`, rendered by :func:`batcalc.report.render.to_jsonable`)."""
    t = verdict_texts(v, system)
    # a 'between' claim asserts its two bounds: [low, high], as the table shows them (and the API's claimed)
    bounds = [v.details.get("low"), v.details.get("high")] if v.qualifier == "between" else []
    claimed = _data(bounds if bounds and None not in bounds else v.claimed, system)
    return {"id": v.id, "kind": v.kind, "quote": v.quote, "verdict": v.status, "qualifier": v.qualifier,
            "claimed": claimed, "claimed_text": t["claimed"],
            "derived": _data(v.derived, system), "derived_text": t["derived"],
            "needed": _data(v.needed, system) if v.status != "holds" else None,
            "would_take": t["would_take"], "missing": v.missing, "readings": t["readings"],
            "assumptions": t["assumptions"], "details": _data(v.details, system), "source": v.source,
            "source_detail": source_json(v.cited) if v.cited is not None else None,
            "evidence": [{"figure": f, "grade": g} for f, g in v.evidence],
            "evidence_warning": weakest_evidence(v.evidence)}


HEADERS = ["claim", "kind", "verdict", "claimed", "derived", "what it would take"]


def source_notes(verdicts: list[Verdict]) -> list[str]:
    """The notes naming each source the verdicts cite, once each in the order first cited (a claim's
    quote ends with its id, ``[seed-article]``): ``sources:`` and a line ``[id] title, date (grade): url;
    document`` (:func:`source_text`) a source; none when no verdict cites one. Claims files checked
    together may give one id to different sources: each record is listed (the same record once)."""
    cited = {id(v.cited): v.cited for v in verdicts if v.cited is not None}     # a file's record is one object
    lines = dict.fromkeys(f"  [{src.id}] {source_text(src)}" for src in cited.values())
    return ["sources:", *lines] if lines else []


def verdict_rows(verdicts: list[Verdict], system: str = "metric",
                 with_data: bool = True, sources: bool = True) -> tuple[list[str], list[list[str]], list[str], Any]:
    """``(headers, rows, notes, data)`` of a list of verdicts: one row a claim, then per claim its
    quote, missing facts, readings and assumptions as notes, the sources cited (:func:`source_notes`,
    unless ``sources`` is False) and a count of each status."""
    rows: list[list[str]] = []
    notes: list[str] = []
    for v in verdicts:
        t = verdict_texts(v, system)
        rows.append([v.id, v.kind, v.status.upper(), t["claimed"], t["derived"], t["would_take"]])
        notes.append(f"{v.id}: \"{' '.join(v.quote.split())}\"" + (f" [{v.source}]" if v.source else ""))
        if v.missing:
            notes.append(f"  missing: {'; '.join(v.missing)}")
        for r in t["readings"]:
            notes.append(f"  reading: {r}")
        notes.append(f"  assumptions: {'; '.join(t['assumptions'])}")
        if v.evidence:
            warning = weakest_evidence(v.evidence)
            notes.append(f"  evidence: {'; '.join([f'{f} ({g})' for f, g in v.evidence])}"
                         + (f" - {warning}" if warning else ""))
    if sources:
        notes += source_notes(verdicts)
    statuses = [v.status for v in verdicts]
    counts = {s: statuses.count(s) for s in ("holds", "fails", "underdetermined")}
    notes.append(f"{len(verdicts)} claims: {counts['holds']} hold, {counts['fails']} fail, "
                 f"{counts['underdetermined']} underdetermined")
    if "depends" in statuses:
        counts["depends"] = statuses.count("depends")
        notes[-1] += f", {counts['depends']} depend on the assumptions"
    data = {"verdicts": [verdict_json(v, system) for v in verdicts], "summary": counts} if with_data else None
    return HEADERS, rows, notes, data


def verdict_csv(verdicts: list[Verdict], system: str = "metric") -> tuple[list[str], list[list[Any]]]:
    """Verdicts as CSV rows with numbers in their own columns: claimed, derived and needed as value and
    unit (a list of one, a charge's one window, as that number; empty where a verdict has no single
    number, e.g. several charge windows), the texts beside:
    claimed, derived, what it would take, the missing facts and the assumptions (as in JSON; a list
    joined by '; ', as the table's notes show it); then the source the claim cites, as JSON's ``source`` and
    ``source_detail`` give it (id, title, date, grade, url, document; empty where not given). Every text is
    made safe for a spreadsheet where the table is written (:func:`batcalc.report.render.spreadsheet_text`)."""
    from batcalc.report.render import to_jsonable

    headers = ["claim", "kind", "verdict", "qualifier", "claimed", "claimed_unit", "derived", "derived_unit",
               "needed", "needed_unit", "claimed_text", "derived_text", "would_take", "missing", "assumptions",
               "source", *(f"source_{key}" for key in _SOURCE_COLUMNS)]
    rows: list[list[Any]] = []
    for v in verdicts:
        data = to_jsonable(verdict_json(v, system))
        row: list[Any] = [v.id, v.kind, v.status, v.qualifier]
        for key in ("claimed", "derived", "needed"):
            x = data.get(key)
            if isinstance(x, list) and len(x) == 1:          # one charge window's figure
                x = x[0]
            row += [x["value"], x["unit"]] if isinstance(x, dict) and "value" in x else ["", ""]
        cited = data["source_detail"] or {}
        rows.append(row + [data["claimed_text"], data["derived_text"], data["would_take"],
                           "; ".join(data["missing"]), "; ".join(data["assumptions"]), data["source"] or ""]
                    + [cited.get(key) or "" for key in _SOURCE_COLUMNS])
    return headers, rows


#: The keys of JSON's ``source_detail`` that :func:`verdict_csv` gives as ``source_<key>`` columns (its id is
#: the ``source`` column).
_SOURCE_COLUMNS = ("title", "date", "grade", "url", "document")


# ------------------------------------------------------------------------ verdicts over the bands

_WHERE = {"derived": "derived", "needed": "needed", "would_take": "what it would take", "details": ""}


def _band_label(path: str, v: Value, verdict: Verdict) -> str:
    """A readable name for a banded figure's path: ``details.windows.0.battery_power`` -> ``0->80 %
    battery power``; ``would_take.3`` -> ``what it would take: mass``."""
    parts = path.split(".")
    what = units.DIMENSIONS[_CATEGORIES.get(v.dim, v.dim)].label if _CATEGORIES.get(v.dim, v.dim) in \
        units.DIMENSIONS else v.dim
    if parts[0] == "details" and len(parts) >= 4 and parts[1] == "windows":
        try:
            w = verdict.details["windows"][int(parts[2])]
            window = f"{w['from_soc'].si * 100:.0f}->{w['to_soc'].si * 100:.0f} % "
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            window = f"window {parts[2]} "
        return window + parts[3].replace("_", " ")
    if parts[0] == "details":
        return " ".join(parts[1:]).replace("_", " ")
    if parts[0] in ("derived", "needed"):
        return parts[0] + (f" ({int(parts[1]) + 1})" if len(parts) > 1 and parts[1].isdigit() else "")
    return f"{_WHERE[parts[0]]}: {what}"


def decider_text(d: Any, ranges: Any, system: str = "metric") -> str:
    """``'holds if cell-to-pack-mass is at least 78 %'`` for a :class:`batcalc.claims.bands.Decider`
    (``'fails if ...'`` for one that names where a claim keeps failing, underdetermined elsewhere)."""
    p = ranges[d.axis.id]
    if d.side == "between":
        return (f"{d.status} if {d.axis.id} is between {p.show(d.values[0], system)} and "
                f"{p.show(d.values[1], system)}")
    return f"{d.status} if {d.axis.id} is {d.side} {p.show(d.values[0], system)}"


def banded_rows(banded: list[Any], ranges: Any, system: str = "metric",
                with_data: bool = True) -> tuple[list[str], list[list[str]], list[str], Any]:
    """:func:`verdict_rows` of verdicts over the bands (:class:`batcalc.claims.bands.Banded`): each
    claim's notes add its bands (low to high, central) and, for a claim that depends, the
    assumptions that decide it; the JSON adds ``bands``, ``deciders``, ``verdict_at_central`` and the
    assumptions of the box to each verdict."""
    rows: list[list[str]] = []
    notes: list[str] = []
    verdicts_data = []
    base = ranges
    for b in banded:
        v = b.verdict
        ranges = {**base, **b.inputs}              # the claim's own ranged inputs are axes too
        _h, own_rows, own, _d = verdict_rows([v], system, with_data=False, sources=False)
        rows += own_rows
        notes += own[:-1]                          # its lines, without the one-claim count
        figures = []
        data_bands: dict[str, dict[str, Any]] = {}
        for path, (value, band) in b.bands.items():
            lo, c, hi = (value_shown(value._replace(si=x), system) for x in (band.low, band.central, band.high))
            label = _band_label(path, value, v)
            data_bands[path] = {"label": label, "low": lo, "central": c, "high": hi}
            where = ""
            if path in b.partial:          # e.g. what it would take, absent where the claim holds
                data_bands[path]["partial"] = True
                where = " where the claim does not hold" if path.startswith("would_take") else " where it is computed"
            if band.width > 1e-9 * max(abs(band.central), 1e-300):
                figures.append(f"{label} {lo} to {hi} (central {c}){where}")
        if figures:
            notes.append(f"  bands: {'; '.join(figures)}")
        elif b.bands:
            notes.append("  bands: zero width: no default assumption moves what this claim derives")
        if b.verdict.status == "depends":
            deciders = [decider_text(d, ranges, system) for d in b.deciders]
            notes.append(f"  depends (at the central assumptions it {b.central_status}): "
                         + ("; ".join(deciders) if deciders else "no single assumption decides it alone; "
                            "combinations at the edges of the box do"))
        if with_data:
            entry = verdict_json(v, system)
            entry.update({"verdict_at_central": b.central_status, "bands": data_bands,
                          "deciders": [{"assumption": d.axis.id, "verdict": d.status, "holds_if": d.side,
                                        "threshold": [ranges[d.axis.id].show(x, system) for x in d.values]}
                                       for d in b.deciders],
                          "assumptions": {a.id: {"low": ranges[a.id].show(a.low, system),
                                                 "central": ranges[a.id].show(a.central, system),
                                                 "high": ranges[a.id].show(a.high, system)} for a in b.axes},
                          "runs": b.runs})
            verdicts_data.append(entry)
    notes += source_notes([b.verdict for b in banded])
    counts = {s: sum(b.verdict.status == s for b in banded) for s in ("holds", "fails", "depends", "underdetermined")}
    notes.append(f"{len(banded)} claims over the plausible assumptions (docs/assumptions.md): {counts['holds']} hold, "
                 f"{counts['fails']} fail, {counts['depends']} depend, {counts['underdetermined']} underdetermined")
    data = {"verdicts": verdicts_data, "summary": counts} if with_data else None
    return HEADERS, rows, notes, data
