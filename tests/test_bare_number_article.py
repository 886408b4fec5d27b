"""New-user review: a spec file's bare number or a list where an energy, an area or an electric charge
belongs said "expected a energy" ("a area", "a electric charge"); the message for a string without a
unit already said "an energy". Both read "an" before a vowel now."""

from __future__ import annotations

import pytest

from batcalc.errors import UnitError
from batcalc.units import DIMENSIONS, parse_value


@pytest.mark.parametrize("dim", ["energy", "area", "charge", "mass"])
@pytest.mark.parametrize("raw", [75, [75]])
def test_the_article_fits_the_dimension(dim, raw):
    with pytest.raises(UnitError) as info:
        parse_value(raw, dim)
    label = DIMENSIONS[dim].label
    article = "an" if label[0] in "aeiou" else "a"          # energy, area, electric charge: an
    assert f"expected {article} {label}" in str(info.value)
    assert f"expected {'a' if article == 'an' else 'an'} {label}" not in str(info.value)


def test_in_a_vehicle_file(run, write):
    path = write("v.yaml", """
        kind: vehicle
        id: v
        name: v
        class: car
        mass_without_battery: 1270 kg
        payload: 150 kg
        drag_coefficient: 0.23
        frontal_area: 2.22 m^2
        rolling_resistance: 0.007
        reference_pack: {energy: 75}
        sources:
          - {id: s, title: t, document: d, grade: press}
        """)
    out = run("show", path)
    assert out.exit_code == 2
    col = len("reference_pack: {energy: ") + 1                   # line 10, at the 75
    assert out.stderr.strip() == (f"{path}:10:{col}: reference_pack.energy: bare number 75 needs a unit: "
                                  f"expected an energy, e.g. '75 kWh'")
