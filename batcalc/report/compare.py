"""Cell listings, single-cell reports and side-by-side comparisons, as rows and as JSON data."""


from typing import Any

from batcalc.physics.cells import FIGURES, CellFigures
from batcalc.physics.compare import TRADEOFFS, Ratio
from batcalc.units import Shown, format_number, from_si, shown


def grade_of(cell: CellFigures) -> str:
    """The grades its values rest on, e.g. ``datasheet``, ``press`` or ``datasheet+press``: the grade of the
    source each value of the cell's spec cites, ``assumption`` for one that states an assumption instead,
    ``unsourced`` for one that does neither (:func:`batcalc.physics.cells.given_grade`, the rule of its
    figures). A source the file lists but no value cites (a teardown named in the notes) lends no grade."""
    from batcalc.physics.cells import given_grade
    from batcalc.spec.model import sourced_values

    by_id = {s.id: s.grade for s in cell.spec.sources}
    grades = {given_grade(sid, value, by_id) or "unsourced" for _, value, sid in sourced_values(cell.spec)}
    return "+".join(sorted(grades)) if grades else "unsourced"


# ------------------------------------------------------------------------------------------ list

def list_rows(cells: list[CellFigures], system: str):
    """Headers, rows and JSON data for ``batcalc list``."""
    grav_unit = shown(None, "specific_energy", system).unit
    vol_unit = shown(None, "energy_density", system).unit
    headers = ["id", "name", "status", "format", "level", f"gravimetric ({grav_unit})",
               f"volumetric ({vol_unit})", "grade"]
    rows, data = [], []
    for c in cells:
        g = shown(c.get("gravimetric"), "specific_energy", system)
        v = shown(c.get("volumetric"), "energy_density", system)
        rows.append([c.id, c.spec.name, c.spec.status, c.spec.format, c.level, g, v, grade_of(c)])
        data.append({"id": c.id, "name": c.spec.name, "maker": c.spec.maker, "chemistry": c.spec.chemistry,
                     "status": c.spec.status, "format": c.spec.format, "level": c.level,
                     "gravimetric": g, "volumetric": v, "grade": grade_of(c)})
    return headers, rows, data


# ------------------------------------------------------------------------------------------ show

def charge_claim_lines(cell: CellFigures) -> list[dict]:
    """Each charge claim with its average C-rate; an open start SoC is shown from 0 % and 10 %."""
    from batcalc.physics import charge

    out = []
    for claim in cell.spec.charging.claims:
        to, t = claim.to_soc.si, claim.time.si
        stated = claim.from_soc is not None
        start_text = claim.from_soc.text if claim.from_soc is not None else ""
        windows = [{"from_soc": Shown(s * 100, "%"), "to_soc": Shown(to * 100, "%"),
                    "average_c_rate": Shown(charge.average_c_rate(s, to, t), "C")}
                   for s in charge.starts_of(claim.from_soc.si if claim.from_soc is not None else None, to)]
        text = (f"{'' if stated else '? '}{start_text}"
                f"{' -> ' if stated else '-> '}{claim.to_soc.text} in {claim.time.text}")
        out.append({"claim": text.strip(), "start_soc_stated": stated, "time": Shown(t / 60, "min"),
                    "windows": windows, "source": claim.source})
    return out


