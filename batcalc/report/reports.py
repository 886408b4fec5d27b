"""Range, trade-off and sweep results as rows, notes, step-by-step derivations and JSON data."""

from __future__ import annotations

from typing import Any, Optional, Sequence

from batcalc.errors import BatcalcError
from batcalc.physics.compare import Ratio
from batcalc.physics.tradeoff import RangeResult, Tradeoff, cycle_label, sensitivities, vehicle_warnings
from batcalc.units import Shown, format_number, from_si, shown, shown_text

_q = shown_text


def range_figures(r: RangeResult, system: str) -> list[tuple[str, str, Shown]]:
    """(key, label, value) for a range result, in display units."""
    sens = sensitivities(r)
    p = r.pack
    level = r.cell.level             # a pack-level spec's density is the pack's: no cell figure to name
    out = [
        ("cell_density", "cell gravimetric density (cell level)" if level == "cell"
         else "gravimetric density as given (pack level)", shown(r.cell.get("gravimetric"), "specific_energy", system)),
        ("pack_density", "pack gravimetric density", shown(p.gravimetric, "specific_energy", system)),
        ("pack_mass", "pack mass", shown(p.mass, "mass", system)),
        ("pack_energy", "pack energy (gross)", _kwh(p.energy)),
        ("usable_energy", "usable energy", _kwh(p.usable_energy)),
    ]
    if p.volume is not None:
        out.append(("pack_volume", "pack volume", shown(p.volume, "volume", system)))
    out += [
        ("vehicle_mass", "vehicle mass (with pack and payload)", shown(r.total_mass, "mass", system)),
        ("consumption", "consumption at the battery", shown(r.consumption, "consumption", system)),
        ("range", "range", shown(r.range, "length", system, "distance")),
    ]
    dist_unit = shown(None, "length", system, "distance").unit
    dens_unit = shown(None, "specific_energy", system).unit
    per_density = sens["range_per_density"] * float(from_si(1.0, "length", dist_unit)) \
        / float(from_si(1.0, "specific_energy", dens_unit))
    out += [
        ("range_per_density", f"range per extra {'cell' if level == 'cell' else 'pack'} {dens_unit} (same pack mass)",
         Shown(per_density, f"{dist_unit} per {dens_unit}")),
        per_100_mass_row(sens["consumption_per_100kg"], system),
    ]
    return out


def _per_100_lb(per_100kg: float) -> float:
    """A slope per 100 kg as the same slope per 100 lb: times the kilograms in a pound (0.45359237, from
    :func:`batcalc.units.from_si`: 1 kg = 2.2046 lb)."""
    return per_100kg / float(from_si(1.0, "mass", "lb"))


def per_100_mass_row(per_100kg: float, system: str) -> tuple[str, str, Shown]:
    """The (key, label, value) row of the consumption's mass sensitivity, J/m per 100 kg, in
    ``system``: per extra 100 kg (metric) or per extra 100 lb (imperial: :func:`_per_100_lb`)."""
    if system == "imperial":
        return ("consumption_per_100lb", "consumption per extra 100 lb",
                shown(_per_100_lb(per_100kg), "consumption", system))
    return "consumption_per_100kg", "consumption per extra 100 kg", shown(per_100kg, "consumption", system)


#: The label and note of the MPGe row that ``--mpge`` adds (one home for range and consumption).
MPGE_LABEL = "consumption at the battery as MPGe"
MPGE_NOTE = ("MPGe: miles per 33.705 kWh (the EPA's gallon equivalent), here at the battery; a label's MPGe "
             "counts from the wall, charging losses included, so it is lower for the same car")


def with_mpge(figures: list[tuple[str, str, Shown]], consumption: float) -> list[tuple[str, str, Shown]]:
    """``figures`` with an MPGe row (:func:`batcalc.units.mpge` of ``consumption``, J/m) after the
    consumption row."""
    from batcalc.units import mpge

    at = next(i for i, f in enumerate(figures) if f[0] == "consumption") + 1
    return figures[:at] + [("consumption_mpge", MPGE_LABEL, Shown(mpge(consumption), "MPGe"))] + figures[at:]


def _kwh(joules: float) -> Shown:
    """An energy in J shown in kWh (1 kWh = 3.6e6 J); its text is the number to 4 significant figures."""
    return Shown(joules / 3.6e6, "kWh")


