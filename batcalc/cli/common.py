"""Options and error handling shared by the commands of :mod:`batcalc.cli.main` and :mod:`batcalc.cli.plot`."""

import functools
import os
from enum import Enum
from typing import Annotated, Callable, Optional

import typer

from batcalc.errors import BatcalcError, SpecError

_DEBUG = {"on": bool(os.environ.get("BATCALC_DEBUG"))}

class UnitSystem(str, Enum):
    metric = "metric"
    imperial = "imperial"


def _complete_format(incomplete: str) -> list[str]:
    from batcalc.report.render import formats

    return [f for f in formats() if f.startswith(incomplete)]


def _complete_cells(incomplete: str) -> list[str]:
    from batcalc.spec.catalog import catalog_ids

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
                import traceback

                traceback.print_exc()
            fail(str(exc) if isinstance(exc, SpecError) and exc.path else f"batcalc: error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except typer.Exit:
            raise
        except (KeyboardInterrupt, BrokenPipeError):
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: still one line unless --debug
            if _DEBUG["on"]:
                import traceback

                traceback.print_exc()
            fail(f"batcalc: internal error: {type(exc).__name__}: {exc} (a bug; rerun with --debug "
                 f"and report it)")
            raise typer.Exit(3) from None
    return wrapper


def emit(text: str) -> None:
    typer.echo(text)



def _complete_vehicles(incomplete: str) -> list[str]:
    from batcalc.spec.catalog import catalog_ids

    return [i for i in catalog_ids("vehicle") if i.startswith(incomplete)]


def _complete_cycles(incomplete: str) -> list[str]:
    return [c for c in ("wltp", "udds", "hwfet", "80 km/h", "100 km/h", "120 km/h") if c.startswith(incomplete)]


VehicleOpt = Annotated[str, typer.Option("--vehicle", "-v", help="catalogue id or path of a vehicle spec",
                                         autocompletion=_complete_vehicles)]
CycleOpt = Annotated[Optional[str], typer.Option(
    "--cycle", "-c", help="wltp (WLTC class 3b), udds, hwfet, or a constant speed such as '100 km/h' "
    "[default: wltp; 80 km/h for heavy trucks; a vehicle's measured consumption if it gives one]",
    autocompletion=_complete_cycles)]
FMassOpt = Annotated[Optional[str], typer.Option("--f-mass", help="cell mass / pack mass, e.g. '70 %' "
                                                 "[default: 70 %; cell-to-pack designs 80-90 %]")]
FUsableOpt = Annotated[Optional[str], typer.Option("--f-usable", help="usable / nominal pack energy [default: 93 %]")]
FVolumeOpt = Annotated[Optional[str], typer.Option("--f-volume", help="cell volume / pack volume, for the pack "
                                                   "volume [default: 50 %]")]
ExplainOpt = Annotated[bool, typer.Option("--explain", help="print the derivation step by step")]


def _quantity(text: Optional[str], dim: str, option: str) -> Optional[float]:
    """SI magnitude of an option's value, or None; errors name the option."""
    if text is None:
        return None
    from batcalc.units import parse_value

    try:
        value = parse_value(text, dim).si
    except BatcalcError as exc:
        raise BatcalcError(f"{option}: {exc}") from None
    if dim == "fraction" and not 0 <= value <= 1:
        raise BatcalcError(f"{option}: {text!r} is outside 0-100 %")
    return value


def _pack_options(f_mass: Optional[str], f_usable: Optional[str], f_volume: Optional[str] = None):
    from batcalc.physics.pack import PackOptions

    kwargs = {}
    for name, text, option in (("f_mass", f_mass, "--f-mass"), ("f_usable", f_usable, "--f-usable"),
                               ("f_volume", f_volume, "--f-volume")):
        if text is not None:
            kwargs[name] = _quantity(text, "fraction", option)
    return PackOptions(**kwargs)


def _explained(steps: list[str], data: dict, notes: list[str], fmt: str) -> list[str]:
    """Add an --explain derivation: under "explain" in JSON, before the notes elsewhere."""
    data["explain"] = steps
    return notes if fmt == "json" else ["derivation:"] + steps + notes


def _cycle(cycle: Optional[str]) -> str:
    return "default" if cycle is None else cycle
