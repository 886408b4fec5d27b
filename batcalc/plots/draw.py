"""Pictures: Ragone chart (Wh/kg against Wh/L), range against pack mass, charge windows.

The data behind each chart comes from the calculation layers (``cells``, ``tradeoff``, ``reports``)
and is returned by ``*_data`` functions as plain dicts and lists of numbers in display units; the
``draw_*`` functions only draw it. matplotlib is an optional extra (``pip install 'batcalc[plot]'``),
imported lazily and only by the drawing code, always on the headless Agg backend.

Files are written atomically by :func:`batcalc.safefile.write_new` (temporary file in the target
folder, then renamed onto the target; an existing file is replaced only with ``--force``).
"""

from __future__ import annotations

import math
import os
import textwrap
from pathlib import Path
from typing import Any, Optional, Sequence

from batcalc import units
from batcalc.errors import BatcalcError
from batcalc.physics.cells import weakest_grade
from batcalc.physics.pack import PackOptions

#: File name suffix -> matplotlib format.
PLOT_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
MATPLOTLIB_HINT = ("plotting needs matplotlib: pip install matplotlib (or, from a checkout of batcalc, "
                   "pip install '.[plot]')")
#: Resolution of PNG output (dots per inch); the figures are about 10 in wide.
DPI = 150
#: Categorical colours (matplotlib's tab10, written out so the data layer needs no matplotlib).
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
GRADE_COLOURS = {"datasheet": "#1f77b4", "reference": "#1b9e77", "press": "#d95f02", "assumption": "#7570b3",
                 None: "#7f7f7f"}
LEVEL_MARKERS = {"cell": "o", "pack": "s"}


# --------------------------------------------------------------------------- output files

def image_format(path: str | os.PathLike) -> str:
    """The image format named by the file's suffix (png, svg, pdf), else a one-line error."""
    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_FORMATS:
        shown = f"suffix {suffix!r}" if suffix else "no suffix"
        raise BatcalcError(f"cannot tell the image format of {str(path)!r} ({shown}): name the file "
                           f"*.png, *.svg or *.pdf")
    return PLOT_FORMATS[suffix]


def check_output(path: str | os.PathLike, force: bool = False) -> tuple[Path, str]:
    """Check before any work that ``path`` can be written: known suffix, existing folder, and no
    existing file unless ``force``. Returns ``(path, format)``."""
    if not str(path).strip():
        raise BatcalcError("give the image file to write with -o, e.g. -o ragone.png")
    from batcalc.io.safefile import check_target

    p = Path(path)
    fmt = image_format(p)
    if os.path.isdir(p):
        raise BatcalcError(f"{str(p)!r} is a folder: give a file name such as {str(p / ('plot.' + fmt))!r}")
    return check_target(path, force), fmt      # as given: Path('x.png/') would lose the '/' that names a folder


def require_matplotlib() -> None:
    """Raise the one-line install hint when matplotlib cannot be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise BatcalcError(MATPLOTLIB_HINT) from None


def _pyplot():
    require_matplotlib()
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def save_figure(fig, path: str | os.PathLike, force: bool = False) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix) without ever leaving a half-written file.

    The image is rendered in memory, then written by :func:`batcalc.safefile.write_new`: a temporary
    file in the same folder renamed onto ``path`` (``os.link`` unless ``force``, so an existing file
    is never overwritten)."""
    import io

    from batcalc.io.safefile import write_new

    p, fmt = check_output(path, force)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI, metadata=_metadata(fmt))
    try:
        return write_new(p, buf.getvalue(), force=force)
    except OSError as exc:
        raise BatcalcError(f"cannot write {str(p)!r}: {exc.strerror or exc}") from None


def _metadata(fmt: str) -> dict:
    # No creation date: the same data gives the same file.
    if fmt == "png":
        return {"Software": "batcalc (matplotlib)"}
    if fmt == "svg":
        return {"Date": None}
    return {"CreationDate": None, "Creator": "batcalc (matplotlib)"}


# --------------------------------------------------------------------------- helpers

def fmt(x: Optional[float]) -> str:
    """A number as the tables print it (4 significant figures)."""
    return "" if x is None else units.format_number(float(x))


def pretty_unit(unit: str) -> str:
    """``Wh/in^3`` -> ``Wh/in³`` for axis labels."""
    return unit.replace("^2", "²").replace("^3", "³")


def _unique(cells: list) -> list:
    seen, out = set(), []
    for c in cells:
        if c.id not in seen:
            seen.add(c.id)
            out.append(c)
    return out


def _grade(cell, key: str) -> Optional[str]:
    fig = cell.figures.get(key)
    return None if fig is None else fig.grade


# --------------------------------------------------------------------------- data

def ragone_data(cells: list, system: str = "metric") -> dict[str, Any]:
    """Points of the Ragone chart: each cell's gravimetric and volumetric density in display units.

    A point's grade is the weaker of its two figures' grades (:func:`~batcalc.physics.cells.weakest_grade`).
    Cells lacking either density are listed in ``left_out``."""
    gu, vu = units.display_unit("specific_energy", system), units.display_unit("energy_density", system)
    points, left_out = [], []
    for c in _unique(cells):
        g, v = c.get("gravimetric"), c.get("volumetric")
        if g is None or v is None:
            left_out.append({"id": c.id, "missing": [u for u, x in ((gu, g), (vu, v)) if x is None]})
            continue
        grades = {"gravimetric": _grade(c, "gravimetric"), "volumetric": _grade(c, "volumetric")}
        grade = weakest_grade(grades.values())
        points.append({
            "id": c.id, "name": c.spec.name, "level": c.level, "grade": grade, "grades": grades,
            "gravimetric": float(units.from_si(g, "specific_energy", gu)),
            "volumetric": float(units.from_si(v, "energy_density", vu)),
        })
    return {"system": system, "units": {"gravimetric": gu, "volumetric": vu}, "points": points,
            "left_out": left_out}


