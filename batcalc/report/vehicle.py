"""Vehicle results as rows, notes and JSON data: range ratings, range between ratings (``normalise``),
consumption without a cell, and ``show`` for vehicles and cycles."""

from __future__ import annotations

from typing import Any, Optional

from batcalc import units
from batcalc.errors import BatcalcError, reworded
from batcalc.physics.ratings import CAR_CLASSES, EXAMPLE_TRUCK_SPEED
from batcalc.physics.vehicle import Vehicle
from batcalc.spec.model import sourced_values
from batcalc.units import Shown, format_number, shown, shown_text

#: What a report function returns: headers, rows, notes and JSON data.
Report = tuple[list[str], list[list[Any]], list[str], dict[str, Any]]



_q = shown_text


def ambient_notes(vehicle: Vehicle, temperature: Optional[float], altitude: Optional[float],
                  simulated: bool = True, climate: Optional[str] = None, system: str = "metric") -> list[str]:
    """The ambient conditions as a stated assumption: temperature (K) and altitude (m) given or the
    defaults, and the air density they give (or that a coast-down spec's F2, or a measured consumption
    when ``simulated`` is False, ignores them); with ``climate`` the cabin's power at that temperature,
    added to the auxiliaries (not used by a measured consumption); temperatures and masses in the unit
    ``system``. A condition not given but set by the vehicle's assumption point (``--assume
    ambient-temperature=...``) is stated at that value, marked "(assumed)"."""
    from batcalc.physics.powertrain import DEFAULT_ALTITUDE, DEFAULT_TEMPERATURE
    from batcalc.physics.vehicle import ambient_of

    at, height = ambient_of(temperature, altitude, vehicle.assumed)
    t = (units.temperature_text(temperature, system, ".1f") if temperature is not None
         else units.temperature_text(at, system, ".1f") + " (assumed)" if at != DEFAULT_TEMPERATURE
         else units.temperature_text(DEFAULT_TEMPERATURE, system) + " (default)")
    h = (shown_text(altitude, "length", system, "altitude", ".0f") if altitude is not None
         else shown_text(height, "length", system, "altitude", ".0f") + " (assumed)" if height != DEFAULT_ALTITUDE
         else "sea level (default)")
    text = f"ambient {t} at {h}: air density {vehicle.load.rho:.4g} kg/m^3"
    if not simulated:
        text += f" (not used: the consumption is {vehicle.id}'s measured figure)"
    elif vehicle.load.coast_down:
        text += f" (not used: {vehicle.id}'s coast-down F2 already holds the air drag at its test conditions)"
    out = [text]
    if climate is not None:
        from batcalc.physics.powertrain import climate_power, climate_span

        power = climate_power(at, climate)
        low, high = climate_span(climate)
        held = "" if low <= at <= high else (
            f"; held at its value at {units.temperature_text(low if at < low else high, system)}: the table "
            f"covers {units.temperature_text(low, system)} to {units.temperature_text(high, system)}, "
            f"{'colder' if at < low else 'hotter'} is not modelled")
        if simulated:
            out.append(f"cabin climate ({climate}) {power:.0f} W at {t}, added to the auxiliaries "
                       f"(FASTSim's cabin models, specs/climate.yaml){held}")
        else:                       # a measured figure holds whatever climate it was measured with
            out.append(f"cabin climate ({climate}) {power:.0f} W at {t}: not used, the consumption is "
                       f"{vehicle.id}'s measured figure")
    if vehicle.extra_mass:
        out.append(f"extra mass {_q(vehicle.extra_mass, 'mass', system)} added to the payload "
                   f"({_q(vehicle.payload - vehicle.extra_mass, 'mass', system)} + "
                   f"{_q(vehicle.extra_mass, 'mass', system)})")
    return out


