"""New-user review: a heavy truck's default cycle, a constant 80 km/h, stayed '80 km/h' under ``--units
imperial`` in every command's title, notes and JSON ``cycle`` (and in a claim's 'what it would take'),
the one speed left in metric. A constant speed now keeps the text it was written in and adds the speed
in the unit system asked for when that differs. Expected figures by hand: 1 mi = 1.609344 km, so
80 km/h = 49.7097 mph and 60 mph = 96.5606 km/h."""

from __future__ import annotations

import json

MI_KM = 1.609344
IN_MPH = f"constant 80 km/h ({80 / MI_KM:.2f} mph)"        # 49.71 mph


def test_the_default_truck_cycle_is_given_in_mph_under_imperial(run):
    out = run("range", "gac-aion-ssb-350", "-v", "heavy-truck", "--units", "imperial")
    assert out.exit_code == 0, out.output
    assert f"cycle: {IN_MPH};" in out.stdout and "49.71 mph" == f"{80 / MI_KM:.2f} mph"
    data = json.loads(run("range", "gac-aion-ssb-350", "-v", "heavy-truck", "-u", "imperial", "-f", "json").stdout)
    assert data["cycle"] == IN_MPH and f"cycle: {IN_MPH}" in data["assumptions"]
    tradeoff = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "heavy-truck", "--hold", "range",
                   "-u", "imperial", "-f", "json")
    assert json.loads(tradeoff.stdout)["cycle"] == IN_MPH
    assert run("consumption", "-v", "heavy-truck", "-u", "imperial").stdout.startswith(f"consumption of heavy-truck on "
                                                                                      f"{IN_MPH}\n")
    charge = run("charge", "huineng-llcb", "-v", "heavy-truck", "-u", "imperial").stdout
    assert f"heavy-truck on {IN_MPH} at " in charge


def test_metric_keeps_the_text_as_it_was(run):
    out = run("range", "gac-aion-ssb-350", "-v", "heavy-truck")
    assert "cycle: constant 80 km/h;" in out.stdout and "mph" not in out.stdout


def test_a_speed_written_in_the_other_system_shows_both(run):
    metric = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--cycle", "60 mph").stdout
    assert f"cycle: constant 60 mph ({60 * MI_KM:.2f} km/h);" in metric          # 96.56 km/h
    imperial = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--cycle", "60 mph", "-u", "imperial").stdout
    assert "cycle: constant 60 mph;" in imperial
    kph = run("range", "gac-aion-ssb-350", "-v", "mid-sedan", "--cycle", "100 kph").stdout     # km/h, spelt otherwise
    assert "cycle: constant 100 kph;" in kph


def test_a_claim_names_the_truck_cycle_in_the_units_asked_for(run):
    args = ("claim", "range", "cell=gac-aion-ssb-350", "vehicle=heavy-truck", "--asserted", "500 km", "-f", "json")
    imperial = json.loads(run(*args, "-u", "imperial").stdout)["verdicts"][0]["would_take"]
    metric = json.loads(run(*args).stdout)["verdicts"][0]["would_take"]
    assert imperial.startswith(f"in a heavy-truck on {IN_MPH}: a pack of ")
    assert metric.startswith("in a heavy-truck on constant 80 km/h: a pack of ")


def test_a_claim_s_band_keys_do_not_move_with_the_cycle_label(run):
    """The keys of a verdict's bands are the places of its figures in the phrase ('would_take.1'): a truck
    on its constant speed (a label that differs by unit system) has the same keys as a car on a trace."""
    def keys(vehicle: str, system: str) -> list[str]:
        out = run("claim", "range", "cell=gac-aion-ssb-350", f"vehicle={vehicle}", "--asserted", "500 km", "--bands",
                  "-f", "json", "-u", system)
        return sorted(json.loads(out.stdout)["verdicts"][0]["bands"])
    car = keys("mid-sedan", "metric")
    # 'in a mid-sedan on WLTC class 3b (wltc-3b): a pack of ', 117 kWh, ' gross, ', 480 kg, ...: text and
    # figure alternate, the cycle's label inside the first text, so the figures are parts 1, 3, 5, ...
    assert car == sorted(f"would_take.{2 * k + 1}" for k in range(len(car))) and len(car) >= 4
    assert keys("heavy-truck", "metric") == keys("heavy-truck", "imperial") == car