def range_report(r: RangeResult, system: str, mpge: bool = False):
    """Headers, rows, notes and JSON data for ``batcalc range`` (with ``mpge``, an MPGe row)."""
    figures = range_figures(r, system)
    if mpge:
        figures = with_mpge(figures, r.consumption)
    rows = [[label, s, s.unit] for _, label, s in figures]
    notes = [f"warning: {w}" for w in r.warnings_in(system)] + ([MPGE_NOTE] if mpge else []) \
        + ["assumptions: " + "; ".join(r.assumptions_in(system))]
    data = {"cell": r.cell.id, "vehicle": r.vehicle.id, "cycle": cycle_label(r.vehicle, r.cycle, system),
            "results": {k: s for k, _, s in figures}, "assumptions": list(r.assumptions_in(system)),
            "warnings": list(r.warnings_in(system))}
    return ["quantity", "value", "unit"], rows, notes, data


def explain_range(r: RangeResult, system: str) -> list[str]:
    """The derivation of a range, step by step, with the numbers filled in."""
    p, v = r.pack, r.vehicle
    rho_cell = r.cell.get("gravimetric")
    f = p.options
    steps = [
        f"1. pack-level density: rho_pack = rho_cell x f_mass = {_q(rho_cell, 'specific_energy', system)} x "
        f"{f.f_mass:g} = {_q(p.gravimetric, 'specific_energy', system)}",
        f"2. pack: mass {_q(p.mass, 'mass', system)}, energy E = m x rho_pack = {_kwh(p.energy)} kWh",
        f"3. usable energy: E x f_usable = {_kwh(p.energy)} kWh x {f.f_usable:g} = "
        f"{_kwh(p.usable_energy)} kWh",
        f"4. vehicle mass: {_q(v.glider_mass, 'mass', system)} without battery + {_q(p.mass, 'mass', system)} pack + "
        f"{_q(v.payload, 'mass', system)} payload = {_q(r.total_mass, 'mass', system)}",
        f"5. consumption at the battery on {cycle_label(v, r.cycle, system)} at that mass: c = " + (
            f"{_q(r.consumption, 'consumption', system)} (road load integrated over the cycle{_breakdown(r, system)})"
            if r.cycle is not None or v.spec.measured_consumption is None else _measured(r, system)),
        f"6. range: R = E_usable / c = {_kwh(p.usable_energy)} kWh / "
        f"{_q(r.consumption, 'consumption', system)} = {_q(r.range, 'length', system, 'distance')}",
    ]
    return steps


def _measured(r: RangeResult, system: str) -> str:
    """'c0 + s (m - m0) / 100 kg = ... = c' for --explain of a vehicle's measured consumption
    (:class:`batcalc.physics.vehicle.MeasuredModel`), in ``system``'s units."""
    mc = r.vehicle.spec.measured_consumption
    if mc is None:                          # explain_range asks only for a vehicle that gives one
        raise BatcalcError(f"{r.vehicle.id} gives no measured consumption")
    c0, m0, s = float(mc.value.si), float(mc.at_mass.si), float(mc.per_100kg.si)
    per, hundred = (_per_100_lb(s), "100 lb") if system == "imperial" else (s, "100 kg")    # the same slope
    return (f"c0 + s (m - m0) / {hundred} = {_q(c0, 'consumption', system)} + {_q(per, 'consumption', system)} x "
            f"({_q(r.total_mass, 'mass', system)} - {_q(m0, 'mass', system)}) / {hundred} = "
            f"{_q(r.consumption, 'consumption', system)} ({r.vehicle.id}'s measured figure)")


def _breakdown(r: RangeResult, system: str) -> str:
    """': rolling x + aerodynamic y + ...' for --explain (empty for a measured consumption)."""
    from batcalc.physics.cycles import get_cycle
    from batcalc.physics.vehicle import consumption_breakdown

    if r.cycle is None:
        return "; measured figure"
    parts = consumption_breakdown(r.vehicle.load, get_cycle(r.cycle), r.total_mass)
    return ": " + " + ".join(f"{name} {_q(value, 'consumption', system)}" for name, value in parts.items())