def conditions_set_notes(vehicle: Vehicle, simulated: bool = True, system: str = "metric") -> list[str]:
    """:func:`ambient_notes` of the conditions :meth:`~batcalc.physics.vehicle.Vehicle.in_conditions` set on
    ``vehicle`` (ambient temperature, altitude, cabin climate, extra mass), when it set any; else none (a
    vehicle as its spec gives it states nothing of them)."""
    from batcalc.physics.powertrain import DEFAULT_ALTITUDE, DEFAULT_TEMPERATURE

    temperature, altitude, climate = vehicle.ambient
    if climate is None and not vehicle.extra_mass and vehicle.air == (DEFAULT_TEMPERATURE, DEFAULT_ALTITUDE):
        return []
    return ambient_notes(vehicle, temperature, altitude, simulated, climate, system)


def conditions_text(vehicle: Vehicle, simulated: bool = True, system: str = "metric") -> str:
    """The conditions :meth:`~batcalc.physics.vehicle.Vehicle.in_conditions` set on ``vehicle``, short,
    for a chart's title, in unit ``system``: ``'-7 °C, 1500 m, heat-pump cabin climate, 200 kg extra
    mass'``; those the consumption does not use say so (the air of a coast-down F2 or a measured figure,
    the cabin climate of a measured figure: as :func:`ambient_notes` states them); '' when none."""
    temperature, altitude, climate = vehicle.ambient
    air = [x for x in (None if temperature is None else units.temperature_text(temperature, system),
                       None if altitude is None else _q(altitude, "length", system, "altitude", ".0f")) if x]
    parts = []
    if air:
        parts.append(", ".join(air) + ("" if simulated and not vehicle.load.coast_down else " (air not used)"))
    if climate is not None:
        parts.append(f"{climate} cabin climate" + ("" if simulated else " (not used)"))
    if vehicle.extra_mass:
        parts.append(f"{_q(vehicle.extra_mass, 'mass', system)} extra mass")
    return ", ".join(parts)


#: Short names of the ratings, for normalise's rows.
SHORT_RATINGS = {"wltp": "WLTP", "epa": "EPA label", "cltc": "CLTC", "nedc": "NEDC"}


def _label(key: str, short: bool = False) -> str:
    """A rating's or cycle's name for a row."""
    from batcalc.physics.cycles import get_cycle
    from batcalc.physics.ratings import RATING_LABELS

    if key in RATING_LABELS:
        return SHORT_RATINGS[key] if short else RATING_LABELS[key]
    return get_cycle(key).name if not key.endswith(".csv") else key


def rating_ranges(vehicle: Vehicle, usable_energy: float, mass: float,
                  system: str) -> tuple[dict[str, float], list[str]]:
    """The ranges, m, on the WLTP, EPA label, CLTC and NEDC ratings of ``usable_energy`` J in ``vehicle`` at
    total mass ``mass`` kg (:func:`batcalc.physics.ratings.ratings_of`), and notes in unit ``system``;
    none for trucks (their own cycles' ratios apply, not the light-duty car ratings); for a vehicle that gives
    only a measured consumption, the rating it was measured on. What ``batcalc range`` and the Python API's
    :attr:`batcalc.api.vehicles.RangeResult.ratings` show."""
    from batcalc.physics.ratings import RATING_CYCLES, anchor_note, ratings_of, unrated_note

    if vehicle.spec.vehicle_class not in CAR_CLASSES:
        return {}, [f"ratings (WLTP, EPA label, CLTC, NEDC) not shown: they are light-duty car ratings and "
                    f"{vehicle.id} is a {vehicle.spec.vehicle_class}; compare trucks on their own cycles "
                    f"(e.g. --cycle '{shown_text(EXAMPLE_TRUCK_SPEED, 'speed', system, fmt='.0f')}')"]
    try:
        ranges = ratings_of(vehicle, usable_energy, mass)
    except BatcalcError as exc:
        return {}, [f"ratings not shown: {exc.in_system(system)}"]
    anchored = anchor_note(vehicle)
    unrated = [k for k in RATING_CYCLES if k not in ranges]
    notes = ["ratings: the same usable energy and vehicle mass on each cycle; EPA label = 0.7 x (0.55 R_UDDS + "
             "0.45 R_HWFET) (two-cycle method; docs/ratings.md)"] if len(ranges) > 1 else []
    return ranges, notes + ([anchored] if anchored and ranges else []) \
        + ([unrated_note(vehicle, unrated)] if unrated else [])