def range_data(cells: list, vehicle, system: str = "metric", cycle: Optional[str] = "default",
               pack_mass: Optional[float] = None, options: PackOptions = PackOptions(),
               points: int = 241) -> dict[str, Any]:
    """Range against pack mass for each cell in ``vehicle``, with the two comparisons the chart shows.

    Reference: the first cell's pack at ``pack_mass`` kg (default: the vehicle's reference pack).
    Same weight: every cell's range at that pack mass (``tradeoff(..., 'mass')``). Same range: the
    pack mass each cell needs for the first cell's range there (``tradeoff(..., 'range')``, with mass
    feedback; None when no pack reaches it). Curves: :func:`~batcalc.tradeoff.sweep_range`, on a mass
    grid that contains the reference and same-range masses exactly. ``warnings``: those of the marked
    results (same weight, same range), as ``batcalc range`` gives them. Display units throughout."""
    import numpy as np

    from batcalc.physics.pack import cell_density
    from batcalc.physics.tradeoff import RangeResult, cycle_label, default_cycle, sweep_range, tradeoff

    cells = _unique(cells)
    if not cells:
        raise BatcalcError("give at least one cell")
    cyc = default_cycle(vehicle) if cycle == "default" else cycle
    base = cells[0]
    same_mass = [tradeoff(base, c, vehicle, "mass", pack_mass=pack_mass, cycle=cyc, options=options) for c in cells]
    ref = same_mass[0].a
    same_range: list[Optional[RangeResult]] = []
    unreachable: list[str] = []
    for c in cells:
        try:
            same_range.append(tradeoff(base, c, vehicle, "range", pack_mass=pack_mass, cycle=cyc, options=options).b)
        except BatcalcError:
            same_range.append(None)
            unreachable.append(c.id)
    m_ref = ref.pack.mass
    needed = [r.pack.mass for r in same_range if r is not None]
    from batcalc.physics.vehicle import MAX_VEHICLE_MASS

    m_max = min(max([2.0 * m_ref] + [1.15 * m for m in needed]),      # within a road vehicle's mass
                max(MAX_VEHICLE_MASS - vehicle.glider_mass - vehicle.payload, m_ref))
    grid = np.union1d(np.linspace(0.0, m_max, points), [m_ref] + needed)

    mu, du = units.display_unit("mass", system), units.display_unit("distance", system)
    su = units.display_unit("specific_energy", system)

    def mass(x):
        return units.from_si(x, "mass", mu)

    def dist(x):
        return units.from_si(x, "length", du)

    curves, notes = [], []
    for c, t, r in zip(cells, same_mass, same_range, strict=False):
        rho, opts, cell_notes = cell_density(c, options)
        notes += [n for n in cell_notes if n not in notes]
        ranges = sweep_range(vehicle, [rho], grid, cyc, opts)[0]
        curves.append({
            "id": c.id, "name": c.spec.name, "level": c.level,
            "density": float(units.from_si(rho, "specific_energy", su)),
            "pack_mass": [float(x) for x in mass(grid)], "range": [float(x) for x in dist(ranges)],
            "range_at_reference_mass": float(dist(t.b.range)),
            "pack_mass_for_reference_range": None if r is None else float(mass(r.pack.mass)),
        })
    opts = options
    assumptions = [
        f"cycle: {cycle_label(vehicle, cyc, system)}",
        f"pack mass = cell mass / {opts.f_mass:.2f} (cell-to-pack mass fraction), usable energy "
        f"{opts.f_usable * 100:.0f} % of nominal",
        f"{vehicle.id}: {fmt(mass(vehicle.glider_mass))} {mu} without battery + {fmt(mass(vehicle.payload))} {mu} "
        f"payload + pack; consumption rises with that mass",
    ] + notes
    return {
        "vehicle": vehicle.id, "vehicle_name": vehicle.spec.name, "cycle": cycle_label(vehicle, cyc, system),
        "system": system, "units": {"mass": mu, "range": du, "density": su},
        "reference": {"cell": base.id, "pack_mass": float(mass(m_ref)), "range": float(dist(ref.range)),
                      "pack_mass_given": pack_mass is not None},
        "curves": curves, "unreachable": unreachable, "assumptions": assumptions,
        "warnings": list(dict.fromkeys(w for r in [t.b for t in same_mass] + same_range if r is not None
                                       for w in r.warnings_in(system))),
    }


def charge_data(cell, system: str = "metric", vehicle: Optional[str] = None, pack_energy: Optional[float] = None,
                cycle: Optional[str] = "default", loaded: Optional[Any] = None) -> dict[str, Any]:
    """State of charge and range added against minutes for each window of the cell's charge claims.

    The numbers are those of ``batcalc charge`` (:func:`batcalc.report.charge.charge_report`): each window
    is charged at its constant average power, so SoC and range added are straight lines from the
    window's start to its end. ``vehicle`` is a catalogue id or path (``loaded``: that vehicle already
    loaded, in its conditions: :meth:`~batcalc.physics.vehicle.Vehicle.in_conditions`), ``pack_energy``
    gross J."""
    from batcalc.report.charge import charge_report

    if not cell.spec.charging.claims:
        raise BatcalcError(f"{cell.id} has no charge claim to plot (batcalc charge --to/--time works without one)")
    _, _, notes, data = charge_report(cell, vehicle, pack_energy, None, None, None, None, cycle, None, system,
                                      loaded=loaded)
    du = units.display_unit("distance", system)

    def val(w, key):
        s = w.get(key)
        return None if s is None else float(s.value)

    windows = []
    for w in data["windows"]:
        start, end, minutes = val(w, "from_soc"), val(w, "to_soc"), val(w, "time")
        added = val(w, "range_added")
        energy = val(w, "energy_added")
        windows.append({
            "from_soc": start, "to_soc": end, "minutes": minutes, "start_stated": w["start_stated"],
            "c_rate": val(w, "average_c_rate"), "battery_power": val(w, "power_at_the_battery"),
            "grid_power": val(w, "power_from_the_grid"), "energy_added": energy, "range_added": added,
            "range_per_minute": val(w, "range_added_per_minute"),
            "exceeds_cell_rating": w.get("exceeds_cell_rating"),
            "series": {"minutes": [0.0, minutes], "soc": [start, end],
                       "range_added": None if added is None else [0.0, added],
                       "energy_added": None if energy is None else [0.0, energy]},
        })
    vehicle_id, cycle_text, energy = None, None, pack_energy
    if vehicle is not None:
        from batcalc.physics.tradeoff import cycle_label, default_cycle, reference_pack_energy
        from batcalc.physics.vehicle import load_vehicle

        v = loaded if loaded is not None else load_vehicle(vehicle)
        vehicle_id = v.id
        cycle_text = cycle_label(v, default_cycle(v) if cycle == "default" else cycle, system)
        if energy is None:
            energy = reference_pack_energy(v)
    max_c = cell.get("max_c_rate")
    return {
        "cell": cell.id, "vehicle": vehicle_id, "cycle": cycle_text, "system": system,
        "units": {"soc": "%", "time": "min", "range": du, "energy": "kWh", "power": "kW", "c_rate": "C"},
        "pack_energy": None if energy is None else float(units.from_si(energy, "energy", "kWh")),
        "max_c_rate": None if max_c is None else float(units.from_si(max_c, "c_rate", "C")),
        "windows": windows, "notes": notes,
    }


