"""Errors that ask for inputs (:class:`batcalc.errors.InputsError`): the layers below the command line
name inputs as the Python API and claims files do (``pack_mass``, ``to_soc``), and the command line
spells them as its options (``--pack-mass``, ``--to``); the charge request's rules live in one home
(:func:`batcalc.physics.charge.requested_windows`) for both front ends."""

from __future__ import annotations

import ast
import copy
import pickle
import re
from pathlib import Path

import pytest

import batcalc
from batcalc.cli.common import error_text, option_spelling
from batcalc.errors import BatcalcError, InputsError, literal, template_of

ROOT = Path(__file__).resolve().parent.parent / "batcalc"

NO_REFERENCE = """\
kind: vehicle
id: noref
name: No reference pack
mass_without_battery: {value: 1500 kg, assumption: test}
payload: {value: 100 kg, assumption: test}
drag_coefficient: {value: 0.25, assumption: test}
frontal_area: {value: 2.2 m^2, assumption: test}
rolling_resistance: {value: 0.008, assumption: test}
"""


def test_an_inputs_error_is_spelled_for_python_and_for_the_command_line():
    e = InputsError("{to_soc} is needed with {time} or {power} (e.g. {to_soc:80 %})")
    assert str(e) == "to_soc is needed with time or power (e.g. to_soc='80 %')"
    assert e.spelled(option_spelling) == "--to is needed with --time or --power (e.g. --to '80 %')"
    assert error_text(e) == "batcalc: error: --to is needed with --time or --power (e.g. --to '80 %')"
    assert option_spelling("pack_mass", "") == "--pack-mass" and option_spelling("from_soc", "") == "--from"


def test_literal_text_keeps_its_braces_and_other_errors_wrap_as_text():
    e = InputsError("vehicle " + literal("{odd}") + " has no pack: give {pack_energy}")
    assert str(e) == "vehicle {odd} has no pack: give pack_energy"
    assert e.spelled(option_spelling) == "vehicle {odd} has no pack: give --pack-energy"
    assert template_of(BatcalcError("a {b} c")) == "a {{b}} c"
    outer = InputsError("at x: " + template_of(e) + "; narrow it with {assume}")
    assert outer.spelled(option_spelling) == ("at x: vehicle {odd} has no pack: give --pack-energy; "
                                              "narrow it with --assume")


def test_an_inputs_error_keeps_its_template_through_copy_and_pickle():
    e = InputsError("give {time} or {power}, not both")
    for back in (copy.copy(e), pickle.loads(pickle.dumps(e))):
        assert isinstance(back, InputsError) and back.template == e.template and str(back) == str(e)


def test_a_control_character_in_a_name_stays_escaped_on_the_command_line():
    e = InputsError("vehicle " + literal("a\nb") + " has no reference pack: give {pack_energy}")
    assert "\n" not in error_text(e) and "a\\nb" in error_text(e)


def _strings_naming_options(layer: str) -> list[str]:
    """Every string in ``layer``'s source that names a command-line option (``--pack-mass``), but for
    docstrings."""
    found = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                if re.search(r"(?<![\w-])--[a-z][a-z-]*", node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:80]!r}")
    return found


@pytest.mark.parametrize("layer", ["physics", "claims", "api"])
def test_the_layers_below_the_command_line_name_none_of_its_options(layer):
    """The physics, claims and API layers say what input they need by its own name; only the command line
    knows its options."""
    assert _strings_naming_options(layer) == []