def tradeoff_report(t: Tradeoff, system: str):
    """Headers, rows, notes and JSON data for ``batcalc tradeoff``: a and b side by side, and the change."""
    fa, fb = range_figures(t.a, system), range_figures(t.b, system)
    headers = ["quantity", "unit", t.a.cell.id, t.b.cell.id, "change"]
    rows, data_rows = [], {}
    fb_by_key = {key: s for key, _, s in fb}
    levels = (t.a.cell.level, t.b.cell.level)
    for key, label, sa in fa:
        if key in ("range_per_density",) or key not in fb_by_key:
            continue
        sb = fb_by_key[key]
        ratio = sb.value / sa.value if sa.value and sb.value is not None else None
        change = "" if ratio is None else Ratio(ratio).text()
        if key == "cell_density" and levels[0] != levels[1]:    # a cell's density against a pack's
            label = f"gravimetric density as given ({levels[0]} level, {levels[1]} level)"
            ratio, change = None, "n/a (cell vs pack)"
        rows.append([label, sa.unit, sa, sb, change])
        data_rows[key] = {"a": sa, "b": sb, "ratio": ratio}
    held = {"mass": "pack mass held", "energy": "pack energy held", "range": "range held"}[t.hold]
    summary: dict[str, Any] = {"mass_saved": shown(t.mass_saved, "mass", system)}
    rows.append(["pack mass saved", summary["mass_saved"].unit, "", "", summary["mass_saved"]])
    if t.hold == "range":
        summary["no_feedback_mass_saved"] = shown(t.no_feedback_mass_saved, "mass", system)
        summary["iterations"] = t.iterations
        rows.append(["  without mass feedback (same energy)", summary["no_feedback_mass_saved"].unit, "", "",
                     summary["no_feedback_mass_saved"]])
    pa, pb, gain = t.payload_capacity(t.a), t.payload_capacity(t.b), t.payload_gained
    if pa is not None and pb is not None and gain is not None:     # one vehicle, one gross mass: all or none
        summary["payload_capacity"] = {"a": shown(pa, "mass", system), "b": shown(pb, "mass", system)}
        summary["payload_gained"] = shown(gain, "mass", system)
        gained = summary["payload_gained"]
        rows.append(["payload capacity (max gross - mass without battery - pack)", shown(pa, "mass", system).unit,
                     shown(pa, "mass", system), shown(pb, "mass", system),
                     gained._replace(text=f"{'+' if pb >= pa else ''}{gained}")])
    notes = [f"{held}: {t.a.cell.id} -> {t.b.cell.id} in {t.a.vehicle.id}"]
    if levels[0] != levels[1]:
        notes.append(f"warning: {t.a.cell.id} gives {levels[0]}-level and {t.b.cell.id} {levels[1]}-level density: "
                     f"compare the pack rows (a cell-level density times the cell-to-pack mass fraction)")
    if t.hold == "mass":
        notes.append("same pack mass: E2/E1 = rho2/rho1 and the vehicle mass is unchanged, so R2/R1 = rho2/rho1")
    elif t.hold == "energy":
        mass_change = t.b.pack.mass / t.a.pack.mass - 1
        notes.append("same energy: m2/m1 = rho1/rho2; " + (
            "the lighter pack lowers vehicle mass and consumption a little" if mass_change < -1e-9 else
            "the heavier pack raises vehicle mass and consumption" if mass_change > 1e-9 else
            "the same pack mass, so the same vehicle mass and consumption"))
    else:
        how = (f"pack mass solved as the fixed point with mass feedback ({_iterations(t.iterations)})"
               if t.iterations else "the same pack-level density, so the same pack mass")
        notes.append(f"same range: {how}; " + _feedback_words(t.mass_saved, t.no_feedback_mass_saved, system))
    warnings = list(t.warnings_in(system))
    notes += [f"warning: {w}" for w in warnings]
    assumptions = t.assumptions_in(system)
    notes.append("assumptions: " + "; ".join(assumptions))
    data = {"hold": t.hold, "vehicle": t.a.vehicle.id, "cycle": cycle_label(t.a.vehicle, t.a.cycle, system),
            "a": t.a.cell.id, "b": t.b.cell.id, "rows": data_rows, "summary": summary,
            "assumptions": assumptions, "warnings": warnings}
    return headers, rows, notes, data


