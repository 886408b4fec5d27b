"""Units: the one pint registry, strict parsing of value strings, and display unit systems.

Units live at the edges: spec files and command-line options give strings such as ``350 Wh/kg``;
:func:`parse_quantity` checks them against a strict grammar and a dimension and returns a pint
Quantity; the calculation layer converts once to SI magnitudes (:func:`to_si`) and works on plain
floats; results are turned back into display units (:func:`from_si`, :func:`display_unit`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import UnitError

#: kWh of electricity per US gallon of gasoline equivalent, the EPA's MPGe definition
#: (US EPA/DOE fueleconomy.gov, "MPGe": 33.705 kWh = 1 gallon of gasoline).
KWH_PER_GALLON_EQUIVALENT = 33.705

_DEFINITIONS = (
    f"MPGe = mile / ({KWH_PER_GALLON_EQUIVALENT} * kilowatt_hour) = mpge",
    "hundred_km = 100 * kilometer",
    "hundred_mi = 100 * mile",
)


@lru_cache(maxsize=1)
def ureg():
    """The package's single pint UnitRegistry, created on first use (pint costs ~0.4 s to load)."""
    import pint

    registry = pint.UnitRegistry(cache_folder=None)
    for line in _DEFINITIONS:
        registry.define(line)
    return registry


def Q_(magnitude: Any, unit: str):
    """A Quantity of the package registry; ``unit`` uses the same spellings as spec files."""
    return ureg().Quantity(magnitude, _pint_unit_expr(unit))


@dataclass(frozen=True)
class Dimension:
    """A physical dimension batcalc uses: its name, a human label, an example and its SI unit."""

    name: str
    label: str
    example: str
    si: str


DIMENSIONS: dict[str, Dimension] = {d.name: d for d in (
    Dimension("specific_energy", "specific energy", "Wh/kg", "J/kg"),
    Dimension("energy_density", "volumetric energy density", "Wh/L", "J/m^3"),
    Dimension("energy", "energy", "Wh", "J"),
    Dimension("mass", "mass", "kg", "kg"),
    Dimension("length", "length", "mm", "m"),
    Dimension("area", "area", "m^2", "m^2"),
    Dimension("volume", "volume", "L", "m^3"),
    Dimension("voltage", "voltage", "V", "V"),
    Dimension("charge", "electric charge", "Ah", "A*s"),
    Dimension("current", "current", "A", "A"),
    Dimension("time", "time", "min", "s"),
    Dimension("power", "power", "kW", "W"),
    Dimension("speed", "speed", "km/h", "m/s"),
    Dimension("force", "force", "N", "N"),
    Dimension("consumption", "consumption per distance", "Wh/km", "J/m"),
    Dimension("force_per_speed", "force per speed", "N/(km/h)", "N*s/m"),
    Dimension("force_per_speed2", "force per speed squared", "N/(km/h)^2", "N*s^2/m^2"),
    Dimension("fraction", "fraction", "%", "dimensionless"),
    Dimension("c_rate", "C-rate", "C", "1/s"),   # charge current / capacity; shown in C = 1/h
    Dimension("count", "count", "", "dimensionless"),    # cycles: a plain number
    Dimension("number", "dimensionless number", "", "dimensionless"),  # C_d, C_rr
)}

#: Display units by system: dimension name -> unit label (as written in spec files).
SYSTEMS: dict[str, dict[str, str]] = {
    "metric": {
        "specific_energy": "Wh/kg", "energy_density": "Wh/L", "energy": "Wh", "mass": "kg",
        "length": "mm", "area": "m^2", "volume": "L", "voltage": "V", "charge": "Ah",
        "current": "A", "time": "min", "power": "kW", "speed": "km/h", "force": "N",
        "consumption": "Wh/km", "force_per_speed": "N/(km/h)", "force_per_speed2": "N/(km/h)^2",
        "fraction": "%", "distance": "km", "c_rate": "C", "count": "cycles",
    },
    "imperial": {
        "specific_energy": "Wh/lb", "energy_density": "Wh/in^3", "energy": "Wh", "mass": "lb",
        "length": "in", "area": "ft^2", "volume": "in^3", "voltage": "V", "charge": "Ah",
        "current": "A", "time": "min", "power": "kW", "speed": "mph", "force": "lbf",
        "consumption": "Wh/mi", "force_per_speed": "lbf/mph", "force_per_speed2": "lbf/mph^2",
        "fraction": "%", "distance": "mi", "c_rate": "C", "count": "cycles",
    },
}

