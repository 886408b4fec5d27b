"""``batcalc charge`` on a charge curve (issue 12): the judged figures, the average-rate maths for a flat
curve, monotonicity and additivity through the command line, spec fields, formats and errors."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KWH = 3.6e6
JUDGED = ("--pack-energy", "75 kWh", "--pack-voltage", "800 V", "--charger", "ccs-350kw", "--from", "10 %",
          "--to", "80 %", "--format", "json")


def _json(run, *args: str) -> dict:
    r = run("charge", *args)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _v(x: dict) -> float:
    return float(x["value"])


@pytest.mark.parametrize("cell", ["huineng-llcb", "gac-aion-ssb-350", "catl-shenxing-lfp", "samsung-inr21700-50e"])
def test_judged_75_kwh_800_v_10_80_on_350_kw(run, cell):
    """Peak at most 350 kW, time at least 9 min (0.7 x 75 kWh / 350 kW, full power throughout), peak >= average;
    JSON numbers carry their units."""
    w = _json(run, cell, *JUDGED)["window"]
    assert w["peak_power_battery"]["unit"] == "kW" and w["time"]["unit"] == "min"
    assert _v(w["peak_power_battery"]) <= 350 * (1 + 1e-12)
    assert _v(w["time"]) >= 0.7 * 75 / 350 * 60 * (1 - 1e-12)
    assert _v(w["peak_power_battery"]) >= _v(w["average_power_battery"]) * (1 - 1e-12)
    assert _v(w["average_power_battery"]) == pytest.approx(0.7 * 75 / (_v(w["time"]) / 60), rel=1e-9)


def test_judged_charger_alone_is_full_power_throughout(run):
    """A cell with no rating and no claim: the station's 350 kW decide (500 A x 800 V = 400 kW is above it)."""
    d = _json(run, "gac-aion-ssb-350", *JUDGED)
    assert d["cell_limit"]["from"] == "none"
    assert _v(d["window"]["time"]) == pytest.approx(9.0, rel=1e-9)
    assert d["window"]["decided_by"] == "charger power"
    assert [s["limit"] for s in d["window"]["limit_spans"]] == ["charger power"]


def test_claim_implied_peak_is_used_and_said(run):
    """huineng-llcb has no rating: its claim 10->80 % in 12 min implies 4 C under its taper, which at 800 V
    (300 kW peak, below the station) gives back the claimed 12 min."""
    d = _json(run, "huineng-llcb", *JUDGED)
    assert d["cell_limit"]["from"] == "claim" and "implies" in d["cell_limit"]["text"]
    assert _v(d["cell_limit"]["peak_c_rate"]) == pytest.approx(4.0, rel=1e-6)
    assert _v(d["window"]["time"]) == pytest.approx(12.0, rel=1e-6)
    assert _v(d["window"]["peak_power_battery"]) == pytest.approx(300.0, rel=1e-6)
    assert d["window"]["decided_by"] == "battery"


def test_flat_curve_equals_the_average_rate_output(run):
    """On ccs-50kw (50 kW; 500 A x 400 V = 200 kW) a cell with no limit charges at 50 kW flat: the curve's time
    equals the average-rate command's ``--power 50 kW`` time exactly, and peak = average."""
    curve = _json(run, "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--charger", "ccs-50kw", "--format", "json")
    flat = _json(run, "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--from", "10 %", "--to", "80 %",
                 "--power", "50 kW", "--format", "json")
    w = curve["window"]
    assert _v(w["time"]) == pytest.approx(_v(flat["windows"][0]["time"]), rel=1e-12)
    assert _v(w["time"]) == pytest.approx(0.7 * 75 / 50 * 60, rel=1e-12)
    assert _v(w["peak_power_battery"]) == pytest.approx(_v(w["average_power_battery"]), rel=1e-12)
    assert _v(w["average_power_grid"]) == pytest.approx(_v(flat["windows"][0]["power_from_the_grid"]), rel=1e-12)


def test_more_charger_power_is_never_slower(run):
    """Same connector (ccs2: 500 A, 920 V): 50 -> 350 -> 400 kW stations never lengthen the charge."""
    times = [_v(_json(run, "huineng-llcb", "--pack-energy", "75 kWh", "--pack-voltage", "800 V", "--charger", c,
                      "--format", "json")["window"]["time"]) for c in ("ccs-50kw", "ccs-350kw", "ccs-400kw")]
    assert times[0] >= times[1] >= times[2]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(c1=st.floats(0.5, 8), c2=st.floats(0.5, 8), volts=st.floats(300, 900))
def test_a_higher_peak_c_rate_is_never_slower(run, c1, c2, volts):
    lo, hi = sorted((c1, c2))
    t = [_v(_json(run, "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--pack-voltage", f"{volts} V",
                  "--charger", "ccs2", "--peak-c-rate", f"{c} C", "--format", "json")["window"]["time"])
         for c in (lo, hi)]
    assert t[1] <= t[0] * (1 + 1e-12)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.integers(0, 97), b=st.integers(1, 98), c=st.integers(2, 99))
def test_time_is_additive_over_adjacent_windows(run, a, b, c):
    a, b, c = sorted((a, b, c))
    if not a < b < c:
        return

    def t(x, y):
        return _v(_json(run, "huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs-350kw", "--from",
                        f"{x} %", "--to", f"{y} %", "--format", "json")["window"]["time"])
    assert t(a, b) + t(b, c) == pytest.approx(t(a, c), rel=1e-9)