def rating_figures(vehicle: Vehicle, usable_energy: float, mass: float,
                   system: str) -> tuple[list[tuple[str, str, Shown]], list[str]]:
    """(key, label, range) rows of :func:`rating_ranges` in unit ``system``, and its notes."""
    ranges, notes = rating_ranges(vehicle, usable_energy, mass, system)
    return [(f"rating_{k}", _label(k), shown(r, "length", system, "distance")) for k, r in ranges.items()], notes


def add_ratings(headers: list[str], rows: list[list[Any]], notes: list[str], data: dict[str, Any], vehicle: Vehicle,
                usable_energy: float, mass: float, system: str, cycle: Optional[str] = None) -> None:
    """Append the rating rows of :func:`rating_figures` to a ``range`` report (rows, notes, JSON
    ``ratings`` and ``ratings_notes``) in place, with a warning for each rating cycle the vehicle's motor
    cannot follow at ``mass`` kg (:func:`batcalc.physics.vehicle.trace_warnings`) that the report does not
    give yet.
    ``cycle``: the range's own cycle (None: the vehicle's measured consumption); a cycle given to a
    vehicle whose ratings are anchored to its measured figure is noted, as its range is the road-load
    model's and may differ from the rating on the same cycle."""
    from batcalc.physics.ratings import RATING_CYCLES, anchor_note
    from batcalc.physics.tradeoff import cycle_label
    from batcalc.physics.vehicle import trace_warnings

    figures, extra = rating_figures(vehicle, usable_energy, mass, system)
    if cycle is not None and figures and anchor_note(vehicle):
        extra.append(f"the range above is the road-load model's on {cycle_label(vehicle, cycle, system)} (--cycle), "
                     f"not {vehicle.id}'s measured consumption the ratings are anchored to; leave out --cycle for "
                     f"the range on the measured figure")
    rows += [[label, s, s.unit] for _, label, s in figures]
    data["ratings"] = {k.removeprefix("rating_"): s for k, _, s in figures}
    data["ratings_notes"] = list(extra)       # JSON carries the table's notes: how rated, anchored, or why none
    given = data.setdefault("warnings", [])
    more = [w for cycle in dict.fromkeys(c for k, _, _ in figures for c in RATING_CYCLES[k.removeprefix("rating_")])
            for w in trace_warnings(vehicle, cycle, mass, system) if w not in given]
    given += more
    notes[:0] = extra + [f"warning: {w}" for w in more]


def _rating(name: str, option: str) -> str:
    """:func:`batcalc.physics.ratings.rating_key`, its error naming the option and the ratings."""
    from batcalc.physics.ratings import rating_key

    try:
        return rating_key(name)
    except BatcalcError as exc:
        raise reworded(exc, lambda text: BatcalcError(f"{option}: {text}; ratings: wltp, epa, cltc, nedc")) from None


def normalise_label(key: str, src: str, dst: str) -> str:
    """The row name of ``normalise``'s figure ``key`` (``given``, ``range``) from rating ``src`` to ``dst``:
    'range on CLTC (given)', 'range on WLTP' (the table's, and the bands table's, :mod:`batcalc.report.bands`)."""
    return f"range on {_label(src, True)} (given)" if key == "given" else f"range on {_label(dst, True)}"


