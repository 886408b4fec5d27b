"""The vehicle commands: range ratings, normalise, consumption, show for vehicles and cycles, and the
--extra-mass, --ambient and --altitude options. Expected numbers come from Consumption directly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

MID_SEDAN_MASS = 1270.0 + 480.0 + 150.0     # without battery + reference pack + payload, kg (the spec)
WH_PER_KM = 3.6                             # J/m per Wh/km


#: A vehicle given only by a measured consumption (no road load).
MEASURED = """
    kind: vehicle
    id: measured
    name: Measured car
    mass_without_battery: 1400 kg
    payload: 100 kg
    reference_pack: {energy: 60 kWh, mass: 400 kg}
    measured_consumption: {value: 150 Wh/km, at_mass: 1900 kg, per_100kg: 3 Wh/km, cycle: WLTP}
    """

def _consumption(vehicle_id: str, cycle: str, mass: float, temperature=None, altitude=None) -> float:
    from batcalc.physics.cycles import get_cycle
    from batcalc.physics.vehicle import Consumption, road_load_of
    from batcalc.spec.catalog import load

    return Consumption(road_load_of(load(vehicle_id, "vehicle"), temperature, altitude), get_cycle(cycle))(mass)


def _json(r):
    assert r.exit_code == 0, r.stdout + r.stderr
    return json.loads(r.stdout)


# --- normalise ---------------------------------------------------------------------------------------------

def test_normalise_is_value_times_consumption_ratio(run):
    data = _json(run("normalise", "1000 km", "--from", "cltc", "--to", "wltp", "--vehicle", "mid-sedan", "-f", "json"))
    ratio = _consumption("mid-sedan", "cltc-p", MID_SEDAN_MASS) / _consumption("mid-sedan", "wltc-3b", MID_SEDAN_MASS)
    assert data["ratio"] == pytest.approx(ratio, rel=1e-9)
    assert data["range"] == {"value": pytest.approx(1000 * ratio, rel=1e-9), "unit": "km"}
    assert data["band"]["low"] == pytest.approx(0.78) and data["band"]["high"] == pytest.approx(0.88)
    assert data["inside_band"] is (0.78 <= ratio <= 0.88)


def test_normalise_epa_uses_the_label_formula_and_inverts_the_band(run):
    data = _json(run("normalise", "400 km", "--from", "epa", "--to", "wltp", "--vehicle", "compact-car", "-f", "json"))
    m = 1750.0
    c_epa = 1 / (0.7 * (0.55 / _consumption("compact-car", "udds", m) + 0.45 / _consumption("compact-car", "hwfet", m)))
    assert data["ratio"] == pytest.approx(c_epa / _consumption("compact-car", "wltc-3b", m), rel=1e-9)
    assert data["band"]["inverted"] is True
    assert data["band"]["low"] == pytest.approx(1 / 0.92) and data["band"]["high"] == pytest.approx(1 / 0.86)


def test_normalise_note_when_outside_the_band(run):
    r = run("normalise", "400 km", "--from", "epa", "--to", "wltp", "--vehicle", "compact-car")
    ratio = _json(run("normalise", "400 km", "--from", "epa", "--to", "wltp", "--vehicle", "compact-car",
                      "-f", "json"))["ratio"]
    outside = not 1 / 0.92 <= ratio <= 1 / 0.86
    assert ("is above the published band" in r.stdout or "is below the published band" in r.stdout) == outside


def test_normalise_truck_and_any_cycle_have_no_band(run):
    data = _json(run("normalise", "300 km", "--from", "wltp", "--to", "80 km/h", "--vehicle", "heavy-truck",
                     "-f", "json"))
    assert data["band"] is None and data["to"] == "constant 80 km/h"
    r = run("normalise", "300 km", "--from", "wltp", "--to", "cltc", "--vehicle", "heavy-truck")
    assert "no published band" in r.stdout


def test_normalise_json_carries_the_notes(run):
    """`normalise -f json` gave a truck's band as null but not why: the table's notes (the ratio's
    consumptions, and that the published bands are light-duty cars') were missing from the JSON, which the
    API's `NormaliseResult.notes` carry."""
    import batcalc

    args = ("normalise", "500 km", "--from", "epa", "--to", "wltp", "--vehicle", "heavy-truck")
    data, table = _json(run(*args, "-f", "json")), run(*args).stdout
    m = 18100.0 + 3900.0 + 18000.0           # without battery + reference pack + payload, kg (the spec)
    c_epa = 1 / (0.7 * (0.55 / _consumption("heavy-truck", "udds", m) + 0.45 / _consumption("heavy-truck", "hwfet", m)))
    c_wltp = _consumption("heavy-truck", "wltc-3b", m)
    formula, band = data["notes"]
    assert f"= {c_epa / WH_PER_KM:.0f} Wh/km / {c_wltp / WH_PER_KM:.0f} Wh/km" in formula
    assert "light-duty" in band and "class heavy-truck" in band
    assert all(f"  {note}" in table.splitlines() for note in data["notes"])       # the table's own lines
    api = batcalc.normalise("500 km", "heavy-truck", from_rating="epa", to_rating="wltp")
    assert [n for n in api.notes if not n.startswith("warning: ")][:2] == data["notes"]
    assert data["warnings"] == api.warnings and len(api.warnings) == 4      # not a car; UDDS, HWFET and WLTC


@pytest.mark.parametrize("vehicle", ["heavy-truck", "medium-truck", "light-truck", "mid-sedan"])
def test_normalise_warns_that_a_truck_has_no_car_rating(run, vehicle):
    """`range` shows no WLTP / EPA / CLTC / NEDC rating for a truck ("they are light-duty car ratings") and a
    ratings claim says so, but `normalise --from epa --to wltp -v heavy-truck` converted between them with
    only a note on the bands. It now warns when either side is one of those ratings and the vehicle is not
    a car; between two plain cycles (udds -> 80 km/h) and for a car it does not."""
    import batcalc
    from batcalc.physics.vehicle import load_vehicle

    kind = load_vehicle(vehicle).spec.vehicle_class
    truck = kind not in ("car", "suv")
    for src, dst, rated in (("epa", "wltp", True), ("80 km/h", "cltc", True), ("udds", "80 km/h", False)):
        data = _json(run("normalise", "300 km", "--from", src, "--to", dst, "--vehicle", vehicle, "-f", "json"))
        said = [w for w in data["warnings"] if "light-duty car ratings" in w]
        assert said == ([f"the WLTP, EPA label, CLTC and NEDC ratings are light-duty car ratings and {vehicle} is a "
                         f"{kind}: the ratio is that of the car ratings' cycles driven by it, not of ratings "
                         f"published for it"] if truck and rated else []), (src, dst)
        api = batcalc.normalise("300 km", vehicle, from_rating=src, to_rating=dst)
        assert api.warnings == data["warnings"]
    ranged = _json(run("range", "eve-lf230", "--vehicle", vehicle, "-f", "json"))
    assert (ranged["ratings"] == {}) is truck     # range, too, gives a truck no car rating


@pytest.mark.parametrize("args", [
    ("range", "catl-shenxing-lfp", "--vehicle", "mid-sedan"),
    ("range", "catl-shenxing-lfp", "--vehicle", "heavy-truck", "--pack-energy", "600 kWh"),
    ("tradeoff", "tesla-4680", "catl-shenxing-lfp", "--vehicle", "mid-sedan", "--hold", "energy"),
    ("tradeoff", "catl-shenxing-lfp", "tesla-4680", "--vehicle", "light-truck", "--hold", "range"),
])
def test_a_cell_without_a_density_is_refused_saying_what_to_do(run, args):
    """Every range and tradeoff of the one catalogue cell without a gravimetric density (1,812 runs of the
    catalogue matrix) was refused with what is missing but not what to do: "(needs energy and mass)". The
    one line now says a pack of it has no mass and which spec figures would give one."""
    import batcalc

    r = run(*args)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("batcalc: error: catl-shenxing-lfp gives no gravimetric energy "
                                                   "density (Wh/kg)")
    assert lines[0].endswith("so a pack of it has no mass: use a cell spec that gives energy_density.gravimetric, "
                             "or energy and mass (docs/spec-format.md)")
    with pytest.raises(batcalc.BatcalcError, match="use a cell spec that gives energy_density.gravimetric"):
        batcalc.range_of("catl-shenxing-lfp", "mid-sedan")


def test_normalise_csv_and_imperial(run):
    r = run("normalise", "600 mi", "--from", "nedc", "--to", "wltp", "--vehicle", "mid-sedan", "-f", "csv", "-u",
            "imperial")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["quantity", "value", "unit"] and rows[1][1:] == ["600", "mi"]


@pytest.mark.parametrize("args, fragment", [
    (["300 km", "--from", "wltp", "--to", "jc08"], "--to: unknown cycle"),
    (["300 km", "--from", "bogus", "--to", "wltp"], "--from: unknown cycle"),
    (["300 kg", "--from", "wltp", "--to", "cltc"], "RANGE:"),
    (["300 km", "--from", "wltp", "--to", "wltc"], "the same rating"),
    (["-5 km", "--from", "wltp", "--to", "cltc"], "positive"),
])
def test_normalise_bad_input(run, args, fragment):
    r = run("normalise", *args[:1], *args[1:], "--vehicle", "mid-sedan") if not args[0].startswith("-") else \
        run("normalise", "--vehicle", "mid-sedan", *args[1:], "--", args[0])
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and fragment in r.stderr, r.stderr


# --- range ratings -----------------------------------------------------------------------------------------

def test_range_prints_ratings_matching_the_cycle_ranges(run):
    base = ["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "-f", "json"]
    data = _json(run(*base))
    udds = _json(run(*base, "--cycle", "udds"))["results"]["range"]["value"]
    hwfet = _json(run(*base, "--cycle", "hwfet"))["results"]["range"]["value"]
    cltc = _json(run(*base, "--cycle", "cltc"))["results"]["range"]["value"]
    ratings = data["ratings"]
    assert ratings["wltp"]["value"] == pytest.approx(data["results"]["range"]["value"], rel=1e-12)
    assert ratings["epa"]["value"] == pytest.approx(0.7 * (0.55 * udds + 0.45 * hwfet), rel=1e-12)
    assert ratings["cltc"]["value"] == pytest.approx(cltc, rel=1e-12)
    table = run(*base[:-2]).stdout
    for label in ("WLTP rating", "EPA label (two-cycle)", "CLTC rating", "NEDC rating"):
        assert label in table


def test_range_trucks_get_no_car_ratings(run):
    r = run("range", "gac-aion-ssb-350", "--vehicle", "heavy-truck")
    assert "EPA label" not in r.stdout.split("\n\n")[1] and "light-duty car ratings" in r.stdout
    assert _json(run("range", "gac-aion-ssb-350", "--vehicle", "heavy-truck", "-f", "json"))["ratings"] == {}


@pytest.mark.parametrize("vehicle", ["heavy-truck", "mid-sedan"])
def test_range_json_carries_the_notes_on_its_ratings(run, vehicle):
    """JSON gave a truck's ratings as {} and a car's with no word of how they were found, where the table
    says why there are none (light-duty car ratings) and the EPA label's method; the notes are JSON's
    'ratings_notes' now, the same texts as the table's."""
    args = ("range", "gac-aion-ssb-350", "--vehicle", vehicle)
    notes = _json(run(*args, "-f", "json"))["ratings_notes"]
    table = run(*args).stdout
    assert notes and all(f"  {n}" in table.splitlines() for n in notes)
    assert any(("light-duty car ratings" if vehicle == "heavy-truck" else "EPA label = 0.7 x") in n for n in notes)


# --- consumption -------------------------------------------------------------------------------------------

def test_consumption_at_the_reference_pack_mass(run):
    data = _json(run("consumption", "--vehicle", "mid-sedan", "--cycle", "udds", "-f", "json"))
    c = _consumption("mid-sedan", "udds", MID_SEDAN_MASS)
    res = data["results"]
    assert res["vehicle_mass"]["value"] == MID_SEDAN_MASS
    assert res["consumption"]["value"] == pytest.approx(c / WH_PER_KM, rel=1e-12)
    per_100 = _consumption("mid-sedan", "udds", MID_SEDAN_MASS + 100) - c
    assert res["consumption_per_100kg"]["value"] == pytest.approx(per_100 / WH_PER_KM, rel=1e-9)
    parts = sum(p["value"] for p in data["breakdown"].values())
    assert parts == pytest.approx(c / WH_PER_KM, rel=1e-9)
    assert set(data["breakdown"]) == {"rolling", "aerodynamic", "auxiliaries",
                                      "acceleration and braking, net of regeneration"}


def test_consumption_extra_mass_and_default_cycle(run):
    data = _json(run("consumption", "--vehicle", "mid-sedan", "--extra-mass", "200 kg", "-f", "json"))
    assert data["results"]["vehicle_mass"]["value"] == MID_SEDAN_MASS + 200
    assert data["results"]["consumption"]["value"] == pytest.approx(
        _consumption("mid-sedan", "wltc-3b", MID_SEDAN_MASS + 200) / WH_PER_KM, rel=1e-12)
    assert any("extra mass 200 kg" in a for a in data["ambient"])


@pytest.mark.parametrize("ambient", ["-7 °C", "-7 degC", "266.15 K", "19.4 °F"])
def test_consumption_ambient_and_altitude_set_the_air_density(run, ambient):
    data = _json(run("consumption", "--vehicle", "mid-sedan", "--cycle", "hwfet", "--ambient", ambient,
                     "--altitude", "1500 m", "-f", "json"))
    expected = _consumption("mid-sedan", "hwfet", MID_SEDAN_MASS, 266.15, 1500.0)
    assert data["results"]["consumption"]["value"] == pytest.approx(expected / WH_PER_KM, rel=1e-9)
    assert expected != pytest.approx(_consumption("mid-sedan", "hwfet", MID_SEDAN_MASS), rel=1e-3)


def test_consumption_default_ambient_is_stated(run):
    r = run("consumption", "--vehicle", "mid-sedan")
    assert "ambient 20 °C (default) at sea level (default): air density 1.204 kg/m^3" in r.stdout


def test_the_ambient_is_stated_in_the_unit_system(run):
    # the same conditions given in metric, stated back in imperial: -7 °C = 19.4 °F, 1500 m = 4921 ft,
    # 100 kg = 220.5 lb (1 lb = 0.45359237 kg, 1 ft = 0.3048 m)
    data = _json(run("consumption", "--vehicle", "mid-sedan", "--ambient", "-7 °C", "--altitude", "1500 m",
                     "--extra-mass", "100 kg", "-u", "imperial", "-f", "json"))
    text = " ".join(data["ambient"])
    assert f"ambient {(-7 * 9 / 5 + 32):.1f} °F at {1500 / 0.3048:.0f} ft" in text
    assert f"extra mass {100 / 0.45359237:.1f} lb" in text and " kg " not in text.replace("kg/m^3", "")
    metric = " ".join(_json(run("consumption", "--vehicle", "mid-sedan", "--ambient", "-7 °C", "--altitude",
                                "1500 m", "-f", "json"))["ambient"])
    assert "ambient -7.0 °C at 1500 m" in metric
    assert "ambient 68 °F (default)" in run("consumption", "--vehicle", "mid-sedan", "-u", "imperial").stdout


def test_consumption_imperial_and_formats(run):
    r = run("consumption", "--vehicle", "mid-sedan", "-u", "imperial")
    assert "Wh/mi" in r.stdout and "lb" in r.stdout
    rows = list(csv.reader(io.StringIO(run("consumption", "--vehicle", "mid-sedan", "-f", "csv").stdout)))
    assert rows[0] == ["quantity", "value", "unit"] and len(rows) > 5
    assert run("consumption", "--vehicle", "mid-sedan", "-f", "markdown").stdout.startswith("**consumption of")


@pytest.mark.parametrize("args, fragment", [
    (["--ambient", "5 kg"], "--ambient: '5 kg' is not a temperature"),
    (["--ambient", "-300 °C"], "below absolute zero"),
    (["--ambient", "-273.15 °C"], "--ambient: '-273.15 °C' is at absolute zero"),     # was "below"
    (["--ambient", "0 K"], "--ambient: '0 K' is at absolute zero"),
    (["--ambient", "1 K"], "ambient temperature -272.1 °C is outside -123..77 °C"),   # was "... C ... C"
    (["--ambient", "100 °C"], "--ambient:"),
    (["--ambient", "warm"], "--ambient:"),
    (["--altitude", "20 km"], "--altitude:"),
    (["--altitude", "2 kg"], "--altitude:"),
    (["--extra-mass", "-5 kg"], "--extra-mass:"),
    (["--extra-mass", "5 km"], "--extra-mass:"),
    (["--cycle", "jc08"], "unknown cycle"),
])
def test_vehicle_options_bad_input(run, args, fragment):
    for command in (["consumption"], ["range", "gac-aion-ssb-350"], ["normalise", "500 km", "--from", "cltc",
                                                                    "--to", "wltp"],
                    ["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350"]):
        if command[0] == "normalise" and args[0] == "--cycle":
            continue
        r = run(*command, "--vehicle", "mid-sedan", *args)
        assert r.exit_code == 2, (command, args, r.stdout)
        assert len(r.stderr.strip().splitlines()) == 1 and fragment in r.stderr, (command, r.stderr)


#: A vehicle that gives only a measured consumption (200 Wh/km at 2900 kg, 5 Wh/km per 100 kg).
MEASURED_VAN = """
        kind: vehicle
        id: measured
        name: Measured van
        mass_without_battery: 2000 kg
        payload: 500 kg
        reference_pack: {energy: 60 kWh, mass: 400 kg}
        measured_consumption: {value: 200 Wh/km, at_mass: 2900 kg, per_100kg: 5 Wh/km}
        """


def test_consumption_measured_only_vehicle(run, write):
    """A vehicle that gives only a measured consumption: its figure, no breakdown; a cycle is refused."""
    path = write("measured.yaml", MEASURED_VAN)
    data = _json(run("consumption", "--vehicle", path, "-f", "json"))
    assert data["results"]["consumption"]["value"] == pytest.approx(200.0) and data["breakdown"] == {}
    r = run("consumption", "--vehicle", path, "--cycle", "udds")
    assert r.exit_code == 2 and "only a measured consumption" in r.stderr


def test_climate_with_a_measured_consumption_is_not_said_to_be_added(run, write):
    """--climate with a vehicle whose consumption is a measured figure: the figure is unchanged, so the
    note says the cabin power is not used (it said "added to the auxiliaries" over the same number)."""
    path = write("measured.yaml", MEASURED_VAN)
    for command in (("consumption",), ("range", "gac-aion-ssb-350")):
        data = _json(run(*command, "--vehicle", path, "--ambient", "-7 °C", "--climate", "resistance",
                         "-f", "json"))
        # 400 kg pack (consumption) or 60 kWh of 350 Wh/kg x 0.7 cells (range): c = 200 + 5 (m - 2900) / 100
        mass = data["results"]["vehicle_mass"]["value"]
        assert data["results"]["consumption"]["value"] == pytest.approx(200 + 5 * (mass - 2900) / 100)
        climate = [n for n in data["ambient"] if n.startswith("cabin climate")]
        assert len(climate) == 1 and "not used" in climate[0] and "added" not in climate[0], climate


def test_explain_of_a_measured_consumption_shows_its_formula(run, write):
    """--explain said 'c = 150 Wh/km (road load integrated over the cycle; measured figure)' of a measured
    consumption: no road load is integrated. It shows c0 + s (m - m0) / 100 kg with the numbers."""
    path = write("measured.yaml", MEASURED)
    out = run("range", "gac-aion-ssb-300", "--vehicle", path, "--pack-mass", "500 kg", "--explain").stdout
    step = next(line.strip() for line in out.splitlines() if line.strip().startswith("5."))
    # 1400 + 500 + 100 = 2000 kg: 150 + 3 x (2000 - 1900) / 100 = 153 Wh/km
    assert step.endswith("c = c0 + s (m - m0) / 100 kg = 150 Wh/km + 3 Wh/km x (2000 kg - 1900 kg) / 100 kg = "
                         "153 Wh/km (measured's measured figure)"), step
    assert "road load" not in step
    out = run("range", "gac-aion-ssb-300", "--vehicle", path, "--pack-mass", "500 kg", "--explain",
              "--units", "imperial").stdout
    step = next(line.strip() for line in out.splitlines() if line.strip().startswith("5."))
    assert "/ 100 lb" in step and "100 kg" not in step, step


# --- --extra-mass and --ambient on range and tradeoff -------------------------------------------------------

def test_range_and_tradeoff_extra_mass(run):
    base = _json(run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "-f", "json"))["results"]
    more = _json(run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--extra-mass", "300 kg",
                     "-f", "json"))["results"]
    assert more["vehicle_mass"]["value"] == base["vehicle_mass"]["value"] + 300
    assert more["consumption"]["value"] == pytest.approx(
        _consumption("mid-sedan", "wltc-3b", MID_SEDAN_MASS + 300) / WH_PER_KM, rel=1e-12)
    t = _json(run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--extra-mass",
                  "300 kg", "-f", "json"))
    assert t["rows"]["vehicle_mass"]["a"]["value"] == MID_SEDAN_MASS + 300