# --------------------------------------------------------------------------- drawing helpers

def _figure(plt, rows: int = 1, plot_height: float = 5.2, title_lines: int = 2, foot_lines: int = 0,
            width: float = 10.0, sharex: bool = False, hspace: float = 0.12):
    """A figure whose top and bottom margins fit the title and footnote lines (sizes in inches)."""
    title_h = 0.3 + 0.22 * title_lines
    foot_h = 0.55 + 0.17 * foot_lines
    height = title_h + rows * plot_height + foot_h
    fig, axes = plt.subplots(rows, 1, figsize=(width, height), dpi=DPI, sharex=sharex, squeeze=False)
    fig.subplots_adjust(left=0.085, right=0.97, top=1 - title_h / height, bottom=foot_h / height,
                        hspace=hspace * rows)
    return fig, [a for (a,) in axes], title_h, foot_h, height


def _titles(fig, title: str, subtitle: list[str], height: float) -> None:
    y = 1 - 0.15 / height
    fig.text(0.085, y, title, ha="left", va="top", fontsize=13, fontweight="bold")
    for i, line in enumerate(subtitle):
        fig.text(0.085, y - (0.3 + 0.21 * i) / height, line, ha="left", va="top", fontsize=9.5, color="0.25")


def _footnote(fig, lines: list[str], height: float) -> None:
    if lines:
        fig.text(0.085, 0.08 / height, "\n".join(lines), ha="left", va="bottom", fontsize=8, color="0.3",
                 linespacing=1.35)


def _wrap(texts: list[str], width: int = 150) -> list[str]:
    """Wrap footnote lines; a number and its unit stay on one line (no-break space)."""
    import re

    out = []
    for t in texts:
        t = re.sub(r"(\d) (?=[A-Za-z%])", "\\1\u00a0", t)
        out += textwrap.wrap(t, width, subsequent_indent="  ", break_on_hyphens=False) or [""]
    return out


_OFFSETS = [(7, 7, "left", "bottom"), (7, -7, "left", "top"), (-7, 7, "right", "bottom"),
            (-7, -7, "right", "top"), (0, 10, "center", "bottom"), (0, -10, "center", "top"),
            (10, 0, "left", "center"), (-10, 0, "right", "center")]


