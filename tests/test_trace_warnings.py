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


def test_a_range_warns_in_the_unit_system_asked_for(run):
    metric = run("range", "catl-condensed", "-v", "medium-truck", "--cycle", "wltp")
    imperial = run("range", "catl-condensed", "-v", "medium-truck", "--cycle", "wltp", "-u", "imperial")
    line = next(w for w in imperial.stdout.splitlines() if "cannot follow" in w)
    kg = next(w for w in metric.stdout.splitlines() if "cannot follow" in w)
    assert " lb: " in line and " kg: " in kg
    # the same vehicle mass: 12000 kg = 26455 lb (0.45359237 kg/lb)
    assert "at 12000 kg" in kg and f"at {12000 / 0.45359237:.0f} lb" in line


def test_one_second_over_the_rating_is_warned_about():
    """compact-car (100 kW) on US06 at 1750 kg asks ~104.5 kW for one 1-s step: that is already a miss."""
    v = load_vehicle("compact-car")
    peak, over = v.consumption_model("us06").motor_demand(1750.0)
    assert over == 1.0 and peak > v.load.powertrain.rated_power
    (warning,) = trace_warnings(v, "us06", 1750.0)
    assert "for 1 s of the 600 s cycle" in warning


def test_normalise_warns_about_each_cycle_the_motor_cannot_follow(run):
    """normalise runs the vehicle on both ratings' cycles (EPA: UDDS and HWFET) and said nothing when its
    motor could not follow one, while range warned. By hand, the mid-sedan at 1900 kg on a constant
    250 km/h asks (m g C_rr + rho C_d A v^2 / 2) v / eta_trans = (1900 x 9.80665 x 0.007 + 1.204 x 0.5106 x
    69.44^2 / 2) x 69.44 / 0.98 = (130.4 + 1482.6) x 69.44 / 0.98 = 114.3 kW: under its 239 kW; at
    350 km/h: (130.4 + 2905.9) x 97.22 / 0.98 = 301.2 kW, over it, the whole hour. Only that cycle is
    warned about, in the text and in the JSON."""
    v = load_vehicle("mid-sedan")
    load, mass = v.load, 1900.0

    def demand(kmh: float) -> float:
        speed = kmh / 3.6
        return (mass * STANDARD_GRAVITY * load.c_rr + 0.5 * load.rho * load.cd_a * speed ** 2) * speed / 0.98

    assert load.powertrain.transmission_efficiency == 0.98 and load.powertrain.rated_power == 239e3
    assert demand(250) < 239e3 < demand(350)
    out = run("normalise", "500 km", "--from", "250 km/h", "--to", "350 km/h", "-v", "mid-sedan")
    assert out.exit_code == 0, out.stderr
    lines = [line.strip() for line in out.stdout.splitlines() if "cannot follow" in line]
    assert lines == [f"warning: mid-sedan cannot follow constant 350 km/h at 1900 kg: it asks its 239 kW motor "
                     f"for up to {demand(350) / 1e3:.4g} kW (x{demand(350) / 239e3:.3g}) for 3600 s of the 3600 s "
                     f"cycle; the consumption assumes the motor delivers it (a vehicle falls behind the trace "
                     f"instead)"]
    import json

    data = json.loads(run("normalise", "500 km", "--from", "350 km/h", "--to", "epa", "-v", "medium-truck",
                          "--format", "json").stdout)
    # the medium truck at 12000 kg: the 350 km/h hour, then the two cycles of the EPA label
    assert [w.split(" at ")[0] for w in data["warnings"] if "cannot follow" in w] == [
        "medium-truck cannot follow constant 350 km/h", "medium-truck cannot follow EPA UDDS",
        "medium-truck cannot follow EPA HWFET"]


@pytest.mark.parametrize("args", [("tradeoff", "eve-lf230", "eve-lf105", "-v", "medium-truck", "-c", "udds"),
                                  ("consumption", "-v", "medium-truck", "-c", "udds"),
                                  ("range", "eve-lf230", "-v", "medium-truck", "-c", "udds")])
def test_json_carries_the_warnings_the_table_prints(run, args):
    """tradeoff's and consumption's JSON left out the warnings their tables print (range's had them): a
    program reading the JSON could not tell that the medium truck cannot follow UDDS."""
    import json

    text = run(*args).stdout
    printed = [line.strip().removeprefix("warning: ") for line in text.splitlines()
               if line.strip().startswith("warning: ")]
    assert len(printed) == 1 and "medium-truck cannot follow EPA UDDS at 12000 kg" in printed[0]
    assert json.loads(run(*args, "--format", "json").stdout)["warnings"] == printed