def test_a_vehicle_without_a_reference_pack_asks_in_each_front_ends_words(run, tmp_path):
    path = tmp_path / "noref.yaml"
    path.write_text(NO_REFERENCE, encoding="utf-8")
    r = run("range", "gac-aion-ssb-350", "--vehicle", str(path))
    assert r.exit_code == 2
    assert r.stderr.strip() == "batcalc: error: vehicle noref has no reference pack: give --pack-mass or --pack-energy"
    with pytest.raises(InputsError) as exc:
        batcalc.range_of("gac-aion-ssb-350", str(path))
    assert str(exc.value) == "vehicle noref has no reference pack: give pack_mass or pack_energy"
    with pytest.raises(InputsError, match="^vehicle noref has no reference pack: give pack_energy$"):
        batcalc.charge("gac-aion-ssb-350", vehicle=str(path))
    r = run("charge", "gac-aion-ssb-350", "--vehicle", str(path))
    assert r.exit_code == 2
    assert r.stderr.strip() == "batcalc: error: vehicle noref has no reference pack: give --pack-energy"


def test_an_unknown_hold_is_named_as_the_front_end_takes_it(run):
    with pytest.raises(InputsError, match="^hold must be mass, energy or range, got 'volume'$"):
        batcalc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", hold="volume")
    r = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--hold", "volume")
    assert r.exit_code == 2 and r.stderr.strip() == "batcalc: error: --hold must be mass, energy or range, got 'volume'"


#: (command-line options, API keywords, message with the command line's options, with the API's names)
CHARGE_REQUESTS = [
    (["--to", "80 %", "--time", "12 min", "--power", "300 kW", "--pack-energy", "75 kWh"],
     dict(to_soc="80 %", time="12 min", power="300 kW", pack_energy="75 kWh"),
     "give --time or --power, not both", "give time or power, not both"),
    (["--time", "12 min"], dict(time="12 min"),
     "--to is needed with --time or --power (e.g. --to '80 %')",
     "to_soc is needed with time or power (e.g. to_soc='80 %')"),
    (["--from", "80 %", "--to", "80 %", "--time", "12 min"], dict(from_soc="80 %", to_soc="80 %", time="12 min"),
     "--to must be above --from (80 % -> 80 %)", "to_soc must be above from_soc (80 % -> 80 %)"),
    # a bare 1 is the fraction 1, 100 %, not 1 %: the error said only '--to must be above --from'
    (["--from", "1", "--to", "80 %", "--time", "12 min"], dict(from_soc="1", to_soc="80 %", time="12 min"),
     "--to must be above --from (100 % -> 80 %)", "to_soc must be above from_soc (100 % -> 80 %)"),
    (["--to", "80 %", "--power", "300 kW"], dict(to_soc="80 %", power="300 kW"),
     "--power needs a pack energy: give --pack-energy or --vehicle",
     "power needs a pack energy: give pack_energy or vehicle"),
    (["--to", "80 %"], dict(to_soc="80 %"),
     "give --time or --power with --to (or --charger for the charge curve)", "give time or power with to_soc"),
    ([], {}, "gac-aion-ssb-350 has no charge claim: give --to and --time (or --power), or --charger",
     "gac-aion-ssb-350 has no charge claim: give to_soc and time (or power)"),
    (["--from", "20 %"], dict(from_soc="20 %"),
     "--from without --to: give --to too, with --time or --power, or leave out --from for the charge claims of "
     "gac-aion-ssb-350",
     "from_soc without to_soc: give to_soc too, with time or power, or leave out from_soc for the charge claims of "
     "gac-aion-ssb-350"),
]


@pytest.mark.parametrize("options, keywords, cli_text, api_text", CHARGE_REQUESTS)
def test_a_charge_request_is_refused_alike_by_both_front_ends(run, options, keywords, cli_text, api_text):
    """One set of rules (physics.charge.requested_windows), each front end's words for the inputs."""
    cell = "huineng-llcb" if "--from" in options and "--to" not in options else "gac-aion-ssb-350"
    cli_text, api_text = (t.replace("gac-aion-ssb-350", cell) for t in (cli_text, api_text))
    r = run("charge", cell, *options)
    assert r.exit_code == 2 and r.stderr.strip() == f"batcalc: error: {cli_text}"
    with pytest.raises(InputsError) as exc:
        batcalc.charge(cell, **keywords)
    assert str(exc.value) == api_text