def show_rows(cell: CellFigures, system: str, with_data: bool = True):
    """Headers, rows, notes and JSON data for ``batcalc show`` (data None unless ``with_data``:
    only ``--format json`` needs it)."""
    spec = cell.spec
    headers = ["figure", "value", "unit", "how", "source", "grade"]
    rows, figures = [], {}
    for key, fig in cell.figures.items():
        s = shown(fig.si, fig.dim, system)
        if key in ("gravimetric", "volumetric"):
            label = f"{fig.label} ({cell.level} level)"
        else:
            label = fig.label
        how = f"derived: {fig.derived}" if fig.derived else "given"
        rows.append([label, s, s.unit, how, ", ".join(fig.sources), fig.grade or ""])
        if with_data:
            figures[key] = {"value": s, "derived": fig.derived, "sources": list(fig.sources), "grade": fig.grade}
    claims = charge_claim_lines(cell)
    grade_by_id = {s.id: s.grade for s in spec.sources}
    for c in claims:                # a file with one source: the claim is its (as its figures are), in JSON too
        c["source"] = c["source"] or _only_source(spec) or None
        c["grade"] = grade_by_id.get(c["source"]) if c["source"] else "unsourced"
    max_c = cell.get("max_c_rate")
    rated = None if max_c is None else float(from_si(max_c, "c_rate", "C"))
    for c in claims:
        for w in c["windows"]:          # in JSON too, as batcalc charge gives it (None: no rating to judge by)
            w["exceeds_cell_rating"] = None if rated is None else w["average_c_rate"].value > rated * (1 + 1e-9)
        windows = "; ".join(f"{w['from_soc']}->{w['to_soc']} %: {w['average_c_rate']} C average"
                            + (f" (above the cell's max {format_number(rated)} C)" if w["exceeds_cell_rating"] else "")
                            for w in c["windows"])
        how = windows if c["start_soc_stated"] else f"start SoC not stated; assumed {windows}"
        rows.append(["charge claim", c["claim"], "", how, c["source"] or "", c["grade"] or ""])
    ranges = []
    for r in spec.ranges:
        d = shown(r.distance.si, "length", system, "distance")
        extra = ", ".join(x for x in (f"cycle {r.test_cycle}",
                                      f"pack {r.pack_energy.text}" if r.pack_energy else "",
                                      r.vehicle or "") if x)
        source = r.source or _only_source(spec) or None
        grade = grade_by_id.get(source) if source else "unsourced"
        rows.append(["range claim", d, d.unit, extra, source or "", grade or ""])
        ranges.append({"distance": d, "test_cycle": r.test_cycle,
                       "pack_energy": shown(r.pack_energy.si, "energy", system) if r.pack_energy else None,
                       "vehicle": r.vehicle, "source": source, "grade": grade})
    notes = [f"{spec.name} ({spec.id}): {spec.maker or 'maker not given'}, {spec.chemistry or 'chemistry not given'}, "
             f"{spec.format}, status {spec.status}"]
    warnings = cell.warnings_in(system)
    notes += [f"warning: {w}" for w in warnings]
    notes += [f"assumption ({'.'.join(path)}): {reason}" for path, reason in cell.assumptions]
    unknown = [FIGURES[k][0] for k in ("nominal_voltage", "capacity", "energy", "mass", "volume", "gravimetric",
                                       "volumetric") if cell.get(k) is None]
    if unknown:
        notes.append(f"not known: {', '.join(unknown)} (no source read gives "
                     f"{'it' if len(unknown) == 1 else 'them'} and none can be derived"
                     + ("; the notes below say what the sources lack)" if spec.notes else ")"))
    from batcalc.physics.charge import open_start_text

    for claim in spec.charging.claims:
        if claim.from_soc is None:
            notes.append(f"the charge claim does not say where the charge starts: {open_start_text(claim.to_soc.si)} "
                         f"shown (average C-rate = SoC window / time)")
    if spec.cycle_life and spec.cycle_life.conditions:
        notes.append(f"cycle life conditions: {spec.cycle_life.conditions}")
    notes += [f"source {s.id}: {s.title} ({s.publisher + ', ' if s.publisher else ''}{s.date or 'undated'}; "
              f"{s.grade}) {s.url or s.document}" for s in spec.sources]
    if spec.notes:
        notes.append("notes: " + " ".join(spec.notes.split()))
    if not with_data:
        return headers, rows, notes, None
    data = {"id": spec.id, "name": spec.name, "maker": spec.maker, "chemistry": spec.chemistry,
            "format": spec.format, "status": spec.status, "level": cell.level, "figures": figures,
            "charge_claims": claims, "range_claims": ranges, "warnings": warnings,
            "sources": [{k: v for k in _SOURCE_KEYS if (v := getattr(s, k)) is not None} for s in spec.sources],
            "notes": spec.notes}
    return headers, rows, notes, data


_SOURCE_KEYS = ("id", "title", "url", "document", "publisher", "date", "grade", "note")


def _only_source(spec) -> str:
    return spec.sources[0].id if len(spec.sources) == 1 else ""


# --------------------------------------------------------------------------------------- compare