def test_range_ambient_cold_lowers_the_range(run):
    warm = _json(run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "-f", "json"))
    cold = _json(run("range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--ambient", "-20 °C", "-f", "json"))
    expected = _consumption("mid-sedan", "wltc-3b", MID_SEDAN_MASS, 253.15)
    assert cold["results"]["consumption"]["value"] == pytest.approx(expected / WH_PER_KM, rel=1e-12)
    assert cold["results"]["range"]["value"] < warm["results"]["range"]["value"]
    assert "ambient -20.0 °C at sea level (default)" in cold["ambient"][0]


# --- show ----------------------------------------------------------------------------------------------------

def test_catalogue_ids_are_unique_across_kinds():
    from batcalc.physics.cycles import ALIASES, cycle_ids
    from batcalc.spec.catalog import catalog_ids

    cells, vehicles = set(catalog_ids("cell")), set(catalog_ids("vehicle"))
    cycles = set(cycle_ids()) | set(ALIASES)
    assert not cells & vehicles and not cells & cycles and not vehicles & cycles


def test_show_vehicle(run):
    data = _json(run("show", "mid-sedan", "-f", "json"))
    assert data["kind"] == "vehicle"
    f = data["figures"]
    assert f["mass_without_battery"]["value"] == 1270 and f["reference_pack_mass"]["value"] == 480
    assert f["vehicle_mass"]["value"] == MID_SEDAN_MASS and f["motor_rated_power"]["value"] == 239
    assert "fastsim-wheel" in data["sources"]
    table = run("show", "specs/vehicles/heavy-truck.yaml").stdout
    assert table.startswith("Heavy truck") and "source " in table