def test_a_start_without_an_end_is_no_longer_dropped():
    """``--from 20 %`` alone used to be ignored: the cell's claim was shown from its assumed 0 % and 10 %
    starts, as if the start had not been given. A claims file already refused it."""
    with pytest.raises(InputsError, match="from_soc without to_soc"):
        batcalc.charge("huineng-llcb", from_soc="20 %")
    shown = batcalc.charge("huineng-llcb").windows
    assert [round(w.raw.from_soc, 9) for w in shown] == [0.0, 0.1]


def test_both_front_ends_charge_the_same_windows(run):
    """The API and the command line give the same windows for the same request (the shared rules), here
    at a stated power with an open start: 0 % and 10 % starts, the time P = dSoC E / t solved for t."""
    import json

    api = batcalc.charge("gac-aion-ssb-350", to_soc="80 %", power="150 kW", pack_energy="75 kWh").windows
    assert [w.raw.from_soc for w in api] == [0.0, 0.1]
    for w, start in zip(api, (0.0, 0.1), strict=True):
        assert w.raw.seconds == pytest.approx((0.8 - start) * 75 * 3.6e6 / 150e3, rel=1e-12)
    r = run("charge", "gac-aion-ssb-350", "--to", "80 %", "--power", "150 kW", "--pack-energy", "75 kWh",
            "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert [w["from_soc"]["value"] for w in data["windows"]] == [0, 10]
    assert [w["time"]["value"] for w in data["windows"]] == pytest.approx([w.raw.seconds / 60 for w in api], rel=1e-9)


def test_a_claim_on_the_command_line_is_refused_in_its_options_and_in_python_in_parameters(run):
    from batcalc.errors import ClaimError

    r = run("claim", "range", "pack_energy=75 kWh", "consumption=150 Wh/km", "--asserted", "300 km",
            "--qualifier", "between")
    assert r.exit_code == 2 and r.stderr.strip() == ("batcalc: error: --qualifier between takes --asserted 'LOW to "
                                                     "HIGH', e.g. '300 to 400 km', got '300 km'")
    with pytest.raises(ClaimError) as exc:
        batcalc.check("range", pack_energy="75 kWh", consumption="150 Wh/km", asserted="300 km", qualifier="between")
    assert str(exc.value) == "qualifier between takes asserted='LOW to HIGH', e.g. '300 to 400 km', got '300 km'"


def test_a_stated_power_charges_from_the_starts_below_the_end_and_says_which_were_stated():
    """At a power, an open start runs from each assumed start below the end (0 % only, for an end of
    10 %), not stated; a stated start is one window, stated; the time t = dSoC E / P."""
    only = batcalc.charge("gac-aion-ssb-350", to_soc="10 %", power="150 kW", pack_energy="75 kWh").windows
    assert [(w.raw.from_soc, w.raw.start_stated) for w in only] == [(0.0, False)]
    assert only[0].raw.seconds == pytest.approx(0.1 * 75 * 3.6e6 / 150e3, rel=1e-12)
    stated = batcalc.charge("gac-aion-ssb-350", from_soc="20 %", to_soc="80 %", power="150 kW",
                            pack_energy="75 kWh").windows
    assert [(w.raw.from_soc, w.raw.start_stated) for w in stated] == [(0.2, True)]
    timed = batcalc.charge("gac-aion-ssb-350", from_soc="20 %", to_soc="80 %", time="12 min").windows
    assert [(w.raw.from_soc, w.raw.to_soc, w.raw.seconds, w.raw.start_stated) for w in timed] == [(0.2, 0.8, 720.0,
                                                                                                   True)]


def test_the_charge_command_runs_its_vehicle_at_the_assumptions_it_is_given(run):
    """``--assume cell-to-pack-mass=50 %`` makes the pack of the reference energy heavier (m = E / (rho
    f_mass)), so the range added is the usable energy added over the consumption at that mass: checked
    against the physics (charge_vehicle with that fraction), and against the default fraction's."""
    import json

    from batcalc.physics.cells import load_cell
    from batcalc.physics.pack import PackOptions
    from batcalc.physics.tradeoff import charge_vehicle
    from batcalc.physics.vehicle import load_vehicle

    def added(*extra: str) -> float:
        r = run("charge", "huineng-llcb", "--vehicle", "mid-sedan", "--format", "json", *extra)
        assert r.exit_code == 0, r.stderr
        return float(json.loads(r.stdout)["windows"][0]["range_added"]["value"])

    cell, v = load_cell("huineng-llcb"), load_vehicle("mid-sedan")
    for extra, f_mass in ((("--assume", "cell-to-pack-mass=50 %"), 0.5), ((), PackOptions().f_mass)):
        found = charge_vehicle(cell, v, None, "default", PackOptions(f_mass=f_mass))
        assert found.from_reference and found.cycle == "wltp"
        assert f"{f_mass:.2f} cell-to-pack mass fraction" in found.how
        # 0 -> 80 % of the 75 kWh reference pack, 93 % usable, over the consumption (J/m), in km
        expected = 0.8 * found.pack_energy * 0.93 / found.consumption / 1000
        assert added(*extra) == pytest.approx(expected, rel=1e-9)
    assert added("--assume", "cell-to-pack-mass=50 %") < added()


@pytest.mark.parametrize("vehicle", ["heavy-truck", "mid-sedan", "compact-car"])
def test_a_charge_s_vehicle_runs_on_its_own_default_cycle(vehicle):
    """``cycle='default'`` is the vehicle's default cycle (a constant speed for the heavy truck), and the
    consumption is its model's there at the mass of a pack of the given energy."""
    from batcalc.physics.cells import load_cell
    from batcalc.physics.tradeoff import charge_vehicle, default_cycle, pack_mass_for_energy
    from batcalc.physics.vehicle import load_vehicle

    cell, v = load_cell("catl-shenxing-lfp"), load_vehicle(vehicle)
    found = charge_vehicle(cell, v, 300 * 3.6e6, "default")
    assert found.cycle == default_cycle(v) and not found.from_reference and found.pack_energy == 300 * 3.6e6
    mass = v.total_mass(pack_mass_for_energy(v, cell, 300 * 3.6e6)[0])
    assert found.total_mass == mass and found.consumption == float(v.consumption_model(default_cycle(v))(mass))


def test_a_start_without_an_end_on_a_cell_without_claims_is_not_told_to_use_them():
    with pytest.raises(InputsError) as exc:
        batcalc.charge("gac-aion-ssb-350", from_soc="20 %")
    assert str(exc.value) == "from_soc without to_soc: give to_soc too, with time or power"


def test_literal_braces_and_notes_survive_pickling():
    e = InputsError("vehicle " + literal("{x}") + " has no reference pack: give {pack_energy}")
    e.add_note("while reading a.yaml")
    back = pickle.loads(pickle.dumps(e))
    assert str(back) == "vehicle {x} has no reference pack: give pack_energy" and back.__notes__ == e.__notes__


def test_a_broken_template_is_shown_as_written_not_raised():
    assert InputsError("give {time or {power}").spelled(option_spelling) == "give {time or {power}"
    assert str(InputsError("a lone } brace")) == "a lone } brace"


def test_a_refusal_inside_the_bands_keeps_its_inputs_for_the_front_end():
    """The bands say at which point of the box the physics refused, and the command line still spells the
    inputs the refusal asks for (and the 'assume' the bands add) as its options."""
    from batcalc.physics.bands import Assumed, Axis, bands

    def fn(a):
        if a["p"] > 1.5:
            raise InputsError("vehicle x has no reference pack: give {pack_mass}")
        return {"y": a["p"]}
    with pytest.raises(InputsError) as exc:
        bands(fn, {"p": Axis("p", 0.0, 1.0, 2.0)}, Assumed({"p": 1.0}))
    assert str(exc.value) == ("within the plausible ranges, at p 2 (SI): vehicle x has no reference pack: give "
                              "pack_mass; narrow the range with assume")
    assert error_text(exc.value).endswith("give --pack-mass; narrow the range with --assume")


def test_a_file_of_another_kind_is_pointed_to_its_command_on_the_command_line_only(run):
    path = str(ROOT.parent / "specs" / "vehicles" / "mid-sedan.yaml")
    r = run("compare", path, "gac-aion-ssb-300")
    assert r.exit_code == 2 and r.stderr.strip() == (f"{path}:1:7: expected a cell spec, got kind 'vehicle' (give it "
                                                     "to range, tradeoff, sweep or charge as --vehicle)")
    with pytest.raises(BatcalcError) as exc:
        batcalc.load_cell(path)
    assert str(exc.value) == f"{path}:1:7: expected a cell spec, got kind 'vehicle'"


def test_the_api_charge_takes_a_cycle_by_name_only():
    with pytest.raises(TypeError, match="cycle needs a cycle id"):
        batcalc.charge("huineng-llcb", vehicle="mid-sedan", cycle=5)        # type: ignore[arg-type]
    on = batcalc.charge("huineng-llcb", vehicle="mid-sedan", cycle="80 km/h")
    assert any(" on constant 80 km/h at " in n for n in on.assumptions), on.assumptions


@pytest.mark.parametrize("keywords, message", [
    (dict(to_soc="150 %", time="10 min"), "to_soc must be at most 100 %, got 150 %"),
    (dict(from_soc="-5 %", to_soc="80 %", time="10 min"), "from_soc must be at least 0 %, got -5 %"),
    (dict(to_soc="80 %", time="0 min"), "time must be positive and finite, got 0 s"),
    (dict(to_soc="80 %", time="-3 min"), "time must be positive and finite, got -180 s"),
    (dict(from_soc="50 %", to_soc="40 %", power="100 kW", pack_energy="75 kWh"),
     "to_soc must be above from_soc (50 % -> 40 %)"),
])
def test_the_api_refuses_a_charge_window_the_command_line_refuses(run, keywords, message):
    """A window outside 0-100 %, not rising, or of no time is refused by the window itself (the one home of
    the rule): the Python API returned 150 % windows and 0 s ones (whose C-rate then failed when read)."""
    with pytest.raises(InputsError) as exc:
        batcalc.charge("huineng-llcb", **keywords)
    assert str(exc.value) == message
    options = [x for k, v in keywords.items() for x in (option_spelling(k, ""), v)]
    r = run("charge", "huineng-llcb", *options)
    assert r.exit_code == 2 and r.stderr.startswith("batcalc: error: --")


def test_a_window_checks_its_own_soc_and_time():
    from batcalc.physics.charge import Window

    assert Window(0.0, 1.0, 1e-9).delta == 1.0                       # the edges are allowed
    for args in ((-1e-12, 0.8, 60.0), (0.1, 1.0 + 1e-12, 60.0), (0.5, 0.5, 60.0), (0.1, 0.8, 0.0),
                 (0.1, 0.8, float("inf")), (float("nan"), 0.8, 60.0), (0.1, float("nan"), 60.0),
                 (0.1, 0.8, float("nan"))):
        with pytest.raises(InputsError):
            Window(*args)


@pytest.mark.parametrize("given, shown", [("-5 km", "-5 km"), ("0 km", "0 km")])
def test_a_target_range_that_is_not_positive_is_named_not_the_pack_mass(run, given, shown):
    """It was refused as "pack mass must be positive", a figure nobody gave."""
    r = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--hold", "range",
            "--range", given)
    assert r.exit_code == 2 and r.stderr.strip() == f"batcalc: error: --range must be positive, got {shown}"
    with pytest.raises(InputsError, match=f"^target_range must be positive, got {shown}$"):
        batcalc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", hold="range", target_range=given)


