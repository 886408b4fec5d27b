"""Options and error handling shared by the commands of :mod:`batcalc.cli.main` and :mod:`batcalc.cli.plot`."""

import errno
import functools
import os
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Callable, Mapping, Optional, Union, overload

import typer

if TYPE_CHECKING:
    from batcalc.physics.vehicle import Vehicle

from batcalc.cli import startup
from batcalc.errors import (
    BatcalcError,
    InputsError,
    Interrupted,
    SpecError,
    WrongKindError,
    option_name,
    option_spelling,
    printable,
    quoted_path,
    reworded,
)

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


#: The output format an ``--output`` file's extension names, when ``--format`` is not given (case aside).
FORMAT_OF_SUFFIX = {".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                    ".htm": "html", ".tex": "latex", ".rst": "rst", ".txt": "table"}

#: Other names ``--format`` takes for a format: ``md``, as the ``.md`` of an ``--output`` file names markdown.
FORMAT_ALIASES = {"md": "markdown"}

FormatOpt = Annotated[Optional[str], typer.Option(
    "--format", "-f", show_default=False, autocompletion=_complete_format,
    help="table, markdown (md), csv, json, or any tabulate format (grid, pipe, rst, latex, ...) [default: table; with "
         "--output, the format its extension names: .json, .csv, .md, .html, .tex, .rst, .txt]")]
UnitsOpt = Annotated[UnitSystem, typer.Option("--units", "-u", help="unit system for the output")]


def note(message: str) -> None:
    """Print ``message`` on stderr as one line: control characters in it (a newline or an escape
    sequence in a file name) are shown escaped, as ``repr`` shows them; nothing else is changed. If
    stderr cannot be written (a full disk, a closed pipe, closed), the line is lost and nothing else
    happens: the exit code is decided by the job, not by its messages."""
    try:
        typer.echo(printable(message), err=True)
    except (OSError, ValueError):              # ValueError: stderr was closed
        pass


def fail(message: str) -> None:
    """Print a one-line error on stderr (:func:`note`); if stderr itself cannot be written, nothing
    more can be said: the exit code still tells."""
    note(message)


def output_failed(exc: OSError) -> int:
    """The terminal or pipe could not be written (a full disk, a closed pipe): point standard output
    at the null device, so that Python's flush at exit raises nothing more, print one line, and
    return exit code 2."""
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):   # no usable descriptor (None: closed): nothing to flush
        pass
    fail(f"batcalc: error: cannot write the output: {exc.strerror or exc}")
    return 2


def _debug_traceback() -> None:
    """With ``--debug``, print the exception being handled with its traceback on stderr (lost, like
    every message, if stderr cannot be written)."""
    if _DEBUG["on"]:
        import traceback

        try:
            traceback.print_exc()
        except (OSError, ValueError):
            pass


#: What the command line does with a file of each kind, said when a command is given a file of another
#: kind (:class:`~batcalc.errors.WrongKindError`).
_USE_OF_KIND = {"vehicle": "give it to range, tradeoff, sweep or charge as --vehicle",
                "claims": "check it with 'batcalc check FILE'"}


def error_text(exc: BatcalcError, system: str = "metric") -> str:
    """The one line the command line prints for ``exc``: a spec error's ``file:line:col: message`` (for a
    file of another kind, what to do with it: :data:`_USE_OF_KIND`), the inputs an
    :class:`~batcalc.errors.InputsError` asks for spelled as options, else ``batcalc: error:``; physical
    values in the unit ``system`` the command was asked for (:meth:`~batcalc.errors.BatcalcError.in_system`)."""
    text = exc.in_system(system)
    if isinstance(exc, SpecError) and exc.path:
        use = _USE_OF_KIND.get(exc.found) if isinstance(exc, WrongKindError) else None
        return f"{text} ({use})" if use else text
    if isinstance(exc, InputsError):
        text = printable(exc.spelled(option_spelling, system))
    return f"batcalc: error: {text}"