def place_labels(fig, ax, items: list[dict], avoid: Sequence[tuple[float, float]] = (), avoid_boxes=(),
                 fontsize: float = 8.5, avoid_px: float = 6.0, offsets=None) -> list:
    """Annotate points without overlapping each other, the points, the lines, or the axes edges.

    ``items``: dicts with ``x``, ``y``, ``text`` and optional ``color``/``weight``/``offsets`` (a list of
    ``(dx, dy, ha, va)`` in points). Each label tries its offsets near its point, then farther out
    with a leader line, and keeps the first that overlaps nothing; failing that, the least bad one
    (overlapping another label costs most, then leaving the axes, covering a marker, crossing a line).
    ``avoid``: more data points to keep clear; ``avoid_boxes``: display-space boxes (e.g. the legend).
    Returns the annotations."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    axbox = ax.get_window_extent(renderer)
    scale = fig.dpi / 72.0
    r = avoid_px * scale
    anchors = list(avoid) + [(i["x"], i["y"]) for i in items]
    points = [Bbox.from_extents(px - r, py - r, px + r, py + r)
              for px, py in (ax.transData.transform(anchors) if anchors else [])]
    rl = 2.0 * scale
    samples = [Bbox.from_extents(px - rl, py - rl, px + rl, py + rl) for px, py in _line_samples(ax, 3 * scale)]
    placed = list(avoid_boxes)
    out = []
    for item in items:
        base = item.get("offsets") or offsets or _OFFSETS
        candidates = [(dx * f, dy * f, ha, va, f) for f in (1.0, 2.0, 3.2, 4.6, 6.5) for dx, dy, ha, va in base]
        best, best_score = None, math.inf
        for dx, dy, ha, va, f in candidates:
            ann = ax.annotate(item["text"], (item["x"], item["y"]), xytext=(dx, dy), textcoords="offset points",
                              ha=ha, va=va, fontsize=fontsize, color=item.get("color", "0.1"),
                              fontweight=item.get("weight", "normal"), zorder=6,
                              bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85),
                              arrowprops=None if f == 1.0 else dict(arrowstyle="-", color="0.5", lw=0.7,
                                                                     shrinkA=1, shrinkB=4))
            bb = _text_box(ann, renderer).padded(1.5 * scale)
            area = max(bb.width * bb.height, 1.0)
            clash = sum(_overlap(bb, p) for p in placed) / area
            outside = 1.0 - _overlap(bb, axbox) / area
            covered = sum(_overlap(bb, p) > 0 for p in points)
            crossed = sum(_overlap(bb, p) > 0 for p in samples)
            score = 2000 * clash + 500 * outside + 40 * covered + 3 * crossed + 2 * f
            if score < best_score:
                if best is not None:
                    best[0].remove()
                best, best_score = (ann, bb), score
            else:
                ann.remove()
            if score <= 2 * f:
                break
        assert best is not None                   # the first candidate always scores below inf
        placed.append(best[1])
        out.append(best[0])
    return out


def spread(centers: list[float], sizes: list[float], gap: float, lo: float = -math.inf,
           hi: float = math.inf) -> list[float]:
    """Centres for labels of ``sizes`` along one line, as close as possible to ``centers`` without
    overlapping (at least ``gap`` apart) and within ``[lo, hi]`` when they fit: blocks of touching
    labels are centred on the mean of their anchors (pool-adjacent-violators)."""
    order = sorted(range(len(centers)), key=lambda k: centers[k])
    blocks: list[list[int]] = []

    def layout(block):
        offs, pos = [], 0.0
        for k in block:
            offs.append(pos + sizes[k] / 2)
            pos += sizes[k] + gap
        length = pos - gap
        start = sum(centers[k] - o for k, o in zip(block, offs, strict=False)) / len(block)
        start = max(min(start, hi - length), lo) if hi - lo >= length else start
        return start, length, offs

    for k in order:
        blocks.append([k])
        while len(blocks) > 1:
            s1, l1, _ = layout(blocks[-2])
            s2, _, _ = layout(blocks[-1])
            if s1 + l1 + gap <= s2 + 1e-9:
                break
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    out = [0.0] * len(centers)
    for block in blocks:
        start, _, offs = layout(block)
        for k, o in zip(block, offs, strict=False):
            out[k] = start + o
    return out


def label_line(fig, ax, items: list[dict], axis: str, offset_pt: float, fontsize: float = 8.5) -> list:
    """Label points that lie on one line: ``axis='y'``: a column of labels beside a vertical line
    (``offset_pt`` to the right), each at its point's height, spread apart where they would overlap;
    ``axis='x'``: a row beside a horizontal line (``offset_pt`` up, negative: down). Labels moved away
    from their point get a leader line. Returns the annotations."""
    if not items:
        return []
    renderer = fig.canvas.get_renderer()
    scale = fig.dpi / 72.0
    axbox = ax.get_window_extent(renderer)
    if axis == "y":
        ha, va = ("left" if offset_pt >= 0 else "right"), "center"
    else:
        ha, va = "center", ("bottom" if offset_pt >= 0 else "top")
    anns, sizes = [], []
    for it in items:
        ann = ax.annotate(it["text"], (it["x"], it["y"]), xytext=(0, 0), textcoords="offset points", ha=ha, va=va,
                          fontsize=fontsize, color=it.get("color", "0.1"), fontweight="bold", zorder=7,
                          bbox=dict(boxstyle="round,pad=0.2", fc="white", ec=it.get("color", "0.5"), lw=0.6),
                          arrowprops=dict(arrowstyle="-", color=it.get("color", "0.5"), lw=0.8, shrinkA=0, shrinkB=4))
        bb = _text_box(ann, renderer)
        anns.append(ann)
        sizes.append((bb.height if axis == "y" else bb.width) + 4 * scale)
    anchors = ax.transData.transform([(it["x"], it["y"]) for it in items])
    k = 1 if axis == "y" else 0
    lo, hi = (axbox.y0, axbox.y1) if axis == "y" else (axbox.x0, axbox.x1)
    centres = spread([a[k] for a in anchors], sizes, 1.5 * scale, lo, hi)
    for ann, a, c in zip(anns, anchors, centres, strict=False):
        along = (c - a[k]) / scale
        ann.xyann = (offset_pt, along) if axis == "y" else (along, offset_pt)
    return anns


def _text_box(ann, renderer):
    """Display box of an annotation's text alone (without its leader line), at its current place."""
    from matplotlib.text import Text

    ann.update_positions(renderer)
    return Text.get_window_extent(ann, renderer)


def _fixed_boxes(fig, ax) -> list:
    """Display boxes of what is already on ``ax`` that labels must not cover: legend and texts."""
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    if ax.get_legend() is not None:
        boxes.append(ax.get_legend().get_window_extent(renderer))
    return boxes


def _line_samples(ax, spacing: float) -> list[tuple[float, float]]:
    """Points every ``spacing`` pixels along the data lines drawn on ``ax`` (display coordinates)."""
    import numpy as np

    out = []
    for line in ax.get_lines():
        if line.get_transform() != ax.transData or line.get_linestyle() in ("None", "none", "", " "):
            continue
        xy = ax.transData.transform(np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float))
        for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:], strict=False):
            n = max(1, int(math.hypot(x1 - x0, y1 - y0) / spacing))
            out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n)]
        if len(xy):
            out.append(tuple(xy[-1]))
    return out


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _nice_max(x: float) -> float:
    """A round axis end at or above ``x`` (1, 2, 2.5, 5 x 10^n steps)."""
    if x <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(x))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * mag >= x:
            return step * mag
    return 10 * mag


# --------------------------------------------------------------------------- drawing

def short_names(points: list[dict[str, Any]], limit: int = 32) -> dict[str, str]:
    """Labels a reader knows the cells by: each cell's name when it is at most ``limit`` characters and no
    other point has it, else its id (ids are short and unique)."""
    names = [p["name"] for p in points]
    return {p["id"]: p["name"] if len(p["name"]) <= limit and names.count(p["name"]) == 1 else p["id"]
            for p in points}


