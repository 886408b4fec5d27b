"""The evidence ledger graded every vehicle a claim simulates 'assumption' ("my-van (preset; simulated
consumption) (assumption)"), even a user's vehicle file whose figures each cite a graded source. A vehicle
now takes the weakest grade of the figures of its spec the claim's computation reads, by the rule of a
cell's figures (a source's grade; 'assumption' for an assumed figure and where a default stands in for a
figure the spec leaves out; 'unsourced' for a figure without either): its masses, its road load and
powertrain (or its measured consumption), and its reference pack where the claim takes it. Figures it
does not read (the max gross mass; the reference pack beside a pack of the claim's own) do not count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from batcalc.claims.check import check_inline

SOURCES = """\
sources:
  - {id: sheet, title: "Maker's sheet", url: "https://example.org/sheet", date: 2024, grade: datasheet}
  - {id: std, title: "Standard road-load values", url: "https://example.org/std", date: 2024, grade: reference}
  - {id: news, title: "A news report", url: "https://example.org/news", date: 2024, grade: press}
"""

# every figure the simulation reads is of datasheet or reference grade; the two press figures are the
# max gross mass (never read) and the reference pack's mass (read only where the claim gives no pack)
VAN = """\
kind: vehicle
id: my-van
name: A van from its maker's sheet and a standard
mass_without_battery: {value: 1800 kg, source: sheet}
payload: {value: 300 kg, source: sheet}
max_gross_mass: {value: 3500 kg, source: news}
reference_pack:
  energy: {value: 75 kWh, source: sheet}
  mass: {value: 450 kg, source: news}