def compare_rows(cells: list[CellFigures], baseline: CellFigures, system: str, with_data: bool = True,
                 labels: "list[str] | None" = None):
    """Headers, rows, notes and JSON data for ``batcalc compare`` (metrics as rows, cells as columns).

    Every numeric cell other than the baseline also shows its ratio and percent change against
    the baseline (not a density of another level than the baseline's: a pack's against a cell's); rows at
    the bottom give energy at the same mass, mass at the same energy, and the same for volume (likewise).
    ``labels`` name the columns (default: the cells' ids) and key each cell's figures in the JSON data,
    so two cells sharing an id (a file reusing a catalogue id) keep their own figures there too.
    """
    names = labels if labels is not None else [c.id for c in cells]
    headers = ["quantity", "unit"] + [n + (" (baseline)" if c is baseline else "") for n, c in zip(names, cells,
                                                                                                  strict=True)]
    rows, metrics = [], []
    level_text = "/".join(sorted({c.level for c in cells}))
    for key, (label, dim) in FIGURES.items():
        si = [c.get(key) for c in cells]
        if all(x is None for x in si):
            continue
        unit = shown(None, dim, system).unit
        row, values, ratios = [label, unit], {}, {}
        base = baseline.get(key)
        for c, n, x in zip(cells, names, si, strict=True):
            s = shown(x, dim, system)
            values[n] = s
            text = str(s)
            if key in ("gravimetric", "volumetric") and c.level != baseline.level and x is not None:
                text = f"{text} ({c.level} level: no ratio to {baseline.level} level)"    # as the rows below
            elif c is not baseline and x is not None and base:
                r = Ratio(x / base)
                if with_data:
                    ratios[n] = r.json()
                text = f"{text} ({r.inline()})"
            row.append(text)
        if key in ("gravimetric", "volumetric"):
            row[0] = f"{label} ({level_text} level)"
        rows.append(row)
        metrics.append({"key": key, "label": label, "unit": unit, "values": values, "vs_baseline": ratios})
    tradeoffs = {}
    for key, label, fn in TRADEOFFS:
        results = {n: fn(baseline, c) for c, n in zip(cells, names, strict=True) if c is not baseline}
        if all(r.value is None for r in results.values()):
            continue
        rows.append([label, "x baseline"] + ["1 (baseline)" if c is baseline else results[n].text()
                                             for c, n in zip(cells, names, strict=True)])
        if with_data:
            tradeoffs[key] = {cid: r.json() for cid, r in results.items()}
    notes = [f"ratios are against the baseline {baseline.id}: x = other / baseline, "
             "(+/- %) = percent change"]
    lacking = [label for key, (label, _dim) in FIGURES.items() if baseline.get(key) is None
               and any(c.get(key) is not None for c in cells if c is not baseline)]
    if lacking:                     # those rows show the others' figures bare: say why
        notes.append(f"the baseline {baseline.id} gives no {', '.join(lacking)}: no ratio to it in "
                     f"{'that row' if len(lacking) == 1 else 'those rows'}")
    notes += ["same mass: E2/E1 = rho2/rho1; same energy: m2/m1 = rho1/rho2 (cell level unless marked pack)"]
    levels = {c.level for c in cells}
    if len(levels) > 1:
        notes.append("warning: cell-level and pack-level densities are not comparable (a pack adds "
                     "housing, cooling and BMS: pack/cell mass fraction ~0.6-0.9)")
    warnings = [f"{c.id}: {w}" for c in cells for w in c.warnings_in(system)]
    notes += [f"warning: {w}" for w in warnings]
    if not with_data:
        return headers, rows, notes, None
    data = {"baseline": next(n for c, n in zip(cells, names, strict=True) if c is baseline),
            "cells": [{"id": c.id, "label": n, "name": c.spec.name, "level": c.level, "status": c.spec.status,
                       "grade": grade_of(c)} for c, n in zip(cells, names, strict=True)],
            "metrics": metrics, "tradeoffs": tradeoffs,
            "warnings": warnings}
    return headers, rows, notes, data


def compare_csv(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """``batcalc compare``'s figures as CSV rows with numbers in their own columns: one row per metric
    and cell (``metric, unit, cell, value, ratio, change_percent``; ratio and change against the
    baseline, empty for the baseline and where undefined), the trade-off ratios likewise."""
    headers = ["metric", "unit", "cell", "value", "ratio", "change_percent"]
    rows: list[list[Any]] = []
    for m in data["metrics"]:
        for cid, value in m["values"].items():
            vs = m["vs_baseline"].get(cid) or {}
            rows.append([m["label"], m["unit"], cid, value.value, vs.get("ratio"), vs.get("percent")])
    for key, results in data["tradeoffs"].items():
        for cid, r in results.items():
            rows.append([key.replace("_", " "), "x baseline", cid, r["ratio"], r["ratio"], r["percent"]])
    return headers, rows