def draw_ragone(data: dict[str, Any], path: str | os.PathLike, force: bool = False) -> Path:
    """Gravimetric against volumetric energy density: marker shape = level (cell/pack), fill and
    colour = grade (datasheet filled, press hollow)."""
    plt = _pyplot()
    from matplotlib.lines import Line2D

    pts = data["points"]
    if not pts:
        raise BatcalcError("no cell to plot: none gives both a gravimetric and a volumetric energy density")
    gu, vu = data["units"]["gravimetric"], data["units"]["volumetric"]
    foot = ["grade: datasheet = maker's datasheet, independent lab test or teardown; press = press release, news "
            "or interview; assumption = a figure the spec states as an assumption, with its reason (batcalc show). "
            "A point takes the weaker grade of its two figures."]
    if data["left_out"]:
        foot.append("left out, lacking a density: " + ", ".join(
            f"{lo['id']} (no {' or '.join(pretty_unit(u) for u in lo['missing'])})" for lo in data["left_out"]))
    foot = _wrap(foot)
    fig, (ax,), _, _, height = _figure(plt, plot_height=6.0, foot_lines=len(foot))
    levels = sorted({p["level"] for p in pts})
    level_text = " and ".join(f"{lv} level" for lv in levels)
    _titles(fig, "Energy density: gravimetric against volumetric",
            [f"{len(pts)} cell{'s' if len(pts) != 1 else ''}; figures as the specs give them ({level_text}); "
             f"same numbers as batcalc compare / show"], height)
    _footnote(fig, foot, height)

    for p in pts:
        colour = GRADE_COLOURS[p["grade"]]
        face = colour if p["grade"] in ("datasheet", "reference") else (
            "white" if p["grade"] in ("press", "assumption") else "0.85")
        ax.plot(p["gravimetric"], p["volumetric"], LEVEL_MARKERS.get(p["level"], "o"), ms=9, mfc=face,
                mec=colour, mew=2.0, zorder=5, linestyle="none")
    xmax = _nice_max(max(p["gravimetric"] for p in pts) * 1.18)
    ymax = _nice_max(max(p["volumetric"] for p in pts) * 1.15)
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    ax.set_xlabel(f"gravimetric energy density ({pretty_unit(gu)})")
    ax.set_ylabel(f"volumetric energy density ({pretty_unit(vu)})")
    ax.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)
    label = short_names(pts)
    items = [{"x": p["gravimetric"], "y": p["volumetric"],
              "text": f"{label[p['id']]}{' (pack)' if p['level'] == 'pack' else ''}\n"
                      f"{fmt(p['gravimetric'])} {pretty_unit(gu)}, {fmt(p['volumetric'])} {pretty_unit(vu)}"}
             for p in pts]
    grades = {p["grade"] for p in pts}
    levels_drawn = {p["level"] for p in pts}
    handles = []                                   # the legend lists only what the chart shows
    if "cell" in levels_drawn:
        handles.append(Line2D([], [], marker="o", ls="none", ms=8, mfc="white", mec="0.2", mew=1.5,
                              label="cell-level figures"))
    if "pack" in levels_drawn:
        handles.append(Line2D([], [], marker="s", ls="none", ms=8, mfc="white", mec="0.2", mew=1.5,
                              label="pack-level figures"))
    if "datasheet" in grades:
        handles.append(Line2D([], [], marker="o", ls="none", ms=8, mfc=GRADE_COLOURS["datasheet"],
                              mec=GRADE_COLOURS["datasheet"], mew=2, label="datasheet grade (filled)"))
    if "reference" in grades:
        handles.append(Line2D([], [], marker="o", ls="none", ms=8, mfc=GRADE_COLOURS["reference"],
                              mec=GRADE_COLOURS["reference"], mew=2, label="reference grade (filled, green)"))
    if "press" in grades:
        handles.append(Line2D([], [], marker="o", ls="none", ms=8, mfc="white", mec=GRADE_COLOURS["press"], mew=2,
                              label="press grade (hollow)"))
    if "assumption" in grades:
        handles.append(Line2D([], [], marker="o", ls="none", ms=8, mfc="white", mec=GRADE_COLOURS["assumption"], mew=2,
                              label="rests on an assumption (hollow, purple)"))
    if None in grades:
        handles.append(Line2D([], [], marker="o", ls="none", ms=8, mfc="0.85", mec=GRADE_COLOURS[None], mew=2,
                              label="grade unknown (grey)"))
    ax.legend(handles=handles, loc="upper left", fontsize=8.5, framealpha=0.95, title="marker: level; fill: grade",
              title_fontsize=8.5)
    fig.canvas.draw()
    place_labels(fig, ax, sorted(items, key=lambda i: -i["y"]), avoid_boxes=_fixed_boxes(fig, ax), avoid_px=7)
    try:
        return save_figure(fig, path, force)
    finally:
        plt.close(fig)


