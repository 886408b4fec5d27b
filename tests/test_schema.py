"""JSON Schemas: every shipped spec validates; templates from `new` load and validate; completion."""

from __future__ import annotations

import json

import pytest

jsonschema = pytest.importorskip("jsonschema")

from batcalc.io.yamlfile import load_yaml  # noqa: E402
from batcalc.spec import catalog  # noqa: E402
from batcalc.spec.model import load_spec  # noqa: E402
from batcalc.spec.schema import schema_for, template  # noqa: E402

KIND_OF = {"cells": "cell", "vehicles": "vehicle", "claims": "claim"}
SHIPPED = [(folder, p) for folder in KIND_OF for p in sorted((catalog.specs_root() / folder).glob("*.yaml"))]


@pytest.fixture(scope="module")
def validators():
    return {k: jsonschema.Draft202012Validator(schema_for(k)) for k in ("cell", "vehicle", "claim")}


def test_schemas_are_valid_and_describe_dimensions(validators):
    for kind in ("cell", "vehicle", "claim"):
        schema = schema_for(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert "x-dimension" in json.dumps(schema)
    grav = schema_for("cell")["$defs"]["EnergyDensity"]["properties"]["gravimetric"]
    assert "specific energy" in json.dumps(grav) and "Wh/kg" in json.dumps(grav)


@pytest.mark.parametrize("folder, path", SHIPPED, ids=[p.name for _, p in SHIPPED])
def test_every_shipped_spec_validates(validators, folder, path):
    errors = list(validators[KIND_OF[folder]].iter_errors(load_yaml(path).data))
    assert not errors, [e.message for e in errors][:3]


def test_schema_rejects_what_batcalc_rejects(validators):
    bad = {"kind": "cell", "id": "x", "name": "x", "energy_density": {"gravimetric": 350}}
    assert list(validators["cell"].iter_errors(bad))
    typo = {"kind": "cell", "id": "x", "name": "x", "energy_densty": {}}
    assert list(validators["cell"].iter_errors(typo))


@pytest.mark.parametrize("kind", ["cell", "vehicle", "claim"])
def test_templates_load_and_validate(tmp_path, validators, kind, run):
    r = run("new", kind, f"my-{kind}", "-o", str(tmp_path / f"my-{kind}.yaml"))
    assert r.exit_code == 0, r.stderr
    path = tmp_path / f"my-{kind}.yaml"
    assert path.read_text() == template(kind, f"my-{kind}")
    assert not list(validators[kind].iter_errors(load_yaml(path).data))
    load_spec(path)
    again = run("new", kind, f"my-{kind}", "-o", str(path))
    assert again.exit_code == 2 and "not overwriting" in again.stderr
    assert path.read_text() == template(kind, f"my-{kind}")        # untouched


def test_templates_work_in_commands(tmp_path, run):
    for kind in ("cell", "vehicle", "claim"):
        run("new", kind, f"t-{kind}", "-o", str(tmp_path / f"t-{kind}.yaml"))
    assert run("show", str(tmp_path / "t-cell.yaml")).exit_code == 0
    assert run("range", "gac-aion-ssb-350", "--vehicle", str(tmp_path / "t-vehicle.yaml")).exit_code == 0
    assert run("check", str(tmp_path / "t-claim.yaml")).exit_code == 0


def test_new_rejects_bad_id(run, tmp_path):
    r = run("new", "cell", "Bad Id", "-o", str(tmp_path / "x.yaml"))
    assert r.exit_code == 2 and "invalid id" in r.stderr and not (tmp_path / "x.yaml").exists()


def test_completion_offers_catalogue_ids():
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    env = {"_BATCALC_COMPLETE": "complete_bash", "COMP_WORDS": "batcalc show gac", "COMP_CWORD": "2"}
    r = CliRunner().invoke(app, [], env=env, prog_name="batcalc")
    assert r.stdout.split() == ["gac-aion-ssb-300", "gac-aion-ssb-350"]
    env = {"_BATCALC_COMPLETE": "complete_bash", "COMP_WORDS": "batcalc range x --vehicle he", "COMP_CWORD": "4"}
    assert CliRunner().invoke(app, [], env=env, prog_name="batcalc").stdout.split() == ["heavy-truck"]


def test_the_claims_template_names_every_claim_kind():
    """`batcalc new claim` listed fifteen kinds in its comment, without `ratings`."""
    import re

    from batcalc.spec import CLAIM_KINDS
    from batcalc.spec.schema import template

    text = template("claim", "x")
    start = text.index("kind: ratio")
    comment = " ".join(line.split("#", 1)[1] for line in text[start:].splitlines()[:3])
    assert set(re.findall(r"[a-z][a-z-]*", comment)) == set(CLAIM_KINDS)


def _filled(text: str) -> str:
    """A template with every example uncommented (``# `` or ``#`` taken off a commented line after its
    leading comment block), as a user filling it in would; the sources list opened for its example."""
    lines = text.replace("sources: []\n#  - ", "sources:\n#  - ").splitlines()
    start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    body = [line[2:] if line.startswith("# ") else line[1:] if line.startswith("#") else line
            for line in lines[start:]]
    return "\n".join(body) + "\n"


@pytest.mark.parametrize("kind", ["cell", "vehicle"])
def test_a_filled_in_template_lints_clean_and_agrees_with_itself(tmp_path, run, kind):
    """Every example of a template filled in: the file lints, loads, and its figures agree (the cell's
    700 Wh/L disagreed with its own 18 Wh over a 21 x 70 mm cylinder, 742 Wh/L: a warning on the first
    `show` of a filled-in template)."""
    path = tmp_path / f"filled-{kind}.yaml"
    path.write_text(_filled(template(kind, f"filled-{kind}")))
    r = run("lint", str(path))
    assert r.exit_code == 0, r.stdout
    shown = run("show", str(path))
    assert shown.exit_code == 0 and "warning" not in shown.stdout + shown.stderr, shown.stdout
    assert "above the cell's max" not in shown.stdout, shown.stdout


def test_the_template_cells_figures_by_hand():
    """The cell template's examples: energy 3.6 V x 5 Ah = 18 Wh; mass 70 g: 257.1 Wh/kg; a 21 x 70 mm
    cylinder, pi (10.5 mm)^2 x 70 mm = 24.25 mL: 742.4 Wh/L. The densities written are within 3 %; the
    charge claim is within the max C-rate written."""
    import math

    import yaml

    spec = yaml.safe_load(_filled(template("cell", "x")))
    energy = 3.6 * 5                                            # Wh
    volume = math.pi * 1.05 ** 2 * 7.0 / 1000                  # L (cm^3 / 1000)
    for given, derived in ((spec["energy_density"]["gravimetric"], energy / 0.070),
                           (spec["energy_density"]["volumetric"], energy / volume)):
        assert abs(float(given.split()[0]) / derived - 1) < 0.03
    # its charge claim within its own rating: 10 -> 80 % in 20 min is 0.7 / (20/60 h) = 2.1 C average (the
    # template's max_c_rate of 1 C made every filled-in template's charge claim exceed the cell's rating)
    claim = spec["charging"]["claims"][0]
    average = (float(claim["to_soc"].split()[0]) - float(claim["from_soc"].split()[0])) / 100 / (
        float(claim["time"].split()[0]) / 60)
    assert average == pytest.approx(2.1)
    assert average <= float(spec["charging"]["max_c_rate"].split()[0])


@pytest.mark.parametrize("key", ["assumption", "source"])
def test_schema_rejects_a_blank_reason_or_source_as_batcalc_does(validators, key):
    """batcalc refuses `{value: 150 kg, assumption: "  "}` (no reason); the schema accepted it."""
    from batcalc.errors import SpecError
    from batcalc.spec.model import parse_spec

    vehicle = {"kind": "vehicle", "id": "x", "name": "x", "mass_without_battery": "1270 kg",
               "payload": {"value": "150 kg", key: "  "}, "drag_coefficient": 0.23, "frontal_area": "2.22 m^2",
               "rolling_resistance": 0.007}
    assert list(validators["vehicle"].iter_errors(vehicle))
    with pytest.raises(SpecError, match=f"an empty '{key}'"):
        parse_spec(json.dumps(vehicle), expect="vehicle")
    vehicle["payload"][key] = "driver only" if key == "assumption" else "sheet"
    assert not list(validators["vehicle"].iter_errors(vehicle))


def test_schema_names_the_tapers_the_loader_takes(validators):
    """A cell's `charging.taper` must name a taper of specs/tapers.yaml (the loader refuses another id);
    the schema took any id-shaped string."""
    import yaml

    known = [t["id"] for t in yaml.safe_load((catalog.specs_root() / "tapers.yaml").read_text())["tapers"]]
    cell = {"kind": "cell", "id": "x", "name": "x", "charging": {"taper": "nope"}}
    assert list(validators["cell"].iter_errors(cell))
    for taper in known:
        cell["charging"]["taper"] = taper
        assert not list(validators["cell"].iter_errors(cell))


def _examples(node, path=""):
    """Every ``(path, subschema, example)`` of a schema: the ``examples`` it gives its editors."""
    if isinstance(node, dict):
        for example in node.get("examples", []):
            yield path, node, example
        for key, child in node.items():
            yield from _examples(child, f"{path}/{key}")
    elif isinstance(node, list):
        for k, child in enumerate(node):
            yield from _examples(child, f"{path}/{k}")


@pytest.mark.parametrize("kind", ["cell", "vehicle", "claim"])
def test_every_example_of_a_schema_validates_against_its_own_schema(kind):
    """A dimensionless value's example '1' (C_d, C_rr, a count of cycles) failed its own pattern, which
    wanted a unit after the number: an editor flagged `drag_coefficient: {value: "1", ...}`, which loads."""
    schema = schema_for(kind)
    found = list(_examples(schema))
    assert found
    for path, node, example in found:
        sub = {k: v for k, v in node.items() if k != "examples"}
        errors = list(jsonschema.Draft202012Validator({**sub, "$defs": schema.get("$defs", {})}).iter_errors(example))
        assert not errors, (path, example, errors[0].message)


def _drag(written):
    return template("vehicle", "v").replace("drag_coefficient: {value: 0.23,", f"drag_coefficient: {{value: {written},")


def _rate(written):
    return f"kind: cell\nid: c\nname: c\ncharging: {{max_c_rate: {written}}}\n"


@pytest.mark.parametrize("kind, text, loads", [
    ("vehicle", _drag('"1"'), True), ("vehicle", _drag('" 0.5 "'), True), ("vehicle", _drag('"0.3"'), True),
    ("cell", _rate('"+2 C"'), True), ("cell", _rate('".5 C"'), True), ("cell", _rate('"25e-1 C"'), True),
    ("vehicle", _drag('"0.3 km"'), False), ("cell", _rate('"2 c"'), False)])
def test_the_schema_takes_the_dimensionless_numbers_and_c_rates_the_loader_takes(validators, kind, text, loads):
    """The schema refused a dimensionless value written as a string without a unit ('1': the pattern wanted
    a unit) and C-rates the loader reads ('+2 C', '.5 C', '25e-1 C': the schema had its own narrower copy of
    the C-rate pattern). '0.3 km' the schema cannot tell from a number and a unit; the loader refuses it."""
    from batcalc.errors import SpecError
    from batcalc.io.yamlfile import parse_yaml
    from batcalc.spec.model import parse_spec

    schema_ok = not list(validators[kind].iter_errors(parse_yaml(text, "x").data))
    if loads:
        parse_spec(text)
        assert schema_ok
    else:
        with pytest.raises(SpecError):
            parse_spec(text)
        assert schema_ok == ("km" in text)        # a unit where none belongs: only the loader knows


@pytest.mark.parametrize("written", ["WLTP", "wltp", "Wltp", " cltc ", "Unknown", "epa"])
def test_the_schema_takes_a_rating_in_any_case_as_the_loader_does(validators, written):
    """docs/spec-format.md: `test_cycle: CLTC | NEDC | WLTP | EPA | unknown (any case)`; the loader reads
    'wltp', the schema's enum refused it (an editor flagged a file that loads)."""
    from batcalc.io.yamlfile import parse_yaml
    from batcalc.spec.model import parse_spec

    cell = f"kind: cell\nid: c\nname: c\nranges: [{{distance: 600 km, test_cycle: '{written}'}}]\n"
    assert parse_spec(cell).ranges[0].test_cycle == written.strip().upper().replace("UNKNOWN", "unknown")
    assert not list(validators["cell"].iter_errors(parse_yaml(cell, "x").data))
    claims = ("kind: claims\nclaims:\n  - {id: r, quote: q, kind: range, asserted: 600 km, inputs: {cell: tesla-4680, "
              f"vehicle: mid-sedan, pack_mass: 480 kg, test_cycle: '{written}'}}}}\n")
    parse_spec(claims)
    assert not list(validators["claim"].iter_errors(parse_yaml(claims, "x").data))
    wrong = cell.replace(written, "wltx")
    assert list(validators["cell"].iter_errors(parse_yaml(wrong, "x").data))


def test_schema_names_the_assumptions_a_claims_file_may_set(validators):
    """A claims file's `assumptions:` takes only the ids of specs/assumptions.yaml (the loader refuses
    another, naming the closest); the schema took any key."""
    import yaml

    from batcalc.errors import SpecError
    from batcalc.spec.model import parse_spec

    known = [a["id"] for a in yaml.safe_load((catalog.specs_root() / "assumptions.yaml").read_text())["assumptions"]]
    claims = {"kind": "claims", "claims": [{"id": "a", "quote": "q", "kind": "ratio", "inputs": {"a": 1, "b": 2},
                                            "asserted": 2}], "assumptions": {"cell-to-pack-mas": "0.75 to 0.85"}}
    assert list(validators["claim"].iter_errors(claims))
    with pytest.raises(SpecError, match="cell-to-pack-mass"):
        parse_spec(json.dumps(claims))
    claims["assumptions"] = {"cell-to-pack-mass": "0.75 to 0.85"}
    assert not list(validators["claim"].iter_errors(claims))
    parse_spec(json.dumps(claims))
    schema = schema_for("claim")["properties"]["assumptions"]["propertyNames"]["enum"]
    assert sorted(schema) == sorted(known)


def test_the_vehicle_template_uses_the_load_dependent_powertrain(run, tmp_path):
    """`batcalc new vehicle` wrote a vehicle of the constant-efficiency model (90 % at every load, 'battery
    100.0 % one way'), which the catalogue's vehicles left for FASTSim's maps; the template now gives a
    `powertrain:` group. Its commented defaults are what the loader uses: written out, the consumption is
    the same but for that rounding: 98.5 % is sqrt(97 %) = 98.4886 % rounded up, 1.2e-4 of the energy drawn
    through the battery, counted again on what regeneration stores (a bound of 3e-4), and lower."""
    text = template("vehicle", "t")
    plain, written = tmp_path / "plain.yaml", tmp_path / "written.yaml"
    plain.write_text(text.replace("id: t\n", "id: plain\n"), encoding="utf-8")
    spelled = (text.replace("id: t\n", "id: written\n")
               .replace("  # transmission_efficiency: 98 %", "  transmission_efficiency: {value: 98 %, assumption: x}")
               .replace("  # battery_efficiency: 98.5 %", "  battery_efficiency: {value: 98.5 %, assumption: x}"))
    assert spelled.count("assumption: x}") == 2
    written.write_text(spelled, encoding="utf-8")
    results = []
    for path in (plain, written):
        out = run("consumption", "-v", str(path), "-f", "json")
        assert out.exit_code == 0, out.output
        results.append(json.loads(out.stdout))
    stated = " ".join(results[0]["assumptions"])
    assert "by load" in stated and "motor rated 239 kW" in stated
    got, want = (r["results"]["consumption"]["value"] for r in results)
    assert want < got and got == pytest.approx(want, rel=3e-4)