def test_show_tells_a_vehicle_file_by_its_kind_however_it_is_written(run, tmp_path):
    """A YAML file is shown as what its `kind:` says, read once: a vehicle file in flow style (one
    mapping on one line, which a look at the file's first lines would take for a cell) is shown as the
    vehicle, as the same file in block style; a file of another kind is refused naming its kind."""
    import yaml

    block = Path("specs/vehicles/heavy-truck.yaml").read_text(encoding="utf-8")
    flow = tmp_path / "truck.yaml"
    flow.write_text(yaml.safe_dump(yaml.safe_load(block), default_flow_style=True, width=10**6), encoding="utf-8")
    assert len(flow.read_text(encoding="utf-8").strip().splitlines()) == 1
    shown = _json(run("show", str(flow), "-f", "json"))
    assert shown == _json(run("show", "specs/vehicles/heavy-truck.yaml", "-f", "json"))
    assert shown["kind"] == "vehicle"
    r = run("show", "specs/claims/seed-article.yaml")      # it said 'expected a cell spec', as if show took cells only
    assert r.exit_code == 2 and r.stderr.strip().splitlines() == [
        "specs/claims/seed-article.yaml:3:7: show takes a cell or vehicle spec or a trace (.csv), got kind 'claims' "
        "(check it with 'batcalc check FILE')"]