def handles_errors(fn: Callable) -> Callable:
    """Turn batcalc's errors into one line on stderr and exit code 2; never a traceback. The command
    starts with the garbage collector on (:func:`batcalc.cli.startup.resume`)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        startup.resume()
        from batcalc.io.yamlfile import forget_inputs

        forget_inputs()                    # no file read yet: an output may replace none of them
        _OUTPUT["path"], _OUTPUT["force"] = None, False     # the terminal, until the command's set_output
        try:
            return fn(*args, **kwargs)
        except BatcalcError as exc:
            _debug_traceback()
            system = kwargs.get("unit_system")        # the command's --units, where it has one
            fail(error_text(exc, system.value if isinstance(system, UnitSystem) else "metric"))
            raise typer.Exit(exc.exit_code) from None
        except typer.Exit:
            raise
        except KeyboardInterrupt:          # Ctrl-C: main() says so and exits 130 (click would print a blank line)
            raise Interrupted(2) from None
        except OSError as exc:             # the terminal or a pipe failed, a closed pipe too (files are BatcalcErrors)
            raise typer.Exit(output_failed(exc)) from None
        except Exception as exc:  # a bug: still one line unless --debug
            _debug_traceback()
            fail(f"batcalc: internal error: {type(exc).__name__}: {exc} (a bug; rerun with --debug "
                 f"and report it)")
            raise typer.Exit(3) from None
    return wrapper


#: Where this invocation's table goes: stdout, or ``--output FILE`` (set by each table command).
_OUTPUT: dict[str, Any] = {"path": None, "force": False}

TableOutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", metavar="FILE", help="write the output to FILE instead of the terminal (written whole or "
    "not at all; an existing FILE is kept unless --force; - is standard output)")]
ForceOpt = Annotated[bool, typer.Option("--force", help="with --output: replace FILE if it exists")]


def set_output(path: Optional[str], force: bool = False, fmt: Optional[str] = None) -> str:
    """Send this invocation's :func:`emit` to ``path`` (None: the terminal). ``--force`` without
    ``--output`` is refused (:func:`check_force`). Returns the output format of the command's ``--format``
    ``fmt`` (None when not given): the one given, case aside (``md`` read as ``markdown``, :data:`FORMAT_ALIASES`), else
    the one ``path``'s extension names (:data:`FORMAT_OF_SUFFIX`: ``-o out.json`` writes JSON), else ``table``;
    an image's extension (``-o out.png``, :data:`batcalc.plots.draw.PLOT_FORMATS`) is refused: a table is no
    image."""
    check_force(path, force)
    _OUTPUT["path"], _OUTPUT["force"] = path, force
    if fmt is not None:         # case aside, as an --output file's extension (-f JSON as -o x.JSON)
        fmt = fmt.lower()
        return FORMAT_ALIASES.get(fmt, fmt)
    if path is None or path == "-":
        return "table"
    suffix = os.path.splitext(path)[1].lower()
    if suffix and suffix not in FORMAT_OF_SUFFIX:
        from batcalc.plots.draw import PLOT_FORMATS

        if suffix in PLOT_FORMATS:          # a table in 'out.png' is no image: as plot refuses a text suffix
            raise BatcalcError(f"{quoted_path(path)} names an image ({suffix}), and this command writes text: draw "
                               f"charts with 'batcalc plot', or name the file .txt, .json, .csv, .md, .html, .tex "
                               f"or .rst")
    return FORMAT_OF_SUFFIX.get(suffix, "table")


def check_force(path: Optional[str], force: bool) -> None:
    """Refuse ``--force`` given without ``--output FILE``: it replaces that file, and without one it would
    be ignored (the result goes to the terminal)."""
    if force and path is None:
        raise BatcalcError("--force replaces the file --output writes: give --output FILE with it (without "
                           "--output the result goes to the terminal)")


def emit(text: str) -> None:
    """Print ``text``, or write it atomically to ``--output`` (never replacing a file without --force);
    ``-o -`` is standard output, as ``-`` is standard input wherever a spec file is read."""
    path = _OUTPUT["path"]
    if path is None or path == "-":
        import sys

        if sys.stdout is None:       # started with standard output closed (>&-): click's echo drops the text
            raise OSError(errno.EBADF, "standard output is closed")
        try:
            typer.echo(text)
        except UnicodeEncodeError as exc:   # a latin-1 terminal and a name in Chinese: exit 2, not an internal error
            char = ord(exc.object[exc.start])
            raise OSError(errno.EILSEQ, f"its encoding ({exc.encoding}) has no U+{char:04X}: use a UTF-8 locale, or "
                                        f"set PYTHONIOENCODING=utf-8") from None
        return
    from batcalc.io.safefile import write_new

    write_new(path, (text + "\n").encode("utf-8"), force=bool(_OUTPUT["force"]))
    note(f"wrote {quoted_path(path)}")



def _complete_vehicles(incomplete: str) -> list[str]:
    from batcalc.spec.catalog import catalog_ids

    return [i for i in catalog_ids("vehicle") if i.startswith(incomplete)]


def _cycle_names() -> list[str]:
    """Every shipped cycle by the name people use for it (``wltp`` for WLTC 3b, ``cltc`` for CLTC-P), in
    the order of :data:`batcalc.physics.cycles.SHORT_NAMES`."""
    from batcalc.physics.cycles import SHORT_NAMES

    short = {"wltc-3b": "wltp", "cltc-p": "cltc"}
    return [short.get(c, c) for c in SHORT_NAMES]


def _complete_cycles(incomplete: str) -> list[str]:
    """Completion for --cycle: every shipped cycle (name and id), the .csv files in the current folder,
    and a few constant speeds."""
    from pathlib import Path

    from batcalc.physics.cycles import cycle_ids

    names = list(dict.fromkeys(_cycle_names() + cycle_ids()))
    try:
        names += sorted(p.name for p in Path(".").glob("*.csv"))[:50]
    except OSError:
        pass
    return [c for c in names + ["80 km/h", "100 km/h", "120 km/h"] if c.startswith(incomplete)]


def _cycle_help() -> str:
    from batcalc.physics.cycles import SHORT_NAMES

    shipped = ", ".join(f"{name} ({SHORT_NAMES[cid]})" if name != cid else name
                        for name, cid in zip(_cycle_names(), SHORT_NAMES, strict=True))
    return (f"a shipped trace: {shipped}; FILE.csv, a trace of your own (time_s,speed_kmh rows); or a constant "
            f"speed such as '100 km/h' [default: wltp; 80 km/h for heavy trucks; a vehicle's measured "
            f"consumption if it gives one]")


VehicleOpt = Annotated[str, typer.Option("--vehicle", "-v", help="catalogue id or path of a vehicle spec",
                                         autocompletion=_complete_vehicles)]
CycleOpt = Annotated[Optional[str], typer.Option("--cycle", "-c", help=_cycle_help(), autocompletion=_complete_cycles)]
ExtraMassOpt = Annotated[Optional[str], typer.Option("--extra-mass", help="mass added to the vehicle's payload, "
                                                     "e.g. '200 kg' [default: 0 kg]")]
AmbientOpt = Annotated[Optional[str], typer.Option("--ambient", help="ambient temperature for the air density, "
                                                   "e.g. '-7 °C', '25 degC', '268 K' [default: 20 °C]")]
ClimateOpt = Annotated[Optional[str], typer.Option(
    "--climate", help="add cabin heating/cooling power at the --ambient temperature: heat-pump or resistance "
    "(FASTSim's cabin models, specs/climate.yaml) [default: none]")]
ChargeVehicleOpt = Annotated[Optional[str], typer.Option(
    "--vehicle", "-v", help="vehicle for range added (and its reference pack energy and voltage)",
    autocompletion=_complete_vehicles)]
PackEnergyOpt = Annotated[Optional[str], typer.Option(
    "--pack-energy", help="gross pack energy, e.g. '100 kWh' [default: the vehicle's reference pack]")]
ChargerOpt = Annotated[Optional[str], typer.Option(
    "--charger", help="charger class or station of specs/chargers.yaml, e.g. ccs-350kw: charge along the curve")]
PackVoltageOpt = Annotated[Optional[str], typer.Option(
    "--pack-voltage", help="pack nominal voltage, e.g. '800 V' [default: the vehicle's, else 400 V]")]
PeakCRateOpt = Annotated[Optional[str], typer.Option(
    "--peak-c-rate", help="the cells' peak charge C-rate, e.g. '4 C' [default: the cell's rating, else what "
    "its claim implies]")]
TaperOpt = Annotated[Optional[str], typer.Option(
    "--taper", help="taper id of specs/tapers.yaml [default: the cell's, else its chemistry's]")]
AltitudeOpt = Annotated[Optional[str], typer.Option("--altitude", help="altitude for the air density, e.g. "
                                                    "'1500 m' [default: sea level]")]
FMassOpt = Annotated[Optional[str], typer.Option("--f-mass", help="cell mass / pack mass, e.g. '70 %' "
                                                 "[default: 70 %; cell-to-pack designs 80-90 %]")]
FUsableOpt = Annotated[Optional[str], typer.Option("--f-usable", help="usable / nominal pack energy [default: 93 %]")]
FVolumeOpt = Annotated[Optional[str], typer.Option("--f-volume", help="cell volume / pack volume, for the pack "
                                                   "volume [default: 50 %]")]
ExplainOpt = Annotated[bool, typer.Option("--explain", help="print the derivation step by step")]
MpgeOpt = Annotated[bool, typer.Option("--mpge", help="add the consumption as MPGe (miles per 33.705 kWh, at the "
                                       "battery), as US labels show it")]


@overload
def _quantity(text: str, dim: str, option: str) -> float: ...


@overload
def _quantity(text: Optional[str], dim: str, option: str) -> Optional[float]: ...


def _quantity(text: Optional[str], dim: str, option: str) -> Optional[float]:
    """SI magnitude of an option's value, or None; errors name the option. A range ('400 to 500 kg')
    is refused here: options that take one read it with :func:`_input` (with --bands)."""
    if text is None:
        return None
    from batcalc.units import parse_value

    if _is_range(text):
        raise BatcalcError(f"{option}: {printable(text.strip(), 60)!r} is a range: {option} takes one value here"
                           + (" (ranges are read with --bands, e.g. --bands " + option + " '400 to 500 kg')"
                              if option in _RANGED_OPTIONS else ""))
    try:
        value = parse_value(text, dim, _EXAMPLE_UNITS.get(option)).si
    except BatcalcError as exc:
        raise BatcalcError(f"{option}: {exc}") from None
    if dim == "fraction" and not 0 <= value <= 1:
        raise BatcalcError(f"{option}: {text!r} is outside 0-100 %")
    return value


#: The unit an option's error shows in its example of a right value, where the dimension's own example
#: unit (a length's is mm, for cell sizes) would mislead.
_EXAMPLE_UNITS = {"--range": "km", "RANGE": "km", "--altitude": "m", "--pack-energy": "kWh"}

#: Options that take a range ('LOW to HIGH unit') with --bands.
_RANGED_OPTIONS = ("--pack-mass", "--pack-energy", "--range", "--time", "--power", "RANGE")


def _is_range(text: str) -> bool:
    from batcalc.units import RANGE_TO

    return bool(RANGE_TO.search(text.strip()))


def _input(text: Optional[str], dim: str, option: str, bands: bool, inputs: dict[str, Any]) -> Any:
    """An option's value that may be a range (``'400 to 500 kg'``): its SI magnitude, or with
    ``--bands`` and a range, the id (the option's name) of an input axis added to ``inputs``
    (:class:`batcalc.physics.bands.InputAxis`); a range without ``--bands`` is refused."""
    if text is None or not _is_range(text):
        return _quantity(text, dim, option)
    if not bands:
        raise BatcalcError(f"{option}: {printable(text.strip(), 60)!r} is a range: add --bands to carry it through, "
                           f"or give one value")
    from batcalc.physics.bands import InputAxis
    from batcalc.spec.model import parse_range_value

    try:
        v = parse_range_value(text, dim)
    except BatcalcError as exc:
        raise BatcalcError(f"{option}: {exc}") from None
    inputs[option] = InputAxis.of(option, v, text.strip())
    return option


def _pack_mass(text: Optional[str], bands: bool, inputs: dict[str, Any]) -> Any:
    """``--pack-mass`` as :func:`_input` reads it, refused when it (or a range's low end) is not
    positive (:func:`_pack_checked`): the commands that take a pack mass without a cell (consumption,
    normalise) would otherwise take a negative one as a lighter vehicle."""
    mass = _input(text, "mass", "--pack-mass", bands, inputs)
    _pack_checked(inputs["--pack-mass"].low if isinstance(mass, str) else mass, "--pack-mass", text,
                  isinstance(mass, str))
    return mass


def _pack_energy(text: Optional[str], bands: bool, inputs: dict[str, Any]) -> Any:
    """``--pack-energy`` as :func:`_input` reads it, refused when it (or a range's low end) is not positive
    (:func:`_pack_checked`) naming the option and the value, as ``--pack-mass`` is: the commands refused it
    deeper down, some without either ("pack energy must be positive")."""
    energy = _input(text, "energy", "--pack-energy", bands, inputs)
    _pack_checked(inputs["--pack-energy"].low if isinstance(energy, str) else energy, "--pack-energy", text,
                  isinstance(energy, str))
    return energy


def _pack_energy_value(text: Optional[str]) -> Optional[float]:
    """``--pack-energy``'s one value (J, or None) where no range is taken (``batcalc plot``), checked as
    :func:`_pack_energy` checks it."""
    return _pack_checked(_quantity(text, "energy", "--pack-energy"), "--pack-energy", text)


def _pack_checked(value: Optional[float], option: str, text: Optional[str], low_end: bool = False
                  ) -> Optional[float]:
    """``value`` (SI, read from ``option``'s ``text``: ``--pack-mass`` kg or ``--pack-energy`` J; the low end
    of the range ``text`` gives when ``low_end``) unchanged, or refused by the pack's own rule
    (:func:`batcalc.physics.pack.check_pack_mass`, :func:`~batcalc.physics.pack.check_pack_energy`: positive)
    naming the option and the value."""
    if value is not None:
        from batcalc.physics.pack import check_pack_energy, check_pack_mass

        try:
            (check_pack_mass if option == "--pack-mass" else check_pack_energy)(value)
        except BatcalcError as exc:
            end = " (its low end)" if low_end else ""
            raise BatcalcError(f"{option}: {exc}, got {printable(str(text).strip(), 60)!r}{end}") from None
    return value


def _given_fractions(f_mass: Optional[str], f_usable: Optional[str], f_volume: Optional[str] = None
                     ) -> dict[str, float]:
    """The pack fractions given on the command line (``--f-mass``, ``--f-usable``, ``--f-volume``), by
    :class:`~batcalc.physics.pack.PackOptions` field name."""
    kwargs: dict[str, float] = {}
    for name, text, option in (("f_mass", f_mass, "--f-mass"), ("f_usable", f_usable, "--f-usable"),
                               ("f_volume", f_volume, "--f-volume")):
        if text is not None:
            kwargs[name] = _quantity(text, "fraction", option)
    return kwargs


def _pack_options(f_mass: Optional[str], f_usable: Optional[str], f_volume: Optional[str] = None,
                  assumed: Any = None):
    """The pack options of the command line; with ``assumed`` (the point of ``--assume``'s ranges,
    :func:`_assumed`), the fractions not given take its values (recorded as read)."""
    from batcalc.physics.pack import PackOptions

    given = _given_fractions(f_mass, f_usable, f_volume)
    if assumed is None:
        return PackOptions(**given)
    return PackOptions.assumed(assumed, **given)


BandsOpt = Annotated[bool, typer.Option(
    "--bands", help="low / central / high of every figure over the plausible range of each default "
    "assumption the result rests on (docs/assumptions.md), and the assumptions that move it most")]
AssumeOpt = Annotated[Optional[list[str]], typer.Option(
    "--assume", metavar="ID=RANGE", help="narrow or widen a default assumption's plausible range, e.g. "
    "'cell-to-pack-mass=0.75 to 0.85', or fix it: 'usable-fraction=90 %' (repeatable; the ids are in "
    "docs/assumptions.md)")]


def _ranges(assume: Optional[list[str]], given: Optional[Mapping[str, Optional[str]]] = None) -> Mapping[str, Any]:
    """The plausible ranges (:func:`batcalc.spec.assumptions.plausible_ranges`) with each ``--assume
    ID=RANGE`` applied; one-line errors name the option. ``given``: the command's inputs that set an
    assumption (:data:`batcalc.spec.assumptions.INPUT_ASSUMPTION`: ``f_usable`` for ``--f-usable``...),
    None when not given: an ``--assume`` of an assumption such an input sets is refused
    (:func:`~batcalc.spec.assumptions.check_not_assumed_twice`)."""
    from batcalc.spec.assumptions import check_not_assumed_twice, parse_assignment, plausible_ranges, with_overrides

    if not assume:
        return plausible_ranges()
    try:
        pairs = [parse_assignment(text) for text in assume]
    except BatcalcError as exc:
        raise BatcalcError(f"--assume: {exc}") from None
    check_not_assumed_twice([id for id, _text in pairs], given or {})
    try:
        ranges = with_overrides(plausible_ranges(), pairs)
    except BatcalcError as exc:
        raise BatcalcError(f"--assume: {exc}") from None
    from batcalc.physics.bands import check_overridden

    check_overridden(ranges)                # a value the physics refuses, named as --assume gave it
    return ranges


def _not_with_bands(bands: bool, given: Mapping[str, bool]) -> None:
    """Refuse, with --bands, the options of ``given`` (name -> given) that a band table would ignore
    (--explain's derivation, --mpge's row: a band table has neither), rather than drop them unsaid."""
    dropped = [name for name, is_given in given.items() if is_given]
    if bands and dropped:
        raise BatcalcError(f"{' and '.join(dropped)} {'does' if len(dropped) == 1 else 'do'} not go with --bands "
                           f"(the band table has no derivation or MPGe row): drop "
                           f"{'it' if len(dropped) == 1 else 'them'} or --bands")


def _assumed(ranges: Mapping[str, Any]) -> Any:
    """The point of ``ranges``' central values (:class:`batcalc.physics.bands.Assumed`)."""
    from batcalc.physics.bands import Assumed

    return Assumed.central(ranges)


def _at_point(vehicle: Any, ranges: Mapping[str, Any], assume: Optional[list[str]]) -> tuple[Any, Any]:
    """``(vehicle, point)``: with ``--assume``, the vehicle at the central point of ``ranges`` and that
    point (:func:`_assumed`, recording what the run reads: :func:`_unused_assumptions`); without, the
    vehicle as it is and None."""
    if not assume:
        return vehicle, None
    point = _assumed(ranges)
    return vehicle.with_assumed(point), point


def _unused_assumptions(ranges: Mapping[str, Any], point: Any) -> list[str]:
    """The note naming the ``--assume`` assumptions a result computed at ``point`` (:func:`_assumed`,
    None without ``--assume``) did not read (:func:`batcalc.report.bands.unused_assumptions`)."""
    if point is None:
        return []
    from batcalc.report.bands import unused_assumptions

    return unused_assumptions(ranges, point.used)


def _explained(steps: list[str], data: dict, notes: list[str], fmt: str) -> list[str]:
    """Add an --explain derivation: under "explain" in JSON, before the notes elsewhere."""
    data["explain"] = steps
    return notes if fmt == "json" else ["derivation:"] + steps + notes


def _cycle(cycle: Optional[str]) -> str:
    """``--cycle`` as the commands take it ('default' when not given), checked here so that an unknown name
    or a bad constant speed names the option ("--cycle: constant speed '-50 km/h' must be above 0 ...").
    A shipped trace or a constant speed read here is cached for the command
    (:func:`batcalc.physics.cycles.get_cycle`); a trace file of one's own (``*.csv``) is left to the command,
    which reads it once, and whose errors name the file (and its line and column)."""
    if cycle is None:
        return "default"
    if cycle.strip().lower().endswith(".csv"):
        return cycle
    from batcalc.physics.cycles import get_cycle

    try:
        get_cycle(cycle)
    except SpecError:
        raise
    except BatcalcError as exc:
        raise reworded(exc, lambda text: BatcalcError(f"--cycle: {text}")) from None
    return cycle


#: Temperature units ``--ambient`` takes -> (scale, offset) to kelvin: ``T = scale x number + offset``.
def _temperature(text: Optional[str], option: str = "--ambient") -> Optional[float]:
    """An absolute temperature, K, or None (:func:`batcalc.units.parse_temperature`); errors name the option."""
    if text is None:
        return None
    from batcalc.units import parse_temperature

    try:
        return parse_temperature(text)
    except BatcalcError as exc:
        raise BatcalcError(f"{option}: {exc}") from None


def _vehicle(name: str, extra_mass: Optional[str] = None, ambient: Optional[str] = None,
             altitude: Optional[str] = None, climate: Optional[str] = None) -> "Vehicle":
    """The vehicle ``name`` with ``--extra-mass``, ``--ambient``, ``--altitude`` and ``--climate`` applied
    (:meth:`batcalc.physics.vehicle.Vehicle.in_conditions`; each validated with a one-line error naming
    the option)."""
    from batcalc.physics.vehicle import load_vehicle

    temperature = _temperature(ambient)
    height = _quantity(altitude, "length", "--altitude")
    extra = _quantity(extra_mass, "mass", "--extra-mass")
    return load_vehicle(name).in_conditions(temperature, height, climate, extra, option_name)


def _add_ambient(notes: list[str], data: dict, vehicle, simulated: bool = True, system: str = "metric") -> None:
    """State the vehicle's ambient conditions (as :func:`_vehicle` set them from the options, or the defaults)
    and any extra mass in the notes and JSON ``ambient``."""
    from batcalc.report.vehicle import ambient_notes

    temperature, altitude, climate = vehicle.ambient
    stated = ambient_notes(vehicle, temperature, altitude, simulated, climate, system)
    data["ambient"] = stated
    notes.extend(stated)


def _spec_file(name: str, kind: str) -> Union[str, tuple[int, int]]:
    """The file a spec name reads (catalogue id or path), as its ``(device, inode)``: two spellings of one
    file (``elec.yaml``, ``./elec.yaml``, a link, an id and its catalogue path) give the same, two files
    two (one ``stat``, where a real path takes one a folder of the path); ``-`` (standard input) and a
    name that resolves to no file, as given."""
    import os

    from batcalc.errors import NotFoundError
    from batcalc.spec.catalog import resolve

    if name == "-":
        return name
    try:
        st = os.stat(resolve(name, kind)[0])
    except (NotFoundError, OSError, ValueError):     # reported when it is loaded
        return name
    return st.st_dev, st.st_ino


def _same_file(a: str, b: str, cell_a: Any, cell_b: Any) -> bool:
    """Whether cell names ``a`` and ``b``, loaded as ``cell_a`` and ``cell_b``, read one file: the same
    name, or two spellings of it (``elec.yaml``, ``./elec.yaml``; an id and its catalogue file's path:
    :func:`_spec_file`). One file gives one id, so only cells of one id are looked up on the disk."""
    return a == b or (cell_a.id == cell_b.id and _spec_file(a, "cell") == _spec_file(b, "cell"))


def _each_file_once(names: list[str], loaded: list[Any], what: str) -> None:
    """Refuse a cell file named twice among ``names`` (loaded as ``loaded``), under one spelling or two
    (:func:`_same_file`), in one line saying that ``what`` needs each once."""
    for i, name in enumerate(names):
        first = next((names[j] for j in range(i) if _same_file(names[j], name, loaded[j], loaded[i])), None)
        if first is not None:
            same = "" if first == name else f" (as {first!r}: the same file)"
            raise BatcalcError(f"{name!r} is given twice{same}: {what}")


def _each_claims_file_once(names: list[str]) -> None:
    """Refuse a claims file named twice among ``names``, under one spelling or two (a catalogue id and its
    path, ``-`` twice: :func:`_spec_file`): its claims would be checked and counted twice."""
    first: dict[Union[str, tuple[int, int]], str] = {}
    for name in names:
        key = _spec_file(name, "claim")
        if key in first:
            same = "" if first[key] == name else f" (as {first[key]!r}: the same file)"
            raise BatcalcError(f"{name!r} is given twice{same}: check needs each claims file once (its claims "
                               f"would be counted twice)")
        first[key] = name


def _distinct_cells(names: list[str], loaded: list[Any], what: str) -> None:
    """Refuse a cell given twice to a chart, which labels its cells by id: the same file
    (:func:`_each_file_once`), or two files with one id (the chart drew one of them, the other dropped
    without a word)."""
    _each_file_once(names, loaded, f"{what} needs each cell once")
    for i, cell in enumerate(loaded):
        for j in range(i):
            if loaded[j].id == cell.id:
                raise BatcalcError(f"{names[j]!r} and {names[i]!r} both have the id {cell.id!r}: {what} labels "
                                   f"cells by id; give one of them another id")