drag_coefficient: {value: 0.30, source: sheet}
frontal_area: {value: 3.0 m^2, source: std}
rolling_resistance: {value: 0.008, source: std}
rotational_mass_factor: {value: 0.03, source: sheet}
drivetrain_efficiency: {value: 90 %, source: sheet}
regen_fraction: {value: 60 %, source: std}
auxiliary_power: {value: 300 W, source: sheet}
""" + SOURCES


def _van(tmp_path: Path, text: str = VAN) -> str:
    path = tmp_path / "my-van.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _vehicle_entry(evidence: list, name: str) -> tuple[str, str]:
    entries = [e for e in evidence if e[0].startswith(f"{name} (")]
    assert len(entries) == 1, evidence
    return entries[0]


def test_a_user_vehicle_takes_the_weakest_grade_of_the_figures_simulated(tmp_path):
    van = _van(tmp_path)
    # a pack of the claim's own (480 kg of tesla-4680): masses, road load, powertrain and auxiliaries are
    # read, datasheet and reference: the weakest is reference; the press figures are not read
    v = check_inline("range", {"cell": "tesla-4680", "vehicle": van, "pack_mass": "480 kg", "cycle": "wltp"},
                     "400 km")
    assert _vehicle_entry(v.evidence, van) == (f"{van} (vehicle file; simulated consumption)", "reference")
    # no pack mass: the vehicle's reference pack mass (press) is carried, so the weakest is press
    v = check_inline("range", {"pack_energy": "75 kWh", "vehicle": van, "cycle": "wltp"}, "400 km")
    assert _vehicle_entry(v.evidence, van)[1] == "press"
    # a same-range claim sizes a's pack as the reference pack when it gives neither pack_mass nor range
    pair = {"a": "tesla-4680", "b": "panasonic-ncr18650b", "vehicle": van, "cycle": "wltp"}
    assert _vehicle_entry(check_inline("same-range", pair, "10 kg").evidence, van)[1] == "press"
    assert _vehicle_entry(check_inline("same-range", {**pair, "range": "400 km"}, "10 kg").evidence,
                          van)[1] == "reference"


def test_a_vehicle_with_an_assumed_or_a_defaulted_figure_is_an_assumption(tmp_path):
    inputs = {"cell": "tesla-4680", "pack_mass": "480 kg", "cycle": "wltp"}
    assumed = VAN.replace("auxiliary_power: {value: 300 W, source: sheet}",
                          'auxiliary_power: {value: 300 W, assumption: "a typical base load"}')
    v = check_inline("range", {**inputs, "vehicle": _van(tmp_path, assumed)}, "400 km")
    assert _vehicle_entry(v.evidence, str(tmp_path / "my-van.yaml"))[1] == "assumption"
    # left out: the 250 W default of docs/assumptions.md stands in, an assumption too
    silent = VAN.replace("auxiliary_power: {value: 300 W, source: sheet}\n", "")
    v = check_inline("range", {**inputs, "vehicle": _van(tmp_path, silent)}, "400 km")
    assert _vehicle_entry(v.evidence, str(tmp_path / "my-van.yaml"))[1] == "assumption"
    # a figure with neither a source nor a reason (three sources: none is cited implicitly): unsourced
    bare = VAN.replace("payload: {value: 300 kg, source: sheet}", "payload: 300 kg")
    v = check_inline("range", {**inputs, "vehicle": _van(tmp_path, bare)}, "400 km")
    assert _vehicle_entry(v.evidence, str(tmp_path / "my-van.yaml"))[1] == "unsourced"


def test_a_measured_consumption_is_graded_where_it_is_the_one_read(tmp_path):
    measured = VAN.replace("auxiliary_power: {value: 300 W, source: sheet}\n",
                           "auxiliary_power: {value: 300 W, source: sheet}\n"
                           "measured_consumption:\n  value: {value: 200 Wh/km, source: news}\n"
                           "  at_mass: {value: 2600 kg, source: news}\n  per_100kg: {value: 2 Wh/km, source: news}\n")
    van = _van(tmp_path, measured)
    # no cycle: the measured figure (press) is the consumption
    v = check_inline("same-range", {"a": "tesla-4680", "b": "panasonic-ncr18650b", "vehicle": van,
                                    "pack_mass": "480 kg"}, "10 kg")
    assert _vehicle_entry(v.evidence, van)[1] == "press"
    # on a cycle: the road load is simulated and the measured figure is not read
    v = check_inline("same-range", {"a": "tesla-4680", "b": "panasonic-ncr18650b", "vehicle": van,
                                    "pack_mass": "480 kg", "cycle": "wltp"}, "10 kg")
    assert _vehicle_entry(v.evidence, van)[1] == "reference"


def _catalogue_grade(vehicle: str, keys: tuple) -> str:
    """The weakest grade the catalogue file gives the figures under ``keys`` (a top-level key, or a path
    of keys 'group/key'), read from its YAML here."""
    spec = yaml.safe_load((Path(__file__).parents[1] / "specs" / "vehicles" / f"{vehicle}.yaml").read_text())
    graded = {s["id"]: s["grade"] for s in spec["sources"]}
    found = []
    for key in keys:
        node, group = spec, None
        for part in key.split("/"):
            group = node.get("source") or group
            node = node.get(part)
        stack = [(node, group)]
        while stack:
            x, group = stack.pop()
            if isinstance(x, dict) and ("value" in x or "assumption" in x):
                found.append("assumption" if "assumption" in x else graded[x.get("source") or group])
            elif isinstance(x, dict):
                stack += [(v, x.get("source") or group) for k, v in x.items() if k not in ("source", "note")]
            elif isinstance(x, list):
                stack += [(v, group) for v in x]
    order = ["assumption", "press", "reference", "datasheet"]
    return min(found, key=order.index)


def test_a_catalogue_vehicle_keeps_what_its_file_says():
    # compact-car's mass without battery cites a press source; its payload is an assumption
    v = check_inline("expression", {"expr": "compact-car.mass_without_battery"}, "1200 kg")
    assert ("compact-car mass without battery", _catalogue_grade("compact-car", ("mass_without_battery",))) \
        in v.evidence
    assert _catalogue_grade("compact-car", ("mass_without_battery",)) == "press"
    # simulated, it reads its payload and auxiliary power, both assumptions in its file
    v = check_inline("range", {"cell": "tesla-4680", "vehicle": "compact-car", "pack_mass": "300 kg",
                               "cycle": "wltp"}, "300 km")
    expected = _catalogue_grade("compact-car", ("mass_without_battery", "payload", "drag_coefficient",
                                                "frontal_area", "rolling_resistance", "rotating_mass",
                                                "powertrain", "auxiliary_power"))
    assert expected == "assumption"
    assert _vehicle_entry(v.evidence, "compact-car") == ("compact-car (preset; simulated consumption)", expected)


def test_an_expression_grades_the_vehicle_figures_it_reads():
    # (a reference names a catalogue id: a path is not in the grammar)
    v = check_inline("expression", {"expr": "compact-car.pack_mass"}, "300 kg")
    grade = _catalogue_grade("compact-car", ("reference_pack/mass",))
    assert grade == "press" and ("compact-car reference pack mass", grade) in v.evidence
    assert (f" ({grade})",) == next(n for n in v.assumptions if n[0] == "compact-car.pack_mass = ")[2:]
    v = check_inline("expression", {"expr": "compact-car.payload"}, "75 kg")
    assert ("compact-car payload", "assumption") in v.evidence
    # simulated, with the reference pack (press) on board and an assumed payload and auxiliary power
    v = check_inline("expression", {"expr": "compact-car.consumption@wltp * 1 km"}, "150 Wh")
    assert ("compact-car consumption on the cycle, with the reference pack", "assumption") in v.evidence
    assert next(n for n in v.assumptions if n[0] == "compact-car.consumption = ")[-1] == " (simulated; assumption)"


def test_the_json_of_check_carries_the_grade(tmp_path, run):
    van = _van(tmp_path)
    r = run("claim", "range", "cell=tesla-4680", f"vehicle={van}", "pack_mass=480 kg", "cycle=wltp",
            "--asserted", "400 km", "-f", "json")
    assert r.exit_code in (0, 1), r.stderr
    data = json.loads(r.stdout)
    verdict = data["verdicts"][0]
    assert {"figure": f"{van} (vehicle file; simulated consumption)", "grade": "reference"} in verdict["evidence"]


@pytest.mark.parametrize("vehicle", ["mid-sedan", "heavy-truck"])
def test_catalogue_presets_that_rest_on_assumptions_stay_assumptions(vehicle):
    v = check_inline("same-range", {"a": "tesla-4680", "b": "panasonic-ncr18650b", "vehicle": vehicle}, "10 kg")
    assert _vehicle_entry(v.evidence, vehicle)[1] == "assumption"