def test_a_wrong_kind_error_keeps_its_location_and_kind_when_copied_or_pickled(tmp_path):
    """WrongKindError (a vehicle file where a cell was asked for) carries the kind found, and keeps it
    and its file:line:col through copy and pickle, as a process pool or a logging handler would use it."""
    import copy
    import pickle

    from batcalc.errors import WrongKindError
    from batcalc.physics.cells import load_cell

    with pytest.raises(WrongKindError) as e:
        load_cell("specs/vehicles/heavy-truck.yaml")
    assert e.value.found == "vehicle" and str(e.value).startswith("specs/vehicles/heavy-truck.yaml:")
    for again in (copy.copy(e.value), pickle.loads(pickle.dumps(e.value))):
        assert type(again) is WrongKindError and str(again) == str(e.value) and again.found == "vehicle"


def test_show_cycle(run):
    from batcalc.physics.cycles import get_cycle

    data = _json(run("show", "udds", "-f", "json"))
    c = get_cycle("udds")
    assert data["kind"] == "cycle" and data["figures"]["duration"]["value"] == 1369
    assert data["figures"]["distance"]["value"] == pytest.approx(c.distance / 1000)
    assert "Apache-2.0" in data["provenance"]["licence"]
    assert _json(run("show", "wltp", "-f", "json"))["id"] == "wltc-3b"
    table = run("show", "specs/cycles/nedc.csv").stdout
    assert "a user's trace" in table


