"""Pins on the energy identities (batcalc.physics.energy), with hand-worked numbers."""

from __future__ import annotations

import pytest

from batcalc.errors import BatcalcError
from batcalc.physics.energy import (
    consumption_for_range,
    gross_energy_for_range,
    lifetime_distance,
    range_from_energy,
    usable_energy,
)

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


def test_results_beyond_the_magnitude_limit_are_refused_with_what_they_are():
    """A range, an energy for a range or an implied consumption beyond 1e18 in SI is an error naming the
    quantity, its SI unit and (for a range) what it rests on."""
    with pytest.raises(BatcalcError, match=r"^the range comes out at 1e\+20 m \(1e\+20 J usable over 1 J/m\): "
                                           r"beyond 1e\+18 m"):
        range_from_energy(1e20, 1.0)
    with pytest.raises(BatcalcError, match=r"^the pack energy for the range comes out at 2e\+20 J: beyond 1e\+18 J"):
        gross_energy_for_range(1e10, 1e10, 0.5)
    with pytest.raises(BatcalcError, match=r"^the consumption the range implies comes out at 1e\+20 J/m: "
                                           r"beyond 1e\+18 J/m"):
        consumption_for_range(1e20, 1.0)


def test_lifetime_distance_by_hand():
    """D = N R (1 + r_end) / 2: 1000 cycles of 500 km fading to 80 % drive 1000 x 500 x 0.9 = 450 000 km;
    no fade (r_end = 1): N R; no cycles or no range: 0."""
    assert lifetime_distance(1000, 500e3, 0.8) == pytest.approx(450_000e3, rel=1e-15)
    assert lifetime_distance(3000, 400e3, 1.0) == pytest.approx(1_200_000e3, rel=1e-15)
    assert lifetime_distance(0, 400e3, 0.7) == 0.0 and lifetime_distance(1000, 0.0, 0.7) == 0.0
    assert lifetime_distance(1000, 500e3, 1e-9) == pytest.approx(250_000e3, rel=1e-8)


def test_lifetime_distance_refuses_negative_counts_and_retention_outside_0_to_100_percent():
    for cycles, range_m in ((-1, 500e3), (1000, -1.0)):
        with pytest.raises(BatcalcError, match="cycles and range must not be negative"):
            lifetime_distance(cycles, range_m, 0.8)
    for retention in (0.0, -0.1, 1.0000001, 2.0, float("nan")):
        with pytest.raises(BatcalcError, match="retention at the end of life must be above 0 and at most 100 %"):
            lifetime_distance(1000, 500e3, retention)