# Strict grammar: <finite decimal number> [unit]. Exponent at most 3 digits, so no 1e999 -> inf.
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?"
_VALUE_RE = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*(?P<unit>.*?)\s*$", re.DOTALL)
_UNIT_CHARS_RE = re.compile(r"^[A-Za-z%°µμΩ_(][A-Za-z0-9%°µμΩ_/*·^().\s-]*$")
_EXPONENT_RE = re.compile(r"(?:\^|\*\*)\s*\(?\s*(-?\d+)\s*\)?")
_DIGIT_RUN_RE = re.compile(r"\d+")
_PER_100_RE = re.compile(r"/\s*100\s*(km|mi)\b")
MAX_VALUE_LENGTH = 80
MAX_UNIT_LENGTH = 40
MAX_EXPONENT = 4


def _pint_unit_expr(unit: str) -> str:
    """Rewrite the spellings people use into pint's: ``kWh/100km`` -> ``kWh/hundred_km``.

    A lone ``C`` is not rewritten (pint reads it as coulomb); C-rates are parsed by the spec layer
    and shown through :func:`from_si` with the label ``C`` meaning 1/h.
    """
    expr = _PER_100_RE.sub(lambda m: "/hundred_" + m.group(1), unit.strip())
    return expr.replace("·", "*").replace("µ", "u").replace("μ", "u")


def _check_unit_text(unit: str) -> str:
    """Check a unit string against the grammar; return the pint expression for it."""
    if len(unit) > MAX_UNIT_LENGTH:
        raise UnitError(f"unit too long ({len(unit)} characters, at most {MAX_UNIT_LENGTH})")
    expr = _pint_unit_expr(unit)
    body = expr[2:] if expr.startswith("1/") else expr      # '1/h' is a unit people write
    if not _UNIT_CHARS_RE.match(body):
        raise UnitError(f"malformed unit {unit!r}: expected a unit such as 'Wh/kg'")
    if re.search(r"(?:\^|\*\*)[^A-Za-z/]*?(?:\^|\*\*)", expr):
        raise UnitError(f"malformed unit {unit!r}: chained exponents are not allowed")
    for m in _EXPONENT_RE.finditer(expr):
        if abs(int(m.group(1))) > MAX_EXPONENT:
            raise UnitError(f"exponent {m.group(1)} too large in unit {unit!r} (at most {MAX_EXPONENT})")
    # digits may only appear as exponents
    stripped = _EXPONENT_RE.sub("", body)
    if _DIGIT_RUN_RE.search(stripped):
        raise UnitError(f"malformed unit {unit!r}: numbers may appear in a unit only as exponents")
    return expr


@lru_cache(maxsize=512)
def parse_unit(unit: str):
    """Parse a unit label (``Wh/kg``, ``kWh/100km``, ``MPGe``) into pint Units; UnitError if unknown."""
    if not unit.strip():
        return ureg().dimensionless
    expr = _check_unit_text(unit)
    import pint

    try:
        return ureg().parse_units(expr)
    except pint.UndefinedUnitError as exc:
        raise UnitError(f"unknown unit {unit!r}: {exc}") from None
    except (pint.PintError, ValueError, TypeError, SyntaxError, AttributeError, KeyError) as exc:
        raise UnitError(f"malformed unit {unit!r}: {exc}") from None