def test_show_cell_still_first_and_unknown_names(run):
    assert "gravimetric" in run("show", "gac-aion-ssb-350").stdout
    r = run("show", "no-such-thing")
    assert r.exit_code == 2 and "no vehicle or cycle" in r.stderr and len(r.stderr.strip().splitlines()) == 1


# --- --cycle help and completion -----------------------------------------------------------------------------

def test_cycle_help_and_completion_list_every_shipped_cycle(run):
    from batcalc.cli.common import _complete_cycles
    from batcalc.physics.cycles import SHORT_NAMES, cycle_ids

    assert set(SHORT_NAMES) == set(cycle_ids())
    r = run("range", "--help")
    text = " ".join(r.stdout.split())
    for name in ("wltp", "udds", "hwfet", "us06", "sc03", "cltc", "nedc", "FILE.csv"):
        assert name in text, name
    done = _complete_cycles("")
    assert {"wltp", "udds", "hwfet", "us06", "sc03", "cltc", "nedc"} <= set(done)
    assert _complete_cycles("us") == ["us06"]


def test_ambient_is_not_claimed_for_a_measured_consumption(run, write):
    path = write("measured.yaml", MEASURED_VAN)
    data = _json(run("consumption", "--vehicle", path, "--ambient", "-10 °C", "-f", "json"))
    assert "not used" in data["ambient"][0] and data["results"]["consumption"]["value"] == pytest.approx(200.0)
    r = run("range", "gac-aion-ssb-350", "--vehicle", path)
    assert r.exit_code == 0 and "ratings (WLTP, EPA label, CLTC, NEDC) not given: measured gives only a measured " \
                                "consumption (on a cycle it does not state" in r.stdout