def explain_tradeoff(t: Tradeoff, system: str) -> list[str]:
    rho_a, rho_b = t.a.cell.get("gravimetric"), t.b.cell.get("gravimetric")
    if rho_a is None or rho_b is None:            # tradeoff() has already refused such a cell (cell_density)
        raise BatcalcError(f"{(t.a if rho_a is None else t.b).cell.id} gives no gravimetric energy density")
    lines = [f"{t.a.cell.id}:"] + ["  " + s for s in explain_range(t.a, system)]
    if t.hold == "mass":
        lines.append(f"same pack mass: E_b / E_a = rho_b / rho_a = {_q(rho_b, 'specific_energy', system)} / "
                     f"{_q(rho_a, 'specific_energy', system)} = {format_number(rho_b / rho_a)}")
    elif t.hold == "energy":
        lines.append(f"same energy: m_b = m_a x rho_a / rho_b = {_q(t.a.pack.mass, 'mass', system)} x "
                     f"{format_number(rho_a / rho_b)} = {_q(t.b.pack.mass, 'mass', system)}")
    elif not t.iterations:
        lines.append(f"same range {_q(t.a.range, 'length', system, 'distance')}: the same pack-level density, "
                     f"so the same fixed point m = R c(m_vehicle) / (rho_pack f_usable): "
                     f"{_q(t.b.pack.mass, 'mass', system)}")
    else:
        lines.append(f"same range {_q(t.a.range, 'length', system, 'distance')}: the same-energy mass would be "
                     f"{_q(t.no_feedback_mass, 'mass', system)}; solve m = R c(m_vehicle) / (rho_pack f_usable) "
                     f"from the root of c's parabola through three pack masses "
                     f"-> {_q(t.b.pack.mass, 'mass', system)} after {_iterations(t.iterations)}")
    lines += [f"{t.b.cell.id}:"] + ["  " + s for s in explain_range(t.b, system)]
    return lines


def sweep_report(vehicle, densities, pack_masses, ranges, cycle, options, fmt: str, system: str,
                 conditions: Sequence[str] = ()) -> str:
    """Render a sweep: range over densities x pack masses, or pack mass over densities x ranges.

    Tables: densities as rows, the other axis as columns. csv/json: one record per grid point.
    ``conditions``: the stated ambient conditions of ``vehicle`` (:func:`batcalc.report.vehicle.ambient_notes`),
    added to the assumptions.
    """
    from batcalc.physics.tradeoff import default_cycle, sweep_pack_mass, sweep_range
    from batcalc.report.render import SPREADSHEET_FORMATS, render, render_rows
    from batcalc.units import MAX_SWEEP_POINTS

    other = pack_masses if pack_masses is not None else ranges
    if len(densities) * len(other) > MAX_SWEEP_POINTS:
        raise BatcalcError(f"a sweep of {len(densities)} x {len(other)} points is more than {MAX_SWEEP_POINTS}; "
                           f"use coarser steps (or batcalc.tradeoff.sweep_range from Python for larger grids)")
    if cycle == "default":
        cycle = default_cycle(vehicle)
    dens_unit = shown(None, "specific_energy", system).unit
    d_show = from_si(densities, "specific_energy", dens_unit)
    if pack_masses is not None:
        grid = sweep_range(vehicle, densities, pack_masses, cycle, options)
        col_dim, col_cat, col_si, col_name = "mass", None, pack_masses, "pack_mass"
        out_dim, out_cat, out_name = "length", "distance", "range"
    else:
        grid = sweep_pack_mass(vehicle, densities, ranges, cycle, options)
        col_dim, col_cat, col_si, col_name = "length", "distance", ranges, "range"
        out_dim, out_cat, out_name = "mass", None, "pack_mass"
    col_unit = shown(None, col_dim, system, col_cat).unit
    out_unit = shown(None, out_dim, system, out_cat).unit
    c_show = from_si(col_si, col_dim, col_unit)
    g_show = from_si(grid, out_dim, out_unit)
    # the fractions a sweep reads (it gives no pack volume, so the volume fraction is no assumption of it)
    stated = [a for a in options.assumptions() if not a.startswith("cell-to-pack volume fraction")] + list(conditions)
    label = f"{cycle_label(vehicle, cycle, system)}; {'; '.join(stated)}"
    warnings = sweep_warnings(vehicle, cycle, grid if pack_masses is None else
                              [list(pack_masses)] * len(densities), system)
    if fmt in (*SPREADSHEET_FORMATS, "json"):
        import numpy as np

        di, cj = np.meshgrid(np.arange(len(d_show)), np.arange(len(c_show)), indexing="ij")
        if fmt in SPREADSHEET_FORMATS:
            # a point with no solution (NaN) is an empty cell, as JSON gives null and the table "no solution"
            points = ([d_show[i], c_show[j], g_show[i, j] if g_show[i, j] == g_show[i, j] else ""]
                      for i, j in zip(di.ravel(), cj.ravel(), strict=False))
            return render_rows([f"cell_density_{dens_unit}", f"{col_name}_{col_unit}", f"{out_name}_{out_unit}"],
                               points, fmt)
        records = [{"cell_density": Shown(float(d_show[i]), dens_unit), col_name: Shown(float(c_show[j]), col_unit),
                    out_name: Shown(float(g_show[i, j]), out_unit)}
                   for i, j in zip(di.ravel(), cj.ravel(), strict=False)]
        # through render, as every other result's JSON, so that it carries the provenance block too
        return render([], [], {"vehicle": vehicle.id, "cycle": cycle_label(vehicle, cycle, system),
                               "assumptions": stated, "points": records, "warnings": warnings}, "json")
    headers = [f"cell {dens_unit} \\ {col_name.replace('_', ' ')} {col_unit}"] + distinct_labels(c_show)
    rows = [[label] + [format_number(x) if x == x else "no solution" for x in g_show[i]]
            for i, label in enumerate(distinct_labels(d_show))]
    title = f"{out_name.replace('_', ' ')} ({out_unit}) in {vehicle.id}"
    return render(headers, rows, None, fmt, title=title,
                  notes=[f"warning: {w}" for w in warnings] + [f"assumptions: {label}"])


