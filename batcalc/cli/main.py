"""The ``batcalc`` command line: parse options, call the layers below, print. Nothing else.

Exit codes: 0 success; 1 a checked claim failed; 2 bad input (usage, spec, unit) or a file, terminal
or pipe that cannot be read or written, reported as one line on stderr (``path:line:col: message``
where a file is involved); 3 an internal error (a bug); 128 + the signal's number when interrupted
(130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). A message that cannot be written to stderr changes no exit
code. ``--debug`` shows tracebacks. The console script starts in :mod:`batcalc.cli.entry`.
"""


import os
import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from batcalc.cli.common import (  # noqa: F401
    _DEBUG,
    AltitudeOpt,
    AmbientOpt,
    AssumeOpt,
    BandsOpt,
    ChargerOpt,
    ChargeVehicleOpt,
    ClimateOpt,
    CycleOpt,
    ExplainOpt,
    ExtraMassOpt,
    FMassOpt,
    ForceOpt,
    FormatOpt,
    FUsableOpt,
    FVolumeOpt,
    MpgeOpt,
    PackEnergyOpt,
    PackVoltageOpt,
    PeakCRateOpt,
    TableOutputOpt,
    TaperOpt,
    UnitsOpt,
    UnitSystem,
    VehicleOpt,
    _add_ambient,
    _assumed,
    _at_point,
    _complete_cells,
    _complete_vehicles,
    _cycle,
    _each_claims_file_once,
    _each_file_once,
    _explained,
    _given_fractions,
    _input,
    _not_with_bands,
    _pack_energy,
    _pack_mass,
    _pack_options,
    _quantity,
    _ranges,
    _same_file,
    _temperature,
    _unused_assumptions,
    _vehicle,
    emit,
    fail,
    handles_errors,
    output_failed,
    set_output,
)
from batcalc.errors import BatcalcError, Interrupted, quoted_path
from batcalc.spec import CLAIM_KINDS