def test_added_in_5_10_15_minutes_stop_at_the_end_soc(run):
    d = _json(run, "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--charger", "ccs-350kw", "--format", "json")
    w = d["window"]
    added = {_v(a["minutes"]): a for a in d["added"]}
    assert sorted(added) == [5, 10, 15]
    power = _v(w["average_power_battery"])                  # flat: 200 kW (500 A x 400 V default)
    assert power == pytest.approx(200.0)
    assert [_v(added[m]["energy_added"]) for m in (5, 10, 15)] == pytest.approx([200 * m / 60 for m in (5, 10, 15)])
    assert _v(added[10]["range_added"]) == pytest.approx(2 * _v(added[5]["range_added"]))
    assert _v(added[5]["range_added"]) > 0
    assert any("400 V (default" in n for n in d["assumptions"])
    d = _json(run, "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--charger", "ccs-350kw", "--from", "70 %",
              "--format", "json")                            # 7.5 kWh at 200 kW: 2.25 min, so all three stop at 80 %
    assert [_v(a["energy_added"]) for a in d["added"]] == pytest.approx([7.5] * 3)
    assert [_v(a["soc_reached"]) for a in d["added"]] == pytest.approx([80.0] * 3)


def test_vehicle_pack_voltage_is_used(run):
    d = _json(run, "gac-aion-ssb-350", "--vehicle", "heavy-truck", "--charger", "ccs-350kw", "--format", "json")
    assert _v(d["pack"]["voltage"]) == 800.0
    assert any("heavy-truck's reference pack" in n for n in d["assumptions"])
    d = _json(run, "gac-aion-ssb-350", "--vehicle", "heavy-truck", "--pack-voltage", "600 V", "--charger",
              "ccs-350kw", "--format", "json")
    assert _v(d["pack"]["voltage"]) == 600.0


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "grid"])
def test_every_format(run, fmt):
    r = run("charge", "huineng-llcb", "--vehicle", "mid-sedan", "--charger", "ccs-350kw", "--format", fmt)
    assert r.exit_code == 0, r.stderr
    assert "peak power at the battery" in r.stdout and "range added in 10 min" in r.stdout
    assert ("which limit where" in r.stdout) and "charger current x pack voltage 10-80 %" in r.stdout


@pytest.mark.parametrize("args, message", [
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs-350kw", "--time", "12 min"), "--time and --power"),
    (("gac-aion-ssb-350", "--pack-energy", "75 kWh", "--pack-voltage", "400 V"), "no charge C-rate"),
    (("huineng-llcb", "--charger", "ccs-350kw"), "needs a pack energy"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs-999kw"), "no charger 'ccs-999kw'"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs2", "--from", "80 %", "--to", "10 %"),
     "--to must be above --from"),
    # a window's default end was not said: '(90 % -> 80 %)' for --from 90 % alone, as if the user gave 80 %
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs2", "--from", "90 %"),
     "--to must be above --from (90 % -> 80 %; --to is 80 % when not given: give --to)"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs2", "--to", "5 %"),
     "--to must be above --from (10 % -> 5 %; --from is 10 % when not given)"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--taper", "nope"), "no taper 'nope'"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--pack-voltage", "400 kg"), "--pack-voltage"),
    ((), "needs a CELL"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs2", "--peak-c-rate", "0 C"),
     "--peak-c-rate must be positive, got 0 C"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs2", "--peak-c-rate", "-5 C"),
     "--peak-c-rate must be positive, got -5 C"),
    (("huineng-llcb", "--pack-energy", "75 kWh", "--charger", "ccs-180kw", "--pack-voltage", "100 V"),
     "150 V at the least"),
])
def test_bad_input_is_one_line_exit_2(run, args, message):
    r = run("charge", *args)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_implied_table_llcb_figures(run):
    """The issue's LLCB: 80 % in 12 min is 4 C / 3.5 C average (0 / 10 % starts) and 5 C / 4 C peak under the
    typical taper; at 75 kWh that is 375 / 300 kW."""
    d = _json(run, "--implied", "--format", "json")
    llcb = {_v(c["from_soc"]): c for c in d["claims"] if c["cell"] == "huineng-llcb"}
    assert sorted(llcb) == [0.0, 10.0]
    assert [_v(llcb[s]["average_c_rate"]) for s in (0.0, 10.0)] == pytest.approx([4.0, 3.5])
    assert [_v(llcb[s]["peak_c_rate"]) for s in (0.0, 10.0)] == pytest.approx([5.0, 4.0], rel=1e-9)
    assert [_v(llcb[s]["peak_power"]) for s in (0.0, 10.0)] == pytest.approx([375.0, 300.0], rel=1e-9)
    assert not llcb[0.0]["start_stated"]
    one = _json(run, "huineng-llcb", "--implied", "--pack-energy", "100 kWh", "--format", "json")
    assert {c["cell"] for c in one["claims"]} == {"huineng-llcb"}
    assert _v(one["claims"][1]["peak_power"]) == pytest.approx(400.0, rel=1e-9)


def test_average_rate_output_unchanged_without_a_charger(run):
    d = _json(run, "huineng-llcb", "--vehicle", "mid-sedan", "--format", "json")
    assert [_v(w["average_c_rate"]) for w in d["windows"]] == pytest.approx([4.0, 3.5])


CELL = """kind: cell
id: curve-cell
name: Curve cell
chemistry: NMC
electrical: {nominal_voltage: 3.6 V, capacity: 100 Ah}
charging:
{charging}
"""


def _cell(write, charging: str) -> str:
    return write("cell.yaml", CELL.replace("{charging}", charging))


def test_cell_charge_curve_c_rate_replaces_the_taper(run, write):
    """A flat 2 C own curve: 75 kWh x 2 C = 150 kW throughout; 10-80 % takes 0.7 / 2 h = 21 min."""
    path = _cell(write, "  charge_curve:\n    points:\n      - {soc: 0 %, c_rate: 2 C}\n"
                        "      - {soc: 100 %, c_rate: 2 C}")
    d = _json(run, path, "--pack-energy", "75 kWh", "--pack-voltage", "400 V", "--format", "json")
    assert d["cell_limit"]["from"] == "curve" and d["cell_limit"]["taper"] is None
    assert _v(d["window"]["time"]) == pytest.approx(21.0, rel=1e-9)
    assert _v(d["window"]["peak_power_battery"]) == pytest.approx(150.0, rel=1e-9)