@pytest.mark.parametrize("args", [
    ("range", "eve-lf230", "-v", "medium-truck", "-c", "udds"),
    ("tradeoff", "eve-lf230", "eve-lf105", "-v", "medium-truck", "-c", "udds"),
    ("consumption", "-v", "medium-truck", "-c", "udds"),
    ("normalise", "300 km", "--from", "epa", "--to", "us06", "-v", "medium-truck"),
    ("charge", "huineng-llcb", "-v", "medium-truck", "-c", "udds", "--to", "80 %", "--time", "1 h"),
    ("range", "eve-lf230", "-v", "mid-sedan", "--pack-mass", "3000 kg"),
])
def test_bands_keep_the_warnings_of_the_central_result(run, args):
    """--bands printed no warning at all, while the same command without it warned (a motor that cannot
    follow the cycle, a vehicle over its max gross mass); the bands now give the central point's warnings,
    the ones the command prints without --bands. By hand for the last: 1270 + 3000 + 150 = 4420 kg, above
    the mid-sedan's 2232 kg."""
    import json

    plain = json.loads(run(*args, "--format", "json").stdout)
    warned = plain.get("warnings") or [a.removeprefix("warning: ") for a in plain.get("assumptions", [])
                                       if a.startswith("warning: ")]
    assert warned
    banded = run(*args, "--bands", "--format", "json")
    assert banded.exit_code == 0, banded.stderr
    assert json.loads(banded.stdout)["warnings"] == warned
    text = run(*args, "--bands").stdout
    assert [line.strip() for line in text.splitlines() if "warning" in line] == \
        [f"warning (at the central point): {w}" for w in warned]
    if args[-1] == "3000 kg":
        assert "vehicle mass 4420 kg is above mid-sedan's max gross mass 2232 kg" in warned


def test_range_warns_about_the_rating_cycles_too(run):
    """range prints the WLTP, EPA label and CLTC ratings, each simulated on its own cycle, but warned only
    about the cycle the range ran on: a compact car with a 4000 kg pack on NEDC (which it can follow) got
    WLTP, EPA and CLTC ratings from cycles its 100 kW motor cannot follow, unsaid. The warnings are now
    those that `range` on each rating cycle gives at the same mass, each once."""
    import json

    def warnings(cycle: str) -> list[str]:
        out = run("range", "tesla-4680", "-v", "compact-car", "--pack-mass", "4000 kg", "-c", cycle,
                  "--format", "json")
        assert out.exit_code == 0, out.stderr
        return [w for w in json.loads(out.stdout)["warnings"] if "cannot follow" in w]

    own = {c: [w for w in warnings(c) if f"cannot follow {name} at" in w]
           for c, name in (("wltp", "WLTC class 3b"), ("udds", "EPA UDDS"), ("hwfet", "EPA HWFET"),
                           ("cltc", "CLTC-P"), ("nedc", "NEDC"))}
    assert own["nedc"] == [] and own["hwfet"] == [] and all(own[c] for c in ("wltp", "udds", "cltc"))
    assert warnings("nedc") == own["wltp"] + own["udds"] + own["cltc"]
    assert warnings("wltp") == own["wltp"] + own["udds"] + own["cltc"]          # its own once


def test_sweep_warns_about_grid_points_over_the_gross_mass_and_the_motor(run):
    """sweep printed ranges and pack masses for vehicles far above their max gross mass, and on cycles the
    motor cannot follow, without a word (range warns of both). By hand: the heavy truck is 18100 kg
    without battery + 18000 kg payload, max gross 44000 kg, so every pack above 44000 - 36100 = 7900 kg
    puts it over: of 2 densities x pack masses 2000, 5000, 8000 kg, the 2 points at 8000 kg. At the
    heaviest point, 8000 kg, the motor warning is range's at that pack mass."""
    import json

    args = ("sweep", "-v", "heavy-truck", "-c", "wltp", "--densities", "200:300:100 Wh/kg",
            "--pack-masses", "2000:8000:3000 kg")
    out = run(*args)
    assert out.exit_code == 0, out.stderr
    lines = [line.strip() for line in out.stdout.splitlines() if line.strip().startswith("warning: ")]
    limit = 44000 - (18100 + 18000)
    assert lines[0] == (f"warning: 2 of 6 grid points put heavy-truck above its max gross mass 44000 kg: every "
                        f"pack above {limit} kg")
    ranged = json.loads(run("range", "gac-aion-ssb-300", "-v", "heavy-truck", "-c", "wltp", "--pack-mass",
                            "8000 kg", "--format", "json").stdout)
    motor = [w for w in ranged["warnings"] if "cannot follow" in w]
    assert len(motor) == 1
    assert lines[1:] == [f"warning: at the heaviest grid point (a 8000 kg pack): {motor[0]}"]
    assert json.loads(run(*args, "--format", "json").stdout)["warnings"] == [x.removeprefix("warning: ")
                                                                              for x in lines]
    # within every limit: no warning
    quiet = run("sweep", "-v", "mid-sedan", "--densities", "300 Wh/kg", "--pack-masses", "400:600:100 kg")
    assert "warning" not in quiet.stdout