def split_value(text: str) -> tuple[float, str]:
    """Split ``'350 Wh/kg'`` into ``(350.0, 'Wh/kg')`` by the strict grammar; UnitError otherwise."""
    if not isinstance(text, str):
        raise UnitError(f"expected a string '<number> <unit>', got {type(text).__name__}")
    if len(text) > MAX_VALUE_LENGTH:
        raise UnitError(f"value too long ({len(text)} characters, at most {MAX_VALUE_LENGTH})")
    m = _VALUE_RE.match(text)
    if not m:
        raise UnitError(f"malformed value {text!r}: expected '<number> <unit>', e.g. '350 Wh/kg'")
    number = float(m.group("num"))
    if not math.isfinite(number):
        raise UnitError(f"value {text!r} is not a finite number")
    return number, m.group("unit")


def dimension_of(dim: str) -> Dimension:
    """Look up a :class:`Dimension` by name."""
    return DIMENSIONS[dim]


@lru_cache(maxsize=64)
def _dimensionality(dim: str):
    return parse_unit(DIMENSIONS[dim].si).dimensionality


def describe_units(units) -> str:
    """A short human name of the dimension of pint units (or a Quantity), for error messages:
    batcalc's own name where it has one (``a voltage``), else pint's (``[length] / [mass]``)."""
    dims = units.dimensionality if hasattr(units, "dimensionality") else units
    for name, d in DIMENSIONS.items():
        if name not in ("count", "number", "c_rate") and d.si and _dimensionality(name) == dims:
            return f"{'an' if d.label[0] in 'aeiou' else 'a'} {d.label}" if name != "fraction" else "a plain number"
    return str(dims)


def parse_quantity(text: str, dim: str | None = None):
    """Parse ``'<number> <unit>'`` into a pint Quantity, checking the dimension ``dim`` if given.

    Raises :class:`UnitError` for malformed text, unknown units, non-finite numbers and values of
    the wrong dimension (naming the expected one with an example unit).
    """
    number, unit = split_value(text)
    if dim is not None and dim not in ("fraction", "number") and not unit.strip():
        d = DIMENSIONS[dim]
        raise UnitError(f"{text.strip()!r} has no unit: expected a {d.label}, e.g. '{number:g} {d.example}'")
    try:
        units = parse_unit(unit)
    except UnitError as exc:
        raise UnitError(f"{exc} (in {text.strip()!r})") from None
    q = ureg().Quantity(number, units)
    if dim is not None:
        check_dimension(q, dim, text)
    return q


def check_dimension(q, dim: str, text: str | None = None) -> None:
    """Raise UnitError unless Quantity ``q`` has the dimension named ``dim``."""
    if q.dimensionality != _dimensionality(dim):
        d = DIMENSIONS[dim]
        shown = text.strip() if text is not None else f"{q:~}"
        raise UnitError(f"{shown!r} is not {'an' if d.label[0] in 'aeiou' else 'a'} {d.label}: expected units like {d.example}, "
                        f"got {describe_units(q)}")


@lru_cache(maxsize=1024)
def _factor(unit: str, target: str) -> float:
    """Multiplicative factor from ``unit`` to ``target`` (both labels); cached."""
    return float(ureg().Quantity(1.0, parse_unit(unit)).to(parse_unit(target)).magnitude)


def to_si(q, dim: str) -> float:
    """Magnitude of Quantity ``q`` in the SI unit of dimension ``dim`` (a plain float)."""
    check_dimension(q, dim)
    return float(q.to(parse_unit(DIMENSIONS[dim].si)).magnitude)


def from_si(value: float, dim: str, unit: str):
    """Convert an SI magnitude of dimension ``dim`` to the display unit ``unit`` (works on arrays)."""
    if dim in ("count", "number"):
        return value
    if dim == "c_rate" and unit == "C":
        unit = "1/h"
    return value * _factor(DIMENSIONS[dim].si, unit)