def test_cell_charge_curve_power_per_cell(run, write):
    """Power per cell over the cell's energy (3.6 V x 100 Ah = 360 Wh): 720 W is 2 C, 360 W is 1 C (step)."""
    path = _cell(write, "  charge_curve:\n    shape: step\n    points:\n      - {soc: 0 %, power: 720 W}\n"
                        "      - {soc: 50 %, power: 360 W}")
    d = _json(run, path, "--pack-energy", "75 kWh", "--from", "10 %", "--to", "80 %", "--pack-voltage", "400 V",
              "--format", "json")
    assert _v(d["cell_limit"]["peak_c_rate"]) == pytest.approx(2.0)
    assert _v(d["window"]["time"]) == pytest.approx((0.4 / 2 + 0.3 / 1) * 60, rel=1e-9)


def test_cell_taper_id_is_used(run, write):
    path = _cell(write, "  max_c_rate: 3 C\n  taper: typical-dc-lfp")
    d = _json(run, path, "--pack-energy", "75 kWh", "--charger", "ccs-350kw", "--pack-voltage", "800 V",
              "--format", "json")
    assert d["cell_limit"]["taper"] == "typical-dc-lfp" and d["cell_limit"]["from"] == "rating"


IMPLIED_CLAIM = "\n  claims:\n    - {from_soc: 10 %, to_soc: 80 %, time: 12 min}"


@pytest.mark.parametrize("charging, share_integral, curve_peak", [
    # step, c_rate: 2 C to 50 %, 4 C to 80 %: share 0.5 then 1; 10 -> 80 %: 0.4 / 0.5 + 0.3 / 1 = 1.1
    ("  charge_curve:\n    shape: step\n    points:\n      - {soc: 0 %, c_rate: 2 C}\n"
     "      - {soc: 50 %, c_rate: 4 C}\n      - {soc: 80 %, c_rate: 1 C}", 1.1, 4.0),
    # step, power per 360 Wh cell: 720 W (2 C) to 50 %, 360 W (1 C) above: share 1 then 0.5; 0.4 + 0.3 / 0.5 = 1.0
    ("  charge_curve:\n    shape: step\n    points:\n      - {soc: 0 %, power: 720 W}\n"
     "      - {soc: 50 %, power: 360 W}", 1.0, 2.0),
    # linear, 4 C at 0 % down to 2 C at 100 %: share 1 - s / 2; integral of ds / (1 - s / 2) from 0.1 to 0.8
    # = 2 ln(0.95 / 0.6)
    ("  charge_curve:\n    points:\n      - {soc: 0 %, c_rate: 4 C}\n      - {soc: 100 %, c_rate: 2 C}",
     2 * math.log(0.95 / 0.6), 4.0),
])
def test_implied_reads_the_cells_own_charge_curve(run, write, charging, share_integral, curve_peak):
    """Bug fix: --implied read a cell's claim under its chemistry's default taper (typical-dc: 4 C for 10 ->
    80 % in 12 min) when the cell gives its own charge curve, which `batcalc charge CELL` charges along. Now
    the curve's shape is the taper: C_peak = integral ds / share(s) / t (t = 0.2 h), and charging along the
    curve at that peak (--peak-c-rate keeps the curve's shape) gives back the claimed 12 min."""
    path = _cell(write, charging + IMPLIED_CLAIM)
    d = _json(run, path, "--implied", "--format", "json")
    (claim,) = d["claims"]
    assert _v(claim["peak_c_rate"]) == pytest.approx(share_integral / 0.2, rel=1e-6)   # midpoint rule, 1/2000 SoC
    assert claim["taper"] is None and claim["taper_grade"] is None
    assert _v(claim["charge_curve"]["peak_c_rate"]) == pytest.approx(curve_peak, rel=1e-12)
    assert _v(claim["peak_power"]) == pytest.approx(_v(claim["peak_c_rate"]) * 75, rel=1e-12)
    assert any("curve-cell's own charge curve" in n and f"peaks at {curve_peak:g} C" in n for n in d["assumptions"])
    table = run("charge", path, "--implied")
    assert table.exit_code == 0 and "curve-cell's charge curve" in table.stdout and "typical-dc" not in table.stdout
    back = _json(run, path, "--pack-energy", "75 kWh", "--from", "10 %", "--to", "80 %",
                 "--peak-c-rate", f"{_v(claim['peak_c_rate']):.15g} C", "--format", "json")
    assert back["cell_limit"]["from"] == "option" and back["cell_limit"]["taper"] is None
    assert _v(back["window"]["time"]) == pytest.approx(12.0, rel=1e-9)


def test_implied_without_an_own_curve_reads_the_cells_taper_or_its_chemistrys(run, write):
    """Cells without a curve keep their taper: the cell's charging.taper, else the chemistry's default
    (typical-dc for NMC; 10 -> 80 % under it: 0.4 / 1 + 0.3 / 0.75 = 0.8, / 0.2 h = 4 C)."""
    named = _json(run, _cell(write, "  taper: typical-dc-lfp" + IMPLIED_CLAIM), "--implied", "--format", "json")
    default = _json(run, _cell(write, "  max_c_rate: 3 C" + IMPLIED_CLAIM), "--implied", "--format", "json")
    for d, tid, grade in ((named, "typical-dc-lfp", "assumption"), (default, "typical-dc", "reference")):
        (claim,) = d["claims"]
        assert claim["taper"] == tid and claim["taper_grade"] == grade and claim["charge_curve"] is None
        assert _v(claim["peak_c_rate"]) == pytest.approx(4.0, rel=1e-9)
        assert not any("own charge curve" in n for n in d["assumptions"])


