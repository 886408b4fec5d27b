"""The documented claim format matches the code: every kind and every input key is documented."""

from __future__ import annotations

import re
from pathlib import Path

from batcalc.spec.claims import KIND_INPUTS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "claims.md").read_text(encoding="utf-8")


def test_every_kind_and_input_documented():
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z-]+)` \| (.*?) \|", DOC, re.MULTILINE)}
    assert set(rows) == set(KIND_INPUTS)
    for kind, model in KIND_INPUTS.items():
        for name in model.model_fields:
            assert f"`{name}`" in rows[kind], (kind, name)


def test_documented_vehicle_plausibility_bounds_are_the_code_s():
    from batcalc.spec.vehicle import PLAUSIBLE

    text = " ".join((Path(__file__).resolve().parent.parent / "docs" / "spec-format.md").read_text(
        encoding="utf-8").split())
    for name, (low, high, _unit) in PLAUSIBLE.items():
        m = re.search(rf"`{name}` ([0-9]+(?:\.[0-9]+)?)-([0-9]+(?:\.[0-9]+)?)( %)?", text)
        assert m, name
        scale = 0.01 if m.group(3) else 1.0
        assert (float(m.group(1)) * scale, float(m.group(2)) * scale) == (low, high), name
