"""Issue 10, seventh pass: hardening probes of the claim checker (one test or more per fix)."""

from __future__ import annotations

import re

from batcalc.spec.claims import KIND_INPUTS


def test_claim_help_lists_every_claim_kind(run):
    """`batcalc claim --help` lists every kind a claim may be (it left out 'ratings')."""
    out = run("claim", "--help")
    assert out.exit_code == 0
    text = " ".join(out.stdout.split())
    listed = text.split("KIND <str> ")[1].split(" [required]")[0]
    kinds = set(re.sub(r"-\s+", "-", listed).replace(",", " ").split())
    assert kinds == set(KIND_INPUTS)
