"""The Python API's charge along the curve: ``batcalc.charge(cell, charger=..., peak_c_rate=..., taper=...)``
against ``batcalc charge ... --format json`` (the same run, :func:`batcalc.report.charge.charge_run`), for
catalogue and file cells, vehicles in and out of their conditions, DC and AC chargers and the cell alone;
errors name the API's parameters."""

from __future__ import annotations

import json

import pytest

import batcalc as bc
from batcalc.api import ChargeCurveResult, ChargeResult
from batcalc.errors import BatcalcError

REL = 1e-12
#: The command line's option -> the API's parameter, where the notes name one.
SPELLED = {"--pack-voltage": "pack_voltage", "--pack-energy": "pack_energy", "--vehicle": "vehicle"}

OWN_CURVE_CELL = """kind: cell
id: own-curve
name: Own curve
chemistry: NMC
electrical:
  nominal_voltage: 3.6 V
  capacity: 50 Ah
  voltage_curve:
    points:
      - {soc: 0 %, voltage: 3.3 V}
      - {soc: 100 %, voltage: 4.1 V}
charging:
  charge_curve:
    shape: step
    points:
      - {soc: 0 %, c_rate: 2 C}
      - {soc: 40 %, c_rate: 3 C}
      - {soc: 70 %, c_rate: 1 C}
"""

CASES = [
    ("huineng-llcb", dict(pack_energy="75 kWh", pack_voltage="800 V", charger="ccs-350kw", from_soc="10 %",
                          to_soc="80 %"),
     ["--pack-energy", "75 kWh", "--pack-voltage", "800 V", "--charger", "ccs-350kw", "--from", "10 %",
      "--to", "80 %"]),
    ("huineng-llcb", dict(vehicle="mid-sedan", charger="ccs-350kw"), ["-v", "mid-sedan", "--charger", "ccs-350kw"]),
    ("catl-shenxing-lfp", dict(vehicle="large-suv", charger="ccs-180kw", from_soc=0.2, to_soc="90 %",
                               charger_efficiency="85 %"),
     ["-v", "large-suv", "--charger", "ccs-180kw", "--from", "20 %", "--to", "90 %", "--charger-efficiency", "85 %"]),
    ("gac-aion-ssb-350", dict(pack_energy="60 kWh", charger="ac-1ph-7kw", to_soc="100 %"),
     ["--pack-energy", "60 kWh", "--charger", "ac-1ph-7kw", "--to", "100 %"]),
    ("samsung-inr21700-50e", dict(vehicle="compact-car", peak_c_rate="2 C", taper="typical-dc-lfp"),
     ["-v", "compact-car", "--peak-c-rate", "2 C", "--taper", "typical-dc-lfp"]),
    ("tesla-4680", dict(vehicle="heavy-truck", charger="mcs", cycle="hwfet", from_soc="5 %"),
     ["-v", "heavy-truck", "--charger", "mcs", "--cycle", "hwfet", "--from", "5 %"]),
    ("gac-aion-ssb-300", dict(vehicle="mid-sedan", pack_energy="400 kWh", charger="ccs-400kw"),   # warns of the mass
     ["-v", "mid-sedan", "--pack-energy", "400 kWh", "--charger", "ccs-400kw"]),
    ("own-curve", dict(pack_energy="90 kWh", pack_voltage="800 V", charger="ccs-150kw"),
     ["--pack-energy", "90 kWh", "--pack-voltage", "800 V", "--charger", "ccs-150kw"]),
    ("own-curve", dict(pack_energy="90 kWh", peak_c_rate="2.5 C"),
     ["--pack-energy", "90 kWh", "--peak-c-rate", "2.5 C"]),
]


def _v(x: dict) -> float:
    return float(x["value"])


def _cell(cell: str, tmp_path) -> str:
    if cell != "own-curve":
        return cell
    path = tmp_path / "own-curve.yaml"
    path.write_text(OWN_CURVE_CELL, encoding="utf-8")
    return str(path)