@pytest.mark.parametrize("args", [
    ("consumption", "-v", "mid-sedan", "--pack-mass", "-1420 kg"),
    ("consumption", "-v", "mid-sedan", "--pack-mass", "0 kg"),
    ("normalise", "500 km", "--from", "wltp", "--to", "cltc", "-v", "mid-sedan", "--pack-mass", "-1000 kg"),
    ("consumption", "-v", "large-suv", "--bands", "--pack-mass", "-500 to 700 kg"),
    ("range", "gac-aion-ssb-350", "-v", "large-suv", "--bands", "--pack-mass", "-500 to 700 kg"),
])
def test_a_pack_mass_that_is_not_positive_is_refused_by_every_command(run, args):
    # consumption and normalise took -1420 kg as a vehicle of 0 kg (57.69 Wh/km, exit 0); range --bands
    # blamed the plausible assumptions ('narrow the range with --assume')
    r = run(*args)
    assert r.exit_code == 2 and r.stdout == ""
    low_end = " (its low end)" if " to " in args[-1] else ""          # a range is refused for its low end
    assert r.stderr.strip() == f"batcalc: error: --pack-mass: pack mass must be positive, got {args[-1]!r}{low_end}"


def test_a_pack_mass_check_refuses_what_is_not_a_positive_number():
    from batcalc.errors import BatcalcError
    from batcalc.physics.pack import check_pack_mass

    check_pack_mass(1e-9)
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(BatcalcError, match="pack mass must be positive"):
            check_pack_mass(bad)