@pytest.mark.parametrize("charging, message", [
    ("  charge_curve:\n    points:\n      - {soc: 10 %, c_rate: 2 C}", "at 0 % SoC"),
    ("  charge_curve:\n    points:\n      - {soc: 0 %, c_rate: 2 C, power: 1 kW}", "not both or neither"),
    ("  charge_curve:\n    points:\n      - {soc: 0 %, c_rate: 2 C}\n      - {soc: 50 %, power: 1 kW}", "not a mix"),
    ("  charge_curve:\n    points:\n      - {soc: 0 %, c_rate: 2 C}\n      - {soc: 0 %, c_rate: 1 C}", "must rise"),
    ("  taper: typical-dc\n  charge_curve:\n    points:\n      - {soc: 0 %, c_rate: 2 C}", "not both"),
    ("  charge_curve:\n    points:\n      - {soc: 0 %, c_rate: 2 kg}", "C-rate"),
])
def test_bad_charge_curve_is_a_spec_error(run, write, charging, message):
    r = run("charge", _cell(write, charging), "--pack-energy", "75 kWh", "--charger", "ccs2")
    assert r.exit_code == 2, r.stdout
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_plot_charge_curve(tmp_path):
    pytest.importorskip("matplotlib")
    from typer.testing import CliRunner

    from batcalc.cli.plot import plot_app

    out = tmp_path / "curve.png"
    r = CliRunner().invoke(plot_app, ["charge", "huineng-llcb", "--pack-energy", "75 kWh", "--pack-voltage", "800 V",
                                      "--charger", "ccs-350kw", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert out.stat().st_size > 10_000 and "charge curve, 12 min" in r.stdout


def test_plot_charge_curve_data_matches_the_report():
    from batcalc.physics.cells import load_cell
    from batcalc.plots.draw import charge_curve_data
    from batcalc.report.charge import charge_run

    run = charge_run(load_cell("huineng-llcb"), None, 75 * KWH, 800.0, "ccs-350kw", 0.1, 0.8, None, None, "default",
                     None, "metric")
    data = charge_curve_data(run)
    assert data["minutes"][-1] == pytest.approx(run.window.time / 60)
    assert max(data["power"]) == pytest.approx(run.window.peak_power / 1e3)
    assert data["soc"][0] == pytest.approx(10.0) and data["soc"][-1] == pytest.approx(80.0)


def test_list_chargers_marks_limits_taken_from_the_connector(run):
    r = run("list", "--kind", "charger", "--format", "json")
    assert r.exit_code == 0, r.stderr
    by_id = {c["id"]: c for c in json.loads(r.stdout)}
    assert _v(by_id["ccs-350kw"]["power"]) == 350 and _v(by_id["ccs-350kw"]["current"]) == 500
    assert set(by_id["ccs-350kw"]["from_connector"]) == {"max_current", "max_voltage"}
    assert by_id["ccs-180kw"]["from_connector"] == [] and _v(by_id["ccs-180kw"]["min_voltage"]) == 150
    from batcalc.physics.charging import charger_catalogue

    assert set(by_id) == set(charger_catalogue())
    table = run("list", "--kind", "charger").stdout
    assert "500 *" in table and "150-920" in table


def test_list_tapers_gives_families_grades_and_points(run):
    r = run("list", "--kind", "taper", "--format", "json")
    assert r.exit_code == 0, r.stderr
    by_id = {t["id"]: t for t in json.loads(r.stdout)}
    assert by_id["typical-dc"]["families"] == ["nmc"] and by_id["typical-dc"]["grade"] == "reference"
    assert by_id["typical-dc-lfp"]["grade"] == "assumption"
    assert [(_v(p["soc"]), _v(p["share"])) for p in by_id["typical-dc"]["points"]][:2] == [(0, 50), (10, 100)]


# ---------------------------------------------------------------- claims: peak or average power (item 5)

def _verdict(run, *args: str) -> dict:
    r = run("claim", *args, "--format", "json")
    assert r.exit_code in (0, 1), r.stderr
    return json.loads(r.stdout)["verdicts"][0]


WINDOW_15 = ("charge", "from_soc=10 %", "to_soc=80 %", "time=15 min", "pack_energy=75 kWh")


def test_charge_claim_up_to_is_a_peak(run):
    """10-80 % in 15 min on 75 kWh: 210 kW average; under the typical taper 240 kW at the peak (by hand:
    integral ds/share over 10-80 % = 0.4 + 0.3 / 0.75 = 0.8; C_peak = 0.8 / 0.25 h = 3.2 C; x 75 kWh)."""
    up_to = _verdict(run, *WINDOW_15, "--asserted", "240 kW", "--qualifier", "at-most")
    assert up_to["verdict"] == "holds" and _v(up_to["derived"]) == pytest.approx(240.0, rel=1e-9)
    peak = _verdict(run, *WINDOW_15, "power_kind=peak", "--asserted", "240 kW")
    assert peak["verdict"] == "holds" and "peak" in peak["claimed_text"]
    average = _verdict(run, *WINDOW_15, "--asserted", "240 kW")
    assert average["verdict"] == "fails" and _v(average["derived"]) == pytest.approx(210.0)
    explicit = _verdict(run, *WINDOW_15, "power_kind=average", "--asserted", "240 kW", "--qualifier", "at-most")
    assert _v(explicit["derived"]) == pytest.approx(210.0)
    too_low = _verdict(run, *WINDOW_15, "--asserted", "200 kW", "--qualifier", "at-most")
    assert too_low["verdict"] == "fails"                  # 240 kW peak needed: more than "up to 200 kW"


def test_charge_claim_qualified_up_to_is_a_peak(run):
    """'up to' written as the qualifier up-to compares the peak too (240 kW, worked out above), with up-to's
    tolerance (5 %, the default, as 0.5 / 220 is finer): 'up to 220 kW' (231 kW at most) fails, where the
    average (210 kW) would hold it; 'up to 240 kW' holds. Any other qualifier is an average."""
    low = _verdict(run, *WINDOW_15, "--asserted", "220 kW", "--qualifier", "up-to")
    assert low["verdict"] == "fails" and _v(low["derived"]) == pytest.approx(240.0, rel=1e-9)
    assert low["claimed_text"].endswith("(peak)") and "peak needed 240 kW" in low["derived_text"]
    assert _verdict(run, *WINDOW_15, "--asserted", "240 kW", "--qualifier", "up-to")["verdict"] == "holds"
    for qualifier in ("about", "at-least", "over", "under"):
        d = _verdict(run, *WINDOW_15, "--asserted", "220 kW", "--qualifier", qualifier)
        assert _v(d["derived"]) == pytest.approx(210.0) and "peak" not in d["claimed_text"]
    average = _verdict(run, *WINDOW_15, "power_kind=average", "--asserted", "220 kW", "--qualifier", "up-to")
    assert average["verdict"] == "holds" and _v(average["derived"]) == pytest.approx(210.0)


def test_range_added_with_a_peak_power_and_the_full_range(run):
    """133 kWh, 400 kW peak (3 C) under the typical taper from 0 %: 0-10 % at 200 kW (3.99 min, 13.3 kWh),
    10-50 % at 400 kW (7.98 min, 53.2 kWh), then 300 kW for the last 0.03 min: 66.65 kWh in 12 min.
    Consumption from the full range: 133 kWh x 0.93 / 1000 km; of the energy added the usable 93 % counts,
    as for a SoC window (dSoC E f_usable / c), so a full charge adds the full 1000 km."""
    d = _verdict(run, "range-added", "time=12 min", "power=400 kW", "power_kind=peak", "pack_energy=133 kWh",
                 "range=1000 km", "--asserted", "400 km")
    c = 133 * 0.93 / 1000                                 # kWh/km
    t1, t2 = 0.1 * 133 / 200 * 60, 0.4 * 133 / 400 * 60
    energy = 0.1 * 133 + 0.4 * 133 + 300 * (12 - t1 - t2) / 60
    assert energy == pytest.approx(66.65)
    assert _v(d["derived"]) == pytest.approx(energy * 0.93 / c, rel=1e-6)
    avg = _verdict(run, "range-added", "time=12 min", "power=400 kW", "consumption=13.3 kWh/100km",
                   "--asserted", "400 km")
    assert _v(avg["derived"]) == pytest.approx(80 / 0.133, rel=1e-9)      # average: all 80 kWh


def test_a_peak_power_adds_the_usable_share_of_the_soc_it_charges(run):
    """A charge along the curve counts the usable share of what it adds, as a SoC window does: a full charge
    (133 kWh, 400 kW peak, two hours: the curve reaches 100 %) adds the full range it gives the consumption,
    1000 km, not 133 kWh / (133 kWh x 0.93 / 1000 km) = 1075 km; 0 -> 50 % of 100 kWh at a 300 kW peak
    (0-10 % at 150 kW in 4 min, 10-50 % at 300 kW in 8 min: done in 12 of the 30 min) adds
    0.5 x 100 kWh x 0.9 / 150 Wh/km = 300 km with usable_fraction 90 %, as the window 0 -> 50 % does."""
    full = _verdict(run, "range-added", "time=120 min", "power=400 kW", "power_kind=peak", "pack_energy=133 kWh",
                    "range=1000 km", "--asserted", "1000 km")
    assert _v(full["derived"]) == pytest.approx(1000.0, rel=1e-9) and full["verdict"] == "holds"
    half = ("time=30 min", "pack_energy=100 kWh", "to_soc=50 %", "consumption=150 Wh/km", "usable_fraction=90 %")
    peak = _verdict(run, "range-added", *half, "power=300 kW", "power_kind=peak", "--asserted", "300 km")
    window = _verdict(run, "range-added", *half, "--asserted", "300 km")
    assert _v(peak["derived"]) == pytest.approx(0.5 * 100 * 0.9 / 0.150, rel=1e-9) == _v(window["derived"])
    # what it would take, plugged back: the peak that adds 250 km in 10 min does add 250 km
    short = _verdict(run, "range-added", "time=10 min", "pack_energy=100 kWh", "to_soc=80 %",
                     "consumption=150 Wh/km", "power=150 kW", "power_kind=peak", "--asserted", "250 km")
    need = _v(short["needed"])
    again = _verdict(run, "range-added", "time=10 min", "pack_energy=100 kWh", "to_soc=80 %",
                     "consumption=150 Wh/km", f"power={need} kW", "power_kind=peak", "--asserted", "250 km")
    assert _v(again["derived"]) == pytest.approx(250.0, rel=1e-6)


@pytest.mark.parametrize("args, message", [
    (("range-added", "time=12 min", "power_kind=peak", "consumption=13 kWh/100km"), "power_kind"),
    (("range-added", "time=12 min", "power=300 kW", "range=500 km", "consumption=13 kWh/100km"), "not both"),
    (("range-added", "time=12 min", "power=300 kW", "range=500 km"), "pack_energy"),
])
def test_range_added_bad_inputs(run, args, message):
    r = run("claim", *args, "--asserted", "400 km")
    assert r.exit_code == 2 and message in r.stderr


def test_ac_charger_only_its_power_limits(run):
    """AC voltage and current are at the on-board charger: a 400 V pack on ac-3ph-22kw charges at its 22 kW
    (a cell with no limit), drawn from the grid, so 22 kW x 0.9 = 19.8 kW at the battery:
    0.7 x 75 kWh / 19.8 kW (it said 22 kW at the battery and 24.4 kW from a 22 kW wallbox)."""
    d = _json(run, "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--charger", "ac-3ph-22kw", "--format", "json")
    assert _v(d["window"]["time"]) == pytest.approx(0.7 * 75 / (22 * 0.9) * 60, rel=1e-9)
    assert d["window"]["decided_by"] == "charger power"


def test_an_ac_wallbox_draws_no_more_than_its_rating_from_the_grid(run):
    """ac-1ph-7kw is 230 V x 32 A, 7.4 kW from the grid. Hand calculation, 75 kWh 10 -> 80 % at the 90 %
    charger efficiency: 7.4 kW x 0.9 = 6.66 kW at the battery, 52.5 kWh / 6.66 kW = 7.883 h = 473.0 min,
    grid power 6.66 / 0.9 = 7.4 kW. It charged at 7.4 kW at the battery (425.7 min) and drew 8.22 kW from
    the 7.4 kW wallbox. At 80 % efficiency: 5.92 kW at the battery. The average-rate mode agrees: 7 kW at
    the battery (7.78 kW from the grid) is more than ac-1ph-7kw gives; 6.5 kW (7.22 kW) is not."""
    d = _json(run, "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--charger", "ac-1ph-7kw", "--format", "json")
    w = d["window"]
    assert _v(w["average_power_battery"]) == pytest.approx(7.4 * 0.9, rel=1e-9)
    assert _v(w["average_power_grid"]) == pytest.approx(7.4, rel=1e-9)
    assert _v(w["time"]) == pytest.approx(0.7 * 75 / (7.4 * 0.9) * 60, rel=1e-9)
    d = _json(run, "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--charger", "ac-1ph-7kw",
              "--charger-efficiency", "80 %", "--format", "json")
    assert _v(d["window"]["average_power_battery"]) == pytest.approx(7.4 * 0.8, rel=1e-9)
    base = ("gac-aion-ssb-350", "--pack-energy", "10 kWh", "--from", "10 %", "--to", "80 %")
    at_7 = _json(run, *base, "--time", "60 min", "--format", "json")["windows"][0]      # 7 kW at the battery
    assert _v(at_7["power_from_the_grid"]) == pytest.approx(7 / 0.9) and "ac-1ph-7kw" not in at_7["chargers"]
    at_6_5 = _json(run, *base, "--power", "6.5 kW", "--format", "json")["windows"][0]
    assert "ac-1ph-7kw" in at_6_5["chargers"]


def test_average_rate_lists_only_chargers_that_deliver_the_power_at_the_pack_voltage(run):
    # 75 kWh, 10 -> 80 % in 20 min: 0.7 / (1/3 h) = 2.1 C, 52.5 kWh / (1/3 h) = 157.5 kW at the battery,
    # 157.5 / 0.9 = 175 kW from the grid. At the default 400 V (the charge curve's): ccs-180kw delivers
    # min(180 kW, 200 A x 400 V) = 80 kW and gbt-2015 min(250 kW, 250 A x 400 V) = 100 kW, as the curve
    # mode gives on them; both were listed (by power alone). chademo-2: min(400, 400 A x 400 V) = 160 kW.
    args = ("gac-aion-ssb-350", "--pack-energy", "75 kWh", "--from", "10 %", "--to", "80 %", "--time", "20 min")
    w = _json(run, *args, "--format", "json")
    win = w["windows"][0]
    assert _v(win["average_c_rate"]) == pytest.approx(2.1)
    assert _v(win["power_at_the_battery"]) == pytest.approx(157.5)
    assert _v(win["power_from_the_grid"]) == pytest.approx(175.0)       # was "power from the charger"
    assert "ccs-180kw" not in win["chargers"] and "gbt-2015" not in win["chargers"]
    assert "chademo-2" in win["chargers"] and "ccs-150kw" not in win["chargers"]    # 150 kW < 157.5 kW
    assert "pack voltage 400 V (default: no --pack-voltage)" in w["assumptions"]
    for c in ("ccs-180kw", "gbt-2015"):              # the curve on each: its peak is below 157.5 kW
        curve = _json(run, *args[:7], "--charger", c, "--format", "json")
        assert _v(curve["window"]["peak_power_battery"]) < 157.5
    # --pack-voltage with --power stays at the average rate: 340 kW at 800 V, 377.8 kW from the grid;
    # chademo-2 delivers min(400, 400 A x 800 V) = 320 kW: not listed; ccs-350kw min(350, 500 x 800) is
    w = _json(run, *args[:7], "--power", "340 kW", "--pack-voltage", "800 V", "--format", "json")
    win = w["windows"][0]
    assert _v(win["power_from_the_grid"]) == pytest.approx(340 / 0.9)
    assert "chademo-2" not in win["chargers"] and "ccs-350kw" in win["chargers"]
    assert "pack voltage 800 V (--pack-voltage)" in w["assumptions"]
    r = run("charge", "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--to", "80 %", "--time", "20 min",
            "--pack-voltage", "-1 V")
    assert r.exit_code == 2 and "--pack-voltage must be positive" in r.stderr


@pytest.mark.parametrize("extra, named", [
    (("--vehicle", "heavy-truck"), "--vehicle"),           # its 621 kWh pack was not used: 75 kWh was
    (("--taper", "typical-dc"), "--taper"),
    (("--to", "80 %", "--time", "5 min"), "--to, --time"),
    (("--charger", "mcs", "--bands"), "--charger, --bands"),
])
def test_implied_refuses_the_options_it_would_ignore(run, extra, named):
    """Bug fix: --implied printed the same table whatever --vehicle, --taper, --to, --time, --charger or
    --bands said (the peak power for 75 kWh with --vehicle heavy-truck, whose pack is 621 kWh); what the
    user gave was lost. Each is now refused in one line, exit 2; --pack-energy still sets the pack."""
    r = run("charge", "catl-shenxing-lfp", "--implied", *extra)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert r.stderr.strip().endswith(f"drop {named}") and len(r.stderr.strip().splitlines()) == 1
    d = _json(run, "catl-shenxing-lfp", "--implied", "--pack-energy", "621 kWh", "--format", "json")
    # 0 -> 80 % in 10 min under typical-dc-lfp: (0.1 / 0.5 + 0.4 / 1 + 0.3 / 0.75) / (1/6 h) = 6 C, x 621 kWh
    assert _v(d["claims"][0]["peak_power"]) == pytest.approx(6 * 621, rel=1e-9)


def test_implied_says_an_open_start_was_assumed_only_when_a_claim_leaves_it_open(run):
    """--implied noted "an open start is read as 0 % and as 10 % (assumed)" under catl-shenxing-lfp's
    0 % -> 80 % claim, whose start is stated."""
    stated = run("charge", "catl-shenxing-lfp", "--implied")
    assert stated.exit_code == 0 and "(assumed)" not in stated.stdout
    assert "open start" not in stated.stdout
    open_start = run("charge", "huineng-llcb", "--implied")
    assert "an open start is read as 0 % and as 10 % (assumed)" in open_start.stdout


def test_curve_bands_give_each_limits_share_over_the_whole_box(run):
    """Bug fix: on a charge curve's bands, a limit's share of the time was banded only over the points
    where it decides, so 'charger current' read 100 % to 100 % though at an 800 V pack (the high end of
    pack-voltage) the cells decide: 500 A x 800 V = 400 kW is above their 4 C x 75 kWh = 300 kW, while at
    300 V the charger's 150 kW decides. The limits' SoC spans, whose number changes from point to point,
    are no longer banded by position; the rows are named ('range added in 5 min', not 'added 0 ...')."""
    d = _json(run, "huineng-llcb", "--vehicle", "mid-sedan", "--charger", "ccs-350kw", "--bands", "--format", "json")
    bands = d["bands"]
    assert (_v(bands["window.time"]["low"]), _v(bands["window.time"]["high"])) == pytest.approx(
        (0.4 * 75 / 300 * 60 + 0.3 * 75 / 225 * 60, 0.7 * 75 / (500 * 300 / 1e3) * 60))      # 12 and 21 min
    current = bands["window.limited_by.charger current"]
    assert (_v(current["low"]), _v(current["high"])) == (0.0, 100.0)
    battery = bands["window.limited_by.battery"]
    assert (_v(battery["low"]), _v(battery["high"])) == (0.0, 100.0)
    assert not any("limit_spans" in k for k in bands)
    assert bands["added.0.range_added"]["label"] == "range added in 5 min"


def test_a_peak_power_window_that_ends_early_states_the_time_it_charged(run):
    """83.2 kWh at a 1000 kW peak (12.02 C) from 10 %: 10-50 % at the full rate and 50-80 % at 75 % of it
    take 0.4 / 12.02 h + 0.3 / (0.75 x 12.02) h = 3.994 min, so the 10 -> 80 % window ends before the 5 min;
    its average is 58.24 kWh over those 3.994 min (875 kW), not over 5 min (698.9 kW, as it read)."""
    c_peak = 1000 / 83.2                                                   # 1/h
    minutes = (0.4 / c_peak + 0.3 / (0.75 * c_peak)) * 60
    d = _verdict(run, "range-added", "time=5 min", "power=1000 kW", "power_kind=peak", "pack_energy=83.2 kWh",
                 "from_soc=10 %", "to_soc=80 %", "consumption=150 Wh/km", "--asserted", "400 km")
    note = next(a for a in d["assumptions"] if "is the peak" in a)
    assert f"to 80 % (its end) in {minutes:.4g} min of the 5 min: 58.24 kWh added, " \
           f"{0.7 * 83.2 / (minutes / 60):.4g} kW average" in note


def test_a_charge_in_a_vehicle_warns_as_range_does(run):
    """The range added rests on the vehicle's consumption at the mass of the pack; charge now says what
    range says of that vehicle. Hand calculation: 400 kWh of huineng-llcb (321 Wh/kg, 0.70 cell-to-pack):
    400 / (0.321 x 0.7) = 1780 kg of pack; 1270 + 1780 + 150 = 3200 kg, above the mid-sedan's 2232 kg
    max gross mass. And the motor: the heavy truck on WLTC asks its motor for more than its rating, as the
    range command warns at the same mass (both warnings were printed by range and left out by charge)."""
    import re

    pack = 400 / (0.321 * 0.7)
    total = 1270 + pack + 150
    d = _json(run, "huineng-llcb", "-v", "mid-sedan", "--pack-energy", "400 kWh", "--to", "80 %", "--time", "1 h",
              "--format", "json")
    assert f"vehicle mass {total:.0f} kg is above mid-sedan's max gross mass 2232 kg" in d["warnings"]
    assert f"the {pack:.0f} kg pack outweighs the rest of the vehicle (1270 kg)" in d["warnings"]
    d = _json(run, "huineng-llcb", "-v", "heavy-truck", "-c", "wltp", "--to", "80 %", "--time", "1 h",
              "--format", "json")
    motor = [a for a in d["warnings"] if "cannot follow" in a]
    assert len(motor) == 1
    mass = re.search(r"at (\d+) kg", motor[0]).group(1)          # the pack of the reference energy
    r = run("range", "huineng-llcb", "-v", "heavy-truck", "-c", "wltp", "--pack-energy", "621 kWh",
            "--format", "json")
    assert r.exit_code == 0, r.stderr
    ranged = json.loads(r.stdout)
    assert f"{ranged['results']['vehicle_mass']['value']:.0f}" == mass
    assert motor[0].removeprefix("warning: ") in ranged["warnings"]


def test_curve_bands_name_each_figure_as_the_curve_table_does(run):
    """charge --charger --bands named its rows from JSON keys, 'average power battery', 'peak from soc',
    'share of the time decided by battery', where the table without --bands says 'average power at the
    battery', 'peak held from' and 'cell C-rate (taper)': the same figures under other names. The bands
    now use the table's words."""
    import csv
    import io

    args = ("charge", "huineng-llcb", "--vehicle", "mid-sedan", "--charger", "ccs-350kw")
    table = list(csv.reader(io.StringIO(run(*args, "-f", "csv").stdout)))
    labels = [row[0] for row in table[1:11]]          # time ... peak C-rate: the window's fixed rows
    assert labels[0] == "time" and labels[-1] == "peak C-rate (power / pack energy)"
    banded = json.loads(run(*args, "--bands", "-f", "json").stdout)["bands"]
    window = [b["label"] for key, b in banded.items()
              if key.startswith("window.") and not key.startswith(("window.from_soc", "window.to_soc",
                                                                   "window.limited_by"))]
    assert window == labels
    decided = next(row[1] for row in table if row[0] == "decided by (share of the time)")
    limits = [b["label"].removeprefix("share of the time decided by ") for key, b in banded.items()
              if key.startswith("window.limited_by.")]
    assert "cell C-rate (taper)" in limits and "charger current x pack voltage" in limits
    assert all(limit in ("charger power", "charger current x pack voltage", "cell C-rate (taper)") for limit in limits)
    assert "charger current x pack voltage" in decided


STOP_AT_95 = """kind: cell
id: stop95
name: A cell that takes no charge above 95 %
chemistry: NMC
electrical: {nominal_voltage: 3.6 V, capacity: 5 Ah}
physical: {mass: 70 g}
charging:
  max_c_rate: 3 C
  charge_curve:
    shape: step
    points:
      - {soc: 0 %, c_rate: 3 C}
      - {soc: 80 %, c_rate: 1 C}
      - {soc: 95 %, c_rate: 0 C}
"""


def test_a_curve_that_stops_at_95_percent_charges_below_it(run, tmp_path):
    """A cell's curve at 0 C from 95 % (no charge above it) refused every charge ('charging power is zero at
    95.0 % SoC'), 10 -> 80 % too. Below 95 % it charges: on ccs-350kw (500 A at 400 V: 200 kW, under the
    cell's 3 C x 75 kWh = 225 kW) 10 -> 80 % takes 0.7 x 75 kWh / 200 kW = 0.2625 h = 15.75 min; a window
    past 95 % is refused in one line."""
    import json

    cell = tmp_path / "stop95.yaml"
    cell.write_text(STOP_AT_95, encoding="utf-8")
    out = run("charge", str(cell), "-v", "mid-sedan", "--charger", "ccs-350kw", "-f", "json")
    assert out.exit_code == 0, out.stderr
    window = json.loads(out.stdout)["window"]
    assert window["time"]["value"] == pytest.approx(0.7 * 75 / 200 * 60, rel=1e-9)
    for soc in (["--to", "100 %"], ["--from", "96 %", "--to", "99 %"]):
        out = run("charge", str(cell), "-v", "mid-sedan", "--charger", "ccs-350kw", *soc)
        assert out.exit_code == 2 and out.stderr.count("\n") == 1
        assert "charging power is zero from 95.0 % SoC" in out.stderr and "reaches 95.0 % at most" in out.stderr


def test_implied_past_where_the_own_curve_falls_to_zero(run, write):
    """Bug fix: a cell whose own charge curve is 0 C from 95 % (charged along since this pass) made
    `charge --implied` exit 2 on a claim to 100 % ("charging power is zero from 95.0 % SoC"), every other
    claim unlisted. Such a claim needs no finite peak: 'none' (JSON null) and a note; a claim below 95 %
    is read as before. Step curve 2 C to 40 %, 3 C to 95 %: share 2/3 then 1; 10 -> 80 % in 12 min (0.2 h):
    (0.3 / (2/3) + 0.4 / 1) / 0.2 = 4.25 C."""
    path = _cell(write, "  charge_curve:\n    shape: step\n    points:\n      - {soc: 0 %, c_rate: 2 C}\n"
                        "      - {soc: 40 %, c_rate: 3 C}\n      - {soc: 95 %, c_rate: 0 C}\n"
                        "  claims:\n    - {from_soc: 10 %, to_soc: 80 %, time: 12 min}\n"
                        "    - {from_soc: 10 %, to_soc: 100 %, time: 30 min}")
    d = _json(run, path, "--implied", "--format", "json")
    below, past = d["claims"]
    assert _v(below["peak_c_rate"]) == pytest.approx((0.3 / (2 / 3) + 0.4) / 0.2, rel=1e-6)
    assert _v(past["average_c_rate"]) == pytest.approx(0.9 / 0.5, rel=1e-12)
    assert past["peak_c_rate"] is None and past["peak_power"] is None
    assert any("is 0 from 95 %" in n and "no peak C-rate" in n for n in d["assumptions"])
    table = run("charge", path, "--implied")
    assert table.exit_code == 0
    (row,) = [line for line in table.stdout.splitlines() if "100 % in 30 min" in line]
    assert row.split()[-2:] == ["none", "none"]


@pytest.mark.parametrize("charger", [{}, {"charger": "ccs-350kw"}])
def test_json_gives_the_vehicles_warnings_under_warnings(run, charger):
    """`charge -f json` put the vehicle's warnings (heavy-truck cannot follow WLTC class 3b) among its
    `assumptions` as 'warning: ...' strings and had no `warnings` key, while `range`, `tradeoff` and
    `batcalc.charge(...).warnings` give them under `warnings`. The JSON now has `warnings`, the same texts
    as the API's, and `assumptions` without them; the table still shows each as a 'warning:' note."""
    import batcalc

    args = ["huineng-llcb", "--vehicle", "heavy-truck", "--cycle", "wltp"]
    if charger:
        args += ["--charger", charger["charger"]]
    d = _json(run, *args, "--format", "json")
    api = batcalc.charge("huineng-llcb", vehicle="heavy-truck", cycle="wltp", **charger)
    assert d["warnings"] == api.warnings and any("cannot follow WLTC class 3b" in w for w in d["warnings"])
    assert not any(a.startswith("warning") for a in d["assumptions"])
    table = run("charge", *args).stdout
    assert all(f"  warning: {w}" in table.splitlines() for w in d["warnings"])