def _compare(api: ChargeCurveResult, d: dict) -> None:
    """Every figure of the command's JSON against the API's, to 1e-12 relative (each worked out by both from
    one run, in different units: the JSON in display units, the API's Quantities converted by pint)."""
    w = d["window"]
    assert api.from_soc * 100 == pytest.approx(_v(w["from_soc"]), rel=REL)
    assert api.to_soc * 100 == pytest.approx(_v(w["to_soc"]), rel=REL)
    for key, unit in (("time", "min"), ("energy_added", "kWh"), ("average_power_battery", "kW"),
                      ("peak_power_battery", "kW"), ("average_power_grid", "kW"), ("peak_power_grid", "kW"),
                      ("average_c_rate", "1/h"), ("peak_c_rate", "1/h")):
        assert getattr(api, key).to(unit).magnitude == pytest.approx(_v(w[key]), rel=REL), key
    for key in ("peak_from_soc", "peak_to_soc"):
        assert getattr(api, key) * 100 == pytest.approx(_v(w[key]), rel=REL), key
    assert api.decided_by == w["decided_by"]
    assert {k: v * 100 for k, v in api.limited_by.items()} == pytest.approx(
        {k: _v(v) for k, v in w["limited_by"].items()}, rel=REL)
    assert [n for n, _, _ in api.limit_spans] == [s["limit"] for s in w["limit_spans"]]
    assert [x * 100 for _, a, b in api.limit_spans for x in (a, b)] == pytest.approx(
        [_v(s[k]) for s in w["limit_spans"] for k in ("from_soc", "to_soc")], rel=REL)
    assert len(api.added) == len(d["added"]) == 3
    for got, want in zip(api.added, d["added"], strict=True):
        assert got["minutes"].to("min").magnitude == pytest.approx(_v(want["minutes"]), rel=REL)
        assert got["soc_reached"] * 100 == pytest.approx(_v(want["soc_reached"]), rel=REL)
        assert got["energy_added"].to("kWh").magnitude == pytest.approx(_v(want["energy_added"]), rel=REL)
        if want["range_added"] is None:
            assert got["range_added"] is None
        else:
            assert got["range_added"].to(want["range_added"]["unit"]).magnitude == pytest.approx(
                _v(want["range_added"]), rel=REL)
    limit = d["cell_limit"]
    assert api.cell_limit["from"] == limit["from"] and api.cell_limit["taper"] == limit["taper"]
    assert api.cell_limit["text"] == limit["text"]
    if limit["peak_c_rate"] is None:
        assert api.cell_limit["peak_c_rate"] is None
    else:
        assert api.cell_limit["peak_c_rate"].to("1/h").magnitude == pytest.approx(_v(limit["peak_c_rate"]), rel=REL)
    assert api.charger == (None if d["charger"] is None else d["charger"]["id"])
    assert api.pack_energy.to("kWh").magnitude == pytest.approx(_v(d["pack"]["energy"]), rel=REL)
    assert api.pack_voltage.to("V").magnitude == pytest.approx(_v(d["pack"]["voltage"]), rel=REL)
    # the command's assumption texts, its options spelled as the API's parameters; its vehicle warnings
    # (its JSON's "warnings") are the API's warnings
    notes = d["assumptions"]
    for option, parameter in SPELLED.items():
        notes = [n.replace(option, parameter) for n in notes]
    assert api.assumptions == [n for n in notes if not n.startswith("warning: ")]
    assert api.warnings == d["warnings"] and not [n for n in notes if n.startswith("warning: ")]


