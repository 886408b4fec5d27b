"""Issue 10, eighth pass: a claim's missing and unknown inputs are named together, on the command line
in its own words (KEY=VALUE inputs) and in a file at the claim's inputs."""

from __future__ import annotations

import pytest

from batcalc.spec.claims import KIND_INPUTS


def test_claim_names_the_unknown_input_and_every_missing_one(run):
    """`claim ratio x=1`: the mistake is the unknown 'x' (it said "missing required key 'inputs.a' (+2 more)",
    the unknown key hidden in the count)."""
    out = run("claim", "ratio", "x=1", "--asserted", "2")
    assert out.exit_code == 2
    message = out.stderr.strip()
    assert "\n" not in message
    assert "unknown input 'x'" in message
    assert "missing inputs 'a' and 'b'" in message
    assert message.endswith("a ratio claim takes a, b (docs/claims.md)")


def test_claim_suggests_the_input_a_misspelt_key_meant(run):
    out = run("claim", "ratio", "aa=1", "b=2", "--asserted", "2")
    assert out.exit_code == 2
    assert "unknown input 'aa' (did you mean 'a'?); missing input 'a';" in out.stderr


@pytest.mark.parametrize("kind", sorted(KIND_INPUTS))
def test_claim_without_inputs_names_what_its_kind_takes(run, kind):
    """Every kind: a claim given with an input no kind takes names the inputs this kind does take."""
    out = run("claim", kind, "no_such_input=1", "--asserted", "1")
    assert out.exit_code == 2
    taken = list(KIND_INPUTS[kind].model_fields)
    assert "unknown input 'no_such_input'" in out.stderr
    assert f"a {kind} claim takes {', '.join(taken)} (docs/claims.md)" in out.stderr


def _ratings_claim(tmp_path, inputs: str):
    """A claims file of one ratings claim with ``inputs`` (a flow mapping), its 'inputs:' on line 6."""
    path = tmp_path / "r.yaml"
    path.write_text("kind: claims\nclaims:\n  - id: r\n    kind: ratings\n    quote: q\n"
                    f"    inputs: {inputs}\n    asserted: 600 km\n", encoding="utf-8")
    return path


def test_a_file_names_every_missing_key_of_a_claim_in_one_line(run, tmp_path):
    """`check`: the keys missing beside the first are named, not counted ("(+2 more)")."""
    path = _ratings_claim(tmp_path, "{vehicle: mid-sedan}")
    out = run("check", str(path))
    assert out.exit_code == 2
    assert out.stderr.strip() == (f"{path}:6:13: missing required keys 'claims.0.inputs.a', "
                                  "'claims.0.inputs.a_cycle' and 'claims.0.inputs.b_cycle'")
    # lint keeps a line per key, each at the claim's inputs
    lines = run("lint", str(path)).stdout.strip().splitlines()
    assert [line.split(": ", 1)[1] for line in lines if ": missing" in line] == [
        f"missing required key 'claims.0.inputs.{k}'" for k in ("a", "a_cycle", "b_cycle")]


def test_a_missing_key_beside_other_problems_still_counts_them(run, tmp_path):
    out = run("check", str(_ratings_claim(tmp_path, "{vehicle: mid-sedan, bogus: 1}")))
    assert out.exit_code == 2
    assert "(+1 more)" in out.stderr and "'claims.0.inputs.b_cycle'" in out.stderr


def test_several_unknown_inputs_are_listed_together(run):
    out = run("claim", "consumption", "vehicle=large-suv", "cycle=udds", "--asserted", "200 Wh/km")
    assert out.exit_code == 2
    assert "consumption claim: unknown inputs 'vehicle' and 'cycle'; missing inputs 'pack_energy' and 'range';" \
        in out.stderr