def test_a_range_claim_of_zero_without_a_pack_says_what_it_would_take(run):
    """Its pack cannot be sized (the solve refused a 0 kg pack: "pack mass must be positive", exit 2)."""
    r = run("claim", "range", "cell=gac-aion-ssb-350", "vehicle=mid-sedan", "--asserted", "0 km", "-f", "json")
    assert r.exit_code == 0, r.stderr
    import json

    v = json.loads(r.stdout)["verdicts"][0]
    assert v["verdict"] == "underdetermined" and v["would_take"] == "a positive range to size a pack for"


def test_an_end_of_0_with_an_open_start_is_refused_not_left_without_windows(run):
    """No assumed start lies below an end of 0 %: refused, rather than a charge with no window."""
    said = "must be above {} (an open start is read from 0 %, the end is 0 %)"
    with pytest.raises(InputsError) as exc:
        batcalc.charge("huineng-llcb", to_soc="0 %", time="1 min")
    assert str(exc.value) == "to_soc " + said.format("from_soc")
    r = run("charge", "huineng-llcb", "--to", "0 %", "--time", "1 min")
    assert r.exit_code == 2 and r.stderr.strip() == "batcalc: error: --to " + said.format("--from")


def test_a_target_range_with_another_hold_is_refused_by_every_front_end(run):
    # the API ignored target_range unless hold='range' (the CLI refused it): one rule now, spelled by each
    with pytest.raises(InputsError) as exc:
        batcalc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", "mass", target_range="600 km")
    assert str(exc.value) == "target_range goes with hold='range'"
    r = run("tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", "mid-sedan", "--hold", "energy",
            "--range", "600 km", "--bands")
    assert r.exit_code == 2 and r.stderr.strip() == "batcalc: error: --range goes with --hold 'range'"
    held = batcalc.tradeoff("gac-aion-ssb-300", "gac-aion-ssb-350", "mid-sedan", "range", target_range="600 km")
    assert held.a.range.to("km").magnitude == pytest.approx(600, rel=1e-6)


