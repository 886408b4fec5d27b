"""Issue 10, tenth pass: an error that writes a physical value follows ``--units`` (it wrote metric under
``--units imperial``: "no pack ... reaches 8047 km" for ``--range "5000 mi"``). Each expected figure is
a hand conversion: 1 mi = 1.609344 km, 1 lb = 0.45359237 kg, 1 ft = 0.3048 m, t[°F] = (T - 273.15) 9/5 + 32."""

from __future__ import annotations

import copy
import pickle

import pytest

from batcalc.errors import BatcalcError, InputsError, SpecError, reworded, wrapped_inputs
from batcalc.units import error_in_systems

MI, LB, FT = 1609.344, 0.45359237, 0.3048


def _fahrenheit(kelvin: float) -> float:
    return (kelvin - 273.15) * 9 / 5 + 32


def _error(result) -> str:
    assert result.exit_code == 2, result.stdout
    return result.stderr.strip()


def test_no_pack_reaches_the_range_in_the_unit_system_asked_for(run):
    args = ("tradeoff", "huineng-llcb", "gac-aion-ssb-300", "-v", "mid-sedan", "--hold", "range", "--range", "5000 mi")
    imperial, metric = _error(run(*args, "--units", "imperial")), _error(run(*args))
    assert "reaches 5000 mi in mid-sedan" in imperial and " km" not in imperial
    assert f"reaches {5000 * MI / 1000:.0f} km in mid-sedan" in metric          # 8047 km


def test_a_claims_file_error_keeps_its_place_and_follows_the_units(run, write):
    path = write("c.yaml", """
        kind: claims
        title: t
        claims:
          - id: far
            quote: "same range at 5000 miles"
            kind: same-range
            inputs: {a: gac-aion-ssb-300, b: gac-aion-ssb-350, vehicle: mid-sedan, range: 5000 mi}
            asserted: 10 %
        sources: []
        """)
    imperial, metric = _error(run("check", path, "--units", "imperial")), _error(run("check", path))
    assert imperial.startswith(f"{path}:") and "reaches 5000 mi in mid-sedan" in imperial
    assert metric.startswith(f"{path}:") and f"reaches {5000 * MI / 1000:.0f} km" in metric


def test_a_negative_range_is_shown_in_the_unit_system_asked_for(run):
    args = ("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--hold", "range",
            "--range", "-5 mi")
    assert _error(run(*args, "-u", "imperial")) == "batcalc: error: --range must be positive, got -5 mi"
    assert _error(run(*args)) == f"batcalc: error: --range must be positive, got {-5 * MI / 1000:g} km"


def test_extra_mass_ambient_and_altitude_errors_follow_the_units(run):
    base = ("range", "gac-aion-ssb-300", "-v", "mid-sedan")
    out = _error(run(*base, "--extra-mass", "-100 lb", "-u", "imperial"))
    assert out == "batcalc: error: --extra-mass: extra mass must be 0 lb or more, got -100 lb"
    assert _error(run(*base, "--extra-mass", "-100 lb")).endswith(f"got {-100 * LB:g} kg")
    # the air-density model's span, 150 K to 350 K, in °F
    low, high = _fahrenheit(150.0), _fahrenheit(350.0)
    out = _error(run(*base, "--ambient", "-300 °F", "-u", "imperial"))
    assert out == f"batcalc: error: --ambient: ambient temperature -300.0 °F is outside {low:.0f}..{high:.0f} °F"
    assert _error(run(*base, "--ambient", "-300 °F")).endswith(
        f"ambient temperature {(-300 - 32) * 5 / 9:.1f} °C is outside -123..77 °C")
    out = _error(run(*base, "--altitude", "40000 ft", "-u", "imperial"))
    assert out == f"batcalc: error: --altitude: altitude 40000 ft is outside {-500 / FT:.0f}..{9000 / FT:.0f} ft"
    assert _error(run(*base, "--altitude", "40000 ft")).endswith(f"altitude {40000 * FT:g} m is outside -500..9000 m")


def test_speed_and_mass_limits_follow_the_units(run):
    base = ("range", "gac-aion-ssb-300", "-v", "mid-sedan", "-u", "imperial")
    out = _error(run(*base, "--cycle", "500 mph"))
    assert out.endswith(f"at most {200 / (MI / 3600):.1f} mph")          # 200 m/s = 720 km/h
    out = _error(run(*base, "--pack-mass", "3000000 lb"))
    assert out.startswith("batcalc: error: a 3e+06 lb pack of gac-aion-ssb-300") and \
        f"(at most {1e6 / LB:.4g} lb)" in out and " kg" not in out
    out = _error(run(*base, "--extra-mass", "3000000 lb"))
    total = 3e6 + (1270 + 480 + 150) / LB                                # mid-sedan: glider + reference pack + payload
    assert f"a vehicle mass of {total:.4g} lb" in out and f"beyond {1e6 / LB:.4g} lb" in out and " kg" not in out