def test_sweep_counts_its_warnings_over_the_whole_grid_and_says_why_points_have_no_solution(run):
    """sweep --ranges counted the points over the gross mass against the solved points alone ('2 of 2 grid
    points' of a 2 x 3 grid) and said nothing of the 4 points shown 'no solution'. By hand: the sedan is
    1270 kg without battery + 150 kg payload, max gross 2232 kg, so every pack above 812 kg puts it over;
    at 100 and 200 Wh/kg cell (70 %, 93 %: 65.1 and 130.2 Wh/kg usable) no pack reaches 5000 km: the
    range 130.2 Wh/kg x m / c(m), with c rising ~0.031 Wh/km per kg of pack (range -v: 3.1 Wh/km per
    100 kg), stays below 130.2 / 0.031 = 4200 km however heavy the pack."""
    import json

    args = ("sweep", "-v", "mid-sedan", "--densities", "100,200 Wh/kg", "--ranges", "1000,5000,20000 km")
    out = run(*args, "--format", "json")
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    masses = [p["pack_mass"]["value"] for p in data["points"]]
    unsolved = sum(m is None for m in masses)
    over = sum(m is not None and m > 2232 - 1270 - 150 for m in masses)
    assert (len(masses), unsolved, over) == (6, 4, 2)
    assert data["warnings"][:2] == [
        "4 of 6 grid points have no solution: no pack of that density reaches that range in mid-sedan (the "
        "pack's own weight eats the range)",
        "2 of 6 grid points put mid-sedan above its max gross mass 2232 kg: every pack above 812 kg"]


def test_same_energy_note_says_which_way_the_mass_moves(run):
    """tradeoff --hold energy said 'the lighter pack lowers vehicle mass and consumption a little' also when
    B is the less dense cell. By hand: amprius (450 Wh/kg) -> byd-blade-lfp (160 Wh/kg) in the mid-sedan,
    480 kg held at the same energy: 480 x 450 / 160 = 1350 kg, heavier; and the consumption rises with it."""
    import json

    args = ("tradeoff", "amprius-si-nanowire-450", "byd-blade-lfp", "-v", "mid-sedan", "--hold", "energy")
    rows = json.loads(run(*args, "--format", "json").stdout)["rows"]
    assert rows["pack_mass"]["b"]["value"] == pytest.approx(480 * 450 / 160)
    assert rows["consumption"]["ratio"] > 1
    text = run(*args).stdout
    assert "same energy: m2/m1 = rho1/rho2; the heavier pack raises vehicle mass and consumption" in text
    assert "lighter" not in text
    back = run("tradeoff", "byd-blade-lfp", "amprius-si-nanowire-450", "-v", "mid-sedan", "--hold", "energy").stdout
    assert "the lighter pack lowers vehicle mass and consumption a little" in back
    same = run("tradeoff", "tesla-4680", "tesla-4680", "-v", "mid-sedan", "--hold", "energy").stdout
    assert "the same pack mass, so the same vehicle mass and consumption" in same


def test_plot_range_gives_the_warnings_of_the_results_it_marks(run, tmp_path):
    """plot range marks each cell's range at the reference pack mass and its pack mass for the reference
    range, the numbers tradeoff --hold mass / --hold range give, but said nothing of the warnings those
    carry (the medium truck cannot follow UDDS at 12000 kg). The chart data, its footnote's source, and
    stderr now give them, the same texts range gives at those pack masses."""
    import json

    pytest.importorskip("matplotlib")
    from batcalc.physics.cells import load_cell
    from batcalc.plots.draw import range_data

    data = range_data([load_cell("byd-blade-lfp"), load_cell("tesla-4680")], load_vehicle("medium-truck"),
                      cycle="udds")
    expected: list[str] = []
    for curve, mass in ((data["curves"][0], data["reference"]["pack_mass"]),
                        (data["curves"][1], data["reference"]["pack_mass"]),
                        (data["curves"][1], data["curves"][1]["pack_mass_for_reference_range"])):
        out = run("range", curve["id"], "-v", "medium-truck", "-c", "udds", "--pack-mass", f"{mass!r} kg",
                  "--format", "json")
        expected += [w for w in json.loads(out.stdout)["warnings"] if w not in expected]
    assert expected and data["warnings"] == expected
    out = run("plot", "range", "byd-blade-lfp", "tesla-4680", "-v", "medium-truck", "-c", "udds",
              "-o", str(tmp_path / "r.png"))
    assert out.exit_code == 0, out.stderr
    assert [line for line in out.stderr.splitlines() if "warning" in line] == \
        [f"batcalc: warning: {w}" for w in expected]