def draw_range(data: dict[str, Any], path: str | os.PathLike, force: bool = False) -> Path:
    """Range against pack mass, one line per cell; a vertical line at the reference pack mass with
    each cell's range (same weight) and a horizontal line at the first cell's range there with each
    cell's pack mass (same range)."""
    plt = _pyplot()

    mu, du, su = data["units"]["mass"], data["units"]["range"], data["units"]["density"]
    ref = data["reference"]
    curves = data["curves"]

    summary_mass = [f"{c['id']} {fmt(c['range_at_reference_mass'])} {du}"
                    + ("" if i == 0 else f" (x{fmt(c['range_at_reference_mass'] / ref['range'])})")
                    for i, c in enumerate(curves)]
    summary_range = []
    for i, c in enumerate(curves):
        m = c["pack_mass_for_reference_range"]
        if m is None:
            summary_range.append(f"{c['id']} cannot reach it")
        else:
            delta = m - ref["pack_mass"]
            summary_range.append(f"{c['id']} {fmt(m)} {mu}" + ("" if i == 0 else
                                 f" ({'+' if delta >= 0 else '-'}{fmt(abs(delta))} {mu})"))
    foot = [f"same pack mass ({fmt(ref['pack_mass'])} {mu}): " + "; ".join(summary_mass),
            f"same range ({fmt(ref['range'])} {du}, pack mass solved with mass feedback): " + "; ".join(summary_range),
            "assumptions: " + "; ".join(data["assumptions"])] + [f"warning: {w}" for w in data.get("warnings", [])]
    foot = _wrap(foot)
    fig, (ax,), _, _, height = _figure(plt, plot_height=5.6, title_lines=3, foot_lines=len(foot))
    where = "given pack mass" if ref["pack_mass_given"] else f"{data['vehicle']}'s reference pack mass"
    _titles(fig, f"Range against pack mass in {data['vehicle']}",
            [f"{data['vehicle_name']}; {data['cycle']}",
             f"reference: {ref['cell']} at the {where}, {fmt(ref['pack_mass'])} {mu}; curves: same vehicle, "
             f"pack mass varied"], height)
    _footnote(fig, foot, height)

    xmax = max(c["pack_mass"][-1] for c in curves)
    ymax = _nice_max(max(max(c["range"]) for c in curves) * 1.05)
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    for i, c in enumerate(curves):
        colour = COLOURS[i % len(COLOURS)]
        lvl = "pack" if c["level"] == "pack" else "cell"
        ax.plot(c["pack_mass"], c["range"], color=colour, lw=2, zorder=3,
                label=f"{c['id']} ({fmt(c['density'])} {su} {lvl} level)")
    ax.axvline(ref["pack_mass"], color="0.35", ls="--", lw=1.1, zorder=2)
    ax.axhline(ref["range"], color="0.35", ls=":", lw=1.3, zorder=2)
    ax.annotate(f"same pack mass {fmt(ref['pack_mass'])} {mu}", (ref["pack_mass"], ymax), xytext=(4, -4),
                textcoords="offset points", ha="left", va="top", fontsize=8.5, color="0.25", rotation=0)
    ax.annotate(f"same range {fmt(ref['range'])} {du}", (xmax, ref["range"]), xytext=(-4, 4),
                textcoords="offset points", ha="right", va="bottom", fontsize=8.5, color="0.25")
    column, row = [], []
    for i, c in enumerate(curves):
        colour = COLOURS[i % len(COLOURS)]
        ax.plot([ref["pack_mass"]], [c["range_at_reference_mass"]], "o", ms=7, color=colour, mec="white", zorder=5)
        column.append({"x": ref["pack_mass"], "y": c["range_at_reference_mass"], "color": colour,
                       "text": f"{fmt(c['range_at_reference_mass'])} {du}"})
        m = c["pack_mass_for_reference_range"]
        if m is not None and i > 0:
            ax.plot([m], [ref["range"]], "D", ms=6, color=colour, mec="white", zorder=5)
            row.append({"x": m, "y": ref["range"], "color": colour, "text": f"{fmt(m)} {mu}"})
    ax.set_xlabel(f"pack mass ({mu})")
    ax.set_ylabel(f"range ({du})")
    ax.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", fontsize=8.5, framealpha=0.95)
    fig.canvas.draw()
    label_line(fig, ax, column, "y", 9)
    label_line(fig, ax, row, "x", -10)
    try:
        return save_figure(fig, path, force)
    finally:
        plt.close(fig)


#: Charge windows one chart shows legibly (labels are placed to avoid each other: more take long).
MAX_CHARGE_WINDOWS = 8


def draw_charge(data: dict[str, Any], path: str | os.PathLike, force: bool = False) -> Path:
    """State of charge (top) and range added, or energy added without a vehicle (bottom), against
    minutes: one straight line per window (constant average power)."""
    plt = _pyplot()

    windows = data["windows"][:MAX_CHARGE_WINDOWS]
    left_out = len(data["windows"]) - len(windows)
    du = data["units"]["range"]
    has_range = any(w["range_added"] is not None for w in windows)
    has_energy = any(w["energy_added"] is not None for w in windows)
    rows = 2 if has_range or has_energy else 1
    foot = _wrap(["straight lines: each window is drawn at its constant average power (SoC window / time); "
                  "real charging tapers towards the end, so the early part is faster than drawn"]
                 + data["notes"] + ([f"{left_out} more charge windows not drawn (at most {MAX_CHARGE_WINDOWS} "
                                     f"fit one chart; batcalc charge lists them all)"] if left_out else []))
    fig, axes, _, _, height = _figure(plt, rows=rows, plot_height=3.6 if rows == 2 else 4.6, title_lines=2,
                                      foot_lines=len(foot), sharex=True, hspace=0.09)
    where = []
    if data["vehicle"]:
        where.append(f"in {data['vehicle']}")
    if data["pack_energy"] is not None:
        where.append(f"{fmt(data['pack_energy'])} kWh pack")
    if data["cycle"]:
        where.append(f"range on {data['cycle']}")
    open_start = any(not w["start_stated"] for w in windows)
    sub = ["the cell's charge claim" + (", start SoC not stated: 0 % and 10 % starts" if open_start else "")
           + ("; " + ", ".join(where) if where else "; no pack energy: C-rates only")]
    what = "state of charge" + ("" if rows == 1 else f" and {'range' if has_range else 'energy'} added")
    _titles(fig, f"Charging {data['cell']}: {what} against time", sub, height)
    _footnote(fig, foot, height)

    tmax = max(w["minutes"] for w in windows)
    ax = axes[0]
    styles = ["-", "--", "-.", ":"]
    items_top, items_bottom = [], []
    for i, w in enumerate(windows):
        colour = COLOURS[i % len(COLOURS)]
        s = w["series"]
        label = (f"{fmt(w['from_soc'])} → {fmt(w['to_soc'])} % in {fmt(w['minutes'])} min"
                 + ("" if w["start_stated"] else " (start assumed)") + f": {fmt(w['c_rate'])} C average"
                 + ("" if w["battery_power"] is None else f", {fmt(w['battery_power'])} kW at the battery")
                 + ("" if not w["exceeds_cell_rating"] else f"; above the cell's max {fmt(data['max_c_rate'])} C"))
        ax.plot(s["minutes"], s["soc"], styles[i % 4], color=colour, lw=2.2, marker="o", ms=5, label=label)
        if rows == 2:
            key, unit = ("range_added", du) if has_range else ("energy_added", "kWh")
            if s[key] is not None:
                axes[1].plot(s["minutes"], s[key], styles[i % 4], color=colour, lw=2.2, marker="o", ms=5)
                items_bottom.append({"x": s["minutes"][1], "y": s[key][1], "color": colour,
                                     "text": f"+{fmt(w[key])} {unit}" + (
                                         f"\n{fmt(w['range_per_minute'])} {du}/min" if has_range and
                                         w["range_per_minute"] is not None else "")})
    ends = sorted({(w["minutes"], w["to_soc"]) for w in windows})
    for t, end in ends:
        items_top.append({"x": t, "y": end, "text": f"{fmt(end)} % at {fmt(t)} min", "weight": "bold",
                          "offsets": [(-8, 6, "right", "bottom"), (8, 0, "left", "center"), (-8, -6, "right", "top")]})
    ax.set_xlim(0, _nice_max(tmax * 1.25))
    ax.set_ylim(0, 105)
    ax.set_ylabel("state of charge (%)")
    ax.grid(True, color="0.9")
    ax.legend(loc="upper left", fontsize=8.5, framealpha=0.95)
    axes[-1].set_xlabel("time from plug-in (min)")
    if rows == 2:
        b = axes[1]
        key, unit = ("range_added", du) if has_range else ("energy_added", "kWh")
        top = max(w[key] for w in windows if w[key] is not None)
        b.set_ylim(0, _nice_max(top * 1.25))
        b.set_ylabel(f"{'range' if has_range else 'energy'} added ({unit})")
        b.grid(True, color="0.9")
    fig.canvas.draw()
    place_labels(fig, ax, items_top, avoid_boxes=_fixed_boxes(fig, ax))
    if rows == 2:
        label_line(fig, axes[1], items_bottom, "y", 9)
    try:
        return save_figure(fig, path, force)
    finally:
        plt.close(fig)