@pytest.mark.parametrize("args", [
    ("range", "gac-aion-ssb-350", "-v", "mid-sedan"),
    ("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--hold", "range"),
    ("consumption", "-v", "mid-sedan"),
    ("show", "mid-sedan"),
])
def test_imperial_output_states_its_masses_areas_and_speeds_in_imperial(run, args):
    # the assumptions line said '1270 kg without battery', 'rotating mass 29.16 kg', 'C_d A 0.511 m^2' and
    # '~15 km/h' in imperial output; the air density and g stay SI (kg/m^3, m/s^2) in both systems
    out = run(*args, "-u", "imperial").stdout
    # (a spec's own free text, its notes and the reasons of its assumptions, is shown as written)
    stripped = "\n".join(ln for ln in out.splitlines() if not ln.strip().startswith(("notes:", "assumption (")))
    stripped = stripped.replace("kg/m^3", "").replace("m/s^2", "")
    assert " kg" not in stripped and "km/h" not in stripped and "m^2" not in stripped, out
    if args[0] != "show":
        assert f"mid-sedan: {1270 / 0.45359237:.0f} lb without battery" in out        # 2800 lb
    metric = run(*args).stdout
    assert "fading below ~15 km/h" in metric and "fading below ~9 mph" in out


def test_the_mass_sensitivity_is_per_100_lb_in_imperial(run):
    # per 100 lb = per 100 kg x 0.45359237; Wh/mi = Wh/km x 1.609344
    metric = _json(run("consumption", "-v", "mid-sedan", "-f", "json"))["results"]["consumption_per_100kg"]
    imperial = _json(run("consumption", "-v", "mid-sedan", "-u", "imperial", "-f", "json"))["results"]
    assert imperial["consumption_per_100lb"]["unit"] == "Wh/mi"
    assert imperial["consumption_per_100lb"]["value"] == pytest.approx(metric["value"] * 0.45359237 * 1.609344,
                                                                        rel=1e-9)


@pytest.mark.parametrize("args, option, assume", [
    (("range", "gac-aion-ssb-350", "-v", "mid-sedan"), ("--f-usable", "80 %"), "usable-fraction=90 %"),
    (("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan"), ("--f-mass", "0.8"),
     "cell-to-pack-mass=0.75"),
    (("consumption", "-v", "mid-sedan"), ("--ambient", "-7 °C"), "ambient-temperature=0 °C"),
    (("charge", "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--to", "80 %", "--time", "20 min"),
     ("--charger-efficiency", "95 %"), "charger-efficiency=90 %"),
])
def test_an_assumption_set_by_an_option_and_by_assume_is_refused(run, args, option, assume):
    # the option won and the --assume was dropped without a word (range used 80 % and said nothing)
    r = run(*args, *option, "--assume", assume)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip() == (f"batcalc: error: --assume {assume.split('=')[0]}: {option[0]} {option[1]!r} sets "
                                f"it here; give one of them")
    assert run(*args, *option).exit_code == 0 and run(*args, "--assume", assume).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (("consumption", "-v", "mid-sedan", "--altitude", "1300"),
     "--altitude: '1300' has no unit: expected a length, e.g. '1300 m'"),
    (("normalise", "1000", "--from", "cltc", "--to", "wltp", "-v", "mid-sedan"),
     "RANGE: '1000' has no unit: expected a length, e.g. '1000 km'"),
    (("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--hold", "range", "--range", "600 kg"),
     "--range: '600 kg' is not a length: expected units like km, got a mass"),
])
def test_a_range_or_an_altitude_is_asked_for_in_km_or_m_not_mm(run, args, message):
    # a length's example unit is mm (cell sizes): '1300 mm' was the example for an altitude and a range
    r = run(*args)
    assert r.exit_code == 2 and r.stderr.strip() == f"batcalc: error: {message}"


def test_a_length_still_shows_mm_where_no_option_says_otherwise():
    from batcalc.errors import UnitError
    from batcalc.units import parse_value

    with pytest.raises(UnitError, match=r"e.g. '65 mm'"):
        parse_value("65", "length")
    with pytest.raises(UnitError, match=r"e.g. '65 km'"):
        parse_value("65", "length", "km")
    with pytest.raises(UnitError, match=r"expected units like km, got a mass"):
        parse_value("3 lb", "length", "km")
    assert parse_value("65 km", "length", "km").si == 65e3