def normalise_report(vehicle: Vehicle, value: float, from_name: str, to_name: str, mass: float,
                     mass_how: str, system: str, names: tuple[str, str] = ("--from", "--to")) -> Report:
    """Headers, rows, notes and JSON data for ``batcalc normalise``: ``value`` m on ``from_name`` as a
    range on ``to_name`` for ``vehicle`` at total mass ``mass`` kg: ``R_to = R_from x c_from / c_to``
    (:func:`batcalc.physics.ratings.simulated_ratio`), beside the published band. Errors name the two
    ratings as ``names`` (the options, or the Python API's parameters)."""
    from batcalc.physics.ratings import (
        RATING_CYCLES,
        anchor_note,
        not_a_car_note,
        published_band,
        rating_consumption,
        simulated_ratio,
    )
    from batcalc.physics.vehicle import trace_warnings

    if not value > 0:
        raise BatcalcError("the range to convert must be positive")
    src, dst = _rating(from_name, names[0]), _rating(to_name, names[1])
    if src == dst:
        raise BatcalcError(f"{names[0]} and {names[1]} are the same rating ({src})")
    c_from, c_to = rating_consumption(vehicle, src, mass), rating_consumption(vehicle, dst, mass)
    ratio = simulated_ratio(vehicle, src, dst, mass)        # the formula's one home, as the ratings claim reads it
    result = units.check_result(value * ratio, f"the range on {src} converted to {dst}", "m")
    car = vehicle.spec.vehicle_class in CAR_CLASSES
    band = published_band(src, dst) if car else None
    d = "distance"
    given, ranged = shown(value, "length", system, d), shown(result, "length", system, d)
    rows: list[list[Any]] = [
        [normalise_label("given", src, dst), given, given.unit],
        [normalise_label("range", src, dst), ranged, ranged.unit],
        [f"simulated ratio {_label(dst, True)} / {_label(src, True)}", Shown(ratio), ""],
    ]
    data: dict[str, Any] = {"vehicle": vehicle.id, "from": src, "to": dst,
                            "given": given, "range": ranged,
                            "ratio": ratio, "band": None, "inside_band": None}
    notes = [f"ratio = range on {dst} / range on {src} = c({src}) / c({dst}) (the same energy on both) = "
             f"{_q(c_from, 'consumption', system)} / {_q(c_to, 'consumption', system)}"
             + (" (EPA: consumption equivalent to the label range)" if "epa" in (src, dst) else "")
             + f"; {vehicle.id} at {_q(mass, 'mass', system)} ({mass_how})"]
    anchored = anchor_note(vehicle)
    notes += [anchored] if anchored else []
    warnings = [w for cycle in dict.fromkeys(RATING_CYCLES.get(src, (src,)) + RATING_CYCLES.get(dst, (dst,)))
                for w in trace_warnings(vehicle, cycle, mass, system)]
    if not car and (src in RATING_CYCLES or dst in RATING_CYCLES):     # as range and a ratings claim say it
        warnings.insert(0, not_a_car_note(vehicle) + ": the ratio is that of the car ratings' cycles driven by it, "
                           "not of ratings published for it")
    notes += [f"warning: {w}" for w in warnings]
    data["warnings"] = warnings
    if band is not None:
        inside = band.contains(ratio)
        rows.append(["published band", f"{format_number(band.low)}-{format_number(band.high)}", ""])
        rows.append(["inside the band", "yes" if inside else "no" + (" (below)" if ratio < band.low else " (above)"),
                     ""])
        data["band"] = {"low": band.low, "high": band.high, "source": band.source, "inverted": band.inverted}
        data["inside_band"] = inside
        how = " (the file's band for the other direction, inverted)" if band.inverted else ""
        notes.append(f"published band {format_number(band.low)}-{format_number(band.high)}{how}: source "
                     f"{band.source} (specs/rating_bands.yaml, docs/ratings.md)")
        if not inside:
            side = "below" if ratio < band.low else "above"
            notes.append(f"note: the simulated ratio {format_number(ratio)} is {side} the published band "
                         f"{format_number(band.low)}-{format_number(band.high)}")
    elif not car:
        notes.append(f"no published band: the bands are for light-duty cars' ratings and {vehicle.id} is of class "
                     f"{vehicle.spec.vehicle_class}; the ratio is the simulation's alone")
    else:
        notes.append(f"no published band for {src} -> {dst}: the ratio is the simulation's alone")
    data["notes"] = [n for n in notes if not n.startswith("warning: ")]     # as the table's (warnings: above)
    return ["quantity", "value", "unit"], rows, notes, data