def distinct_labels(values: Any) -> list[str]:
    """Labels of a grid's axis values: 4 significant figures (:func:`~batcalc.units.format_number`), or as
    many more as tell apart values that 4 would show alike (480 and 480.01 kg: '480' and '480.01')."""
    values = [float(x) for x in values]
    for digits in (4, 6, 8, 10, 12, 15, 17):
        labels = [format_number(x, digits) for x in values]
        if len(set(labels)) == len(set(values)):
            return labels
    return labels


def sweep_warnings(vehicle, cycle: Optional[str], pack_masses, system: str) -> list[str]:
    """The warnings of a sweep's grid (its pack mass at every point, kg, given or solved; NaN: no solution): the
    points with no solution (no pack of that density reaches that range), the vehicle above its max gross
    mass from a pack mass on (``max_gross - m_without_battery - payload``), each counted against the whole
    grid, and at the heaviest grid point the warnings a range there gives
    (:func:`batcalc.physics.tradeoff.vehicle_warnings`: a pack heavier than the rest, a motor that cannot
    follow the cycle); display text in ``system``'s units."""
    import numpy as np

    masses = np.asarray(pack_masses, dtype=np.float64)
    total = masses.size
    masses = masses[np.isfinite(masses)]
    out = []
    if masses.size < total:
        out.append(f"{total - masses.size} of {total} grid points have no solution: no pack of that density "
                   f"reaches that range in {vehicle.id} (the pack's own weight eats the range)")
    if not masses.size:
        return out
    heaviest = float(masses.max())
    gross = vehicle.max_gross_mass
    if gross is not None:
        limit = gross - float(vehicle.total_mass(0.0))
        over = int(np.count_nonzero(masses > limit + gross * 1e-9))
        if over:
            out.append(f"{over} of {total} grid points put {vehicle.id} above its max gross mass "
                       f"{shown_text(gross, 'mass', system, fmt='.0f')}: every pack above "
                       f"{shown_text(limit, 'mass', system, fmt='.0f')}")
    out += [f"at the heaviest grid point (a {shown_text(heaviest, 'mass', system, fmt='.0f')} pack): {w}"
            for w in vehicle_warnings(vehicle, cycle, float(vehicle.total_mass(heaviest)), heaviest, system)
            if "max gross mass" not in w]
    return out


def vehicle_rows(system: str):
    """Headers, rows and JSON data for ``batcalc list --kind vehicle``."""
    from batcalc.physics.vehicle import load_vehicle
    from batcalc.spec.catalog import catalog_ids

    mass_unit = shown(None, "mass", system).unit
    headers = ["id", "name", "class", f"without battery ({mass_unit})", f"payload ({mass_unit})",
               "reference pack (kWh)", "C_d", "A (m^2)" if system == "metric" else "A (ft^2)", "C_rr"]
    rows, data = [], []
    for vid in catalog_ids("vehicle"):
        v = load_vehicle(vid)
        s = v.spec
        ref = _kwh(s.reference_pack.energy.si) if s.reference_pack else Shown(None, "kWh")
        area = shown(s.frontal_area.si, "area", system) if s.frontal_area else Shown(None, "")
        rec = {"id": vid, "name": s.name, "class": s.vehicle_class,
               "mass_without_battery": shown(v.glider_mass, "mass", system),
               "payload": shown(v.payload, "mass", system),
               "reference_pack_energy": ref,
               "drag_coefficient": s.drag_coefficient.si if s.drag_coefficient else None, "frontal_area": area,
               "rolling_resistance": s.rolling_resistance.si if s.rolling_resistance else None}
        data.append(rec)
        rows.append([vid, s.name, s.vehicle_class, rec["mass_without_battery"], rec["payload"], ref,
                     rec["drag_coefficient"], area, rec["rolling_resistance"]])
    return headers, rows, data


