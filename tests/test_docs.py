"""The documented claim format matches the code: every kind and every input key is documented."""

from __future__ import annotations

import re
from pathlib import Path

from batcalc.claims import KIND_INPUTS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "claims.md").read_text(encoding="utf-8")


def test_every_kind_and_input_documented():
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z-]+)` \| (.*?) \|", DOC, re.MULTILINE)}
    assert set(rows) == set(KIND_INPUTS)
    for kind, model in KIND_INPUTS.items():
        for name in model.model_fields:
            assert f"`{name}`" in rows[kind], (kind, name)