def consumption_report(vehicle: Vehicle, cycle: Optional[str], pack_mass: float, mass_how: str, system: str,
                       mpge: bool = False) -> Report:
    """Headers, rows, notes and JSON data for ``batcalc consumption``: consumption at the battery of
    ``vehicle`` on ``cycle`` at ``m_without_battery + pack_mass + payload`` kg, its mass sensitivity
    (``c(m + 100) - c(m)``), with ``mpge`` the consumption as MPGe, and, for a simulated cycle, the
    breakdown (:func:`batcalc.physics.vehicle.consumption_breakdown`)."""
    from batcalc.physics.tradeoff import cycle_label
    from batcalc.physics.vehicle import consumption_figures, trace_warnings
    from batcalc.report.reports import MPGE_NOTE, per_100_mass_row, with_mpge

    found = consumption_figures(vehicle, cycle, pack_mass)
    mass, c = found.total_mass, found.consumption
    figures = [("vehicle_mass", "vehicle mass (with pack and payload)", shown(mass, "mass", system)),
               ("pack_mass", "pack mass", shown(pack_mass, "mass", system)),
               ("consumption", "consumption at the battery", shown(c, "consumption", system)),
               per_100_mass_row(found.per_100kg, system)]
    if mpge:
        figures = with_mpge(figures, c)
    breakdown: dict[str, Shown] = {k: shown(v, "consumption", system) for k, v in found.breakdown.items()}
    figures += [(f"part_{k}", f"breakdown: {k}", s) for k, s in breakdown.items()]
    rows = [[label, s, s.unit] for _, label, s in figures]
    label = cycle_label(vehicle, cycle, system)
    assumptions = [f"cycle: {label}"]
    if vehicle.simulated_on(cycle):
        assumptions += vehicle.load.assumptions(system)
    assumptions.append(f"vehicle {vehicle.id}: {_q(vehicle.glider_mass, 'mass', system, fmt='.0f')} without battery "
                       f"+ pack {_q(pack_mass, 'mass', system, fmt='.0f')} ({mass_how}) + payload "
                       f"{_q(vehicle.payload, 'mass', system, fmt='.0f')}")
    warnings = list(trace_warnings(vehicle, cycle, mass, system))
    notes = [f"warning: {w}" for w in warnings]
    if breakdown:
        notes.append("breakdown: rolling and aerodynamic resistance over the powertrain's traction efficiency on "
                     "the cycle, auxiliaries, and the rest (accelerating and braking, net of regeneration)")
    if mpge:
        notes.append(MPGE_NOTE)
    notes.append("assumptions: " + "; ".join(assumptions))
    data = {"vehicle": vehicle.id, "cycle": label,
            "results": {k: s for k, _, s in figures if not k.startswith("part_")}, "breakdown": breakdown,
            "assumptions": assumptions, "warnings": warnings}
    return ["quantity", "value", "unit"], rows, notes, data


