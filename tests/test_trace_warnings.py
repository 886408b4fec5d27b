"""Issue 10, eighth pass: a vehicle whose motor cannot give what a cycle asks is warned about (the
consumption is computed as if it could; FASTSim lets the vehicle fall behind the trace instead)."""

from __future__ import annotations

import pytest

from batcalc.physics.powertrain import STANDARD_GRAVITY
from batcalc.physics.vehicle import load_vehicle, trace_warnings


def test_the_motor_demand_at_a_constant_speed_is_the_road_load_over_the_transmission():
    """At a constant v the motor gives (m g C_rr + rho C_d A v^2 / 2) v / eta_trans, every second."""
    v = load_vehicle("mid-sedan")
    load, mass, speed = v.load, 1820.0, 720 / 3.6
    peak, over = v.consumption_model("720 km/h").motor_demand(mass)
    force = mass * STANDARD_GRAVITY * load.c_rr + 0.5 * load.rho * load.cd_a * speed ** 2
    assert peak == pytest.approx(force * speed / load.powertrain.transmission_efficiency, rel=1e-12)
    assert over == 3600.0                   # the whole hour above the 239 kW rating
    # at 100 km/h the same car asks ~21 kW: no second over
    low, none = v.consumption_model("100 km/h").motor_demand(mass)
    assert none == 0.0 and low < load.powertrain.rated_power


def test_the_warning_names_the_peak_the_rating_and_the_time(run):
    out = run("range", "catl-condensed", "-v", "medium-truck", "--cycle", "wltp")
    assert out.exit_code == 0
    lines = [line for line in out.stdout.splitlines() if "cannot follow" in line]
    assert len(lines) == 1
    assert lines[0].strip().startswith("warning: medium-truck cannot follow WLTC class 3b at ")
    assert "its 185 kW motor for up to " in lines[0] and " s of the 1800 s cycle" in lines[0]


@pytest.mark.parametrize("vehicle, cycle", [("mid-sedan", "wltp"), ("compact-car", "wltp"), ("large-suv", "udds"),
                                            ("mid-sedan", "us06")])
def test_cars_on_their_cycles_are_not_warned(vehicle, cycle):
    v = load_vehicle(vehicle)
    assert trace_warnings(v, cycle, v.total_mass(500.0)) == ()


def test_consumption_and_imperial_units_warn_too(run):
    out = run("consumption", "-v", "heavy-truck", "--cycle", "us06", "-u", "imperial")
    assert out.exit_code == 0
    warning = next(line for line in out.stdout.splitlines() if "cannot follow" in line)
    assert " lb: " in warning and "EPA US06" in warning