def display_unit(dim: str, system: str = "metric") -> str:
    """The unit label used to show dimension ``dim`` in unit system ``system``."""
    try:
        table = SYSTEMS[system]
    except KeyError:
        raise UnitError(f"unknown unit system {system!r}: choose metric or imperial") from None
    return table[dim]


def convert(text: str, target: str):
    """Convert a value string to the ``target`` unit; returns a Quantity in ``target``.

    Reciprocal pairs are converted by inversion when the dimensions are inverse to each other,
    e.g. consumption ``15 kWh/100km`` -> ``4.14 mi/kWh`` or ``139.6 MPGe`` (1 MPGe = 1 mile per
    33.705 kWh).
    """
    q = parse_quantity(text)
    target_units = parse_unit(target)
    if q.dimensionality == target_units.dimensionality:
        return q.to(target_units)
    if q.dimensionality == (1 / target_units).dimensionality:
        if q.magnitude == 0:
            raise UnitError(f"cannot convert {text.strip()!r} to {target}: the reciprocal of zero is infinite")
        return (1 / q).to(target_units)
    raise UnitError(f"cannot convert {text.strip()!r} ({describe_units(q)}) to {target!r} "
                    f"({describe_units(target_units)}): the dimensions differ")


def format_number(x: float, digits: int = 4) -> str:
    """``x`` rounded to ``digits`` significant figures, without exponent for everyday magnitudes."""
    if x is None:
        return ""
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    mag = math.floor(math.log10(abs(x)))
    if -4 <= mag < 9:
        decimals = max(digits - 1 - mag, 0)
        text = f"{round(x, decimals):.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{x:.{digits - 1}e}"


def display(si_value, dim: str, system: str = "metric", category: str | None = None):
    """``(value, unit)`` of an SI magnitude shown in ``system``; ``category`` picks e.g. ``distance``
    (km/mi) instead of the plain ``length`` (mm/in) for the same dimension."""
    unit = display_unit(category or dim, system)
    return from_si(si_value, dim, unit), unit


_GRID_RE = re.compile(r"^\s*(?P<nums>[0-9eE+\-.,:\s]+?)\s*(?P<unit>[A-Za-z%°µμ(][^\s]*)\s*$")
MAX_GRID_POINTS = 10_000_000


def parse_grid(text: str, dim: str, option: str = "grid"):
    """Values for a sweep axis, as a numpy array of SI magnitudes.

    ``'200:500:50 Wh/kg'`` is start:stop:step (stop included when on the step), ``'250,300,350 Wh/kg'``
    a list; the unit follows the numbers once.
    """
    import numpy as np

    m = _GRID_RE.match(text or "")
    if not m:
        raise UnitError(f"{option}: expected 'start:stop:step unit' or 'a,b,c unit', e.g. '200:500:50 "
                        f"{DIMENSIONS[dim].example}', got {text!r}")
    unit, nums = m.group("unit"), m.group("nums").replace(" ", "")
    try:
        numbers = [float(x) for x in nums.split(":" if ":" in nums else ",") if x]
    except ValueError:
        raise UnitError(f"{option}: malformed numbers in {text!r}") from None
    if ":" in nums:
        if len(numbers) != 3:
            raise UnitError(f"{option}: expected start:stop:step in {text!r}")
        start, stop, step = numbers
        if not step > 0 or stop < start:
            raise UnitError(f"{option}: need step > 0 and stop >= start in {text!r}")
        count = int(math.floor((stop - start) / step + 1e-9)) + 1
        if count > MAX_GRID_POINTS:
            raise UnitError(f"{option}: {count} points is more than {MAX_GRID_POINTS}")
        values = start + step * np.arange(count)
    else:
        values = np.array(numbers)
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise UnitError(f"{option}: no finite values in {text!r}")
    if np.any(values <= 0):
        raise UnitError(f"{option}: values must be positive in {text!r}")
    check_dimension(ureg().Quantity(1.0, parse_unit(unit)), dim, f"{text.strip()}")
    return values * _factor(unit, DIMENSIONS[dim].si)
