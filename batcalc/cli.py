"""The ``batcalc`` command line: parse options, call the layers below, print. Nothing else.

Exit codes: 0 success; 1 a checked claim failed; 2 bad input (usage, spec, unit), reported as one
line on stderr (``path:line:col: message`` where a file is involved). ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from typing import Annotated, Callable, Optional

import typer

from .errors import BatcalcError, SpecError

app = typer.Typer(
    name="batcalc",
    help="Battery-spec comparison calculator: compare cells in the units you think in, and check "
         "what battery claims imply.\n\nExample: batcalc compare gac-aion-ssb-300 gac-aion-ssb-350",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_DEBUG = {"on": bool(os.environ.get("BATCALC_DEBUG"))}


class UnitSystem(str, Enum):
    metric = "metric"
    imperial = "imperial"


def _complete_format(incomplete: str) -> list[str]:
    from .render import formats

    return [f for f in formats() if f.startswith(incomplete)]


def _complete_cells(incomplete: str) -> list[str]:
    from .catalog import catalog_ids

    return [i for i in catalog_ids("cell") if i.startswith(incomplete)]


FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, markdown, csv, json, or any tabulate "
                                        "format (grid, pipe, rst, latex, ...)", autocompletion=_complete_format)]
UnitsOpt = Annotated[UnitSystem, typer.Option("--units", "-u", help="unit system for the output")]


def fail(message: str) -> None:
    """Print a one-line error on stderr (what the user gave is never changed)."""
    typer.echo(message, err=True)


def handles_errors(fn: Callable) -> Callable:
    """Turn batcalc's errors into one line on stderr and exit code 2; never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BatcalcError as exc:
            if _DEBUG["on"]:
                raise
            fail(str(exc) if isinstance(exc, SpecError) and exc.path else f"batcalc: error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, BrokenPipeError):
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: still one line unless --debug
            if _DEBUG["on"]:
                raise
            fail(f"batcalc: internal error: {type(exc).__name__}: {exc} (a bug; rerun with --debug "
                 f"and report it)")
            raise typer.Exit(3) from None
    return wrapper


def emit(text: str) -> None:
    typer.echo(text)


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="show tracebacks on errors")] = False) -> None:
    """Battery-spec comparison calculator.

    Compare cells in the units you think in, derive what a spec implies, check claims.

    Example: batcalc compare gac-aion-ssb-300 gac-aion-ssb-350
    """
    if debug:
        _DEBUG["on"] = True


@app.command("list")
@handles_errors
def list_cmd(fmt: FormatOpt = "table", unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """List the built-in catalogue of cells with their energy densities and source grade.

    Example: batcalc list --format markdown
    """
    from .catalog import catalog_ids, load_cell
    from .compare import list_rows
    from .render import check_format, render

    check_format(fmt)
    cells = [load_cell(i) for i in catalog_ids("cell")]
    headers, rows, data = list_rows(cells, unit_system.value)
    emit(render(headers, rows, data, fmt))


@app.command("show")
@handles_errors
def show_cmd(cell: Annotated[str, typer.Argument(metavar="CELL", help="catalogue id or path of a cell spec (YAML)",
                                                 autocompletion=_complete_cells)],
             fmt: FormatOpt = "table", unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """Show one cell: every figure given or derived, its source and grade, and its claims.

    Example: batcalc show huineng-llcb
    """
    from .catalog import load_cell
    from .compare import show_rows
    from .render import check_format, render

    check_format(fmt)
    figures = load_cell(cell)
    headers, rows, notes, data = show_rows(figures, unit_system.value)
    emit(render(headers, rows, data, fmt, title=f"{figures.spec.name} ({figures.id})", notes=notes))


@app.command("compare")
@handles_errors
def compare_cmd(cells: Annotated[list[str], typer.Argument(metavar="CELL", help="two or more catalogue ids or paths",
                                                           autocompletion=_complete_cells)],
                baseline: Annotated[Optional[str], typer.Option(
                    "--baseline", "-b", help="cell the others are compared with (default: the first)",
                    autocompletion=_complete_cells)] = None,
                fmt: FormatOpt = "table", unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """Compare cells side by side: metrics as rows, cells as columns, ratios to a baseline.

    Shows energy at the same mass (E2/E1 = rho2/rho1) and mass at the same energy
    (m2/m1 = rho1/rho2), and the same for volume.

    Example: batcalc compare gac-aion-ssb-300 gac-aion-ssb-350
    """
    from .catalog import load_cell
    from .compare import compare_rows
    from .render import check_format, render

    check_format(fmt)
    names = list(cells)
    if baseline is not None and baseline not in names:
        names.insert(0, baseline)
    if len(names) < 2:
        raise BatcalcError("compare needs at least two cells, e.g. batcalc compare gac-aion-ssb-300 gac-aion-ssb-350")
    loaded = [load_cell(n) for n in names]
    base = loaded[names.index(baseline)] if baseline is not None else loaded[0]
    headers, rows, notes, data = compare_rows(loaded, base, unit_system.value)
    emit(render(headers, rows, data, fmt, notes=notes))


@app.command("convert")
@handles_errors
def convert_cmd(value: Annotated[str, typer.Argument(metavar="VALUE", help="a value with its unit, e.g. '350 Wh/kg'")],
                unit: Annotated[str, typer.Argument(metavar="UNIT", help="the unit to convert to, e.g. 'kJ/g'")],
                fmt: FormatOpt = "table") -> None:
    """Convert a value to another unit, including reciprocal consumption units.

    kWh/100km <-> Wh/km <-> mi/kWh <-> MPGe (1 MPGe = 1 mile per 33.705 kWh).

    Example: batcalc convert "16 kWh/100km" MPGe
    """
    from .render import check_format, render
    from .units import convert, format_number, split_value

    check_format(fmt)
    result = convert(value, unit)
    number, given_unit = split_value(value)
    out = float(result.magnitude)
    from .render import Shown

    data = {"from": Shown(number, given_unit.strip()), "to": Shown(out, unit.strip())}
    if fmt == "table":
        emit(f"{value.strip()} = {format_number(out, 6)} {unit.strip()}")
    else:
        emit(render(["from", "unit", "to", "unit"], [[Shown(number), given_unit.strip(), Shown(out), unit.strip()]],
                    data, fmt))


def _click_exceptions():
    """The click exception classes typer uses (vendored in typer >= 0.2x, plain click before)."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older typer
        from click import exceptions
    return exceptions


def main(argv: Optional[list[str]] = None) -> None:
    """Console-script entry point: like ``app()``, but usage errors are one line too (exit 2)."""
    from typer.main import get_command

    cx = _click_exceptions()
    command = get_command(app)
    try:
        code = command.main(args=argv, prog_name="batcalc", standalone_mode=False)
    except cx.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
            typer.echo(exc.ctx.get_help())
            sys.exit(0)
        path = exc.ctx.command_path if exc.ctx is not None else "batcalc"
        message = " ".join(exc.format_message().split())
        fail(f"{path}: error: {message} (see '{path} --help')")
        code = 2
    except cx.Abort:
        fail("batcalc: aborted")
        code = 130
    except cx.ClickException as exc:
        fail(f"batcalc: error: {' '.join(exc.format_message().split())}")
        code = exc.exit_code
    sys.exit(code if isinstance(code, int) else 0)