@pytest.mark.parametrize("cell, kwargs, options", CASES, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_charge_along_the_curve_is_the_commands(run, tmp_path, cell, kwargs, options):
    path = _cell(cell, tmp_path)
    r = run("charge", path, *options, "--format", "json")
    assert r.exit_code == 0, r.stderr
    api = bc.charge(path, **kwargs)
    assert isinstance(api, ChargeCurveResult)
    _compare(api, json.loads(r.stdout))


def test_the_cases_cover_what_they_are_for(run, tmp_path):
    """The cases above reach each limit, a vehicle's range, a vehicle's warning, an own curve and the
    default pack voltage; so a figure the comparison skips cannot pass unseen."""
    results = [bc.charge(_cell(c, tmp_path), **k) for c, k, _ in CASES]
    assert {n for r in results for n in r.limited_by} == {"charger power", "charger current", "battery"}
    assert any(r.added[0]["range_added"] is not None for r in results)
    assert any(r.warnings for r in results) and any(r.cell_limit["taper"] is None for r in results)
    assert any(r.charger is None for r in results)
    assert {r.cell_limit["from"] for r in results} >= {"claim", "curve", "option", "none"}


def test_a_vehicle_in_its_conditions_as_the_commands_options(run):
    """with_conditions(ambient=, climate=) is --ambient and --climate: the range added in winter, the same time."""
    winter = bc.load_vehicle("mid-sedan").with_conditions(ambient="-7 °C", climate="heat-pump")
    api = bc.charge("huineng-llcb", vehicle=winter, charger="ccs-350kw")
    r = run("charge", "huineng-llcb", "-v", "mid-sedan", "--ambient", "-7 °C", "--climate", "heat-pump",
            "--charger", "ccs-350kw", "--format", "json")
    assert r.exit_code == 0, r.stderr
    _compare(api, json.loads(r.stdout))
    mild = bc.charge("huineng-llcb", vehicle="mid-sedan", charger="ccs-350kw")
    assert api.time == mild.time and api.added[0]["range_added"] < mild.added[0]["range_added"]


def test_the_figures_by_hand():
    """75 kWh at 800 V on ccs-350kw, a cell with no C-rate limit (gac-aion-ssb-350): 350 kW throughout
    (500 A x 800 V = 400 kW is above it), 10 -> 80 %: 0.7 x 75 kWh / 350 kW = 9 min, 4.667 C; from the grid
    350 / 0.9 kW; 5 min add 350 kW x 5/60 h = 29.17 kWh."""
    r = bc.charge("gac-aion-ssb-350", pack_energy="75 kWh", pack_voltage="800 V", charger="ccs-350kw")
    assert r.time.to("min").magnitude == pytest.approx(9.0, rel=1e-9)
    assert r.peak_power_battery.to("kW").magnitude == pytest.approx(350.0, rel=1e-12)
    assert r.average_power_grid.to("kW").magnitude == pytest.approx(350 / 0.9, rel=1e-9)
    assert r.average_c_rate.to("1/h").magnitude == pytest.approx(350 / 75, rel=1e-9)
    assert r.added[0]["energy_added"].to("kWh").magnitude == pytest.approx(350 * 5 / 60, rel=1e-9)
    assert r.decided_by == "charger power" and r.cell_limit["from"] == "none"


def test_without_curve_inputs_charge_stays_at_the_average_rate():
    """pack_voltage alone keeps the average rate (it sets the voltage the chargers deliver into), as before;
    a charger, a peak C-rate or a taper charges along the curve."""
    assert isinstance(bc.charge("catl-shenxing-lfp", pack_voltage="800 V", pack_energy="75 kWh"), ChargeResult)
    for extra in ({"charger": "ccs2"}, {"peak_c_rate": "4 C"}, {"taper": "typical-dc-lfp"}):
        assert isinstance(bc.charge("catl-shenxing-lfp", pack_energy="75 kWh", **extra), ChargeCurveResult)


@pytest.mark.parametrize("kwargs, options, api_message, cli_message", [
    (dict(charger="ccs2"), ["--charger", "ccs2"],
     "the charge curve needs a pack energy: give pack_energy or vehicle",
     "the charge curve needs a pack energy: give --pack-energy or --vehicle"),
    (dict(pack_energy="75 kWh", taper="typical-dc"), ["--pack-energy", "75 kWh", "--taper", "typical-dc"],
     "gac-aion-ssb-350 gives no charge C-rate (no rating, no claim): name a charger (charger) or a peak C-rate "
     "(peak_c_rate)",
     "gac-aion-ssb-350 gives no charge C-rate (no rating, no claim): name a charger (--charger) or a peak C-rate "
     "(--peak-c-rate)"),
    (dict(pack_energy="75 kWh", charger="ccs2", from_soc="85 %"),
     ["--pack-energy", "75 kWh", "--charger", "ccs2", "--from", "85 %"],
     "to_soc must be above from_soc (85 % -> 80 %; to_soc is 80 % when not given: give to_soc)",
     "--to must be above --from (85 % -> 80 %; --to is 80 % when not given: give --to)"),
    (dict(pack_energy="75 kWh", charger="ccs2", time="5 min"),
     ["--pack-energy", "75 kWh", "--charger", "ccs2", "--time", "5 min"],
     "time and power are for the average-rate charge; on a charge curve (charger, peak_c_rate, taper) the curve "
     "gives the time",
     "--time and --power are for the average-rate charge; on a charge curve (--charger, --peak-c-rate, --taper) "
     "the curve gives the time"),
    (dict(pack_energy="75 kWh", charger="ccs2", peak_c_rate="0 C"),
     ["--pack-energy", "75 kWh", "--charger", "ccs2", "--peak-c-rate", "0 C"],
     "peak_c_rate must be positive, got 0 C", "--peak-c-rate must be positive, got 0 C"),
    (dict(pack_energy="75 kWh", charger="ccs2", cycle="wltp"),
     ["--pack-energy", "75 kWh", "--charger", "ccs2", "--cycle", "wltp"],
     "cycle is the vehicle's drive cycle: give vehicle or drop cycle",
     "--cycle is the vehicle's drive cycle: give --vehicle or drop --cycle"),
])
def test_errors_name_the_apis_parameters_and_the_commands_options(run, kwargs, options, api_message, cli_message):
    with pytest.raises(BatcalcError) as info:
        bc.charge("gac-aion-ssb-350", **kwargs)
    assert str(info.value) == api_message
    r = run("charge", "gac-aion-ssb-350", *options)
    assert r.exit_code == 2 and r.stderr.strip() == f"batcalc: error: {cli_message}", r.stderr


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(charger=350), TypeError, "charger needs a charger's id"),
    (dict(taper=1), TypeError, "taper needs a taper's id"),
    (dict(charger="ccs2", peak_c_rate=4), TypeError, "peak_c_rate needs a C-rate with its unit"),
    (dict(charger="ccs2", peak_c_rate="4 kg"), BatcalcError, "peak_c_rate: '4 kg' is not a C-rate"),
    (dict(charger="no-such-charger"), BatcalcError, "no charger 'no-such-charger'"),
    (dict(taper="no-such-taper"), BatcalcError, "no taper 'no-such-taper'"),
])
def test_bad_curve_inputs_are_one_line_errors(kwargs, error, message):
    with pytest.raises(error) as info:
        bc.charge("huineng-llcb", pack_energy="75 kWh", **kwargs)
    assert message in str(info.value) and "\n" not in str(info.value)
