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

import re
from typing import Any

from batcalc.errors import BatcalcError

#: Pack-level energy density, Wh/kg, used when the FASTSim file gives no battery mass (an assumption:
#: 2020s NMC/NCA module packs run ~140-180 Wh/kg at pack level).
ASSUMED_PACK_DENSITY = 160.0
#: Where a battery efficiency table (C-rate x temperature) is read: 0.25 C at 23 C (city and highway
#: driving draws ~0.2-0.3 C from a 50-80 kWh pack).
TABLE_C_RATE, TABLE_TEMPERATURE = 0.25, 23.0


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            raise BatcalcError(f"not a FASTSim 3 BEV vehicle file: no {'.'.join(path)}")
        data = data[key]
    return data


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise BatcalcError(f"FASTSim file: {what} is not a number ({value!r})")
    return float(value)


def _interp(xs: list[float], ys: list[float], x: float) -> float:
    """Linear interpolation, clamped at the ends (as FASTSim's tables extrapolate)."""
    if x <= xs[0]:
        return ys[0]
    for k in range(len(xs) - 1):
        if xs[k] <= x <= xs[k + 1]:
            return ys[k] + (ys[k + 1] - ys[k]) * (x - xs[k]) / (xs[k + 1] - xs[k])
    return ys[-1]


def _battery_efficiency(eff: Any) -> tuple[float, str]:
    """One-way battery efficiency from FASTSim's ``eff_interp``, and how it was read."""
    if isinstance(eff, dict) and "Constant" in eff:
        return _number(eff["Constant"], "battery efficiency"), "constant in the file"
    if isinstance(eff, dict) and "CRateTemperature" in eff:
        table = eff["CRateTemperature"]["data"]
        c_grid, t_grid = table["grid"]
        by_c = [_interp(t_grid, row, TABLE_TEMPERATURE) for row in table["values"]]
        value = _interp(c_grid, by_c, TABLE_C_RATE)
        return value, (f"the file's C-rate x temperature table read at {TABLE_C_RATE} C and {TABLE_TEMPERATURE:g} C "
                       f"(an assumption: typical driving loads)")
    raise BatcalcError("FASTSim file: the battery efficiency is neither a constant nor a C-rate x temperature table")


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return slug or "fastsim-vehicle"


def spec_from_fastsim(data: Any, document: str) -> dict[str, Any]:
    """A vehicle spec (as YAML-ready data) from a FASTSim 3 BEV vehicle file's data; ``document`` names
    the file in the spec's source."""
    if not isinstance(data, dict):
        raise BatcalcError("not a FASTSim vehicle file: expected a YAML mapping")
    pt = _get(data, "pt_type")
    if not isinstance(pt, dict) or "BEV" not in pt:
        raise BatcalcError("FASTSim file: only battery-electric vehicles (pt_type: BEV) can be converted")
    bev, chassis = pt["BEV"], _get(data, "chassis")
    name = str(data.get("name") or "FASTSim vehicle")
    mass = _number(_get(data, "mass_kilograms"), "mass_kilograms")
    energy = _number(_get(bev, "res", "energy_capacity_joules"), "energy_capacity_joules") / 3.6e6   # kWh
    battery_mass = bev["res"].get("mass_kilograms")
    if battery_mass is not None:
        pack_mass, pack_how = _number(battery_mass, "battery mass"), {"source": "fastsim"}
    else:
        pack_mass = energy * 1000 / ASSUMED_PACK_DENSITY
        pack_how = {"assumption": f"the FASTSim file gives no battery mass: {energy:.4g} kWh at "
                                  f"{ASSUMED_PACK_DENSITY:g} Wh/kg pack level (2020s module packs run ~140-180 "
                                  f"Wh/kg); FASTSim's test mass {mass:g} kg includes it. Edit both together."}
    if pack_mass >= mass:
        raise BatcalcError(f"FASTSim file: the battery ({pack_mass:.0f} kg) is not lighter than the vehicle "
                           f"({mass:g} kg)")
    em = _get(bev, "em")
    achieved = _get(em, "eff_interp_achieved")
    loads, effs = achieved["data"]["grid"][0], achieved["data"]["values"]
    step = achieved.get("strategy") != "Linear"
    wheels = _number(chassis["num_wheels"], "num_wheels") * _number(
        chassis["wheel_inertia_kilogram_square_meters"], "wheel inertia") / _number(
        chassis["wheel_radius_meters"], "wheel radius") ** 2
    battery_eff, battery_how = _battery_efficiency(_get(bev, "res", "eff_interp"))
    gear = _get(bev, "transmission", "eff_interp")
    cite = {"source": "fastsim"}
    return {
        "kind": "vehicle", "id": _slug(name), "name": f"{name} (from FASTSim)", "class": "car",
        "mass_without_battery": {"value": f"{mass - pack_mass:.6g} kg",
                                 "note": "FASTSim's test mass (mass_kilograms) minus the pack mass", **cite},
        "reference_pack": {"energy": {"value": f"{energy:.6g} kWh", **cite}, "mass": {"value": f"{pack_mass:.6g} kg",
                                                                                     **pack_how}},
        "payload": {"value": "0 kg", "assumption": "FASTSim's test mass already includes driver and cargo"},
        "drag_coefficient": {"value": _number(chassis["drag_coef"], "drag_coef"), **cite},
        "frontal_area": {"value": f"{_number(chassis['frontal_area_square_meters'], 'frontal area'):.6g} m^2", **cite},
        "rolling_resistance": {"value": _number(chassis["wheel_rr_coef"], "wheel_rr_coef"), **cite},
        "rotating_mass": {"value": f"{wheels:.6g} kg", "note": "wheels' inertia as an equivalent mass, n I / r^2",
                          **cite},
        "auxiliary_power": {"value": f"{_number(data.get('pwr_aux_base_watts', 0.0), 'aux power'):g} W",
                            "note": "pwr_aux_base_watts (without HVAC)", **cite},
        "powertrain": {
            "source": "fastsim",
            "motor_rated_power": f"{_number(em['pwr_out_max_watts'], 'motor power') / 1e3:.6g} kW",
            "motor_map": {"shape": "step" if step else "linear",
                          "points": [{"load": f"{_number(x, 'map load') * 100:.6g} %",
                                      "efficiency": f"{_number(e, 'map efficiency') * 100:.6g} %"}
                                     for x, e in zip(loads, effs, strict=True)]},
            "transmission_efficiency": f"{_number(gear, 'transmission efficiency') * 100:.6g} %",
            "battery_efficiency": {"value": f"{battery_eff * 100:.6g} %", "note": battery_how},
            "regen_fades": False,
        },
        "notes": "Converted by 'batcalc import-fastsim'. FASTSim 3.1 regenerates at the map's zero-load "
                 "efficiency with no fade at low speed; both carried over as they are.",
        "sources": [{"id": "fastsim", "title": f"NREL FASTSim vehicle file: {name}", "document": document,
                     "publisher": "National Renewable Energy Laboratory (FASTSim, Apache-2.0)", "grade": "reference"}],
    }


def fastsim_spec_text(data: Any, document: str) -> str:
    """:func:`spec_from_fastsim` as YAML text, ready to write to a file."""
    import yaml

    spec = spec_from_fastsim(data, document)
    header = "# A batcalc vehicle spec converted from a FASTSim vehicle file: check the assumptions below.\n"
    return header + yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)
