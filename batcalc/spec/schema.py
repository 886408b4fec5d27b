"""JSON Schemas of the spec kinds (for editors' YAML language servers) and templates for new specs."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from batcalc.errors import BatcalcError
from batcalc.spec import ID_PATTERN

SCHEMA_KINDS = ("cell", "vehicle", "claim")


def _model(kind: str) -> type[BaseModel]:
    if kind == "cell":
        from batcalc.spec.model import CellSpec

        return CellSpec
    if kind == "vehicle":
        from batcalc.spec.vehicle import VehicleSpec

        return VehicleSpec
    if kind == "claim":
        from batcalc.spec.claims import ClaimsFile

        return ClaimsFile
    raise BatcalcError(f"unknown spec kind {kind!r}: choose {', '.join(SCHEMA_KINDS)}")


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of spec files of ``kind`` (cell, vehicle, claim)."""
    from batcalc.spec.model import FORMAT_VERSION

    schema = _model(kind).model_json_schema(by_alias=True)
    taper = schema.get("$defs", {}).get("Charging", {}).get("properties", {}).get("taper")
    if taper is not None:                       # the loader takes only the ids of specs/tapers.yaml
        from batcalc.spec.tapers import taper_ids

        taper["anyOf"] = [{"enum": list(taper_ids()), "type": "string"}, {"type": "null"}]
    assumed = schema.get("properties", {}).get("assumptions") if kind == "claim" else None
    if assumed is not None:                     # the loader takes only the ids of specs/assumptions.yaml
        from batcalc.spec.assumptions import plausible_ranges

        assumed["propertyNames"] = {"enum": list(plausible_ranges())}
    schema.setdefault("properties", {})["format_version"] = {
        "type": "integer", "minimum": 1, "maximum": FORMAT_VERSION,
        "description": "the spec format the file was written for (optional; docs/spec-format.md)"}
    titles = {"cell": "batcalc cell spec", "vehicle": "batcalc vehicle spec", "claim": "batcalc claims file"}
    return {**schema, "$schema": "https://json-schema.org/draft/2020-12/schema", "title": titles[kind],
            "description": f"{schema.get('description', '').strip()} Every dimensional value is '<number> <unit>' "
                           "(x-dimension names the dimension) or {value, source, note, assumption}. "
                           "See docs/spec-format.md."}


TEMPLATES = {
    "cell": """\
# A batcalc cell spec. Format: docs/spec-format.md; schema: batcalc schema cell
# Fill in what your sources give and delete what they do not: never guess a number.
kind: cell
id: {id}
name: "{id} (rename me)"
maker: null                  # e.g. "Samsung SDI"
chemistry: null              # e.g. "NMC811 / graphite"
format: unknown              # cylindrical | prismatic | pouch | blade | unknown
status: announced            # production | sample | announced | target
# electrical:
#   nominal_voltage: 3.6 V
#   capacity: 5 Ah
#   energy: 18 Wh            # left out: voltage x capacity
# physical:
#   mass: 70 g
#   dimensions: {{diameter: 21 mm, height: 70 mm}}   # or length, width, thickness
# energy_density:
#   level: cell              # cell | pack
#   gravimetric: 260 Wh/kg   # left out: energy / mass
#   volumetric: 740 Wh/L     # left out: energy / volume
# charging:
#   max_c_rate: 3 C
#   claims:
#     - {{from_soc: 10 %, to_soc: 80 %, time: 20 min}}   # no from_soc if the source gives no start
# cycle_life: {{cycles: 1000, retention: 80 %}}
# ranges:
#   - {{distance: 600 km, test_cycle: WLTP, pack_energy: 75 kWh, vehicle: "..."}}
sources: []
#  - id: datasheet
#    title: "..."
#    url: https://...
#    date: 2024-01-31
#    grade: datasheet        # datasheet | press | reference
""",
    "vehicle": """\
# A batcalc vehicle spec. Format: docs/spec-format.md; schema: batcalc schema vehicle
# The numbers below are an example mid-size sedan (1750 kg with its pack, C_d 0.23, A 2.22 m^2,
# C_rr 0.007), marked as assumptions:
# replace them with your vehicle's figures and cite a source for each.
kind: vehicle
id: {id}
name: "{id} (rename me)"
class: car                   # car | suv | light-truck | medium-truck | heavy-truck
mass_without_battery: {{value: 1270 kg, assumption: "template: 1750 kg sedan minus a 480 kg pack"}}
payload: {{value: 150 kg, assumption: "template: driver and luggage"}}
drag_coefficient: {{value: 0.23, assumption: "template: mid-size sedan"}}
frontal_area: {{value: 2.22 m^2, assumption: "template: mid-size sedan"}}
rolling_resistance: {{value: 0.007, assumption: "template: low-rolling-resistance tyres"}}
reference_pack:
  energy: {{value: 75 kWh, assumption: "template: the pack the vehicle ships with (gross)"}}
  mass: {{value: 480 kg, assumption: "template"}}
# max_gross_mass: 2200 kg
powertrain:                  # efficiency by load (FASTSim's maps; docs/spec-format.md)
  motor_rated_power: {{value: 239 kW, assumption: "template: a mid-size sedan's motor, peak output"}}
  # transmission_efficiency: 98 %   # default 98 %
  # battery_efficiency: 98.5 %      # one way; default 98.5 % (a 97 % round trip)
# auxiliary_power: 250 W          # default 250 W
sources: []
""",
    "claim": """\
# A batcalc claims file. Format: docs/claims.md; schema: batcalc schema claim
# Check it with: batcalc check {id}.yaml
kind: claims
title: "{id}"
claims:
  - id: example-ratio
    quote: "replace with the claim, word for word"
    kind: ratio              # same-weight, same-energy, same-range, same-volume, same-energy-volume,
                             # range, consumption, charge, range-added, lifetime, ratio, difference,
                             # product, growth, ratings, expression
    inputs: {{a: 300 Wh/kg, b: 350 Wh/kg}}
    asserted: 1.167          # the value the claim asserts
    qualifier: about         # about | at-least | at-most | over | under | up-to | between
sources: []
""",
}


def template(kind: str, spec_id: str) -> str:
    """A commented spec file of ``kind`` with id ``spec_id`` that loads as it is."""
    import re

    if kind not in TEMPLATES:
        raise BatcalcError(f"unknown spec kind {kind!r}: choose {', '.join(SCHEMA_KINDS)}")
    if not re.match(ID_PATTERN, spec_id):
        raise BatcalcError(f"invalid id {spec_id!r}: use lowercase letters, digits and dashes, at most 64 characters")
    return TEMPLATES[kind].format(id=spec_id)
