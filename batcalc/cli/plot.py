"""``batcalc plot``: Ragone, range and charge charts written to PNG, SVG or PDF files.

A typer sub-app (mounted by :mod:`batcalc.cli` as ``plot``). Like the other commands it only parses
options and calls the layers below (:mod:`batcalc.plots` builds the data and draws it). Nothing here
imports matplotlib: ``batcalc --help`` stays fast and works without it.
"""


from typing import Annotated, Optional

import typer

from batcalc.cli.common import (
    AltitudeOpt,
    AmbientOpt,
    AssumeOpt,
    ChargerOpt,
    ChargeVehicleOpt,
    ClimateOpt,
    CycleOpt,
    ExtraMassOpt,
    FMassOpt,
    FUsableOpt,
    PackEnergyOpt,
    PackVoltageOpt,
    PeakCRateOpt,
    TaperOpt,
    UnitsOpt,
    UnitSystem,
    VehicleOpt,
    _complete_cells,
    _cycle,
    _distinct_cells,
    _given_fractions,
    _pack_energy_value,
    _pack_options,
    _quantity,
    _ranges,
    _vehicle,
    emit,
    fail,
    handles_errors,
)
from batcalc.errors import BatcalcError

plot_app = typer.Typer(
    name="plot",
    help="Charts written to image files (PNG, SVG or PDF, from the file name): Ragone, range against "
         "pack mass, charge windows. Needs matplotlib: pip install matplotlib (from a checkout: "
         "pip install '.[plot]').\n\n"
         "\b\nExample: batcalc plot density -o density.png",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

OutputOpt = Annotated[str, typer.Option("--output", "-o", metavar="FILE",
                                        help="image file to write: *.png, *.svg or *.pdf")]
ForceOpt = Annotated[bool, typer.Option("--force", help="overwrite FILE if it exists")]


def _prepare(output: str, force: bool) -> None:
    """Fail fast, before any calculation: bad file name, existing file, no matplotlib."""
    from batcalc.plots.draw import check_output, require_matplotlib

    check_output(output, force)
    require_matplotlib()


@plot_app.command("density")
@handles_errors
def ragone_cmd(cells: Annotated[Optional[list[str]], typer.Argument(
                   metavar="CELL", help="catalogue ids or paths [default: every catalogue cell that gives "
                   "both energy densities]", autocompletion=_complete_cells, show_default=False)] = None,
               # keyword-only: a required option after a defaulted argument (instead of mypy-opaque `= ...`)
               *, output: OutputOpt, force: ForceOpt = False,
               unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """Gravimetric against volumetric energy density, every cell labelled with its short name and
    figures (not a Ragone chart: the catalogue gives no power figures; `plot ragone` is an alias).

    Marker shape: cell-level or pack-level figures; filled or hollow: datasheet or press grade (the legend
    lists only what the chart shows). Cells lacking either density are left out (and named on stderr and
    under the chart).

    \b
    Example: batcalc plot density tesla-4680 byd-blade-lfp huineng-llcb -o density.png
    """
    from batcalc.physics.cells import load_cell
    from batcalc.plots.draw import draw_ragone, ragone_data
    from batcalc.spec.catalog import catalog_ids

    _prepare(output, force)
    names = cells or catalog_ids("cell")
    loaded = [load_cell(c) for c in names]
    _distinct_cells(names, loaded, "a density chart")
    data = ragone_data(loaded, unit_system.value)
    path = draw_ragone(data, output, force)
    emit(f"wrote {path} ({len(data['points'])} cell{'' if len(data['points']) == 1 else 's'})")
    if data["left_out"]:
        fail("batcalc: note: left out for lacking an energy density: "
             + ", ".join(f"{lo['id']} (no {' or '.join(lo['missing'])})" for lo in data["left_out"]))


@plot_app.command("range")
@handles_errors
def range_cmd(cells: Annotated[list[str], typer.Argument(metavar="CELL", help="catalogue ids or paths; the first "
                                                         "is the reference", autocompletion=_complete_cells)],
              vehicle: VehicleOpt, output: OutputOpt,
              pack_mass: Annotated[Optional[str], typer.Option("--pack-mass", help="reference pack mass, e.g. "
                                                               "'480 kg' [default: the vehicle's reference "
                                                               "pack]")] = None,
              cycle: CycleOpt = None, f_mass: FMassOpt = None, f_usable: FUsableOpt = None,
              extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None, altitude: AltitudeOpt = None,
              climate: ClimateOpt = None,
              force: ForceOpt = False, unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """Range against pack mass for each cell in a vehicle, with both comparisons marked.

    Same weight: a vertical line at the reference pack mass, each cell's range marked on it (as
    `batcalc tradeoff A B --hold mass` prints). Same range: a horizontal line at the first cell's range
    there, each cell's pack mass marked on it (as `--hold range`, with mass feedback).

    \b
    Example: batcalc plot range gac-aion-ssb-350 -v mid-sedan --ambient '-7 °C' --climate heat-pump -o winter.png
    Example: batcalc plot range gac-aion-ssb-300 gac-aion-ssb-350 --vehicle mid-sedan -o range.png
    """
    from batcalc.physics.cells import load_cell
    from batcalc.physics.pack import check_fractions_apply
    from batcalc.physics.tradeoff import default_cycle
    from batcalc.plots.draw import draw_range, fmt, range_data
    from batcalc.report.vehicle import conditions_set_notes

    loaded = [load_cell(c) for c in cells]
    _distinct_cells(cells, loaded, "a range chart")
    check_fractions_apply(loaded, f_mass is not None)
    v = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    _prepare(output, force)
    cyc = _cycle(cycle)
    data = range_data(loaded, v, unit_system.value, cyc, _quantity(pack_mass, "mass", "--pack-mass"),
                      _pack_options(f_mass, f_usable))
    data["assumptions"] += conditions_set_notes(v, (default_cycle(v) if cyc == "default" else cyc) is not None,
                                                unit_system.value)
    if data["unreachable"]:
        fail(f"batcalc: note: no pack reaches {fmt(data['reference']['range'])} {data['units']['range']} with "
             + ", ".join(data["unreachable"]))
    for w in data["warnings"]:
        fail(f"batcalc: warning: {w}")
    path = draw_range(data, output, force)
    emit(f"wrote {path} ({len(data['curves'])} cell{'' if len(data['curves']) == 1 else 's'} in {data['vehicle']})")


@plot_app.command("charge")
@handles_errors
def charge_cmd(cell: Annotated[str, typer.Argument(metavar="CELL", help="catalogue id or path of a cell spec",
                                                   autocompletion=_complete_cells)],
               output: OutputOpt,
               vehicle: ChargeVehicleOpt = None,
               pack_energy: PackEnergyOpt = None,
               charger_id: ChargerOpt = None,
               pack_voltage: PackVoltageOpt = None,
               peak_c_rate: PeakCRateOpt = None,
               taper_id: TaperOpt = None,
               from_soc: Annotated[Optional[str], typer.Option("--from", help="start SoC on the curve "
                                                               "[default: 10 %]")] = None,
               to_soc: Annotated[Optional[str], typer.Option("--to", help="end SoC on the curve "
                                                             "[default: 80 %]")] = None,
               cycle: CycleOpt = None,
               extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None, altitude: AltitudeOpt = None,
               climate: ClimateOpt = None,
               force: ForceOpt = False,
               unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """Charge curve (with --charger, --peak-c-rate, --pack-voltage, --taper, --from or --to, or a cell with
    its own charge_curve): power against SoC and SoC against minutes. Otherwise: SoC and range added
    against minutes for the cell's charge claim.

    The curve is the one `batcalc charge --charger` integrates. The claim windows are drawn at their
    constant average power (straight lines); when the claim does not say where the charge starts, 0 %
    and 10 % starts are both drawn.

    \b
    Example: batcalc plot charge huineng-llcb --vehicle mid-sedan --charger ccs-350kw -o charge.png
    """
    from batcalc.physics.cells import load_cell

    loaded = None
    if any(x is not None for x in (extra_mass, ambient, altitude, climate)):      # the range added's consumption
        if vehicle is None:
            raise BatcalcError("--extra-mass, --ambient, --altitude and --climate change a vehicle's consumption: "
                               "give --vehicle")
        loaded = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    _prepare(output, force)
    figures = load_cell(cell)
    options = (charger_id, pack_voltage, peak_c_rate, taper_id, from_soc, to_soc)
    if any(x is not None for x in options) or figures.spec.charging.charge_curve is not None:
        from batcalc.plots.draw import charge_curve_data, draw_charge_curve
        from batcalc.report.charge import charge_run

        run = charge_run(figures, vehicle, _pack_energy_value(pack_energy),
                         _quantity(pack_voltage, "voltage", "--pack-voltage"), charger_id,
                         _quantity(from_soc, "fraction", "--from"), _quantity(to_soc, "fraction", "--to"),
                         _quantity(peak_c_rate, "c_rate", "--peak-c-rate"), taper_id, _cycle(cycle), None,
                         unit_system.value, loaded=loaded)
        path = draw_charge_curve(charge_curve_data(run, unit_system.value), output, force)
        emit(f"wrote {path} (charge curve, {run.window.time / 60:.3g} min)")
        return
    from batcalc.plots.draw import MAX_CHARGE_WINDOWS, charge_data, draw_charge

    data = charge_data(figures, unit_system.value, vehicle, _pack_energy_value(pack_energy),
                       _cycle(cycle), loaded)
    path = draw_charge(data, output, force)
    n = len(data["windows"])
    drawn = f"{MAX_CHARGE_WINDOWS} of {n}" if n > MAX_CHARGE_WINDOWS else f"{n}"
    emit(f"wrote {path} ({drawn} charge window{'s' if n != 1 else ''})")


TORNADO_RESULTS = ("range", "consumption", "pack_energy", "usable_energy")


@plot_app.command("tornado")
@handles_errors
def tornado_cmd(cell: Annotated[str, typer.Argument(metavar="CELL", help="catalogue id or path of a cell spec",
                                                    autocompletion=_complete_cells)],
                vehicle: VehicleOpt, output: OutputOpt,
                result: Annotated[str, typer.Option("--result", help="the result to rank the assumptions for: "
                                                    + ", ".join(TORNADO_RESULTS))] = "range",
                pack_mass: Annotated[Optional[str], typer.Option("--pack-mass", help="pack mass, e.g. '480 kg' "
                                                                 "[default: the vehicle's reference pack]")] = None,
                pack_energy: PackEnergyOpt = None,
                cycle: CycleOpt = None, f_mass: FMassOpt = None, f_usable: FUsableOpt = None,
                extra_mass: ExtraMassOpt = None, ambient: AmbientOpt = None, altitude: AltitudeOpt = None,
                climate: ClimateOpt = None,
                assume: AssumeOpt = None, force: ForceOpt = False,
                unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """Which default assumptions move a range result most: one bar per assumption over its plausible
    range (the others central), largest first, with the band over the whole box (as `batcalc range
    --bands` prints).

    \b
    Example: batcalc plot tornado gac-aion-ssb-350 --vehicle mid-sedan -o tornado.png
    """
    from batcalc.physics.bands import range_bands
    from batcalc.physics.cells import load_cell
    from batcalc.physics.pack import check_fractions_apply
    from batcalc.plots.draw import draw_tornado, tornado_data
    from batcalc.report.bands import bands_report
    from batcalc.report.vehicle import conditions_text

    if result not in TORNADO_RESULTS:
        raise BatcalcError(f"--result must be one of {', '.join(TORNADO_RESULTS)}, got {result!r}")
    check_fractions_apply([load_cell(cell)], f_mass is not None)
    v = _vehicle(vehicle, extra_mass, ambient, altitude, climate)
    _prepare(output, force)
    ranges = _ranges(assume, {"f_mass": f_mass, "f_usable": f_usable, "ambient": ambient, "altitude": altitude})
    mass, energy = _quantity(pack_mass, "mass", "--pack-mass"), _pack_energy_value(pack_energy)
    figures = load_cell(cell)
    b = range_bands(figures, v, ranges, pack_mass=mass, pack_energy=energy,
                    cycle=_cycle(cycle), given=_given_fractions(f_mass, f_usable))
    given = conditions_text(v, b.result.cycle is not None, unit_system.value)
    # the ids (as range --bands titles its table), not the paths the cell and the vehicle were given as
    title = f"{figures.id} in {v.id}" + (f" ({given})" if given else "")
    # the central result's warnings, as range --bands gives them
    _h, _r, _n, data = bands_report(b, ranges, unit_system.value, result, title,
                                    b.result.warnings_in(unit_system.value))
    for w in data["warnings"]:
        fail(f"batcalc: warning: {w}")
    path = draw_tornado(tornado_data(data, result), output, force)
    n = len(data["sensitivity"][result])
    moved = "no assumption moves" if n == 0 else "1 assumption moves" if n == 1 else f"{n} assumptions move"
    emit(f"wrote {path} ({moved} the {result.replace('_', ' ')})")


plot_app.command("ragone", hidden=True)(ragone_cmd)    # the older name of `plot density`
