"""The energy identities, checked by hand calculation and against each other."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batcalc.errors import BatcalcError
from batcalc.physics.energy import (
    charge_time_at_c_rate,
    consumption_for_range,
    gross_energy_for_range,
    range_from_energy,
    usable_energy,
)

KWH = 3.6e6


def test_hand_calculation():
    # 75 kWh gross, 93 % usable, 150 Wh/km (540 J/m): 69.75 kWh / 0.15 kWh/km = 465 km
    assert usable_energy(75 * KWH, 0.93) == pytest.approx(69.75 * KWH)
    assert range_from_energy(69.75 * KWH, 540.0) == pytest.approx(465_000.0)
    assert gross_energy_for_range(465_000.0, 540.0, 0.93) == pytest.approx(75 * KWH)
    assert consumption_for_range(69.75 * KWH, 465_000.0) == pytest.approx(540.0)


@given(st.floats(1e5, 1e10), st.floats(50.0, 5000.0), st.floats(0.5, 1.0))
def test_the_identities_invert_each_other(gross, c, f):
    r = range_from_energy(usable_energy(gross, f), c)
    assert gross_energy_for_range(r, c, f) == pytest.approx(gross, rel=1e-12)
    assert consumption_for_range(usable_energy(gross, f), r) == pytest.approx(c, rel=1e-12)


@pytest.mark.parametrize("call", [lambda: range_from_energy(1.0, 0.0), lambda: consumption_for_range(1.0, 0.0),
                                  lambda: gross_energy_for_range(1.0, 1.0, 0.0)])
def test_non_positive_divisors_are_refused(call):
    with pytest.raises(BatcalcError):
        call()


def test_charge_time_at_c_rate():
    # 10 -> 80 % at 3.5 C (3.5 / 3600 s^-1) takes 0.2 h = 720 s
    assert charge_time_at_c_rate(0.7, 3.5 / 3600) == pytest.approx(720.0)
    with pytest.raises(BatcalcError):
        charge_time_at_c_rate(0.7, 0.0)