def test_an_assumption_refused_and_a_corner_of_the_box_follow_the_units(run):
    out = _error(run("range", "gac-aion-ssb-300", "-v", "mid-sedan", "--bands", "--assume", "altitude=0 ft to 40000 ft",
                     "-u", "imperial"))
    assert out == (f"batcalc: error: --assume altitude=40000 ft: altitude 40000 ft is outside "
                   f"{-500 / FT:.0f}..{9000 / FT:.0f} ft")
    out = _error(run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--hold", "range",
                     "--range", "3000 mi", "--bands", "-u", "imperial"))
    assert out.startswith("batcalc: error: within the plausible ranges, at cell-to-pack-mass ")
    assert "reaches 3000 mi in mid-sedan" in out and out.endswith("narrow the range with --assume")


def test_an_error_keeps_its_texts_by_unit_system_when_wrapped_copied_or_pickled():
    e = error_in_systems(lambda system: f"too far: {system}")
    assert str(e) == "too far: metric" and e.in_system("imperial") == "too far: imperial"
    wrapped = reworded(e, lambda text: SpecError(text, "f.yaml", 3, 4))
    assert str(wrapped) == "f.yaml:3:4: too far: metric"
    assert wrapped.in_system("imperial") == "f.yaml:3:4: too far: imperial"
    for back in (copy.copy(wrapped), pickle.loads(pickle.dumps(wrapped))):
        assert back.in_system("imperial") == "f.yaml:3:4: too far: imperial"
    inputs = wrapped_inputs(e, lambda inner, system: f"{{assume}}: {inner}")
    assert isinstance(inputs, InputsError) and str(inputs) == "assume: too far: metric"
    assert inputs.spelled(lambda name, example: "--" + name, "imperial") == "--assume: too far: imperial"
    assert pickle.loads(pickle.dumps(inputs)).spelled(lambda n, x: n, "imperial") == "assume: too far: imperial"
    plain = BatcalcError("no values")
    assert plain.in_system("imperial") == "no values"


@pytest.mark.parametrize("system", ["metric", "imperial"])
def test_an_error_without_values_reads_the_same_in_both_systems(run, system):
    out = _error(run("range", "gac-aion-ssb-300", "-v", "no-such-vehicle", "-u", system))
    assert out == _error(run("range", "gac-aion-ssb-300", "-v", "no-such-vehicle"))


def test_a_consumption_claim_in_mi_per_kwh_or_mpge_is_told_what_to_assert(run, write):
    """'4 mi/kWh' and '135 MPGe' are consumptions written the other way up: refused (a qualifier turns round
    with them) naming the consumption they are, 1000 Wh / 4 mi = 250 Wh/mi and 33705 Wh / 135 mi."""
    base = ("claim", "consumption", "pack_energy=75 kWh", "range=300 mi", "--asserted")
    out = _error(run(*base, "4 mi/kWh", "-u", "imperial"))
    assert out == ("batcalc: error: asserted: '4 mi/kWh' is a distance per energy, the reciprocal of a consumption: "
                   "assert '250 Wh/mi' instead (batcalc convert '4 mi/kWh' Wh/mi), turning its qualifier round "
                   "(at least 4 mi/kWh is at most 250 Wh/mi)")
    metric = f"{33705 / 135 / (MI / 1000):.4g} Wh/km"                     # 155.1 Wh/km
    assert f"assert '{metric}' instead (batcalc convert '135 MPGe' Wh/km)" in _error(run(*base, "135 MPGe"))
    path = write("c.yaml", """
        kind: claims
        title: t
        claims:
          - id: label
            quote: "135 MPGe"
            kind: consumption
            inputs: {pack_energy: 75 kWh, range: 300 mi}
            asserted: 135 MPGe
            qualifier: at-least
        sources: []
        """)
    out = _error(run("check", path, "-u", "imperial"))
    assert out.startswith(f"{path}:") and f"assert '{33705 / 135:.4g} Wh/mi' instead" in out


@pytest.mark.parametrize("system, example", [("metric", f"{80:.0f} km/h"), ("imperial", f"{80e3 / MI:.0f} mph")])
def test_a_trucks_own_cycle_is_suggested_in_the_unit_system_asked_for(run, system, example):
    """The ratings are car ratings: a truck is pointed at a constant speed of its own, 80 km/h (49.7 mph)."""
    out = run("range", "gac-aion-ssb-300", "-v", "heavy-truck", "-u", system)
    assert out.exit_code == 0 and f"compare trucks on their own cycles (e.g. --cycle '{example}')" in out.stdout
    out = run("claim", "range", "cell=gac-aion-ssb-300", "vehicle=heavy-truck", "pack_mass=3000 kg", "--asserted",
              "300 mi", "-q", "at-least", "-u", system)
    assert out.exit_code in (0, 1) and f"give its own 'cycle' (e.g. '{example}') to judge it there" in out.stdout


