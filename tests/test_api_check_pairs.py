"""`batcalc.check`'s [low, high] pairs (a 'between' claim's ``asserted``, a ``plausible`` range) as arrays:
a pint Quantity of two values (``Q_([400, 600], 'km')``) was refused, "asserted needs a single value, got a
Quantity of ndarray" (it needs two), and a numpy array of two texts "got ndarray"; they are read as the
list they hold. An end that is empty text was joined into text the caller never wrote ("got ' to 600 km'")."""

from __future__ import annotations

import re

import numpy as np
import pytest

import batcalc as bc
from batcalc.errors import BatcalcError

RANGE = {"pack_energy": "75 kWh", "consumption": "150 Wh/km"}     # 75 kWh / 150 Wh/km = 500 km


def _ureg():
    return bc.Q("1 km")._REGISTRY


@pytest.mark.parametrize("low, high, status", [(400.0, 600.0, "holds"), (510.0, 600.0, "fails")])
def test_a_quantity_array_of_two_is_asserted_as_the_list(low, high, status):
    pair = _ureg().Quantity(np.array([low, high]), "km")
    got = bc.check("range", **RANGE, qualifier="between", asserted=pair)
    same = bc.check("range", **RANGE, qualifier="between", asserted=[f"{low:g} km", f"{high:g} km"])
    assert got.status == same.status == status


def test_a_numpy_array_of_texts_is_asserted_as_the_list():
    got = bc.check("range", **RANGE, qualifier="between", asserted=np.array(["400 km", "600 km"]))
    assert got.status == "holds"


def test_a_plausible_range_as_an_array():
    """900 / 1.4 = 642.9 Wh/L: inside 500 to 750 Wh/L, outside 700 to 750 Wh/L."""
    ureg = _ureg()
    inside = bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %",
                      plausible=ureg.Quantity(np.array([500.0, 750.0]), "Wh/L"))
    outside = bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %", plausible=np.array(["700 Wh/L", "750 Wh/L"]))
    assert "inside the plausible range 500 Wh/L to 750 Wh/L" in inside.would_take
    assert "OUTSIDE the plausible range 700 Wh/L to 750 Wh/L" in outside.would_take


def test_an_array_of_another_length_is_refused_as_a_list_is():
    with pytest.raises(BatcalcError, match=r"^asserted: 'between' takes \[low, high\], two figures, got 3$"):
        bc.check("range", **RANGE, qualifier="between", asserted=_ureg().Quantity(np.array([1.0, 2, 3]), "km"))


@pytest.mark.parametrize("pair, key", [(["", "600 km"], "asserted[0]"), (["400 km", "  "], "asserted[1]")])
def test_an_empty_end_is_named(pair, key):
    with pytest.raises(BatcalcError, match=rf"^{re.escape(key)} is empty: give \[low, high\]"):
        bc.check("range", **RANGE, qualifier="between", asserted=pair)
    with pytest.raises(BatcalcError, match=r"^plausible\[0\] is empty"):
        bc.check("ratio", a="?", b="900 Wh/L", asserted="+40 %", plausible=["", "750 Wh/L"])
