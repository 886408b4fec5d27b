"""A batcalc vehicle spec from an NREL FASTSim 3 vehicle file (a BEV written by ``Vehicle.to_yaml()``).

What is carried over, each value citing the file: the chassis road load (C_d, frontal area, C_rr),
the wheels' inertia as a fixed rotating mass ``n I / r^2``, the motor's rated output and efficiency
map (its interpolation: linear or step), the gear and battery efficiencies, the base auxiliary power
and the battery's energy. FASTSim 3.1 has no regeneration fade, so the spec turns it off. FASTSim's
test mass includes the battery, whose mass its stock files leave out: the pack mass is then an
assumption (:data:`ASSUMED_PACK_DENSITY`, stated in the spec) and the rest is the mass without
battery, so the vehicle's total mass with its reference pack is FASTSim's test mass.
"""

from __future__ import annotations

import math
import re
from typing import Any

from batcalc.errors import BatcalcError, SpecError
from batcalc.io.yamlfile import Loc

#: Pack-level energy density, Wh/kg, used when the FASTSim file gives no battery mass (an assumption:
#: 2020s NMC/NCA module packs run ~140-180 Wh/kg at pack level).
ASSUMED_PACK_DENSITY = 160.0
#: Where a battery efficiency table (C-rate x temperature) is read: 0.25 C at 23 C (city and highway
#: driving draws ~0.2-0.3 C from a 50-80 kWh pack).
TABLE_C_RATE, TABLE_TEMPERATURE = 0.25, 23.0


#: Where each converted value comes from in the FASTSim file: a spec the loader refuses (a negative
#: drag coefficient, a zero frontal area) is reported at the FASTSim value it was made from.
_ORIGIN: dict[Loc, Loc] = {
    ("mass_without_battery",): ("mass_kilograms",),
    ("reference_pack", "energy"): ("pt_type", "BEV", "res", "energy_capacity_joules"),
    ("reference_pack", "mass"): ("pt_type", "BEV", "res", "mass_kilograms"),
    ("drag_coefficient",): ("chassis", "drag_coef"),
    ("frontal_area",): ("chassis", "frontal_area_square_meters"),
    ("rolling_resistance",): ("chassis", "wheel_rr_coef"),
    ("rotating_mass",): ("chassis", "wheel_inertia_kilogram_square_meters"),
    ("auxiliary_power",): ("pwr_aux_base_watts",),
    ("powertrain", "motor_rated_power"): ("pt_type", "BEV", "em", "pwr_out_max_watts"),
    ("powertrain", "motor_map"): ("pt_type", "BEV", "em", "eff_interp_achieved"),
    ("powertrain", "transmission_efficiency"): ("pt_type", "BEV", "transmission", "eff_interp"),
    ("powertrain", "battery_efficiency"): ("pt_type", "BEV", "res", "eff_interp"),
}


class FastsimError(BatcalcError):
    """A FASTSim file that cannot be converted; ``loc`` is the path in the file's data of the value at
    fault (``()``: the file as a whole), for :meth:`batcalc.io.yamlfile.Document.error`."""

    def __init__(self, message: str, loc: Loc = ()) -> None:
        self.message = message
        self.loc = tuple(loc)
        super().__init__(message)


def _get(data: Any, *path: str | int) -> Any:
    """The value at ``path`` (keys and list indices from the file's top), else a :class:`FastsimError`
    at the nearest enclosing value found."""
    node = data
    for depth, key in enumerate(path):
        present = (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node))
        if not present:
            raise FastsimError(f"not a FASTSim 3 BEV vehicle file: no {'.'.join(map(str, path[:depth + 1]))}",
                               path[:depth])
        node = node[key]
    return node