def charge_curve_data(run, system: str = "metric") -> dict[str, Any]:
    """Power against SoC and SoC against minutes for a charge along its curve (a
    :class:`batcalc.report.charge.CurveRun`, so the numbers are those ``batcalc charge --charger`` prints):
    the power the curve allows at each grid point of the window, each limit's own power there, and the
    cumulative time ``T(s)``."""
    import numpy as np

    from batcalc.physics.charge_curve import LIMITS
    from batcalc.report.charge import spans_text

    w, c = run.window, run.curve
    soc = np.linspace(w.from_soc, w.to_soc, 401)
    at = np.clip(soc, w.from_soc + 1e-9, w.to_soc - 1e-9)       # a step's value inside the window at its ends
    lim = c.limits
    volts = c.voltage_at(at)
    own = {"charger power": None if lim.charger_power is None else np.full_like(soc, lim.charger_power),
           "charger current": None if lim.charger_current is None else lim.charger_current * volts,
           "battery": None if lim.peak_c_rate is None else
           lim.peak_c_rate * lim.taper.at(at) * lim.pack_energy * volts / lim.nominal_voltage}
    start = float(np.interp(w.from_soc, c.grid, c.elapsed))
    minutes = (np.interp(soc, c.grid, c.elapsed) - start) / 60
    return {
        "cell": run.cell.id, "charger": None if run.charger is None else run.charger.id,
        "pack_energy": run.pack_energy / 3.6e6, "pack_voltage": run.pack_voltage, "system": system,
        "soc": (soc * 100).tolist(), "power": (c.power_at(at) / 1e3).tolist(), "minutes": minutes.tolist(),
        "limits": {k: None if v is None else (v / 1e3).tolist() for k, v in own.items() if k in LIMITS},
        "time": w.time / 60, "average_power": w.average_power / 1e3, "peak_power": w.peak_power / 1e3,
        "peak_soc": w.peak_soc * 100, "decided_by": w.decided_by, "spans": spans_text(w),
        "notes": list(run.notes),
    }


def draw_charge_curve(data: dict[str, Any], path: str | os.PathLike, force: bool = False) -> Path:
    """Charging power against SoC (top: the curve, and each limit dashed) and SoC against minutes (bottom)."""
    plt = _pyplot()

    foot = _wrap([f"which limit where: {data['spans']}"] + data["notes"])
    fig, axes, _, _, height = _figure(plt, rows=2, plot_height=3.4, title_lines=2, foot_lines=len(foot),
                                      hspace=0.16)
    sub = [f"{fmt(data['pack_energy'])} kWh pack at {fmt(data['pack_voltage'])} V"
           + (f" on {data['charger']}" if data["charger"] else ", no charger limit")
           + f": {fmt(data['soc'][0])} → {fmt(data['soc'][-1])} % in {fmt(data['time'])} min, "
             f"{fmt(data['average_power'])} kW average, {fmt(data['peak_power'])} kW peak"]
    _titles(fig, f"Charging {data['cell']}: power against state of charge, state of charge against time",
            sub, height)
    _footnote(fig, foot, height)
    ax, bx = axes
    names = {"charger power": "charger power limit", "charger current": "charger current x pack voltage",
             "battery": "cell limit (peak C-rate x taper)"}
    top = max(data["power"])
    for i, (key, values) in enumerate(data["limits"].items()):
        if values is not None:
            # dashed limits drawn over the power line: the one that decides lies on it and stays visible
            ax.plot(data["soc"], values, "--", color=COLOURS[(i + 1) % len(COLOURS)], lw=1.3, label=names[key],
                    zorder=3)
            top = max(top, min(max(values), top * 1.6))
    ax.plot(data["soc"], data["power"], "-", color=COLOURS[0], lw=2.6, label="charging power (the least)", zorder=2)
    ax.axhline(data["average_power"], color="0.4", lw=1, ls=":", label=f"average {fmt(data['average_power'])} kW",
               zorder=4)
    ax.set_xlim(data["soc"][0], data["soc"][-1])
    ax.set_ylim(0, _nice_max(top * 1.15))
    ax.set_xlabel("state of charge (%)")
    ax.set_ylabel("power at the battery (kW)")
    ax.grid(True, color="0.9")
    ax.legend(loc="best", fontsize=8, framealpha=0.95)
    bx.plot(data["minutes"], data["soc"], "-", color=COLOURS[0], lw=2.4)
    bx.plot([data["minutes"][-1]], [data["soc"][-1]], "o", color=COLOURS[0])
    bx.annotate(f"{fmt(data['soc'][-1])} % at {fmt(data['time'])} min", (data["minutes"][-1], data["soc"][-1]),
                xytext=(-8, 6), textcoords="offset points", ha="right", va="bottom", fontsize=8.5, weight="bold")
    bx.set_xlim(0, _nice_max(data["time"] * 1.15))
    bx.set_ylim(0, 112)
    bx.set_xlabel("time from plug-in (min)")
    bx.set_ylabel("state of charge (%)")
    bx.grid(True, color="0.9")
    try:
        return save_figure(fig, path, force)
    finally:
        plt.close(fig)


