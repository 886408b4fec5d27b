"""Issue 10, seventh pass: hardening probes of the claim checker (one test or more per fix)."""

from __future__ import annotations

import re

import pytest

from batcalc.claims.check import check_inline
from batcalc.errors import BatcalcError
from batcalc.spec.claims import KIND_INPUTS


def test_claim_help_lists_every_claim_kind(run):
    """`batcalc claim --help` lists every kind a claim may be (it left out 'ratings')."""
    out = run("claim", "--help")
    assert out.exit_code == 0
    text = " ".join(out.stdout.split())
    listed = text.split("KIND <str> ")[1].split(" [required]")[0]
    kinds = set(re.sub(r"-\s+", "-", listed).replace(",", " ").split())
    assert kinds == set(KIND_INPUTS)


_RANGE_INPUTS = {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}      # 75 kWh x 93 % / 150 Wh/km = 465 km


def test_between_takes_the_unit_once_at_the_end_as_ranged_inputs_do():
    """`--asserted "250 to 300 mi"` reads the low end as 250 mi (it was '250', refused as of the wrong
    dimension), as a ranged input reads '70 to 90 kWh'."""
    once = check_inline("range", _RANGE_INPUTS, "250 to 300 mi", "between")
    both = check_inline("range", _RANGE_INPUTS, "250 mi to 300 mi", "between")
    assert once.status == both.status == "holds"         # 465 km = 288.9 mi, inside 250-300 mi
    assert once.details["low"] == both.details["low"] and once.details["high"] == both.details["high"]
    assert once.details["low"].unit == "mi" and once.details["low"].si == 250
    # 300 to 400 km: 465 km is above the high end
    assert check_inline("range", _RANGE_INPUTS, "300 to 400 km", "between").status == "fails"


def test_between_without_any_unit_says_the_unit_is_missing():
    with pytest.raises(BatcalcError, match=r"^asserted\.0: '300' has no unit: give one \(km or mi"):
        check_inline("range", _RANGE_INPUTS, "300 to 400", "between")