def cycle_rows(system: str):
    """Headers, rows and JSON data for ``batcalc list --kind cycle``."""
    from batcalc.physics.cycles import cycle_ids, get_cycle

    dist_unit = shown(None, "length", system, "distance").unit
    speed_unit = shown(None, "speed", system).unit
    headers = ["id", "name", "duration (s)", f"distance ({dist_unit})", f"mean speed ({speed_unit})",
               f"max speed ({speed_unit})"]
    rows, data = [], []
    for cid in cycle_ids():
        c = get_cycle(cid)
        rec = {"id": cid, "name": c.name, "duration": Shown(c.duration, "s"),
               "distance": shown(c.distance, "length", system, "distance"),
               "mean_speed": shown(c.mean_speed, "speed", system),
               "max_speed": shown(float(c.speed.max()), "speed", system)}
        data.append(rec)
        rows.append([cid, c.name, rec["duration"], rec["distance"], rec["mean_speed"], rec["max_speed"]])
    return headers, rows, data


def claim_file_rows():
    """Headers, rows and JSON data for ``batcalc list --kind claim``: the catalogue's claims files."""
    from batcalc.spec.catalog import catalog_ids, resolve
    from batcalc.spec.claims import ClaimsFile  # noqa: F401  (registers kind: claims)
    from batcalc.spec.model import load_spec

    rows, data = [], []
    for cid in catalog_ids("claim"):
        spec = load_spec(resolve(cid, "claim")[0], expect="claims")
        kinds = ", ".join(sorted({c.kind for c in spec.claims}))
        rows.append([cid, spec.title or "", len(spec.claims), kinds])
        data.append({"id": cid, "title": spec.title, "claims": len(spec.claims), "kinds": kinds.split(", ")})
    return ["id", "title", "claims", "kinds"], rows, data


def _feedback_words(saved: float, estimate: "float | None", system: str = "metric") -> str:
    """How the same-range result compares with the same-energy estimate (masses, kg, shown in
    ``system``), in words that fit its sign: a lighter pack saves more (mass feedback helps), a heavier
    one costs more (it hurts)."""
    from batcalc.physics.tradeoff import TOLERANCE_KG

    if estimate is None:
        return "no same-energy estimate to compare with"
    if abs(saved - estimate) < TOLERANCE_KG:     # within the solve's tolerance: no feedback to speak of
        return f"the same as the same-energy estimate ({_q(estimate, 'mass', system)})"
    if saved >= 0:
        return (f"it saves {'more' if saved > estimate else 'less'} than the same-energy estimate "
                f"({_q(estimate, 'mass', system)})")
    return (f"the new cell needs a heavier pack: {_q(-saved, 'mass', system)} more, "
            f"{'more' if -saved > -estimate else 'less'} than the same-energy estimate "
            f"({_q(-estimate, 'mass', system)})")


def numeric_change_rows(headers: list[str], rows: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
    """A two-column comparison (``quantity, unit, A, B, change``) for CSV: A and B as numbers, the change
    as ``ratio`` (B / A) and ``change_percent`` (``(B / A - 1) 100``) columns, empty where either is
    missing, not a number or not above 0 (a ratio of a negative figure reads the wrong way: a payload
    capacity from -568 kg to -268.6 kg is x0.473, -52.7 %, where 299.4 kg were gained), and a row that has
    a figure of its own in the change column (the pack mass saved, the payload gained) as ``value``;
    labels without the table's indentation."""
    out = []
    for row in rows:
        label, unit, a, b = row[:4]
        av = a.value if isinstance(a, Shown) else a
        bv = b.value if isinstance(b, Shown) else b
        own = row[4].value if len(row) > 4 and isinstance(row[4], Shown) else ""
        if isinstance(av, (int, float)) and isinstance(bv, (int, float)) and av > 0 and bv > 0:
            ratio = float(bv) / float(av)
            out.append([label.strip(), unit, av, bv, ratio, (ratio - 1) * 100, own])
        else:
            out.append([label.strip(), unit, av, bv, "", "", own])
    return headers[:4] + ["ratio", "change_percent", "value"], out


def _iterations(n: int) -> str:
    """'1 iteration', '3 iterations'."""
    return f"{n} iteration{'' if n == 1 else 's'}"