def claims_svg(pairs: Sequence[tuple[str, float, str]]) -> str:
    """An SVG chart (text) of ``(claim id, derived / claimed, status)`` per claim on a log scale, 1 = as
    claimed, coloured by verdict: for the HTML report. Needs matplotlib (:func:`require_matplotlib`)."""
    import io

    plt = _pyplot()
    colours = {"holds": "#1a7f37", "fails": "#c62828", "underdetermined": "#9a6700"}
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(pairs) + 1.2))
    try:
        ys = list(range(len(pairs)))
        ax.axvline(1.0, color="0.4", lw=1)
        for y, (_, r, status) in zip(ys, pairs, strict=True):
            ax.plot([1.0, r], [y, y], color=colours.get(status, "0.3"), lw=2)
            ax.plot([r], [y], "o", color=colours.get(status, "0.3"))
        ax.set_yticks(ys, [p[0] for p in pairs])
        ax.set_xscale("log")
        ax.invert_yaxis()
        ax.set_xlabel("derived / claimed (1 = as claimed; log scale)")
        ax.grid(True, axis="x", color="0.9")
        fig.tight_layout()
        buf = io.StringIO()
        with plt.rc_context({"svg.fonttype": "none"}):     # text stays text: searchable, readable aloud
            fig.savefig(buf, format="svg")
    finally:
        plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]                  # inline: no XML declaration inside a page


# --------------------------------------------------------------------------- tornado (bands)

def tornado_data(report: dict[str, Any], key: str) -> dict[str, Any]:
    """The tornado of result ``key`` from the JSON data of a bands report
    (:func:`batcalc.report.bands.bands_report`): the central value and, for each assumption that
    moves it (largest swing first), the result with that assumption alone at its low and at its high
    end, in display units; the warnings of the result at the central point (``warnings``)."""
    band = report["bands"][key]
    bars = [{"assumption": t["assumption"], "low": t["low"], "high": t["high"],
             "at_low": float(t["result_at_low"].value), "at_high": float(t["result_at_high"].value)}
            for t in report["sensitivity"].get(key, [])]
    return {"title": report["title"], "result": key, "unit": band["central"].unit,
            "central": float(band["central"].value), "low": float(band["low"].value),
            "high": float(band["high"].value), "bars": bars, "runs": report["runs"],
            "warnings": list(report.get("warnings", []))}


def draw_tornado(data: dict[str, Any], path: str | os.PathLike, force: bool = False) -> Path:
    """Horizontal bars, one per assumption (largest swing at the top): the result with that
    assumption alone at its low end (blue) and high end (orange), the others central; a line at the
    central result and the band over the whole box as a shaded strip."""
    plt = _pyplot()
    bars = data["bars"]
    unit = data["unit"]
    label = data["result"].replace("_", " ")
    foot = _wrap([f"each bar: one assumption over its plausible range, the others at their central values "
                  f"(docs/assumptions.md); shaded: the band over the whole box, {fmt(data['low'])} to "
                  f"{fmt(data['high'])} {unit} ({data['runs']} runs)"]
                 + [f"warning (at the central point): {w}" for w in data.get("warnings", [])])
    fig, (ax,), _, _, height = _figure(plt, plot_height=max(2.4, 0.55 * len(bars) + 1.2), title_lines=2,
                                       foot_lines=len(foot))
    fig.subplots_adjust(left=0.22)               # room for the assumptions' ids
    _titles(fig, f"What moves the {label} most", [data["title"]], height)
    _footnote(fig, foot, height)
    ax.axvspan(data["low"], data["high"], color="0.93", zorder=0)
    ax.axvline(data["central"], color="0.2", lw=1.2, zorder=3)
    for i, b in enumerate(bars):
        y = len(bars) - 1 - i
        for end, other, colour in (("low", "high", COLOURS[0]), ("high", "low", COLOURS[1])):
            x = b[f"at_{end}"]
            ax.barh(y, x - data["central"], left=data["central"], height=0.6, color=colour, zorder=2)
            # the label goes on the far side of the bar; an end at the central value opposite the other end
            right = x > data["central"] or (x == data["central"] and b[f"at_{other}"] < x)
            ax.annotate(f"{b[end]}: {fmt(x)}", (x, y), xytext=(4 if right else -4, 0), textcoords="offset points",
                        ha="left" if right else "right", va="center", fontsize=8)
    if not bars:                                 # every axis fixed or unread: say so, not an empty frame
        ax.text(0.5, 0.5, f"no default assumption moves the {label} here", transform=ax.transAxes,
                ha="center", va="center", fontsize=10, color="0.3", zorder=4,
                bbox=dict(facecolor="white", edgecolor="none"))
    ax.set_yticks(range(len(bars)))
    ax.set_yticklabels([b["assumption"] for b in reversed(bars)], fontsize=9)
    span = max(data["high"] - data["low"], abs(data["central"]) * 1e-3, 1e-12)
    ax.set_xlim(data["low"] - 0.35 * span, data["high"] + 0.35 * span)
    ax.set_xlabel(f"{label} ({unit})" if unit else label)
    ax.grid(True, axis="x", color="0.9", zorder=0)
    ax.set_axisbelow(True)
    try:
        return save_figure(fig, path, force)
    finally:
        plt.close(fig)