def vehicle_show_rows(vehicle: Vehicle, system: str) -> Report:
    """Headers, rows, notes and JSON data for ``batcalc show VEHICLE``: masses, road load, powertrain,
    reference pack and sources."""
    s = vehicle.spec
    figures: list[tuple[str, str, Any]] = [
        ("class", "class", s.vehicle_class),
        ("mass_without_battery", "mass without battery", shown(vehicle.glider_mass, "mass", system)),
        ("payload", "payload", shown(float(s.payload.si), "mass", system)),
    ]
    if vehicle.max_gross_mass is not None:
        figures.append(("max_gross_mass", "max gross mass", shown(vehicle.max_gross_mass, "mass", system)))
    if s.reference_pack is not None:
        figures.append(("reference_pack_energy", "reference pack energy", Shown(s.reference_pack.energy.si / 3.6e6,
                                                                                  "kWh")))
        if s.reference_pack.mass is not None:
            m = float(s.reference_pack.mass.si)
            figures += [("reference_pack_mass", "reference pack mass", shown(m, "mass", system)),
                        ("vehicle_mass", "vehicle mass (with reference pack and payload)",
                         shown(float(vehicle.total_mass(m)), "mass", system))]
    if s.coast_down is not None:
        cd = [float(s.coast_down.f0.si), float(s.coast_down.f1.si), float(s.coast_down.f2.si)]
        if system == "imperial":        # lbf, lbf/mph, lbf/mph^2, as the model note gives them
            shown_cd = [shown(x, dim, system) for x, dim in zip(cd, ("force", "force_per_speed", "force_per_speed2"),
                                                                 strict=True)]
        else:                           # SI, as the metric model note gives them
            shown_cd = [Shown(x, unit) for x, unit in zip(cd, ("N", "N s/m", "N s^2/m^2"), strict=True)]
        figures += [(key, f"coast-down {key.upper()}", v) for key, v in zip(("f0", "f1", "f2"), shown_cd, strict=True)]
    for key, label, v in (("drag_coefficient", "drag coefficient C_d", s.drag_coefficient),
                          ("rolling_resistance", "rolling resistance C_rr", s.rolling_resistance)):
        if v is not None:
            figures.append((key, label, Shown(float(v.si))))
    if s.frontal_area is not None:
        figures.append(("frontal_area", "frontal area", shown(float(s.frontal_area.si), "area", system)))
    if s.rotating_mass is not None:
        figures.append(("rotating_mass", "rotating mass (fixed)", shown(float(s.rotating_mass.si), "mass", system)))
    pt = vehicle.load.powertrain
    if s.powertrain is not None:
        figures += [("motor_rated_power", "motor rated power", Shown(pt.rated_power / 1e3, "kW")),
                    ("transmission_efficiency", "transmission efficiency",
                     Shown(pt.transmission_efficiency * 100, "%")),
                    ("battery_efficiency", "battery efficiency (one way)", Shown(pt.battery_efficiency * 100, "%"))]
    figures.append(("auxiliary_power", "auxiliary power", Shown(vehicle.load.p_aux, "W")))
    if s.measured_consumption is not None:
        from batcalc.report.reports import per_100_mass_row

        mc = s.measured_consumption
        key, label, slope = per_100_mass_row(float(mc.per_100kg.si), system)
        figures += [("measured_consumption", f"measured consumption ({mc.cycle or 'cycle not stated'})",
                     shown(float(mc.value.si), "consumption", system)),
                    ("measured_at_mass", "measured at vehicle mass", shown(float(mc.at_mass.si), "mass", system)),
                    ("measured_" + key, "measured " + label, slope)]
    cited = _figure_sources(vehicle)
    rows = [[label, v, v.unit if isinstance(v, Shown) else "", *cited.get(key, ("", ""))] for key, label, v in figures]
    model = (["none: the measured consumption (no road load given, so no drive cycle can be run)"]
             if vehicle.measured_only else vehicle.load.assumptions(system))
    notes = ["model: " + "; ".join(model)]
    notes += [f"assumption ({'.'.join(map(str, loc))}): {value.assumption}" for loc, value, sid in sourced_values(s)
              if sid is None and value.assumption]
    notes += [f"source {src.id}: {src.title}" + (f" ({src.url})" if src.url else "") for src in s.sources]
    if s.notes:
        notes.append("notes: " + " ".join(str(s.notes).split()))
    data = {"kind": "vehicle", "id": vehicle.id, "name": s.name, "figures": {k: v for k, _, v in figures},
            "figure_sources": {k: {"source": cited[k][0] or None, "grade": cited[k][1] or None}
                               for k, _, _ in figures if k in cited},
            "model": model, "sources": [src.id for src in s.sources]}
    return ["quantity", "value", "unit", "source", "grade"], rows, notes, data


#: Where each figure ``batcalc show VEHICLE`` gives lies in a vehicle spec (the derived vehicle mass: the masses
#: it adds); a powertrain figure or the auxiliaries the spec leaves out is a default of docs/assumptions.md.
_FIGURE_AT: dict[str, tuple[tuple[str, ...], ...]] = {
    "mass_without_battery": (("mass_without_battery",),), "payload": (("payload",),),
    "max_gross_mass": (("max_gross_mass",),), "reference_pack_energy": (("reference_pack", "energy"),),
    "reference_pack_mass": (("reference_pack", "mass"),),
    "vehicle_mass": (("mass_without_battery",), ("reference_pack", "mass"), ("payload",)),
    "f0": (("coast_down", "f0"),), "f1": (("coast_down", "f1"),), "f2": (("coast_down", "f2"),),
    "drag_coefficient": (("drag_coefficient",),), "rolling_resistance": (("rolling_resistance",),),
    "frontal_area": (("frontal_area",),), "rotating_mass": (("rotating_mass",),),
    "motor_rated_power": (("powertrain", "motor_rated_power"),),
    "transmission_efficiency": (("powertrain", "transmission_efficiency"),),
    "battery_efficiency": (("powertrain", "battery_efficiency"),), "auxiliary_power": (("auxiliary_power",),),
    "measured_consumption": (("measured_consumption", "value"),),
    "measured_at_mass": (("measured_consumption", "at_mass"),),
    "measured_consumption_per_100kg": (("measured_consumption", "per_100kg"),),
    "measured_consumption_per_100lb": (("measured_consumption", "per_100kg"),),
}


