"""Pins on the energy identities (batcalc.physics.energy), with hand-worked numbers."""

from __future__ import annotations

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.energy import consumption_for_range, gross_energy_for_range, range_from_energy, usable_energy

KWH = 3.6e6


def test_identities_by_hand():
    # 75 kWh x 0.93 = 69.75 kWh; at 150 Wh/km (540 J/m): 465 km; 465 km at 540 J/m needs 75 kWh gross
    assert usable_energy(75 * KWH, 0.93) == pytest.approx(69.75 * KWH)
    assert range_from_energy(69.75 * KWH, 540.0) == pytest.approx(465e3)
    assert gross_energy_for_range(465e3, 540.0, 0.93) == pytest.approx(75 * KWH)
    assert consumption_for_range(69.75 * KWH, 465e3) == pytest.approx(540.0)


def test_any_positive_divisor_is_accepted_and_zero_or_less_refused():
    # small but positive values are fine (0.5 J/m, 0.5 m, a 0.5 fraction)
    assert range_from_energy(1.0, 0.5) == pytest.approx(2.0)
    assert consumption_for_range(1.0, 0.5) == pytest.approx(2.0)
    assert gross_energy_for_range(1.0, 1.0, 0.5) == pytest.approx(2.0)
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(BatcalcError, match="consumption must be positive"):
            range_from_energy(1.0, bad)
        with pytest.raises(BatcalcError, match="range must be positive"):
            consumption_for_range(1.0, bad)
        with pytest.raises(BatcalcError, match="usable fraction must be positive"):
            gross_energy_for_range(1.0, 1.0, bad)