def test_a_between_claims_bounds_in_different_units_are_ordered_as_what_they_are(run, write):
    """'400 mi to 500 km' is 643.7 km to 500 km: no range lies between, refused; '500 km to 400 mi' (500 to
    643.7 km) is a real interval, judged (the bounds were ordered by their written numbers, 400 < 500 and
    500 > 400, ignoring the units)."""
    assert 400 * MI / 1000 > 500 > 0                                     # 643.7 km above 500 km
    base = ("claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", "pack_mass=480 kg", "-q", "between",
            "--asserted")
    assert _error(run(*base, "400 mi to 500 km")) == ("batcalc: error: asserted: between [400 mi, 500 km]: the low "
                                                      "figure is above the high one")
    out = run(*base, "500 km to 400 mi", "-u", "imperial")
    assert out.exit_code in (0, 1) and "between 500 km and 400 mi" in out.stdout
    path = write("c.yaml", """
        kind: claims
        title: t
        claims:
          - id: empty
            quote: "400 miles to 500 km"
            kind: range
            inputs: {cell: gac-aion-ssb-350, vehicle: mid-sedan, pack_mass: 480 kg}
            asserted: [400 mi, 500 km]
            qualifier: between
        sources: []
        """)
    out = _error(run("check", path))
    assert out.startswith(f"{path}:") and out.endswith("the low figure is above the high one")


@pytest.mark.parametrize("system, example", [("metric", "100 km/h"), ("imperial", f"{100e3 / MI:.0f} mph")])
def test_an_unknown_cycle_suggests_a_constant_speed_in_the_unit_system_asked_for(run, write, system, example):
    """100 km/h is 62.1 mph; the hint follows --units, also wrapped by --from and in a claims file."""
    hint = f"or a constant speed such as '{example}'"
    assert _error(run("range", "gac-aion-ssb-300", "-v", "mid-sedan", "-c", "60 MPH", "-u", system)).endswith(hint)
    out = _error(run("normalise", "300 mi", "--from", "foo", "--to", "wltp", "-v", "mid-sedan", "-u", system))
    assert out.startswith("batcalc: error: --from: unknown cycle 'foo'") and f"{hint}; ratings:" in out
    path = write("c.yaml", """
        kind: claims
        title: t
        claims:
          - id: r
            quote: "q"
            kind: ratings
            inputs: {a: 300 mi, a_cycle: foo, b_cycle: wltp}
            asserted: 350 mi
        sources: []
        """)
    out = _error(run("check", path, "-u", system))
    assert out.startswith(f"{path}:") and out.endswith(hint)


def test_a_cycle_too_short_to_drive_is_measured_in_the_unit_system_asked_for(run):
    """0.0001 mph for the constant cycle's hour is 0.1609 m = 0.528 ft; the least a cycle covers, 1 m, is
    3.281 ft."""
    args = ("normalise", "300 mi", "--from", "epa", "--to", "0.0001 mph", "-v", "mid-sedan")
    covered = 0.0001 * MI                                                # metres in the hour
    imperial = _error(run(*args, "-u", "imperial"))
    assert f"the cycle covers only {covered / FT:.3g} ft: a drive cycle covers at least {1 / FT:.4g} ft" in imperial
    assert f"the cycle covers only {covered:.3g} m: a drive cycle covers at least 1 m" in _error(run(*args))


def test_a_vehicle_value_no_vehicle_has_gives_its_bounds_in_the_units_asked_for(run, write):
    """docs/usage.md: `--units` sets the units of the figures in error messages. The plausibility bounds of a
    vehicle's values were written in SI under `--units imperial`, and an efficiency's as a fraction (0.3-1)
    beside a value written in %. Bounds by hand: 100 kg / 0.45359237 = 220.5 lb, 100000 kg = 220462 lb;
    0.5 m^2 / 0.3048^2 = 5.382 ft^2, 20 m^2 = 215.3 ft^2; 0.3-1.0 = 30-100 %."""
    from batcalc.spec.schema import template

    text = (template("vehicle", "v").replace("{value: 1270 kg,", "{value: 50 lb,")
            .replace("{value: 2.22 m^2,", "{value: 300 ft^2,").replace("sources: []", "drivetrain_efficiency: 0.9 %\n"
                                                                                       "sources: []"))
    path = write("v.yaml", text)
    imperial = run("lint", path, "--units", "imperial").stdout
    metric = run("lint", path).stdout
    assert f"(expected {100 / LB:.1f}-{100_000 / LB:.0f} lb)" in imperial              # 220.5-220462 lb
    assert f"(expected {0.5 / FT ** 2:.3f}-{20 / FT ** 2:.1f} ft^2)" in imperial        # 5.382-215.3 ft^2
    assert "(expected 100-100000 kg)" in metric and "(expected 0.5-20 m^2)" in metric
    assert "'0.9 %' is not plausible for drivetrain_efficiency (expected 30-100 %)" in imperial + metric
    ranged = run("range", "gac-aion-ssb-350", "--vehicle", path, "--units", "imperial")
    assert ranged.exit_code == 2 and f"(expected {100 / LB:.1f}-{100_000 / LB:.0f} lb)" in ranged.stderr
