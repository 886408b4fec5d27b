"""The six vehicle presets: each loads with a sourced powertrain (issue 11), its motor power is the
published figure and plausible for its class, and every number cites a graded source or states an
assumption."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from batcalc.io.yamlfile import load_yaml
from batcalc.spec import catalog
from batcalc.spec.model import _walk_values, resolve_sources

ROOT = Path(__file__).resolve().parent.parent

#: Published motor power, kW (peak: the motor's maximum output, what FASTSim calls rated power), the
#: source id the preset cites for it and that source's grade. Typed in from the sources themselves:
PUBLISHED = {
    # FASTSim 3.1.0 '2022_Renault_Zoe_ZE50_R135.yaml', em.pwr_out_max_watts = 100000.0
    "compact-car": (100.0, "fastsim-wheel", "reference"),
    # FASTSim 3.1.0 '2022 Tesla Model 3 RWD thrml.yaml', em.pwr_out_max_watts = 239000.0
    "mid-sedan": (239.0, "fastsim-wheel", "reference"),
    # InsideEVs, "BMW iX xDrive40" European specs: peak system output 240 kW (326 hp), 630 Nm
    "large-suv": (240.0, "insideevs-ix40", "press"),
    # InsideEVs 2022-04-10, Ford E-Transit (Europe): motor 135 or 198 kW (peak power), 430 Nm
    "light-truck": (198.0, "insideevs-etransit", "press"),
    # Green Car Congress 2018-04-12, Volvo FL Electric: 185 kW motor (max), 130 kW continuous
    "medium-truck": (185.0, "greencarcongress-fl", "press"),
    # trucksales.com.au 2023, eActros 600 e-axle: 400 kW continuous, 600 kW peak
    "heavy-truck": (600.0, "trucksales-eactros600", "press"),
}

#: Motor power a vehicle of each class plausibly has, kW.
CLASS_RANGE = {"car": (50, 600), "suv": (50, 600), "light-truck": (150, 1000), "medium-truck": (150, 1000),
               "heavy-truck": (150, 1000)}

#: The presets built on a FASTSim 3.1.0 stock car, and that car's entry in the benchmark's extracted data.
FASTSIM_BASED = {"compact-car": "renault-zoe-ze50-r135-2022", "mid-sedan": "tesla-model-3-rwd-2022"}


def _fastsim(vehicle_id: str) -> dict:
    data = json.loads((ROOT / "benchmarks" / "data" / "fastsim_vehicles.json").read_text(encoding="utf-8"))
    return next(v for v in data["vehicles"] if v["id"] == vehicle_id)


def _cited(spec_id: str) -> tuple:
    """(spec, {value location: cited source id}, {source id: grade}) with sources required."""
    path, in_catalogue = catalog.resolve(spec_id, "vehicle")
    assert in_catalogue
    spec = catalog.load(spec_id, "vehicle")
    return spec, resolve_sources(spec, load_yaml(path), require=True), {s.id: s.grade for s in spec.sources}


def test_the_six_presets_are_the_catalogue():
    assert set(catalog.catalog_ids("vehicle")) == set(PUBLISHED)


@pytest.mark.parametrize("spec_id", sorted(PUBLISHED))
def test_each_preset_loads_with_a_powertrain_instead_of_constant_efficiencies(spec_id):
    spec = catalog.load(spec_id, "vehicle")
    assert spec.powertrain is not None
    assert spec.drivetrain_efficiency is None and spec.regen_fraction is None
    assert spec.powertrain.motor_map is None              # no source gives one of these vehicles' own maps
    assert spec.powertrain.regen_efficiency is None       # the map's zero-load value, as in FASTSim


@pytest.mark.parametrize("spec_id", sorted(PUBLISHED))
def test_motor_power_is_the_published_peak_and_plausible_for_the_class(spec_id):
    spec, cited, grades = _cited(spec_id)
    power = spec.powertrain.motor_rated_power
    kw, source, grade = PUBLISHED[spec_id]
    assert power.si == pytest.approx(kw * 1e3, rel=1e-12)
    low, high = CLASS_RANGE[spec.vehicle_class]
    assert low <= power.si / 1e3 <= high
    assert cited[("powertrain", "motor_rated_power")] == source
    assert grades[source] == grade
    assert power.assumption is None
    assert "peak" in (power.note or "").lower()             # says which rating it is


@pytest.mark.parametrize("spec_id", sorted(PUBLISHED))
def test_every_number_has_a_graded_source_or_an_assumption(spec_id):
    spec, cited, grades = _cited(spec_id)
    for loc, value, _ in _walk_values(spec):
        assert cited[loc] in grades or value.assumption, (spec_id, loc)
        assert grades.get(cited[loc]) in ("datasheet", "press", "reference") or value.assumption, (spec_id, loc)
    for s in spec.sources:
        assert s.url or s.document


@pytest.mark.parametrize("spec_id", sorted(FASTSIM_BASED))
def test_fastsim_based_cars_carry_fastsim_s_powertrain_and_wheel_inertia(spec_id):
    spec, cited, grades = _cited(spec_id)
    car = _fastsim(FASTSIM_BASED[spec_id])
    pt = spec.powertrain
    assert pt.motor_rated_power.si == car["motor_rated_power_W"]
    assert pt.transmission_efficiency.si == pytest.approx(car["transmission_efficiency"], rel=1e-12)
    assert pt.battery_efficiency.si == pytest.approx(car["battery"]["efficiency"]["one_way"], abs=5e-7)
    # n I / r^2, the wheels' equivalent mass, from FASTSim's wheel count, inertia and radius
    n_i_r2 = car["num_wheels"] * car["wheel_inertia_kg_m2"] / car["wheel_radius_m"] ** 2
    assert spec.rotating_mass.si == pytest.approx(n_i_r2, abs=0.005)
    assert spec.rotational_mass_factor is None
    for loc in (("powertrain", "motor_rated_power"), ("powertrain", "transmission_efficiency"),
                ("powertrain", "battery_efficiency"), ("rotating_mass",)):
        assert grades[cited[loc]] == "reference", loc


@pytest.mark.parametrize("spec_id", sorted(set(PUBLISHED) - set(FASTSIM_BASED)))
def test_other_presets_leave_gear_and_battery_efficiency_to_the_documented_defaults(spec_id):
    spec = catalog.load(spec_id, "vehicle")
    assert spec.powertrain.transmission_efficiency is None
    assert spec.powertrain.battery_efficiency is None
    assert spec.rotating_mass is None
    notes = " ".join((spec.notes or "").split()).lower()
    assert "defaults apply" in notes
    if spec.vehicle_class.endswith("truck"):                 # FASTSim's map is a car map: say so
        assert "built for car motors" in notes and "assumption" in notes


def test_fastsim_battery_efficiency_is_a_97_percent_round_trip():
    for spec_id in FASTSIM_BASED:
        one_way = catalog.load(spec_id, "vehicle").powertrain.battery_efficiency.si
        assert one_way ** 2 == pytest.approx(0.97, abs=1e-6)
        assert math.isclose(one_way, math.sqrt(0.97), abs_tol=5e-7)
