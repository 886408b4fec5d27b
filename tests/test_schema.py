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