def test_a_drive_cycle_for_a_charge_without_a_vehicle_is_refused_by_every_front_end(run, tmp_path):
    # the API and the command line ignored it (the range added needs a vehicle); a claims file refused it
    with pytest.raises(InputsError) as exc:
        batcalc.charge("gac-aion-ssb-350", pack_energy="75 kWh", to_soc="80 %", time="20 min", cycle="hwfet")
    assert str(exc.value) == "cycle is the vehicle's drive cycle: give vehicle or drop cycle"
    for extra in ([], ["--charger", "ccs-350kw"], ["--bands"]):
        r = run("charge", "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--to", "80 %", "--time", "20 min",
                "--cycle", "hwfet", *extra) if not extra or extra[0] != "--charger" else \
            run("charge", "gac-aion-ssb-350", "--pack-energy", "75 kWh", "--cycle", "hwfet", *extra)
        assert r.exit_code == 2, extra
        assert r.stderr.strip() == ("batcalc: error: --cycle is the vehicle's drive cycle: give --vehicle or drop "
                                    "--cycle")
    claims = tmp_path / "c.yaml"
    claims.write_text("kind: claims\nclaims:\n  - {id: c, quote: q, kind: charge, inputs: {pack_energy: 75 kWh, "
                      "to_soc: 80 %, cycle: hwfet}, asserted: 20 min}\n")
    r = run("check", str(claims))
    line = claims.read_text().splitlines()[2]
    assert r.exit_code == 2 and r.stderr.strip() == (f"{claims}:3:{line.index('hwfet') + 1}: cycle is the "
                                                     "vehicle's drive cycle: give vehicle or drop cycle")
    with_vehicle = batcalc.charge("gac-aion-ssb-350", to_soc="80 %", time="20 min", vehicle="mid-sedan",
                                  cycle="hwfet")
    assert with_vehicle.windows