#: The settings of the typer app (``app``, and the one-command app :func:`_app_for` makes).
_APP_SETTINGS: dict[str, Any] = dict(
    name="batcalc",
    help="Battery-spec comparison calculator: compare cells in the units you think in, and check "
         "what battery claims imply.\n\nExample: batcalc compare gac-aion-ssb-300 gac-aion-ssb-350",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app = typer.Typer(**_APP_SETTINGS)



def _complete_shown(incomplete: str) -> list[str]:
    """Completion for ``show``: catalogue cells, vehicles and cycles."""
    from batcalc.cli.common import _complete_cycles

    return _complete_cells(incomplete) + _complete_vehicles(incomplete) + _complete_cycles(incomplete)


def _version(value: bool) -> None:
    """``--version``: print batcalc's version and stop."""
    if value:
        from batcalc import __version__

        emit(f"batcalc {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="show tracebacks on errors")] = False,
          version: Annotated[bool, typer.Option("--version", help="print the version and exit", is_eager=True,
                                                callback=_version)] = False) -> None:
    """Battery-spec comparison calculator.

    Compare cells in the units you think in, derive what a spec implies, check claims.

    \b
    Example: batcalc compare gac-aion-ssb-300 gac-aion-ssb-350
    """
    _DEBUG["on"] = bool(debug or os.environ.get("BATCALC_DEBUG"))     # per invocation
    set_output(None)


class Kind(str, Enum):
    cell = "cell"
    vehicle = "vehicle"
    cycle = "cycle"
    claim = "claim"
    charger = "charger"
    taper = "taper"


@app.command("list")
@handles_errors
def list_cmd(kind: Annotated[Kind, typer.Option("--kind", "-k", help="what to list")] = Kind.cell,
             fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
             output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """List the built-in catalogue: cells (energy densities, source grade), vehicles, drive cycles,
    claims files, chargers (DC output limits) or charge tapers.

    \b
    Example: batcalc list --kind vehicle --format markdown
    """
    fmt = set_output(output, force, fmt)
    from batcalc.report.render import check_format, render

    check_format(fmt)
    if kind is Kind.cell:
        from batcalc.physics.cells import load_cell
        from batcalc.report.compare import list_rows
        from batcalc.spec.catalog import catalog_ids

        headers, rows, data = list_rows([load_cell(i) for i in catalog_ids("cell")], unit_system.value)
    elif kind is Kind.vehicle:
        from batcalc.report.reports import vehicle_rows

        headers, rows, data = vehicle_rows(unit_system.value)
    elif kind is Kind.cycle:
        from batcalc.report.reports import cycle_rows

        headers, rows, data = cycle_rows(unit_system.value)
    elif kind is Kind.charger:
        from batcalc.report.charge import charger_rows

        headers, rows, notes, data = charger_rows()
        emit(render(headers, rows, data, fmt, notes=notes))
        return
    elif kind is Kind.taper:
        from batcalc.report.charge import taper_rows

        headers, rows, data = taper_rows()
    else:
        from batcalc.report.reports import claim_file_rows

        headers, rows, data = claim_file_rows()
    emit(render(headers, rows, data, fmt))


def _show_kind(name: str) -> str:
    """What ``batcalc show NAME`` shows: ``cell``, ``vehicle`` or ``cycle``. Cells first: a catalogue cell
    id, then a vehicle id, then a cycle (name, id or alias); a ``.csv`` file is a trace; a YAML file is
    read as a cell, and shown as a vehicle when its ``kind:`` says so (:func:`show_cmd`: a cell file is
    read once, a vehicle file again as a vehicle); a constant speed, also one out of range (its error says
    the range); anything else is looked up as a cell (whose error suggests names)."""
    from batcalc.physics.cycles import ALIASES, cycle_id_set
    from batcalc.spec.catalog import catalog_id_set

    key = name.strip()
    if key in catalog_id_set("cell"):
        return "cell"
    if key in catalog_id_set("vehicle"):
        return "vehicle"
    lower = key.lower()
    if lower in ALIASES or lower in cycle_id_set():
        return "cycle"
    if lower.endswith(".csv"):
        return "cycle"
    try:
        is_file = os.path.isfile(key)
    except (OSError, ValueError):
        is_file = False
    if is_file:                       # its `kind:` decides, read with the rest (show_cmd)
        return "cell"
    from batcalc.errors import NotFoundError
    from batcalc.physics.cycles import get_cycle

    try:
        if get_cycle(key).constant_speed is not None:
            return "cycle"
    except NotFoundError:             # no cycle of that name: looked up as a cell
        pass
    except BatcalcError:              # a constant speed out of range: the cycle's error says the range
        return "cycle"
    return "cell"


@app.command("show")
@handles_errors
def show_cmd(name: Annotated[str, typer.Argument(metavar="NAME", help="a cell, vehicle or cycle: catalogue id or "
                                                 "path (cell or vehicle YAML, trace .csv)",
                                                 autocompletion=_complete_shown)],
             fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
             output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Show one cell, vehicle or drive cycle with every figure given or derived and where it comes from.

    A cell: its figures, source and grade, and its claims. A vehicle: masses, road load, powertrain,
    reference pack and sources. A cycle: duration, distance, mean and top speed, provenance and licence.
    Catalogue ids are unique across kinds; a file says its kind.

    \b
    Examples: batcalc show huineng-llcb
              batcalc show mid-sedan
              batcalc show udds
    """
    fmt = set_output(output, force, fmt)
    from batcalc.report.render import check_format, render

    check_format(fmt)
    kind = _show_kind(name)
    if kind == "vehicle":
        _show_vehicle(name, fmt, unit_system.value)
        return
    if kind == "cycle":
        from batcalc.report.vehicle import cycle_show_rows

        headers, rows, notes, data = cycle_show_rows(name, unit_system.value)
        emit(render(headers, rows, data, fmt, title=f"{data['name']} ({data['id']})", notes=notes))
        return
    from batcalc.errors import NotFoundError, WrongKindError
    from batcalc.physics.cells import load_cell
    from batcalc.report.compare import show_rows

    try:
        figures = load_cell(name)
    except NotFoundError as exc:
        other = _catalogue_kind_not_shown(name.strip())
        if other is not None:               # a claims file's, charger's or taper's id: say so, and where it goes
            raise NotFoundError(f"{name.strip()!r} is {other}: show takes a cell, vehicle or cycle") from None
        from batcalc.units import looks_like_value

        if looks_like_value(name.strip()):  # not a speed (those are cycles): the one value show takes is one
            raise NotFoundError(f"{name.strip()!r} is a value: show takes a cell, vehicle or cycle (a catalogue "
                                f"id, a path, or a constant speed such as '100 km/h')") from None
        raise NotFoundError(f"{exc} (no vehicle or cycle of that name either: batcalc list --kind vehicle, "
                            f"batcalc list --kind cycle)") from None
    except WrongKindError as exc:   # a vehicle's file: shown as one; another kind's is named as not shown
        if exc.found != "vehicle":
            raise WrongKindError(f"show takes a cell or vehicle spec or a trace (.csv), got kind {exc.found!r}",
                                 exc.path, exc.line, exc.col, found=exc.found) from None
        _show_vehicle(name, fmt, unit_system.value)
        return
    headers, rows, notes, data = show_rows(figures, unit_system.value, with_data=fmt == "json")
    emit(render(headers, rows, data, fmt, title=f"{figures.spec.name} ({figures.id})", notes=notes))


def _catalogue_kind_not_shown(name: str) -> Optional[str]:
    """What catalogue id ``name`` is when it is one that ``show`` does not show (a claims file, a charger
    or a taper), with the command that does, or None."""
    from batcalc.physics.charge import chargers
    from batcalc.spec.catalog import kind_of_id
    from batcalc.spec.tapers import taper_ids

    if kind_of_id(name) == "claim":
        return f"a claims file in the catalogue (check its claims with 'batcalc check {name}')"
    if any(c.id == name for c in chargers()):
        return "a charger in the catalogue (its limits: 'batcalc list --kind charger')"
    if name in taper_ids():
        return "a charge taper in the catalogue (its shape: 'batcalc list --kind taper')"
    return None


def _list_kind_hint(args: list[str]) -> str:
    """How to ask ``batcalc list`` for what ``batcalc list cells`` meant: the kind is an option (an
    argument after ``list`` that names a kind, singular or plural, picks the example)."""
    kinds = [k.value for k in Kind]
    rest = args[args.index("list") + 1:] if "list" in args else []
    given = next((a.lower().removesuffix("s") for a in rest if a.lower().removesuffix("s") in kinds), "cell")
    return f"the kind is an option: batcalc list --kind {given} ({', '.join(kinds[:-1])} or {kinds[-1]})"


def _show_vehicle(name: str, fmt: str, system: str) -> None:
    """Print what ``batcalc show`` shows of vehicle ``name`` (catalogue id or file)."""
    from batcalc.physics.vehicle import load_vehicle
    from batcalc.report.render import render
    from batcalc.report.vehicle import vehicle_show_rows

    v = load_vehicle(name)
    headers, rows, notes, data = vehicle_show_rows(v, system)
    emit(render(headers, rows, data, fmt, title=f"{v.spec.name} ({v.id})", notes=notes))


@app.command("compare")
@handles_errors
def compare_cmd(cells: Annotated[list[str], typer.Argument(metavar="CELL", help="two or more catalogue ids or paths",
                                                           autocompletion=_complete_cells)],
                baseline: Annotated[Optional[str], typer.Option(
                    "--baseline", "-b", help="cell the others are compared with, added as the first column when not "
                    "among CELLS (default: the first)",
                    autocompletion=_complete_cells)] = None,
                fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
                output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Compare cells side by side: metrics as rows, cells as columns, ratios to a baseline.

    Shows energy at the same mass (E2/E1 = rho2/rho1) and mass at the same energy
    (m2/m1 = rho1/rho2), and the same for volume.

    \b
    Example: batcalc compare gac-aion-ssb-300 gac-aion-ssb-350
    """
    fmt = set_output(output, force, fmt)
    from batcalc.physics.cells import load_cell
    from batcalc.report.compare import compare_rows
    from batcalc.report.render import SPREADSHEET_FORMATS, check_format, render

    check_format(fmt)
    names = list(cells)
    loaded = [load_cell(n) for n in names]
    if baseline is not None:
        # a baseline spelt another way than its listed cell (elec.yaml, ./elec.yaml) is that cell
        base_cell = load_cell(baseline)
        listed = next((n for n, c in zip(names, loaded, strict=True) if _same_file(n, baseline, c, base_cell)), None)
        if listed is not None:
            baseline = listed
        else:
            names.insert(0, baseline)
            loaded.insert(0, base_cell)
    if len(names) < 2:
        raise BatcalcError("compare needs at least two cells, e.g. batcalc compare gac-aion-ssb-300 gac-aion-ssb-350")
    _each_file_once(names, loaded, "compare needs different cells, each once")
    base = loaded[names.index(baseline)] if baseline is not None else loaded[0]
    ids = [c.id for c in loaded]             # a file may reuse a catalogue id: then name the column as given
    labels = [f"{c.id} ({n})" if ids.count(c.id) > 1 and n != c.id else c.id for c, n in zip(loaded, names,
                                                                                             strict=True)]
    headers, rows, notes, data = compare_rows(loaded, base, unit_system.value,
                                              with_data=fmt in ("json", *SPREADSHEET_FORMATS), labels=labels)
    if fmt in SPREADSHEET_FORMATS:          # numbers in their own columns, for spreadsheets
        from batcalc.report.compare import compare_csv

        headers, rows = compare_csv(data)
    emit(render(headers, rows, data, fmt, notes=notes))


@app.command("convert")
@handles_errors
def convert_cmd(value: Annotated[str, typer.Argument(metavar="VALUE", help="a value with its unit, e.g. '350 Wh/kg'")],
                unit: Annotated[str, typer.Argument(metavar="UNIT", help="the unit to convert to, e.g. 'kJ/g'")],
                fmt: FormatOpt = None,
                output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Convert a value to another unit, including reciprocal consumption units.

    kWh/100km <-> Wh/km <-> mi/kWh <-> MPGe (1 MPGe = 1 mile per 33.705 kWh).

    \b
    Example: batcalc convert "16 kWh/100km" MPGe
    """
    fmt = set_output(output, force, fmt)
    from batcalc.report.render import check_format, render
    from batcalc.units import convert, format_number, split_value

    check_format(fmt)
    out = convert(value, unit)
    number, given_unit = split_value(value)
    from batcalc.units import Shown

    data = {"from": Shown(number, given_unit.strip()), "to": Shown(out, unit.strip())}
    if fmt == "table":
        emit(f"{value.strip()} = {format_number(out, 6)} {unit.strip()}")
    else:
        # each column named once: a CSV reader keyed by header kept one 'unit' of two (the target's)
        emit(render(["from", "from_unit", "to", "to_unit"],
                    [[Shown(number), given_unit.strip(), Shown(out), unit.strip()]], data, fmt))



@app.command("range")
@handles_errors
def range_cmd(cell: Annotated[str, typer.Argument(metavar="CELL", help="catalogue id or path of a cell spec",
                                                  autocompletion=_complete_cells)],
              vehicle: VehicleOpt,
              pack_mass: Annotated[Optional[str], typer.Option("--pack-mass", help="pack mass, e.g. '480 kg' "
                                                               "[default: the vehicle's reference pack mass]")] = None,
              pack_energy: Annotated[Optional[str], typer.Option("--pack-energy", help="gross pack energy, "
                                                                 "e.g. '75 kWh'")] = None,
              cycle: CycleOpt = None, extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None,
              altitude: AltitudeOpt = None, f_mass: FMassOpt = None, f_usable: FUsableOpt = None,
              climate: ClimateOpt = None,
              f_volume: FVolumeOpt = None, explain: ExplainOpt = False, fmt: FormatOpt = None,
              unit_system: UnitsOpt = UnitSystem.metric, mpge: MpgeOpt = False,
              bands: BandsOpt = False, assume: AssumeOpt = None,
              output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Range of a cell's pack in a vehicle: pack energy and mass, vehicle mass, consumption, range,
    and for cars the WLTP, EPA label (two-cycle), CLTC and NEDC ratings.

    R = E_usable / c(m_vehicle), with consumption from the road load over a drive cycle; EPA label =
    0.7 x (0.55 R_UDDS + 0.45 R_HWFET). With --bands: low / central / high over the plausible
    assumptions, and what moves the range most.

    \b
    Example: batcalc range gac-aion-ssb-350 --vehicle mid-sedan --pack-mass "480 kg"
    Example: batcalc range gac-aion-ssb-350 -v mid-sedan --bands --assume "cell-to-pack-mass=0.8 to 0.9"
    """
    fmt = set_output(output, force, fmt)
    from batcalc.physics.cells import load_cell
    from batcalc.physics.pack import check_fractions_apply
    from batcalc.physics.tradeoff import range_of
    from batcalc.report.render import check_format, render
    from batcalc.report.reports import explain_range, range_report
    from batcalc.report.vehicle import add_ratings

    check_format(fmt)
    _not_with_bands(bands, {"--explain": explain, "--mpge": mpge})
    check_fractions_apply([load_cell(cell)], f_mass is not None, f_volume is not None)
    v = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    inputs: dict = {}
    mass = _pack_mass(pack_mass, bands, inputs)
    energy = _pack_energy(pack_energy, bands, inputs)
    ranges = {**_ranges(assume, {"f_mass": f_mass, "f_usable": f_usable, "f_volume": f_volume,
                                 "ambient": ambient, "altitude": altitude}), **inputs}
    if bands:
        from batcalc.physics.bands import range_bands
        from batcalc.report.vehicle import conditions_text

        figures = load_cell(cell)
        b = range_bands(figures, v, ranges, pack_mass=mass, pack_energy=energy, cycle=_cycle(cycle),
                        given=_given_fractions(f_mass, f_usable, f_volume))
        # the cell's id, as the table without --bands is titled: not the path it was given as
        _emit_bands(b, ranges, unit_system.value, "range", f"{figures.id} in {v.id}: bands", fmt,
                    b.result.warnings_in(unit_system.value),
                    _held(conditions_text(v, b.result.cycle is not None, unit_system.value),
                          {"--f-mass": f_mass, "--f-usable": f_usable, "--f-volume": f_volume}, ranges, b.used,
                          unit_system.value))
        return
    v, point = _at_point(v, ranges, assume)
    result = range_of(load_cell(cell), v, pack_mass=mass, pack_energy=energy, cycle=_cycle(cycle),
                      options=_pack_options(f_mass, f_usable, f_volume, point))
    headers, rows, notes, data = range_report(result, unit_system.value, mpge)
    add_ratings(headers, rows, notes, data, v, result.pack.usable_energy, result.total_mass, unit_system.value,
                result.cycle)
    notes += _unused_assumptions(ranges, point)
    _add_ambient(notes, data, v, result.cycle is not None, unit_system.value)
    if explain:
        notes = _explained(explain_range(result, unit_system.value), data, notes, fmt)
    emit(render(headers, rows, data, fmt, title=f"{result.cell.id} in {result.vehicle.id}", notes=notes))


@app.command("tradeoff")
@handles_errors
def tradeoff_cmd(a: Annotated[str, typer.Argument(metavar="A", help="the reference cell (id or path)",
                                                  autocompletion=_complete_cells)],
                 b: Annotated[str, typer.Argument(metavar="B", help="the cell swapped in (id or path)",
                                                  autocompletion=_complete_cells)],
                 vehicle: VehicleOpt,
                 hold: Annotated[str, typer.Option("--hold", help="what stays the same: mass (pack mass), "
                                                   "energy (pack energy) or range")] = "mass",
                 pack_mass: Annotated[Optional[str], typer.Option("--pack-mass", help="A's pack mass "
                                                                  "[default: the vehicle's reference pack]")] = None,
                 pack_energy: Annotated[Optional[str], typer.Option("--pack-energy",
                                                                    help="A's gross pack energy")] = None,
                 target_range: Annotated[Optional[str], typer.Option("--range", help="with --hold range: the range "
                                                                     "both packs must give [default: A's "
                                                                     "range]")] = None,
                 cycle: CycleOpt = None, extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None,
                 altitude: AltitudeOpt = None, f_mass: FMassOpt = None, f_usable: FUsableOpt = None,
                 climate: ClimateOpt = None,
                 f_volume: FVolumeOpt = None, explain: ExplainOpt = False, fmt: FormatOpt = None,
                 unit_system: UnitsOpt = UnitSystem.metric, bands: BandsOpt = False, assume: AssumeOpt = None,
                 output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Swap cell A for cell B in a vehicle, holding pack mass, pack energy or range.

    mass: energy and range change by rho_B/rho_A. energy: the pack gets lighter (m_B/m_A = rho_A/rho_B)
    and consumption drops a little. range: the pack mass is solved with mass feedback; shows the mass
    saved and, for vehicles with a gross mass limit, the payload gained.

    \b
    Example: batcalc tradeoff gac-aion-ssb-300 gac-aion-ssb-350 --vehicle heavy-truck --hold range
    Example: batcalc tradeoff gac-aion-ssb-300 gac-aion-ssb-350 -v mid-sedan --hold range --bands
    """
    fmt = set_output(output, force, fmt)
    from batcalc.physics.cells import load_cell
    from batcalc.physics.pack import check_fractions_apply
    from batcalc.physics.tradeoff import check_hold, tradeoff
    from batcalc.report.render import SPREADSHEET_FORMATS, check_format, render
    from batcalc.report.reports import explain_tradeoff, tradeoff_report

    check_format(fmt)
    _not_with_bands(bands, {"--explain": explain})
    check_hold(hold, target_range is not None)     # before a range's --bands runs it at every point
    check_fractions_apply([load_cell(a), load_cell(b)], f_mass is not None, f_volume is not None)
    v = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    axes: dict = {}
    inputs = dict(pack_mass=_pack_mass(pack_mass, bands, axes),
                  pack_energy=_pack_energy(pack_energy, bands, axes),
                  target_range=_input(target_range, "length", "--range", bands, axes), cycle=_cycle(cycle))
    ranges = {**_ranges(assume, {"f_mass": f_mass, "f_usable": f_usable, "f_volume": f_volume,
                                 "ambient": ambient, "altitude": altitude}), **axes}
    if bands:
        from batcalc.physics.bands import tradeoff_bands
        from batcalc.report.vehicle import conditions_text

        cell_a, cell_b = load_cell(a), load_cell(b)
        tb = tradeoff_bands(cell_a, cell_b, v, hold, ranges,
                            given=_given_fractions(f_mass, f_usable, f_volume), **inputs)
        main = "mass_saved" if hold == "range" else "b_range"
        # the cells' ids, as the columns of the table without --bands name them: not the paths given
        _emit_bands(tb, ranges, unit_system.value, main, f"{cell_a.id} -> {cell_b.id} in {v.id} (same {hold}): bands",
                    fmt,
                    tb.result.warnings_in(unit_system.value),
                    _held(conditions_text(v, tb.result.a.cycle is not None, unit_system.value),
                          {"--f-mass": f_mass, "--f-usable": f_usable, "--f-volume": f_volume}, ranges, tb.used,
                          unit_system.value))
        return
    v, point = _at_point(v, ranges, assume)
    result = tradeoff(load_cell(a), load_cell(b), v, hold, **inputs,
                      options=_pack_options(f_mass, f_usable, f_volume, point))
    headers, rows, notes, data = tradeoff_report(result, unit_system.value)
    notes += _unused_assumptions(ranges, point)
    _add_ambient(notes, data, v, result.a.cycle is not None, unit_system.value)
    if explain:
        notes = _explained(explain_tradeoff(result, unit_system.value), data, notes, fmt)
    if fmt in SPREADSHEET_FORMATS:          # the change as numbers in their own columns
        from batcalc.report.reports import numeric_change_rows

        headers, rows = numeric_change_rows(headers, rows)
    emit(render(headers, rows, data, fmt, notes=notes))


PackMassOpt = Annotated[Optional[str], typer.Option("--pack-mass", help="pack mass, e.g. '480 kg' [default: the "
                                                   "vehicle's reference pack mass]")]


def _held(conditions: str, options: dict[str, Optional[str]], ranges, used, system: str) -> list[str]:
    """What a --bands run holds fixed, which its box of assumptions does not show, as one note: the
    vehicle's ``conditions`` given (:func:`batcalc.report.vehicle.conditions_text`: ``'-7 °C, heat-pump cabin
    climate'``), the ``options`` given that fix an assumption (``{'--f-usable': '90 %'}``, None when not
    given) and the ``--assume`` points (zero width) the result read (``used``)."""
    from batcalc.errors import printable

    parts = [f"conditions {conditions}"] if conditions else []
    parts += [f"{name} {printable(text.strip(), 60)}" for name, text in options.items() if text is not None]
    parts += [f"{id} {p.show(p.central, system)} (--assume)" for id, p in ranges.items()
              if getattr(p, "overridden", None) and p.low == p.high and id in used]
    return [f"held fixed, so no band: {'; '.join(parts)}"] if parts else []


def _emit_bands(b, ranges, system: str, main: str, title: str, fmt: str, warnings=(),
                held: Optional[list[str]] = None) -> None:
    """Print the bands of a result (:func:`batcalc.report.bands.bands_report`), with the warnings of the
    result at the central point, and ``held``, what the run holds fixed (:func:`_held`; a note and JSON
    ``held``)."""
    from batcalc.report.bands import bands_report
    from batcalc.report.render import render

    headers, rows, notes, data = bands_report(b, ranges, system, main, title, warnings)
    if held:
        notes, data["held"] = notes + held, held
    emit(render(headers, rows, data, fmt, title=title, notes=notes))


def _emit_report_bands(make, ranges, main: Optional[str], title: str, fmt: str, system: str,
                       held=lambda used: []) -> None:
    """Print the bands of every shown figure of a report built by ``make(assumed)``
    (:func:`batcalc.report.bands.report_bands`), and ``held(used)``, what the run holds fixed
    (:func:`_held`, given the assumptions the central run read; notes and JSON ``held``)."""
    from batcalc.report.bands import report_bands, report_bands_report
    from batcalc.report.render import render

    b, central, central_data = report_bands(make, ranges)
    headers, rows, notes, data = report_bands_report(b, central, central_data, ranges, main, title, system)
    fixed = held(b.used)
    if fixed:
        notes, data["held"] = notes + fixed, fixed
    emit(render(headers, rows, data, fmt, title=title, notes=notes))


def _reference_mass(v) -> tuple[float, str]:
    """The vehicle's reference pack mass, kg, and how it is described (a one-line error without one)."""
    from batcalc.physics.tradeoff import reference_pack_mass

    return reference_pack_mass(v), f"{v.id}'s reference pack"


@app.command("consumption")
@handles_errors
def consumption_cmd(vehicle: VehicleOpt, cycle: CycleOpt = None,
                    pack_mass: PackMassOpt = None,
                    extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None, altitude: AltitudeOpt = None,
                    climate: ClimateOpt = None,
                    fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric, mpge: MpgeOpt = False,
                    bands: BandsOpt = False, assume: AssumeOpt = None,
                    output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Consumption at the battery of a vehicle without choosing a cell, at its reference pack mass.

    Shows the vehicle mass, the consumption, its mass sensitivity (c(m + 100 kg) - c(m)) and where it
    goes: rolling, aerodynamic, auxiliaries, accelerating and braking net of regeneration.

    \b
    Example: batcalc consumption --vehicle mid-sedan --cycle udds --extra-mass "200 kg"
    Example: batcalc consumption --vehicle mid-sedan --units imperial --mpge
    Example: batcalc consumption --vehicle large-suv --bands --pack-mass "500 to 700 kg"
    """
    fmt = set_output(output, force, fmt)
    from batcalc.physics.tradeoff import default_cycle
    from batcalc.report.render import check_format, render
    from batcalc.report.vehicle import consumption_report

    check_format(fmt)
    _not_with_bands(bands, {"--mpge": mpge})
    v = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    axes: dict = {}
    given = _pack_mass(pack_mass, bands, axes)
    mass, how = (given, "as given") if given is not None else _reference_mass(v)
    cyc = default_cycle(v) if cycle is None else _cycle(cycle)
    ranges = {**_ranges(assume, {"ambient": ambient, "altitude": altitude}), **axes}
    if bands:
        from batcalc.physics.bands import at, consumption_bands
        from batcalc.physics.vehicle import trace_warnings
        from batcalc.report.vehicle import conditions_text

        cb = consumption_bands(v, cyc, lambda x, a: float(x.total_mass(at(mass, a))), ranges)
        _emit_bands(cb, ranges, unit_system.value, "consumption", f"consumption of {v.id}: bands", fmt,
                    trace_warnings(cb.result[0], cyc, cb.result[1], unit_system.value),
                    _held(conditions_text(v, cyc is not None, unit_system.value),
                          {"--pack-mass": None if isinstance(given, str) else pack_mass}, ranges, cb.used,
                          unit_system.value))
        return
    v, point = _at_point(v, ranges, assume)
    headers, rows, notes, data = consumption_report(v, cyc, mass, how, unit_system.value, mpge)
    notes += _unused_assumptions(ranges, point)
    _add_ambient(notes, data, v, cyc is not None, unit_system.value)
    emit(render(headers, rows, data, fmt, title=f"consumption of {v.id} on {data['cycle']}", notes=notes))


@app.command("normalise")
@handles_errors
def normalise_cmd(value: Annotated[str, typer.Argument(metavar="RANGE", help="a range on one rating, e.g. '1000 km'")],
                  from_rating: Annotated[str, typer.Option("--from", help="the rating the range is stated on: wltp, "
                                                           "epa, cltc, nedc, or any cycle --cycle takes")],
                  to_rating: Annotated[str, typer.Option("--to", help="the rating to convert to (as --from)")],
                  vehicle: VehicleOpt,
                  pack_mass: PackMassOpt = None,
                  extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None, altitude: AltitudeOpt = None,
                  climate: ClimateOpt = None,
                  fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
                  bands: BandsOpt = False, assume: AssumeOpt = None,
                  output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """A range stated on one rating as a range on another, for one vehicle, beside the published band.

    R_to = R_from x c_from / c_to (the same energy on both cycles), at the vehicle's reference pack
    mass; EPA label = 0.7 x (0.55 R_UDDS + 0.45 R_HWFET). The published bands of range ratios
    (specs/rating_bands.yaml, docs/ratings.md) are printed beside the simulated ratio, with a note
    when it falls outside.

    \b
    Example: batcalc normalise "1000 km" --from cltc --to wltp --vehicle mid-sedan
    Example: batcalc normalise "1000 km" --from cltc --to wltp --vehicle mid-sedan --bands
    """
    fmt = set_output(output, force, fmt)
    from batcalc.report.render import check_format, render
    from batcalc.report.vehicle import conditions_text, normalise_report

    check_format(fmt)
    axes: dict = {}
    given = _input(value, "length", "RANGE", bands, axes)
    v = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    mass_pack = _pack_mass(pack_mass, bands, axes)
    pack, how = (mass_pack, "pack as given") if mass_pack is not None else _reference_mass(v)
    ranges = {**_ranges(assume, {"ambient": ambient, "altitude": altitude}), **axes}
    if bands:
        from batcalc.physics.bands import at

        _emit_report_bands(lambda a: normalise_report(v.with_assumed(a), at(given, a), from_rating, to_rating,
                                                      float(v.total_mass(at(pack, a))), how, unit_system.value)[3],
                           ranges, "range", f"{from_rating} -> {to_rating} for {v.id}: bands", fmt, unit_system.value,
                           lambda used: _held(conditions_text(v, True, unit_system.value),
                                              {"--pack-mass": None if isinstance(mass_pack, str) else pack_mass},
                                              ranges, used, unit_system.value))
        return
    v, point = _at_point(v, ranges, assume)
    headers, rows, notes, data = normalise_report(v, given, from_rating, to_rating, float(v.total_mass(pack)), how,
                                                  unit_system.value)
    notes += _unused_assumptions(ranges, point)
    _add_ambient(notes, data, v, system=unit_system.value)
    emit(render(headers, rows, data, fmt, title=f"{data['from']} -> {data['to']} for {v.id}", notes=notes))


@app.command("sweep")
@handles_errors
def sweep_cmd(vehicle: VehicleOpt,
              densities: Annotated[str, typer.Option("--densities", help="cell energy densities: start:stop:step "
                                                     "or a list, with a unit, e.g. '200:500:50 Wh/kg'")
                                   ] = "200:500:50 Wh/kg",
              pack_masses: Annotated[Optional[str], typer.Option("--pack-masses", help="pack masses, e.g. "
                                                                 "'300:700:100 kg' (gives range)")] = None,
              ranges: Annotated[Optional[str], typer.Option("--ranges", help="ranges, e.g. '400:1000:200 km' "
                                                            "(gives pack mass)")] = None,
              cycle: CycleOpt = None, f_mass: FMassOpt = None, f_usable: FUsableOpt = None,
              extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None, altitude: AltitudeOpt = None,
              climate: ClimateOpt = None,
              fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
              output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Range over a grid of cell energy densities x pack masses, or pack mass over densities x ranges.

    Give exactly one of --pack-masses (the grid gives the range) and --ranges (it gives the pack mass
    that reaches each range, with the mass feedback). Tables put densities in rows; csv and json give
    one record per grid point.

    \b
    Example: batcalc sweep --vehicle mid-sedan --densities "250:400:50 Wh/kg" --pack-masses "300:600:100 kg"
    Example: batcalc sweep --vehicle mid-sedan --ranges "400:800:200 km"
    """
    fmt = set_output(output, force, fmt)
    from batcalc.physics.tradeoff import default_cycle
    from batcalc.report.render import check_format
    from batcalc.report.reports import sweep_report
    from batcalc.report.vehicle import conditions_set_notes
    from batcalc.units import parse_grid

    check_format(fmt)
    if (pack_masses is None) == (ranges is None):
        raise BatcalcError("give --pack-masses (to get range) or --ranges (to get pack mass), not both or neither")
    v = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    cyc = _cycle(cycle)
    conditions = conditions_set_notes(v, (default_cycle(v) if cyc == "default" else cyc) is not None,
                                      unit_system.value)
    emit(sweep_report(v, parse_grid(densities, "specific_energy", "--densities"),
                      parse_grid(pack_masses, "mass", "--pack-masses") if pack_masses is not None else None,
                      parse_grid(ranges, "length", "--ranges", "km") if ranges is not None else None,
                      cyc, _pack_options(f_mass, f_usable), fmt, unit_system.value, conditions))


@app.command("charge")
@handles_errors
def charge_cmd(cell: Annotated[Optional[str], typer.Argument(
                   metavar="CELL", help="catalogue id or path of a cell spec (with --implied: every catalogue "
                   "cell when left out)", autocompletion=_complete_cells, show_default=False)] = None,
               vehicle: ChargeVehicleOpt = None,
               pack_energy: PackEnergyOpt = None,
               from_soc: Annotated[Optional[str], typer.Option("--from", help="start SoC, e.g. '10 %' [default: "
                                                               "the cell's claim; 0 % and 10 % when it is open; "
                                                               "10 % on a charger]")] = None,
               to_soc: Annotated[Optional[str], typer.Option("--to", help="end SoC, e.g. '80 %' [default on a "
                                                             "charger: 80 %]")] = None,
               time: Annotated[Optional[str], typer.Option("--time", help="charge time, e.g. '12 min'")] = None,
               power: Annotated[Optional[str], typer.Option("--power", help="average power at the battery, "
                                                            "e.g. '350 kW' (instead of --time)")] = None,
               charger_id: ChargerOpt = None,
               pack_voltage: PackVoltageOpt = None,
               peak_c_rate: PeakCRateOpt = None,
               taper_id: TaperOpt = None,
               implied: Annotated[bool, typer.Option("--implied", help="the peak C-rate and power each charge "
                                                     "claim implies under its taper (75 kWh unless "
                                                     "--pack-energy)")] = False,
               cycle: CycleOpt = None,
               charger_efficiency: Annotated[Optional[str], typer.Option("--charger-efficiency", help="battery "
                                                                         "energy / grid energy [default: "
                                                                         "90 %]")] = None,
               extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None, altitude: AltitudeOpt = None,
               climate: ClimateOpt = None,
               fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
               bands: BandsOpt = False, assume: AssumeOpt = None,
               output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Charging: time, average and peak power at the battery and from the grid, range added.

    With --charger (or --peak-c-rate, --taper, or --pack-voltage without --time and --power) the pack
    charges along its curve: power P(s) = min(charger power, charger current x pack voltage, cell peak
    C-rate x taper(s) x E_pack), time = integral E_pack ds / P(s). Otherwise at an average rate: the
    cell's own charge claims, or --to with --time or --power; C = dSoC / t[h]; P = dSoC x E_pack / t;
    the chargers that deliver P: min(charger power, charger current x pack voltage) >= P. --implied
    lists the peak C-rate each charge claim implies. Formulas and tables: docs/charging.md.

    \b
    Example: batcalc charge huineng-llcb --vehicle mid-sedan --charger ccs-350kw --from "10 %" --to "80 %"
    Example: batcalc charge huineng-llcb --vehicle mid-sedan --bands --assume "charger-efficiency=85 % to 95 %"
    """
    fmt = set_output(output, force, fmt)
    from batcalc.physics.cells import load_cell
    from batcalc.report.render import check_format, render

    check_format(fmt)
    axes: dict = {}
    energy_in = _pack_energy(pack_energy, bands and not implied, axes)
    energy = None if isinstance(energy_in, str) else energy_in
    if implied:
        from batcalc.report.charge import implied_report
        from batcalc.spec.catalog import catalog_ids

        unused = [name for name, x in (("--vehicle", vehicle), ("--from", from_soc), ("--to", to_soc),
                                       ("--time", time), ("--power", power), ("--charger", charger_id),
                                       ("--pack-voltage", pack_voltage), ("--peak-c-rate", peak_c_rate),
                                       ("--taper", taper_id), ("--cycle", cycle),
                                       ("--charger-efficiency", charger_efficiency), ("--assume", assume),
                                       ("--bands", bands), ("--extra-mass", extra_mass), ("--ambient", ambient),
                                       ("--altitude", altitude), ("--climate", climate))
                  if x not in (None, False, [])]          # given, if empty ('--taper ""' was dropped unsaid)
        if unused:          # each would be ignored: the claims give the windows, --pack-energy the pack
            raise BatcalcError(f"--implied reads the cells' charge claims under each cell's taper, for "
                               f"--pack-energy (75 kWh unless given): drop {', '.join(unused)}")

        cells = [load_cell(cell)] if cell is not None else [load_cell(i) for i in catalog_ids("cell")]
        headers, rows, notes, data = implied_report(cells, energy, unit_system.value)
        emit(render(headers, rows, data, fmt, title="peak C-rates the charge claims imply", notes=notes))
        return
    if cell is None:
        raise BatcalcError("charge needs a CELL (or --implied), e.g. batcalc charge huineng-llcb --vehicle mid-sedan")
    figures = load_cell(cell)
    loaded = None
    if any(x is not None for x in (extra_mass, ambient, altitude, climate)):
        if vehicle is None:
            raise BatcalcError("--extra-mass, --ambient, --altitude and --climate change a vehicle's consumption: "
                               "give --vehicle")
        loaded = _vehicle(vehicle, extra_mass, ambient, altitude, climate)

    def held(used) -> list[str]:
        """What --bands holds fixed (:func:`_held`): the vehicle's conditions given, --charger-efficiency and
        --pack-voltage given, the --assume points read."""
        from batcalc.physics.tradeoff import default_cycle
        from batcalc.report.vehicle import conditions_text

        given = "" if loaded is None else conditions_text(
            loaded, (default_cycle(loaded) if cycle is None else cycle) is not None, unit_system.value)
        return _held(given, {"--charger-efficiency": charger_efficiency, "--pack-voltage": pack_voltage}, ranges,
                     used, unit_system.value)

    on_curve = any(x is not None for x in (charger_id, peak_c_rate, taper_id)) or \
        (pack_voltage is not None and time is None and power is None)
    if on_curve:
        from batcalc.physics.charge import check_curve_request
        from batcalc.report.charge import charge_run, curve_band_data, curve_report

        check_curve_request(time, power)
        curve_args = (figures, vehicle, energy, _quantity(pack_voltage, "voltage", "--pack-voltage"), charger_id,
                      _quantity(from_soc, "fraction", "--from"), _quantity(to_soc, "fraction", "--to"),
                      _quantity(peak_c_rate, "c_rate", "--peak-c-rate"), taper_id, _cycle(cycle),
                      _quantity(charger_efficiency, "fraction", "--charger-efficiency"), unit_system.value)
        if bands or assume:
            ranges = _ranges(assume, {"charger_efficiency": charger_efficiency, "pack_voltage": pack_voltage,
                                      "ambient": ambient, "altitude": altitude})
            if bands:
                from batcalc.physics.bands import at

                ranges = {**ranges, **axes}

                def curve_at(a):
                    args = (curve_args[0], curve_args[1], at(energy_in, a)) + curve_args[3:]
                    return curve_band_data(charge_run(*args, assumed=a, loaded=loaded), unit_system.value)
                _emit_report_bands(curve_at, ranges, "window.time", f"charging {figures.id}: bands", fmt,
                                   unit_system.value, held)
                return
            point = _assumed(ranges)
            run = charge_run(*curve_args, assumed=point, loaded=loaded)
        else:
            ranges, point = {}, None
            run = charge_run(*curve_args, loaded=loaded)
        headers, rows, notes, data = curve_report(run, unit_system.value)
        notes += _unused_assumptions(ranges, point)
        title = f"charging {figures.id}" + (f" on {charger_id}" if charger_id else "")
        emit(render(headers, rows, data, fmt, title=title, notes=notes))
        return
    from batcalc.report.charge import charge_report

    time_in, power_in = _input(time, "time", "--time", bands, axes), _input(power, "power", "--power", bands, axes)
    ranges = {**_ranges(assume, {"charger_efficiency": charger_efficiency, "pack_voltage": pack_voltage,
                                 "ambient": ambient, "altitude": altitude}),
              **axes}
    if bands:
        from batcalc.physics.bands import at

        def report_at(a):
            return charge_report(figures, vehicle, at(energy_in, a), _quantity(from_soc, "fraction", "--from"),
                                 _quantity(to_soc, "fraction", "--to"), at(time_in, a), at(power_in, a),
                                 _cycle(cycle), _quantity(charger_efficiency, "fraction", "--charger-efficiency"),
                                 unit_system.value, assumed=a,
                                 pack_voltage=_quantity(pack_voltage, "voltage", "--pack-voltage"), loaded=loaded)[3]
        _emit_report_bands(report_at, ranges, "windows.0.range_added", f"charging {figures.id}: bands", fmt,
                           unit_system.value, held)
        return
    report_args = (figures, vehicle, energy,
                   _quantity(from_soc, "fraction", "--from"), _quantity(to_soc, "fraction", "--to"),
                   _quantity(time, "time", "--time"), _quantity(power, "power", "--power"), _cycle(cycle),
                   _quantity(charger_efficiency, "fraction", "--charger-efficiency"), unit_system.value)
    point = _assumed(ranges) if assume else None
    headers, rows, notes, data = charge_report(*report_args, assumed=point,
                                               pack_voltage=_quantity(pack_voltage, "voltage", "--pack-voltage"),
                                               loaded=loaded)
    notes += _unused_assumptions(ranges, point)
    emit(render(headers, rows, data, fmt, title=f"charging {figures.id}", notes=notes))


def _verdict_output(verdicts, fmt: str, title: str | None = None, system: str = "metric",
                    banded=None, ranges=None, more_notes: list[str] | None = None) -> None:
    """Print verdicts (with ``banded``, verdicts over the bands: their bands and deciders in table,
    markdown and JSON output), ``more_notes`` after the verdicts' own; exit code 1 if any claim fails."""
    # 'import a.b as m', not 'from a.b import f' (as elsewhere here): this runs once per file of a batch,
    # and on Python 3.11 each 'from module import' looks for a __path__ on the module, an AttributeError
    # formatted and dropped (about 9 K instructions against 5 K)
    import batcalc.report.claims as report_claims
    import batcalc.report.render as report_render

    render = report_render.render
    if banded is not None:
        verdicts = [b.verdict for b in banded]
    if fmt == "html":                   # one self-contained page (batcalc.page.report)
        from batcalc.page.report import page_for

        emit(page_for(verdicts, title, system))
    elif fmt in report_render.SPREADSHEET_FORMATS:      # numbers in their own columns and the sources
        headers, rows = report_claims.verdict_csv(verdicts, system)
        emit(render(headers, rows, None, fmt))
    elif banded is not None:
        headers, rows, notes, data = report_claims.banded_rows(banded, ranges, system, with_data=fmt == "json")
        emit(render(headers, rows, data, fmt, title=title, notes=notes))
    else:
        headers, rows, notes, data = report_claims.verdict_rows(verdicts, system, with_data=fmt == "json")
        emit(render(headers, rows, data, fmt, title=title, notes=notes + (more_notes or [])))
    if "fails" in [v.status for v in verdicts]:
        raise typer.Exit(1)


def _unused_by_claims(ranges, banded) -> list[str]:
    """The note naming the ``--assume`` assumptions no claim of ``banded`` read (each claim's
    ``used``: the assumptions it rests on; :func:`batcalc.report.bands.unused_assumptions`)."""
    from batcalc.report.bands import unused_assumptions

    return unused_assumptions(ranges, [id for b in banded for id in b.used])


@app.command("check")
@handles_errors
def check_cmd(files: Annotated[list[str], typer.Argument(metavar="FILE", help="claims files (YAML), catalogue "
                                                         "claim ids such as seed-article, or - for standard "
                                                         "input")],
              fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
              bands: BandsOpt = False, assume: AssumeOpt = None,
              output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Check the claims in claims files: each holds, fails or is underdetermined, and why.

    With --bands each claim is checked over the plausible range of every default assumption it rests
    on: it holds (for all), fails (for all) or depends, naming the assumptions that decide it and
    where. Exit code 1 if any claim fails (depends and underdetermined exit 0). The file format is
    in docs/claims.md (installed with the package as batcalc/docs/claims.md); `batcalc schema claim`
    gives its JSON Schema.

    \b
    Example: batcalc check seed-article
    Example: batcalc check seed-article --bands --assume "usable-fraction=90 % to 95 %"
    """
    fmt = set_output(output, force, fmt)
    import batcalc.claims.check as claims_check  # this form of import: see _verdict_output
    import batcalc.report.render as report_render

    report_render.check_format(fmt)
    if len(files) > 1:
        _each_claims_file_once(files)
    title = None
    if bands or assume:
        from batcalc.claims.bands import check_file_bands

        ranges = _ranges(assume)
        banded, titles = [], []
        for name in files:                  # --assume alone: the claims at the new central values
            spec, found_b = check_file_bands(name, ranges, points=not bands)
            banded += found_b
            titles.append(spec.title or name)
        title = "; ".join(titles) if fmt != "json" else None
        _verdict_output(None, fmt, title, unit_system.value, banded=banded if bands else None, ranges=ranges) \
            if bands else _verdict_output([b.verdict for b in banded], fmt, title, unit_system.value,
                                          more_notes=_unused_by_claims(ranges, banded))
        return
    verdicts, titles = [], []
    for name in files:
        spec, found = claims_check.check_file(name)
        verdicts += found
        titles.append(spec.title or name)
    _verdict_output(verdicts, fmt, "; ".join(titles) if fmt != "json" else None, unit_system.value)


@app.command("claim")
@handles_errors
def claim_cmd(kind: Annotated[str, typer.Argument(metavar="KIND", help=", ".join(CLAIM_KINDS))],
              inputs: Annotated[Optional[list[str]], typer.Argument(metavar="KEY=VALUE", help="the claim's inputs, "
                                                                    "e.g. a=gac-aion-ssb-300 "
                                                                    "b=gac-aion-ssb-350")] = None,
              # keyword-only: a required option after defaulted arguments (instead of mypy-opaque `= ...`)
              *, asserted: Annotated[str, typer.Option("--asserted", "-a", help="the value the claim asserts, "
                                                       "e.g. 3, '98 %', '1000 km', '12 min'")],
              qualifier: Annotated[str, typer.Option("--qualifier", "-q", help="about, at-least, at-most, over, "
                                                     "under, up-to or between (--asserted 'LOW to HIGH unit')")
                                 ] = "about",
              tolerance: Annotated[Optional[str], typer.Option("--tolerance", help="relative tolerance "
                                                               "[default: the precision of --asserted, at least 5 % "
                                                               "for about and up-to]")] = None,
              quote: Annotated[Optional[str], typer.Option("--quote", help="the claim's text, for the record")] = None,
              plausible: Annotated[Optional[str], typer.Option("--plausible", help="with a figure left as '?': the "
                                                               "range it is plausible in, e.g. '500 to 750 Wh/L'; "
                                                               "the verdict says whether the implied figure lies "
                                                               "in it")] = None,
              fmt: FormatOpt = None, unit_system: UnitsOpt = UnitSystem.metric,
              bands: BandsOpt = False, assume: AssumeOpt = None,
              output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Check one claim given on the command line, without writing a file.

    Inputs are KEY=VALUE pairs, as under `inputs:` in a claims file (docs/claims.md, installed as
    batcalc/docs/claims.md); a dimensional input may be a range, 'pack_energy=70 to 90 kWh', carried
    through with --bands. Exit code 1 if the claim fails (not when it depends or is underdetermined).

    \b
    Example: batcalc claim growth start="1.95 billion yuan" end="116.23 billion yuan" start_year=2024 \\
                 end_year=2030 --asserted "98 %"
    Example: batcalc claim range "pack_energy=70 to 90 kWh" vehicle=mid-sedan --asserted "600 km" --bands
    """
    fmt = set_output(output, force, fmt)
    from batcalc.claims.check import check_inline, inline_inputs
    from batcalc.report.render import check_format

    check_format(fmt)
    pairs = inline_inputs(inputs or [])
    from batcalc.spec.claims import QUALIFIERS

    if qualifier not in QUALIFIERS:
        raise BatcalcError(f"--qualifier must be one of {', '.join(QUALIFIERS)}, got {qualifier!r}")
    if bands or assume:
        from batcalc.claims.bands import band_claim
        from batcalc.claims.check import inline_claim

        ranges = _ranges(assume)
        if not bands:
            from batcalc.physics.bands import points

            ranges = points(ranges)
        b = band_claim(inline_claim(kind, pairs, asserted, qualifier, tolerance, quote, plausible), ranges)
        if bands:
            _verdict_output(None, fmt, system=unit_system.value, banded=[b], ranges=ranges)
        else:
            _verdict_output([b.verdict], fmt, system=unit_system.value, more_notes=_unused_by_claims(ranges, [b]))
        return
    _verdict_output([check_inline(kind, pairs, asserted, qualifier, tolerance, quote, plausible)], fmt,
                    system=unit_system.value)


class SpecKind(str, Enum):
    cell = "cell"
    vehicle = "vehicle"
    claim = "claim"


@app.command("schema")
@handles_errors
def schema_cmd(kind: Annotated[SpecKind, typer.Argument(metavar="KIND", help="cell, vehicle or claim")],
               output: TableOutputOpt = None, force: ForceOpt = False) -> None:
    """Print the JSON Schema of a spec kind, with descriptions and the dimension of every value.

    Point an editor's YAML language server at it with a first line
    '# yaml-language-server: $schema=cell.schema.json'.

    \b
    Example: batcalc schema cell -o cell.schema.json
    """
    from batcalc.report.render import render_json
    from batcalc.spec.schema import schema_for

    set_output(output, force)                  # JSON whatever FILE's extension
    emit(render_json(schema_for(kind.value)))


@app.command("new")
@handles_errors
def new_cmd(kind: Annotated[SpecKind, typer.Argument(metavar="KIND", help="cell, vehicle or claim")],
            spec_id: Annotated[str, typer.Argument(metavar="ID", help="id of the new spec (lowercase, dashes)")],
            output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="file to write, - "
                                                          "for standard output [default: ID.yaml in the current "
                                                          "folder]")] = None,
            force: Annotated[bool, typer.Option("--force", help="replace FILE if it exists")] = False) -> None:
    """Write a commented template for a new spec file that loads as it is (never overwrites without --force).

    \b
    Example: batcalc new cell my-cell
    """
    from batcalc.io.safefile import write_new
    from batcalc.spec.schema import template

    if output == "-":                        # -o -: standard output
        emit(template(kind.value, spec_id).rstrip("\n"))
        return
    path = f"{spec_id}.yaml" if output is None else output      # -o '' is refused, not read as no -o
    write_new(path, template(kind.value, spec_id).encode("utf-8"), force=force)
    then = ("show" if kind is SpecKind.cell else "check" if kind is SpecKind.claim
            else "range gac-aion-ssb-350 --vehicle")
    emit(f"wrote {quoted_path(path)}: edit it, then try: batcalc {then} {_command_path(path)}")


def _command_path(path: str) -> str:
    """``path`` as a command line to copy takes it: shell-quoted (``'my cell.yaml'``; a name with a control
    character as :func:`~batcalc.errors.quoted_path` shows it, on one line) and, when it starts with '-',
    after './' (else an option)."""
    import shlex

    if not path.isprintable():
        return quoted_path(path)
    return shlex.quote(f"./{path}" if path.startswith("-") else path)


from batcalc.cli.importers import import_fastsim_cmd  # noqa: E402
from batcalc.cli.lint import lint_cmd  # noqa: E402
from batcalc.cli.plot import plot_app  # noqa: E402  (the plot commands, matplotlib loaded only when plotting)

app.command("import-fastsim")(import_fastsim_cmd)
app.command("lint")(lint_cmd)

app.add_typer(plot_app, name="plot")


def _app_for(args: list[str]) -> typer.Typer:
    """The typer app that runs ``args``: when they name a command or command group (after any
    ``--debug``), an app with the same settings and root options holding that one alone, else
    :data:`app` itself (``--help``, ``--version``, a mistyped name, shell completion).

    Making a typer app a click command builds the parameters of every command it holds (each
    function's signature and type hints, each option's click parameter). One command line runs one
    command, whose options, help and errors are the same in either app
    (``tests/test_cli_one_command.py`` compares them); building that one alone took ``batcalc compare gac-aion-ssb-300
    gac-aion-ssb-350`` from 952.6 M to 875.1 M instructions (callgrind, -8.1 %)."""
    i = 0
    while i < len(args) and args[i] == "--debug":
        i += 1
    if i == len(args) or "_BATCALC_COMPLETE" in os.environ:
        return app
    commands = [c for c in app.registered_commands if c.name == args[i]]
    groups = [g for g in app.registered_groups if g.name == args[i]]
    if not commands and not groups:
        return app
    one = typer.Typer(**_APP_SETTINGS)
    one.registered_callback = app.registered_callback
    one.registered_commands, one.registered_groups = commands, groups
    return one


def _is_usage_error(exc: Exception) -> bool:
    """Whether a click/typer exception is a usage error (bad option, missing argument, no such
    command). typer >= 0.2x vendors click; its exceptions subclass the public ``typer.TyperException``
    and a usage error is the one with exit code 2 and the failing command's context (click's
    ``UsageError``); checked by those public attributes, not by the vendored module's classes."""
    return getattr(exc, "exit_code", None) == 2 and hasattr(exc, "ctx")


def repeated_option(command, args: list[str]) -> Optional[str]:
    """The first option of the invoked (sub)command given twice although it takes one value, as
    ``'--pack-mass'`` (click would keep the last silently), else None. Walks ``args`` to the
    subcommand named, then counts each option's spellings (``-v``/``--vehicle``, ``--x=value``)
    before a ``--``."""
    seen: dict[str, str] = {}
    params: dict[str, Any] = {}

    def learn(cmd) -> None:
        params.clear()
        seen.clear()
        for p in getattr(cmd, "params", []):
            if getattr(p, "multiple", False) or getattr(p, "count", False) or getattr(p, "is_flag", False):
                continue
            for name in (*getattr(p, "opts", ()), *getattr(p, "secondary_opts", ())):
                if name.startswith("-"):
                    params[name] = p

    learn(command)
    for token in args:
        if token == "--":
            break
        sub = getattr(command, "commands", None)
        if sub is not None and token in sub:
            command = sub[token]
            learn(command)
            continue
        name = token.split("=", 1)[0] if token.startswith("--") else token
        p = params.get(name)
        if p is None:
            continue
        key = p.name or name
        if key in seen:
            return max(p.opts, key=len)
        seen[key] = name
    return None


def negative_value_hint(ctx, args: list[str], option: str) -> str:
    """How to give a value that starts with ``-`` (read as the option ``option``): this command line with
    its options first, then ``--``, then its arguments in their order (after ``--`` everything is an
    argument, options too), e.g. ``batcalc normalise --from cltc --to wltp -- '-5 km'``. Without the
    command's context, the rule alone."""
    import shlex

    rule = "put the options first, then -- and the arguments"
    command = getattr(ctx, "command", None)
    name = getattr(ctx, "info_name", None)
    if command is None or name not in args:
        return rule
    at = args.index(name)
    takes_value = {name: not (getattr(p, "is_flag", False) or getattr(p, "count", False))
                   for p in getattr(command, "params", [])
                   for name in (*getattr(p, "opts", ()), *getattr(p, "secondary_opts", ())) if name.startswith("-")}
    options: list[str] = []
    arguments: list[str] = []
    rest = iter(args[at + 1:])
    for token in rest:
        if token == "--":
            arguments.extend(rest)
        elif token.split("=", 1)[0] in takes_value and not token.startswith(option):
            options.append(token)
            if takes_value[token.split("=", 1)[0]] and "=" not in token:
                options.append(next(rest, ""))
        else:
            arguments.append(token)
    example = " ".join(shlex.quote(t) for t in ["batcalc", *args[:at + 1], *options, "--", *arguments])
    return f"{rule}, e.g. {example}"


def main(argv: Optional[list[str]] = None) -> None:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``) and exit: like ``app()``, but usage
    errors are one line too (exit 2), an option given twice is refused rather than the last one kept,
    and an interruption (Ctrl-C, or SIGTERM/SIGHUP turned into :class:`~batcalc.errors.Interrupted` by
    :mod:`batcalc.cli.entry`, the console script's entry point) is one line and exit 128 + signal."""
    from typer.main import get_command

    # typer >= 0.2x vendors click and its exceptions subclass typer.TyperException; older typer
    # raises click's own (click is then already imported by typer, so looking it up costs nothing)
    errors = tuple(e for e in (getattr(typer, "TyperException", None),
                               getattr(sys.modules.get("click"), "ClickException", None)) if e is not None)
    args = sys.argv[1:] if argv is None else list(argv)
    command = get_command(_app_for(args))
    twice = repeated_option(command, args)
    if twice is not None:
        fail(f"batcalc: error: {twice} is given more than once; give it once (batcalc would otherwise keep "
             f"only the last)")
        sys.exit(2)
    try:
        code = command.main(args=argv, prog_name="batcalc", standalone_mode=False)
    except SystemExit:              # shell completion and --help exit on their own
        raise
    except (typer.Abort, KeyboardInterrupt):     # Ctrl-C while click parses (click turns it into Abort)
        fail(f"batcalc: {Interrupted(2)}")
        code = 130
    except Interrupted as exc:                    # SIGTERM or SIGHUP (batcalc.cli.entry), Ctrl-C in a command
        fail(f"batcalc: {exc}")
        code = exc.exit_code
    except OSError as exc:          # help or a usage message that could not be written
        code = output_failed(exc)
    except errors as exc:
        if not _is_usage_error(exc):
            fail(f"batcalc: error: {' '.join(exc.format_message().split())}")
            code = exc.exit_code
        elif type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
            typer.echo(exc.ctx.get_help())
            sys.exit(0)
        else:
            path = exc.ctx.command_path if exc.ctx is not None else "batcalc"
            # typer words a bad choice "Invalid value for '--units' / '-u': Value error, 'si' is not one of ..."
            message = " ".join(exc.format_message().split()).replace(": Value error, ", ": ")
            option = getattr(exc, "option_name", "") or ""
            if option[1:2].isdigit() or option[1:2] == ".":    # '-5 kWh' read as an option
                message += "; a negative value? " + negative_value_hint(exc.ctx, args, option)
            elif path == "batcalc list" and message.startswith("Got unexpected extra argument"):
                message += "; " + _list_kind_hint(args)
            fail(f"{path}: error: {message} (see '{path} --help')")
            code = 2
    sys.exit(code if isinstance(code, int) else 0)