def test_payload_capacity_says_what_it_subtracts(run):
    """The row said 'payload capacity (max gross - vehicle - pack)', which reads as the max gross mass less
    the vehicle mass (pack and payload in it) less the pack again; it is max gross - mass without battery
    - pack. By hand, heavy truck: 44000 - 18100 - 3900 = 22000 kg (its vehicle mass is 40000 kg)."""
    out = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "heavy-truck", "--format", "csv")
    row = next(r for r in out.stdout.splitlines() if r.startswith("payload capacity"))
    assert row.startswith("payload capacity (max gross - mass without battery - pack),kg,")
    assert float(row.split(",")[2]) == pytest.approx(44000 - 18100 - 3900)


def test_plot_tornado_gives_the_warnings_of_the_central_result(run, tmp_path):
    """plot tornado charts range --bands' sensitivities; like --bands it dropped the warnings of the
    result at the central point (the medium truck cannot follow UDDS). It now gives them on stderr and in
    the chart data's footnote, the same texts as range --bands."""
    import json

    pytest.importorskip("matplotlib")
    banded = json.loads(run("range", "eve-lf230", "-v", "medium-truck", "-c", "udds", "--bands",
                            "--format", "json").stdout)
    assert banded["warnings"]
    out = run("plot", "tornado", "eve-lf230", "-v", "medium-truck", "-c", "udds", "-o", str(tmp_path / "t.png"))
    assert out.exit_code == 0, out.stderr
    assert [line for line in out.stderr.splitlines() if "warning" in line] == \
        [f"batcalc: warning: {w}" for w in banded["warnings"]]
    quiet = run("plot", "tornado", "eve-lf230", "-v", "mid-sedan", "-o", str(tmp_path / "q.png"))
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr


def test_sweep_states_only_the_fractions_it_reads(run):
    """sweep gives range or pack mass, no pack volume, but stated 'cell-to-pack volume fraction 0.50' among
    its assumptions (range, which gives the pack volume, states it rightly)."""
    import json

    args = ("sweep", "-v", "mid-sedan", "--densities", "300 Wh/kg", "--pack-masses", "400 kg")
    assert "volume" not in run(*args).stdout
    stated = json.loads(run(*args, "--format", "json").stdout)["assumptions"]
    assert [a.split(" (")[0] for a in stated] == ["cell-to-pack mass fraction 0.70", "usable energy 93 % of nominal"]
    assert "cell-to-pack volume fraction 0.50" in run("range", "tesla-4680", "-v", "mid-sedan").stdout


def test_a_same_range_claim_warns_as_tradeoff_does(run):
    """A same-range claim rests on two range results, each of which may ask the motor for more than it
    gives; the claim gives the warnings `batcalc tradeoff` prints for the same two packs (the medium truck's
    185 kW motor on WLTC at both pack masses), in both unit systems. A car within its limits gets none."""
    import json

    args = ("a=gac-aion-ssb-300", "b=gac-aion-ssb-350", "vehicle=medium-truck", "range=300 km")
    for system in ("metric", "imperial"):
        r = run("claim", "same-range", *args, "--asserted", "100 kg", "--format", "json", "--units", system)
        assert r.exit_code in (0, 1), r.stderr
        claimed = [a for a in json.loads(r.stdout)["verdicts"][0]["assumptions"] if a.startswith("warning: ")]
        t = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "medium-truck", "--hold", "range",
                "--range", "300 km", "--format", "json", "--units", system)
        assert t.exit_code == 0, t.stderr
        expected = json.loads(t.stdout)["warnings"]
        assert len(expected) == 2 and all("cannot follow" in w for w in expected)
        assert claimed == [f"warning: {w}" for w in expected]
    r = run("claim", "same-range", "a=gac-aion-ssb-300", "b=gac-aion-ssb-350", "vehicle=mid-sedan", "range=500 km",
            "--asserted", "100 kg", "--format", "json")
    assert not [a for a in json.loads(r.stdout)["verdicts"][0]["assumptions"] if a.startswith("warning: ")]