def _figure_sources(vehicle: Vehicle) -> dict[str, tuple[str, str]]:
    """``(source, grade)`` of each figure of :func:`vehicle_show_rows`, by its key: the source its value cites
    and that source's grade, ``assumption`` (with no source) for a value that states one, ``unsourced`` for one
    that does neither (:func:`batcalc.physics.vehicle.figure_grades`); a figure the spec leaves out is a
    ``default`` (an assumption of docs/assumptions.md); the derived vehicle mass is ``derived``, graded by the
    weakest of the masses it adds."""
    from batcalc.physics.cells import weakest_grade
    from batcalc.physics.vehicle import figure_grades

    s = vehicle.spec
    grades = figure_grades(s)
    sources = {loc: sid for loc, _, sid in sourced_values(s)}
    out: dict[str, tuple[str, str]] = {}
    for key, locs in _FIGURE_AT.items():
        if len(locs) > 1:
            given = [grades[loc] for loc in locs if loc in grades]
            out[key] = ("derived", weakest_grade(given) or "unsourced") if len(given) == len(locs) else ("", "")
        elif locs[0] in grades:
            out[key] = (sources.get(locs[0]) or "", grades[locs[0]] or "unsourced")
        else:
            out[key] = ("default", "assumption")
    return out


def cycle_provenance(cycle_id: str) -> Optional[dict[str, Any]]:
    """The entry of ``specs/cycles/cycles.yaml`` for a shipped trace (plain YAML data), or None."""
    import yaml

    from batcalc.io.yamlfile import read_text
    from batcalc.physics.cycles import cycles_dir

    # read_text keeps the file as one of the command's inputs: 'show udds -o cycles.yaml --force' replaced it
    entries = yaml.safe_load(read_text(cycles_dir() / "cycles.yaml")) or []
    return next((e for e in entries if isinstance(e, dict) and e.get("id") == cycle_id), None)


def cycle_show_rows(name: str, system: str) -> Report:
    """Headers, rows, notes and JSON data for ``batcalc show CYCLE``: duration, distance, mean and top
    speed, stops, and where the trace came from (standard, copy, licence)."""
    import numpy as np

    from batcalc.physics.cycles import get_cycle

    c = get_cycle(name)
    moving = c.speed > 0
    idle = float(np.sum(np.diff(c.time)[~moving[1:] & ~moving[:-1]])) if c.constant_speed is None else 0.0
    figures: list[tuple[str, str, Shown]] = [
        ("duration", "duration", Shown(c.duration, "s")),
        ("distance", "distance", shown(c.distance, "length", system, "distance")),
        ("mean_speed", "mean speed", shown(c.mean_speed, "speed", system)),
        ("top_speed", "top speed", shown(float(c.speed.max()), "speed", system)),
        ("idle_time", "time standing still", Shown(idle, "s")),
    ]
    rows = [[label, s, s.unit] for _, label, s in figures]
    notes: list[str] = []
    prov = cycle_provenance(c.id)
    info: dict[str, Any] = {}
    if prov is not None:
        p = prov.get("provenance") or {}
        info = {"standard": prov.get("standard"), "published": prov.get("published"),
                "copy": " ".join(str(x) for x in (p.get("repository") or p.get("package"), p.get("path")) if x),
                "licence": p.get("licence")}
        notes += [f"{k}: {' '.join(str(v).split())}" for k, v in info.items() if v]
    elif c.constant_speed is not None:
        notes.append("a constant speed for one hour (no acceleration)")
    else:
        notes.append(f"a user's trace read from {c.id}")
    data = {"kind": "cycle", "id": c.id, "name": c.name, "figures": {k: s for k, _, s in figures},
            "provenance": info or None}
    return ["quantity", "value", "unit"], rows, notes, data