def _number(value: Any, what: str, loc: Loc = (), positive: bool = False) -> float:
    """``value`` as a float: a finite number (not a bool), above 0 if ``positive``; else a
    :class:`FastsimError` at ``loc``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FastsimError(f"FASTSim file: {what} is not a number ({value!r})", loc)
    if positive and value <= 0:
        raise FastsimError(f"FASTSim file: {what} must be above 0 (got {value!r})", loc)
    return float(value)


def _at(data: Any, *path: str | int, what: str = "", positive: bool = False) -> float:
    """The number at ``path`` (:func:`_get`, :func:`_number`), named ``what`` (default: its key)."""
    return _number(_get(data, *path), what or str(path[-1]), path, positive)


def _list(data: Any, *path: str | int) -> list[Any]:
    """The list at ``path``, else a :class:`FastsimError` there."""
    value = _get(data, *path)
    if not isinstance(value, list) or not value:
        raise FastsimError(f"FASTSim file: {'.'.join(map(str, path))} is not a list of numbers", path)
    return value


def _interp(xs: list[float], ys: list[float], x: float) -> float:
    """Linear interpolation, clamped at the ends (as FASTSim's tables extrapolate)."""
    if x <= xs[0]:
        return ys[0]
    for k in range(len(xs) - 1):
        if xs[k] <= x <= xs[k + 1]:
            return ys[k] + (ys[k + 1] - ys[k]) * (x - xs[k]) / (xs[k + 1] - xs[k])
    return ys[-1]


def _numbers(data: Any, *path: str | int, length: int | None = None) -> list[float]:
    """The list of numbers at ``path`` (of ``length`` items if given), else a :class:`FastsimError` there."""
    items = _list(data, *path)
    if length is not None and len(items) != length:
        raise FastsimError(f"FASTSim file: {'.'.join(map(str, path))} has {len(items)} values where its grid has "
                           f"{length}", path)
    return [_number(x, f"{'.'.join(map(str, path))}[{k}]", path + (k,)) for k, x in enumerate(items)]


def _battery_efficiency(data: Any) -> tuple[float, str]:
    """One-way battery efficiency from the FASTSim file's ``pt_type.BEV.res.eff_interp``, and how it
    was read."""
    where = ("pt_type", "BEV", "res", "eff_interp")
    eff = _get(data, *where)
    if isinstance(eff, dict) and "Constant" in eff:
        return _at(data, *where, "Constant", what="battery efficiency"), "constant in the file"
    if isinstance(eff, dict) and "CRateTemperature" in eff:
        table = where + ("CRateTemperature", "data")
        c_grid, t_grid = _numbers(data, *table, "grid", 0), _numbers(data, *table, "grid", 1)
        rows = _list(data, *table, "values")
        if len(rows) != len(c_grid):
            raise FastsimError(f"FASTSim file: the battery efficiency table has {len(rows)} rows for "
                               f"{len(c_grid)} C-rates", table + ("values",))
        by_c = [_interp(t_grid, _numbers(data, *table, "values", k, length=len(t_grid)), TABLE_TEMPERATURE)
                for k in range(len(rows))]
        value = _interp(c_grid, by_c, TABLE_C_RATE)
        return value, (f"the file's C-rate x temperature table read at {TABLE_C_RATE} C and {TABLE_TEMPERATURE:g} C "
                       f"(an assumption: typical driving loads)")
    raise FastsimError("FASTSim file: the battery efficiency is neither a constant nor a C-rate x temperature table",
                       where)


#: The US gross-vehicle-weight-rating classes (FHWA; AFDC, "Vehicle Weight Classes & Categories",
#: https://afdc.energy.gov/data/10380): light duty 1-2 (up to 10,000 lb), medium duty 3-6 (up to 26,000 lb),
#: heavy duty 7-8 (above); as batcalc's classes.
GVWR_CLASSES = {1: "light-truck", 2: "light-truck", 3: "medium-truck", 4: "medium-truck", 5: "medium-truck",
                6: "medium-truck", 7: "heavy-truck", 8: "heavy-truck"}
#: The upper GVWR of light and of medium duty (the same source).
LIGHT_DUTY_MAX, MEDIUM_DUTY_MAX = "10000 lb", "26000 lb"
#: The FASTSim fields that may name what the vehicle is (free text; FASTSim 3 files have no class field).
_TEXT_FIELDS = ("name", "make", "model", "trim", "doc")


def vehicle_class(data: dict[str, Any]) -> tuple[str, str]:
    """batcalc's vehicle class of a FASTSim 3 vehicle file, and a sentence saying how it was decided.

    FASTSim 3 files have no class or size field: what they say is in free text (``name``, ``make``,
    ``model``, ``trim``, ``doc``) and in the test mass (``mass_kilograms``). In that order of weight:

    1. a US weight class written in the text (``Class 8``, ``class 2b``) -> :data:`GVWR_CLASSES`;
    2. a test mass above the light-duty or medium-duty limit (:data:`LIGHT_DUTY_MAX`,
       :data:`MEDIUM_DUTY_MAX`): the rating is at least the test mass, so the class is at least
       medium- or heavy-duty (a lower bound: an empty truck's test mass may sit a class below);
    3. a word in the text: ``SUV`` or ``crossover`` -> suv; ``pickup``, ``van`` or ``truck`` -> light-truck
       (the test mass is within light duty);
    4. else car, assumed (batcalc's default): the file says nothing usable; the sentence says why.
    """
    from batcalc.units import parse_value

    texts = [(f, data[f]) for f in _TEXT_FIELDS if isinstance(data.get(f), str) and data[f].strip()]
    for f, text in texts:
        # not a model's name ('Mercedes E-Class 4-door': a hyphen before 'Class' or after the digit)
        m = re.search(r"(?<![\w-])class[ -]?([1-8])[ab]?(?![\w-])", text, re.IGNORECASE)
        if m:
            return GVWR_CLASSES[int(m.group(1))], (f"Class {GVWR_CLASSES[int(m.group(1))]}: the file's {f} "
                                                   f"gives US weight class {m.group(1)} ({m.group(0)!r})")
    mass = _at(data, "mass_kilograms")
    for limit, cls, duty in ((MEDIUM_DUTY_MAX, "heavy-truck", "medium"), (LIGHT_DUTY_MAX, "medium-truck", "light")):
        if mass > parse_value(limit, "mass").si:
            return cls, (f"Class {cls}: the file's test mass {mass:g} kg is above the {duty}-duty limit of "
                         f"{limit} gross (US weight classes), which the vehicle's rating is at least"
                         + ("" if cls == "heavy-truck" else "; a lower bound: edit class if the vehicle is heavier"))
    for words, cls in ((("suv", "crossover"), "suv"), (("pickup", "pick-up", "van", "truck"), "light-truck")):
        for f, text in texts:
            m = re.search(r"\b(" + "|".join(words) + r")\b", text, re.IGNORECASE)
            if m:
                return cls, f"Class {cls}: the file's {f} says {m.group(0)!r}"
    said = ", ".join(f"{f} {text!r}" for f, text in texts) or "no name"
    return "car", (f"Class car, assumed: a FASTSim file has no class or size field, and this one says nothing that "
                   f"gives one ({said}: no SUV, pickup, van, truck or US weight class; test mass {mass:g} kg, "
                   f"within light duty, {LIGHT_DUTY_MAX} gross); edit class if the vehicle is an SUV or a truck")


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return slug or "fastsim-vehicle"


def spec_from_fastsim(data: Any, document: str) -> dict[str, Any]:
    """A vehicle spec (as YAML-ready data) from a FASTSim 3 BEV vehicle file's data; ``document`` names
    the file in the spec's source."""
    if not isinstance(data, dict):
        raise FastsimError("not a FASTSim vehicle file: expected a YAML mapping")
    pt = _get(data, "pt_type")
    if not isinstance(pt, dict) or "BEV" not in pt:
        raise FastsimError("FASTSim file: only battery-electric vehicles (pt_type: BEV) can be converted", ("pt_type",))
    name = str(data.get("name") or "FASTSim vehicle")
    mass = _at(data, "mass_kilograms")
    energy = _at(data, "pt_type", "BEV", "res", "energy_capacity_joules") / 3.6e6   # kWh
    battery_mass = _get(data, "pt_type", "BEV", "res").get("mass_kilograms")
    if battery_mass is not None:
        pack_mass = _at(data, "pt_type", "BEV", "res", "mass_kilograms", what="battery mass")
        pack_how: dict[str, str] = {"source": "fastsim"}
    else:
        pack_mass = energy * 1000 / ASSUMED_PACK_DENSITY
        pack_how = {"assumption": f"the FASTSim file gives no battery mass: {energy:.4g} kWh at "
                                  f"{ASSUMED_PACK_DENSITY:g} Wh/kg pack level (2020s module packs run ~140-180 "
                                  f"Wh/kg); FASTSim's test mass {mass:g} kg includes it. Edit both together."}
    if pack_mass >= mass:
        raise FastsimError(f"FASTSim file: the battery ({pack_mass:.0f} kg) is not lighter than the vehicle "
                           f"({mass:g} kg)", ("mass_kilograms",))
    achieved = ("pt_type", "BEV", "em", "eff_interp_achieved")
    loads = _numbers(data, *achieved, "data", "grid", 0)
    effs = _numbers(data, *achieved, "data", "values", length=len(loads))
    step = _get(data, *achieved).get("strategy") != "Linear"
    n_wheels = _at(data, "chassis", "num_wheels", what="number of wheels", positive=True)
    if n_wheels != int(n_wheels):
        raise FastsimError(f"FASTSim file: number of wheels must be a whole number (got {n_wheels:g})",
                           ("chassis", "num_wheels"))
    wheels = n_wheels * _at(data, "chassis", "wheel_inertia_kilogram_square_meters",
                            what="wheel inertia") / _at(
        data, "chassis", "wheel_radius_meters", what="wheel radius", positive=True) ** 2
    battery_eff, battery_how = _battery_efficiency(data)
    gear = _at(data, "pt_type", "BEV", "transmission", "eff_interp", what="transmission efficiency")
    motor = _at(data, "pt_type", "BEV", "em", "pwr_out_max_watts", what="motor power")
    aux = _number(data.get("pwr_aux_base_watts", 0.0), "aux power", ("pwr_aux_base_watts",))
    cite = {"source": "fastsim"}
    klass, klass_how = vehicle_class(data)
    return {
        "kind": "vehicle", "id": _slug(name), "name": f"{name} (from FASTSim)", "class": klass,
        "mass_without_battery": {"value": f"{mass - pack_mass:.6g} kg",
                                 "note": "FASTSim's test mass (mass_kilograms) minus the pack mass", **cite},
        "reference_pack": {"energy": {"value": f"{energy:.6g} kWh", **cite}, "mass": {"value": f"{pack_mass:.6g} kg",
                                                                                     **pack_how}},
        "payload": {"value": "0 kg", "assumption": "FASTSim's test mass already includes driver and cargo"},
        "drag_coefficient": {"value": _at(data, "chassis", "drag_coef"), **cite},
        "frontal_area": {"value": f"{_at(data, 'chassis', 'frontal_area_square_meters', what='frontal area'):.6g} m^2",
                         **cite},
        "rolling_resistance": {"value": _at(data, "chassis", "wheel_rr_coef"), **cite},
        "rotating_mass": {"value": f"{wheels:.6g} kg", "note": "wheels' inertia as an equivalent mass, n I / r^2",
                          **cite},
        "auxiliary_power": {"value": f"{aux:g} W",
                            "note": "pwr_aux_base_watts (without HVAC)", **cite},
        "powertrain": {
            "source": "fastsim",
            "motor_rated_power": f"{motor / 1e3:.6g} kW",
            "motor_map": {"shape": "step" if step else "linear",
                          "points": [{"load": f"{x * 100:.6g} %", "efficiency": f"{e * 100:.6g} %"}
                                     for x, e in zip(loads, effs, strict=True)]},
            "transmission_efficiency": f"{gear * 100:.6g} %",
            "battery_efficiency": {"value": f"{battery_eff * 100:.6g} %", "note": battery_how},
            "regen_fades": False,
        },
        "notes": "Converted by 'batcalc import-fastsim'. FASTSim 3.1 regenerates at the map's zero-load "
                 f"efficiency with no fade at low speed; both carried over as they are. {klass_how}.",
        "sources": [{"id": "fastsim", "title": f"NREL FASTSim vehicle file: {name}", "document": document,
                     "publisher": "National Renewable Energy Laboratory (FASTSim, Apache-2.0)", "grade": "reference"}],
    }


def _refused(exc: SpecError) -> FastsimError:
    """The loader's refusal ``exc`` of a converted spec, at the FASTSim value the field was made from
    (:data:`_ORIGIN`: the spec field at fault, ``exc.loc``, or the longest that holds it)."""
    field = tuple(exc.loc)
    keys = [k for k in _ORIGIN if field[:len(k)] == k]
    loc = _ORIGIN[max(keys, key=len)] if keys else ()
    if field[:3] == ("powertrain", "motor_map", "points") and len(field) == 5 and isinstance(field[3], int):
        n = field[3]                          # the map's n-th load (grid) or efficiency (values)
        loc += ("data", "grid", 0, n) if field[4] == "load" else ("data", "values", n)
    return FastsimError(f"FASTSim file: the converted vehicle spec would be refused: {exc.message}", loc)


def fastsim_spec_text(data: Any, document: str) -> str:
    """:func:`spec_from_fastsim` as YAML text, ready to write to a file: a spec the loader would refuse
    (a negative drag coefficient, a frontal area of 0) is a :class:`FastsimError` at the FASTSim value
    it came from, never a file that then fails to load."""
    import yaml

    import batcalc.spec.vehicle  # noqa: F401  (registers kind: vehicle)
    from batcalc.spec.model import SpecErrors, parse_spec

    spec = spec_from_fastsim(data, document)
    header = "# A batcalc vehicle spec converted from a FASTSim vehicle file: check the assumptions below.\n"
    text = header + yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)
    try:
        parse_spec(text, document, expect="vehicle", all_errors=True)
    except SpecErrors as exc:
        raise _refused(exc.errors[0]) from None
    except SpecError as exc:
        raise _refused(exc) from None
    return text
