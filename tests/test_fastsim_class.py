"""``batcalc import-fastsim`` and the vehicle's class: FASTSim 3 files have no class field, so the class is
read from what they do say (a US weight class or a word in their free text, the test mass against the US
weight-class limits), else car, with the written file's notes saying it was assumed and why. It wrote
``class: car`` for every file (a Class 8 tractor included)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from batcalc.spec.fastsim import fastsim_spec_text
from batcalc.spec.model import parse_spec

STOCK = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "fastsim-vehicles"
TESLA = yaml.safe_load((STOCK / "tesla-model-3-rwd-2022.yaml").read_text())
LB = 0.45359237                  # kg, exactly (international pound)


def _converted(**changes):
    data = {**TESLA, **changes}
    spec = parse_spec(fastsim_spec_text(data, "f.yaml"), "v.yaml", expect="vehicle")
    return spec.vehicle_class, spec.notes


@pytest.mark.parametrize("path", sorted(STOCK.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_stock_car_is_a_car_said_to_be_assumed(path):
    data = yaml.safe_load(path.read_text())
    spec = parse_spec(fastsim_spec_text(data, str(path)), "v.yaml", expect="vehicle")
    assert spec.vehicle_class == "car"
    assert "Class car, assumed" in spec.notes and repr(data["name"]) in spec.notes


@pytest.mark.parametrize(("name", "expected"), [
    ("2023 Freightliner eCascadia Class 8 tractor", "heavy-truck"), ("Class 7 box truck", "heavy-truck"),
    ("Isuzu NPR class-4 EV", "medium-truck"), ("class 6", "medium-truck"),
    ("Ford F-150 Lightning Class 2b", "light-truck"), ("Class 1 pickup", "light-truck")])
def test_a_us_weight_class_in_the_name(name, expected):
    klass, notes = _converted(name=name)
    assert klass == expected and "US weight class" in notes


@pytest.mark.parametrize("name", ["Mercedes-Benz E-Class 4-door", "EQE class 4-door sedan", "A-Class 2 EV"])
def test_a_models_name_is_no_weight_class(name):
    """'E-Class 4-door' read as US weight class 4 made a Mercedes sedan a medium truck."""
    klass, notes = _converted(name=name)
    assert klass == "car" and "Class car, assumed" in notes


def test_the_test_mass_bounds_the_class_from_below():
    # 10,000 lb = 4535.92 kg and 26,000 lb = 11793.40 kg (x 0.45359237 kg/lb): the limits of light and
    # medium duty; a rating is at least the test mass
    assert _converted(mass_kilograms=10000 * LB - 1)[0] == "car"
    assert _converted(mass_kilograms=10000 * LB + 1)[0] == "medium-truck"
    klass, notes = _converted(mass_kilograms=26000 * LB - 1)
    assert klass == "medium-truck" and "a lower bound: edit class if the vehicle is heavier" in notes
    klass, notes = _converted(mass_kilograms=26000 * LB + 1)
    # the top class: no heavier class to edit it to
    assert klass == "heavy-truck" and "is at least" in notes and "edit class" not in notes


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("name", "2024 Tesla Model Y SUV", "suv"), ("model", "Crossover", "suv"), ("trim", "Pickup", "light-truck"),
    ("name", "Ford E-Transit van", "light-truck"), ("doc", "a light truck for parcels", "light-truck"),
    ("name", "Vanguard sedan", "car"), ("name", "Trucker's sedan", "car")])
def test_a_word_in_the_text(field, text, expected):
    klass, notes = _converted(**{field: text})
    assert klass == expected
    assert ("assumed" in notes) == (expected == "car")


def test_a_weight_class_outweighs_a_word_and_the_mass_outweighs_a_word():
    assert _converted(name="Class 8 SUV")[0] == "heavy-truck"
    assert _converted(name="big SUV", mass_kilograms=5000.0)[0] == "medium-truck"