def test_show_gives_coast_down_forces_in_the_unit_system(run, write):
    """show --units imperial gave the coast-down rows in N, N s/m, N s^2/m^2 beside the model note's lbf."""
    path = write("cd.yaml", """
        kind: vehicle
        id: cdv
        name: Coast-down car
        mass_without_battery: 1400 kg
        payload: 100 kg
        coast_down: {f0: 120 N, f1: 0.5 N/(km/h), f2: 0.025 N/(km/h)^2}
        """)
    lbf, mph = 4.4482216152605, 0.44704
    figures = _json(run("show", path, "--units", "imperial", "-f", "json"))["figures"]
    assert figures["f0"]["unit"] == "lbf" and figures["f0"]["value"] == pytest.approx(120 / lbf)
    # 0.5 N/(km/h) = 1.8 N s/m; per mph: x 0.44704 m/s
    assert figures["f1"]["unit"] == "lbf/mph" and figures["f1"]["value"] == pytest.approx(1.8 * mph / lbf)
    assert figures["f2"]["unit"] == "lbf/mph^2" and figures["f2"]["value"] == pytest.approx(0.324 * mph ** 2 / lbf)
    metric = _json(run("show", path, "-f", "json"))["figures"]
    assert (metric["f1"]["value"], metric["f1"]["unit"]) == (pytest.approx(1.8), "N s/m")


def test_show_of_a_measured_consumption_gives_its_mass_and_slope_and_no_road_load_model(run, write):
    """show of a vehicle given only by a measured consumption left out the mass it was measured at and its
    slope per 100 kg (README: show gives every figure), and printed a road-load model of zeros ('C_rr 0,
    C_d A 0.000 m^2 ... motor-and-inverter efficiency 90 %') that no result uses."""
    path = write("measured.yaml", MEASURED)
    data = _json(run("show", path, "-f", "json"))
    f = data["figures"]
    assert (f["measured_at_mass"]["value"], f["measured_at_mass"]["unit"]) == (1900, "kg")
    assert (f["measured_consumption_per_100kg"]["value"], f["measured_consumption_per_100kg"]["unit"]) == (
        pytest.approx(3), "Wh/km")
    assert data["model"] == ["none: the measured consumption (no road load given, so no drive cycle can be run)"]
    text = run("show", path).stdout
    assert "C_d A" not in text and "C_rr" not in text
    imperial = _json(run("show", path, "-f", "json", "--units", "imperial"))["figures"]
    # 1900 kg / 0.45359237 = 4188.8 lb; 3 Wh/km per 100 kg = 3 x 0.45359237 x 1.609344 = 2.190 Wh/mi per 100 lb
    assert imperial["measured_at_mass"]["value"] == pytest.approx(1900 / 0.45359237)
    assert imperial["measured_consumption_per_100lb"]["value"] == pytest.approx(3 * 0.45359237 * 1.609344)
    # a vehicle with a road load keeps its model note (range --cycle runs it)
    assert any("C_d A" in n for n in _json(run("show", "mid-sedan", "-f", "json"))["model"])


def test_show_vehicle_gives_each_figure_s_source_and_grade(run, write):
    """``show VEHICLE`` gave value and unit only: nothing said that mid-sedan's masses are assumptions, nor
    where its road load comes from, and a default the file leaves out read as the vehicle's own figure. Each
    row gives its source and grade (a default is an assumption), the notes give each assumption's reason,
    and JSON gives them under ``figure_sources``."""
    import json

    rows = {line[:46].strip(): line[46:].split() for line in run("show", "mid-sedan").stdout.splitlines()
            if line[:1].isalpha() and "  " in line}
    assert rows["mass without battery"][-1] == "assumption" and rows["drag coefficient C_d"][-2:] == [
        "fastsim-wheel", "reference"]
    assert rows["vehicle mass (with reference pack and payload)"][-2:] == ["derived", "assumption"]
    data = json.loads(run("show", "mid-sedan", "-f", "json").stdout)
    assert data["figure_sources"]["reference_pack_energy"] == {"source": "carshowroom-m3-2017", "grade": "press"}
    path = write("v.yaml", """
        kind: vehicle
        id: v
        name: V
        mass_without_battery: {value: 1500 kg, source: s}
        payload: {value: 100 kg, assumption: "a driver"}
        drag_coefficient: 0.3
        frontal_area: 2.3 m^2
        rolling_resistance: 0.008
        sources:
          - {id: s, title: S, url: "https://example.org", grade: press}
          - {id: t, title: T, url: "https://example.com", grade: datasheet}
        """)
    out = run("show", path)
    figures = json.loads(run("show", path, "-f", "json").stdout)["figure_sources"]
    assert figures["mass_without_battery"] == {"source": "s", "grade": "press"}
    assert figures["payload"] == {"source": None, "grade": "assumption"}
    assert figures["drag_coefficient"] == {"source": None, "grade": "unsourced"}    # two sources: none cited
    assert figures["auxiliary_power"] == {"source": "default", "grade": "assumption"}
    assert "assumption (payload): a driver" in out.stdout
